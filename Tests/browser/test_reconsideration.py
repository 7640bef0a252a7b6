"""Reconsideration: register an application, accept it, issue the acceptance notice, see it in the queue."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, masked, submit_and_wait


def set_date(browser, element_id, value):
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


def test_register_accept_and_issue_notice(browser, base):
    login(browser, base, "fuyi")
    browser.find_element(By.LINK_TEXT, "行政复议").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "行政复议"
    browser.find_element(By.LINK_TEXT, "登记新申请").click()

    form = browser.find_element(By.ID, "register")
    form.find_element(By.ID, "f-applicantName").send_keys("浏览器测试人")
    # A wrong check digit is explained under its field.
    form.find_element(By.ID, "f-applicantIdNumber").send_keys("120102198503150012")
    Select(form.find_element(By.ID, "f-respondentID")).select_by_visible_text("河东区市场监督管理局")
    form.find_element(By.ID, "f-act").send_keys("河市监罚〔2026〕7号行政处罚决定")
    form.find_element(By.ID, "f-request").send_keys("撤销该行政处罚决定")
    set_date(browser, "f-knewOn", "2026-11-10")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    error = browser.find_element(By.ID, "f-applicantIdNumber-error").text
    assert "GB 11643" in error, error

    field = browser.find_element(By.ID, "f-applicantIdNumber")
    field.clear()
    field.send_keys("120102198503150011")
    set_date(browser, "f-knewOn", "2026-11-10")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#register button[type=submit]"))
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title.startswith("东政复〔"), title
    assert "受理审查" in browser.page_source or "审查" in browser.page_source
    assert "第三十条" in browser.page_source

    # Accept: open the action, submit it.
    accept = browser.find_element(By.XPATH, "//details[summary[text()='受理']]")
    accept.find_element(By.TAG_NAME, "summary").click()
    submit_and_wait(browser, accept.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "审理中" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text

    # Issue the acceptance notice.
    Select(browser.find_element(By.CSS_SELECTOR, "select[name=kind]")).select_by_value("acceptanceNotice")
    submit_and_wait(browser, browser.find_element(By.XPATH, "//form[contains(@action,'/instruments')]//button"))
    link = browser.find_element(By.LINK_TEXT, "Word 文档")
    assert link.get_attribute("href").endswith(".docx")

    browser.find_element(By.LINK_TEXT, "行政复议").click()
    browser.find_element(By.LINK_TEXT, "在办").click()
    # The queue shows the applicant masked (personal data stays behind the reveal).
    assert masked("浏览器测试人") in browser.page_source
    assert "浏览器测试人" not in browser.page_source


def test_import_applications_from_a_spreadsheet(browser, base):
    """The reception centre's paper register comes in as CSV: checked, previewed, confirmed, listed."""
    import csv
    import random
    import tempfile

    applicant = "导入测试人%04d" % random.randint(0, 9999)
    header = ["收到日期", "申请人", "身份证号/统一社会信用代码", "被申请人", "行政行为", "知道日期", "复议请求"]
    good = ["2026-11-02", applicant, "", "河东区市场监督管理局", "河市监罚〔2026〕9号行政处罚决定", "2026-10-20", "撤销该行政处罚决定"]
    bad = ["2026-11-03", "另一人", "", "不存在的局", "某决定", "2026-10-20", "撤销"]

    def sheet(rows):
        handle = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8-sig", newline="")
        csv.writer(handle).writerows([header] + rows)
        handle.close()
        return handle.name

    login(browser, base, "fuyi")
    browser.find_element(By.LINK_TEXT, "行政复议").click()
    browser.find_element(By.LINK_TEXT, "从 Excel 导入申请").click()
    browser.find_element(By.ID, "f-file").send_keys(sheet([good, bad]))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "未写入任何数据" in browser.page_source
    assert "不是本区的行政机关" in browser.page_source

    browser.find_element(By.LINK_TEXT, "重新导入").click()
    browser.find_element(By.ID, "f-file").send_keys(sheet([good]))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "将登记 1 件" in browser.page_source
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "登记 1 件" in browser.page_source
    browser.find_element(By.LINK_TEXT, "查看案件").click()
    assert masked(applicant) in browser.page_source


def test_write_a_decision_with_live_preview_and_record_its_service(browser, base):
    """A decided demo case: the preview follows the typing; the decision is served and the documents page says so."""
    login(browser, base, "fuyi")
    browser.find_element(By.LINK_TEXT, "行政复议").click()
    browser.find_element(By.LINK_TEXT, "已办结").click()
    for row in range(1, 40):
        browser.find_element(By.XPATH, f"(//table//tbody/tr)[{row}]//a").click()
        links = browser.find_elements(By.PARTIAL_LINK_TEXT, "撰写《行政复议决定书》")
        if links:
            break
        browser.back()
    else:
        raise AssertionError("no decided case among the first 40 concluded ones")
    links[0].click()
    facts = browser.find_element(By.ID, "f-section-facts")
    facts.clear()
    facts.send_keys("浏览器实时预览的查明事实")
    preview = browser.find_element(By.CSS_SELECTOR, "#preview [data-section=facts]")
    assert preview.text == "浏览器实时预览的查明事实", preview.text
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#draft button[type=submit]"))
    assert "浏览器实时预览的查明事实" in browser.find_element(By.ID, "preview").text

    # The documents page: record a hand service of the current decision on the agency.
    browser.find_element(By.PARTIAL_LINK_TEXT, "返回案件").click()
    browser.find_element(By.LINK_TEXT, "全部版本与送达记录，登记送达").click()
    form = browser.find_element(By.ID, "serve")
    Select(form.find_element(By.ID, "f-instrumentID")).select_by_index(1)
    recipients = Select(form.find_element(By.ID, "f-recipient"))
    agency = next(option.text for option in recipients.options if option.text.startswith("被申请人"))
    recipients.select_by_visible_text(agency)
    Select(form.find_element(By.ID, "f-method")).select_by_value("byPost")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "邮寄送达须填写邮件单号" in browser.find_element(By.ID, "f-trackingNumber-error").text
    form = browser.find_element(By.ID, "serve")
    Select(form.find_element(By.ID, "f-method")).select_by_value("byHand")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert agency + "：直接送达" in browser.find_element(By.ID, "services").text
