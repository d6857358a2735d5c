"""Casualty figures in one sentence (spaCy ``Span`` in, ``Figure`` records out).

A number is a casualty figure when the parse links it to a casualty word: the subject of "were
killed" / "died", the object of "killing", a number followed by "dead" or "wounded", or the value of
a "death toll". Numbers that name ages, distances, durations, times, years, money or counts of bombs
and attackers are never tolls. Three shapes of partial figures are handled:

* "at least eight of them children" / "including six children": a victim category of the figure
  before it (``is_total`` False);
* "100 were killed in Jableh and another 48 in Tartus": parts by place (``is_total`` False) whose sum
  becomes a total figure unless the sentence states the total itself ("78 people - 45 in Jableh and
  33 in Tartus - were killed").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tollwatch.extract import doccache
from tollwatch.extract.dates import MONTHS, WEEKDAYS
from tollwatch.extract.lexicon import Lexicons, word_list
from tollwatch.extract.modality import investigated_before, unrealised
from tollwatch.extract.numbers import (
    Number,
    bounds,
    may_start_number,
    read_number,
    read_qualifier,
)
from tollwatch.extract.roles import PERPETRATOR_HEADS, of_phrases, partly_named_person
from tollwatch.types import Evidence, Figure

CUMULATIVE_SUBJECTS = frozenset(
    {
        "war",
        "conflict",
        "violence",
        "insurgency",
        "uprising",
        "fighting",
        "crisis",
        "campaign",
        "revolution",
        "unrest",
        "rebellion",
        "bloodshed",
    }
)
PART_CUES = frozenset({"another", "and", ",", "—", "–", "-", "(", "while", "with", "plus"})
CATEGORY_LINKS = (
    ("of", "them"),
    ("of", "whom"),
    ("of", "those"),
    ("of", "the", "dead"),
    ("of", "the", "victims"),
)


@dataclass(frozen=True)
class PlaceSpan:
    start: int  # character offsets in the article text
    end: int
    name: str


def _num_root(sent: Span, num: Number) -> Token:
    toks = [sent[k] for k in range(num.start, num.end)]
    span_ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in span_ids or t.head.i == t.i:
            return t
    return toks[-1]


#: verbs that kill when followed by "to death"
TO_DEATH_VERBS = frozenset(
    {
        "shoot",
        "stab",
        "beat",
        "burn",
        "hack",
        "club",
        "stone",
        "torture",
        "machete",
        "bludgeon",
        "kick",
        "hang",
    }
)


def to_death(verb: Token) -> bool:
    """The verb says its patient died: "stabbed a teacher to death", "shot dead three people",
    "shot him dead"."""
    return any(
        (c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "death" for p in c.children))
        or (
            c.dep_ in ("acomp", "oprd", "advmod", "amod", "ccomp", "xcomp", "advcl")
            and c.lower_ == "dead"
        )
        for c in verb.children
    )


#: a count of others beside someone told before: "along with two other militants", "15 others"
#: (not "the other seven": a part of a group told before)
OTHERS = re.compile(r"(?<!\bthe )\b(?:other|others)\b", re.I)
#: nouns of killing whose "of" phrase counts the dead: "the murders of three reporters"
EVENT_NOUNS = frozenset(
    {
        "murder",
        "killing",
        "death",
        "assassination",
        "massacre",
        "slaying",
        "execution",
        "kidnapping",
        "abduction",
        "body",
    }
)
#: "the number of victims is 59": a count of the dead (not a casualty word of its own: "15
#: victims" alone may be the wounded too)
TOLL_NOUNS_OF_DEAD = frozenset({"victim"})
#: event nouns whose victims are taken, not killed; the others kill
ABDUCTION_NOUNS = frozenset({"kidnapping", "abduction"})
KILLING_NOUNS = EVENT_NOUNS - ABDUCTION_NOUNS
#: a running total over a period, not one event: "so far this year", "in the past two months"
PERIOD = re.compile(
    r"\b(?:so far (?:this|in)|this year|since (?:january|the (?:start|beginning))|"
    r"(?:in|over|during|within) the (?:last|past) (?:\w+ )?(?:days|weeks|months?|years?|decade)|"
    r"over the course of (?:a|one|the|\w+) (?:\w+ )?(?:weeks?|months?|years?)|"
    r"in \d+ (?:weeks|months|years)|in (?:less|fewer) than \w+ (?:days|weeks|months|years)|"
    r"(?:during|throughout) (?:the year )?(?:19|20)\d\d|"
    # "during October more than 350 people were killed in Peru": a month's count
    r"(?:during|throughout) (?:the month of )?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b(?! \d)|"
    r"(?:in )?this decade|in recent (?:years|months)|"
    r"(?:during|in|over|after) (?:the )?(?:last |past )?(?:\d+|\w+) years of|years of (?:civil )?war)\b",
    re.I,
)


#: "since 11 November", "since March" after "since"
_SINCE_DATE = re.compile(r"(?:\d{1,2} )?(?:" + "|".join(MONTHS) + r")\b", re.I)
#: relations that open a clause of its own: a "since" inside one dates that clause only
_CLAUSES = frozenset({"relcl", "advcl", "ccomp", "xcomp", "parataxis"})


def since_date(cue: Token) -> bool:
    """Whether the casualty word ``cue`` is counted "since" a date of another month or day ("the
    deaths of 398 soldiers ... in clashes since 11 November"): a running total over the weeks
    since, not one day's toll. The "since" must hang from ``cue`` within its own clause; "the
    farm where the president has been staying since 2 February" dates no attack on it."""
    sent = doccache.sentence(cue)
    doc = sent.doc
    lowers = doccache.lowers(doc)
    for i in range(sent.start, sent.end):
        if lowers[i] != "since":
            continue
        tok = doc[i]
        if not _SINCE_DATE.match(doccache.text(doc), tok.idx + len(tok.text) + 1):
            continue
        for _ in range(8):
            if tok == cue:
                return True
            if tok.dep_ in _CLAUSES or tok.head == tok:
                break
            tok = tok.head
    return False


def _patient_of_casualty_verb(noun: Token, lex: Lexicons) -> bool:
    """ "six Jesuits were killed", "the murder of six Jesuits", "six Jesuits murdered on
    Thursday": a plural noun that a casualty verb (or its participle after the noun) kills or
    wounds, or that a noun of killing counts, is people, whether or not the lexicon
    lists it (not "20 houses were destroyed": no casualty verb)."""
    if noun.tag_ not in ("NNS", "NNPS") or noun.lemma_.lower() in lex.non_toll_units:
        return False
    if noun.lower_ in lex.non_toll_units:
        return False
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.pos_ == "NOUN"
        and head.head.lemma_.lower() in EVENT_NOUNS
    ):
        return True  # "the murder of six Jesuits": only people are murdered
    if any(
        c.dep_ == "acl" and c.i > noun.i and c.tag_ == "VBN" and _kind_of(c, lex, ("verb",))
        for c in noun.children
    ):
        return True  # "the six Jesuits murdered on Thursday were buried today"
    return noun.dep_ in ("nsubjpass", "dobj") and _kind_of(head, lex, ("verb",)) is not None


def hurt_patient(noun: Token, lex: Lexicons) -> bool:
    """People the sentence tells were killed or hurt, and nothing more: "six guerrillas were
    killed", "the death of six guerrillas", "four guerrillas died", "the bodies of five
    guerrillas" (the killed attackers of ``Figure.victim_category``, not the authors of the
    deed)."""
    if _patient_of_casualty_verb(noun, lex):
        return True
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ("die", "perish"):
        return True
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in ("death", "body", "corpse", "remains")
    )


#: people who investigate crimes as their work (``modality.investigated_before``)
INVESTIGATORS = word_list("investigators.txt")
#: relative pronouns that make the noun a relative clause hangs on its subject
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def _relative_casualty(clause: Token, lex: Lexicons) -> str | None:
    """The kind of casualty a restrictive relative clause says its noun suffered: "the 10 union
    leaders who were killed on 31 October", "three soldiers who died in the ambush"; None for the
    killers ("two men who killed a guard": the pronoun is the active subject of a verb with an
    object) and for running totals ("the 270,000 people who have been killed since 2011")."""
    if clause.dep_ != "relcl" or clause.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in RELATIVE_PRONOUNS:
        return None
    noun = clause.head
    if any(c.dep_ == "conj" for c in noun.children):
        return None  # a list ("four priests and an employee, who were killed") sums elsewhere
    if clause.doc[subject.i - 1].is_punct:
        return None  # "five of them Spaniards, who were killed": an aside on part of a count
    kind = _kind_of(clause, lex, ("verb", "adj"))
    if kind is None:
        return None
    if subject.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in clause.children):
        return None  # "the two men who killed a guard"
    if (kind == "killed" and _is_cumulative(clause)) or since_date(clause):
        return None
    return kind


#: verbs that mean abduction with a particle: "carried off 276 girls", "took away 20"
ABDUCTION_VERBS = frozenset({"carry", "take", "drag", "march", "whisk", "lead"})


#: every role a casualty word may play
KINDS_ANY = ("verb", "adj", "noun", "toll")
#: parts of the body (lexicon data): "shot in the shoulder"
BODY_PARTS = word_list("body_parts.txt")


