"""Per-document reads that the rules repeat, computed once and kept in ``doc.user_data``.

spaCy builds a new Python object for every ``doc[i]``, every token of an iterated span and every
``doc.ents`` or ``doc.text`` read, and the rules read the same sentence many times over (triggers,
weapons, targets, roles...): a profile counted 1.25 million token objects for 100 articles. The
lists here are built once per document. Whatever changes the document's entities
(``people.retype_people``) must call ``forget`` afterwards.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ents", "forget", "lemmas", "lowers", "text", "tokens"]

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
