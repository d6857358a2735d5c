"""End-to-end on the real demo data: the pipeline runs over the bundled corpus (``demo/``, as
``make demo`` does), then the dashboard is driven in headless Debian chromium: markers on the map,
a filter, the Jableh/Tartus incident with its highlighted evidence, a login, corrections of a
figure and of the perpetrators, and the corrections on the page and in the perpetrator filter.

Skips like tests/serve/test_browser.py (fails instead under TOLLWATCH_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.demo_run import run_demo
from tests.serve.conftest import PASSWORDS
from tests.serve.test_browser import CHROMIUM, FLAGS, _missing

pytestmark = pytest.mark.browser


def _demo_db(folder: Path) -> str:
    """The demo database, built like ``make demo`` builds it, with an analyst."""
    from tollwatch.serve.auth import hash_password
    from tollwatch.store import open_store

    db = str(folder / "demo.db")
    run_demo(db)
    with open_store(db) as store:
        store.add_user("ana", "analyst", hash_password(PASSWORDS["ana"]))
    return db


@pytest.fixture(scope="module")
def demo_server():
    reason = _missing()
    if reason:
        if os.environ.get("TOLLWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {reason}")
        pytest.skip(reason)
    import uvicorn

    from tollwatch.serve.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = _demo_db(Path(tmp))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        srv = uvicorn.Server(
            uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        for _ in range(100):
            if srv.started:
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        srv.should_exit = True
        thread.join(5)


def _rows(page) -> int:
    return page.locator("#incidents tbody tr").count()


def test_demo_data_in_the_dashboard(demo_server):
    from playwright.sync_api import sync_playwright

    base = demo_server
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        errors: list[str] = []
        page = browser.new_page()
        page.set_default_timeout(15000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            page.goto(base + "/")
            page.wait_for_selector("#incidents tbody tr.incident-row")
            every = _rows(page)
            assert every >= 10  # the demo corpus gives 15 incidents in 9 countries
            page.wait_for_selector("#map path.leaflet-interactive")
            assert page.locator("#map .tw-marker, #map .tw-cluster").count() >= 2

            page.select_option("#filters [name=country]", "SY")
            page.click("#apply-filters")
            page.wait_for_function("document.querySelectorAll('#incidents tbody tr').length < 3")
            page.click("#incidents tbody tr a")
            page.wait_for_selector("#claims tbody tr.claim")
            assert "148" in page.locator("#incident-fields").inner_text()
            marks = page.locator("#articles mark.hl-figure")
            assert marks.count() >= 2
            assert any("48" in t for t in marks.all_inner_texts())
            assert page.locator("#incident-map .tw-marker").count() >= 1

            page.fill("#login-name", "ana")
            page.fill("#login-password", PASSWORDS["ana"])
            page.click("#login-button")
            page.wait_for_selector("#review:not([hidden])")
            for field, value, why in (
                ("killed.best", "150", "hospital list"),
                ("perpetrators", "Islamic State", "'men' is not a perpetrator"),
            ):
                page.select_option("#correction-field", field)
                page.fill("#correction-value", value)
                page.fill("#correction-why", why)
                page.click("#correction-submit")
                page.wait_for_selector(f"#incident-fields td.corrected[data-field='{field}']")
            killed = page.locator("#incident-fields td[data-field='killed.best']").inner_text()
            assert killed.startswith("150") and "machine: killed.best=148" in killed
            perps = page.locator("#incident-fields td[data-field='perpetrators']").inner_text()
            assert perps.startswith("Islamic State") and "machine: perpetrators=" in perps
            assert "hospital list" in page.locator("#decisions").inner_text()

            # the perpetrator filter now finds it under the corrected name only
            page.goto(base + "/?country=SY&perpetrator=Islamic+State")
            page.wait_for_selector("#incidents tbody tr.incident-row")
            assert "150" in page.locator("#incidents tbody tr").first.inner_text()
            options = page.locator("#filters [name=perpetrator] option").all_inner_texts()
            assert "men" not in options
        finally:
            browser.close()
        assert not errors, errors
