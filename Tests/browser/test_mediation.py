"""People's mediation: a community mediator's day, and the leader's coverage-gap page."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, open_action, submit_and_wait


def test_a_mediators_day(browser, base):
    """Takes in a walk-in dispute, accepts it with a mediator, holds a session, records the written agreement, prints
    it, and follows it up from the 待回访 queue."""
    applicant = "调解测试人%04d" % random.randint(0, 9999)
    login(browser, base, "tiaojie")
    browser.find_element(By.LINK_TEXT, "人民调解").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "人民调解"
    browser.find_element(By.LINK_TEXT, "登记矛盾纠纷").click()

    form = browser.find_element(By.ID, "register")
    Select(form.find_element(By.ID, "f-disputeType")).select_by_visible_text("邻里纠纷")
    form.find_element(By.ID, "f-applicantName").send_keys(applicant)
    form.find_element(By.ID, "f-respondentName").send_keys("楼上住户")
    # No summary: the form says which field and why, and keeps what was typed.
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "纠纷简要情况不能为空" in browser.page_source
    browser.find_element(By.ID, "f-summary").send_keys("楼上漏水致楼下墙面受损，双方就赔偿发生争执")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#register button[type=submit]"))
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title.startswith("东调〔"), title
    assert "待受理" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text or "待受理" in browser.page_source

    accept = open_action(browser, "受理并指定调解员")
    Select(accept.find_element(By.CSS_SELECTOR, "select[name=mediatorID]")).select_by_visible_text("周调解")
    submit_and_wait(browser, accept.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "周调解" in facts, facts
    assert "工作目标" in browser.page_source    # the 30-day target, never a violation

    session = open_action(browser, "登记调解")
    session.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("双方到场，释法说理，初步达成赔偿意向")
    submit_and_wait(browser, session.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    agree = open_action(browser, "达成调解协议")
    Select(agree.find_element(By.CSS_SELECTOR, "select[name=form]")).select_by_visible_text("书面调解协议")
    agree.find_element(By.CSS_SELECTOR, "input[name=terms]").send_keys("楼上住户于十五日内赔偿维修费人民币叁仟元整")
    submit_and_wait(browser, agree.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "调解成功" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    case_url = browser.current_url

    Select(browser.find_element(By.CSS_SELECTOR, "select[name=kind]")).select_by_value("agreement")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//form[contains(@action,'/instruments')]//button"))
    link = browser.find_element(By.LINK_TEXT, "Word 文档")
    assert link.get_attribute("href").endswith(".docx")

    # The follow-up is scheduled by the queue: the resolved dispute waits in 待回访 until visited.
    browser.get(base + "/mediation?queue=followUp")
    assert applicant[0] in browser.page_source
    browser.get(case_url)
    visit = open_action(browser, "登记回访")
    Select(visit.find_element(By.CSS_SELECTOR, "select[name=performance]")).select_by_visible_text("已履行")
    submit_and_wait(browser, visit.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "已履行" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text


def test_the_coverage_gap_names_express_logistics(browser, base):
    login(browser, base, "leader")
    browser.get(base + "/mediation/coverage")
    assert "快递物流纠纷" in browser.find_element(By.CSS_SELECTOR, ".alert").text
    browser.find_element(By.XPATH, "//table[caption[contains(text(),'未覆盖的高发')]]//a").click()
    assert "快递物流纠纷" in browser.find_element(By.TAG_NAME, "h1").text
    assert "东调〔" in browser.page_source
