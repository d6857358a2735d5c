"""The real fetch against a server started on 127.0.0.1 inside the test (no outside network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.ingest.helpers import DATA, ingest
from tollwatch.config import Settings
from tollwatch.errors import IngestError
from tollwatch.ingest import web

pytestmark = pytest.mark.network

TEASER_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Mortar fire hits school in Ebb</title><link>{base}/ebb</link>
<description>Mortar rounds landed in a school yard in Ebb.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/ebb":
            self._send(200, (DATA / "ebb_school.html").read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/feed":
            self._send(200, TEASER_FEED.format(base=base).encode(), "application/rss+xml")
        elif self.path == "/ua":
            self._send(200, self.headers["User-Agent"].encode(), "text/plain")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ebb")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        elif self.path == "/broken":
            self._send(503, b"down for maintenance")
        else:
            self._send(404, b"no such page")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_follows_redirects_and_sends_user_agent(base: str, settings: Settings) -> None:
    body, content_type, final_url = web.fetch(f"{base}/moved", settings)
    assert b"Mortar rounds" in body and content_type.startswith("text/html")
    assert final_url == f"{base}/ebb"
    agent, _, _ = web.fetch(f"{base}/ua", Settings(fetch_user_agent="tollwatch-test/1"))
    assert agent == b"tollwatch-test/1"


@pytest.mark.parametrize(
    ("path", "reason", "needle"),
    [
        ("/missing", "not_found", "404"),
        ("/broken", "fetch_error", "503"),
        ("/big", "too_large", ""),
    ],
)
def test_fetch_errors(base: str, path: str, reason: str, needle: str) -> None:
    with pytest.raises(IngestError) as err:
        web.fetch(base + path, Settings(max_document_bytes=1000))
    assert err.value.reason == reason and needle in str(err.value)


def test_connection_refused_is_a_fetch_error() -> None:
    with pytest.raises(IngestError) as err:
        web.fetch("http://127.0.0.1:9/", Settings(fetch_timeout_s=2))
    assert err.value.reason == "fetch_error"


def test_feed_url_end_to_end(base: str, settings: Settings) -> None:
    fallback = datetime(2024, 3, 3, tzinfo=UTC)
    item, broken = ingest([f"{base}/feed", f"{base}/broken"], settings, published=fallback)
    assert item.text.startswith("Mortar rounds landed in the yard of a primary school")
    assert item.source == "Local Wire" and item.url == f"{base}/ebb"
    assert item.published == datetime(2024, 3, 3, 7, 0, tzinfo=UTC)  # the page's date
    assert broken.reason == "fetch_error" and "503" in broken.detail
