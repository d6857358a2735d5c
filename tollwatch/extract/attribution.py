"""Who stated what: the source of the figures in a sentence.

``find_attribution(sent)`` returns the speaker of a sentence: the object of "according to", else
the subject of a reporting verb ("state media said", "police told AFP"), as written, without a
leading article. Pronouns are resolved to the last named speaker by ``Speakers``, which also
expands short references ("the Observatory") to the full name seen earlier in the same article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from tollwatch.extract import doccache

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who"})
_TRAILING = re.compile(
    r",\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+(?:said|reported|told \w+|added|confirmed|"
    r"announced|stated)\s*[.!\"”]*\s*$"
)
#: nouns that head the phrase of someone who states figures
SPEAKER_NOUNS = frozenset(
    {
        "source",
        "official",
        "officer",
        "police",
        "policeman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ministry",
        "minister",
        "media",
        "television",
        "tv",
        "radio",
        "agency",
        "observatory",
        "monitor",
        "group",
        "army",
        "military",
        "government",
        "authority",
        "witness",
        "resident",
        "doctor",
        "hospital",
        "medic",
        "paramedic",
        "service",
        "prosecutor",
        "governor",
        "mayor",
        "commander",
        "chief",
        "statement",
        "report",
        "newspaper",
        "office",
        "party",
        "president",
        "ambassador",
        "embassy",
        "department",
        "council",
        "red",
        "un",
        "committee",
    }
)
# nouns that are never speakers of a figure
NOT_SPEAKERS = frozenset(
    {
        "attack",
        "attacks",
        "bombing",
        "bombings",
        "blast",
        "explosion",
        "which",
        "that",
        "this",
        "report",
        "reports",
    }
)


@dataclass(frozen=True)
class Attribution:
    text: str  # as written, without a leading article
    start: int  # character offsets of the speaker phrase
    end: int
    token_ids: frozenset[int]  # doc token indices of the speaker phrase (to exclude from targets)


def _phrase(tok: Token) -> tuple[str, int, int, frozenset[int]]:
    toks = [
        t for t in tok.subtree if not (t.dep_ in ("relcl", "acl") or t.is_punct and t.i > tok.i)
    ]
    # cut relative clauses and trailing appositions: keep the contiguous run around the head
    left = tok.left_edge.i
    right = tok.i
    for t in tok.rights:
        if t.dep_ in ("prep", "compound", "amod", "nmod", "pobj", "flat"):
            right = max(right, t.right_edge.i)
    doc = tok.doc
    while (
        left < tok.i
        and doc[left].dep_ in ("det", "poss")
        and doc[left].lower_ in ("the", "a", "an", "its", "their", "his", "her")
    ):
        left += 1
    span = doc[left : right + 1]
    ids = frozenset(t.i for t in toks) | frozenset(range(left, right + 1))
    # a named organisation inside the phrase is the speaker's name ("the Syrian Observatory for
    # Human Rights monitoring group" -> "Syrian Observatory for Human Rights")
    for ent in doccache.ents(doc):
        if (
            ent.label_ in ("ORG", "NORP", "PERSON", "GPE")
            and tok.left_edge.i <= ent.start
            and (ent.end <= right + 1)
        ):
            if len(ent) >= 2 and len(ent) >= (right + 1 - left) / 2:
                e_left = ent.start
                while e_left < ent.end and doc[e_left].lower_ in ("the", "a", "an"):
                    e_left += 1
                named = doc[e_left : ent.end]
                return named.text, named.start_char, named.end_char, ids
    return span.text.strip(" ,"), span.start_char, span.end_char, ids


def find_attribution(sent: Span, reporting_verbs: frozenset[str]) -> Attribution | None:
    doc = sent.doc
    every, lowers, lemmas = doccache.tokens(doc), doccache.lowers(doc), doccache.lemmas(doc)
    for i in range(sent.start, sent.end - 1):
        if lowers[i] == "according" and lowers[i + 1] == "to":
            to = every[i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None and to.i + 1 < sent.end:
                pobj = every[to.i + 1]
            if pobj is not None:
                text, s, e, ids = _phrase(pobj)
                if text:
                    return Attribution(text, s, e, ids)
    # "..., church sources reported." / "..., police said.": the speaker closing the sentence
    tail = _TRAILING.search(doccache.span_text(sent))
    if (
        tail
        and tail.group(1).split()[0].lower() not in PRONOUNS | {"the", "it"}
        or (tail and len(tail.group(1).split()) > 1)
    ):
        start = sent.start_char + tail.start(1)
        words = tail.group(1)
        for article in ("the ", "The ", "a ", "A "):
            if words.startswith(article):
                words, start = words[len(article) :], start + len(article)
        toks = frozenset(
            t.i for t in every[sent.start : sent.end] if start <= t.idx < start + len(words)
        )
        return Attribution(words, start, start + len(words), toks)
    candidates: list[Token] = []
    for i in range(sent.start, sent.end):
        if lemmas[i] in reporting_verbs and (tok := every[i]).pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.lower_ in NOT_SPEAKERS:
                continue
            candidates.append(subj)
    # a speaker noun or a named body beats whatever else the parse made a subject of "report"
    candidates.sort(key=lambda t: 0 if _speakerlike(t) else 1 if t.lower_ in PRONOUNS else 2)
    for subj in candidates:
        if subj.lower_ in PRONOUNS:
            return Attribution(subj.lower_, subj.idx, subj.idx + len(subj), frozenset({subj.i}))
        text, s, e, ids = _phrase(subj)
        if text:
            return Attribution(text, s, e, ids)
    return None


def _speakerlike(tok: Token) -> bool:
    return tok.lemma_.lower() in SPEAKER_NOUNS or tok.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")


@dataclass
class Speakers:
    """Per-article memory of named speakers (mutable, lives for one article only)."""

    names: list[str] = field(default_factory=list)

    def resolve(self, attribution: Attribution | None) -> str | None:
        if attribution is None:
            return None
        text = attribution.text
        if text.lower() in PRONOUNS:
            return self.names[-1] if self.names else None
        words = [w for w in text.split() if w[:1].isupper()]
        for known in reversed(self.names):
            if len(known) > len(text) and words and all(w in known for w in words):
                return known
        self.names.append(text)
        return text
