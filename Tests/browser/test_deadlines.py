"""Deadlines: the calculator gives the due date with its basis and explanation, and explains bad input."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, submit_and_wait


def test_calculator_shows_due_date_and_basis(browser, base):
    login(browser, base, "fuyi")
    browser.find_element(By.LINK_TEXT, "期限计算器").click()
    browser.execute_script("document.getElementById('f-from').value = '2024-09-25'")
    Select(browser.find_element(By.ID, "f-rule")).select_by_value("reconsideration.reply")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    result = browser.find_element(By.CSS_SELECTOR, "p.due").text
    assert "2024年10月14日" in result, result
    assert "第四十八条" in browser.page_source
    assert "国庆节" in browser.find_element(By.CSS_SELECTOR, "ol.explain").text


def test_calculator_error_is_under_the_field(browser, base):
    login(browser, base, "chunhua")
    browser.get(base + "/deadlines/calculator")
    browser.execute_script("document.getElementById('f-from').value = '2024-09-25'")
    browser.find_element(By.ID, "f-days").send_keys("10")
    browser.find_element(By.ID, "f-pauses").send_keys("2024-12-01..2024-12-05")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    error = browser.find_element(By.ID, "f-pauses-error").text
    assert error, "no error under the pauses field"
