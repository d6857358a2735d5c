"""An organisation's name spelled out up to the acronym the article puts beside it.

Wire copy glosses a group's name with its acronym in brackets: "the Army of National Liberation
[ELN]", "the Social Christian People's Movement (MPSC)". The small model often types only the
first word as the organisation ("Army"), which then reads as the state's army. Here the name runs
on to the bracket when the words between are a name's words and the acronym fits their initials;
the actor then takes the canonical name the alias table gives the acronym, so "Army of National
Liberation" and "ELN" are one actor.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from tollwatch.types import Actor, Evidence

#: up to five words, then the acronym in brackets or parentheses
_GLOSS = re.compile(
    r"((?:[ \t]+[\w'][\w'-]*){0,5}?)[ \t]*[\[(][ \t]*([A-Z][A-Za-z0-9]*(?:-[A-Z0-9]+)*)[ \t]*[\])]"
)
#: words a name may run on with; other words stop it ("the Army attacked the ELN (...)")
_JOINING = frozenset({"of", "de", "del", "for", "and", "the", "la", "los", "las", "y"})
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_FUNCTION = _JOINING | {"a", "an"}


def _initials(words: list[str]) -> set[str]:
    return {w[0].upper() for w in words if w.lower() not in _FUNCTION and w[:1].isalpha()}


def _fits(acronym: str, words: list[str]) -> bool:
    """The acronym's letters are (mostly) the initials of the name's words: two of them at least
    ("ELN" and "Army of National Liberation": N, L), all of a two-letter one. Translated names
    reorder their initials (Ejercito de Liberacion Nacional)."""
    # case-restored text may write an acronym it does not know as a word ("[Fmlh]")
    letters = [c.upper() for c in acronym if c.isalpha()]
    if len(letters) > 8:
        return False
    initials = _initials(words)
    shared = sum(1 for c in set(letters) if c in initials)
    return shared >= min(2, len(set(letters))) and len(letters) >= 2


def spelled_out(actor: Actor, doc: Any, acronyms: Mapping[str, str]) -> Actor:
    """``actor`` as the organisation it names, with its name spelled out up to the acronym after it and
    the acronym's canonical name (``acronyms``: alias -> canonical, the alias table's exact-case
    entries); the actor as it was when no acronym follows it or the words do not fit."""
    ev = actor.evidence
    if ev is None or ev.end > len(doc.text):
        return actor
    if actor.kind == "individual" and " of " in f" {actor.text.lower()} ":
        return actor  # "members of the 8th front of the FARC [...]": people of a group
    m = _GLOSS.match(doc.text, ev.end)
    if m is None:
        return actor
    tail, acronym = m.group(1), m.group(2)
    more = tail.split()
    if more:
        if more[0].lower() not in _JOINING or more[-1].lower() in _FUNCTION:
            return actor
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or any(
            t.lower_ not in _JOINING and t.pos_ not in _NAME_POS and t.text != "-" for t in span
        ):
            return actor
    if not _fits(acronym, actor.text.split() + more):
        return actor
    text = " ".join([actor.text, *more]) if more else actor.text
    end = m.end(1) if more else ev.end
    name = acronyms.get(acronym)
    if name is None:
        named = actor.kind != "individual" and actor.name != actor.text
        name = actor.name if named else text
    # a phrase the article glosses with an acronym is an organisation's name ("the Morazanist
    # Front for the Liberation of Honduras [FMLH]"), whatever its head word
    return dataclasses.replace(
        actor,
        text=text,
        name=name,
        kind="organization",
        evidence=Evidence(ev.article_id, ev.start, end, text),
    )


def table_acronyms(aliases: Any) -> dict[str, str]:
    """alias -> canonical name of the table's case-sensitive (acronym) entries."""
    return {a.alias: a.name for a in aliases if a.case_sensitive and a.kind != "individual"}
