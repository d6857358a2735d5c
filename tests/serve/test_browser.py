"""End-to-end: the dashboard in real headless Debian chromium, driven by playwright.

Skips without /usr/bin/chromium, playwright or the npm map packages, unless
TOLLWATCH_REQUIRE_BROWSER=1 (set by .ci/run), where a missing piece fails instead.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tollwatch.serve.app import default_vendor_dir

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium, or make browser-deps)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not (default_vendor_dir() / "leaflet" / "dist" / "leaflet.js").exists():
        return "the map's npm packages are missing (make web-deps)"
    return None


@pytest.fixture(scope="module")
def server(demo_template):
    reason = _missing()
    if reason:
        if os.environ.get("TOLLWATCH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {reason}")
        pytest.skip(reason)
    import shutil

    import uvicorn

    from tollwatch.serve.app import create_app

    src, ids = demo_template
    db = Path(tempfile.mkdtemp()) / "demo.db"
    shutil.copy(src, db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        # a fresh, empty profile directory (playwright's form of --user-data-dir)
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        pg = browser.new_page()
        pg.set_default_timeout(15000)
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        yield pg
        browser.close()
        assert not errors, errors


def test_dashboard_map_filter_incident_login_correct(server, page):
    base, ids = server
    page.goto(base + "/")
    page.wait_for_selector("#incidents tbody tr.incident-row")
    assert page.locator("#incidents tbody tr").count() == 25
    # the offline world map and the markers (clusters when zoomed out)
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map .tw-marker, #map .tw-cluster").count() >= 2
    assert page.locator("#timeline rect.tl-bar").count() > 0

    page.select_option("#filters [name=country]", "SY")
    page.click("#apply-filters")
    page.wait_for_function("document.querySelectorAll('#incidents tbody tr').length === 1")
    assert "country=SY" in page.url
    page.wait_for_function("document.querySelectorAll('#map .tw-marker').length === 1")

    page.click("#incidents tbody tr a")
    page.wait_for_selector("#claims tbody tr.claim")
    assert page.url.endswith(f"/incidents/{ids['seed']}")
    marks = page.locator("#articles mark.hl-figure")
    assert marks.count() >= 3
    assert "the toll at 78" in marks.all_inner_texts()
    assert page.locator("#incident-map .tw-marker").count() >= 1
    assert page.locator("#toll-history circle.history-point").count() >= 3
    assert page.locator("#review").is_hidden()

    page.fill("#login-name", "ana")
    page.fill("#login-password", "analyst-pass")
    page.click("#login-button")
    page.wait_for_selector("#user-box:not([hidden])")
    page.wait_for_selector("#review:not([hidden])")
    page.select_option("#correction-field", "killed.best")
    page.fill("#correction-value", "150")
    page.fill("#correction-why", "hospital list")
    page.click("#correction-submit")
    page.wait_for_selector("#incident-fields td.corrected")
    killed = page.locator("#incident-fields td[data-field='killed.best']").inner_text()
    assert killed.startswith("150") and "machine: killed.best=148" in killed
    assert "hospital list" in page.locator("#decisions").inner_text()

    page.once("dialog", lambda d: d.accept("superseded"))
    page.locator("#claims tr.claim button.reject").first.click()
    page.wait_for_selector("#claims tr.claim.rejected")
    page.wait_for_selector("#articles mark.hl-figure.rejected")


def test_dashboard_merge_two_incidents(server, page):
    from tests.serve.demo_store import incident_id

    base, _ = server
    first, second = incident_id("r_gen_005_0"), incident_id("r_gen_010_0")
    page.goto(f"{base}/incidents/{first}")
    page.wait_for_selector("#incident-reports li.report")
    if page.locator("#login-form").is_visible():
        page.fill("#login-name", "ana")
        page.fill("#login-password", "analyst-pass")
        page.click("#login-button")
    page.wait_for_selector("#resolution-review:not([hidden])")
    assert page.locator("#incident-reports li.report").count() == 1
    _correct(base, second, "summary", "Two car bombs in Baghdad.")  # follows the merge
    page.fill("#merge-with", second)
    page.fill("#merge-why", "same bombing, misdated")
    page.click("#merge-submit")
    page.wait_for_selector("#resolution-result:not([hidden]) li.new-incident")
    merged = page.locator("#resolution-result li.new-incident").get_attribute("data-id")
    assert page.url.endswith(f"/incidents/{merged}")
    page.wait_for_function("document.querySelectorAll('#incident-reports li.report').length === 2")
    decisions = page.locator("#resolution-decisions").inner_text()
    assert "merged" in decisions and "ana" in decisions and "same bombing" in decisions
    assert f"moved from {second}" in page.locator("#decisions").inner_text()

    page.click("#resolution-decisions button.undo")  # and back: the two incidents again
    page.wait_for_function(
        "document.querySelectorAll('#resolution-result li.new-incident').length === 2"
    )
    assert page.locator("#incident-reports li.report").count() == 1


def _correct(base: str, incident: str, field: str, value: object) -> None:
    """A correction made through the API (as a script would), not through the page."""
    import json
    import urllib.request

    def post(path: str, body: dict, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(
            base + path, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read())

    token = post("/api/auth/login", {"name": "ana", "password": "analyst-pass"})["token"]
    post(
        f"/api/incidents/{incident}/corrections",
        {"field": field, "value": value, "why": "checked"},
        token,
    )
