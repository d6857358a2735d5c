"""HTML: a whole page through trafilatura, or a fragment (a feed item's content) to plain text.

For a page, trafilatura gives the title, the publication date (original date, from metadata and
the URL, no free-text guessing: a date quoted in the story is not the publication date), the
site name and the main text without navigation or comments. Its paragraphs are joined with a
blank line, as in plain-text input; a first paragraph that repeats the title is dropped.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import datetime
from typing import Any

from tollwatch.errors import IngestError
from tollwatch.ingest.article import build_article
from tollwatch.types import Article

log = logging.getLogger(__name__)

_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tr ul".split()
)
_TAG = re.compile(r"<[^>]*>")
#: Link texts of teaser summaries ("Read more", "Continue reading »") dropped from fragments.
_TEASER_LINK = re.compile(
    r"^(?:read more|read the full (?:story|article)|continue reading|full story|more)\W*$", re.I
)


_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""og:published_time|datePublished|pubdate|publish-date|dc\.date\.issued)["'][^>]*>""",
    re.I,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)


def _meta_timestamp(markup: str) -> str | None:
    """The full publication timestamp of a page's metadata when it has a time of day
    (trafilatura keeps only the day)."""
    for tag in _META_TIME.finditer(markup[:200_000]):
        content = _CONTENT.search(tag.group(0))
        if content and "T" in content.group(1) and len(content.group(1)) >= 16:
            return content.group(1).strip()
    return None


def extract_page(markup: str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's reading of a page as a dict with keys title, text, date, sitename, url;
    None when it finds no main text."""
    import trafilatura  # imported here: ~0.1 s, paid only when HTML is met

    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    title = (doc.title or "").strip() or None
    paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    date = doc.date
    stamp = _meta_timestamp(markup)
    if stamp and (not date or stamp.startswith(str(date)[:10])):
        date = stamp  # the same day, with its time and offset (toll histories need the hour)
    return {
        "title": title,
        "text": "\n\n".join(paragraphs),
        "date": date,
        "sitename": (doc.sitename or "").strip() or None,
        "url": doc.url if (doc.url or "").startswith(("http://", "https://")) else None,
    }


def parse_html(
    markup: str,
    *,
    origin: str,
    url: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
) -> Article:
    """One Article from an HTML page. ``url`` is where the page came from (None for a file: the
    page's canonical link is used then). Raises IngestError("unparsable") when the page has no
    main text."""
    page = extract_page(markup, url)
    if page is None:
        raise IngestError(
            "unparsable",
            "HTML page yielded no article text",
            hint="the page may be an index, a paywall or rendered by JavaScript",
        )
    return build_article(
        page["text"],
        origin=origin,
        url=url or page["url"],
        source=source or page["sitename"],
        title=page["title"],
        published=page["date"],
        fallback_published=published,
    )


def fragment_text(markup: str | None) -> str:
    """Plain text of an HTML fragment (feed summaries and content): block elements become
    paragraphs separated by a blank line, <br> a line break, scripts and styles are dropped."""
    if not markup or not markup.strip():
        return ""
    if "<" not in markup:
        return _paragraphs(html.unescape(markup))
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _paragraphs(_TAG.sub(" ", markup))
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for link in root.iter("a"):
        if _TEASER_LINK.match(link.text_content().strip()):
            link.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    """Blank-line separated paragraphs, each with its whitespace runs collapsed (a lone newline
    inside a paragraph is kept as a line break)."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\xa0", " "))
    out = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return "\n\n".join(out)
