#!/usr/bin/env python3
"""Browser tests: headless Chromium drives a running Fazhi server (FAZHI_URL).

Each work line adds a test_<line>.py module beside this file; every function named test_* in it
gets a fresh browser. Prints one line per test and a closing "N passed, M failed" line.
"""
import importlib.util
import os
import sys
import traceback
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def new_browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    base = os.environ.get("FAZHI_URL", "http://127.0.0.1:8080").rstrip("/")
    here = Path(__file__).parent
    passed = failed = 0
    for path in sorted(here.glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name in sorted(n for n in dir(module) if n.startswith("test_")):
            browser = new_browser()
            browser.implicitly_wait(5)
            try:
                getattr(module, name)(browser, base)
                passed += 1
                print(f"ok   {path.stem}.{name}")
            except Exception:
                failed += 1
                print(f"FAIL {path.stem}.{name}")
                traceback.print_exc()
                shot = here / f"failure-{path.stem}-{name}.png"
                try:
                    browser.save_screenshot(str(shot))
                    print(f"     screenshot: {shot}")
                except Exception:
                    pass
            finally:
                browser.quit()
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
