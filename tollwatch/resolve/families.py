"""Report families: syndicated copies of one story (the same wire copy on several sites).

A report's *shingles* are the word 4-grams (case-folded, letters and digits only) of the sentences
it was built from (``Report.evidence``, else its summary). Two reports whose shingle sets have a
Jaccard similarity of at least ``FAMILY_JACCARD`` tell the story in the same words: one is a copy
(lightly edited: a new headline, a sentence cut) of the other. Copies form a *family*, the
connected components of that relation among candidate pairs (``cluster``: same country, close in
date and place), so no all-pairs comparison is ever made.

A family's id is the id of its first report in chronological order (earliest published, then
smallest id): the original, as far as the dates tell. Copies do not count as independent sources:
identical claims from one family count once in tolls (``merge``), and the ledger marks them.
Exact Jaccard is computed on the candidate pairs (a few per report); MinHash would only pay off for
all-pairs search, which blocking already avoids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tollwatch.types import Report

__all__ = ["FAMILY_JACCARD", "SHINGLE_WORDS", "family_ids", "jaccard", "shingles"]

#: Two reports this similar (Jaccard of their shingle sets) are copies of one story.
FAMILY_JACCARD = 0.5
#: Words per shingle.
SHINGLE_WORDS = 4
_WORD = re.compile(r"[^\W_]+")


def shingles(report: Report) -> frozenset[str]:
    """The word 4-grams of the report's evidence sentences (or summary)."""
    texts = [ev.text for ev in report.evidence] or ([report.summary] if report.summary else [])
    out: set[str] = set()
    for text in texts:
        words = _WORD.findall(text.casefold())
        out.update(
            " ".join(words[i : i + SHINGLE_WORDS])
            for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
        )
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b|; 0.0 when either is empty."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def family_ids(ordered: Iterable[Report], copies: Iterable[tuple[str, str]]) -> Mapping[str, str]:
    """Report id -> family id, given the reports in chronological order and the pairs of report
    ids that are copies of each other. A report with no copy is its own family."""
    ordered = list(ordered)
    rank = {r.id: k for k, r in enumerate(ordered)}
    parent = {r.id: r.id for r in ordered}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in copies:
        if x not in parent or y not in parent:
            continue
        rx, ry = find(x), find(y)
        if rx != ry:
            first, second = sorted((rx, ry), key=rank.__getitem__)
            parent[second] = first
    return {r.id: find(r.id) for r in ordered}
