"""Who did what to whom: perpetrators (as written), human victims and physical targets.

For every word of the roles lexicon (data/lexicon/roles.tsv) the parse gives its agent and its
patient: the subject and object of "guerrillas attacked the farm", the passive subject and the
"by" phrase of "the mayor was killed by gunmen", the object of "on" in "an attack on a police
post". A patient that names a person (a PERSON entity, a person noun such as "peasant") is a
victim, any other noun a physical target; places and attacker words ("840 terrorists have been
killed") are neither. Phrases are kept as written without
their leading determiner ("the", "a", "his").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from tollwatch.extract import doccache
from tollwatch.extract.lexicon import word_list
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
        "various",
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
        "midair",
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
        # "only 1 policeman", "all 107 passengers", "several peasants": the people, as the keys
        # write them
        "only",
        "just",
        "all",
        "several",
        "various",
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
        "forces",
        "police",
        "policemen",
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
        "murderer",
        "murderers",
        "killer",
        "killers",
        "slayer",
        "slayers",
        "outlaws",
        "mercenaries",
        "hijackers",
        "arsonists",
    }
)
PLACE_LABELS = frozenset({"GPE", "LOC"})
#: entity types that are never the author of a deed
AUTHOR_NOT_LABELS = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"})


@dataclass(frozen=True)
class Roles:
    victims: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    perpetrators: tuple[Mention, ...]  # individuals/groups as written (not alias-table actors)
    organizations: tuple[Mention, ...] = ()  # named organisations acting as agents
    authored: bool = False  # the sentence names the author of a deed ("charged with the murder")
    #: targets named as where a bomb was placed or went off ("placed bombs in bank branches",
    #: "exploded outside a police building"): sure enough that the role model keeps them
    sites: tuple[Mention, ...] = ()


#: verbs whose object is a weapon nobody used: their subject is no attacker
NOT_USING = word_list("weapons_not_used.txt")
#: nouns of a setting, a time or a container, never the thing hit ("exploded at dawn", "placed
#: a bomb in the area", "a bomb in a duffel bag"; lexicon data)
SETTING_NOUNS = word_list("setting_nouns.txt")
#: where a weapon was placed: "placed 11 bombs in various bank branches" (the branches were hit)
PLACED_AT = frozenset({"in", "inside", "at", "near", "outside", "under", "on"})
#: the verbs of placing a weapon somewhere (their object a weapon: "placed", "planted", "hurled")
PLACING = frozenset({"place", "plant", "leave", "put", "hide", "hurl", "throw", "toss", "drop"})
#: verbs of setting off or firing a weapon ("set off", "detonated", "fired their guns")
FIRING = frozenset({"set", "detonate", "fire", "shoot"})
#: verbs whose subject, even a relative pronoun's antecedent, used the weapon they take
PLACING_OR_FIRING = PLACING | FIRING
#: verbs of a bomb going off (and "go off"), whose "at", "outside" ... phrase is the thing hit
EXPLODING = frozenset({"explode", "detonate"})
EXPLODED_AT = frozenset({"at", "outside", "near", "inside"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def _site_noun(tok: Token, weapon_lemmas: Collection[str]) -> bool:
    """Whether the object of "placed a bomb in/at ...", "exploded outside ..." names a thing that
    could be hit: not a setting or a time (``SETTING_NOUNS``), not a weapon ("exploded near a
    second dynamite charge"), not an idiom ("in addition", "in reprisal": a bare noun) nor the
    noun of an aim ("in an effort to ...")."""
    if tok.lemma_.lower() in SETTING_NOUNS or tok.lower_ in SETTING_NOUNS:
        return False
    if _is_weapon(tok, weapon_lemmas) or any(
        c.dep_ == "compound" and _is_weapon(c, weapon_lemmas) for c in tok.children
    ):
        return False  # "a bomb", "dynamite charges"
    if tok.pos_ == "NOUN" and not any(
        c.dep_ in ("det", "amod", "compound", "nummod", "poss") for c in tok.children
    ):
        return False
    return not any(c.dep_ == "acl" and c.tag_ == "VB" for c in tok.children)


#: verbs of what blows up: their subject is what was hit when they have no object
BLOWING_UP = EXPLODING | {"blow"}


def _blew_up(verb: Token) -> bool:
    """An explosion verb with no object ("the plane exploded", "the bus blew up")."""
    return verb.lemma_.lower() in BLOWING_UP and not any(c.dep_ == "dobj" for c in verb.children)


def _is_weapon(tok: Token, weapon_lemmas: Collection[str]) -> bool:
    """A weapon word, or a noun a weapon word qualifies ("explosive device", "dynamite sticks")."""
    return any(
        t.lemma_.lower() in weapon_lemmas or t.lower_ in weapon_lemmas
        for t in (tok, *(c for c in tok.lefts if c.dep_ in ("compound", "amod")))
    )


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


def unidentified(text: str) -> str:
    """The canonical name of attackers known by a description: "unidentified gunmen"."""
    return (
        text.lower() if text.lower().startswith("unidentified") else "unidentified " + text.lower()
    )


def noun_phrase(tok: Token, article_id: str, without_count: bool = False) -> Mention | None:
    """The noun phrase headed by ``tok``: its left modifiers and "of"/compound tails, without a
    leading determiner, relative clauses or appositions (kept per document: the rules ask for
    the same phrases many times)."""
    memo = doccache.memo(tok.doc, "noun_phrase")
    key = (tok.i, article_id, without_count)
    if key not in memo:
        memo[key] = _noun_phrase(tok, article_id, without_count)
    return memo[key]


def _noun_phrase(tok: Token, article_id: str, without_count: bool) -> Mention | None:
    if tok.ent_type_ in ("PERSON", "ORG", "FAC", "NORP") and tok.ent_iob_ != "O":
        ent = next((e for e in doccache.ents(tok.doc) if e.start <= tok.i < e.end), None)
        if ent is not None:
            start, end = ent.start, ent.end
            toks = doccache.tokens(tok.doc)
            while start < end and toks[start].lower_ in DETERMINERS:
                start += 1
            span = tok.doc[start:end]
            text = doccache.span_text(span)  # ``span.text`` builds every token anew
            if text:
                return Mention(
                    text, None, Evidence(article_id, span.start_char, span.end_char, text)
                )
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("amod", "compound", "nummod", "nmod", "poss", "quantmod") or (
            child.dep_ == "punct" and child.text in ('"', "-")
        ):
            left = min(left, child.left_edge.i)
    right = _right_end(tok)
    doc = tok.doc
    toks = doccache.tokens(doc)
    sent_start = tok.sent.start
    opening = left if toks[left].text == "[" else left - 1
    if (
        opening > sent_start
        and toks[opening].text == "["
        and toks[opening - 1].pos_ == "PROPN"
        and any(toks[j].text == "]" for j in range(opening + 1, tok.i))
    ):
        # "FMLN [Farabundo Marti National Liberation Front] forces": the parse leaves the name
        # the gloss belongs to outside the phrase
        left = opening - 1
    while left < tok.i and (
        (t := toks[left]).lower_ in DETERMINERS
        or t.dep_ == "case"
        or t.lower_ in QUANTITY_WORDS
        or (without_count and t.like_num and t.tag_ != "JJ")  # "second secretary" keeps it
        or t.lower_ == "of"  # "two of three engineers" without its count
        or t.is_punct
        and t.text not in ('"',)
        or _self_named(toks, left, tok.i)
    ):
        left += 1
    # "[text] attention", "[words indistinct] offices": transcription marks are not words; nor
    # is a dateline the parse hung on the first noun ("LIMA, 20 NOV 89 -- Guerrillas")
    k = min(right, tok.i - 1)
    while k >= left:
        if toks[k].text == "]" and (j := _gloss_start(toks, left, k)) is not None:
            # "FMLN [Farabundo Marti National Liberation Front] forces": a transcriber's gloss
            # of the name before it is part of the phrase
            k = j - 1
            continue
        if toks[k].text == "]" or _dash(toks[k]):
            left = k + 1
            break
        k -= 1
    right = _closed(toks, left, right, tok.sent.end)
    # "two state officials of the [words indistinct]" with the note blanked: the phrase ends
    # before the blank, without the words that led into it
    blank = next((j for j in range(tok.i + 1, min(right + 2, len(toks))) if toks[j].is_space), None)
    if blank is not None:
        right = blank - 1
        while right > tok.i and (
            toks[right].pos_ in ("ADP", "DET", "CCONJ", "PUNCT")
            or toks[right].lower_ in DETERMINERS
        ):
            right -= 1
    span = doc[left : right + 1]
    whole = doccache.span_text(span)
    raw = whole.strip(" ,")
    text = " ".join(raw.split())
    if not text or text.lower() in NOT_PATIENTS or tok.lower_ in NOT_PATIENTS:
        return None
    start = span.start_char + (whole.index(raw) if raw in whole else 0)
    return Mention(text, None, Evidence(article_id, start, start + len(raw), raw))


#: a label a group gave itself, before its name ("the so-called Nelson Mandela cell", "the
#: self-styled Ricardo Franco Front"): no word of the name
_SELF_NAMED = frozenset(
    {("so", "called"), ("self", "styled"), ("self", "named"), ("self", "proclaimed")}
)


def _self_named(toks: Sequence[Token], k: int, head: int) -> bool:
    """Whether token ``k`` is a word of a "so-called"/"self-styled" that opens the phrase of
    ``head``."""
    for j in (k, k - 2):
        if 0 <= j and j + 2 < head and toks[j + 1].text == "-":
            if (toks[j].lower_, toks[j + 2].lower_) in _SELF_NAMED:
                return True
    return False


_OPENERS = {"(": ")", "[": "]"}
_TRANSCRIBER_NOTES = frozenset(
    {"indistinct", "received", "heard", "published", "omitted", "text", "excerpt", "words"}
)


def _closed(toks: Sequence[Token], left: int, right: int, sent_end: int) -> int:
    """The phrase's last token with its brackets closed: "members of the Popular Revolutionary
    Bloc (BPR" runs on to the ")" a few tokens on; without one near, the phrase stops before the
    bracket."""
    for k in range(right, left - 1, -1):
        closer = _OPENERS.get(toks[k].text)
        if closer is None:
            continue
        if any(toks[j].text == closer for j in range(k + 1, right + 1)):
            return right
        for j in range(right + 1, min(right + 5, sent_end)):
            if toks[j].text == closer:
                inside = {t.lower_ for t in toks[k + 1 : j]}
                # "[words indistinct]", "[as received]": a transcriber's note is no word of it
                return _before(toks, left, k) if inside & _TRANSCRIBER_NOTES else j
        return _before(toks, left, k)
    return right


def _gloss_start(toks: Sequence[Token], left: int, k: int) -> int | None:
    """The "[" of the bracket ``toks[k]`` closes when it glosses the word before it inside the
    phrase ("FMLN [Farabundo Marti National Liberation Front] forces"); None for a transcriber's
    note ("[text] attention", "[words indistinct] offices") or a bracket that opens the phrase."""
    for j in range(k - 1, left - 1, -1):
        if toks[j].text == "[":
            inside = toks[j + 1 : k]
            if (
                j > left
                and not toks[j - 1].is_punct
                and inside
                and not {t.lower_ for t in inside} & _TRANSCRIBER_NOTES
            ):
                return j
            return None
    return None


def _before(toks: Sequence[Token], left: int, k: int) -> int:
    """The last token before ``k`` that can end a phrase ("state officials of the [" ->
    "state officials")."""
    r = k - 1
    while r > left and (
        toks[r].lower_ in ("of", "the", "a", "an", "and", "de") or toks[r].is_punct
    ):
        r -= 1
    return max(left, r)


def _dash(tok: Token) -> bool:
    """A dash between words ("--", an em or en dash, a hyphen with spaces around it)."""
    text = tok.text
    if text in ("--", "---", "\u2014", "\u2013"):
        return True
    return text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.nbor(-1).whitespace_)


def _right_end(tok: Token) -> int:
    """The last token of the phrase ``tok`` heads: its "of" tails ("members of a family") and
    compounds, without the other phrases attached to them ("... of a family in Santa Maria")."""
    right = tok.i
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            right = max([right, child.i] + [_right_end(o) for o in objs])
        elif child.dep_ in ("compound", "flat"):
            right = max(right, child.right_edge.i)
    return right


@dataclass(frozen=True)
class AuthorWords:
    """Lexicons of authorship: perpetration verbs, deeds, author nouns (data/lexicon)."""

    verbs: frozenset[str]
    deeds: frozenset[str]
    authors: frozenset[str]
    suspects: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def author_words() -> AuthorWords:
    return AuthorWords(
        word_list("perpetration.txt"),
        word_list("deeds.txt"),
        word_list("authors.txt"),
        word_list("suspect_verbs.txt"),
    )


def _is_deed(tok: Token, words: AuthorWords) -> bool:
    return tok.lemma_.lower() in words.deeds or tok.lower_ in words.deeds


def _deed_object(tok: Token, prep: str, words: AuthorWords) -> bool:
    """``tok`` has a ``prep`` phrase naming a deed ("responsible for the murder")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == prep
        and any(p.dep_ == "pobj" and _is_deed(p, words) for p in c.children)
        for c in tok.children
    )


