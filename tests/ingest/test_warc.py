"""WARC input, only where the optional warcio is installed."""

from __future__ import annotations

import io

import pytest

from tests.ingest.helpers import DATA, ingest
from tollwatch.config import Settings


def test_warc_without_warcio_says_what_to_install(
    settings: Settings, tmp_path, monkeypatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_warcio(name: str, *args, **kwargs):
        if name.startswith("warcio"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_warcio)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"\x1f\x8b not really")
    (failure,) = ingest([path], settings)
    assert failure.reason == "unparsable" and "warcio" in failure.detail


def test_warc_response_records(settings: Settings, tmp_path) -> None:
    pytest.importorskip("warcio", reason="warcio is an optional extra")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, ctype in [
            ("https://ledger.example/blast", (DATA / "ebb_school.html").read_bytes(), "text/html"),
            ("https://ledger.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    (art,) = ingest([path], settings)
    assert art.url == "https://ledger.example/blast" and art.source == "Borderland Monitor"
    assert art.origin == f"{path}#https://ledger.example/blast"
