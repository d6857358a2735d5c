"""Build an Article from the pieces a format parser found.

Every parser ends here, so the rules live in one place: the body is cleaned (newlines normalised
to "\\n", outer whitespace stripped; nothing else, so that offsets stay honest), the id and content
hash come from ``identity``, the date is normalised to aware UTC by ``dates`` (a date from the
source wins over the caller's fallback), the outlet defaults to the URL's domain, and the language
is guessed when the source does not give it.
"""

from __future__ import annotations

from datetime import datetime

from tollwatch.errors import IngestError
from tollwatch.ingest.dates import parse_date, to_aware
from tollwatch.ingest.identity import article_id, content_hash, url_domain
from tollwatch.ingest.language import guess_language
from tollwatch.types import Article


def clean_body(text: str) -> str:
    """Newlines normalised to "\\n", a leading BOM and outer whitespace removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()


def clean_line(value: object) -> str | None:
    """A one-line string field (title, outlet) with whitespace collapsed; None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def build_article(
    text: str,
    *,
    origin: str,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    published: object = None,
    fallback_published: datetime | None = None,
    language: str | None = None,
) -> Article:
    """Return the Article, or raise IngestError("empty") when ``text`` has nothing but whitespace.

    ``published`` is whatever the source gave (string, datetime, struct_time, epoch seconds);
    when it is missing or unreadable, ``fallback_published`` is used.
    """
    body = clean_body(text)
    if not body:
        raise IngestError("empty", "no text in the document", hint="give the document a body")
    url = (url or "").strip() or None
    when = parse_date(published)
    if when is None and fallback_published is not None:
        when = to_aware(fallback_published)
    text_hash = content_hash(body)
    return Article(
        id=article_id(url, body, text_hash),
        text=body,
        url=url,
        source=clean_line(source) or (url_domain(url) if url else None),
        title=clean_line(title),
        published=when,
        language=clean_line(language) or guess_language(body),
        origin=origin,
        content_hash=text_hash,
    )
