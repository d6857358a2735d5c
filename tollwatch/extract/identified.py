"""People a sentence identifies by name ("The victims were identified as David Lecky and James
Arthur Donnelly"): victims when the subject names the hurt, no victims when it names the
arrested or the suspects. Rules over the dependency parse, used by the pipeline beside
``roles.find_roles``."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from tollwatch.extract import doccache
from tollwatch.extract.roles import attacker_word, conjuncts, noun_phrase
from tollwatch.types import Evidence, Mention

#: words for people an attack hurt, standing alone as a noun ("the victims", "the dead")
HURT_PEOPLE = frozenset(
    {"victim", "hostage", "casualty", "dead", "deceased", "wounded", "injured", "body"}
)
#: participles and adjectives that tell what befell people ("the dead man", "the civilian who
#: was killed", "the murdered inspector")
HURT_WORDS = frozenset(
    {
        "dead",
        "wounded",
        "injured",
        "kill",
        "murder",
        "wound",
        "injure",
        "kidnap",
        "abduct",
        "slay",
        "assassinate",
        "murdered",
        "killed",
        "kidnapped",
    }
)


def _hurt(noun: Token) -> bool:
    """``noun`` names people an attack hurt: "the victims", "the dead man", "the two dead
    officers", "the civilian who was killed"."""
    if noun.lemma_.lower() in HURT_PEOPLE or noun.lower_ in HURT_PEOPLE:
        return True
    return any(
        c.dep_ in ("amod", "acl", "relcl")
        and (c.lemma_.lower() in HURT_WORDS or c.lower_ in HURT_WORDS)
        for c in noun.children
    )


#: participles that tell people were held as suspects ("the arrested men")
HELD_WORDS = frozenset({"arrest", "detain", "capture", "arrested", "detained", "captured"})
#: nouns of people held or sought for a deed ("the suspects were identified as ...")
SUSPECT_NOUNS = frozenset({"suspect", "detainee", "prisoner", "perpetrator"})


def _held(noun: Token) -> bool:
    """``noun`` names people held or sought for a deed: "the arrested men", "the suspects",
    "the gunmen"."""
    lemma = noun.lemma_.lower()
    if lemma in SUSPECT_NOUNS or attacker_word(noun):
        return True
    return any(
        c.dep_ in ("amod", "acl", "relcl")
        and (c.lemma_.lower() in HELD_WORDS or c.lower_ in HELD_WORDS)
        for c in noun.children
    )


def _identified(sent: Span, subject: Callable[[Token], bool]) -> list[Token]:
    """The people a sentence identifies ("... were identified as X and Y") when the subject
    passes ``subject``."""
    out: list[Token] = []
    for tok in doccache.span_tokens(sent):
        if tok.lemma_.lower() != "identify" or tok.pos_ != "VERB":
            continue
        if not any(c.dep_ == "nsubjpass" and subject(c) for c in tok.children):
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                out += [
                    t
                    for p in prep.children
                    if p.dep_ == "pobj"
                    for t in conjuncts(p)
                    if t.ent_type_ == "PERSON"
                ]
    return out


def identified_victims(sent: Span, article_id: str) -> list[Mention]:
    """The people a sentence names as the hurt: "the victims were identified as David Lecky and
    James Arthur Donnelly", "the dead man has been identified as ...". Not "the arrested men
    were identified as ...": only a subject that names the hurt."""
    return [m for t in _identified(sent, _hurt) if (m := _whole_name(t, article_id)) is not None]


def _whole_name(tok: Token, article_id: str) -> Mention | None:
    """A person's name with every given name the parse joins to it, where the entity
    recogniser split it ("Pedro Rafael | Jimenez Cortez")."""
    m = noun_phrase(tok, article_id)
    names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if m is None or m.evidence is None or not names:
        return m
    start = tok.doc[min(c.left_edge.i for c in names)].idx
    if start >= (m.evidence.start or 0):
        return m
    text = tok.doc.text[start : m.evidence.end]
    return Mention(" ".join(text.split()), None, Evidence(article_id, start, m.evidence.end, text))


def identified_suspects(sent: Span) -> frozenset[int]:
    """The token indices of the people a sentence names as held or sought: "the arrested men
    were identified as Diego Leon Orozco and ..." (no victims, whatever the model says)."""
    return frozenset(
        i for t in _identified(sent, _held) for i in range(t.left_edge.i, t.right_edge.i + 1)
    )
