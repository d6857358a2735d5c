"""Per-document reads that the rules repeat, computed once and kept in ``doc.user_data``.

spaCy builds a new Python object for every ``doc[i]``, every token of an iterated span and every
``doc.ents`` or ``doc.text`` read, and the rules read the same sentence many times over (triggers,
weapons, targets, roles...): a profile counted 1.25 million token objects for 100 articles. The
lists here are built once per document. Whatever changes the document's entities
(``people.retype_people``) must call ``forget`` afterwards.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

__all__ = [
    "ents",
    "forget",
    "lemmas",
    "lowers",
    "memo",
    "sentence",
    "sents",
    "span_bounds",
    "span_text",
    "span_tokens",
    "text",
    "tokens",
]

_KEY = "tollwatch.doccache"


def _cache(doc: Any) -> dict[str, Any]:
    cache = doc.user_data.get(_KEY)
    if cache is None:
        cache = doc.user_data[_KEY] = {}
    return cache


def forget(doc: Any) -> None:
    """Drop what was kept for ``doc`` (after its entities changed)."""
    doc.user_data.pop(_KEY, None)


def tokens(doc: Any) -> list[Any]:
    """The document's tokens as one list (index it instead of ``doc[i]``)."""
    cache = _cache(doc)
    out = cache.get("tokens")
    if out is None:
        out = cache["tokens"] = list(doc)
    return out


def span_tokens(span: Any) -> list[Any]:
    """The tokens of a span (a sentence) from the document's list: iterating a span builds each
    token object anew."""
    return tokens(span.doc)[span.start : span.end]


def lowers(doc: Any) -> list[str]:
    """``token.lower_`` of every token."""
    cache = _cache(doc)
    out = cache.get("lowers")
    if out is None:
        out = cache["lowers"] = [t.lower_ for t in tokens(doc)]
    return out


def lemmas(doc: Any) -> list[str]:
    """``token.lemma_.lower()`` of every token."""
    cache = _cache(doc)
    out = cache.get("lemmas")
    if out is None:
        out = cache["lemmas"] = [t.lemma_.lower() for t in tokens(doc)]
    return out


def ents(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, read once."""
    cache = _cache(doc)
    out = cache.get("ents")
    if out is None:
        out = cache["ents"] = tuple(doc.ents)
    return out


def text(doc: Any) -> str:
    """``doc.text``, joined once."""
    cache = _cache(doc)
    out = cache.get("text")
    if out is None:
        out = cache["text"] = doc.text
    return out


def span_text(span: Any) -> str:
    """``span.text``, cut from the document's text (``span.text`` joins its tokens anew)."""
    if not hasattr(span, "start_char"):
        return text(span)
    return text(span.doc)[span.start_char : span.end_char]


def sents(doc: Any) -> list[Any]:
    """``doc.sents`` as a list, read once (each reading builds every token anew)."""
    cache = _cache(doc)
    out = cache.get("sents")
    if out is None:
        out = cache["sents"] = list(doc.sents)
        cache["sent_starts"] = [x.start for x in out]
    return out


def sentence(tok: Any) -> Any:
    """``tok.sent``, from the document's sentences listed once (``tok.sent`` walks the parse to
    find the sentence's start every time)."""
    listed = sents(tok.doc)
    return listed[bisect_right(_cache(tok.doc)["sent_starts"], tok.i) - 1]


def memo(doc: Any, name: str) -> dict[Any, Any]:
    """A dictionary kept with the document for the results of the rule ``name`` (dropped with
    the rest by ``forget``)."""
    return _cache(doc).setdefault("memo:" + name, {})


def span_bounds(doc: Any, start_char: int, end_char: int) -> tuple[int, int] | None:
    """The token bounds of ``doc.char_span(start_char, end_char, alignment_mode="expand")``
    (None where it is None), found by bisection in the tokens' offsets when the characters fall
    on token edges, else asked of spaCy (``char_span`` builds a Span and its tokens)."""
    cache = _cache(doc)
    starts = cache.get("starts")
    if starts is None:
        toks = tokens(doc)
        starts = cache["starts"] = [t.idx for t in toks]
        cache["ends"] = [t.idx + len(t) for t in toks]
    ends = cache["ends"]
    first = bisect_right(starts, start_char) - 1
    last = bisect_right(starts, end_char - 1) - 1
    if 0 <= first <= last and starts[first] == start_char and ends[last] == end_char:
        return first, last + 1
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return None if span is None else (span.start, span.end)


def span_of(doc: Any, item: Any) -> Any:
    """The tokens of a mention's (or actor's, or place's) evidence in ``doc``, or None."""
    ev = item.evidence
    if ev is None or ev.start is None or ev.end is None:
        return None
    bounds = span_bounds(doc, ev.start, ev.end)  # ``char_span`` with "expand"
    return None if bounds is None else doc[bounds[0] : bounds[1]]
