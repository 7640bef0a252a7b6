"""Legal aid: an officer's day at the centre, from an application to a quality-checked closed case."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, open_action, submit_and_wait


def test_an_officers_day(browser, base):
    """Registers a migrant worker's wage claim, sees the rules waive the means check (Art. 42), grants aid, assigns the
    lawyer next in rotation, closes the case with the amount recovered, and scores it from the 待评查 queue."""
    applicant = "援助测试人%04d" % random.randint(0, 9999)
    login(browser, base, "fayuan")
    browser.find_element(By.LINK_TEXT, "法律援助").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "法律援助"
    browser.find_element(By.LINK_TEXT, "登记申请或通知辩护").click()

    form = browser.find_element(By.ID, "register")
    Select(form.find_element(By.ID, "f-matter")).select_by_visible_text("民事代理")
    Select(form.find_element(By.ID, "f-caseType")).select_by_visible_text("追索劳动报酬")
    form.find_element(By.ID, "f-applicantName").send_keys(applicant)
    form.find_element(By.ID, "f-householdMembers").send_keys("3")
    form.find_element(By.ID, "f-monthlyIncome").send_keys("-1")
    form.find_element(By.ID, "f-summary").send_keys("在建筑工地务工被拖欠工资32,000元，请求援助追索")
    # A negative income: the form names the field and the rule, and keeps what was typed.
    browser.execute_script("document.getElementById('f-monthlyIncome').removeAttribute('min')")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "家庭月收入须为0至10000000元之间的整数" in browser.page_source
    income = browser.find_element(By.ID, "f-monthlyIncome")
    income.clear()
    income.send_keys("9000")
    browser.find_element(By.ID, "f-statusMigrantWorker").click()
    browser.find_element(By.ID, "f-claimsWagesOrInjury").click()
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#register button[type=submit]"))
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title.startswith("东法援〔"), title
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "免予核查经济困难状况" in facts and "第四十二条" in facts, facts

    grant = open_action(browser, "决定给予法律援助")
    browser.execute_script("window.confirm = function () { return true; }")
    submit_and_wait(browser, grant.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "待指派" in browser.page_source

    assign = open_action(browser, "指派法律援助人员")
    lawyers = Select(assign.find_element(By.CSS_SELECTOR, "select[name=lawyerID]"))
    next_in_line = [o.text for o in lawyers.options if "轮候下一位" in o.text]
    assert next_in_line, [o.text for o in lawyers.options]
    lawyers.select_by_visible_text(next_in_line[0])
    submit_and_wait(browser, assign.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert next_in_line[0].split("（")[0] in facts, facts

    close = open_action(browser, "结案")
    close.find_element(By.CSS_SELECTOR, "input[name=result]").send_keys("经劳动仲裁调解，用人单位支付拖欠工资")
    close.find_element(By.CSS_SELECTOR, "input[name=recoveredYuan]").send_keys("32000")
    Select(close.find_element(By.CSS_SELECTOR, "select[name=satisfaction]")).select_by_visible_text("满意")
    submit_and_wait(browser, close.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "挽回经济损失32000元" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    case_url = browser.current_url

    browser.get(base + "/legal-aid?queue=review")
    assert applicant[0] in browser.page_source
    browser.get(case_url)
    review = open_action(browser, "案卷质量评查")
    for item, points in (("intake", "14"), ("assignment", "10"), ("contact", "19"), ("opinion", "27"), ("closing", "14"), ("feedback", "9")):
        review.find_element(By.CSS_SELECTOR, f"input[name={item}]").send_keys(points)
    review.find_element(By.CSS_SELECTOR, "input[name=reviewer]").send_keys("质量评查组")
    submit_and_wait(browser, review.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "93分" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text


def test_the_self_check_says_what_to_bring(browser, base):
    login(browser, base, "fayuan")
    browser.get(base + "/legal-aid/self-check")
    browser.find_element(By.ID, "f-householdMembers").clear()
    browser.find_element(By.ID, "f-householdMembers").send_keys("2")
    browser.find_element(By.ID, "f-monthlyIncome").send_keys("2000")
    browser.find_element(By.ID, "f-s-disabled").click()
    browser.find_element(By.ID, "f-noFixedIncome").click()
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    result = browser.find_element(By.ID, "result").text
    assert "可能符合法律援助条件" in result and "残疾人证" in result, result
