"""Restore letter case in texts written in capitals (MUC-4 wire copy, some headlines, feeds)
or entirely in lower case (processed research corpora).

spaCy's tagger and NER need case. A text whose letters are mostly capitals is lower-cased and
handed, sentence by sentence, to the statistical truecaser of the ``truecase`` package (unigram,
bigram and trigram case statistics shipped inside the package; loaded once per worker, about
1 s, only when such a text arrives). Words it has never seen get a capital (they are mostly names).
Then sentence starts (and the word after a dateline's dash, not after a dash later in the text)
and month names next to a day number ("on 11 May") get a capital, and the acronyms of the actor
table ("FMLN") come back in capitals. Every change keeps the text's length,
so character offsets stay valid.
"""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENT_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_SENT_START = re.compile(r"(^|[.!?]\s+|\n\s*\n\s*|\[TEXT\]\s*)([a-z])")
#: the dash that ends a dateline ("CARACAS, 15 JUL 89 -- a report said") opens a sentence; a dash
#: later in the text sets off a phrase ("kidnapped Norberto Rodriguez -- brother of the first lady
#: -- in Santander") and opens none
_DATELINE_DASH = re.compile(r"--\s*([a-z])")
#: how far into a text a dateline's dash may be
DATELINE_CHARS = 120
#: a month name next to a day number ("on 11 may", "march 3"): a date, never the verb "may"
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_DAY_MONTH = re.compile(
    r"\b(?:[0-3]?\d\s+" + _MONTHS + r"|" + _MONTHS + r"(?=\s+[0-3]?\d\b))\b", re.I
)


def mostly_capitals(text: str, threshold: float = 0.6) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= threshold


def lost_case(text: str) -> bool:
    """Whether the case of ``text`` carries no information: mostly capitals, or (lower-cased
    corpora, social media) almost no capitals at all."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 20:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper >= 0.6 or upper <= 0.005


def _capitalise_month(m: re.Match[str]) -> str:
    """ "11 may" -> "11 May", "march 3" -> "March 3" (the day's digits stay as they are)."""
    text = m.group(0)
    i = next(k for k, c in enumerate(text) if c.isalpha())
    return text[:i] + text[i].upper() + text[i + 1 :]


#: endings of inflected forms whose stem the truecaser knows: "bodyguards", "machinegunned"
_INFLECTIONS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


class CaseRestorer:
    """Built once per worker; the truecaser model loads on first use. ``common``: lower-cased
    common words (the lexicons' person, weapon and event words) that stay in lower case, with
    their inflections, when the truecaser has never seen them."""

    def __init__(
        self, acronyms: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()
    ) -> None:
        self.acronyms = acronyms  # lower-cased words to put back in capitals
        self.common = common
        self._model: Any = None

    def _unseen_common(self, word: str, lookup: dict[str, Any]) -> bool:
        """A word the truecaser has never seen that is no name: a common word of the lexicons
        (or its plural), or an inflection of a word it has only ever seen in lower case
        ("bodyguards" from "bodyguard"). Unseen words get a capital otherwise."""
        if word in lookup or not word.isalpha():
            return False
        if word in self.common or (word.endswith("s") and word[:-1] in self.common):
            return True
        for end, add in _INFLECTIONS:
            if word.endswith(end) and len(word) > len(end) + 3:
                stem = word[: -len(end)]
                # "machinegunned": a doubled last consonant
                for cand in {stem + add, stem[:-1] if stem[-1] == stem[-2] else stem}:
                    if list(lookup.get(cand, ())) == [cand] or cand in self.common:
                        return True  # "abducted" from the event word "abduct"
        return False

    def _truecaser(self) -> Any:
        if self._model is None:
            from truecase.TrueCaser import TrueCaser

            model = TrueCaser()
            # the package keeps each word's casings in a set and, on equal scores, keeps the
            # first it meets: an order that changes with Python's string hashing from one run to
            # the next. Sorted lists make the same text come out the same in every process.
            model.word_casing_lookup = {k: sorted(v) for k, v in model.word_casing_lookup.items()}
            self._model = model
        return self._model

    def restore(self, text: str) -> str:
        lowered = text.lower()
        if len(lowered) != len(text):
            return text  # a character whose lower case has another length: leave it alone
        chars = list(lowered)
        model = self._truecaser()
        pos = 0
        for chunk in _SENT_END.split(lowered):
            start = lowered.find(chunk, pos)
            if start < 0 or not chunk.strip():
                continue
            pos = start + len(chunk)
            matches = list(_TOKEN.finditer(chunk))
            tokens = [m.group(0) for m in matches]
            try:
                cased = model.get_true_case_from_tokens(
                    tokens, out_of_vocabulary_token_option="title"
                )
            except Exception:  # noqa: BLE001 - a model failure must not lose the text
                continue
            lookup = model.word_casing_lookup
            for m, word in zip(matches, cased, strict=False):
                if self._unseen_common(m.group(0), lookup):
                    continue  # stays in lower case
                if len(word) == len(m.group(0)) and word.lower() == m.group(0):
                    s = start + m.start()
                    chars[s : s + len(word)] = word
        out = "".join(chars)
        out = re.sub(
            r"\w+",
            lambda m: m.group(0).upper() if m.group(0).lower() in self.acronyms else m.group(0),
            out,
        )
        out = _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), out)
        dash = _DATELINE_DASH.search(out, 0, DATELINE_CHARS)
        if dash is not None:
            out = out[: dash.start(1)] + dash.group(1).upper() + out[dash.end(1) :]
        out = _DAY_MONTH.sub(_capitalise_month, out)
        return out if len(out) == len(text) else text
