"""The matches of spaCy's attribute ruler, found without its token matcher.

The English pipeline's ``attribute_ruler`` maps the tagger's fine tags to coarse parts of speech
and morphology, and fixes a few words ("n't", "'s", "ai"), with 179 one- or two-token patterns.
spaCy's ``Matcher`` tries every pattern at every token: for 120 news articles (32,000 tokens) that
took 0.5-0.75 s of CPU, a tenth of the whole pipeline and more than half of what the extraction
rules cost. Almost every pattern starts with a token whose fine tag or lower-case form it names,
so here the patterns are indexed by those values and each token tries only the few patterns that
can start with it (the others, such as "a space token" or a regular expression, are tried at
every token, as the matcher does).

``install`` gives a loaded pipeline's ruler this ``match`` (spaCy's own again if its patterns
change later); the annotations are spaCy's own (``set_annotations`` is untouched), and
``tests/extract/test_attrmatch.py`` checks that the matches equal the ``Matcher``'s, in the same
order. A pattern this module cannot read (an operator such as ``"OP"``, an attribute it does not
know) leaves the ruler as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

__all__ = ["AttributeMatcher", "install"]

#: the token attributes the patterns may test, and the column of ``Doc.to_array`` for each
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]

#: a check of one attribute of a token: (column, kind, value); kinds below
Check = tuple[int, int, Any]
_EQ, _IN, _NOT_IN, _REGEX = range(4)
#: the most token rows kept with what they start (then the memory starts again)
CACHE_SIZE = 100_000


class _Unreadable(ValueError):
    """A pattern outside what this module reads: the ruler keeps spaCy's matcher."""


def _check(attr: str, value: Any, strings: Any) -> Check:
    """One attribute of a token spec (``{"TAG": "NN"}``, ``{"LOWER": {"IN": [...]}}``)."""
    column = _COLUMNS.get(attr)
    if column is None:
        raise _Unreadable(attr)
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unreadable(f"IS_SPACE {value!r}")
        return column, _EQ, int(value)
    if isinstance(value, str):
        return column, _EQ, strings[value]
    if not isinstance(value, dict) or len(value) != 1:
        raise _Unreadable(repr(value))
    ((op, arg),) = value.items()
    if op == "IN":
        return column, _IN, frozenset(strings[v] for v in arg)
    if op == "NOT_IN":
        return column, _NOT_IN, frozenset(strings[v] for v in arg)
    if op == "REGEX":
        return column, _REGEX, (re.compile(arg), {})
    raise _Unreadable(op)


def _passes(checks: tuple[Check, ...], row: list[int], strings: Any) -> bool:
    for column, kind, value in checks:
        v = row[column]
        if kind == _EQ:
            if v != value:
                return False
        elif kind == _IN:
            if v not in value:
                return False
        elif kind == _NOT_IN:
            if v in value:
                return False
        else:
            pattern, seen = value
            hit = seen.get(v)
            if hit is None:
                hit = seen[v] = bool(pattern.search(strings[v]))
            if not hit:
                return False
    return True


def _anchor(checks: tuple[Check, ...]) -> tuple[int, frozenset[int]] | None:
    """(column, values) a token must have to start the pattern, from the most selective
    attribute its first spec names with one value or a list: lower-case form, dependency, tag,
    whether a space."""
    for column in (_COLUMNS["LOWER"], _COLUMNS["DEP"], _COLUMNS["TAG"], _COLUMNS["IS_SPACE"]):
        for col, kind, value in checks:
            if col == column and kind == _EQ:
                return column, frozenset({value})
            if col == column and kind == _IN:
                return column, value
    return None


class AttributeMatcher:
    """The attribute ruler's patterns, indexed by a value that their first token must have."""

    def __init__(self, patterns: Iterable[dict[str, Any]], strings: Any) -> None:
        self.strings = strings
        # per column, value -> the patterns a token with that value may start:
        # (attribute id, match id, the checks of each of its tokens)
        self.by_value: list[dict[int, list[tuple[int, int, tuple[tuple[Check, ...], ...]]]]] = [
            {} for _ in _COLUMNS
        ]
        self.everywhere: list[tuple[int, int, tuple[tuple[Check, ...], ...]]] = []
        for attr_id, entry in enumerate(patterns):
            key = str(attr_id)  # the ruler's own key for its attr_id-th entry
            match_id = strings.add(key)
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(s, dict) for s in pattern):
                    raise _Unreadable(repr(pattern))
                specs = tuple(
                    tuple(_check(a, v, strings) for a, v in spec.items()) for spec in pattern
                )
                item = (attr_id, match_id, specs)
                anchor = _anchor(specs[0])
                if anchor is None:
                    self.everywhere.append(item)
                    continue
                column, values = anchor
                for v in values:
                    self.by_value[column].setdefault(v, []).append(item)
        #: row of values -> what a token with them starts (tokens repeat: most rows are
        #: worked out once per process)
        self.cache: dict[tuple[int, ...], tuple[tuple[Any, ...], tuple[Any, ...]]] = {}

    def _starting(self, row: tuple[int, ...]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """For a token with these values: the (attr_id, match_id) of the one-token patterns it
        matches, and the longer patterns whose first token it matches."""
        ones, longer = [], []
        candidates = [
            item
            for column, table in enumerate(self.by_value)
            for item in table.get(row[column], ())
        ]
        for attr_id, match_id, specs in candidates + self.everywhere:
            if not _passes(specs[0], row, self.strings):
                continue
            if len(specs) == 1:
                ones.append((attr_id, match_id))
            else:
                longer.append((attr_id, match_id, specs))
        # a key with two patterns that both match gives one match, as in spaCy
        return tuple(dict.fromkeys(ones)), tuple(longer)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (attr_id, match_id, start, end), sorted."""
        if not len(doc):
            return []
        rows = list(zip(*doc.to_array(_ARRAY).T.tolist(), strict=True))
        n = len(rows)
        cache = self.cache
        if len(cache) > CACHE_SIZE:
            cache.clear()
        strings = self.strings
        found: list[tuple[int, int, int, int]] = []
        longer_found: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            entry = cache.get(row)
            if entry is None:
                entry = cache[row] = self._starting(row)
            ones, longer = entry
            if ones:
                j = i + 1
                found.extend([(attr_id, match_id, i, j) for attr_id, match_id in ones])
            for attr_id, match_id, specs in longer:
                end = i + len(specs)
                if end <= n and all(
                    _passes(specs[k], rows[i + k], strings) for k in range(1, len(specs))
                ):
                    longer_found.add((attr_id, match_id, i, end))
        found.extend(longer_found)
        found.sort()
        return found


class _RulerMatch:
    """The ruler's ``match``: the index, while the ruler's patterns stay those it was built from;
    once they change (``add``, ``clear``, loading), spaCy's own matching again."""

    def __init__(self, ruler: Any, matcher: AttributeMatcher) -> None:
        self.ruler = ruler
        self.matcher = matcher
        self.attrs = ruler.attrs
        self.count = len(ruler.attrs)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        ruler = self.ruler
        if ruler.attrs is self.attrs and len(ruler.attrs) == self.count:
            return self.matcher(doc)
        return type(ruler).match(ruler, doc)


def install(nlp: Any) -> bool:
    """Give ``nlp``'s attribute ruler the indexed matcher (True), or leave it as it is (False:
    no ruler, or patterns this module cannot read)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        matcher = AttributeMatcher(ruler.patterns, nlp.vocab.strings)
    except _Unreadable:
        return False
    ruler.match = _RulerMatch(ruler, matcher)
    return True
