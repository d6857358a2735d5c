"""Event words of a sentence: triggers (event type), weapons and targets, matched on token lemmas
against the lexicons; and the typing rule that turns a report's triggers into ACLED and GTD types."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span, Token

from tollwatch.extract import doccache
from tollwatch.extract.lexicon import Lexicons, Trigger, Weapon, word_list
from tollwatch.extract.roles import attacker_word, noun_phrase
from tollwatch.types import Evidence, Figure, Mention


@dataclass(frozen=True)
class Match:
    start: int  # token index in the doc
    end: int
    item: Any


def match_phrases(
    sent: Span, index: Mapping[str, Sequence[Any]], excluded: frozenset[int] = frozenset()
) -> list[Match]:
    """Longest lemma-sequence matches of ``index`` (first lemma -> items with ``lemmas``)."""
    lemmas = doccache.lemmas(sent.doc)[sent.start : sent.end]
    lowers = doccache.lowers(sent.doc)[sent.start : sent.end]
    out: list[Match] = []
    i = 0
    n = len(lemmas)
    while i < n:
        hit = None
        for key in (lemmas[i], lowers[i]):
            for item in index.get(key, ()):
                phrase = item.lemmas if hasattr(item, "lemmas") else item[0]
                k = len(phrase)
                if i + k <= n and all(
                    phrase[j] in (lemmas[i + j], lowers[i + j]) for j in range(k)
                ):
                    hit = (item, k)
                    break
            if hit:
                break
        if hit and (sent.start + i) not in excluded:
            out.append(Match(sent.start + i, sent.start + i + hit[1], hit[0]))
            i += hit[1]
        else:
            i += 1
    return out


def _noun_phrase(sent: Span, m: Match) -> tuple[int, int]:
    """Widen a match to the compounds before it ("Asaad hospital") and to hyphen-joined words
    ("state-run hospital"); plain adjectives ("busy") are left out."""
    doc = sent.doc
    start = m.start
    while start - 1 >= sent.start:
        prev = doc[start - 1]
        if (
            prev.text == "-"
            and start - 2 >= sent.start
            and not prev.whitespace_
            and (not doc[start - 2].whitespace_)
        ):
            start -= 2
            continue
        if (
            prev.dep_ == "compound"
            and (
                prev.head.i >= m.start
                # a name of several words before the noun: "Central American University"
                or (prev.pos_ == prev.head.pos_ == "PROPN" and start <= prev.head.i)
            )
            and prev.pos_ in ("NOUN", "PROPN")
            # not a date or a count the parse hung on the noun ("on 7 January dynamite ...")
            and prev.ent_type_ not in ("DATE", "TIME", "CARDINAL", "QUANTITY")
        ):
            start -= 1
            continue
        break
    return start, m.end


def mentions(sent: Span, matches: list[Match], article_id: str, type_of) -> list[Mention]:
    out = []
    for m in matches:
        s, e = _noun_phrase(sent, m)
        span = sent.doc[s:e]
        out.append(
            Mention(
                span.text,
                type_of(m.item) or None,
                Evidence(article_id, span.start_char, span.end_char, span.text),
            )
        )
    return out


#: event words that tell an event only as nouns: "heavy combat", not "to combat terrorism"
NOUN_ONLY = frozenset({"combat"})


#: what is fired when people are shot at: "fired shots", "fired several rounds" (lexicon data)
SHOTS = word_list("shot_nouns.txt")


#: what bombs from the air (data/lexicon/aircraft.txt)
AIRCRAFT = word_list("aircraft.txt")
#: armies that bomb: a verb of bombing done by them is a bombardment, not a bomb planted
BOMBARDING_FORCES = frozenset({"army", "troops", "troop", "military", "force", "forces", "soldier"})
#: the bombing words an aircraft turns into an air strike
AERIAL_BOMBING = frozenset({"bomb", "bombing"})


def _from_the_air(tok: Token) -> bool:
    """A bombing word done by aircraft: its subject (or agent, or the noun it is an action of)
    is a plane, a helicopter or an air force ("Air Force planes bombed the village", "the
    village was bombed by army helicopters"), or it is called aerial ("aerial bombing"); or a
    verb of bombing done by an army ("Salvadoran Army troops bombed the school of medicine",
    "the Army is bombing the area": a bombardment, which the news of such wars tells of
    aircraft; not "the army's bombing", not guerrillas who bombed a bank)."""
    if any(c.dep_ == "amod" and c.lower_ in ("aerial", "air") for c in tok.children):
        return True
    doers = [c for c in tok.children if c.dep_ in ("nsubj", "compound", "poss")]
    doers += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if tok.dep_ == "xcomp" or (tok.dep_ == "conj" and tok.head.pos_ == "VERB"):
        # "began bombing", "bombed and strafed": the subject of the verb it goes with
        doers += [c for c in tok.head.children if c.dep_ == "nsubj"]
    for d in doers:
        for t in (d, *d.conjuncts):
            lemma = t.lemma_.lower()
            if lemma in AIRCRAFT or (
                lemma == "force" and any(c.lower_ == "air" for c in t.children)
            ):
                return True
            if tok.pos_ == "VERB" and lemma in BOMBARDING_FORCES and t.dep_ != "poss":
                return True  # "Army troops bombed the school of medicine"
    return False


def find_triggers(sent: Span, lex: Lexicons) -> list[Match]:
    found = [
        m
        for m in match_phrases(sent, lex.triggers)
        if not (m.end - m.start == 1 and m.item.lemmas[0] in NOUN_ONLY)
        or sent.doc[m.start].pos_ == "NOUN"
    ]
    # "set the club on fire", "four farms have been set on fire": the lexicon's "set fire"
    fire = next((t for t in lex.triggers.get("set", ()) if t.lemmas == ("set", "fire")), None)
    if fire is not None:
        taken = {m.start for m in found}
        for tok in doccache.span_tokens(sent):
            if tok.lemma_.lower() == "set" and tok.i not in taken and _on_fire(tok):
                found.append(Match(tok.i, tok.i + 1, fire))
        found.sort(key=lambda m: m.start)
    # "a vessel which fired automatic weapons", "fired shots at the patrol": shooting
    doc = sent.doc
    lemmas = doccache.lemmas(doc)
    fired = [
        doc[i] for i in range(sent.start, sent.end) if lemmas[i] == "fire" and doc[i].pos_ == "VERB"
    ]
    shoot = next((t for t in lex.triggers.get("shoot", ()) if t.lemmas == ("shoot",)), None)
    if fired and shoot is not None:
        taken = {i for m in found for i in range(m.start, m.end)}
        armed = {i for m in match_phrases(sent, lex.weapons) for i in range(m.start, m.end)}
        for tok in fired:
            if tok.i not in taken and any(
                c.dep_ == "dobj" and (c.i in armed or c.lemma_.lower() in SHOTS)
                for c in tok.children
            ):
                found.append(Match(tok.i, tok.i + 1, shoot))
        found.sort(key=lambda m: m.start)
    # "gunmen seized the local mayor": people seized are kidnapped (not arms, not attackers)
    kidnap = next((t for t in lex.triggers.get("kidnap", ()) if t.lemmas == ("kidnap",)), None)
    if kidnap is not None:
        taken = {i for m in found for i in range(m.start, m.end)}
        for i in range(sent.start, sent.end):
            tok = doc[i]
            if lemmas[i] in SEIZING and tok.pos_ == "VERB" and i not in taken:
                if any(c.dep_ == "dobj" and _seized_person(c, lex) for c in tok.children):
                    found.append(Match(i, i + 1, kidnap))
        found.sort(key=lambda m: m.start)
    # "warplanes struck a market", "a drone hit a car": aircraft that strike make an air strike
    air = next((t for t in lex.triggers.get("air", ()) if t.lemmas == ("air", "strike")), None)
    if air is not None:
        struck = {
            i
            for i in range(sent.start, sent.end)
            if lemmas[i] in AIR_STRIKING and doc[i].pos_ == "VERB" and _by_aircraft(doc[i])
        }
        if struck:
            found = [m for m in found if not (m.end - m.start == 1 and m.start in struck)]
            found += [Match(i, i + 1, air) for i in struck]
            found.sort(key=lambda m: m.start)
    # "Air Force planes bombed the village": an air strike, not a bomb planted
    return [
        Match(m.start, m.end, replace(m.item, sub_event_type="Air/drone strike", attack_type=""))
        if m.item.lemmas[-1] in AERIAL_BOMBING
        and m.item.event_type == "Explosions/Remote violence"
        and _from_the_air(doc[m.end - 1])
        else m
        for m in found
    ]


def _by_aircraft(verb: Token) -> bool:
    """The verb's subject or agent is an aircraft ("warplanes struck", "hit by a drone")."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [p for c in verb.children if c.dep_ == "agent" for p in c.children]
    return any(d.lemma_.lower() in AIRCRAFT for d in doers)


#: verbs that make an air strike when aircraft do them: "warplanes struck a market"
AIR_STRIKING = frozenset({"strike", "hit", "pound", "target", "attack", "raid", "shell"})
#: verbs that kidnap when what they take is people: "seized the local mayor"
SEIZING = frozenset({"seize"})


def _seized_person(tok: Token, lex: Lexicons) -> bool:
    """A person taken, not an attacker or a thing: a named person or a victim noun."""
    if attacker_word(tok):
        return False
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in lex.victims


def _on_fire(verb: Token) -> bool:
    return any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and any(p.lemma_.lower() == "fire" for p in c.children)
        for c in verb.children
    )


