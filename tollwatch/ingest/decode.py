"""Bytes to text, or an IngestError saying why not.

check_binary(data)              raises not_text for NUL bytes, binary magic numbers or many
                                control characters (looks at the first 8 KiB only)
decode_bytes(data, declared)    raises undecodable; tries, in order: a UTF-8 or UTF-16/32 BOM,
                                strict UTF-8, the declared charset (HTTP header or <meta>),
                                cp1252 when the result looks like Western European text,
                                then charset_normalizer (when installed)
"""

from __future__ import annotations

import codecs
import re

from tollwatch.errors import IngestError

_SAMPLE_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05
#: Control bytes that are ordinary in text: tab, line feed, vertical tab, form feed, CR.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_MAGIC = (
    b"%PDF-", b"\x1f\x8b", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"OggS", b"ID3", b"RIFF", b"\xd0\xcf\x11\xe0",
)  # fmt: skip
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding=["']([^"']+)""")
_NON_ASCII_LETTER_RUN = re.compile(r"[^\x00-\x7f]{4,}")
_MAX_NON_ASCII_LETTER_SHARE = 0.25


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def check_binary(data: bytes) -> None:
    """Raise IngestError("not_text") when ``data`` looks like a binary file."""
    if bom_encoding(data):
        return
    head = data[:_SAMPLE_BYTES]
    if head.startswith(_MAGIC):
        raise IngestError("not_text", "binary file (known file signature), expected text")
    if b"\x00" in head:
        raise IngestError("not_text", "binary file (NUL bytes), expected text")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        raise IngestError(
            "not_text", f"binary file ({controls} control bytes in {len(head)}), expected text"
        )


def declared_charset(content_type: str, data: bytes) -> str | None:
    """The charset named by an HTTP Content-Type value or an HTML/XML declaration, if known."""
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if not match:
        head = data[:2048]
        found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        if not found:
            return None
        name = found.group(1).decode("ascii", "replace")
    else:
        name = match.group(1)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_western(text: str) -> bool:
    """True when cp1252-decoded ``text`` reads like Latin-script text: accented letters are few
    and scattered among ASCII ones (a Cyrillic or Greek page decoded as cp1252 is nearly all
    non-ASCII; random bytes have long non-ASCII runs and C1 controls)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    non_ascii = sum(1 for c in letters if ord(c) > 0x7F)
    if non_ascii / len(letters) > _MAX_NON_ASCII_LETTER_SHARE:
        return False
    return _NON_ASCII_LETTER_RUN.search(text) is None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` in the order of the module docstring; raise IngestError("undecodable")."""
    bom = bom_encoding(data)
    if bom:
        text = _try(data, bom)
        if text is None:
            raise IngestError("undecodable", f"bytes do not match their {bom} byte-order mark")
        return text
    text = _try(data, "utf-8")
    if text is not None:
        return text
    if declared and declared not in ("utf-8", "ascii"):
        text = _try(data, declared)
        if text is not None:
            return text
    text = _try(data, "cp1252")
    if text is not None and _looks_western(text):
        return text
    try:
        import charset_normalizer
    except ImportError:  # pragma: no cover - installed with requests
        charset_normalizer = None
    if charset_normalizer is not None:
        best = charset_normalizer.from_bytes(data).best()
        if best is not None and best.chaos < 0.2:
            return str(best)
    raise IngestError(
        "undecodable",
        "bytes are neither UTF-8, UTF-16 with a BOM, nor any encoding charset detection recognises",
        hint="convert the file to UTF-8",
    )
