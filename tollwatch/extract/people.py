"""People the small English model typed as places or organisations.

spaCy's small model often types a Spanish name as an organisation or a place ("Hector Oqueli
Colindres" ORG, "Guillermo Payes" GPE); then nobody is named as the victim, and the name may be
geocoded. A multi-word entity of such a type is retyped PERSON when it opens on a common given
name and ends on a common surname (the US census lists shipped by the ``names`` package, MIT),
every word is capitalised (or a particle: "de", "del", "la", "y"), no word is an institution,
facility or place noun (``generic_name_words.txt``, ``place_nouns.txt``), and the gazetteer
does not know the whole name as a place ("Santa Ana", "Victoria Falls"). A given name typed
alone is joined to the surname right after it ("Ariana" GPE + "Grande"). Two PERSON entities
with nothing between them are one name the model cut in two ("Federico Estrada" + "Velez").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Span

from tollwatch.extract import doccache
from tollwatch.extract.gazetteer import Gazetteer
from tollwatch.extract.lexicon import given_names, surnames, word_list

#: entity types the model gives to people's names by mistake
RETYPED = frozenset({"GPE", "ORG", "LOC", "FAC", "NORP"})
#: lower-case words inside a Spanish or Portuguese name
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "da", "do", "dos", "das"})
#: nouns of places that a surname list may also hold ("Rosario Island"; lexicon data)
PLACE_NOUNS = word_list("place_nouns.txt")


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    return (word_list("generic_name_words.txt") | PLACE_NOUNS) - PARTICLES


def reads_as_person(ent: Span, gaz: Gazetteer) -> bool:
    if ent.label_ not in RETYPED or not 2 <= len(ent) <= 6:
        return False
    first, last = ent[0], ent[-1]
    if not (first.is_title and last.is_title):
        return False
    if first.lower_ not in given_names() or last.lower_ not in surnames():
        return False
    stop = _not_name_words()
    for tok in ent:
        if tok.lower_ in stop or not (tok.is_title or tok.lower_ in PARTICLES):
            return False
    return not gaz.lookup(ent.text)


#: the mark ``retype_people`` leaves on a document it has read
_DONE = "tollwatch.people_retyped"


def _given_name_before(doc: Any, ent: Span, prev: Span | None) -> bool:
    """Whether the token before a PERSON entity is a common given name the model left untyped
    ("of Hector Delgado Parker" with only "Delgado Parker" a person). At the start of a sentence
    the model may take the name for a common noun ("Pablo Escobar Gaviria ordered ..."): there
    it must qualify the entity's words."""
    if ent.start == 0 or (prev is not None and prev.end >= ent.start):
        return False
    tok = doc[ent.start - 1]
    if tok.ent_iob_ != "O" or not tok.is_title or tok.lower_ not in given_names():
        return False
    if tok.is_sent_start:
        return (
            tok.pos_ in ("PROPN", "NOUN")
            and tok.dep_ == "compound"
            and ent.start <= tok.head.i < ent.end
        )
    return tok.pos_ == "PROPN"


def retype_people(doc: Any, gaz: Gazetteer) -> None:
    """Retype in place, before any other reading of the document's entities; a document is
    read once, however many callers ask."""
    if doc.user_data.get(_DONE):
        return
    doc.user_data[_DONE] = True
    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        start, end = ent.start, ent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if (start, end) != (ent.start, ent.end):
            # "the National Guard [word indistinct]" with the note blanked: no entity holds
            # the blank
            changed = True
            if start == end:
                ents[k] = None
                continue
            ents[k] = ent = Span(doc, start, end, label=ent.label_)
    ents = [e for e in ents if e is not None]
    for k, ent in enumerate(ents):
        if reads_as_person(ent, gaz):
            ents[k] = Span(doc, ent.start, ent.end, label="PERSON")
            changed = True
        elif (
            len(ent) == 1
            and ent.end < len(doc)
            and doc[ent.end].ent_iob_ == "O"
            and reads_as_person(Span(doc, ent.start, ent.end + 1, label=ent.label_), gaz)
        ):
            # "Ariana" (GPE) + "Grande": the model cut the name after the given name
            ents[k] = Span(doc, ent.start, ent.end + 1, label="PERSON")
            changed = True
    merged: list[Span] = []
    for ent in ents:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and ent.label_ == "PERSON"
            and prev.end == ent.start
            and (
                prev.label_ == "PERSON"
                # "Eduardo" (ORG) + "Antonio Lopez Palencia": a given name typed alone
                or (
                    prev.label_ in RETYPED
                    and len(prev) == 1
                    and prev[0].is_title
                    and prev[0].lower_ in given_names()
                )
            )
        ):
            # "Federico Estrada" + "Velez": one name the model cut into two entities
            merged[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            changed = True
        elif ent.label_ == "PERSON" and _given_name_before(doc, ent, prev):
            # "Hector" (no entity) + "Delgado Parker": the given name the model left out
            merged.append(Span(doc, ent.start - 1, ent.end, label="PERSON"))
            changed = True
        else:
            merged.append(ent)
    if changed:
        doc.ents = merged
        doccache.forget(doc)