def find_weapons(sent: Span, lex: Lexicons, article_id: str) -> tuple[list[Mention], bool]:
    matches = match_phrases(sent, lex.weapons)
    # "truck" or "shell" alone are weapons only when an attack is described with them
    matches = [
        m
        for m in matches
        # a weapon is a noun: "bombed" and "dynamited" are events, not weapons
        if sent.doc[m.end - 1].pos_ in ("NOUN", "PROPN")
        and m.item.type.startswith(("Explosives", "Firearms", "Melee", "Incendiary", "Chemical"))
        or any(t.lemma_ in ("ram", "plow", "plough", "drive") for t in doccache.span_tokens(sent))
    ]
    # weapons seized, found or made are not weapons used: "police seized rifles and explosives",
    # "a cache of dynamite", "the workshop where they built the bombs", "confiscated ...
    # ammunition for both weapons and several sticks of dynamite" (``held_weapon``)
    matches = [
        m
        for m in matches
        if not not_used(sent.doc[m.end - 1])
        and not _handled(sent.doc[m.end - 1])
        and not held_weapon(sent.doc[m.end - 1], lex.weapons)
    ]
    suicide = any(m.item.suicide for m in matches)
    return mentions(sent, matches, article_id, lambda w: w.type), suicide


#: nouns a weapon word qualifies that handle weapons ("bomb squad"; data/lexicon)
WEAPON_HANDLERS = word_list("weapon_handlers.txt")