def _in_body_part(verb: Token) -> bool:
    """ "was shot in the shoulder", "stabbed in the back": a wound where the weapon struck."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "through")
        and any(p.dep_ == "pobj" and p.lemma_.lower() in BODY_PARTS for p in c.children)
        for c in verb.children
    )


def _kind_of(tok: Token, lex: Lexicons, roles: tuple[str, ...]) -> str | None:
    if (
        "verb" in roles
        and tok.lemma_.lower() in ABDUCTION_VERBS
        and any(c.dep_ == "prt" and c.lower_ in ("off", "away") for c in tok.children)
    ):
        return "kidnapped"
    if "verb" in roles and tok.lemma_.lower() in TO_DEATH_VERBS and to_death(tok):
        return "killed"  # "shot to death", "beaten to death", "shot dead three people"
    entry = lex.casualty.get(tok.lemma_.lower()) or lex.casualty.get(tok.lower_)
    if entry and entry[1] in roles:
        return entry[0]
    return None


def _is_person(tok: Token, lex: Lexicons) -> bool:
    return tok.lemma_.lower() in lex.victims or tok.lower_ in lex.victims or tok.ent_type_ == "NORP"


def _category(tok: Token, lex: Lexicons) -> str | None:
    cat = lex.victims.get(tok.lemma_.lower()) or lex.victims.get(tok.lower_)
    return cat or None


#: words a number measures that are not people: "1,100 km north of Lima"
NON_COUNT_HEADS = frozenset({"km", "kilometer", "kilometre", "mile", "meter", "metre", "year"})


def _is_cumulative(verb: Token) -> bool:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lemma_.lower() in CUMULATIVE_SUBJECTS for s in subjects):
        return True
    # "a war that has killed 270,000": the relative clause hangs off the noun "war"
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in CUMULATIVE_SUBJECTS:
        return True
    if PERIOD.search(doccache.span_text(doccache.sentence(verb))) or since_date(verb):
        return True
    has_perfect = any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )
    if not has_perfect:
        return False
    # "has killed thousands since 2009": a running total, not one event's toll
    if any(t.lower_ == "since" for t in doccache.span_tokens(doccache.sentence(verb))):
        return True
    return any(
        c.dep_ in ("dobj", "nsubjpass")
        and (
            c.lower_ in ("thousands", "hundreds", "millions", "tens")
            or any(
                n.like_num
                and n.text.replace(",", "").isdigit()
                and int(n.text.replace(",", "")) >= 1000
                # the count of the people themselves, not "1,100 km north of Lima" in their
                # description
                and (n.head == c or n.head.head == c)
                and n.head.lemma_.lower() not in NON_COUNT_HEADS
                for n in c.subtree
            )
        )
        for c in verb.children
    )


def _link(sent: Span, num: Number, lex: Lexicons) -> tuple[str, Token, Token | None] | None:
    """(kind, cue token, person noun) when the number is a casualty count, else None."""
    root = _num_root(sent, num)
    noun = root.head if root.dep_ in ("nummod", "quantmod", "compound", "amod") else root
    person: Token | None = None
    if noun is not root:
        if (
            _is_person(noun, lex)
            or _patient_of_casualty_verb(noun, lex)
            # "six Jesuit priests and their two employees were murdered"; "murdering party
            # leader Cecilio Rivera and two other party supporters"
            or (
                noun.dep_ == "conj"
                and noun.pos_ == "NOUN"
                and (
                    _is_person(noun.head, lex)
                    or _patient_of_casualty_verb(noun.head, lex)
                    or (noun.head.ent_type_ == "PERSON" and noun.head.dep_ in ("dobj", "nsubjpass"))
                )
            )
        ):
            person = noun
        else:
            kind = _kind_of(noun, lex, ("noun", "adj", "verb"))
            if noun.lemma_.lower() in ("wound", "injury") and any(
                c.dep_ in ("compound", "amod") for c in noun.children
            ):
                return None  # "two bullet wounds", "three stab wounds": wounds, not people
            if kind and noun.pos_ in ("NOUN", "ADJ", "VERB"):
                gov = noun.head
                if kind == "killed" and gov.pos_ in ("VERB", "AUX") and _is_cumulative(gov):
                    return None  # "violence has claimed 19,000 lives"
                if since_date(noun):
                    return None  # "1,200 wounded since 11 November"
                return kind, noun, None  # "20 deaths", "12 wounded"
            return None
    else:
        # vague plural or bare number: "dozens of people", "killing 41"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    # "dozens of people", "two of his escorts"
                    if _is_person(pobj, lex) or (pobj.dep_ == "pobj" and pobj.tag_ == "NNS"):
                        person = pobj
        # "12 dead", "20 wounded" tagged as the number's own head-less neighbours
        nxt = sent.doc[root.i + 1] if root.i + 1 < len(sent.doc) else None
        if nxt is not None and nxt.i < sent.end:
            kind = _kind_of(nxt, lex, ("adj", "verb"))
            if kind and nxt.tag_ in ("JJ", "VBN", "VBD", "NNS", "NN"):
                gov = root.head
                if kind == "killed" and gov.pos_ in ("VERB", "AUX") and _is_cumulative(gov):
                    return None  # "fighting that has left 2,000 dead in the past month"
                if since_date(nxt):
                    return None  # "800 wounded in clashes since 11 November"
                return kind, nxt, person
    head = noun
    # words right after the number phrase: "20 people dead", "148 killed"
    for child in head.children:
        if child.dep_ == "amod" or (child.dep_ in ("acl", "oprd", "appos") and child.i > head.i):
            kind = _kind_of(child, lex, ("adj", "verb"))
            if kind:
                return kind, child, person
        relative = _relative_casualty(child, lex)
        if relative:
            return relative, child, person
    # climb to the governing verb: subject of "were killed", object of "killing"
    h = head
    deed = head.head
    if (
        head.dep_ == "poss"
        and deed.pos_ == "NOUN"
        and deed.lemma_.lower() in EVENT_NOUNS - {"body"}
    ):
        # "the six Jesuits' slaying", "the three students' kidnapping"
        kind = _event_noun_kind(deed, sent)
        return (kind, deed, person) if kind else None
    # four steps: "the assassination of Rector Ellacuria, five other Jesuits, and two women"
    # (women -> Jesuits -> Ellacuria -> of -> assassination)
    for _ in range(4):
        if (
            h.dep_
            in (
                "nsubj",
                "nsubjpass",
                "dobj",
                "attr",
                "appos",
                "conj",
                "pobj",
                "npadvmod",
                "oprd",
                "dep",
                "prep",
            )
            and h.head != h
        ):
            parent = h.head
            if _misread_apposition(h, parent):
                return None
            if h.dep_ == "pobj" and parent.lower_ == "by":
                # "35 people died in attacks by about 150 Shining Path members": the authors
                return None
            # the subject of a verb that has an object kills, it is not killed
            killers = h.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in parent.children)
            if parent.pos_ == "NOUN" and h.lower_ == "of" and parent.lemma_.lower() in EVENT_NOUNS:
                # "the murders of three reporters", "the bodies of three students"
                kind = _event_noun_kind(parent, sent)
                return (kind, parent, person) if kind else None
            kind = _kind_of(parent, lex, ("verb", "adj"))
            if kind and parent.pos_ in ("VERB", "ADJ", "AUX", "NOUN"):
                if parent.pos_ == "NOUN":
                    # "the murders of three reporters", "the killing of 12 peasants"
                    if h.lower_ == "of" and parent.lemma_.lower() in EVENT_NOUNS:
                        return kind, parent, person
                    return None
                if (kind == "killed" and _is_cumulative(parent)) or since_date(parent):
                    return None
                if killers:
                    return None  # "two gunmen shot him dead": the killers, not the dead
                return kind, parent, person
            for child in parent.children:
                if (
                    child.dep_ in ("acomp", "oprd", "xcomp", "ccomp")
                    and child.i > h.i
                    and not killers  # "two gunmen shot him dead"
                ):
                    kind = _kind_of(child, lex, ("adj", "verb"))
                    if kind:
                        return kind, child, person
            if parent.dep_ in ("prep", "agent") or h.dep_ in ("conj", "appos", "pobj"):
                h = parent
                continue
            if parent.lower_ in ("toll",) or any(c.lemma_ == "toll" for c in parent.children):
                return "killed", parent, person
            break
        else:
            break
    # death toll: "the death toll rose to 50", "raised the toll to 20", "the toll is 148"
    verb = (
        root.head.head
        if (root.dep_ == "pobj" and root.head.lower_ in ("to", "at"))
        else (root.head if root.dep_ in ("attr", "dobj") else None)
    )
    if verb is not None:
        toll = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                and (
                    c.lemma_.lower() == "toll"
                    # "the number of people killed ... has risen to 22"
                    or (c.lemma_.lower() == "number" and _counts_casualties(c, lex))
                )
            ),
            None,
        )
        if toll is not None:
            injured = any(
                t.lemma_.lower() in ("injury", "injured", "wounded") for t in toll.subtree
            )
            if toll.lemma_.lower() == "number":
                # "bringing to eight the number of students kidnapped": the kind of its word
                kinds = [_kind_of(t, lex, ("verb", "adj")) for t in toll.subtree]
                kind = next((k for k in kinds if k), None)
                return (kind or ("injured" if injured else "killed")), toll, person
            return ("injured" if injured else "killed"), toll, person
    lo = max(sent.start, root.i - 8)
    window = sent.doc[lo : root.i]
    if any(t.lemma_.lower() == "toll" for t in window) and (
        root.head.lower_ in ("to", "at") or root.dep_ in ("attr", "dobj", "pobj")
    ):
        injured = any(t.lemma_.lower() in ("injury", "injured", "wounded") for t in window)
        cue = next(t for t in window if t.lemma_.lower() == "toll")
        return ("injured" if injured else "killed"), cue, person
    return None


def _event_noun_kind(noun: Token, sent: Span) -> str | None:
    """What an event noun did to the people counted in its "of" phrase or as its owner:
    "kidnapped" or "killed" ("the kidnapping and assassination of the five students": they were
    killed); None for a running total ("the assassination of four presidential candidates in the
    past few years", "killings since January")."""
    if PERIOD.search(doccache.span_text(sent)) or since_date(noun):
        return None
    kidnapped = noun.lemma_.lower() in ABDUCTION_NOUNS and not any(
        c.dep_ == "conj" and c.lemma_.lower() in KILLING_NOUNS for c in noun.children
    )
    return "kidnapped" if kidnapped else "killed"


def _counts_casualties(number: Token, lex: Lexicons) -> bool:
    """ "the number of people killed", "the number of dead", and "the number of victims" or "of
    deaths" (a noun of the dead: its "of" object only, so "the number of bombs that killed" is
    not one)."""
    if any(
        lex.casualty.get(t.lemma_.lower(), ("", ""))[1] in ("verb", "adj") for t in number.subtree
    ):
        return True
    return any(
        c.lower_ == "of"
        and any(
            o.dep_ == "pobj"
            and (
                o.lemma_.lower() in TOLL_NOUNS_OF_DEAD
                or lex.casualty.get(o.lemma_.lower(), ("", "")) == ("killed", "noun")
            )
            for o in c.children
        )
        for c in number.children
    )


def _not_a_toll(words: list[str], num: Number, sent: Span, lex: Lexicons) -> bool:
    end = num.end
    nxt = words[end] if end < len(words) else ""
    if nxt in lex.non_toll_units:
        return True
    if nxt in ("-", "–") and end + 1 < len(words) and words[end + 1] in lex.non_toll_units:
        return True
    if nxt in (":", ".") and end + 1 < len(words) and words[end + 1].isdigit():
        return True  # 9:00, 10.30
    before = words[max(0, num.start - 3) : num.start]
    if "at" in before and len(words[num.start]) == 4 and words[num.start].isdigit():
        return True  # "at approximately 1500 (2000 GMT)": a time of day
    tok = sent[num.start]
    if _pronoun_one(tok):
        return True  # "the arsenal is the largest one seized": a thing, not a person counted
    if tok.lower_ == "one" and num.start > 0 and words[num.start - 1] == "no":
        return True  # "no one was injured", "injured no one": nobody, no count of one
    if tok.is_digit and len(tok.text) == 4 and 1800 <= num.value <= 2100:
        return True  # a year
    if tok.is_digit and 1 <= num.value <= 31 and num.end == num.start + 1 and nxt in MONTHS:
        return True  # "on 23 September 28 bodies were found": a day of the month
    if (
        tok.is_digit
        and num.start > 0
        and words[num.start - 1] in MONTHS
        and num.value <= 31
        and not (num.start >= 2 and words[num.start - 2].isdigit())
    ):
        return True  # "on September 23"; not "on 3 May 12 people"
    # an age after a name: "Martin Richard, 8, and Krystle Campbell, 29"
    if num.start > 0 and words[num.start - 1] == "," and nxt in (",", ".", ";", "and", ")"):
        prev = sent[num.start - 2] if num.start >= 2 else None
        if prev is not None and (prev.ent_type_ == "PERSON" or prev.pos_ == "PROPN"):
            return True
    counted = tok.head.lemma_.lower() if tok.dep_ == "nummod" else ""
    if counted in lex.weapon_heads and counted not in _PEOPLE_WORDS and counted not in lex.victims:
        # "seized 37 rifles, 2 M-70 machine guns": arms, not people ("four suicide bombers",
        # people the weapon lexicon types, are people)
        return True
    # spaCy's TIME, MONEY, PERCENT, ORDINAL and QUANTITY are never counts of people; DATE is left
    # to the unit words above because spaCy also tags "148 people ... Monday" spans as DATE.
    return tok.ent_type_ in ("TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY")


#: words before "one" that make it a pronoun when "the", "this" or "that" comes first
_GRADING = frozenset({"only", "first", "last", "same"})


def _pronoun_one(tok: Token) -> bool:
    """ "One" standing for a thing named before, not a count: "the arsenal is the largest one
    seized", "the same one"."""
    if tok.lower_ != "one" or tok.i < 2:
        return False
    prev = tok.doc[tok.i - 1]
    graded = prev.tag_ in ("JJS", "JJR") or prev.lower_ in _GRADING
    return graded and tok.doc[tok.i - 2].lower_ in ("the", "this", "that")


#: attacker words, which the weapon lexicon may also end on ("suicide bomber")
_PEOPLE_WORDS = word_list("attacker_words.txt")


#: no single incident of the news kills or wounds this many: a count this large is a war's or a
#: decade's ("the killing of over 70,000 Salvadorans")
STATISTIC_MIN = 10_000
#: a count of dead this large is one incident's only when the sentence names its day ("as
#: many as 2,000 were killed in Baga on Saturday"); without a day it is a total ("more than 1,000
#: dead" in a month of fighting, "killed thousands of Salvadorans")
DAYLESS_STATISTIC_MIN = 1_000
DAY_WORDS = re.compile(
    r"\b(?:today|tonight|yesterday|last\s+night|" + "|".join(WEEKDAYS) + "|"
    r"(?:" + "|".join(MONTHS) + r")\.?\s+\d{1,2}\b|\d{1,2}\s+(?:" + "|".join(MONTHS) + r"))",
    re.I,
)


def _statistic(kind: str, low: int | None, high: int | None, sent: Span) -> bool:
    """A count of people too large to be one incident's toll (the day rule is for the dead: a
    big bombing wounds a thousand, "a week later, a bus bomb ... 67 dead and 1,000 wounded")."""
    n = low if low is not None else high
    if n is None:
        return False
    if n >= STATISTIC_MIN:
        return True
    return (
        kind == "killed"
        and n >= DAYLESS_STATISTIC_MIN
        and not DAY_WORDS.search(doccache.span_text(sent))
    )


def find_figures(
    sent: Span,
    lex: Lexicons,
    article_id: str,
    places: list[PlaceSpan],
    attributed_to: str | None,
) -> list[Figure]:
    """Casualty figures of one sentence, in order, with parts and sums resolved."""
    words = doccache.lowers(sent.doc)[sent.start : sent.end]
    found: list[tuple[Figure, int]] = []  # figure, token index in sent
    # (cue, kind, place) -> (index, person)
    groups: dict[tuple[int, str, str | None], list[tuple[int, Token]]] = {}
    last_kind: str | None = None
    i = 0
    while i < len(words):
        num = read_number(words, i) if may_start_number(words[i]) else None
        if num is None:
            i += 1
            continue
        i = num.end
        first = sent[num.start]
        if not (
            first.like_num
            or first.lower_ in ("a", "an", "dozens", "scores", "hundreds", "tens", "thousands")
        ):
            continue
        # a range: "between 20 and 30", "20 to 30", "20-30", "two or three"
        upper: Number | None = None
        if num.end + 1 < len(words) and words[num.end] in ("and", "to", "-", "–", "or"):
            if words[num.end] != "and" or (num.start > 0 and words[num.start - 1] == "between"):
                cand = read_number(words, num.end + 1)
                if cand is not None and cand.value > num.value and not cand.vague:
                    upper = cand
        if upper is not None:
            num = Number(num.value, num.start, upper.end)
            i = num.end
        if _not_a_toll(words, num, sent, lex):
            continue
        qual, qstart = read_qualifier(words, num.start)
        part = _category_part(
            sent, words, num, qual, qstart, last_kind, lex, attributed_to, article_id
        )
        if part is not None:
            fig, i = part
            found.append((fig, num.start))
            continue
        link = _link(sent, num, lex)
        if link is None and last_kind and _revision_cue(words, qstart):
            # "97 people had been killed, up from the 95 it had reported earlier"
            low, high, q = bounds(num.value, qual, num.vague)
            ev = _evidence(sent, qstart, num.end, article_id)
            found.append(
                (Figure(last_kind, low, high, q, attributed_to, None, None, True, ev), num.start)
            )
            continue
        if link is None:
            # "and another 48 in Tartus": a part of the figure before it
            if last_kind and _part_cue(words, qstart):
                place = _place_after(sent, num.end, places)
                if place is not None:
                    low, high, q = bounds(num.value, qual, num.vague)
                    lo_tok = qstart - 1 if qstart > 0 and words[qstart - 1] == "another" else qstart
                    ev = _evidence(sent, lo_tok, num.end + 1 + len(place.name.split()), article_id)
                    found.append(
                        (
                            Figure(
                                last_kind, low, high, q, attributed_to, None, place.name, False, ev
                            ),
                            num.start,
                        )
                    )
            continue
        kind, cue, person = link
        if kind == "injured" and cue.lemma_.lower() == "stab" and _tells_death(sent, lex):
            continue  # "stabbed four people, killing one of them": the stabbed include the dead
        if unrealised(cue):
            continue  # "threatened to kill 10 judges": no one has died
        if investigated_before(cue, INVESTIGATORS):
            continue  # "the judge was investigating the massacre of 43 persons": another incident
        if _either_kind(cue, kind, lex):
            continue  # "dozens were killed or wounded": neither a death toll nor an injury toll
        low, high, q = bounds(num.value, qual, num.vague)
        if _statistic(kind, low, high, sent):
            continue  # "the death of 70,000 people": a war's count, not one incident's toll
        if upper is not None:
            if qstart > 0 and words[qstart - 1] == "between":
                qstart -= 1
            low, high, q = num.value, upper.value, "range"
        after = _place_after(sent, num.end, places)
        if after is not None and found:
            # "... and another 48 in Tartus": the words of the part itself
            lo_tok = qstart - 1 if qstart > 0 and words[qstart - 1] == "another" else qstart
            hi_tok = num.end + 1 + len(after.name.split())
            ev = _evidence(sent, lo_tok, hi_tok, article_id)
            found.append(
                (Figure(kind, low, high, q, attributed_to, None, after.name, True, ev), num.start)
            )
            last_kind = kind
            continue
        cue_at = cue.i - sent.start
        # a cue shared with an earlier figure ("killed in Jableh and another 48") stays with it
        lo_tok = qstart if (found and cue_at < qstart) else min(qstart, cue_at)
        hi_tok = max(num.end, cue.i - sent.start + 1, (person.i - sent.start + 1) if person else 0)
        ev = _evidence(sent, lo_tok, hi_tok, article_id)
        category = _category(person, lex) if person is not None else None
        # attackers killed are reported beside the victims' toll, never as it
        is_total = category != "attackers"
        place = _place_of(sent, cue, num.end, places)
        found.append(
            (
                Figure(
                    kind,
                    low,
                    high,
                    q,
                    attributed_to,
                    category,
                    place.name if place else None,
                    is_total,
                    ev,
                ),
                num.start,
            )
        )
        if person is not None and is_total:
            key = (cue.i, kind, place.name if place else None)
            groups.setdefault(key, []).append((len(found) - 1, person))
        last_kind = kind
    singles = _single_victims(sent, lex, article_id, attributed_to)
    dead = [x for x in singles if x[0].kind == "killed"]
    if not any(f.kind == "killed" and f.is_total for f, _ in found):
        # (an attacker killed is no total: "X was killed; one of the murderers was shot")
        found = found + _each_killed(dead, sent)
    elif any(
        t.lower_ == "also" and _kind_of(t.head, lex, ("verb", "adj")) == "killed"
        for t in doccache.span_tokens(sent)
    ) or any(
        f.kind == "killed" and f.is_total and f.evidence and OTHERS.search(f.evidence.text)
        for f, _ in found
    ):
        # "Rivera was shot to death along with two other party militants": 3
        found = _also_killed(found, dead, sent)
    if not any(f.kind == "injured" for f, _ in found):
        found = found + [x for x in singles if x[0].kind == "injured"]
    figures = [f for f, _ in found]
    # "three other civilians, two women and a man, also died": the apposition is a breakdown
    for members in groups.values():
        persons = {p.i for _, p in members}
        for i, p in members:
            anchor = p.head if p.dep_ == "conj" else p
            if anchor.dep_ == "appos" and anchor.head.i in persons:
                figures[i] = _replace(figures[i], is_total=False, victim_category=p.lower_)
    for members in groups.values():
        figures = _sum_conjuncts(figures, members, sent, lex, article_id)
    return _resolve_parts(figures, article_id, sent)


def _anchor(person: Token) -> Token:
    """The token that joins a counted group to the list it is in: the number of "two of his
    escorts", else the person noun itself."""
    if (
        person.dep_ == "pobj"
        and person.head.lower_ == "of"
        and person.head.head.like_num
        and person.head.head.dep_ == "conj"
    ):
        return person.head.head
    return person


def _sum_conjuncts(
    figures: list[Figure],
    members: list[tuple[int, Token]],
    sent: Span,
    lex: Lexicons,
    article_id: str,
) -> list[Figure]:
    """ "six Jesuits and two more persons were killed", "killing 6 clergymen, a maid and her
    daughter": counted groups joined by "and" under one casualty word are parts of one total
    (singular people in the list count one each)."""
    persons = [p for _, p in members]
    anchors = {p.i: _anchor(p) for p in persons}
    linked = [
        p
        for p in persons
        if any(anchors[q.i] in anchors[p.i].conjuncts for q in persons if q is not p)
    ]
    if len(persons) >= 2 and any(_companion(p) for p in persons):
        # "two servants were killed together with the six priests": 8
        linked = persons
    if not linked and len(persons) == 1:
        linked = persons
    singles = [
        c
        for p in persons
        for c in anchors[p.i].conjuncts
        if c not in persons
        and c.tag_ in ("NN", "NNP")
        and (c.ent_type_ == "PERSON" or c.lemma_.lower() in lex.victims)
        and c.lemma_.lower() not in COLLECTIVE_NOUNS
        and not any(ch.like_num and ch.dep_ == "nummod" for ch in c.children)
    ]
    # "the Spanish Jesuit Ignacio Ellacuria, five other priests, and two women": the parse hangs
    # the "other" people on the named one as an apposition; the named one counts too
    singles += [
        anchors[p.i].head
        for p in persons
        if anchors[p.i].dep_ == "appos"
        and any(c.lower_ in ("other", "more") for c in p.children)
        and anchors[p.i].head.tag_ in ("NN", "NNP")
        and (
            anchors[p.i].head.ent_type_ == "PERSON"
            or anchors[p.i].head.lemma_.lower() in lex.victims
        )
    ]
    # "Six Jesuits, a maid and her daughter were killed": the parse makes the list that goes on
    # after the count an apposition of the counted noun
    for p in persons:
        for c in anchors[p.i].children:
            if (
                c.dep_ == "appos"
                and c.tag_ == "NN"
                and c.lemma_.lower() in lex.victims
                and c.lemma_.lower() not in COLLECTIVE_NOUNS
                and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
                # the list goes on after it: its own "and", or the counted noun's ("six
                # priests, a maid, and her daughter")
                and any(
                    d.dep_ == "cc" and (d.head == c or d.i > c.i)
                    for d in (*c.children, *anchors[p.i].children)
                )
            ):
                singles += [c] + [
                    d
                    for d in c.conjuncts
                    if d.tag_ == "NN"
                    and d.lemma_.lower() in lex.victims
                    and d.lemma_.lower() not in COLLECTIVE_NOUNS
                    and not any(ch.like_num for ch in d.children)
                ]
    if not singles and len(linked) == 1:
        # "the killing of 6 clergymen, a maid, and her daughter" with the list parsed apart:
        # the words that follow the counted group say it
        singles += _listed_after(anchors[linked[0].i], sent, lex)
    singles = list({c.i: c for c in singles}.values())
    if len(linked) + len(singles) < 2 or not linked:
        return figures
    parts = [figures[i] for i, p in members if p in linked]
    if any(f.low is None for f in parts):
        return figures
    breakdown = _breakdown(figures, members, anchors, lex)
    if breakdown is not None:
        out = list(figures)
        for i, p in members:
            if p in linked and i != breakdown:
                out[i] = _replace(out[i], is_total=False, victim_category=p.lower_)
        return out
    total = sum(f.low for f in parts) + len(singles)  # type: ignore[misc]
    open_ended = any(f.high is None for f in parts)
    out = list(figures)
    for i, p in members:
        if p in linked:
            out[i] = _replace(out[i], is_total=False, victim_category=p.lower_)
    ev_start = min(f.evidence.start for f in parts if f.evidence)
    ends = [f.evidence.end for f in parts if f.evidence] + [c.idx + len(c.text) for c in singles]
    ev_end = max(ends)
    text = sent.doc.text[ev_start:ev_end]
    out.insert(
        min(i for i, p in members if p in linked),
        Figure(
            parts[0].kind,
            total,
            None if open_ended else total,
            "at least" if open_ended else "exact",
            parts[0].attributed_to,
            None,
            None,
            True,
            Evidence(article_id, ev_start, ev_end, text),
        ),
    )
    return out


#: words that open one more person of a list: "a maid", "their cook", "her daughter"
LIST_OPENERS = frozenset({"a", "an", "the", "their", "his", "her", "its"})


def _listed_after(person: Token, sent: Span, lex: Lexicons) -> list[Token]:
    """The single people listed right after a counted group, read from the words and not the
    parse: ", a maid, and her daughter" after "6 clergymen" (each with its own determiner or
    possessive, at most one adjective; the list must close with "and"). Empty when the words
    after the group are no such list."""
    doc = sent.doc
    found: list[Token] = []
    i, closed = person.i + 1, False
    while i < sent.end and not closed:
        tok = doc[i]
        if tok.text == ",":
            i += 1
            continue
        if tok.lower_ == "and":
            closed = True
            i += 1
            tok = doc[i] if i < sent.end else tok
        if tok.lower_ not in LIST_OPENERS:
            return []
        j = i + 1
        if j < sent.end and doc[j].pos_ == "ADJ":
            j += 1
        if j >= sent.end:
            return []
        noun = doc[j]
        lemma = noun.lemma_.lower()
        if noun.tag_ != "NN" or lemma not in lex.victims or lemma in COLLECTIVE_NOUNS:
            return []
        found.append(noun)
        i = j + 1
    return found if closed else []


def _companion(person: Token) -> bool:
    """A counted group added to the others by "together with" / "along with"."""
    with_ = person.head
    return (
        person.dep_ == "pobj"
        and with_.lower_ == "with"
        and with_.i > 0
        and with_.doc[with_.i - 1].lower_ in ("together", "along")
    )


#: nouns of a count that the list after it may break down: "five people, three soldiers and two
#: civilians"
BREAKDOWN_TOTALS = frozenset({"people", "person", "victim", "other", "individual"})
#: categories of a breakdown by sex or age ("two men, a woman and a child")
BREAKDOWN_CATEGORIES = frozenset({"children", "women"})


def _breakdown(
    figures: list[Figure],
    members: list[tuple[int, Token]],
    anchors: dict[int, Token],
    lex: Lexicons,
) -> int | None:
    """The index of the figure a list only breaks down, or None: "killing five people, three
    soldiers and two civilians" and "the murders of three reporters, two Salvadorans and a
    Netherlander" are 5 and 3 dead, not 10 and 6. The first count is followed by a comma, the
    others add up to it, and either its noun is a plain count of people or the others only sort
    them by nationality, sex or age, or name them; "two policemen, a soldier and a civilian" stay
    four."""
    by_anchor = {anchors[p.i].i: (i, p) for i, p in members}
    first_i, first = min(members, key=lambda m: anchors[m[1].i].i)
    head = anchors[first.i]
    rest = [c for c in head.conjuncts if c.i > head.i]
    if not rest or figures[first_i].low is None or figures[first_i].high != figures[first_i].low:
        return None
    if not any(t.text == "," for t in head.doc[first.i + 1 : rest[0].i]):
        return None
    count = 0
    sorts = True
    for c in rest:
        if c.i in by_anchor:
            i, p = by_anchor[c.i]
            if figures[i].low is None:
                return None
            count += figures[i].low
            noun = p
        elif c.tag_ in ("NN", "NNP") or any(d.lower_ in ("a", "an") for d in c.children):
            count += 1
            noun = c
        else:
            return None
        category = lex.victims.get(noun.lemma_.lower())
        if not (
            noun.ent_type_ == "NORP"
            # "a Netherlander", or the names of the people counted: "two journalists, John
            # Hoagland and Ian Mates"
            or noun.tag_ in ("NNP", "NNPS")
            or category in BREAKDOWN_CATEGORIES
            or noun.lemma_.lower() == "man"
        ):
            sorts = False
    if count != figures[first_i].low:
        return None
    if first.lemma_.lower() not in BREAKDOWN_TOTALS and not sorts:
        return None
    return first_i


def _also_killed(
    found: list[tuple[Figure, int]], singles: list[tuple[Figure, int]], sent: Span
) -> list[tuple[Figure, int]]:
    """ "The minister was assassinated in an attack in which two of his bodyguards were also
    killed": the named victim and the count are parts of a total of three."""
    totals = [(k, f) for k, (f, _) in enumerate(found) if f.kind == "killed" and f.is_total]
    if not singles or len(totals) != 1 or totals[0][1].low is None:
        return found
    k, counted = totals[0]
    out = list(found)
    out[k] = (_replace(counted, is_total=False), found[k][1])
    out += [(_replace(f, is_total=False), at) for f, at in singles]
    whole = _sentence_evidence(sent, counted)
    out.append((added_dead(counted, [f for f, _ in singles], whole), found[k][1]))
    return out


def _each_killed(dead: list[tuple[Figure, int]], sent: Span) -> list[tuple[Figure, int]]:
    """ "The magistrate and the colonel had been murdered; Galan was murdered that evening":
    people killed by different verbs of one sentence are parts of one total (3)."""
    totals = [(f, at) for f, at in dead if f.is_total]
    if len(totals) < 2:
        return dead
    first = totals[0][0]
    whole = _sentence_evidence(sent, first)
    parts = [(_replace(f, is_total=False) if f.is_total else f, at) for f, at in dead]
    return parts + [(added_dead(first, [f for f, _ in totals[1:]], whole), totals[0][1])]


def _sentence_evidence(sent: Span, fig: Figure) -> Evidence | None:
    """The whole sentence as the evidence of a total summed from its parts (None when the
    figure it extends has none)."""
    ev = fig.evidence
    return (
        Evidence(ev.article_id, sent.start_char, sent.end_char, doccache.span_text(sent))
        if ev
        else None
    )


def added_dead(total: Figure, more: list[Figure], evidence: Evidence | None) -> Figure:
    """The killed total of ``total`` and the dead of ``more`` told as added to it ("... two of
    his bodyguards were also killed"), with ``total``'s source and hedge; open-ended when either
    is ("at least" when an added count is)."""
    extra = sum(f.low or 0 for f in more)
    open_more = any(f.high is None for f in more)
    return Figure(
        "killed",
        (total.low or 0) + extra,
        None if open_more or total.high is None else total.high + extra,
        "at least" if open_more else total.qualifier,
        total.attributed_to,
        None,
        None,
        True,
        evidence,
    )


SECURITY_FORCES = frozenset(
    {
        "police",
        "policeman",
        "policemen",
        "officer",
        "soldier",
        "troop",
        "force",
        "army",
        "security",
        "commando",
        "sniper",
        "guard",
    }
)
#: words of irregular armed groups: "urban guerrilla commandos" are no security forces
IRREGULARS = frozenset(
    {"guerrilla", "terrorist", "rebel", "insurgent", "militant", "jihadist", "extremist"}
)
SINGLE_KILL_VERBS = frozenset(
    {"kill", "murder", "assassinate", "behead", "execute", "slay", "shoot", "stab", "lynch"}
)
#: singular nouns of a group of people, never one more person ("107 passengers and crew")
COLLECTIVE_NOUNS = word_list("collective_nouns.txt")
#: participles that tell a named person killed: "the assassinated Carlos Pizarro"
KILLED_PARTICIPLES = frozenset({"murder", "assassinate", "behead", "execute", "slay", "lynch"})
#: verbs that hurt one person: "a policeman was wounded", "wounding his bodyguard"
SINGLE_HURT_VERBS = frozenset({"wound", "injure"})


def earlier_event(tok: Token) -> bool:
    """An event noun that dates something else: "after the truck bombing", "since the
    massacre", "following Sunday's attack" (the object of a preposition of time, with "the" or
    a possessive)."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("after", "following", "since", "before")
        and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)
    )


#: nouns of a murder a possessive names the victim of ("Galan's assassination")
MURDER_NOUNS = frozenset({"assassination", "murder", "killing", "slaying"})


def murdered_person(noun: Token, person_words: Collection[str]) -> Token | None:
    """The person a murder noun's possessive names ("Carlos Pizarro Leongomez' assassination":
    Leongomez), or None: not a pronoun, not with an "of" phrase ("the guerrillas' murder of the
    mayor"), not a murder that only dates something ("shortly after Galan's assassination")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in MURDER_NOUNS:
        return None
    own = next((c for c in noun.children if c.dep_ == "poss"), None)
    if own is None or of_phrases(noun) or earlier_event(noun):
        return None
    if own.ent_type_ == "PERSON" or partly_named_person(own, person_words):
        return own
    return None


def _named_as_person(noun: Token) -> bool:
    """A noun the sentence gives a person's name ("a foreigner named Erika Suleman", "a man
    identified as Juan Perez", "a youth called Pedro")."""
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in ("name", "call", "identify"):
            continue
        names = [c for c in acl.children if c.dep_ in ("oprd", "attr", "dobj")] + [
            p for c in acl.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
        ]
        if any(n.ent_type_ == "PERSON" for n in names):
            return True
    return False


def _listed_people(first: Token, lex: Lexicons) -> list[Token]:
    """The people of a list that opens on ``first``, one token each: its conjuncts ("the
    magistrate and the colonel") and the appositions that are items of the list rather than
    descriptions ("Jesuits Ignacio Ellacuria, Ignacio Martin Baro, Segundo Montes, and Joaquin
    Lopez", "a police colonel, a judge, and candidate Luis Carlos Galan"): an apposition is an
    item when the list goes on with "and" after it and it is a name beside a name, a noun beside
    a noun, or someone's kin or aide ("Rodriguez Gacha, his son, and 15 others"); "Galan, a
    senator, and ..." describes Galan."""

    def person(t: Token) -> bool:
        return t.ent_type_ == "PERSON" or (
            t.tag_ in ("NN", "NNP") and t.lemma_.lower() in lex.victims
        )

    def item(appos: Token) -> bool:
        head = appos.head
        goes_on = any(c.dep_ == "conj" for c in appos.children) or any(
            c.dep_ in ("conj", "cc") and c.i > appos.i for c in head.children
        )
        comma = appos.left_edge.i > 0 and appos.doc[appos.left_edge.i - 1].text == ","
        # "Rodriguez Gacha, his son, and 15 others": a kin or aide of the name is another person
        theirs = any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in appos.children
        )
        alike = (appos.ent_type_ == "PERSON") == (head.ent_type_ == "PERSON")
        return goes_on and comma and (alike or theirs)

    out = [first]
    k = 0
    while k < len(out):
        for c in out[k].children:
            if c not in out and (c.dep_ == "conj" or (c.dep_ == "appos" and item(c))) and person(c):
                out.append(c)
        k += 1
    return out


