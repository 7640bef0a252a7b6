"""Enforcement supervision: the office sets a plan line, records an inspection against it with a finding (its
rectification notice), the agency reports its rectification in its own scope, the office accepts it."""
import datetime
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, logout, submit_and_wait


def test_plan_inspection_rectification_accepted(browser, base):
    today = datetime.date.today()
    topic = "执法公示专项监督%04d" % random.randint(0, 9999)
    login(browser, base, "zhifa")
    browser.find_element(By.LINK_TEXT, "行政执法监督").click()

    # The plan: one inspection of the market regulator in January, so it shows as behind until held.
    form = browser.find_element(By.ID, "plan")
    Select(form.find_element(By.ID, "f-kind")).select_by_value("supervision")
    Select(form.find_element(By.ID, "f-agencyID")).select_by_visible_text("河东区市场监督管理局")
    form.find_element(By.ID, "f-topic").send_keys(topic)
    form.find_element(By.ID, "f-month").send_keys("1")
    form.find_element(By.ID, "f-planned").send_keys("1")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    behind = browser.find_element(By.XPATH, "//table[caption[contains(., '滞后')]]")
    assert topic in behind.text, behind.text

    # The inspection against it, with a finding; a finding without its description is explained under the field.
    browser.find_element(By.LINK_TEXT, "监督检查").click()
    browser.find_element(By.LINK_TEXT, "记录监督检查").click()
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("special")
    browser.execute_script("document.getElementById('f-heldOn').value = arguments[0]", (today - datetime.timedelta(days=3)).isoformat())
    browser.find_element(By.ID, "f-topic").send_keys(topic)
    Select(browser.find_element(By.ID, "f-planLineID")).select_by_visible_text("1月 河东区市场监督管理局 " + topic)
    browser.find_element(By.XPATH, "//label[text()='河东区市场监督管理局']/preceding-sibling::input").click()
    files = browser.find_element(By.ID, "f-filesReviewed")
    files.clear()
    files.send_keys("12")
    Select(browser.find_element(By.ID, "f-finding0AgencyID")).select_by_visible_text("河东区市场监督管理局")
    Select(browser.find_element(By.ID, "f-finding0Category")).select_by_value("publicity")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form#inspection button[type=submit]"))
    assert browser.find_element(By.ID, "f-finding0Description-error").text
    browser.find_element(By.ID, "f-finding0Description").send_keys("行政处罚决定未在七个工作日内公示")
    browser.execute_script("document.getElementById('f-heldOn').value = arguments[0]", (today - datetime.timedelta(days=3)).isoformat())
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form#inspection button[type=submit]"))
    assert topic in browser.find_element(By.TAG_NAME, "h1").text
    notice = browser.find_element(By.PARTIAL_LINK_TEXT, "执法监督整改")
    number = notice.text
    notice.click()
    finding_url = browser.current_url
    assert "待整改" in browser.page_source
    # The deadline as the engine counted it: its rule, basis (unverified) and how it was counted, as on a case page.
    deadlines = browser.find_element(By.XPATH, "//table[caption[text()='期限']]")
    assert "行政执法监督整改期限" in deadlines.text and "期限待核实" in deadlines.text, deadlines.text
    assert deadlines.find_element(By.XPATH, ".//details/summary[text()='计算说明']")
    assert deadlines.find_element(By.CSS_SELECTOR, ".badge.deadline").text.startswith(("进行中", "即将到期"))
    assert browser.find_element(By.PARTIAL_LINK_TEXT, "下载整改通知书").get_attribute("href").endswith("notice.docx")
    logout(browser)

    # The market regulator reports its rectification; it cannot accept it.
    login(browser, base, "zhifa-shijian")
    browser.get(base + "/enforcement/rectifications?queue=open")
    assert number in browser.page_source
    browser.get(finding_url)
    assert not browser.find_elements(By.ID, "review")
    browser.find_element(By.ID, "f-report").send_keys("已在门户网站补充公示，并建立公示台账")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form#report button[type=submit]"))
    assert "已报送待验收" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, ".badge.deadline").text.startswith("按期完成")
    logout(browser)

    # The office accepts it; the plan line is no longer behind.
    login(browser, base, "zhifa")
    browser.get(finding_url)
    Select(browser.find_element(By.ID, "f-accept")).select_by_value("true")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form#review button[type=submit]"))
    assert "已验收" in browser.page_source
    browser.get(base + "/enforcement")
    behind = browser.find_element(By.XPATH, "//table[caption[contains(., '滞后')]]")
    assert topic not in behind.text, behind.text
