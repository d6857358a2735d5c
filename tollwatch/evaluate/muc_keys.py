"""MUC-4 answer keys -> ``KeyTemplate`` (the 25 slots as written), and readers of slot values.

Key file conventions (TASK/TASKDOC/templ-doc-basic/template-doc-part1.v7, sections 3-4 and 7):

- A template is a block of lines ``N.  SLOT NAME   value``; a line that starts with blanks
  continues the slot above with one more filler. Lines starting with ``;`` are comments.
- ``*`` inapplicable (an irrelevant message has ``*`` in every slot but the id: no template),
  ``-`` null (no filler).
- ``A / B`` alternatives of one filler (any one is correct); ``?`` before a filler: optional
  (a system may leave it out); ``(OPTIONAL)`` after the template number: the whole template is
  optional.
- Strings are quoted, ``\\"`` escapes a quote. Set fills of cross-referenced slots name their
  referent after a colon: ``DEATH: "PEASANT"``, ``REPORTED AS FACT: "FMLN" / "FARABUNDO ..."``.
- Dates: ``26 AUG 89``, ``25 AUG 89 - 26 AUG 89`` (on or between), ``- 26 AUG 89`` (on or
  before), alternatives in parentheses. Locations: ``COUNTRY: PLACE (TYPE): PLACE (TYPE)``,
  ``PLACE (TYPE) - PLACE (TYPE)`` for "between", alternatives ``(...) / (...)``.
- Numbers: ``7``, ``PLURAL``, ``6-8`` (range), ``6-`` (at least 6), ``~100`` (about 100).

The keys contain a few typos (stray quotes, a missing year, ``GUATAMALA``); the parser is
tolerant and never raises on a malformed value: it keeps what it can read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tollwatch.evaluate.muc_texts import MONTHS

SLOT_LINE = re.compile(r"^(\d{1,2})\.\s+[A-Z][A-Z :]*?[A-Z](?:\s{2,}(.*?)|\s*)$")

#: Incident types of the MUC-4 set list (HIJACKING never occurs in the DEV/TST1/TST2 keys).
MUC_TYPES = (
    "ATTACK",
    "BOMBING",
    "KIDNAPPING",
    "ARSON",
    "ROBBERY",
    "FORCED WORK STOPPAGE",
    "HIJACKING",
)

#: Country names of the keys that pycountry does not know (historic names, typos).
COUNTRY_OVERRIDES = {
    "USSR": "RU",
    "SOVIET UNION": "RU",
    "WEST GERMANY": "DE",
    "EAST GERMANY": "DE",
    "FEDERAL REPUBLIC OF GERMANY": "DE",
    "CZECHOSLOVAKIA": "CZ",
    "YUGOSLAVIA": "RS",
    "PEOPLES REP OF CHINA": "CN",
    "DEMOCRATIC PEOPLES REP OF KOREA": "KP",
    "GUATAMALA": "GT",
    "UNITED STATES": "US",
    "GREAT BRITAIN": "GB",
    "ENGLAND": "GB",
}


@dataclass(frozen=True)
class Fill:
    """One filler: ``values`` are its alternatives, ``refs`` the alternatives of the filler of
    another slot it refers to (cross-referenced slots), ``optional`` when marked ``?``."""

    values: tuple[str, ...]
    refs: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class KeyTemplate:
    doc_id: str
    number: str  # "1", "2"...
    optional: bool  # "(OPTIONAL)" after the number
    raw: dict[int, tuple[str, ...]]  # slot number -> its lines as written (value part only)

    def fills(self, slot: int) -> tuple[Fill, ...]:
        """The fillers of a string/set/number slot (not date or location)."""
        return tuple(f for line in self.raw.get(slot, ()) if (f := parse_fill(line)))


@dataclass(frozen=True)
class DateSpan:
    """An incident date as the key states it: ``lo`` None means "on or before ``hi``"."""

    lo: date | None
    hi: date


@dataclass(frozen=True)
class Interval:
    """A count: ``lo``..``hi`` inclusive, ``hi`` None for "at least lo"."""

    lo: int
    hi: int | None

    def contains(self, value: float) -> bool:
        return value >= self.lo and (self.hi is None or value <= self.hi)

    def distance(self, value: float) -> float:
        if value < self.lo:
            return self.lo - value
        return 0.0 if self.hi is None or value <= self.hi else value - self.hi


@dataclass(frozen=True)
class GoldLocation:
    country: str | None  # ISO 3166-1 alpha-2 when known
    country_name: str
    places: tuple[str, ...]  # names below the country, most general first


# -- raw parsing --------------------------------------------------------------------------------
def split_alternatives(text: str) -> list[str]:
    """Split on ``/`` outside quotes and parentheses; unquote; drop empty parts."""
    parts, buf, in_quote, depth, i = [], [], False, 0, 0
    while i < len(text):
        ch = text[i]
        if in_quote and ch == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
            i += 2
            continue
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "/" and not in_quote and depth <= 0:
            parts.append("".join(buf))
            buf = []
            i += 1
            continue
        buf.append(ch)
        i += 1
    parts.append("".join(buf))
    out = []
    for part in parts:
        part = part.strip()
        if len(part) >= 2 and part[0] == '"' and part[-1] == '"' and not part.endswith('\\"'):
            part = part[1:-1]
        part = part.replace('\\"', "\x00").replace('"', "").replace("\x00", '"').strip()
        if part:
            out.append(part)
    return out


def _colon_outside_quotes(text: str) -> int:
    in_quote = False
    for i, ch in enumerate(text):
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            in_quote = not in_quote
        elif ch == ":" and not in_quote:
            return i
    return -1


def parse_fill(line: str) -> Fill | None:
    """One filler line of a string, set or number slot; None for ``-``, ``*`` or nothing."""
    text = line.strip()
    optional = text.startswith("?")
    text = text.lstrip("?").strip()
    if text in ("", "-", "*"):
        return None
    colon = _colon_outside_quotes(text)
    left, right = (text[:colon], text[colon + 1 :]) if colon >= 0 else (text, "")
    values = tuple(split_alternatives(left))
    refs = tuple(r for r in split_alternatives(right) if r != "-")
    if not values:
        return None
    return Fill(values, refs, optional)


def parse_keys(raw: str) -> dict[str, list[KeyTemplate]]:
    """doc_id -> its templates, in file order; an irrelevant message maps to []."""
    out: dict[str, list[KeyTemplate]] = {}
    blocks: list[dict[int, list[str]]] = []
    current: dict[int, list[str]] | None = None
    slot = -1
    for line in raw.splitlines():
        if line.startswith(";") or not line.strip():
            continue
        m = SLOT_LINE.match(line)
        if m:
            slot = int(m.group(1))
            if slot == 0:
                current = {}
                blocks.append(current)
            if current is not None:
                current.setdefault(slot, []).append((m.group(2) or "").strip())
        elif current is not None and slot >= 0 and line[:1].isspace():
            current.setdefault(slot, []).append(line.strip())
    for block in blocks:
        doc_id = (block.get(0) or [""])[0].split()[0] if block.get(0) and block[0][0] else ""
        if not doc_id:
            continue
        out.setdefault(doc_id, [])
        number = " ".join(block.get(1, ["*"]))
        if number.strip() in ("*", ""):
            continue
        optional = "OPTIONAL" in number.upper()
        number = number.split("(")[0].strip()
        raw_slots = {k: tuple(v for v in vals if v) for k, vals in block.items()}
        out[doc_id].append(KeyTemplate(doc_id, number, optional, raw_slots))
    return out


def read_keys(paths: Iterable[Path]) -> dict[str, list[KeyTemplate]]:
    out: dict[str, list[KeyTemplate]] = {}
    for path in paths:
        out.update(parse_keys(Path(path).read_text(encoding="latin-1")))
    return out


# -- dates, locations, numbers ------------------------------------------------------------------
_ONE_DATE = re.compile(
    r"(?:(\d{1,2})\s+([A-Z]{3})[A-Z]*|([A-Z]{3})[A-Z]*\s+(\d{1,2}))(?:\s+(\d{2}))?", re.I
)


def _date_of(m: re.Match[str], anchor: date | None) -> date | None:
    day = m.group(1) or m.group(4)
    month = MONTHS.get((m.group(2) or m.group(3) or "")[:3].upper())
    if not month:
        return None
    if m.group(5):
        year = 1900 + int(m.group(5))
    elif anchor:
        year = anchor.year if month <= anchor.month + 1 else anchor.year - 1
    else:
        return None
    try:
        return date(year, month, int(day))
    except ValueError:
        return None


def parse_date_slot(lines: Iterable[str], anchor: date | None = None) -> tuple[DateSpan, ...]:
    """Date alternatives of slot 2; ``anchor`` (the dateline date) supplies a missing year."""
    out: list[DateSpan] = []
    for line in lines:
        for alt in split_alternatives(line.lstrip("?")):
            alt = alt.strip("() ")
            found = [(m, _date_of(m, anchor)) for m in _ONE_DATE.finditer(alt)]
            dates = [d for _, d in found if d]
            if not dates:
                continue
            if len(dates) >= 2:
                out.append(DateSpan(min(dates[0], dates[1]), max(dates[0], dates[1])))
            elif alt[: found[0][0].start()].strip().startswith("-"):
                out.append(DateSpan(None, dates[0]))
            else:
                out.append(DateSpan(dates[0], dates[0]))
    return tuple(dict.fromkeys(out))


def country_code(name: str) -> str | None:
    name = " ".join(name.upper().split())
    if name in COUNTRY_OVERRIDES:
        return COUNTRY_OVERRIDES[name]
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def parse_location_slot(lines: Iterable[str]) -> tuple[GoldLocation, ...]:
    out: list[GoldLocation] = []
    for line in lines:
        for alt in split_alternatives(line.lstrip("?").strip()):
            alt = alt.strip()
            while alt.startswith("(") and alt.endswith(")"):
                alt = alt[1:-1].strip()
            if alt in ("", "-", "*"):
                continue
            segments = [s.strip() for s in re.split(r"[:,]", alt)]
            country = re.sub(r"\([^)]*\)", "", segments[0]).strip()
            places: list[str] = []
            for seg in segments[1:]:
                for piece in re.split(r"\s+-\s+", seg):
                    name = re.sub(r"\([^)]*\)?", "", piece).strip(" ()")
                    if name:
                        places.append(name)
            out.append(GoldLocation(country_code(country), country, tuple(places)))
    return tuple(dict.fromkeys(out))


_NUMBER = re.compile(r"^(~)?\s*(\d+)?\s*(-)?\s*(\d+)?$")


def parse_count(value: str) -> Interval | None:
    """``7`` -> 7..7, ``~30`` -> 30..30, ``6-8`` -> 6..8, ``6-`` -> 6.., ``-26`` -> 1..26;
    ``PLURAL`` and anything unreadable -> None."""
    m = _NUMBER.match(value.strip())
    if not m or not (m.group(2) or m.group(4)):
        return None
    a, dash, b = m.group(2), m.group(3), m.group(4)
    if a and not dash:
        return Interval(int(a), int(a))
    if a and dash and b:
        return Interval(min(int(a), int(b)), max(int(a), int(b)))
    if a and dash:
        return Interval(int(a), None)
    return Interval(1, int(b)) if b else None


def count_of(values: Iterable[str]) -> Interval | None:
    """The hull of the numeric alternatives of a NUMBER filler."""
    nums = [n for v in values if (n := parse_count(v))]
    if not nums:
        return None
    hi = None if any(n.hi is None for n in nums) else max(n.hi for n in nums if n.hi is not None)
    return Interval(min(n.lo for n in nums), hi)