#: entity types of places and nationalities, never a person's name
PLACE_OR_NATION = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: the tags of the words of a listed person's noun phrase ("the Antioquia police commander")
_ITEM_TAGS = frozenset({"DT", "PRP$", "JJ", "NN", "NNP", "NNPS", "HYPH"})


def _item_end(doc: Doc, i: int, end: int) -> int:
    """The end (exclusive) of the run of noun-phrase words that starts at ``i``."""
    j = i
    while j < end and doc[j].tag_ in _ITEM_TAGS:
        j += 1
    return j


def _item_person(doc: Doc, i: int, j: int, lex: Lexicons) -> str | None:
    """ "name" or "noun" when the words ``i:j`` name or describe one person ("Gilda Flores",
    "another judge", "his driver"), else None."""
    if j <= i:
        return None
    head = doc[j - 1]
    if head.tag_ == "NN" and head.lemma_.lower() in lex.victims:
        return "noun" if head.lower_ not in ("people", "police") else None
    if head.tag_ == "NNP" and (
        head.ent_type_ == "PERSON"
        or (all(t.tag_ == "NNP" and t.ent_type_ not in PLACE_OR_NATION for t in doc[i:j]))
    ):
        return "name"
    return None


def _listed_in_text(first: Token, sent: Span, lex: Lexicons) -> tuple[int, int]:
    """How many people a list that opens on ``first`` names, read from the words where the parse
    broke it ("the murders of the governor of Antioquia, another judge, and the Antioquia
    police commander": 3; "a judge, a police commander, and a mayor": 3), and the index of its
    last word. Items are joined by commas and "and"; an item after a comma that is of another
    kind than the first ("Galan, a senator, and ...": a name, then a noun) describes the one
    before it, unless it is someone's kin or aide ("his driver")."""
    doc = sent.doc
    kind = "name" if first.ent_type_ == "PERSON" or first.tag_ == "NNP" else "noun"
    i = first.i + 1
    end = sent.end
    while i < end and doc[i].pos_ == "PROPN" and kind == "name":
        i += 1  # the rest of the first name
    if i + 1 < end and doc[i].lower_ == "of" and doc[i + 1].tag_ == "NNP":
        i = _item_end(doc, i + 1, end)  # "the governor of Antioquia"
    before = _names_before(first, sent)
    count, last = 1, first.i
    pending = 0  # items after a comma, counted once an "and" closes the list
    while i < end:
        j = i
        comma = doc[j].text == ","
        if comma:
            j += 1
        has_and = j < end and doc[j].lower_ == "and"
        if has_and:
            j += 1
        if not (comma or has_and):
            break
        k = _item_end(doc, j, end)
        item = _item_person(doc, j, k, lex)
        if item is None:
            break
        theirs = doc[j].lower_ in ("his", "her", "their")
        if not has_and and item != kind and not theirs:
            break  # "Galan, a senator, ...": a description
        if k - j == 1 and k < end and doc[k].lower_ == "and":
            i = k  # "Senator and presidential candidate Luis Carlos Galan": one person's titles
            continue
        if has_and:
            count += pending + 1
            pending = 0
            last = k - 1
        else:
            pending += 1  # "Castellar, Mayor of Achi, in ...": a description unless "and" follows
        i = k
        if k + 1 < end and doc[k].lower_ == "of" and doc[k + 1].tag_ == "NNP":
            i = _item_end(doc, k + 1, end)
    return count + before, last


