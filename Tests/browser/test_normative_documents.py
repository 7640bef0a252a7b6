"""Law-based administration: a draft's legality review with the assisted review, the register's search, a clean-up."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import login, logout, open_action, submit_and_wait


def test_a_draft_is_reviewed_with_similar_documents_shown(browser, base):
    """The civil-affairs bureau submits a draft that creates a licence and a fine; the bureau's reviewer sees the
    documents in force it resembles and the sentences to check, and gives a lawful-with-changes opinion."""
    title = "河东区养老服务补贴管理办法（修订送审稿%04d）" % random.randint(0, 9999)
    login(browser, base, "minzheng")
    browser.find_element(By.LINK_TEXT, "合法性审核").click()
    browser.find_element(By.LINK_TEXT, "送审文件草案").click()
    form = browser.find_element(By.ID, "register")
    form.find_element(By.ID, "f-title").send_keys(title)
    # No draft: the form names the field and keeps the title.
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "草案全文" in browser.page_source and title in browser.page_source
    browser.find_element(By.ID, "f-draft").send_keys(
        "第一条 为了规范本区养老服务补贴工作，保障老年人的合法权益，根据《社会救助暂行办法》等法律、法规和规章的规定，结合本区实际，制定本办法。\n"
        "第二条 本办法适用于本区行政区域内养老服务补贴及其监督管理活动。\n"
        "第三条 申领养老服务补贴须经河东区民政局审批。\n"
        "第四条 违反本办法规定骗取补贴的，处五千元罚款。")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#register button[type=submit]"))
    assert "待审核" in browser.page_source
    assert "国办发〔2018〕115号" in browser.page_source       # the review period names its basis
    assert "出具合法性审核意见" not in browser.page_source   # the opinion is the bureau's, not the agency's
    case_url = browser.current_url
    logout(browser)

    login(browser, base, "shenhe")
    browser.get(case_url)
    assist = browser.find_element(By.ID, "assist").text
    assert "最相似的现行有效文件" in assist and "东民规〔" in assist, assist
    assert "行政许可" in assist and "行政处罚" in assist, assist
    flag = browser.find_element(By.CSS_SELECTOR, "#assist a[href^='#s-']")
    assert browser.find_element(By.ID, flag.get_attribute("href").split("#")[1]).text    # the flag leads to its sentence

    opinion = open_action(browser, "出具合法性审核意见")
    Select(opinion.find_element(By.CSS_SELECTOR, "select[name=opinion]")).select_by_visible_text("修改后合法")
    submit_and_wait(browser, opinion.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "须写明修改意见" in browser.page_source          # lawful with changes needs the changes
    browser.get(case_url)
    opinion = open_action(browser, "出具合法性审核意见")
    Select(opinion.find_element(By.CSS_SELECTOR, "select[name=opinion]")).select_by_visible_text("修改后合法")
    opinion.find_element(By.CSS_SELECTOR, "input[name=text]").send_keys("第三条增设审批，应当删除；第四条罚款缺乏上位法依据，应当删除。")
    submit_and_wait(browser, opinion.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "修改后合法" in facts and "已出具审核意见" in browser.page_source, facts


def test_the_register_is_searched_by_two_characters(browser, base):
    """A search for 执法 finds documents with it inside longer text, the match marked; one character is refused."""
    login(browser, base, "shenhe")
    browser.find_element(By.LINK_TEXT, "规范性文件库").click()
    browser.find_element(By.LINK_TEXT, "全文检索").click()
    browser.find_element(By.ID, "f-q").send_keys("执法")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    count = browser.find_element(By.CSS_SELECTOR, "p.result-count").text
    assert "共" in count and not count.endswith("共 0 件"), count
    marks = browser.find_elements(By.CSS_SELECTOR, "ol.search-results mark")
    assert marks and all(mark.text == "执法" for mark in marks)
    browser.get(base + "/normative-documents/search?q=%E6%B3%95")
    assert "至少输入两个汉字" in browser.page_source


def test_a_clean_up_campaign_closes_when_every_document_is_decided(browser, base):
    """Opens a campaign over one agency's documents; closing is refused while any is undecided; decided, it closes."""
    login(browser, base, "shenhe")
    browser.get(base + "/normative-documents/cleanups")
    form = browser.find_element(By.CSS_SELECTOR, "form[action='/normative-documents/cleanups']")
    form.find_element(By.ID, "f-title").send_keys("浏览器测试专项清理%04d" % random.randint(0, 9999))
    Select(form.find_element(By.ID, "f-agencyID")).select_by_visible_text("河东区教育局")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    campaign_url = browser.current_url
    close = browser.find_element(By.CSS_SELECTOR, "form[action$='/close'] button[type=submit]")
    submit_and_wait(browser, close)
    assert "未作出清理决定" in browser.page_source
    for _ in range(200):
        browser.get(campaign_url)
        pending = browser.find_elements(By.CSS_SELECTOR, "form.inline-form[action*='/items/'] button[type=submit]")
        if not pending:
            break
        submit_and_wait(browser, pending[0])    # 继续有效, the first choice
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/close'] button[type=submit]"))
    assert "结束" in browser.find_element(By.TAG_NAME, "main").text
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action$='/close']")
