"""Reminders and jobs: a handler reads the daily reminder the demo posted, follows a deadline to its case, marks it
read and chooses e-mail (a bad address refused under its field); the system administrator sees the scheduled jobs and
starts one. Every page audited with axe-core (WCAG 2.1 AA)."""
from selenium.webdriver.common.by import By

from pages import assert_accessible, login, logout, submit_and_wait


def test_a_handler_reads_the_daily_reminder_and_chooses_e_mail(browser, base):
    login(browser, base, "fuyi")
    browser.find_element(By.LINK_TEXT, "消息提醒").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "消息提醒"
    digests = [card for card in browser.find_elements(By.CSS_SELECTOR, "article.notice") if "每日提醒" in card.text]
    assert digests, "the demo posts the last working day's digest: " + browser.page_source[:800]
    digest = digests[0]
    assert "已超期" in digest.text and "承办的行政复议在办案件" in digest.text
    assert_accessible(browser, "the inbox")

    # A deadline in it links to its case, with the deadline's legal basis.
    deadline = next(link for link in digest.find_elements(By.CSS_SELECTOR, "li a") if link.text.startswith("【"))
    assert "行政复议法" in deadline.text
    case_href = deadline.get_attribute("href")
    browser.get(case_href)
    assert "/reconsideration/" in browser.current_url and browser.find_element(By.TAG_NAME, "h1").text

    # Marked read, it loses its 未读 badge.
    browser.get(base + "/account/inbox")
    unread = [card for card in browser.find_elements(By.CSS_SELECTOR, "article.notice.unread") if "每日提醒" in card.text]
    if unread:
        submit_and_wait(browser, unread[0].find_element(By.CSS_SELECTOR, "form button"))
        assert len([c for c in browser.find_elements(By.CSS_SELECTOR, "article.notice.unread") if "每日提醒" in c.text]) == len(unread) - 1

    # E-mail as well: an address without a domain the mail can reach is refused under its field, the choice kept.
    browser.find_element(By.LINK_TEXT, "提醒方式").click()
    browser.find_element(By.ID, "f-email").clear()
    browser.find_element(By.ID, "f-email").send_keys("fuyi@hedong")
    checkbox = browser.find_element(By.ID, "f-byEmail")
    if not checkbox.is_selected():
        checkbox.click()
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    assert "电子邮箱格式不正确" in browser.find_element(By.ID, "f-email-error").text
    assert browser.find_element(By.ID, "f-email").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "f-byEmail").is_selected()
    assert_accessible(browser, "the channels form with its error")
    browser.find_element(By.ID, "f-email").clear()
    browser.find_element(By.ID, "f-email").send_keys("fuyi@hedong.gov.cn")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    assert "已保存" in browser.page_source
    assert browser.find_element(By.ID, "f-email").get_attribute("value") == "fuyi@hedong.gov.cn"
    assert browser.find_element(By.ID, "f-byEmail").is_selected()
    logout(browser)


def test_the_administrator_sees_the_jobs_and_starts_one(browser, base):
    login(browser, base, "admin")
    browser.find_element(By.LINK_TEXT, "后台任务").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "后台任务"
    page = browser.page_source
    for key in ["case_clock", "reminders.daily", "reminders.outbox", "jobs.prune"]:
        assert key in page
    assert_accessible(browser, "the jobs page")
    row = browser.find_element(By.XPATH, "//tr[td//code[text()='case_clock']]")
    submit_and_wait(browser, row.find_element(By.CSS_SELECTOR, "form button"))
    assert "已启动“案件时钟" in browser.page_source
    logout(browser)