def _names_before(first: Token, sent: Span) -> int:
    """How many names a subject list that ends on the name ``first`` has before it, where the
    parse hung them elsewhere ("Oqueli and Gilda Flores were kidnapped": 1): capitalised words
    that are no place, joined by commas and "and", from the start of the sentence."""
    if first.dep_ not in ("nsubj", "nsubjpass") or first.ent_type_ != "PERSON":
        return 0
    doc = sent.doc
    i = first.i
    while i > sent.start and doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].ent_iob_ != "O":
        i -= 1
        if doc[i].ent_iob_ == "B":
            break
    names = 0
    while i - 2 >= sent.start and doc[i - 1].lower_ in ("and", ","):
        j = i - 1
        while j > sent.start and doc[j - 1].lower_ in ("and", ","):
            j -= 1
        k = j
        while (
            k > sent.start
            and doc[k - 1].is_title
            and (doc[k - 1].tag_ in ("NNP", "NNPS") or doc[k - 1].ent_type_ in ("PERSON", "NORP"))
            and doc[k - 1].ent_type_ not in ("GPE", "LOC", "FAC")
        ):
            k -= 1
        if k == j:
            return names
        names += 1
        i = k
    return names if i == sent.start else 0


def _names_after(noun: Token, sent: Span) -> tuple[list[Span], int]:
    """The people named right after a plural noun, joined by commas and "and" ("leaders Hector
    Oqueli Colindres and Gilda Flores"), and the index of their last token."""
    doc = sent.doc
    people = {e.start: e for e in sent.ents if e.label_ == "PERSON"}
    names: list[Span] = []
    i = noun.i + 1
    last = noun.i
    while i < sent.end:
        ent = people.get(i)
        if ent is None:
            break
        names.append(ent)
        i = ent.end
        while i < sent.end and doc[i].pos_ == "PROPN":
            i += 1  # "Gilda Amparo" + "Flores Arevalo": one name the model cut in two
        last = i - 1
        if i >= sent.end or doc[i].lower_ not in (",", "and"):
            break
        while i < sent.end and doc[i].lower_ in (",", "and"):
            i += 1
    return names, last


