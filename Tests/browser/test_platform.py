"""Platform: login, org admin, a form error under its field, logout, and what a station user may see."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import RECOVERY_CODES, login, logout, nav_links, submit_and_wait


def test_admin_creates_user_with_bad_field_and_logs_out(browser, base):
    login(browser, base, "admin")
    assert "组织机构" in nav_links(browser)
    browser.find_element(By.LINK_TEXT, "组织机构").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "组织机构"
    assert "春华街道司法所" in browser.page_source

    browser.find_element(By.LINK_TEXT, "用户管理").click()
    form = browser.find_element(By.ID, "new-user")
    username = "zhang.san%04d" % random.randint(0, 9999)
    form.find_element(By.ID, "f-username").send_keys(username)
    form.find_element(By.ID, "f-displayName").send_keys("张三")
    form.find_element(By.ID, "f-password").send_keys("short")
    Select(form.find_element(By.ID, "f-orgID")).select_by_visible_text("　春华街道司法所")
    Select(form.find_element(By.ID, "f-role")).select_by_value("stationStaff")
    submit_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    error = browser.find_element(By.ID, "f-password-error")
    assert "密码至少需要10个字符" in error.text
    field = browser.find_element(By.ID, "f-password")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == "f-password-error"
    # What was typed is kept (but never the password).
    assert browser.find_element(By.ID, "f-username").get_attribute("value") == username

    # Fix it and the user exists.
    browser.find_element(By.ID, "f-password").send_keys("Strong-pass-2024")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "#new-user button[type=submit]"))
    assert "用户：张三" in browser.find_element(By.TAG_NAME, "h1").text

    logout(browser)
    browser.get(base + "/admin/users")
    assert "/login" in browser.current_url


def test_station_user_sees_no_administration(browser, base):
    login(browser, base, "chunhua")
    links = nav_links(browser)
    assert "用户管理" not in links and "组织机构" not in links
    browser.get(base + "/admin/users")
    assert "无权" in browser.page_source or "仅系统管理员" in browser.page_source


def test_wrong_password_is_explained(browser, base):
    browser.get(base + "/login")
    # An unknown account gets the same answer as a wrong password (no account discovery).
    browser.find_element(By.ID, "f-username").send_keys("nobody%04d" % random.randint(0, 9999))
    browser.find_element(By.ID, "f-password").send_keys("not-the-password-1")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "用户名或密码错误" in browser.find_element(By.ID, "f-password-error").text


def test_admin_needs_second_factor_and_a_recovery_code_works_once(browser, base):
    login(browser, base, "admin")  # enrols on first sign-in (mandatory for administrators), else gives the code
    assert "账户安全" in nav_links(browser)
    logout(browser)
    codes = RECOVERY_CODES.get("admin")
    assert codes and len(codes) == 10, "recovery codes were shown at enrolment"

    browser.get(base + "/login")
    browser.find_element(By.ID, "f-username").send_keys("admin")
    browser.find_element(By.ID, "f-password").send_keys("fazhi-demo")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "/login/second-factor" in browser.current_url
    # The password alone opens nothing.
    browser.get(base + "/admin/users")
    assert "/login/second-factor" in browser.current_url

    browser.find_element(By.ID, "f-code").send_keys("000000")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "动态口令或恢复码不正确" in browser.find_element(By.ID, "f-code-error").text

    browser.find_element(By.ID, "f-code").send_keys(codes[0])
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "/login" not in browser.current_url
    browser.get(base + "/admin/users")
    assert browser.find_element(By.TAG_NAME, "h1").text == "用户管理"
    logout(browser)
    codes.pop(0)  # used up