def _handled(tok) -> bool:
    """The weapon word names a company ("Shell") or qualifies people or things that handle
    weapons: "the police bomb squad", "explosives experts", "a bomb threat"."""
    if tok.ent_type_ in ("ORG", "PERSON", "GPE", "FAC"):
        return True
    head = tok
    while head.dep_ == "compound" and head.head != head:
        head = head.head
        if head.lemma_.lower() in WEAPON_HANDLERS:
            return True
    return False


#: verbs and nouns whose object is a weapon nobody used (data/lexicon/weapons_not_used.txt)
NOT_USED_GOVERNORS = word_list("weapons_not_used.txt")


def not_used(tok) -> bool:
    """The weapon noun is the object of seizing, finding, making or defusing (through "of" or a
    coordination: "seized rifles, grenades and dynamite")."""
    t = tok
    if t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN":
        t = t.head  # "seized ... a LAW rocket launcher": the launcher
    while t.dep_ in ("conj", "appos") and t.head != t:
        t = t.head  # "the quantities: 25 antiaircraft missiles, 915 rifles ..."
    gov = t.head
    if t.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in ("of", "with"):
        gov = gov.head
    if gov.lemma_.lower() in NOT_USED_GOVERNORS and gov.pos_ == "NOUN" and gov.i < t.i:
        return True  # "an arsenal of rifles", "the quantities: 915 rifles"
    if t.dep_ not in ("dobj", "pobj", "nsubjpass", "compound") and gov == t.head:
        return False
    return gov.lemma_.lower() in NOT_USED_GOVERNORS


#: verbs that make a bomb harmless: a bomb defused tells an attempted bombing (MUC-4's and GTD's
#: "attempted"), not a weapon that was only held
DEFUSING = frozenset({"defuse", "deactivate", "dismantle"})
#: how far up the parse an event word is followed to the verb or noun that governs it
_CLIMB = 10