def _proper_name(tok: Token) -> bool:
    """A proper noun that is no place or nationality: someone's name, whatever entity type the
    small model gave it ("Hector Oqueli Colindres" is often ORG)."""
    return tok.tag_ == "NNP" and tok.ent_type_ not in PLACE_OR_NATION


def _with_companions(
    victim: Token, verb: Token, lex: Lexicons, end: int, sent: Span
) -> tuple[int, int]:
    """How many people ``victim`` and the verb's companions are (``_listed_people`` or
    ``_listed_in_text``, the more, + ``_companions``), and the index of the last token of the
    phrase (at least ``end``)."""
    company = _companions(verb, lex)
    last = max([end] + [c.right_edge.i for c in company])
    listed = len(_listed_people(victim, lex))
    in_text, text_last = _listed_in_text(victim, sent, lex)
    if in_text > listed:
        listed, last = in_text, max(last, text_last)
    by_semicolons, semi_last = _listed_by_semicolons(victim, verb, sent, lex)
    if by_semicolons > listed:
        listed, last = by_semicolons, max(last, semi_last)
    return listed + len(company), last


def _listed_by_semicolons(first: Token, verb: Token, sent: Span, lex: Lexicons) -> tuple[int, int]:
    """How many people a list with semicolons names, each item with its own description
    ("killing Maria Pulido, 42; Pilar Pulido, 19; a minor known as Carlos; Efrain Rincon, and a
    police official": 5; "Torrado's son, William; Gustavo Jacome, the secretary; and bodyguard
    Jairo Ortega were also killed": 3), and the index of its last word; (0, -1) when the phrase
    of ``first`` (up to the verb for a subject, else to the sentence's end) has no semicolon or
    an item names nobody."""
    doc = sent.doc
    start = first.left_edge.i
    stop = verb.i if verb.i > first.i else sent.end
    semis = [i for i in range(start, stop) if doc[i].text == ";"]
    if not semis:
        return 0, -1
    bounds = [start, *semis, stop]
    count = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        a = a + 1 if doc[a].text == ";" else a
        if a < b and doc[a].lower_ == "and":
            a += 1
        items = [a] + [
            i + 1
            for i in range(a + 1, b - 1)
            if doc[i].lower_ == "and" and doc[i - 1].text == "," and _person_at(doc, i + 1, b, lex)
        ]
        if not _person_at(doc, a, b, lex) or any(
            doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ in _CLAUSE_HEADS for i in range(a, b)
        ):
            return 0, -1  # "... killed the minister; the guerrillas have denied it": clauses
        count += len(items)
    return count, stop - 1


