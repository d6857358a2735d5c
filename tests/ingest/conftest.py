from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.ingest.helpers import DATA
from tollwatch.config import Settings
from tollwatch.errors import IngestError
from tollwatch.ingest import web

__all__ = ["DATA"]


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture(autouse=True)
def offline(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the network by accident: web.fetch fails unless a test replaces it or is
    marked ``network`` (those talk to a server they start on 127.0.0.1)."""
    if request.node.get_closest_marker("network"):
        return

    def no_network(url: str, settings: Settings) -> tuple[bytes, str, str]:
        raise IngestError("fetch_error", f"network disabled in tests ({url})")

    monkeypatch.setattr(web, "fetch", no_network)


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, tuple[bytes, str]]], list[str]]:
    """Serve ``{url: (body, content_type)}`` through web.fetch; returns the list of URLs fetched."""

    def install(table: dict[str, tuple[bytes, str]]) -> list[str]:
        fetched: list[str] = []

        def fake_fetch(url: str, settings: Settings) -> tuple[bytes, str, str]:
            fetched.append(url)
            if url not in table:
                raise IngestError("not_found", f"HTTP 404 for {url}")
            body, content_type = table[url]
            return body, content_type, url

        monkeypatch.setattr(web, "fetch", fake_fetch)
        return fetched

    return install
