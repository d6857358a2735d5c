"""Paths, directories, stdin and URLs: bad documents become Failures, the batch goes on."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.ingest.helpers import DATA, articles, failures, ingest
from tollwatch.config import Settings
from tollwatch.ingest import iter_articles
from tollwatch.types import FAILURE_REASONS, Article

CORPUS = DATA / "corpus"


def test_directory_walk_keeps_good_documents(settings: Settings) -> None:
    results = ingest([CORPUS], settings)
    names = [r.origin.removeprefix(str(CORPUS) + "/") for r in results]
    assert names == [
        "01_market_blast.txt",
        "02_no_title.txt",
        "empty.txt",
        "garbage.dat",
        "image.bin",
        "nested/03_page.html",
        "nested/05_utf16.txt",
        "nested/blank.txt",
        "nested/deeper/04_latin1.txt",
    ]  # name order, depth first, hidden files and directories skipped
    reasons = {f.origin.rsplit("/", 1)[1]: f.reason for f in failures(results)}
    assert reasons == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "garbage.dat": "undecodable",
        "image.bin": "not_text",
    }
    assert all(
        f.reason in FAILURE_REASONS and f.detail and f.stage == "ingest" for f in failures(results)
    )
    good = {a.origin.rsplit("/", 1)[1]: a for a in articles(results)}
    assert len(good) == 5
    latin1 = good["04_latin1.txt"]
    assert latin1.title == "Attaque à Sétif" and "préfet" in latin1.text
    assert latin1.language == "und"
    assert good["05_utf16.txt"].title == "Curfew declared in Amberfield"


def test_ingesting_twice_gives_the_same_ids(settings: Settings) -> None:
    sources = [CORPUS, DATA / "articles.jsonl", DATA / "feed.atom"]
    first = [r.id for r in articles(ingest(sources, settings))]
    second = [r.id for r in articles(ingest(sources, settings))]
    assert first == second and len(set(first)) == len(first)
    copy = [a.content_hash for a in articles(ingest(sources, settings))]
    assert all(h and len(h) == 64 for h in copy)


def test_published_fallback_only_where_the_source_has_none(settings: Settings) -> None:
    cairo = timezone(timedelta(hours=2))
    results = ingest(
        [CORPUS / "01_market_blast.txt", CORPUS / "nested" / "03_page.html"],
        settings,
        published=datetime(2024, 6, 1, 10, 0, tzinfo=cairo),
    )
    text, page = results
    assert text.published == datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
    assert page.published == datetime(2023, 11, 2, 5, 15, tzinfo=UTC)  # the page's own date wins


def test_naive_published_is_taken_as_utc(settings: Settings) -> None:
    (art,) = ingest([CORPUS / "01_market_blast.txt"], settings, published=datetime(2024, 6, 1))
    assert art.published == datetime(2024, 6, 1, tzinfo=UTC)


def test_missing_path(settings: Settings, tmp_path) -> None:
    results = ingest([tmp_path / "nope.txt", CORPUS / "02_no_title.txt"], settings)
    assert results[0].reason == "not_found" and results[0].origin.endswith("nope.txt")
    assert isinstance(results[1], Article)


def test_too_large_is_checked_before_reading(settings: Settings, tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    small = Settings(max_document_bytes=100)

    def no_read(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr("builtins.open", no_read)
    (failure,) = ingest([big], small)
    assert failure.reason == "too_large"


def test_too_large_jsonl_line(tmp_path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "short one"}\n{"text": "' + "x" * 200 + '"}\n')
    results = ingest([path], Settings(max_document_bytes=100))
    assert isinstance(results[0], Article) and results[1].reason == "too_large"


def test_a_single_string_source_is_one_source(settings: Settings) -> None:
    results = list(iter_articles(str(CORPUS / "02_no_title.txt"), settings))
    assert len(results) == 1 and isinstance(results[0], Article)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_jsonl(settings: Settings, monkeypatch) -> None:
    _stdin(monkeypatch, b"\n" + (DATA / "articles.jsonl").read_bytes())
    results = ingest(["-"], settings)
    assert len(results) == 6
    assert results[0].origin == "<stdin>:2" and results[2].reason == "unparsable"


def test_stdin_plain_text(settings: Settings, monkeypatch) -> None:
    _stdin(monkeypatch, (CORPUS / "01_market_blast.txt").read_bytes())
    (art,) = ingest(["-"], settings)
    assert art.title == "Car bomb kills nine at Varnel market" and art.origin == "<stdin>"


def test_stdin_empty(settings: Settings, monkeypatch) -> None:
    _stdin(monkeypatch, b"\n  \n")
    (failure,) = ingest(["-"], settings)
    assert failure.reason == "empty"


def test_url_sources(settings: Settings, pages) -> None:
    html = (CORPUS / "nested" / "03_page.html").read_bytes()
    pages(
        {
            "https://news.example/page": (html, "text/html; charset=utf-8"),
            "https://news.example/feed": ((DATA / "feed.atom").read_bytes(), "text/xml"),
            "https://news.example/plain": (b"Title here\n\nBody of the story.", "text/plain"),
        }
    )
    urls = [
        "https://news.example/page",
        "https://news.example/feed",
        "https://news.example/plain",
        "https://news.example/gone",
    ]
    page, item, plain, gone = ingest(urls, settings)
    assert page.url == "https://news.example/page" and page.origin == page.url
    assert page.source == "The Coastal Ledger"
    assert item.source == "Delta Dispatch" and item.origin == "https://news.example/feed"
    assert plain.title == "Title here" and plain.source == "news.example"
    assert gone.reason == "not_found" and gone.origin == "https://news.example/gone"


def test_unexpected_parser_error_becomes_a_failure(settings: Settings, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("tollwatch.ingest.sources.parse_text", broken)
    results = ingest([CORPUS / "02_no_title.txt", CORPUS / "nested" / "03_page.html"], settings)
    assert results[0].reason == "unparsable" and "boom" in results[0].detail
    assert isinstance(results[1], Article)
