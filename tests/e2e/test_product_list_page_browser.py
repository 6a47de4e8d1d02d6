"""The product-list page in a real headless Chromium (Debian's chromium + chromium-driver, see
.ci/chromium.sh), against the real FastAPI app served by uvicorn on a free localhost port.

Selenium gets the browser and driver paths explicitly and runs offline (SE_OFFLINE=1), so Selenium
Manager never downloads anything. Without Chromium these tests skip locally and fail under CI=true.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from core.ports import ProductListRecord
from core.settings import Settings
from tests.integration.customers.conftest import NOW, shop  # noqa: F401  (fixture)
from tests.integration.sales.brand import FixedClock

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
LIVE, EXPIRED = "L" * 32, "E" * 32


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        return "chromium / chromedriver not installed (run .ci/chromium.sh)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "1"  # Selenium Manager: never download a browser or a driver
    profile = tempfile.mkdtemp(prefix="gc-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def site(uow_factory, database, shop):  # noqa: F811
    """The real app on a free port, in a background thread; yields its base URL."""
    with uow_factory() as uow:
        for token, expires in ((LIVE, NOW + timedelta(days=14)), (EXPIRED, NOW - timedelta(minutes=1))):
            uow.product_lists.add(ProductListRecord(token, shop.customers["C1"], shop.guides["G1"],
                                                    (("CREAM", "Running low"), ("MASK", "Goes with your cream")),
                                                    NOW, expires))
        uow.commit()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(database, Settings(), FixedClock(NOW)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _engagement(uow_factory, customer_id):
    with uow_factory() as uow:
        return {kind: n for c, kind, n in uow.scoring.interactions_since(NOW - timedelta(days=1)) if c == customer_id}


def test_the_browser_renders_the_customers_products_with_names_and_prices(browser, site, uow_factory, shop):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/l/{LIVE}")
    items = browser.find_elements(By.CSS_SELECTOR, "section.item")
    shown = [(i.find_element(By.CLASS_NAME, "name").text, i.find_element(By.CLASS_NAME, "price").text) for i in items]
    assert shown == [("Hydra Cream", "¥199"), ("Hydrating Mask", "¥129")]  # Lily reads English
    assert browser.find_element(By.TAG_NAME, "h1").text == "Picked for you"
    assert _engagement(uow_factory, shop.customers["C1"]) == {"list_view": 1}


def test_the_browser_shows_the_expired_page_for_an_expired_token(browser, site):
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/l/{EXPIRED}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "链接已过期"
    assert browser.find_element(By.TAG_NAME, "h2").text == "Link expired"
    assert not browser.find_elements(By.CSS_SELECTOR, "section.item")


def test_a_click_in_the_browser_is_recorded_and_thanked(browser, site, uow_factory, shop):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shows
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{site}/l/{LIVE}")
    browser.find_element(By.CSS_SELECTOR, 'button[data-sku="MASK"]').click()
    thanks = WebDriverWait(browser, 20).until(shows.presence_of_element_located((By.ID, "thanks")))
    assert "Hydrating Mask" in thanks.text
    assert _engagement(uow_factory, shop.customers["C1"]) == {"list_view": 1, "list_click": 1}
