"""Statistics: a leader sees the year on the dashboard, follows a figure to its records, and edits the report draft."""
from selenium.webdriver.common.by import By

from pages import login, submit_and_wait


def test_dashboard_drilldown_and_draft(browser, base):
    login(browser, base, "leader")
    browser.find_element(By.LINK_TEXT, "工作统计").click()
    assert browser.find_elements(By.CSS_SELECTOR, "figure.chart svg"), "no chart"
    figure = browser.find_element(By.CSS_SELECTOR, "table.figures a[href*='reconsideration.received']")
    count = figure.text
    figure.click()
    caption = browser.find_element(By.TAG_NAME, "caption").text
    assert count.rstrip("件") in caption, (count, caption)

    browser.find_element(By.LINK_TEXT, "年度报告").click()
    assert "法治政府建设情况报告" in browser.find_element(By.TAG_NAME, "h1").text
    box = browser.find_element(By.ID, "slot-shortcomings")
    box.clear()
    box.send_keys("基层法治工作力量仍需加强。")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.draft button[type=submit]"))
    assert "基层法治工作力量仍需加强。" in browser.find_element(By.ID, "slot-shortcomings").get_attribute("value")
    assert "第1版" in browser.page_source or "第2版" in browser.page_source
