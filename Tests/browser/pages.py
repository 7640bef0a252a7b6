"""Steps shared by the browser tests."""
import base64
import hashlib
import hmac
import os
import struct
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

DEMO_PASSWORD = "fazhi-demo"

# Authenticator secrets the tests enrolled, by username, and the last time step each one used (a code works once).
SECRETS = {}
LAST_STEP = {}
RECOVERY_CODES = {}


def masked(name):
    """A person's name as lists and titles show it (张三 → 张*, 欧阳小三 → 欧**三): never the full name."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def totp(secret, step):
    """RFC 6238: HMAC-SHA1 over the 30-second step, dynamically truncated to 6 digits."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1000000)


def fresh_code(username):
    """A code for a time step this account has not used yet (waits for the next step when needed)."""
    step = int(time.time() // 30)
    while step <= LAST_STEP.get(username, 0):
        time.sleep(1)
        step = int(time.time() // 30)
    LAST_STEP[username] = step
    return totp(SECRETS[username], step)


def login(browser, base, username, password=DEMO_PASSWORD):
    """Signs in; an administrator enrols an authenticator the first time (mandatory) and gives its code afterwards."""
    browser.get(base + "/login")
    browser.find_element(By.ID, "f-username").send_keys(username)
    browser.find_element(By.ID, "f-password").send_keys(password)
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    if "/login/second-factor" in browser.current_url:
        browser.find_element(By.ID, "f-code").send_keys(fresh_code(username))
        submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    elif "/account/second-factor" in browser.current_url:
        enrol(browser, username)
        browser.get(base + "/")
    assert "/login" not in browser.current_url, "still on the login page: " + browser.page_source[:500]


def enrol(browser, username):
    """On the enrolment page: make a secret, read it, confirm it with a code; returns the recovery codes shown."""
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/account/second-factor/start'] button"))
    SECRETS[username] = browser.find_element(By.ID, "totp-secret").text.strip()
    browser.find_element(By.ID, "f-code").send_keys(fresh_code(username))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/account/second-factor/confirm'] button"))
    assert "二次验证已启用" in browser.page_source, browser.page_source[:500]
    RECOVERY_CODES[username] = [li.text.strip() for li in browser.find_elements(By.CSS_SELECTOR, "ul.recovery-codes li")]
    return RECOVERY_CODES[username]


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


def open_action(browser, title):
    """Opens the case page's form of the step titled `title` (a <details> element) and returns it."""
    action = browser.find_element(By.XPATH, f"//details[summary[text()='{title}']]")
    action.find_element(By.TAG_NAME, "summary").click()
    return action


def _axe_source():
    """axe-core (Deque's accessibility engine, 4.x), as the PyPI package axe-playwright-python ships it; the test command
    installs the package without its Playwright dependency, only this file is used."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec, "axe-playwright-python is not installed (scripts/test.sh installs it)"
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as handle:
        return handle.read()


def assert_accessible(browser, label):
    """Runs axe-core's WCAG 2.0 and 2.1 level A and AA rules on the page as it stands and fails naming every violation
    (rule, impact, the elements)."""
    browser.set_script_timeout(60)
    browser.execute_script(_axe_source())
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}},"
        " function (error, result) { done(error ? {error: String(error)} : {violations: result.violations.map(function (v) {"
        "  return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); }).join(', ');"
        " }), passes: result.passes.length}); });")
    assert "error" not in result, label + ": axe failed: " + result.get("error", "")
    assert not result["violations"], label + " is not WCAG 2.1 AA:\n  " + "\n  ".join(result["violations"])
    assert result["passes"] > 0, label + ": axe checked nothing"