#: dependencies of a verb that heads a clause of its own, never an item of a list of people
_CLAUSE_HEADS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "advcl", "xcomp"})


def _person_at(doc: Doc, i: int, end: int, lex: Lexicons) -> bool:
    """The words from ``i`` (four at most, before ``end``) name a person: a name or a person's
    noun ("a minor reportedly known as Carlos", "bodyguard Jairo Ortega", "Torrado's son")."""
    return any(
        doc[j].ent_type_ == "PERSON"
        or doc[j].pos_ == "PROPN"
        or doc[j].lemma_.lower() in lex.victims
        for j in range(i, min(i + 4, end))
    )


def _companions(verb: Token, lex: Lexicons) -> list[Token]:
    """The people a verb's "along with" / "together with" adds, one token each, when they are
    named or described in the singular ("found dead along with Gilda Flores", "together with his
    driver"); a count ("along with two other militants") is a figure of its own."""
    out: list[Token] = []
    withs = [
        w
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("along", "together")
        for w in prep.children
        if w.dep_ == "prep" and w.lower_ == "with"
    ] + [
        w
        for w in verb.children
        if w.dep_ == "prep"
        and w.lower_ == "with"
        and w.i > 0
        and w.doc[w.i - 1].lower_ in ("along", "together")  # prt, advmod: parses vary
    ]
    for with_ in withs:
        for p in with_.children:
            if (
                p.dep_ == "pobj"
                and not any(c.like_num for c in p.children)
                and p.tag_ in ("NN", "NNP")
                and (
                    p.ent_type_ == "PERSON"
                    or partly_named_person(p, lex.victims)
                    or p.lemma_.lower() in lex.victims
                    # "along with Marta Quiroga" (the model said ORG): one found dead with a
                    # person is a person
                    or _proper_name(p)
                )
            ):
                out.extend(_listed_people(p, lex))
    return out


def _tells_death(sent: Span, lex: Lexicons) -> bool:
    """The sentence tells someone died ("... killing one of them", "... and died")."""
    return any(
        _kind_of(t, lex, KINDS_ANY) == "killed" or (t.pos_ == "VERB" and _dies(t, t.lemma_.lower()))
        for t in doccache.span_tokens(sent)
    )


def _dies(tok: Token, lemma: str) -> bool:
    """A verb that says its subject died: "die", "pass away", "succumb"."""
    if lemma in ("die", "succumb"):
        return True
    return lemma == "pass" and any(c.dep_ == "prt" and c.lower_ == "away" for c in tok.children)


#: nouns of one person's violent death: "the assassination of Dr Jose Antonio Rodriguez Porth",
#: "the attack resulted in the death of a civilian"
_DEATH_NOUNS = frozenset(
    {"assassination", "murder", "killing", "slaying", "execution", "body", "death"}
)