def _names_deed(prep: Token, words: AuthorWords) -> bool:
    """A prepositional phrase that names a deed: "for the murder", "with participating in the
    murder", "in connection with the bombing"."""
    for p in prep.children:
        if p.dep_ not in ("pobj", "pcomp"):
            continue
        if _is_deed(p, words):
            return True
        inner = [g for c in p.children if c.dep_ == "prep" for g in c.children]
        inner += [c for c in p.children if c.dep_ == "dobj"]
        if any(g.dep_ in ("pobj", "dobj") and _is_deed(g, words) for g in inner):
            return True
    return False


#: nouns of holding people as suspects: "the arrest of X for the murder"
HOLDING_NOUNS = frozenset({"arrest", "capture", "detention"})


def fuller_name(words: list[str], names: list[str]) -> str | None:
    """The first of ``names`` (in the caller's order of preference) with more words than
    ``words`` that holds every one of them: "Rodriguez Porth" -> "Jose Antonio Rodriguez Porth";
    None when no name does."""
    for name in names:
        parts = name.split()
        if len(parts) > len(words) and all(w in parts for w in words):
            return name
    return None


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The tokens and the ones joined to them by "and": "the government and the armed forces"."""
    out = list(tokens)
    for t in tokens:
        out += [c for c in t.conjuncts if c not in out]
    return out


def _authors(tok: Token, words: AuthorWords) -> list[Token]:
    """The tokens a sentence names as the author of a deed around ``tok``:

    - "the attack was carried out by X", "X carried out the attack", "the massacre X
      perpetrated";
    - "X is responsible for the murder", "X was behind the attack", "X was the perpetrator of";
    - "the attack was blamed on X", "attributed the bombing to X", "blamed X for the murder";
    - "the attack was the work of X";
    - suspects: "X was charged with the murder", "police arrested X in connection with the
      bombing", "the arrest of X for killing ..." (verbs of ``suspect_verbs.txt``).
    """
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    out: list[Token] = []

    def subjects(verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep_ == "nsubj"]

    def agents(verb: Token) -> list[Token]:
        return [
            p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ]

    if tok.pos_ in ("VERB", "AUX") and lemma in words.verbs:
        if lemma == "carry" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in kids):
            return []
        deed = any(c.dep_ in ("dobj", "nsubjpass") and _is_deed(c, words) for c in kids) or (
            tok.dep_ in ("acl", "relcl") and _is_deed(tok.head, words)
        )
        if deed:
            out += subjects(tok) + agents(tok)
    elif lemma == "responsible" and _deed_object(tok, "for", words):
        if tok.dep_ == "acomp":
            # "X is responsible"; "Cristiani holds the FMLN responsible", parsed as the verb's
            # complement: the object is the author, not who holds it
            out += [c for c in tok.head.children if c.dep_ == "dobj"] or subjects(tok.head)
        elif tok.dep_ == "amod":
            out.append(tok.head)  # "the group responsible for the attack"
        else:  # "they hold the army responsible for the massacre"
            out += subjects(tok) + [c for c in tok.head.children if c.dep_ == "dobj"]
    elif lemma in words.authors and _deed_object(tok, "of", words) and tok.dep_ == "attr":
        out += subjects(tok.head)
    elif lemma == "be" and _deed_object(tok, "behind", words):
        out += subjects(tok)
    elif tok.pos_ == "NOUN" and _is_deed(tok, words):
        # "a terrorist action by the ARENA government", "the murder by soldiers"
        out += [
            p
            for c in kids
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in c.children
            if p.dep_ == "pobj"
        ]
    elif lemma == "accuse" and tok.pos_ == "VERB":
        # "accusing the army and the most radical sectors of perpetrating the attack"
        if any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in kids):
            out += _with_conjuncts([c for c in kids if c.dep_ == "dobj"])
    elif lemma in ("implicate", "involve") and _deed_object(tok, "in", words):
        # "Col Benavides, implicated in the murder", "he was involved in the kidnapping",
        # "Cristiani implicated four officers in the assassination"
        out += [c for c in kids if c.dep_ == "nsubjpass"]
        out += _with_conjuncts([c for c in kids if c.dep_ == "dobj"])
        if tok.dep_ == "acl":
            out.append(tok.head)
    elif lemma == "blame" and tok.pos_ == "VERB" and _deed_object(tok, "for", words):
        # "the authorities blamed the ELN guerrillas for the murder"
        out += _with_conjuncts([c for c in kids if c.dep_ == "dobj"])
    elif (
        lemma == "work"
        and tok.dep_ == "attr"
        and any(c.dep_ == "nsubj" and _is_deed(c, words) for c in tok.head.children)
    ):
        out += [p for c in kids if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    elif lemma in words.suspects and tok.pos_ == "VERB":
        if any(
            c.dep_ == "prep" and c.lower_ in ("for", "with", "of", "in") and _names_deed(c, words)
            for c in kids
        ):
            out += [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    elif lemma in HOLDING_NOUNS and tok.pos_ == "NOUN":
        # "the arrest of 45 soldiers and 2 officers for killing 6 clergymen"; not "charges of
        # involvement in the attacks"
        held = [
            p
            for c in kids
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj" and (p.ent_type_ == "PERSON" or p.tag_ in ("NNS", "NNPS", "NNP"))
        ]
        held = _with_conjuncts(held)
        if any(
            c.dep_ == "prep" and c.lower_ in ("for", "in") and _names_deed(c, words)
            for x in [tok, *held]
            for c in x.children
        ):
            out += held
    elif lemma in ("blame", "attribute") and tok.pos_ == "VERB":
        prep = "on" if lemma == "blame" else "to"
        # "the attack ..., which the FMLN has blamed on army sectors": the deed the clause
        # hangs on
        deed = any(c.dep_ in ("dobj", "nsubjpass") and _is_deed(c, words) for c in kids) or (
            tok.dep_ == "relcl" and _is_deed(tok.head, words)
        )
        if deed:
            out += [
                p
                for c in kids
                if c.dep_ == "prep" and c.lower_ == prep
                for p in c.children
                if p.dep_ == "pobj"
            ]
    return [t for t in out if t.pos_ in ("NOUN", "PROPN")]


def _attacker_hit(verb: Token) -> bool:
    """A passive verb whose unsaid patient is the attacker the clause it hangs on names:
    "a gunman killed two people before being shot dead by police" (the police answered the
    attack; they are no attackers of it)."""
    if verb.dep_ not in ("pcomp", "advcl", "xcomp") or any(
        c.dep_ == "nsubjpass" for c in verb.children
    ):
        return False
    head = verb.head
    while head.dep_ in ("prep", "mark", "conj") and head.head is not head:
        head = head.head
    return any(attacker_word(c) for c in _subjects_of(head))


def responders(sent: Span) -> frozenset[int]:
    """The token indices of those who hit the attacker ("... before being shot dead by
    police"): neither attackers nor victims of the attack."""
    out: set[int] = set()
    for tok in doccache.span_tokens(sent):
        if tok.pos_ == "VERB" and tok.tag_ == "VBN" and _attacker_hit(tok):
            for c in tok.children:
                if c.dep_ == "agent":
                    out.update(t.i for p in c.children if p.dep_ == "pobj" for t in p.subtree)
    return frozenset(out)


def _antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("the men who left the bomb": "men"), else the
    token itself."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _subjects_of(verb: Token) -> list[Token]:
    """The active subjects of a verb, or of the verb it is joined to by "and"."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return own
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


def conjuncts(tok: Token) -> list[Token]:
    """The noun and the nouns joined to it by "and" ("soldiers and policemen")."""
    return [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN")]]


def _named_in_apposition(tok: Token) -> list[Token]:
    """The people a noun names in apposition beyond the first: "university students Hugo
    Martinez and Raul Ramirez" names Raul Ramirez too (the parse hangs him on Hugo Martinez)."""
    out: list[Token] = []
    for c in tok.children:
        # not a list after a colon ("the murder of Galan: Alvaro Delgado and Jorge Canaveral")
        colon = c.left_edge.i > 0 and tok.doc[c.left_edge.i - 1].text == ":"
        if c.dep_ == "appos" and c.ent_type_ == "PERSON" and not colon:
            out += [d for d in c.conjuncts if d.ent_type_ == "PERSON" and d.i > c.i]
    return out


def _counted_nationals(tok: Token) -> bool:
    """People named by a nationality with a count, in a list of people: "three reporters, two
    Salvadorans and a Netherlander"."""
    return (
        tok.ent_type_ in ("NORP", "PRODUCT", "")
        and tok.tag_ in ("NNPS", "NNP")
        and any(c.dep_ == "nummod" or c.lower_ in ("a", "an", "one") for c in tok.children)
    )


def _included(tok: Token) -> list[Token]:
    """What a noun's "including" phrase names: "some pedestrians, including a child"."""
    return [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "including"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _opens_with(clause: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in clause.children)


def partly_named_person(tok: Token, person_words: Collection[str]) -> bool:
    """A proper noun whose name the parse typed PERSON only in part ("Luz Amparo Gomez Serna"),
    or that an apposition calls a person ("Serna, a 29-year-old woman")."""
    return tok.pos_ == "PROPN" and any(
        (c.dep_ == "compound" and c.ent_type_ == "PERSON")
        or (c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in person_words))
        for c in tok.children
    )


def _is_person(tok: Token, person_lemmas: frozenset[str]) -> bool:
    """A person: a PERSON entity, a person noun of the lexicon, or a plural qualified by a
    nationality ("Italian engineers", "U.S. citizens")."""
    if (
        tok.ent_type_ == "PERSON"
        or tok.lemma_.lower() in person_lemmas
        or (tok.lower_ in person_lemmas)
    ):
        return True
    if partly_named_person(tok, person_lemmas):
        return True
    return tok.tag_ in ("NNS", "NNPS") and any(
        c.ent_type_ in ("NORP", "GPE") and c.dep_ in ("amod", "compound") for c in tok.children
    )


def of_phrases(noun: Token) -> list[Token]:
    """The "of" phrases of an event noun, also past a date or place between them that the parse
    took for their head ("the assassination on 22 March of Bernardo Jaramillo", "the
    assassination in Guatemala of Hector Oqueli")."""
    out = []
    # "condemned the kidnapping and assassination on 15 September of Eduardo Lopez": the date
    # the parse hung on the verb, right after the noun (or the list it ends)
    last = max([noun.i] + [c.i for c in noun.conjuncts])
    head = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    if noun.dep_ == "conj" and noun.head.dep_ in ("dobj", "nsubjpass"):
        head = noun.head.head
    beside = [
        p
        for p in (head.children if head is not None else ())
        if p.dep_ == "prep" and p.i == last + 1
    ]
    for prep in [*noun.children, *beside]:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ == "of" and prep.head == noun:
            out.append(prep)
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.ent_type_ in ("DATE", "TIME", "GPE", "LOC"):
                out += [c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"]
    return out


def attacker_word(tok: Token) -> bool:
    """A word for attackers as such ("gunmen", "terrorists"), by its form or lemma."""
    return tok.lower_ in PERPETRATOR_HEADS or tok.lemma_.lower() in PERPETRATOR_HEADS


def find_roles(
    sent: Span,
    role_words: dict[tuple[str, str], tuple[str, ...]],
    person_lemmas: frozenset[str],
    article_id: str,
    excluded: frozenset[int] = frozenset(),
    words: AuthorWords | None = None,
    weapon_lemmas: frozenset[str] = frozenset(),
    unasserted: frozenset[int] = frozenset(),
) -> Roles:
    """``unasserted``: the token indices of event words told as not having happened ("they
    would respond with attacks on politicians"): their patients are no victims or targets."""
    words = words or author_words()
    victims: list[Mention] = []
    targets: list[Mention] = []
    perps: list[Mention] = []
    orgs: list[Mention] = []

    sites: list[Mention] = []

    def site(tok: Token) -> None:
        before = len(targets)
        patient(tok)
        sites.extend(targets[before:])

    def patient(tok: Token) -> None:
        # "judge Maria Elena Diaz, who was murdered on Friday": the relative pronoun stands for
        # the noun its clause describes
        tok = _antecedent(tok)
        people = _is_person(tok, person_lemmas)
        for t in conjuncts(tok) + _named_in_apposition(tok) + _included(tok):
            if t.i in excluded or t.ent_type_ in PLACE_LABELS or t.pos_ not in ("NOUN", "PROPN"):
                continue
            m = noun_phrase(t, article_id, without_count=True)
            if m is None or not any(ch.isalpha() for ch in m.text):
                continue  # "at No. 1810": a house number's point
            if _is_person(t, person_lemmas) or (people and _counted_nationals(t)):
                victims.append(m)
            elif attacker_word(t):
                continue  # "840 terrorists have been killed": people, and no physical target
            elif t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORG", "NORP"):
                targets.append(m)

    def org_inside(t: Token) -> None:
        # "members of the Farabundo Marti National Liberation Front", "Salvadoran Air Force
        # helicopters", "EPL guerrillas": the organisation named inside the agent's phrase
        inner = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        inner += [c for c in t.lefts if c.dep_ in ("compound", "nmod")]
        for pobj in inner:
            if pobj.ent_type_ == "ORG":
                o = noun_phrase(pobj, article_id)
                # one capitalised word typed ORG is often a name or a typo ("Junior",
                # "Castille"): only names of two or more words, or acronyms, are kept
                if o is not None and (len(o.text.split()) > 1 or o.text.isupper()):
                    orgs.append(o)

    def agent(tok: Token, explicit: bool = False) -> None:
        means = _is_deed(tok, words)
        for t in conjuncts(tok):
            if means and t is not tok and not attacker_word(t):
                # "hit by these attacks and an Avianca Airlines plane blew up": the deed is the
                # means, and what the parse lists beside it is no author
                continue
            if attacker_word(t):
                m = noun_phrase(t, article_id)
                if m is not None:
                    perps.append(m)
                org_inside(t)
            elif t.ent_type_ == "ORG" and t.pos_ == "PROPN":
                o = noun_phrase(t, article_id)
                if o is not None:
                    orgs.append(o)
            elif explicit and t.ent_type_ not in AUTHOR_NOT_LABELS and not _is_deed(t, words):
                # "Dr Antonio Regalado was the perpetrator", "the attack was attributed to the
                # drug mafias": what the sentence names as the author, as written
                m = noun_phrase(t, article_id)
                if m is not None:
                    perps.append(m)
                org_inside(t)
            else:
                org_inside(t)

    authored = False
    for tok in doccache.span_tokens(sent):
        lemma = tok.lemma_.lower()
        for author in _authors(tok, words):
            authored = True
            agent(author, explicit=True)
        if (
            tok.pos_ == "VERB"
            and weapon_lemmas
            and any(c.dep_ == "dobj" and _is_weapon(c, weapon_lemmas) for c in tok.children)
            and lemma not in NOT_USING
        ):
            # "unidentified individuals placed two bombs", "two men set off 5 kg of dynamite"
            for c in tok.children:
                if c.dep_ == "nsubj":
                    # "the men who left the bomb"; not "the man who rented the truck"
                    agent(_antecedent(c) if lemma in PLACING_OR_FIRING else c)
                elif (
                    c.dep_ == "prep"
                    and c.lower_ in PLACED_AT
                    and lemma in PLACING
                    and tok.i not in unasserted
                ):
                    # "... placed 11 bombs in various government bank branches"
                    for p in c.children:
                        if p.dep_ == "pobj" and _site_noun(p, weapon_lemmas):
                            site(p)
        if (
            tok.pos_ == "VERB"
            and weapon_lemmas
            and lemma in PLACING
            and any(c.dep_ == "nsubjpass" and _is_weapon(c, weapon_lemmas) for c in tok.children)
        ):
            # "the bomb was planted by two youths": who placed it, in the passive
            for c in tok.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agent(p)
        if (
            tok.pos_ == "VERB"
            and lemma == "open"
            and any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children)
        ):
            # "gunmen opened fire on the bus": its subject is the attacker, what it was opened
            # on the patient ("a teenager opened fire at a school": whoever the subject is)
            for c in _subjects_of(tok):
                agent(c, explicit=c.pos_ == "NOUN" and c.lemma_.lower() in person_lemmas)
            for head in [tok, *(c for c in tok.children if c.dep_ == "dobj")]:
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("on", "at"):
                        for c in prep.children:
                            if c.dep_ == "pobj":
                                patient(c)
        if tok.i in unasserted:
            continue
        if tok.pos_ == "VERB" and (
            lemma in EXPLODING
            or (lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children))
        ):
            # "a truck bomb exploded outside a federal police building", "went off at the bank"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in EXPLODED_AT:
                    for p in c.children:
                        if p.dep_ == "pobj" and _site_noun(p, weapon_lemmas):
                            site(p)
        if tok.pos_ == "VERB" and (lemma, "verb") in role_words:
            preps = role_words[(lemma, "verb")]
            # "the bodies of the Jesuits murdered last Friday by uniformed men were buried":
            # a participle with a "by" agent is passive, whatever subject the parse gave it
            by_agent = tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
            passive = by_agent or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
            if not passive and not any(c.dep_ == "nsubj" for c in tok.children):
                # "several men arrived at the airport and attacked the guards": a verb joined to
                # another shares its subject
                for c in _subjects_of(tok):
                    agent(c)
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and by_agent):
                    patient(c)
                elif c.dep_ == "nsubj" and not passive and _blew_up(tok):
                    # "an Avianca Airlines plane blew up in midair": what blew up with no
                    # object was hit (the airline owns it, no author), unless it is the bomb
                    weapon = bool(weapon_lemmas) and _is_weapon(c, weapon_lemmas)
                    if not weapon and not attacker_word(c):
                        patient(c)
                elif c.dep_ == "nsubj" and not passive:
                    agent(c)
                elif c.dep_ == "agent" and not _attacker_hit(tok):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agent(p)
                elif c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            patient(p)
            if passive:
                # "twelve soldiers were injured, as were some pedestrians": the clause that
                # repeats the verb with "as" names more of its patients
                for c in tok.children:
                    if c.dep_ == "advcl" and c.lemma_ == "be" and _opens_with(c, "as"):
                        for s in c.children:
                            if s.dep_ == "nsubj":
                                patient(s)
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.tag_ == "VBN":
                patient(tok.head)  # "the farm attacked by guerrillas"
        elif tok.pos_ == "NOUN" and (lemma, "noun") in role_words:
            preps = role_words[(lemma, "noun")]
            if "of" in preps:
                # "the assassination on 15 September of Eduardo Lopez": an "of" the parse hung
                # on the date between them
                for c in of_phrases(tok):
                    if c.head != tok:
                        for p in c.children:
                            if p.dep_ == "pobj":
                                patient(p)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            patient(p)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agent(p)
    return Roles(tuple(victims), tuple(targets), tuple(perps), tuple(orgs), authored, tuple(sites))
