"""The day a sentence gives to a deed told before: "the multiple crime perpetrated on 16 November
at the university", "the murder took place on Friday", "the massacre occurred on 2 May".

A story that tells a murder without its day ("the names of those implicated in the murder of six
Jesuits") often dates it in a sentence of its own that refers back to it with a deed noun and a
verb of occurrence or perpetration. Such a sentence tells no new event, so it is in no incident's
frame; ``deed_day`` finds its date for the report of the deed it refers to. ``held_since``
finds the day a captivity began ("two women who have been held by the Extraditables since 16
December"), the day of a kidnapping the story tells without one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from tollwatch.extract import doccache
from tollwatch.extract.dates import DateMention

#: verbs of a deed happening ("took place", "occurred"), beside the perpetration verbs
HAPPENING_VERBS = frozenset({"occur", "happen", "take"})
#: determiners of a deed told before: "the crime", "this massacre"
DEFINITE = frozenset({"the", "this", "that"})
#: prepositions of the day: "on 16 November", "in the early hours of Friday"
DAY_PREPOSITIONS = frozenset({"on", "in", "at", "during"})


def _deed(tok: Any, deeds: Collection[str]) -> bool:
    """A deed noun told before: "the crime", "the multiple crime", "this massacre"."""
    return (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in deeds
        and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
    )


def _deed_verb(verb: Any, deeds: Collection[str], verbs: Collection[str]) -> bool:
    """Whether ``verb`` tells a deed told before happening or being perpetrated: "the crime
    perpetrated on ...", "the murder took place ...", "the massacre was committed ..."."""
    lemma = verb.lemma_.lower()
    if lemma not in verbs and lemma not in HAPPENING_VERBS:
        return False
    if lemma == "take" and not any(c.lower_ == "place" and c.dep_ == "dobj" for c in verb.children):
        return False
    if verb.dep_ in ("acl", "relcl") and _deed(verb.head, deeds):
        return True  # "the multiple crime perpetrated on 16 November"
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and _deed(c, deeds) for c in verb.children)


def date_root(doc: Any, date: DateMention) -> Any:
    """The root token of a date's phrase, or None when the date covers no tokens."""
    bounds = doccache.span_bounds(doc, date.start, date.end)  # ``char_span`` with "expand"
    return None if bounds is None else doc[bounds[0] : bounds[1]].root


def _day_roots(doc: Any, dates: Sequence[DateMention]) -> Iterator[tuple[DateMention, Any]]:
    """Each day-precise date with the root token of its phrase."""
    for d in dates:
        if d.date is not None and d.precision == "day" and (root := date_root(doc, d)) is not None:
            yield d, root


def deed_day(
    doc: Any,
    dates: Sequence[DateMention],
    deeds: Collection[str],
    verbs: Collection[str],
) -> DateMention | None:
    """The day-precise date of a sentence that a verb of occurrence or perpetration gives to a
    deed noun told before ("the crime perpetrated on 16 November"), or None."""
    for d, node in _day_roots(doc, dates):
        while node.dep_ == "compound" and node.head != node:
            node = node.head  # "on Saturday night"
        if node.dep_ == "pobj" and node.head.lower_ in DAY_PREPOSITIONS:
            node = node.head
        verb = node.head
        if node.dep_ in ("prep", "npadvmod") and verb.pos_ == "VERB":
            if _deed_verb(verb, deeds, verbs):
                return d
    return None


#: verbs of captivity: "held since 16 December", "kept hostage since Monday"
CAPTIVITY_VERBS = frozenset({"hold", "keep"})


def held_captive(verb: Any) -> bool:
    """A passive verb of captivity: "have been held", "was kept"."""
    return verb.lemma_.lower() in CAPTIVITY_VERBS and any(
        c.dep_ == "auxpass" for c in verb.children
    )


def _went_missing(node: Any) -> bool:
    """A date of someone going missing: "who was reported missing ... early on 11 December",
    "disappeared on Monday"."""
    for _ in range(4):
        if node.head == node:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            lemma = node.lemma_.lower()
            return lemma == "disappear" or (
                lemma == "report" and any(c.lower_ == "missing" for c in node.children)
            )
    return False


def held_since(doc: Any, dates: Sequence[DateMention]) -> DateMention | None:
    """The day-precise date a passive verb of captivity counts from ("who have been held by the
    Extraditables since 16 December"), or the day someone went missing ("who was reported
    missing early on 11 December"), or None."""
    for d, node in _day_roots(doc, dates):
        if _went_missing(node):
            return d
        if node.dep_ != "pobj" or node.head.lower_ != "since":
            continue
        if held_captive(node.head.head):
            return d
    return None
