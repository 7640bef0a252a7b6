"""Notarisation: a notary clerk's day at the notary office."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, submit_and_wait


def open_action(browser, title):
    action = browser.find_element(By.XPATH, f"//details[summary[text()='{title}']]")
    action.find_element(By.TAG_NAME, "summary").click()
    return action


def test_a_notary_clerks_day(browser, base):
    """Registers an application for a degree certificate used abroad, accepts it with the notary in charge, pauses the
    clock for verification and resumes it, issues the certificate (its number allocated), and finds it among 已出证."""
    applicant = "公证测试人%04d" % random.randint(0, 9999)
    login(browser, base, "gongzheng")
    browser.find_element(By.LINK_TEXT, "公证").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "公证"
    browser.find_element(By.LINK_TEXT, "登记公证申请").click()

    form = browser.find_element(By.ID, "register")
    Select(form.find_element(By.ID, "f-matterType")).select_by_visible_text("学历学位证明")
    form.find_element(By.ID, "f-applicantName").send_keys(applicant)
    form.find_element(By.ID, "f-purpose").send_keys("在英国使用")
    # No matter described: the form says which field and why, and keeps what was typed.
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "申请公证的事项不能为空" in browser.page_source
    browser.find_element(By.ID, "f-summary").send_keys("学位证书公证")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#register button[type=submit]"))
    assert "待受理" in browser.page_source

    accept = open_action(browser, "受理并指定承办公证员")
    Select(accept.find_element(By.CSS_SELECTOR, "select[name=notaryID]")).select_by_visible_text("郑公证")
    submit_and_wait(browser, accept.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "郑公证" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "公证法》第三十条" in browser.page_source    # the deadline names its basis

    pause = open_action(browser, "暂停计时")
    Select(pause.find_element(By.CSS_SELECTOR, "select[name=ground]")).select_by_visible_text("核实有关情况")
    pause.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("向学校核实学位")
    submit_and_wait(browser, pause.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "核实有关情况" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    case_url = browser.current_url

    browser.get(base + "/notary?queue=paused")
    assert applicant[0] in browser.page_source
    browser.get(case_url)
    resume = open_action(browser, "恢复计时")
    submit_and_wait(browser, resume.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    issue = open_action(browser, "出具公证书")
    issue.find_element(By.CSS_SELECTOR, "input[name=fee]").send_keys("-5")
    browser.execute_script("window.confirm = function () { return true; };")
    submit_and_wait(browser, issue.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "收费金额不能为负数" in browser.page_source
    browser.get(case_url)
    issue = open_action(browser, "出具公证书")
    issue.find_element(By.CSS_SELECTOR, "input[name=fee]").send_keys("200")
    browser.execute_script("window.confirm = function () { return true; };")
    submit_and_wait(browser, issue.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "津河东证字第" in facts and "已出证" in browser.page_source, facts

    browser.get(base + "/notary?queue=issued")
    assert applicant[0] in browser.page_source
