"""Who did what to whom: perpetrators (as written), human victims and physical targets.

For every word of the roles lexicon (data/lexicon/roles.tsv) the parse gives its agent and its
patient: the subject and object of "guerrillas attacked the farm", the passive subject and the
"by" phrase of "the mayor was killed by gunmen", the object of "on" in "an attack on a police
post". A patient that names a person (a PERSON entity, a person noun such as "peasant") is a
victim, any other noun a physical target; places are neither. Phrases are kept as written without
their leading determiner ("the", "a", "his").
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span, Token

from tollwatch.types import Evidence, Mention

DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "some",
        "several",
        "other",
    }
)
NOT_PATIENTS = frozenset(
    {
        "it",
        "they",
        "them",
        "he",
        "she",
        "him",
        "which",
        "that",
        "who",
        "what",
        "people",
        "one",
        "ones",
        "all",
        "lot",
        "part",
        "way",
        "time",
        "responsibility",
        "fire",
        "attack",
        "attacks",
        "control",
        "life",
        "lives",
        "toll",
        "death",
        "deaths",
        "city",
        "cities",
        "town",
        "towns",
        "area",
        "areas",
        "region",
        "regions",
        "province",
        "provinces",
        "country",
        "countries",
        "capital",
        "enemy",
        "enemies",
        "side",
        "position",
        "shot",
        "shots",
        "round",
        "rounds",
        "brake",
        "brakes",
        "materiel",
        "weapon",
        "weapons",
        "ammunition",
        "arms",
        "outskirts",
        "neighborhood",
        "neighborhoods",
        "neighbourhood",
        "neighbourhoods",
        "district",
        "districts",
        "zone",
        "zones",
        "sector",
        "sectors",
        "quarter",
        "interests",
        "attention",
        "road",
        "roads",
        "street",
        "streets",
        "positions",
        "place",
        "places",
    }
)
QUANTITY_WORDS = frozenset(
    {
        "more",
        "than",
        "at",
        "least",
        "nearly",
        "almost",
        "about",
        "some",
        "over",
        "up",
        "to",
        "around",
        "approximately",
        "roughly",
        "as",
        "many",
        "another",
        "no",
        "fewer",
        "less",
    }
)
PERPETRATOR_HEADS = frozenset(
    {
        "guerrilla",
        "guerrillas",
        "terrorist",
        "terrorists",
        "gunman",
        "gunmen",
        "man",
        "men",
        "rebel",
        "rebels",
        "militant",
        "militants",
        "insurgent",
        "insurgents",
        "attacker",
        "attackers",
        "assailant",
        "assailants",
        "bomber",
        "bombers",
        "individual",
        "individuals",
        "member",
        "members",
        "commando",
        "commandos",
        "squad",
        "squads",
        "kidnapper",
        "kidnappers",
        "jihadist",
        "jihadists",
        "extremist",
        "extremists",
        "fighter",
        "fighters",
        "soldier",
        "soldiers",
        "troops",
        "mob",
        "youths",
        "unit",
        "column",
        "woman",
        "women",
        "subversive",
        "subversives",
        "criminal",
        "criminals",
        "narcoterrorist",
        "narcoterrorists",
        "hitman",
        "hitmen",
        "sniper",
        "snipers",
        "group",
        "groups",
        "assassin",
        "assassins",
        "suspect",
        "suspects",
        "person",
        "persons",
        "gang",
        "gangs",
        "trafficker",
        "traffickers",
        "kingpins",
        "guards",
        "officers",
        "cell",
    }
)
PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(frozen=True)
class Roles:
    victims: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    perpetrators: tuple[Mention, ...]  # individuals/groups as written (not alias-table actors)
    organizations: tuple[Mention, ...] = ()  # named organisations acting as agents


RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def load_role_words() -> dict[tuple[str, str], tuple[str, ...]]:
    text = resources.files("tollwatch.data").joinpath("lexicon", "roles.tsv").read_text("utf-8")
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""]
        preps = tuple(p for p in cells[2].split(",") if p)
        out[(cells[0].strip(), cells[1].strip())] = preps
    return out


def noun_phrase(tok: Token, article_id: str, without_count: bool = False) -> Mention | None:
    """The noun phrase headed by ``tok``: its left modifiers and "of"/compound tails, without a
    leading determiner, relative clauses or appositions."""
    if tok.ent_type_ in ("PERSON", "ORG", "FAC", "NORP") and tok.ent_iob_ != "O":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            start, end = ent.start, ent.end
            while start < end and tok.doc[start].lower_ in DETERMINERS:
                start += 1
            span = tok.doc[start:end]
            if span.text:
                return Mention(
                    span.text, None, Evidence(article_id, span.start_char, span.end_char, span.text)
                )
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("amod", "compound", "nummod", "nmod", "poss", "quantmod") or (
            child.dep_ == "punct" and child.text in ('"', "-")
        ):
            left = min(left, child.left_edge.i)
    right = tok.i
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = max(right, child.right_edge.i)
        elif child.dep_ in ("compound", "flat"):
            right = max(right, child.right_edge.i)
    doc = tok.doc
    while left < tok.i and (
        doc[left].lower_ in DETERMINERS
        or doc[left].dep_ == "case"
        or doc[left].lower_ in QUANTITY_WORDS
        or (without_count and doc[left].like_num)
        or doc[left].is_punct
        and doc[left].text not in ('"',)
    ):
        left += 1
    # "[text] attention", "[words indistinct] offices": transcription marks are not words
    for k in range(right, left - 1, -1):
        if doc[k].text == "]" and k < tok.i:
            left = k + 1
            break
    span = doc[left : right + 1]
    raw = span.text.strip(" ,")
    text = " ".join(raw.split())
    if not text or text.lower() in NOT_PATIENTS or tok.lower_ in NOT_PATIENTS:
        return None
    start = span.start_char + (span.text.index(raw) if raw in span.text else 0)
    return Mention(text, None, Evidence(article_id, start, start + len(raw), raw))


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN")]]


def _is_person(tok: Token, person_lemmas: frozenset[str]) -> bool:
    """A person: a PERSON entity, a person noun of the lexicon, or a plural qualified by a
    nationality ("Italian engineers", "U.S. citizens")."""
    if (
        tok.ent_type_ == "PERSON"
        or tok.lemma_.lower() in person_lemmas
        or (tok.lower_ in person_lemmas)
    ):
        return True
    return tok.tag_ in ("NNS", "NNPS") and any(
        c.ent_type_ in ("NORP", "GPE") and c.dep_ in ("amod", "compound") for c in tok.children
    )


def find_roles(
    sent: Span,
    role_words: dict[tuple[str, str], tuple[str, ...]],
    person_lemmas: frozenset[str],
    article_id: str,
    excluded: frozenset[int] = frozenset(),
) -> Roles:
    victims: list[Mention] = []
    targets: list[Mention] = []
    perps: list[Mention] = []
    orgs: list[Mention] = []

    def patient(tok: Token) -> None:
        # "judge Maria Elena Diaz, who was murdered on Friday": the relative pronoun stands for
        # the noun its clause describes
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            tok = tok.head.head
        for t in _conjuncts(tok):
            if t.i in excluded or t.ent_type_ in PLACE_LABELS or t.pos_ not in ("NOUN", "PROPN"):
                continue
            m = noun_phrase(t, article_id, without_count=True)
            if m is None:
                continue
            if _is_person(t, person_lemmas):
                victims.append(m)
            elif t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORG", "NORP"):
                targets.append(m)

    def agent(tok: Token) -> None:
        for t in _conjuncts(tok):
            if t.lower_ in PERPETRATOR_HEADS or t.lemma_.lower() in PERPETRATOR_HEADS:
                m = noun_phrase(t, article_id)
                if m is not None:
                    perps.append(m)
                # "members of the Farabundo Marti National Liberation Front"
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.ent_type_ == "ORG":
                                o = noun_phrase(pobj, article_id)
                                if o is not None:
                                    orgs.append(o)
            elif t.ent_type_ == "ORG" and t.pos_ == "PROPN":
                o = noun_phrase(t, article_id)
                if o is not None:
                    orgs.append(o)

    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (lemma, "verb") in role_words:
            preps = role_words[(lemma, "verb")]
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            for c in tok.children:
                if c.dep_ in ("dobj",) or (c.dep_ == "nsubjpass"):
                    patient(c)
                elif c.dep_ == "nsubj" and not passive:
                    agent(c)
                elif c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agent(p)
                elif c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            patient(p)
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBN":
                patient(tok.head)  # "the farm attacked by guerrillas"
        elif tok.pos_ == "NOUN" and (lemma, "noun") in role_words:
            preps = role_words[(lemma, "noun")]
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            patient(p)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agent(p)
    return Roles(tuple(victims), tuple(targets), tuple(perps), tuple(orgs))