def held_weapon(tok: Token, weapon_lemmas: Container[str]) -> bool:
    """An event word that names a weapon held, found or seized, not used: "the authorities
    confiscated one M-16 rifle ... and several sticks of dynamite", "6 grenades for RPG-2 grenade
    launchers", "3,800 detonating plugs" in the list of what troops seized, "the arsenal of
    grenades"; such a word tells no deed. A weapon word, or a word that qualifies a noun, is
    followed up through its noun phrase (lists, "of", "with", a noun's "for": "ammunition for
    both weapons and several sticks of dynamite") to the first verb or governing noun: a seizing
    or finding one (``weapons_not_used.txt``) holds it; any other verb tells what was done with
    it ("killed by grenades"), as does a place ("found at the scene of the bomb"). A deed word is
    told where it stands ("members who had kidnapped cattle breeders"). A bomb defused is an
    attempted bombing ("a car bomb has been defused"), so defusing holds nothing."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in weapon_lemmas and not_used(tok):
        return not _defused(tok)
    if tok.lemma_.lower() not in weapon_lemmas and tok.dep_ not in ("amod", "compound"):
        return False  # "members who had kidnapped cattle breeders": a deed told
    t = tok
    for _ in range(_CLIMB):
        h = t.head
        if h == t:
            return False
        lemma = h.lemma_.lower()
        if lemma in NOT_USED_GOVERNORS and h.i < t.i and h.pos_ in ("NOUN", "VERB"):
            return lemma not in DEFUSING
        if h.pos_ in ("VERB", "AUX"):
            return t.dep_ == "nsubj" and _among_held(h)
        if (
            h.dep_ == "prep"
            and h.lower_ not in ("of", "with")
            and not (h.lower_ == "for" and h.head.pos_ == "NOUN")
        ):
            return False
        t = h
    return False


def _among_held(copula: Token) -> bool:
    """The verb is a "be" that puts its subject among things found or seized: "the weapons --
    348 rifles, 118 pistols ... -- were among the supplies found in a warehouse", "were part of
    an arsenal"."""
    if copula.lemma_ != "be":
        return False
    for c in copula.children:
        if c.dep_ == "attr":
            noun = c
        elif c.dep_ == "prep" and c.lower_ in ("among", "of"):
            noun = next((p for p in c.children if p.dep_ == "pobj"), None)
        else:
            continue
        if noun is None:
            continue
        if noun.lemma_.lower() in NOT_USED_GOVERNORS and noun.pos_ == "NOUN":
            return True
        if any(
            a.dep_ in ("acl", "relcl")
            and a.lemma_.lower() in NOT_USED_GOVERNORS
            and a.lemma_.lower() not in DEFUSING
            for a in noun.children
        ):
            return True
    return False


def _defused(tok: Token) -> bool:
    """The weapon word is what a defusing verb or noun governs ("a car bomb has been defused")."""
    t = tok
    for _ in range(6):
        if t.lemma_.lower() in DEFUSING:
            return True
        if t.head == t or t.pos_ == "VERB":
            return False
        t = t.head
    return False


def find_targets(
    sent: Span,
    lex: Lexicons,
    article_id: str,
    excluded: frozenset[int],
    trigger_matches: list[Match] | None = None,
) -> list[Mention]:
    """Targets named by the lexicon, and the nouns coordinated with them ("bus stations,
    hospitals and other civilian sites": the sites are targets too). ``trigger_matches``: the
    sentence's event words when the caller has matched them already."""
    # a target is a noun ("bus station"), not a modifier of another noun ("civilian sites")
    matches = [
        m
        for m in match_phrases(sent, lex.targets, excluded)
        if sent.doc[m.end - 1].pos_ in ("NOUN", "PROPN")
        and sent.doc[m.end - 1].dep_ not in ("amod", "compound")
    ]
    if trigger_matches is None:
        trigger_matches = find_triggers(sent, lex)
    triggers = {t for m in trigger_matches for t in range(m.start, m.end)}
    matches = [
        m
        for m in matches
        if _in_event_clause(sent.doc[m.end - 1], triggers)
        and not reference_point(sent.doc[m.end - 1])
        and not _whose_person(sent.doc[m.end - 1], lex)
    ]
    out = mentions(sent, matches, article_id, lambda t: t[1])
    heads = {m.end - 1 for m in matches}
    for m in matches:
        for conj in sent.doc[m.end - 1].conjuncts:
            if conj.i in heads or conj.i in excluded or conj.pos_ != "NOUN":
                continue
            if conj.ent_type_ or conj.lemma_.lower() in lex.victims:
                continue
            mention = noun_phrase(conj, article_id)
            if mention is not None:
                out.append(mention)
                heads.add(conj.i)
    return out


