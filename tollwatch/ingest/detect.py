"""Which parser reads a document: by file extension first, then by sniffing the first bytes.

Formats: "text", "html", "feed" (RSS/Atom/RDF), "jsonl", "json", "warc". For URLs the bytes and
Content-Type are trusted over the extension, since servers serve feeds as text/html and pages
from paths without extensions.
"""

from __future__ import annotations

import json
import re

FORMATS = ("text", "html", "feed", "jsonl", "json", "warc")

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_CONTENT_TYPES = (
    ("rss", "feed"),
    ("atom", "feed"),
    ("rdf", "feed"),
    ("html", "html"),
    ("ndjson", "jsonl"),
    ("jsonl", "jsonl"),
    ("json-seq", "jsonl"),
    ("json", "json"),
    ("text/plain", "text"),
)
_FEED = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div|title|meta)[\s>/]", re.I)
_SNIFF_BYTES = 4096


def extension_format(name: str) -> str | None:
    """The format named by ``name``'s extension (".xml" is left to sniffing), else None."""
    lowered = name.lower()
    if lowered.endswith(".warc.gz"):
        return "warc"
    dot = lowered.rfind(".")
    slash = max(lowered.rfind("/"), lowered.rfind("\\"))
    if dot <= slash + 1:  # no extension, or a dot file
        return None
    return EXTENSIONS.get(lowered[dot:])


def looks_like_json_line(line: bytes) -> bool:
    """True when ``line`` is one JSON object."""
    stripped = line.strip().lstrip(b"\xef\xbb\xbf")
    if not stripped.startswith(b"{") or not stripped.endswith(b"}"):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except ValueError:
        return False


def sniff_format(data: bytes) -> str:
    """The format sniffed from the first bytes: "feed", "html", "jsonl", "json" or "text"."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        if _FEED.search(head):
            return "feed"
        if _HTML.search(head):
            return "html"
    elif head.startswith(b"{") and looks_like_json_line(head.split(b"\n", 1)[0]):
        return "jsonl"
    elif head.startswith((b"{", b"[")):
        try:
            json.loads(data)
        except ValueError:
            return "text"
        return "json"
    return "text"


def detect_format(name: str, data: bytes, content_type: str = "", is_url: bool = False) -> str:
    """The format of a document called ``name`` (path or URL) whose bytes start with ``data``."""
    by_extension = extension_format(name.split("?", 1)[0] if is_url else name)
    sniffed = sniff_format(data)
    if not is_url:
        if by_extension:
            return by_extension
        if name.lower().endswith(".xml") and sniffed == "text":
            return "feed"  # an XML file that is neither feed nor page: the feed parser says why
        return sniffed
    if sniffed in ("feed", "html", "jsonl"):
        return sniffed
    media = content_type.split(";", 1)[0].strip().lower()
    for marker, fmt in _CONTENT_TYPES:
        if marker in media:
            return fmt
    return by_extension or sniffed