def _single_victims(
    sent: Span, lex: Lexicons, article_id: str, attributed_to: str | None
) -> list[tuple[Figure, int]]:
    """One person killed, named or described in the singular: "a peasant was killed",
    "gunmen shot dead Ahmad Shah", "the mayor was assassinated" -> killed 1 (each); or hurt:
    "a policeman was wounded", "wounding his bodyguard" -> injured 1."""
    out: list[tuple[Figure, int]] = []
    named: set[str] = set()  # the victims counted, by their head word

    def dead(
        n: int,
        lo: int,
        hi: int,
        at: Token,
        category: str | None = None,
        total: bool = True,
        kind: str = "killed",
    ) -> None:
        fig = Figure(
            kind,
            n,
            n,
            "exact",
            attributed_to,
            category,
            None,
            total,
            _evidence(sent, lo, hi, article_id),
        )
        out.append((fig, at.i - sent.start))
        named.add(at.lower_)

    for tok in doccache.span_tokens(sent):
        lemma = tok.lemma_.lower()
        # "the assassination of Dr Jose Antonio Rodriguez Porth": one named person killed
        if (
            tok.pos_ == "NOUN"
            and lemma in _DEATH_NOUNS
            # "his assassination after the death of Luis Carlos Galan": the same person
            and not (lemma == "death" and out)
            and not investigated_before(tok, INVESTIGATORS)
            and not (
                any(c.lemma_.lower() in ("attempt", "plot") for c in tok.children)
                or tok.head.lemma_.lower() in ("attempt", "plot")
            )
        ):
            for prep in of_phrases(tok):
                for v in prep.children:
                    if v.dep_ == "pobj" and (
                        v.ent_type_ == "PERSON"
                        # "the assassination of Hector Oqueli Colindres" (the model said
                        # ORG): only people are assassinated
                        or (lemma in ("assassination", "murder", "slaying") and _proper_name(v))
                        # "the murders of the governor, another judge and the commander"
                        or (
                            v.tag_ == "NN"
                            and v.lemma_.lower() in lex.victims
                            and v.lower_ not in ("people", "police")
                        )
                    ):
                        # "the assassination of Dr Oqueli and his companion, Gilda Flores"
                        n = len(_listed_people(v, lex))
                        lo, hi = tok.i - sent.start, v.right_edge.i - sent.start + 1
                        in_text, text_last = _listed_in_text(v, sent, lex)
                        if in_text > n:
                            n, hi = in_text, max(hi, text_last - sent.start + 1)
                        dead(n, lo, hi, v)
                    elif v.dep_ == "pobj" and v.tag_ == "NNS" and v.lemma_.lower() in lex.victims:
                        # "the murder of political leaders Hector Oqueli and Gilda Flores": the
                        # names after the plural (the parse often hangs them elsewhere)
                        names, last = _names_after(v, sent)
                        if len(names) >= 2:
                            dead(len(names), tok.i - sent.start, last - sent.start + 1, v)
            own = next((c for c in tok.children if c.dep_ == "poss"), None)
            if (
                not out
                and own is not None
                and (
                    (own.lower_ in ("his", "her") and not of_phrases(tok))
                    # "Carlos Pizarro Leongomez' assassination": a person's murder
                    or murdered_person(tok, lex.victims) is not None
                )
                and lemma != "body"
            ):
                # "responsible for his assassination": one person, named before
                dead(1, own.left_edge.i - sent.start, tok.i - sent.start + 1, own)
            if out and out[-1][0].low != 1:
                break
            # "the assassination of the minister in an attack in which his bodyguard and driver
            # were also killed": the named person and the others of the sentence (3)
            continue
        if (
            tok.ent_type_ == "PERSON"
            and tok.lower_ not in named
            and any(
                c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in KILLED_PARTICIPLES
                for c in tok.children
            )
        ):
            # "the assassinated Carlos Pizarro": one named person killed
            first = min(c.i for c in tok.children if c.dep_ == "amod")
            dead(1, first - sent.start, tok.i - sent.start + 1, tok)
            continue
        if tok.pos_ == "VERB" and _dies(tok, lemma) and not _is_cumulative(tok):
            # "he died early this morning", "where he passed away", "she succumbed to her
            # wounds": one person, named before
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
                # "a policeman was shot in the head and died": the first verb's subject
                subj = next(
                    (c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
            if subj is not None and (
                subj.lower_ in ("he", "she")
                or (
                    (subj.ent_type_ == "PERSON" or partly_named_person(subj, lex.victims))
                    and not any(ch.like_num for ch in subj.children)
                )
                # "a policeman was shot in the head and died"
                or (
                    tok.dep_ == "conj"
                    and subj.tag_ == "NN"
                    and subj.lemma_.lower() in lex.victims
                    and subj.lower_ not in ("people", "police")
                )
            ):
                lo, hi = subj.i - sent.start, tok.i - sent.start + 1
                dead(1, lo, hi, subj)
                break
            continue
        if tok.pos_ == "VERB" and lemma == "leave" and (left := _left_harmed(tok, lex)):
            # "the men shot him and left him seriously wounded", "the bomb left a policeman
            # dead": one person, in the state the deed left them in
            v, state = left
            if v.lower_ not in named:
                category = _category(v, lex) if v.pos_ == "NOUN" else None
                lo, hi = tok.i - sent.start, state.i - sent.start + 1
                dead(1, lo, hi, v, category, kind=_LEFT_STATES[state.lemma_.lower()])
            continue
        if (
            tok.pos_ == "VERB"
            and lemma == "find"
            and any(
                c.dep_ in ("oprd", "xcomp", "acomp")
                and c.lemma_.lower() in ("dead", "murder", "kill")
                for c in tok.children
            )
        ):
            # "a former law student ... has been found murdered"
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and (
                subj.ent_type_ == "PERSON"
                or partly_named_person(subj, lex.victims)
                or (subj.tag_ == "NN" and subj.lemma_.lower() in lex.victims)
            ):
                # "X, a party leader, was found dead along with Y": X and Y (2)
                count, last = _with_companions(subj, tok, lex, tok.i + 1, sent)
                dead(count, subj.left_edge.i - sent.start, last - sent.start + 1, subj)
                break
            continue
        if lemma == "gun" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
            lemma = "kill"  # "the Extraditables gunned down Judge Hector Jimenez Rodriguez"
        if tok.pos_ != "VERB" or lemma not in SINGLE_KILL_VERBS | SINGLE_HURT_VERBS:
            continue
        kind = "injured" if lemma in SINGLE_HURT_VERBS else "killed"
        if lemma in ("shoot", "stab") and not (
            to_death(tok)
            or any(
                t.lower_ in ("dead", "death") for t in tok.doc[tok.i + 1 : min(tok.i + 4, sent.end)]
            )
        ):
            # "shot" alone may be a wound; "shot dead", "shot to death" kill; "shot in the
            # shoulder" wounds, unless the sentence tells a death too ("... and died")
            if not _in_body_part(tok) or _tells_death(sent, lex):
                continue
            kind = "injured"
        if _is_cumulative(tok) or unrealised(tok):
            continue  # "was almost killed", "threatened to kill the mayor"
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        victims = [
            c for c in tok.children if (c.dep_ == "nsubjpass") or (c.dep_ == "dobj" and not passive)
        ]
        # "judge Maria Elena Diaz, who was murdered on Friday": the person the clause describes
        victims = [
            tok.head
            if v.lower_ in ("who", "whom")
            and tok.dep_ == "relcl"
            and tok.head.pos_ in ("PROPN", "NOUN")
            else v
            for v in victims
        ]
        if not victims and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            # "X and Y were abducted and subsequently murdered": the subject of the first verb
            victims = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
            passive = passive or any(c.dep_ == "auxpass" for c in tok.head.children)
        aux = next((c for c in tok.children if c.dep_ == "auxpass"), None)
        if passive and not victims and aux is not None and aux.i > sent.start:
            # "..., a rebel was killed": a parse that hung the subject elsewhere
            prev = tok.doc[aux.i - 1]
            if prev.pos_ == "NOUN" and prev.tag_ == "NN":
                victims = [prev]
        if passive and not victims:
            # a parse that lost the subject: the last person named before the verb, from the
            # first of the names joined to it ("X and Y, members of ..., were abducted and
            # murdered": 2)
            before = [
                t
                for t in doccache.span_tokens(sent)
                if t.i < tok.i
                and t.ent_type_ == "PERSON"
                and t.ent_iob_ != "O"
                and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I")
            ]
            victims = before[-1:]
            while victims and victims[0].dep_ == "conj" and victims[0].head.ent_type_ == "PERSON":
                victims = [victims[0].head]
        agent = [
            p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ] + [c for c in tok.children if c.dep_ == "nsubj"]
        # "killed by police"; not "killed by urban guerrilla commandos"
        by_security = any(
            a.lemma_.lower() in SECURITY_FORCES
            and not any(c.lemma_.lower() in IRREGULARS for c in a.lefts)
            for a in agent
        )
        for v in victims:
            if v.lower_ in named:
                continue  # "the murder of X ...; X was killed": told twice
            if out and v.ent_type_ != "PERSON" and any(c.lower_ == "the" for c in v.children):
                continue  # "the body of deputy X lies where the party leader was killed"
            person = (
                v.ent_type_ == "PERSON"
                or partly_named_person(v, lex.victims)
                # "radio announcer Diego Vargas Escobar was assassinated" (the model said ORG):
                # only people are murdered
                or (
                    _proper_name(v)  # not "the Jesuits were killed": a group, not one
                    and kind == "killed"
                    and lemma not in ("shoot", "stab")
                )
                or (
                    v.tag_ in ("NN", "NNP")
                    # "a peasant was killed"; "a rebel was killed" (an attacker is a death too)
                    and (v.lemma_.lower() in lex.victims or v.lemma_.lower() in PERPETRATOR_HEADS)
                    and v.lower_ not in ("people", "police")
                )
                # "gunmen shot him dead": one person, named before (never twice in a sentence)
                or (v.pos_ == "PRON" and v.lower_ in ("he", "him", "she", "her") and not out)
                # "a foreigner named Erika Suleman", "a man identified as Juan Perez"
                or (v.tag_ == "NN" and _named_as_person(v))
            )
            if not person or any(c.like_num and c.dep_ == "nummod" for c in v.children):
                continue
            if (
                lemma == "injure"
                and v.ent_type_ == "PERSON"
                and v.lemma_.lower() not in lex.victims
            ):
                continue  # "after Andy Robertson was injured": a player, a crash, not an attack
            # "murdered along with his driver": 2
            count, last = _with_companions(v, tok, lex, max(v.right_edge.i, tok.i), sent)
            lo = min(v.left_edge.i, tok.i) - sent.start
            hi = last - sent.start + 1
            category = _category(v, lex) if v.ent_type_ != "PERSON" else None
            # "police shot the driver dead": the attacker; not "troops murdered peasants Victor
            # Vasquez and Rafael Romero", whom forces killed as victims
            answered = (
                by_security
                and v.ent_type_ != "PERSON"
                # the one told before: "the driver", "the gunman", not "a peasant"
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in v.children)
            )
            if answered:
                category = "attackers"
            dead(count, lo, hi, v, category, total=not answered, kind=kind)
            break
    return out


#: the state a deed leaves one person in: the kind of casualty it makes
_LEFT_STATES = {"dead": "killed", "wound": "injured", "injure": "injured", "hurt": "injured"}


def _left_harmed(tok: Token, lex: Lexicons) -> tuple[Token, Token] | None:
    """The one person "left" harmed and the word of their state: "left him seriously wounded",
    "left a policeman dead" (the object of "leave" and a state word as its predicate). Counted
    groups ("left two soldiers dead") are figures of their own."""
    victim = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if victim is None:
        return None
    # the state as the verb's predicate, or hung from the person ("a policeman seriously
    # injured" parsed as a participle of the noun)
    states = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "acomp", "advcl", "ccomp")]
    states += [c for c in victim.children if c.dep_ in ("acl", "amod") and c.i > victim.i]
    state = next((c for c in states if c.lemma_.lower() in _LEFT_STATES), None)
    if state is None or victim.i > state.i:
        return None
    if any(c.like_num or c.dep_ == "nummod" for c in victim.children):
        return None
    person = (
        (victim.pos_ == "PRON" and victim.lower_ in ("him", "her"))
        or victim.ent_type_ == "PERSON"
        or (victim.tag_ == "NN" and victim.lemma_.lower() in lex.victims)
    )
    return (victim, state) if person else None


