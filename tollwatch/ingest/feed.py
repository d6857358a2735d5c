"""RSS, Atom and RDF feeds through feedparser: one Article per item.

An item's body is its full content (content:encoded or Atom content) when that has at least
``FULL_TEXT_CHARS`` characters of text. Otherwise, when the item has a link, the linked page is
fetched and read like any HTML page; if the fetch or the extraction fails, or gives less text than
the item itself, the item's own summary/content is kept (logged at info level, no Failure: the
article is still there). The item's date wins over the page's; the outlet is the item's
<source>, else the feed title, else the page's site name. Article.origin is the feed; a failing
item's Failure has the item's link (or "FEED#itemN") as origin.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from tollwatch.config import Settings
from tollwatch.errors import IngestError
from tollwatch.ingest import web
from tollwatch.ingest.article import build_article
from tollwatch.ingest.decode import check_binary, declared_charset, decode_bytes
from tollwatch.ingest.webpage import extract_page, fragment_text
from tollwatch.types import Article, Failure

log = logging.getLogger(__name__)

#: An item with less text than this is a teaser: its link is fetched for the full article.
FULL_TEXT_CHARS = 500


def parse_feed(
    data: bytes,
    *,
    origin: str,
    settings: Settings,
    published: datetime | None = None,
) -> Iterator[Article | Failure]:
    """An Article or a Failure per item of the feed in ``data``. A document that is no feed is one
    Failure("unparsable"); a valid feed without items yields nothing (logged)."""
    import feedparser  # imported here: only feeds pay for it

    # A file object, not bytes: feedparser would try to open bytes as a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") or (parsed.bozo and not parsed.entries):
        problem = parsed.get("bozo_exception") or "no RSS, Atom or RDF root element"
        yield Failure(origin, "unparsable", f"not a readable RSS/Atom feed: {problem}")
        return
    if not parsed.entries:
        log.info("%s: feed has no items", origin)
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = entry.get("link") or f"{origin}#item{number}"
        try:
            yield _item_article(
                entry, feed_title, origin=origin, settings=settings, published=published
            )
        except IngestError as exc:
            yield Failure(where, exc.reason, str(exc))
        except Exception as exc:  # one odd item must not lose the rest of the feed
            log.debug("unexpected error on %s", where, exc_info=True)
            yield Failure(where, "unparsable", f"unexpected {type(exc).__name__}: {exc}")


def _item_text(entry: Any) -> tuple[str, bool]:
    """(text, is_full): the longest content block, else the summary, as plain text."""
    contents = [fragment_text(c.get("value")) for c in entry.get("content") or []]
    content = max(contents, key=len, default="")
    if content:
        return content, len(content) >= FULL_TEXT_CHARS
    return fragment_text(entry.get("summary")), False


def _fetch_page(link: str, settings: Settings) -> dict[str, Any] | None:
    try:
        data, content_type, final_url = web.fetch(link, settings)
        check_binary(data)
        markup = decode_bytes(data, declared_charset(content_type, data))
        page = extract_page(markup, final_url)
    except IngestError as exc:
        log.info(
            "%s: linked page unreadable (%s: %s), keeping the feed's text", link, exc.reason, exc
        )
        return None
    except Exception as exc:  # trafilatura/lxml choking on a page: the feed's text is kept
        log.info("%s: linked page unreadable (%s), keeping the feed's text", link, exc)
        return None
    if page is None:
        log.info("%s: linked page has no article text, keeping the feed's text", link)
    return page


def _item_article(
    entry: Any,
    feed_title: str | None,
    *,
    origin: str,
    settings: Settings,
    published: datetime | None,
) -> Article:
    link = entry.get("link")
    if not (link or "").lower().startswith(("http://", "https://")):
        link = None  # feedparser copies an Atom <id> such as "urn:uuid:..." into link
    text, is_full = _item_text(entry)
    page = None
    if link and not is_full:
        page = _fetch_page(link, settings)
        if page is not None and len(page["text"]) > len(text):
            text = page["text"]
        else:
            page = None
    if not text:
        raise IngestError("empty", "feed item has no text and no readable linked page")
    item_source = (entry.get("source") or {}).get("title")
    title = fragment_text(entry.get("title")) or (page and page["title"])
    item_date = entry.get("published_parsed") or entry.get("updated_parsed")
    return build_article(
        text,
        origin=origin,
        url=link,
        source=item_source or feed_title or (page and page["sitename"]),
        title=title,
        published=item_date or (page and page["date"]),
        fallback_published=published,
    )
