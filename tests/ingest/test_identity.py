from __future__ import annotations

import pytest

from tollwatch.ingest.identity import article_id, canonical_url, content_hash, normalise_text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM/News/Story/", "https://example.com/News/Story"),
        (
            "https://example.com/a?utm_source=rss&utm_medium=x&id=7#top",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?b=2&a=1&fbclid=abc", "https://example.com/a?a=1&b=2"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("  https://example.com/  ", "https://example.com"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_article_id_from_url_ignores_tracking_and_case() -> None:
    a = article_id("https://www.example.com/story/?utm_campaign=feed", "one text")
    b = article_id("https://example.com/story", "another text")
    assert a == b
    assert a.startswith("a_") and len(a) == 18


def test_article_id_from_text_is_whitespace_and_case_blind() -> None:
    assert article_id(None, "Five  killed\nin blast") == article_id("", "five killed in BLAST ")
    assert article_id(None, "five killed") != article_id(None, "six killed")


def test_content_hash_uses_nfkc() -> None:
    assert normalise_text("ﬁve\u00a0killed") == "five killed"
    assert content_hash("ﬁve killed") == content_hash("five killed")