#: casualty words that name the group a category belongs to: "a dozen of the injured"
GROUP_WORDS = {
    "dead": "killed",
    "killed": "killed",
    "victims": "killed",
    "fatalities": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "hostages": "kidnapped",
    "abducted": "kidnapped",
    "kidnapped": "kidnapped",
}
COPULAS = frozenset({"were", "was", "are", "is", "being", "been"})


def _category_part(
    sent: Span,
    words: list[str],
    num: Number,
    qual: str,
    qstart: int,
    last_kind: str | None,
    lex: Lexicons,
    attributed_to: str | None,
    article_id: str,
) -> tuple[Figure, int] | None:
    """A victim category of a figure: "eight of them children", "including six children",
    "among them six priests", "a dozen of the injured were children", "48 of them in intensive
    care". Returns the part figure and the index after it."""
    n = len(words)
    kind = last_kind
    j = num.end
    linked = False
    if tuple(words[j : j + 2]) in (("of", "them"), ("of", "whom"), ("of", "those")):
        j += 2
        linked = True
    elif j + 2 < n and words[j] == "of" and words[j + 1] == "the" and words[j + 2] in GROUP_WORDS:
        kind = GROUP_WORDS[words[j + 2]]
        j += 3
        linked = True
        while j < n and words[j] in COPULAS:
            j += 1
    before = tuple(words[max(0, qstart - 2) : qstart])
    if not linked and not (before[-1:] == ("including",) or before == ("among", "them")):
        return None
    if kind is None or j >= n:
        return None
    tok = sent[j]
    category = _category(tok, lex) or (tok.lower_ if tok.lower_ in lex.victims else None)
    end = j + 1
    if category is None:
        if not linked:
            return None
        # "48 of them in intensive care", "99 of them critically": the words as written
        k = j
        while k < n and k < j + 4 and not sent[k].is_punct and words[k] not in ("said", "and"):
            k += 1
        if k == j:
            return None
        category = sent[j:k].text.lower()
        end = k
    elif category not in ("children", "women"):
        category = tok.lower_  # the group as written: "priests", "soldiers", "policemen"
    low, high, q = bounds(num.value, qual, num.vague)
    ev = _evidence(sent, qstart, end, article_id)
    return Figure(kind, low, high, q, attributed_to, category, None, False, ev), end


def _revision_cue(words: list[str], qstart: int) -> bool:
    before = words[max(0, qstart - 3) : qstart]
    return "from" in before and any(
        w in before for w in ("up", "down", "revised", "raised", "lowered", "rising", "risen")
    )


def _either_kind(cue: Token, kind: str, lex: Lexicons) -> bool:
    for other in [*cue.conjuncts]:
        other_kind = _kind_of(other, lex, ("verb", "adj"))
        if (
            other_kind
            and other_kind != kind
            and any(t.lower_ == "or" for t in cue.doc[min(cue.i, other.i) : max(cue.i, other.i)])
        ):
            return True
    return False


def _part_cue(words: list[str], qstart: int) -> bool:
    before = words[max(0, qstart - 2) : qstart]
    return any(w in PART_CUES for w in before)


def _place_after(sent: Span, tok_end: int, places: list[PlaceSpan]) -> PlaceSpan | None:
    """The place a figure is tied to, in the few words after token ``tok_end`` of ``sent``:
    "in Jableh", "at the airport in Zaventem", "at Maalbeek station". A geocoded place wins;
    else the first run of proper nouns after "in"/"at"/"near" (a station, a district the
    gazetteer does not know), as written. Stops at "and", commas and the next number."""
    n = len(sent)
    if tok_end >= n or sent[tok_end].lower_ not in ("in", "at", "near", "from", "outside"):
        return None
    k = tok_end + 1
    limit = min(n, tok_end + 7)
    while k < limit:
        tok = sent[k]
        if (
            tok.lower_ in ("and", "said", "according", "while")
            or tok.like_num
            or tok.text in (",", ";", "—", "–", ".", "(")
        ):
            return None
        for p in places:
            if tok.idx <= p.start < tok.idx + len(tok.text):
                return p
        if tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "NORP"):
            end = k
            while end + 1 < n and sent[end + 1].pos_ == "PROPN":
                end += 1
            span = sent[k : end + 1]
            return PlaceSpan(span.start_char, span.end_char, span.text)
        k += 1
    return None


def _place_of(sent: Span, cue: Token, num_end: int, places: list[PlaceSpan]) -> PlaceSpan | None:
    """The place a figure is tied to: "killed in Jableh" right after the figure."""
    for k in (num_end, cue.i - sent.start + 1):
        if 0 <= k < len(sent) - 1:
            # skip "people were killed" -> "in"
            j = k
            while j < len(sent) and sent[j].lower_ in (
                "people",
                "were",
                "was",
                "killed",
                "dead",
                "have",
                "been",
                "had",
                "injured",
                "wounded",
            ):
                j += 1
            p = _place_after(sent, j, places)
            if p is not None:
                return p
    return None


def _evidence(sent: Span, lo_tok: int, hi_tok: int, article_id: str) -> Evidence:
    lo_tok = max(0, lo_tok)
    hi_tok = min(len(sent), max(hi_tok, lo_tok + 1))
    span = sent[lo_tok:hi_tok]
    return Evidence(article_id, span.start_char, span.end_char, span.text)


def _resolve_parts(figs: list[Figure], article_id: str, sent: Span) -> list[Figure]:
    """Per-place parts: mark them partial, and add their sum as a total unless stated."""
    out = list(figs)
    by_kind: dict[str, list[int]] = {}
    for k, f in enumerate(figs):
        if f.place and f.victim_category is None:
            by_kind.setdefault(f.kind, []).append(k)
    for kind, idxs in by_kind.items():
        if len(idxs) < 2:
            continue
        parts = [figs[k] for k in idxs]
        places = {p.place for p in parts}
        if len(places) < 2:
            continue
        total_low = sum(p.low or 0 for p in parts)
        open_ended = any(p.high is None for p in parts)
        for k in idxs:
            out[k] = _replace(out[k], is_total=False)
        stated = [
            f
            for k, f in enumerate(figs)
            if k not in idxs and f.kind == kind and f.is_total and f.victim_category is None
        ]
        if stated:
            continue
        ev_start = min(p.evidence.start for p in parts if p.evidence)
        ev_end = max(p.evidence.end for p in parts if p.evidence)
        text = sent.doc.text[ev_start:ev_end]
        total = Figure(
            kind,
            total_low,
            None if open_ended else total_low,
            "at least" if open_ended else "exact",
            parts[0].attributed_to,
            None,
            None,
            True,
            Evidence(article_id, ev_start, ev_end, text),
        )
        out.insert(idxs[0], total)
    return out


def _replace(fig: Figure, **changes: object) -> Figure:
    from dataclasses import replace

    return replace(fig, **changes)


def _misread_apposition(noun: Token, name: Token) -> bool:
    """A counted plural the parse set in apposition to one person's name ("after the
    assassination of Luis Carlos Galan, the 4,015 judges of the country decided"): many
    people are no other name of one, so the count is the subject of the next clause."""
    return (
        noun.dep_ == "appos"
        and noun.tag_ in ("NNS", "NNPS")
        and name.ent_type_ == "PERSON"
        and name.tag_ == "NNP"
        and not any(c.dep_ in ("conj", "cc") for c in name.children)
        # "Rector Ellacuria, five other Jesuits": the others are told with the named one
        and not any(c.lower_ in ("other", "more") for c in noun.children)
    )