#: nouns of a distance: what a distance is measured from is where, not what, was hit
DISTANCE_NOUNS = frozenset(
    {"meter", "metre", "km", "kilometer", "kilometre", "mile", "yard", "block", "foot", "feet"}
)


def reference_point(tok) -> bool:
    """A noun that only says where: a description in apposition to a named place ("in Barranca,
    a small village 180 km from Lima"), or what a distance is measured from ("a few meters from
    their barracks", "180 km from Lima")."""
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
        anchor = tok.head
        if anchor.dep_ == "pobj" and anchor.head.lower_ in ("in", "at", "near", "from", "of"):
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "from":
        prep = tok.head
        if prep.head.lemma_.lower() in DISTANCE_NOUNS or any(
            c.lemma_.lower() in DISTANCE_NOUNS for c in prep.children
        ):
            return True
    return False


def _whose_person(tok, lex: Lexicons) -> bool:
    """A place that only says whose a person is: "the second secretary of the Nicaraguan
    embassy", "employees of the bank" (the person was hit, not the embassy)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "from"):
        return False  # "leaders from universities in Mexico": where the people come from
    owner = tok.head.head
    return owner.pos_ in ("NOUN", "PROPN") and (
        owner.lemma_.lower() in lex.victims or owner.ent_type_ == "PERSON"
    )


#: verbs of a clause that tells an attack on a target (data/lexicon/event_verbs.txt)
EVENT_VERBS = word_list("event_verbs.txt")


def _in_event_clause(tok, triggers: set[int]) -> bool:
    """A target belongs to the event when the clause it hangs from tells it: its verb is an event
    word or a verb of harm, or the verb's subject or object is one ("the explosion occurred near
    the embassy"); "security was tightened at bus stations after the attack" does not."""
    t = tok
    while t.dep_ in ("conj", "appos") and t.head != t:
        t = t.head
    for anc in [t, *t.ancestors]:
        if anc.i in triggers:
            return True
        if anc.dep_ == "ROOT" and anc.pos_ not in ("VERB", "AUX"):
            return True  # a parse without a verb ("explosions targeted[amod] stations[ROOT]")
        if anc.pos_ in ("VERB", "AUX"):
            if anc.lemma_.lower() in EVENT_VERBS:
                return True
            return any(c.i in triggers for c in anc.children)
    return True


EXPLOSION_ORDER = (
    "Suicide bomb",
    "Chemical weapon",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Grenade",
    "Remote explosive/landmine/IED",
)


@dataclass(frozen=True)
class Typing:
    event_type: str | None
    sub_event_type: str | None
    attack_type: str | None


def type_event(
    triggers: Sequence[Trigger], weapons: Sequence[Weapon | Mention], suicide: bool
) -> Typing:
    """ACLED event/sub-event type and GTD attack type from a report's triggers and weapons.

    Rule: explosions win over everything (a suicide bombing is "Suicide bomb"); then abductions;
    then strong violence-against-civilians triggers; then battles; then riots; weak triggers
    alone give the type of the most frequent weak trigger."""
    if not triggers:
        return Typing(None, None, None)
    strong = [t for t in triggers if t.strong] or list(triggers)
    explosions = [t for t in strong if t.event_type == "Explosions/Remote violence"]
    if explosions:
        if suicide:
            sub = "Suicide bomb"
        else:
            subs = {t.sub_event_type for t in explosions}
            sub = next((s for s in EXPLOSION_ORDER if s in subs), explosions[0].sub_event_type)
        attack = "Bombing/Explosion" if sub not in ("Air/drone strike",) else None
        return Typing("Explosions/Remote violence", sub, attack)
    for event_type in ("Violence against civilians", "Battles", "Riots", "Strategic developments"):
        group = [t for t in strong if t.event_type == event_type]
        if not group:
            continue
        abductions = [t for t in group if t.sub_event_type == "Abduction/forced disappearance"]
        pick = (
            abductions[0]
            if abductions
            else max(
                group, key=lambda t: sum(1 for u in group if u.sub_event_type == t.sub_event_type)
            )
        )
        attack = pick.attack_type or None
        if pick.attack_type == "Armed Assault":
            specific = [t.attack_type for t in group if t.attack_type not in ("Armed Assault", "")]
            if specific:
                attack = specific[0]
        return Typing(pick.event_type, pick.sub_event_type or None, attack)
    return Typing(None, None, None)


