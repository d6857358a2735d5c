"""Attackers as the text describes them: the words around an attacker word ("urban guerrillas",
"a column of Shining Path terrorists"), what they wear ("men wearing military uniforms"), and
members told apart from the organisation they belong to ("terrorists of the FMLN" ->
"terrorists" beside the FMLN). Used by ``pipeline`` when it builds a sentence's actors.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tollwatch.extract.doccache import ents, span_of
from tollwatch.extract.lexicon import word_list
from tollwatch.extract.roles import noun_phrase, unidentified
from tollwatch.types import Actor, Evidence, Mention

#: words that only say the attackers belong to the group named after them (lexicon data)
BELONGING_WORDS = word_list("belonging_words.txt")


def members_of(mention: Mention, named: list[Actor]) -> Mention:
    """The members as a description of their own when the organisation they belong to is
    itself a perpetrator of the sentence: "terrorists of the Farabundo Marti National Liberation
    Front" -> "terrorists", "ELN guerrillas" -> "guerrillas" (the FMLN, the ELN stay
    organisations); "soldiers of the Atlacatl Battalion" when the battalion is one too."""
    text = mention.text
    orgs = [a.text.lower() for a in named if a.kind == "organization" and len(a.text) > 1]
    if not orgs:
        return mention
    low = text.lower()
    cut: tuple[int, int] | None = None
    at = low.find(" of ")
    if at > 0 and low[:at].split()[-1] in BELONGING_WORDS:
        return mention  # "members of the 8th front": "members" alone describes no one
    if at > 0 and any(o in low[at + 4 :] for o in orgs):
        cut = (0, at)
    else:
        for o in orgs:
            if low.startswith(o + " ") and len(low) > len(o) + 1:
                start = len(o) + 1
                if low[start] == "[" and "] " in low[start:]:
                    # "FMLN [Farabundo Marti National Liberation Front] forces": past the gloss
                    start = low.index("] ", start) + 2
                cut = (start, len(text))
                break
    if cut is None:
        return mention
    return mention_part(mention, *cut)


def apposed_name(doc: Any, mention: Mention) -> Mention:
    """A described attacker by the name set in apposition to the description: "The chief of the
    criminal gang, Pablo Escobar Gaviria, ordered the assassination" -> "Pablo Escobar Gaviria"
    (the name identifies the attacker; MUC-4 and GTD coders write it)."""
    span = span_of(doc, mention)
    if span is None or mention.evidence is None:
        return mention
    root = span.root
    for c in root.children:
        if c.dep_ != "appos" or c.ent_type_ != "PERSON" or c.i < root.i:
            continue
        name = next((e for e in ents(doc) if e.start <= c.i < e.end), None)
        if name is not None and name.label_ == "PERSON":
            ev = Evidence(mention.evidence.article_id, name.start_char, name.end_char, name.text)
            return dataclasses.replace(mention, text=name.text, evidence=ev)
    return mention


def widened(actor: Actor, doc: Any, article_id: str) -> Actor:
    """A described attacker with the words around it: "guerrillas" -> "urban guerrillas"."""
    if not actor.name.startswith("unidentified"):
        return actor
    span = span_of(doc, actor)
    if span is None:
        return actor
    root = span.root
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lower_ in BELONGING_WORDS
        and root.head.head.pos_ == "NOUN"
    ):
        root = root.head.head  # "a column of Shining Path terrorists": the column
    phrase = noun_phrase(root, article_id)
    if phrase is not None:
        phrase = dressed_as(doc, phrase)
    if phrase is None or len(phrase.text) <= len(actor.text) or len(phrase.text) > 60:
        return actor
    return dataclasses.replace(
        actor, text=phrase.text, name=unidentified(phrase.text), evidence=phrase.evidence
    )


#: what attackers wear describes them ("men wearing military uniforms", "eight men in civilian
#: clothes", "individuals dressed as soldiers")
_WORN = frozenset({"uniform", "clothes", "clothing", "fatigues", "hood", "mask", "balaclava"})


def dressed_as(doc: Any, phrase: Mention) -> Mention:
    """``phrase`` run on over what the attackers wear or are dressed as."""
    span = span_of(doc, phrase)
    if span is None:
        return phrase
    for c in span.root.rights:
        ok = (c.dep_ == "acl" and c.lemma_.lower() in ("wear", "dress")) or (
            c.dep_ == "prep"
            and c.lower_ == "in"
            and any(p.lemma_.lower() in _WORN for p in c.children if p.dep_ == "pobj")
        )
        if not ok or phrase.evidence is None:
            continue
        # what is worn, not where or when ("dressed as soldiers | in San Salvador on Thursday")
        parts = [c] + [k for k in c.children if k.dep_ in ("dobj", "pobj", "oprd")]
        parts += [
            p
            for k in c.children
            if k.dep_ == "prep" and k.lower_ == "as"
            for p in k.children
            if p.dep_ == "pobj"
        ]
        last = max(parts, key=lambda t: t.i)
        end = last.idx + len(last.text)
        start = phrase.evidence.start
        text = doc.text[start:end]
        return Mention(text, phrase.type, Evidence(phrase.evidence.article_id, start, end, text))
    return phrase


def mention_part(mention: Mention, a: int, b: int) -> Mention:
    """The characters ``a:b`` of a mention, its evidence cut alike."""
    ev = mention.evidence
    text = mention.text
    return Mention(
        text[a:b],
        mention.type,
        Evidence(ev.article_id, ev.start + a, ev.start + b, text[a:b])
        if ev is not None and ev.text == text
        else ev,
    )
