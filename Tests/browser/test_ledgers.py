"""Ledgers: a station records a publicity event; a bad number is explained under its field; the entry is listed."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, submit_and_wait


def test_station_records_a_publicity_event(browser, base):
    login(browser, base, "chunhua")
    browser.find_element(By.LINK_TEXT, "台账").click()
    browser.find_element(By.LINK_TEXT, "普法活动").click()
    browser.find_element(By.LINK_TEXT, "新增").click()
    title = "宪法宣传周进社区%04d" % random.randint(0, 9999)
    browser.execute_script("document.getElementById('f-occurredOn').value = '2026-11-20'")
    browser.find_element(By.ID, "f-title").send_keys(title)
    browser.find_element(By.ID, "f-place").send_keys("春华街道社区服务中心")
    # The type is chosen from the active types of the list the admin keeps (选项目录 普法活动类型).
    Select(browser.find_element(By.ID, "f-type")).select_by_visible_text("模拟法庭")
    browser.find_element(By.ID, "f-quantity").send_keys("-5")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert browser.find_element(By.ID, "f-quantity-error").text, "no error under the quantity"

    quantity = browser.find_element(By.ID, "f-quantity")
    quantity.clear()
    quantity.send_keys("80")
    browser.execute_script("document.getElementById('f-occurredOn').value = '2026-11-20'")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert title in browser.page_source
    assert "模拟法庭" in browser.find_element(By.XPATH, "//tr[td[contains(., '%s')]]" % title).text

    # A typo found later: the row's 修改 opens the form filled in; the corrected figure is listed.
    row = browser.find_element(By.XPATH, "//tr[td[contains(., '%s')]]" % title)
    row.find_element(By.LINK_TEXT, "修改").click()
    quantity = browser.find_element(By.ID, "f-quantity")
    assert quantity.get_attribute("value") == "80", quantity.get_attribute("value")
    quantity.clear()
    quantity.send_keys("90")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    row = browser.find_element(By.XPATH, "//tr[td[contains(., '%s')]]" % title)
    assert "90" in row.text, row.text
