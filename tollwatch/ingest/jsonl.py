"""JSON Lines: one article per line, as ``{"id", "url", "source", "title", "published", "text"}``.

Only ``text`` is required; ``language`` is kept when present. The ``id`` field is ignored: the
Article id derives from the URL, or from the text when there is no URL (see ``identity``). A line
that is not a JSON object fails with reason "unparsable" and its line number (origin
"PATH:LINE"); the other lines go on. An unreadable ``published`` keeps the article, with the
caller's fallback date (logged at debug level). ``max_document_bytes`` applies to each line, so a
corpus file may be larger than it. A ``.json`` file holds one such object or a list of them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from tollwatch.config import Settings
from tollwatch.errors import IngestError
from tollwatch.ingest.article import build_article
from tollwatch.ingest.dates import parse_date
from tollwatch.ingest.decode import decode_bytes
from tollwatch.types import Article, Failure

log = logging.getLogger(__name__)


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def parse_record(record: object, *, origin: str, published: datetime | None = None) -> Article:
    """One Article from a decoded JSON object; raises IngestError("unparsable"|"empty")."""
    if not isinstance(record, dict):
        raise IngestError(
            "unparsable", f"expected a JSON object, got a JSON {type(record).__name__}"
        )
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise IngestError("unparsable", f"'text' must be a string, got {type(text).__name__}")
    if not text or not text.strip():
        raise IngestError("empty", "no 'text' in the record", hint="give the body in 'text'")
    raw_date = record.get("published")
    if raw_date not in (None, "") and parse_date(raw_date) is None:
        log.debug("%s: unreadable published %r, using the fallback date", origin, raw_date)
    return build_article(
        text,
        origin=origin,
        url=_string(record, "url"),
        source=_string(record, "source"),
        title=_string(record, "title"),
        published=raw_date,
        fallback_published=published,
        language=_string(record, "language"),
    )


def iter_jsonl(
    lines: Iterable[bytes],
    *,
    origin: str,
    settings: Settings,
    published: datetime | None = None,
) -> Iterator[Article | Failure]:
    """An Article or a Failure for every non-blank line of ``lines`` (bytes, numbered from 1)."""
    limit = settings.max_document_bytes
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{origin}:{number}"
        if len(raw) > limit:
            yield Failure(where, "too_large", f"line {number} is {len(raw)} bytes, over {limit}")
            continue
        try:
            record = json.loads(decode_bytes(raw))
            yield parse_record(record, origin=where, published=published)
        except IngestError as exc:
            yield Failure(where, exc.reason, f"line {number}: {exc}")
        except ValueError as exc:
            yield Failure(where, "unparsable", f"line {number}: invalid JSON: {exc}")


def iter_json(
    text: str, *, origin: str, published: datetime | None = None
) -> Iterator[Article | Failure]:
    """Articles from a JSON document holding one record or a list of records."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield Failure(origin, "unparsable", f"invalid JSON: {exc}")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = f"{origin}[{index}]" if isinstance(data, list) else origin
        try:
            yield parse_record(record, origin=where, published=published)
        except IngestError as exc:
            yield Failure(where, exc.reason, str(exc))
