"""Restore letter case in texts written in capitals (MUC-4 wire copy, some headlines).

spaCy's tagger and NER need case. A text whose letters are mostly capitals is lower-cased, then
sentence starts and words listed as proper names (gazetteer places, actor aliases) get their
capital back. Every change keeps the text's length, so character offsets stay valid.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SENT_START = re.compile(r"(^|[.!?]\s+|\n\s*|\"\s*|--\s*)([a-z])")


def mostly_capitals(text: str, threshold: float = 0.6) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 20:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= threshold


def restore_case(text: str, proper: frozenset[str], acronyms: frozenset[str] = frozenset()) -> str:
    """``proper``: lower-cased single words to capitalise; ``acronyms``: lower-cased words to put
    back in capitals ("fmln")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return text  # a character whose lower case has another length: leave the text alone

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in acronyms:
            return w.upper()
        if w in proper:
            return w[0].upper() + w[1:]
        return w

    out = _WORD.sub(fix, lowered)
    out = _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    return out if len(out) == len(text) else text
