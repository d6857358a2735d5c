"""Read numbers and their hedges from a sequence of words (no spaCy here).

``read_number(words, i)`` reads a number starting at ``words[i]``: digits ("148", "1,200",
"1.5 million"), number words ("Seventy-three", "a hundred", "one hundred and twenty"), "a dozen",
and vague quantities ("dozens", "scores", "hundreds") valued as ACLED does (tens = 10, dozens = 12,
hundreds = 100). ``read_qualifier(words, i)`` reads a hedge that ends just before ``words[i]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
#: vague plurals -> conventional lower value (ACLED: tens = 10, dozens = 12, hundreds = 100)
VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
DOZEN = {"dozen": 12, "score": 20}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$|^\d+\.\d+$")
#: the words other than digits that may start a number (``read_number``)
STARTERS = frozenset({"a", "an", *VAGUE, *UNITS, *TENS})


def may_start_number(word: str) -> bool:
    """False when ``read_number`` would return None for a number starting with ``word`` (a cheap
    test before it: most words of a sentence are no number)."""
    return word[:1].isdigit() or word in STARTERS


@dataclass(frozen=True)
class Number:
    value: int
    start: int  # index of the first word
    end: int  # index after the last word
    vague: bool = False


def _digit_value(word: str) -> float | None:
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    return None


def read_number(words: list[str], i: int) -> Number | None:
    """Read a number whose first word is ``words[i]`` (words are lower-cased tokens, hyphens as
    their own tokens). Returns None when ``words[i]`` does not start a number."""
    n = len(words)
    if i >= n:
        return None
    w = words[i]
    # digits, optionally followed by a scale word ("1.5 million")
    dv = _digit_value(w)
    if dv is not None:
        j = i + 1
        if j < n and words[j] in ("million", "billion", "thousand"):
            dv *= SCALES[words[j]]
            j += 1
        if dv != int(dv):
            return None
        return Number(int(dv), i, j)
    if w in VAGUE:
        # "dozens", but also "tens of thousands" -> 10,000
        if i + 2 < n and words[i + 1] == "of" and words[i + 2] in VAGUE:
            return Number(VAGUE[w] * VAGUE[words[i + 2]], i, i + 3, vague=True)
        return Number(VAGUE[w], i, i + 1, vague=True)
    j = i
    if w in ("a", "an"):
        # "a hundred", "a dozen", "a thousand"
        if i + 1 < n and (words[i + 1] in SCALES or words[i + 1] in DOZEN):
            j = i + 1
            total, current = 0, 1
            w = words[j]
            if w in DOZEN:
                return Number(DOZEN[w], i, j + 1)
            current = SCALES[w]
            j += 1
            return _continue_words(words, i, j, total, current)
        return None
    if w in UNITS or w in TENS:
        return _continue_words(words, i, i, 0, 0)
    return None


def _continue_words(words: list[str], start: int, j: int, total: int, current: int) -> Number:
    n = len(words)
    consumed_any = j > start
    last_end = j
    while j < n:
        w = words[j]
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += max(current, 1) * SCALES[w]
            current = 0
        elif w == "dozen" and consumed_any:
            current = max(current, 1) * 12
            j += 1
            last_end = j
            break
        elif (
            w in ("-", "and")
            and consumed_any
            and j + 1 < n
            and (words[j + 1] in UNITS or words[j + 1] in TENS)
        ):
            j += 1
            continue
        else:
            break
        consumed_any = True
        j += 1
        last_end = j
    return Number(total + current, start, last_end)


# Hedges, longest first. value: (normalised qualifier, kind) where kind says how low/high are set.
QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        [
            (("at", "least"), "at least"),
            (("no", "fewer", "than"), "at least"),
            (("no", "less", "than"), "at least"),
            (("a", "minimum", "of"), "at least"),
            (("more", "than"), "more than"),
            (("over",), "more than"),
            (("upwards", "of"), "more than"),
            (("in", "excess", "of"), "more than"),
            (("nearly",), "nearly"),
            (("almost",), "nearly"),
            (("close", "to"), "nearly"),
            (("about",), "about"),
            (("around",), "about"),
            (("approximately",), "about"),
            (("roughly",), "about"),
            (("some",), "about"),
            (("an", "estimated"), "about"),
            (("estimated",), "about"),
            (("up", "to"), "up to"),
            (("as", "many", "as"), "up to"),
            (("at", "most"), "up to"),
            (("fewer", "than"), "less than"),
            (("less", "than"), "less than"),
        ],
        key=lambda q: -len(q[0]),
    )
)


def read_qualifier(words: list[str], i: int) -> tuple[str, int]:
    """The hedge ending just before ``words[i]`` and the index where it starts; ("exact", i) when
    there is none."""
    for phrase, name in QUALIFIERS:
        k = len(phrase)
        if i - k >= 0 and tuple(words[i - k : i]) == phrase:
            return name, i - k
    return "exact", i


def bounds(value: int, qualifier: str, vague: bool) -> tuple[int | None, int | None, str]:
    """low, high and the stored qualifier for a number and its hedge (documented in
    docs/schema.md): exact n -> (n, n); at least n -> (n, None); more than n -> (n + 1, None);
    about/nearly n -> (n, n) with the hedge kept; up to n -> (None, n); less than n -> (None, n - 1);
    vague ("dozens") -> (conventional value, None)."""
    if vague:
        return value, None, "vague"
    if qualifier == "at least":
        return value, None, qualifier
    if qualifier == "more than":
        return value + 1, None, qualifier
    if qualifier == "up to":
        return None, value, qualifier
    if qualifier == "less than":
        return None, max(value - 1, 0), qualifier
    return value, value, qualifier
