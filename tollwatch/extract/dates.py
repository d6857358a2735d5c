"""Resolve date expressions against the publication date (no spaCy here).

``find_dates(text, published)`` returns every date expression in ``text`` with its resolved date and
precision. Rules: a weekday ("Monday", "on Sunday") is the latest such day on or before publication;
"last <weekday>" on that same weekday means a week before; "next <weekday>" is the next such day
after publication; "yesterday" and "last night" are the day before; "today", "this morning",
"tonight" the day itself; a day and month without a year take the publication year, or the year
before when that would fall after publication; a full date after publication resolves to none. A
year to come ("the 1991 elections") and "next Tuesday" keep their dates but never date an incident
(``reports.frame_to_report``). With no publication date, only expressions that carry a year
resolve.
A bare past year ("in 1986") resolves with precision "year" and marks history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tollwatch.extract.numbers import UNITS

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d|'?\d\d)"

PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # 23 May 2016, 23 May, 3 FEB 90
    (
        "dmy",
        re.compile(
            r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + r")?\b",
            re.I,
        ),
    ),
    # May 23, 2016 / May 23
    (
        "mdy",
        re.compile(
            r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR + r"\b)?",
            re.I,
        ),
    ),
    # May 2016 / in May
    # "the November attacks", "last March's bombing": a month used as a modifier
    (
        "my",
        re.compile(r"\b(?:[Tt]he|[Ll]ast)\s+" + _MONTH + r"(?:'s)?(?=\s+[a-z])", re.I),
    ),
    # "in March last year", "last year"
    (
        "lastyear",
        re.compile(r"\b(?:(?:in\s+)?" + _MONTH + r"\s+)?last\s+year\b", re.I),
    ),
    (
        "my",
        re.compile(
            r"\b(?:in|since|during|of|last|early|late|mid)[\s-]+"
            + _MONTH
            + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|"
            r"last night|overnight|earlier today|on (?:the )?eve)\b",
            re.I,
        ),
    ),
    # "last week", "earlier this week", "last month", "in the past 24 hours", "over the weekend"
    (
        "period",
        re.compile(
            r"\b(?:(?P<lastw>last|past)\s+week|(?:earlier\s+)?this\s+week|"
            r"(?P<lastm>last|past)\s+month|(?:earlier\s+)?this\s+month|"
            r"(?:in|over|during|within)\s+the\s+(?:last|past)\s+(?P<hours>\d+|24|48)\s+hours|"
            r"(?P<weekend>(?:over\s+the|last|this)\s+weekend))\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<last>last\s+)|(?P<next>next\s+|(?:this\s+)?coming\s+))?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:'s)?\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(r"\b(?:[Ii]n|[Ss]ince|[Oo]f|[Dd]uring|[Ff]rom)\s+(?P<year>(?:1[89]|20)\d\d)\b"),
    ),
    # "the 2004 bombings", "a 2013 attack": a year used as a modifier
    (
        "year",
        re.compile(
            r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?P<year>(?:1[89]|20)\d\d)(?=\s+[A-Za-z])"
        ),
    ),
    # "came eight days after an attack ...", "two weeks before the vote": another, earlier
    # (or later) event, told as history of this one ("stayed 1 hour after the shooting" says
    # nothing of the day: hours are no offset)
    (
        "offset",
        re.compile(
            r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
            r"(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before)\b",
            re.I,
        ),
    ),
    # "on that very day", "the same day", "the next day", "three days later": a day told by the
    # date the text gave last (``_anaphors``)
    (
        "anaphor",
        re.compile(
            r"\b(?:(?:that|the\s+same)\s+(?:very\s+)?day|"
            r"the\s+(?P<next>next|following)\s+day|"
            r"the\s+(?:previous|preceding)\s+day|"
            r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?:days?|weeks?)\s+"
            r"later)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
]
_SMALL = {"a": 1, **{w: n for w, n in UNITS.items() if 1 <= n <= 10}}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: date | None  # None: a relative expression with no publication date to anchor it
    precision: str  # day | month | year
    history: bool = False  # clearly before the publication (another year, "years ago")


def _year(raw: str | None, published: date | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'")
    y = int(raw)
    if y < 100:
        # two-digit years: MUC-style "3 FEB 90"
        y += 1900 if y > 30 else 2000
    return y


def _bounded(d: date, published: date | None, year_given: bool) -> date | None:
    if published is None or d <= published:
        return d
    if not year_given:
        try:
            return d.replace(year=d.year - 1)
        except ValueError:
            return None
    return None


def _resolve(kind: str, m: re.Match, published: date | None) -> tuple[date | None, str] | None:
    g = m.groupdict()
    if kind == "iso":
        try:
            d = date(int(g["year"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return _bounded(d, published, True), "day"
    if kind in ("dmy", "mdy"):
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        year = _year(g.get("year"), published)
        if year is None and published is None:
            return None
        try:
            d = date(year or published.year, month, day)  # type: ignore[union-attr]
        except ValueError:
            return None
        return _bounded(d, published, year is not None), "day"
    if kind == "my":
        month = MONTHS[g["month"].lower().rstrip(".")]
        year = _year(g.get("year"), published)
        if year is None and published is None:
            return None
        d = date(year or published.year, month, 1)  # type: ignore[union-attr]
        return _bounded(d, published, year is not None), "month"
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year"
    if kind == "lastyear":
        if published is None:
            return None
        if g.get("month"):
            return date(published.year - 1, MONTHS[g["month"].lower().rstrip(".")], 1), "month"
        return date(published.year - 1, 1, 1), "year"
    if kind == "anaphor":
        return None, "day"  # dated by the text's last date (``_anaphors``)
    if published is None:
        return None, "day"
    if kind == "relative":
        rel = g["rel"].lower()
        if rel in ("yesterday", "last night"):
            return published - timedelta(days=1), "day"
        if rel.startswith("on"):
            return None
        return published, "day"
    if kind == "period":
        if g.get("lastw"):
            return published - timedelta(days=7), "week"
        if g.get("lastm"):
            first = published.replace(day=1) - timedelta(days=1)
            return first.replace(day=1), "month"
        if g.get("hours"):
            return published - timedelta(days=max(0, int(g["hours"]) // 24 - 1)), "day"
        if g.get("weekend"):
            back = (published.weekday() - 5) % 7  # the last Saturday (today when it is one)
            return published - timedelta(days=back), "week"
        if "month" in m.group(0).lower():
            return published.replace(day=1), "month"
        return published, "week"
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        if g.get("next"):
            # "next Tuesday", "this coming Friday": a day still to come
            ahead = (wd - published.weekday()) % 7 or 7
            return published + timedelta(days=ahead), "day"
        back = (published.weekday() - wd) % 7
        if g.get("last") and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "offset":
        n = int(g["n"]) if g["n"].isdigit() else _SMALL[g["n"].lower()]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[g["unit"].lower()] * n
        sign = -1 if g["dir"].lower() == "after" else 1
        precision = "day" if g["unit"].lower() == "day" else g["unit"].lower()
        return published + timedelta(days=sign * days), precision
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _SMALL[g["n"].lower()]
        unit = g["unit"].lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        prec = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        return published - timedelta(days=days), prec
    return None


#: words that every match of a kind of pattern contains (lower case, spaces collapsed): a text
#: without any of them is not searched with it (the patterns take a tenth of the rules' time)
_NEEDS = {
    "lastyear": ("last year",),
    "relative": (
        "yesterday",
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "last night",
        "overnight",
        "on eve",
        "the eve",
    ),
    "period": ("week", "month", "hours"),
    "weekday": tuple(WEEKDAYS),
    "offset": ("after", "before"),
    "ago": ("ago",),
    "anaphor": (
        "later",
        "that day",
        "that very day",
        "same day",
        "same very day",
        "next day",
        "following day",
        "previous day",
        "preceding day",
    ),
}
#: the first letters of every month's name (the patterns that need a month)
_MONTH_KINDS = frozenset({"dmy", "mdy", "my"})
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _may_match(kind: str, pattern: re.Pattern[str], words: str) -> bool:
    """False only when ``pattern`` cannot match a text whose words (lower case, one space
    between them) are ``words``."""
    if kind in _MONTH_KINDS and pattern.flags & re.I:
        return any(m in words for m in _MONTH_STARTS)
    needs = _NEEDS.get(kind)
    return needs is None or any(n in words for n in needs)


#: the words before a date that converts a local time to GMT, in brackets after it ("at 2230
#: [0230 GMT on 12 January]"); "Madrid EFE at 2132 GMT on 13 December reports" is a real day
_GMT = re.compile(r"[\[(]\s*\d{3,4}\s+GMT,?\s+(?:on\s+)?$", re.I)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """All date expressions in ``text``, left to right, without overlaps (earlier patterns in
    PATTERNS win)."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    kinds: dict[int, str] = {}  # start -> the kind of pattern that found it
    words = " ".join(text.lower().split())
    for kind, pattern in PATTERNS:
        if not _may_match(kind, pattern, words):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "my" and m.group("month").lower() == "may" and not m.group("year"):
                continue  # "in may" is too often the verb
            if (
                kind in ("dmy", "mdy")
                and m.group("month").lower() in ("may", "mar")
                and not (m.group("month")[0].isupper())
            ):
                continue
            if _GMT.search(text, max(0, s - 16), s):
                continue  # "at 2230 [0230 GMT on 12 January]": the clock in London, not the day
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            d, precision = resolved
            history = False
            if d is not None and published is not None:
                history = (
                    (published - d).days > 60 if precision != "year" else d.year < published.year
                )
            elif d is not None and kind == "year":
                history = True
            if kind == "ago" and d is not None and published is not None:
                history = (published - d).days > 60
            if kind == "offset" and d is not None:
                history = d != published  # another event than the one the article reports
            taken.append((s, e))
            out.append(DateMention(s, e, m.group(0), d, precision, history))
            kinds[s] = kind
    out.sort(key=lambda dm: dm.start)
    return _anaphors(_with_weekdays(out, kinds, text), kinds, published)


