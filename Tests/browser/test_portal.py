"""The public portal at phone size: a resident signs up with a text-message code, applies for reconsideration with
evidence and sees it 待受理; the officer accepts it and issues the acceptance notice in the staff site; the resident
opens the notice, and the case's documents page shows it served electronically at that time."""
import os
import random
import re
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import assert_accessible, login, submit_and_wait


def sent_code(phone):
    """The code the server sent to `phone`: with no SMS provider configured the message is written to its log, which
    the test command names in FAZHI_SERVER_LOG."""
    log = os.environ.get("FAZHI_SERVER_LOG")
    assert log, "FAZHI_SERVER_LOG names the server's log (the SMS sender writes codes there without a provider)"
    for _ in range(50):
        with open(log, encoding="utf-8", errors="replace") as handle:
            codes = re.findall(r"to=" + phone + r" text=【[^】]*】您的验证码为(\d{6})", handle.read())
        if codes:
            return codes[-1]
        time.sleep(0.2)
    raise AssertionError("no code for " + phone + " in the server log")


def set_date(browser, element_id, value):
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


def test_apply_online_and_receive_the_acceptance_notice(browser, base):
    browser.set_window_size(360, 780)
    phone = "139%08d" % random.randint(0, 99999999)
    browser.get(base + "/portal")
    # Mobile first: nothing wider than the phone's screen.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 360
    browser.find_element(By.LINK_TEXT, "在线申请").click()
    # Applying needs an account: the sign-in page, then the code.
    assert "/portal/login" in browser.current_url
    browser.find_element(By.ID, "f-phone").send_keys(phone)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    browser.find_element(By.ID, "f-code").send_keys(sent_code(phone))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    # Who they are: a wrong check digit is explained under the field.
    assert "/portal/profile" in browser.current_url
    browser.find_element(By.ID, "f-name").send_keys("网上申请人")
    browser.find_element(By.ID, "f-idNumber").send_keys("110105194912310021")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "校验位" in browser.find_element(By.ID, "f-idNumber-error").text
    field = browser.find_element(By.ID, "f-idNumber")
    field.clear()
    field.send_keys("11010519491231002X")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    # The application, with evidence, back where the sign-in started.
    assert "/portal/apply/reconsideration" in browser.current_url, browser.current_url
    act = "东市监罚〔2026〕%d号行政处罚决定" % random.randint(100, 999)
    Select(browser.find_element(By.ID, "f-respondentID")).select_by_visible_text("河东区市场监督管理局")
    browser.find_element(By.ID, "f-act").send_keys(act)
    set_date(browser, "f-knewOn", time.strftime("%Y-%m-%d"))
    browser.find_element(By.ID, "f-request").send_keys("撤销该行政处罚决定")
    browser.find_element(By.ID, "f-serviceConsent").click()
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=save]"))
    assert "草稿已保存" in browser.page_source
    evidence = tempfile.NamedTemporaryFile("wb", suffix=".pdf", delete=False)
    evidence.write(b"%PDF-1.4\n% evidence of the browser test\n")
    evidence.close()
    browser.find_element(By.ID, "f-file").send_keys(evidence.name)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#evidence form button[type=submit]"))
    assert os.path.basename(evidence.name) in browser.find_element(By.ID, "evidence").text
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    assert "申请已提交" in browser.page_source, browser.page_source[:800]
    receipt = browser.find_element(By.CSS_SELECTOR, "strong.receipt").text
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt), receipt
    status = browser.find_element(By.CSS_SELECTOR, "section.status").text
    assert "待受理审查" in status and "第三十条" in status, status
    case_number = re.search(r"东政复〔\d{4}〕\d+号", status).group(0)
    matter_url = browser.current_url.split("?")[0]

    # The officer finds it in 待受理, accepts it and issues the acceptance notice.
    browser.set_window_size(1280, 900)
    login(browser, base, "fuyi")
    browser.get(base + "/reconsideration?queue=awaitingAcceptance")
    browser.find_element(By.PARTIAL_LINK_TEXT, case_number).click()
    assert "网上申请" in browser.page_source
    accept = browser.find_element(By.XPATH, "//details[summary[text()='受理']]")
    accept.find_element(By.TAG_NAME, "summary").click()
    submit_and_wait(browser, accept.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    Select(browser.find_element(By.CSS_SELECTOR, "select[name=kind]")).select_by_value("acceptanceNotice")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//form[contains(@action,'/instruments')]//button"))
    case_url = browser.current_url.split("#")[0]

    # The resident opens the notice on the phone: that is its service.
    browser.set_window_size(360, 780)
    browser.get(matter_url)
    assert "已受理" in browser.find_element(By.CSS_SELECTOR, "section.status").text
    browser.find_element(By.PARTIAL_LINK_TEXT, "受理通知书").click()
    assert "受理通知书" in browser.page_source
    browser.get(matter_url)
    assert "已送达" in browser.find_element(By.ID, "documents").text

    # The staff see the time it was opened on the case's documents page.
    browser.set_window_size(1280, 900)
    browser.get(case_url + "/documents")
    services = browser.find_element(By.ID, "services").text
    assert "电子送达" in services and "网上服务平台打开文书" in services, services

    # The receipt code follows the matter without an account (a fresh session: signed out of the portal).
    browser.delete_all_cookies()
    browser.get(base + "/portal/track")
    browser.find_element(By.ID, "f-code").send_keys(receipt.lower())
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert case_number in browser.page_source


def sign_up_and_apply(browser, base):
    """A new resident at phone size signs up and applies; returns the case number and the matter's address."""
    browser.set_window_size(360, 780)
    phone = "138%08d" % random.randint(0, 99999999)
    browser.get(base + "/portal/login?next=/portal/apply/reconsideration")
    browser.find_element(By.ID, "f-phone").send_keys(phone)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    browser.find_element(By.ID, "f-code").send_keys(sent_code(phone))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    browser.find_element(By.ID, "f-name").send_keys("评价测试人")
    browser.find_element(By.ID, "f-idNumber").send_keys("120102198503150011")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    Select(browser.find_element(By.ID, "f-respondentID")).select_by_visible_text("河东区城市管理委员会")
    browser.find_element(By.ID, "f-act").send_keys("东城管罚〔2026〕%d号行政处罚决定" % random.randint(100, 999))
    set_date(browser, "f-knewOn", time.strftime("%Y-%m-%d"))
    browser.find_element(By.ID, "f-request").send_keys("撤销该行政处罚决定")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    status = browser.find_element(By.CSS_SELECTOR, "section.status").text
    return re.search(r"东政复〔\d{4}〕\d+号", status).group(0), browser.current_url.split("?")[0]


def test_rate_a_concluded_matter_and_a_station_visit(browser, base):
    case_number, matter_url = sign_up_and_apply(browser, base)

    # The officer decides not to accept it: the matter is concluded.
    browser.set_window_size(1280, 900)
    login(browser, base, "fuyi")
    browser.get(base + "/reconsideration?queue=awaitingAcceptance")
    browser.find_element(By.PARTIAL_LINK_TEXT, case_number).click()
    browser.execute_script("window.confirm = function () { return true; }")
    reject = browser.find_element(By.XPATH, "//details[summary[text()='不予受理']]")
    reject.find_element(By.TAG_NAME, "summary").click()
    reject.find_element(By.CSS_SELECTOR, "[name=reason]").send_keys("不属于行政复议范围")
    submit_and_wait(browser, reject.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    # The resident rates it, once.
    browser.set_window_size(360, 780)
    browser.get(matter_url)
    assert "不予受理" in browser.find_element(By.CSS_SELECTOR, "section.status").text
    rating = browser.find_element(By.ID, "rating")
    rating.find_element(By.ID, "f-score-4").click()
    rating.find_element(By.ID, "f-comment").send_keys("答复及时，说明清楚")
    submit_and_wait(browser, rating.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "您已评价：4分" in browser.find_element(By.ID, "rating").text

    # A station's staff record a visit and hand over the rating link; the resident rates it on the phone.
    browser.set_window_size(1280, 900)
    browser.delete_all_cookies()
    login(browser, base, "chunhua")
    browser.get(base + "/stations")
    browser.find_element(By.PARTIAL_LINK_TEXT, "春华街道公共法律服务工作站").click()
    visits = browser.find_element(By.ID, "visits")
    Select(visits.find_element(By.ID, "f-service")).select_by_visible_text("法律咨询")
    visits.find_element(By.ID, "f-waitedMinutes").send_keys("5")
    submit_and_wait(browser, visits.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    link = browser.find_element(By.ID, "rating-link").text
    assert "/portal/rate/" in link, link
    browser.delete_all_cookies()
    browser.set_window_size(360, 780)
    browser.get(link)
    browser.find_element(By.ID, "f-score-5").click()
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "您已评价：5分" in browser.page_source

    # The bureau's page ranks the demo's stations and names their gaps.
    browser.set_window_size(1280, 900)
    login(browser, base, "leader")
    browser.get(base + "/stations")
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert len(rows) >= 14, len(rows)
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "春华街道公共法律服务工作站" in page and "棉3创意街区" in page
    assert "群众评价偏低" in page or "标识" in page or "无障碍" in page, page[:600]


def test_book_a_notary_visit_every_page_accessible(browser, base):
    """A resident applies for a notarisation and books the half-day they come in, then moves it; the notary office
    sees the visitor on its day. Every portal page on the way is audited at 360 px against WCAG 2.1 AA (axe-core)."""
    browser.set_window_size(360, 780)
    phone = "137%08d" % random.randint(0, 99999999)
    browser.get(base + "/portal")
    assert_accessible(browser, "the portal's home")
    browser.get(base + "/portal/login?next=/portal/apply/notary")
    assert_accessible(browser, "the sign-in page")
    browser.find_element(By.ID, "f-phone").send_keys(phone)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert_accessible(browser, "the code page")
    browser.find_element(By.ID, "f-code").send_keys(sent_code(phone))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert_accessible(browser, "the profile page")
    browser.find_element(By.ID, "f-name").send_keys("预约测试人")
    browser.find_element(By.ID, "f-idNumber").send_keys("120102198503150011")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))

    # The form offers the half-days of the coming working days, each with its free places.
    assert "/portal/apply/notary" in browser.current_url, browser.current_url
    assert_accessible(browser, "the notarisation form")
    Select(browser.find_element(By.ID, "f-orgID")).select_by_index(1)
    Select(browser.find_element(By.ID, "f-matterType")).select_by_index(1)
    browser.find_element(By.ID, "f-purpose").send_keys("办理房产继承过户")
    browser.find_element(By.ID, "f-summary").send_keys("申请人继承其父遗留的房产一处")
    # Submitted without a half-day: the message under the field, the draft kept.
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    assert "请选择预约到场时间" in browser.find_element(By.ID, "f-appointment-error").text
    assert_accessible(browser, "the form with its errors")
    slots = [o for o in Select(browser.find_element(By.ID, "f-appointment")).options if o.get_attribute("value") and o.is_enabled()]
    assert len(slots) >= 2 and "余" in slots[0].text, [o.text for o in slots[:3]]
    first = slots[0].text.split("（余")[0]
    Select(browser.find_element(By.ID, "f-appointment")).select_by_value(slots[0].get_attribute("value"))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    assert "申请已提交" in browser.page_source, browser.page_source[:800]
    assert first in browser.find_element(By.ID, "appointment").text
    assert_accessible(browser, "the submitted matter")
    case_number = re.search(r"案号：(\S+号)", browser.find_element(By.CSS_SELECTOR, "section.status").text).group(1)

    # Moved to another half-day on the matter's page.
    booking = browser.find_element(By.ID, "appointment")
    later = [o for o in Select(booking.find_element(By.ID, "f-appointment")).options if o.get_attribute("value") and o.is_enabled()][1]
    moved = later.text.split("（余")[0]
    Select(booking.find_element(By.ID, "f-appointment")).select_by_value(later.get_attribute("value"))
    submit_and_wait(browser, booking.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert moved in browser.find_element(By.ID, "appointment").text
    browser.get(base + "/portal/matters")
    assert_accessible(browser, "my matters")
    browser.get(base + "/portal/track")
    assert_accessible(browser, "the receipt-code page")

    # The office sees the visitor on the day booked.
    day = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", moved).groups()
    browser.set_window_size(1280, 900)
    login(browser, base, "gongzheng")
    browser.get(base + "/appointments?day=%s-%02d-%02d" % (day[0], int(day[1]), int(day[2])))
    assert case_number in browser.find_element(By.TAG_NAME, "main").text
