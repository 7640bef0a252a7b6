"""Steps shared by the browser tests."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

DEMO_PASSWORD = "fazhi-demo"


def login(browser, base, username, password=DEMO_PASSWORD):
    browser.get(base + "/login")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "/login" not in browser.current_url, "still on the login page: " + browser.page_source[:500]


def submit_and_wait(browser, button):
    """Clicks a submit button and waits until the next page has replaced this one."""
    old = browser.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(browser, 10).until(lambda b: _is_stale(old))


def _is_stale(element):
    try:
        element.tag_name
        return False
    except Exception:
        return True


def logout(browser):
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "header form button"))
    assert "/login" in browser.current_url


def nav_links(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "nav.sidebar a")]