def _anaphor_offset(raw: str) -> int:
    words = raw.lower().split()
    if words[-1] == "later":
        n = int(words[0]) if words[0].isdigit() else _SMALL[words[0]]
        return n * 7 if words[1].startswith("week") else n
    if words[1] in ("next", "following"):
        return 1
    if words[1] in ("previous", "preceding"):
        return -1
    return 0


def _anaphors(
    out: list[DateMention], kinds: dict[int, str], published: date | None
) -> list[DateMention]:
    """ "On 18 August ... on that very day", "the next day", "three days later": the day the date
    before it in the text names, moved by the offset. One that follows no date of a day (none,
    or a month or a year) is dropped, as is one that would fall after the publication."""
    kept: list[DateMention] = []
    last: DateMention | None = None
    for dm in out:
        if kinds.get(dm.start) != "anaphor":
            kept.append(dm)
            last = dm
            continue
        if last is None or last.date is None or last.precision != "day":
            continue
        d = last.date + timedelta(days=_anaphor_offset(dm.text))
        if published is not None and d > published:
            continue
        history = last.history if published is None else (published - d).days > 60
        dm = replace(dm, date=d, history=history)
        kept.append(dm)
        last = dm
    return kept


#: what may stand between a weekday and the date it names: "Tuesday, 5 August", "Friday the 4th"
_WEEKDAY_GAP = re.compile(r",?\s*(?:the\s+)?")


def _with_weekdays(out: list[DateMention], kinds: dict[int, str], text: str) -> list[DateMention]:
    """A weekday right before a date of the month is part of it: "on Tuesday, 5 August" is 5
    August, whatever day of the week the weekday alone would give counting back from the
    publication (the text may even name the wrong weekday)."""
    merged: list[DateMention] = []
    skip = False
    for k, dm in enumerate(out):
        if skip:
            skip = False
            continue
        nxt = out[k + 1] if k + 1 < len(out) else None
        if (
            nxt is not None
            and kinds.get(dm.start) == "weekday"
            and kinds.get(nxt.start) in ("dmy", "mdy")
            and _WEEKDAY_GAP.fullmatch(text, dm.end, nxt.start)
        ):
            merged.append(replace(nxt, start=dm.start, text=text[dm.start : nxt.end]))
            skip = True
            continue
        merged.append(dm)
    return merged
