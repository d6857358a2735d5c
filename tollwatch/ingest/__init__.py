"""Ingest: paths, URLs, feeds, JSON Lines and stdin in, Articles (or Failures) out.

    iter_articles(sources, settings, published=None) -> Iterator[Article | Failure]

Modules, in the order a document meets them:

    sources   paths (directories walked), URLs, stdin; size checks; one guard per document
    web       fetch(url, settings) -> (bytes, content_type, final_url), the only network access
    decode    binary check (not_text), bytes -> str (BOM, UTF-8, declared, cp1252, detection)
    detect    format by extension, Content-Type and sniffing
    plain     text: first line is the title when short, without a final period, then blank line
    webpage   HTML pages through trafilatura; HTML fragments to text
    jsonl     JSON Lines / JSON records {url, source, title, published, text}
    feed      RSS/Atom items; teaser items get their linked page fetched
    warc      WARC archives when the optional warcio is installed
    article   one constructor for every Article: cleaning, id, hash, date, outlet, language
    identity  canonical URL, article id ("a_" + 16 hex), content hash
    dates     any date -> aware UTC datetime
    language  "en" / "und" / None from English stopword share

Conventions other stages rely on:

- Article.text is the body only; the title is in Article.title and never repeated in the text.
  Newlines are "\\n", paragraphs are separated by a blank line where the format marks them.
- Article.published is None or a timezone-aware datetime keeping the source's offset (see ``dates``); a date from the
  source wins over the ``published`` fallback.
- Article.id derives from the canonical URL, else from the normalised text: re-ingesting the
  same input gives the same ids.
- Failure.reason is one of tollwatch.types.FAILURE_REASONS; the origin of a JSON line's Article or
  Failure is "PATH:LINE".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from tollwatch.config import Settings
from tollwatch.ingest.dates import parse_date, to_aware
from tollwatch.ingest.identity import article_id, canonical_url, content_hash
from tollwatch.ingest.sources import iter_source
from tollwatch.types import Article, Failure

__all__ = [
    "article_id",
    "canonical_url",
    "content_hash",
    "iter_articles",
    "parse_date",
]


def iter_articles(
    sources: Iterable[str],
    settings: Settings,
    published: datetime | None = None,
) -> Iterator[Article | Failure]:
    """Yield an Article per document found in ``sources``, or a Failure per bad document.

    Each source is a path (a file, or a directory walked recursively in name order, hidden
    entries skipped), an http(s) URL, or "-" for standard input. ``published`` is the date given
    to articles whose source has none (naive values are taken as UTC). Never raises for a bad
    document: the Failure says which (origin), why (reason code) and what to do (detail).
    """
    if isinstance(sources, str):  # a lone path would otherwise be read character by character
        sources = [sources]
    fallback = to_aware(published) if published is not None else None
    for source in sources:
        yield from iter_source(source, settings, fallback)
