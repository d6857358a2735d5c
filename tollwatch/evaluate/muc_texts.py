"""MUC-3/4 message files -> ``MucText`` records and ``Article``s.

A MUC text file holds many messages. Each begins with an id line (``DEV-MUC3-0001 (NOSC)``,
``TST1-MUC3-0001``) followed by a dateline (see ``TASK/CORPORA/dev/text-headers-info``)::

    SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] THE ARCE BATTALION ...

Conventions of this module (documented in docs/accuracy.md):

- ``published`` is the dateline date at 00:00 UTC, two-digit years read as 19YY. A dateline
  without a year (``7 FEB``) takes the year of the nearest earlier message of the same file that
  has one (stepping back a year if that would put the message in the future of its neighbour);
  ``NO DATE`` gives None.
- ``Article.text`` is the message verbatim, dateline included (that is how wire copy reads),
  with the hard line wrapping undone: the lines of a paragraph are joined by one space and
  paragraphs are separated by a blank line. Nothing else is changed (text stays in capitals;
  the extractor restores case itself). ``keep_dateline=False`` drops everything up to the
  dateline's ``--`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tollwatch.types import Article

ID_LINE = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b[^\n]*$", re.M)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    )
}
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Z]{3})[A-Z]*\.?(?:\s+(\d{2}))?\b", re.I)
_MONTH_DAY = re.compile(r"\b([A-Z]{3})[A-Z]*\.?\s+(\d{1,2})(?:\s+(\d{2}))?\b", re.I)


@dataclass(frozen=True)
class MucText:
    """One MUC message: its id, dateline parts, publication date and body text."""

    doc_id: str
    text: str  # paragraphs joined, see the module docstring
    dateline: str  # the words before "--", whitespace collapsed ("" when there is none)
    place: str | None  # dateline place ("SAN SALVADOR"; None for CLANDESTINE / NO CITY)
    source: str | None  # the wire service or station in the dateline, when given
    published: date | None

    def to_article(self, keep_dateline: bool = True) -> Article:
        text = self.text
        if not keep_dateline and self.dateline:
            text = text.split("--", 1)[1].strip() if "--" in text else text
        published = (
            datetime(self.published.year, self.published.month, self.published.day, tzinfo=UTC)
            if self.published
            else None
        )
        return Article(
            id=self.doc_id,
            text=text,
            source=self.source,
            published=published,
            language="en",
            origin=self.doc_id,
        )


def unwrap(raw: str) -> str:
    """Join hard-wrapped lines into paragraphs separated by one blank line."""
    paragraphs = re.split(r"\n\s*\n", raw.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def parse_dateline_date(dateline: str) -> tuple[int, int, int | None] | None:
    """(day, month, two-digit year or None) of a dateline, or None (``NO DATE``, unreadable)."""
    after_place = dateline.split(",", 1)[1] if "," in dateline else dateline
    after_place = re.sub(r"\([^)]*\)", " ", after_place)  # drop "(AFP)", "(PERU)"
    for pattern, order in ((_DAY_MONTH, "dm"), (_MONTH_DAY, "md")):
        for m in pattern.finditer(after_place):
            a, b, year = m.groups()
            day, month = (a, b) if order == "dm" else (b, a)
            month_no = MONTHS.get(month[:3].upper())
            if month_no and 1 <= int(day) <= 31:
                return int(day), month_no, int(year) if year else None
    return None


def _dateline_parts(body: str) -> tuple[str, str | None, str | None]:
    head = body.split("--", 1)[0] if "--" in body[:300] else ""
    dateline = " ".join(head.split())
    if not dateline:
        return "", None, None
    place = dateline.split(",", 1)[0].strip()
    place = re.sub(r"\s*\([^)]*\)", "", place).strip()
    if place.upper() in ("CLANDESTINE", "NO CITY", ""):
        place = None
    rest = dateline.split(",", 1)[1] if "," in dateline else ""
    sources = re.findall(r"\(([^)]*)\)", rest)
    return dateline, place, sources[-1].strip() if sources else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_texts(raw: str) -> list[MucText]:
    """Every message of one MUC text file, in file order."""
    parts = ID_LINE.split(raw)
    out: list[MucText] = []
    last_year: int | None = None
    last_date: date | None = None
    for i in range(1, len(parts), 2):
        doc_id, body = parts[i], parts[i + 1]
        dateline, place, source = _dateline_parts(body)
        published = None
        dmy = parse_dateline_date(dateline) if dateline else None
        if dmy:
            day, month, yy = dmy
            if yy is not None:
                published = _safe_date(1900 + yy, month, day)
            elif last_year is not None:
                published = _safe_date(last_year, month, day)
                if published and last_date and (published - last_date).days > 183:
                    published = _safe_date(last_year - 1, month, day)
        if published:
            last_year, last_date = published.year, published
        out.append(MucText(doc_id, unwrap(body), dateline, place, source, published))
    return out


def read_texts(paths: Iterable[Path]) -> dict[str, MucText]:
    """doc_id -> MucText for every message of the given files."""
    out: dict[str, MucText] = {}
    for path in paths:
        for text in parse_texts(Path(path).read_text(encoding="latin-1")):
            out[text.doc_id] = text
    return out


def iter_articles(texts: Iterable[MucText], keep_dateline: bool = True) -> Iterator[Article]:
    for text in texts:
        yield text.to_article(keep_dateline)