#: GTD target types of armed people and places: a fight among them is a battle (ACLED)
ARMED_TARGET_TYPES = frozenset({"Military", "Police", "Terrorists/Non-State Militia"})
#: figure categories of unarmed people ("including three children")
CIVILIAN_CATEGORIES = frozenset({"civilians", "children", "women", "journalists"})


def victim_target_type(head_lemma: str, lex: Lexicons) -> str | None:
    """The GTD target type of a victim by the singular head word of its phrase: "soldiers" ->
    Military, "policemen" -> Police, "rebels" -> Terrorists/Non-State Militia, "peasants" ->
    Private Citizens & Property; None for a name or a word of no category ("people")."""
    category = lex.victims.get(head_lemma)
    return lex.victim_types.get(category) if category else None


def among_armed(
    typing: Typing,
    victims: Sequence[Mention],
    targets: Sequence[Mention],
    figures: Sequence[Figure] = (),
) -> Typing:
    """ACLED's line between a battle and violence against civilians: an attack whose victims
    are all armed (soldiers, police, rebels: ``Mention.type`` in ``ARMED_TARGET_TYPES``) and
    whose physical targets, if any, are all military or police is an armed clash ("guerrillas
    killed five soldiers"); a victim of no known category, a civilian target or a figure of
    civilians keeps it an attack. Explosions, abductions and sexual violence keep their type."""
    if typing.event_type != "Violence against civilians" or typing.sub_event_type != "Attack":
        return typing
    if not victims or any(v.type not in ARMED_TARGET_TYPES for v in victims):
        return typing
    if any(t.type not in ("Military", "Police") for t in targets):
        return typing
    if any(f.victim_category in CIVILIAN_CATEGORIES for f in figures):
        return typing
    return Typing("Battles", "Armed clash", typing.attack_type)


#: people at a protest: their killing by state forces is ACLED's "excessive force against
#: protesters"
PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter"})
#: perpetrators who are state forces ("police", "security forces", "troops")
STATE_FORCES = re.compile(
    r"\b(?:police|policemen|officers?|security forces|soldiers|troops|army|"
    r"armed forces|national guard|riot police|gendarmes?)\b",
    re.I,
)


#: the singular stems of the protest words, as ``_protest_heads`` compares them
_PROTEST_STEMS = frozenset(p.rstrip("s") for p in PROTESTERS)


def _protest_heads(mentions: Sequence[Any]) -> bool:
    """Some mention's head word is a word for protesters ("protesters", "a demonstrator")."""
    heads = {m.text.lower().split()[-1].rstrip("s") for m in mentions if m.text.strip()}
    return bool(heads & _PROTEST_STEMS)


def protest_clash(typing: Typing, people: Sequence[Mention], actors: Sequence[Any]) -> Typing:
    """ACLED's "Riots / Violent demonstration": a clash one side of which is protesters
    ("Protesters clashed with police in Nairobi ... one protester was shot dead") is no battle
    between armed groups. ``people``: the report's victims and targets."""
    if typing.event_type != "Battles":
        return typing
    if not (_protest_heads(people) or _protest_heads(actors)):
        return typing
    return Typing("Riots", "Violent demonstration", typing.attack_type)


def against_protesters(typing: Typing, people: Sequence[Mention], actors: Sequence[Any]) -> Typing:
    """ACLED's "Protests / Excessive force against protesters": state forces that kill or
    wound people at a protest ("security forces opened fire on protesters, killing 12"), not a
    terrorist attack on civilians. ``people``: the report's victims and targets."""
    if typing.event_type != "Violence against civilians" or typing.sub_event_type != "Attack":
        return typing
    if not _protest_heads(people):
        return typing
    if not actors or not all(STATE_FORCES.search(a.text) for a in actors):
        return typing
    return Typing("Protests", "Excessive force against protesters", typing.attack_type)
