"""Plain text: an optional title line, then the body.

The first line is the title when it is short (under 200 characters), does not end a sentence with a
period, and is followed by a blank line; Article.text is then everything after the blank line.
Otherwise the whole text is the body and the title is None.
"""

from __future__ import annotations

from datetime import datetime

from tollwatch.ingest.article import build_article, clean_body
from tollwatch.types import Article

MAX_TITLE_CHARS = 200
_CLOSERS = "\"'’”)]»"


def split_title(text: str) -> tuple[str | None, str]:
    """(title or None, body) of ``text`` by the rule in the module docstring."""
    text = clean_body(text)
    first, sep, rest = text.partition("\n")
    if not sep:
        return None, text
    title = first.strip()
    if not title or len(title) >= MAX_TITLE_CHARS or title.rstrip(_CLOSERS).endswith("."):
        return None, text
    blank, sep, body = rest.partition("\n")
    if not sep or blank.strip() or not body.strip():
        return None, text
    return title, body.strip()


def parse_text(
    text: str, *, origin: str, published: datetime | None = None, url: str | None = None
) -> Article:
    """One Article from plain text (raises IngestError("empty") for blank text)."""
    title, body = split_title(text)
    return build_article(body, origin=origin, url=url, title=title, fallback_published=published)
