"""Incident frames -> Reports (``reports_from_facts``; the frames come from ``segment``).

A frame becomes a Report when it carries a casualty figure and an event word, or a strong event
word with an actor, a weapon, a target or a second strong sentence. Its date is the date
expression nearest to the event words of its first dated sentence (not the date of a statement:
"said on Sunday"), else the day the story's lead sentence gives when the incident is told right
after it ("Last night's terrorist target was the liquor plant. ..."), else the publication date
(``date_source`` "published"). Its place is the first
town of its country named in its sentences (a dateline only when nothing else is named). With two
or more towns, each becomes a site, and figures, weapons and targets are attached to the site they
belong to (the figure's place; a sentence naming one site, or none after one that named it).
A report that names no organisation takes the one organisation the story's other incidents name,
when they name exactly one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from tollwatch.extract.casualties import OTHERS, added_dead
from tollwatch.extract.dates import DateMention
from tollwatch.extract.events import (
    STATE_FORCES,
    against_protesters,
    among_armed,
    protest_clash,
    type_event,
)
from tollwatch.extract.facts import SentenceFacts
from tollwatch.extract.lexicon import word_list
from tollwatch.extract.roles import PERPETRATOR_HEADS, fuller_name
from tollwatch.extract.segment import (
    ALSO,
    DATELINE_DASHES,
    KILLING_WORDS,
    UPDATE,
    Frame,
    build_frames,
    event_day,
    place_key,
    statement_date,
)
from tollwatch.tolls import reconcile
from tollwatch.types import Actor, Article, Evidence, Figure, Location, Mention, Report, Site


def _is_incident(frame: Frame) -> bool:
    figs = [f for s in frame.sentences for f in s.figures]
    strong = [s for s in frame.sentences if s.strong]
    if figs and any(s.triggers for s in frame.sentences):
        return True
    if not strong and _only_added(frame):
        return True
    if not strong:
        # "judge Maria Elena Diaz, who was murdered on Friday": a killing word with the person
        # it killed named; "a group ... claimed responsibility for the attack"
        return any(
            (s.extra.get("rule_victims") and any(t.lemmas[0] in KILLING_WORDS for t in s.triggers))
            or (s.triggers and any(a.claimed for a in s.actors))
            # "Otto Sorto Milla was wounded in an attack": an event word and the named person
            # it hurt
            or (s.triggers and s.extra.get("named_victims") and not s.non_violent)
            # "Unknown assailants set fire to a church": an attacker and what they hit
            or (
                s.triggers
                and s.targets
                and any(not a.claimed for a in s.actors)
                and not s.non_violent
            )
            for s in frame.sentences
        )
    has_actor = any(a for s in frame.sentences for a in s.actors)
    has_weapon = any(s.weapons for s in frame.sentences)
    has_target = any(s.targets or s.victims for s in frame.sentences if s.strong)
    return has_actor or has_weapon or has_target or len(strong) >= 2


def _only_added(frame: Frame) -> bool:
    """A frame told only as a deed added to another: "Three bank branches were also attacked
    and damaged in Lima" after a murder, with no attacker, toll or strong word of its own."""
    return frame.added_to is not None and all(
        s.triggers and s.targets and not s.strong and not s.figures and ALSO.search(s.text)
        for s in frame.sentences
    )


def _reaction_lead(frame: Frame) -> bool:
    """The frame's first sentence with a strong event word tells the event only as what someone
    reacts to ("professors repudiated the assassination of the priests")."""
    lead = next((s for s in frame.sentences if s.strong), None)
    return lead is not None and bool(lead.extra.get("reacted"))


def _placeless(frame: Frame, dateline: Location | None) -> bool:
    """A frame whose sentences name no place at all (not even a country) but the dateline."""
    skip = dateline.evidence if dateline is not None else None
    return not any(p.evidence != skip or skip is None for s in frame.sentences for p in s.places)


def frame_to_report(
    frame: Frame,
    article: Article,
    index: int,
    all_facts: list[SentenceFacts],
    main_country: Location | None = None,
    told_day: DateMention | None = None,
) -> Report | None:
    """``told_day``: the day a sentence outside the frame gives to the deed it refers back to
    ("the crime perpetrated on 16 November", ``deed_dates.deed_day``), for a frame whose own
    sentences date nothing."""
    if not frame.reference and not _is_incident(frame):
        return None
    if frame.reference and not any(s.figures for s in frame.sentences):
        return None
    sents = frame.sentences
    published = article.published.date() if isinstance(article.published, datetime) else None
    # date: the first date expression of the frame's sentences (history ones for a reference)
    the_date: date | None = None
    precision = "unknown"
    date_source = None
    date_ev = None
    for s in sents:
        candidates = _deed_dates(s.dates, article.text, published, frame.reference)
        if not candidates:
            continue
        if (
            frame.day is not None
            and len({d.date for d in candidates}) > 1
            and frame.day not in {d.date for d in candidates}
            and any(t.figures and event_day(t) == frame.day for t in sents)
        ):
            # "today the ministry denied charges raised yesterday ...": a sentence with several
            # days does not date the incident whose toll a later sentence dates alone ("eight
            # were killed on 16 November")
            continue
        hung = s.extra.get("deed_dates", ())
        dm = min(candidates, key=lambda d: (d.start not in hung, _distance(d, s.anchors), d.start))
        date_ev = Evidence(article.id, dm.start, dm.end, dm.text)
        the_date, precision = dm.date, dm.precision if dm.date else "unknown"
        date_source = "text" if dm.date else None
        break
    if date_ev is None and told_day is not None and not frame.reference:
        date_ev = Evidence(article.id, told_day.start, told_day.end, told_day.text)
        the_date, precision, date_source = told_day.date, told_day.precision, "text"
    if date_ev is None and not frame.reference:
        lead = _lead_date(sents[0], all_facts, article.text, published)
        if lead is not None:
            date_ev = Evidence(article.id, lead.start, lead.end, lead.text)
            the_date, precision, date_source = lead.date, lead.precision, "text"
    if date_ev is None and frame.told_after is not None and not frame.reference:
        # "Later, in the same area, terrorists burned nine vehicles": the day of the deed before
        the_date, precision, date_source = frame.told_after, "day", "text"
    elif date_ev is None and published is not None and not frame.reference:
        the_date, precision, date_source = published, "day", "published"
    # places of the frame's country named in its eventful sentences
    local = [
        p for s in sents for p in s.places if frame.country is None or p.country == frame.country
    ]
    dateline = _dateline_place(all_facts, article.text)
    if dateline is not None and any(p.evidence != dateline.evidence for p in local):
        # "KABUL — ... in the northern city of Kunduz": where the story was filed is not where
        # it happened when the story names another place
        local = [p for p in local if p.evidence != dateline.evidence]
    cities = _distinct([p for p in local if p.precision in ("city", "point", "admin2")])
    location = cities[0] if cities else _best_coarse(local)
    if (
        dateline is not None
        and (frame.country in (None, dateline.country))
        and (location is None or location.precision == "country")
        and not (location is not None and _part_of_country(location, article.text))
    ):
        location = dateline  # "SAN SALVADOR, 16 NOV 89 --": where the story was filed
    if location is None and main_country is not None and frame.country == main_country.country:
        location = main_country  # no place of the frame's country is named
    sites = _sites(frame, cities, all_facts, article.id) if len(cities) >= 2 else ()
    figures = _inherit_sources(_added_dead(sents))
    actors = _actors(frame, all_facts)
    if frame.added_to is not None and not any(a.kind == "organization" for a in actors):
        if any(a.kind == "individual" for a in actors):
            # "the guerrillas also burned ..." after "FARC members blew up ...": the same attackers
            before = _actors(frame.added_to, all_facts)
            actors = tuple(a for a in before if a.kind == "organization") + actors
        elif not actors and _only_added(frame):
            # "Three bank branches were also attacked in Lima": by those of the deed before
            actors = _actors(frame.added_to, all_facts)
    weapons = _dedupe(m for s in sents for m in s.weapons)
    targets = _dedupe(m for s in sents for m in s.targets)
    victims = _fullest(_dedupe(m for s in sents for m in s.victims), all_facts)
    suicide = any(s.suicide for s in sents)
    # the type the lead sentence gives wins ("guerrillas attacked a post" stays an attack when
    # a later sentence mentions explosions); other sentences decide only when it has no strong word
    lead_strong = [t for t in sents[0].triggers if t.strong]
    typing = type_event(lead_strong or [t for s in sents for t in s.triggers], [], suicide)
    # "guerrillas killed five soldiers": a fight among armed men is a battle (ACLED)
    typing = among_armed(typing, victims, targets, figures)
    # "security forces opened fire on protesters, killing 12": excessive force (ACLED)
    typing = against_protesters(typing, [*victims, *targets], actors)
    # "protesters clashed with police": a violent demonstration, no battle (ACLED)
    typing = protest_clash(typing, [*victims, *targets], actors)
    summary_sent = next((s for s in sents if s.figures), sents[0])
    rid = (
        "r_"
        + hashlib.sha256(f"{article.id}|{index}|{summary_sent.start}".encode()).hexdigest()[:16]
    )
    return Report(
        id=rid,
        article_id=article.id,
        date=the_date,
        date_precision=precision,
        date_source=date_source,
        date_evidence=date_ev,
        location=location,
        sites=sites,
        event_type=typing.event_type,
        sub_event_type=typing.sub_event_type,
        attack_type=typing.attack_type,
        suicide=suicide,
        perpetrators=actors,
        victims=victims,
        targets=targets,
        weapons=weapons,
        figures=figures,
        killed=reconcile(figures, "killed"),
        injured=reconcile(figures, "injured"),
        is_reference=frame.reference,
        summary=summary_sent.text.strip(),
        evidence=tuple(s.evidence(article.id) for s in sents),
        published=article.published,
        source=article.source,
    )


def _deed_dates(
    dates: Sequence[DateMention], text: str, published: date | None, history: bool
) -> list[DateMention]:
    """The date expressions that may date a deed: of history or not as asked, not the date of a
    statement ("said on Sunday"), none after the publication ("the 1991 elections", "next
    Tuesday": no incident the story tells is yet to come)."""
    return [
        dm
        for dm in dates
        if dm.history == history
        and not statement_date(text, dm.start, dm.end)
        and (published is None or dm.date is None or dm.date <= published)
    ]


#: an editor's or transcriber's insertion in square brackets
BRACKETED = re.compile(r"\[[^\]]*\]")


def _lead_date(
    first: SentenceFacts, all_facts: list[SentenceFacts], text: str, published: date | None
) -> DateMention | None:
    """The day the story's lead sentence gives, for the incident told right after it that dates
    nothing itself: "Last night's terrorist target was the Antioquia liqueur plant. ... The
    watchmen exchanged fire with the terrorists." None when the lead tells an event of its own,
    gives several days, a statement's day or history, or a sentence between them gives another
    day."""
    # the dateline alone is no lead ("BOGOTA, 30 AUG 89 (INRAVISION) --")
    # nor is a transcriber's header in brackets ("[COMMUNIQUE] [FARABUNDO MARTI NATIONAL
    # LIBERATION FRONT]")
    body = [
        f
        for f in all_facts
        if BRACKETED.sub("", f.text).strip() and not f.text.rstrip().endswith(DATELINE_DASHES)
    ]
    if not body or body[0].index >= first.index or body[0].eventful:
        return None
    lead = body[0]
    days = [
        d
        for d in _deed_dates(lead.dates, text, published, history=False)
        if d.date is not None and d.precision == "day"
    ]
    if len({d.date for d in days}) != 1:
        return None
    # a sentence between them that dates something else; "Yesterday, a group of 300 people
    # attempted to seize the land" after a lead of that day is the same story
    if any(
        d.date != days[0].date
        for f in all_facts
        if lead.index < f.index < first.index
        for d in f.dates
    ):
        return None
    return days[0]


def _distance(dm, anchors: tuple[int, ...]) -> int:
    if not anchors:
        return 0
    return min(abs(dm.start - a) for a in anchors)


#: a word in lower case: no dateline has one before its place
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _dateline_place(facts: list[SentenceFacts], text: str) -> Location | None:
    """The place of a dateline ("BRUSSELS —", "SAN SALVADOR, 16 NOV 89 --") at the top: no
    lower-case word comes before it ("Gunmen stormed a church in Owo, Ondo state" has none)."""
    for s in facts[:1]:
        for p in s.places:
            if p.evidence is None or p.evidence.start > 40:
                continue
            if _LOWER_WORD.search(text[: p.evidence.start]):
                continue
            after = text[p.evidence.end : p.evidence.end + 40]
            if any(mark in after for mark in (*DATELINE_DASHES, "(")) or after.startswith(","):
                return p
    return None


#: a count of companions of someone the sentence names: "along with two other militants"
COMPANIONS = re.compile(r"\b(?:along|together) with\b", re.I)


def _adds_to(later: Figure, s: SentenceFacts, first: Figure) -> bool:
    """Whether a later sentence's killed total adds to the one told before: it says "also"
    (then both come from one source) or counts "other" people ("left 7 other people dead",
    "15 others were killed") and has summed no dead of its own ("Rivera was shot along with two
    other militants" is complete)."""
    if UPDATE.search(s.text):
        return False
    if ALSO.search(s.text):
        return later.attributed_to == first.attributed_to
    words = later.evidence.text if later.evidence else ""
    own_sum = any(f.kind == "killed" and not f.is_total for f in s.figures)
    one_source = None in (later.attributed_to, first.attributed_to) or (
        later.attributed_to == first.attributed_to
    )
    return bool(OTHERS.search(words)) and not own_sum and one_source


def _restates(later: Figure, first: Figure) -> bool:
    """Whether a later count of someone's companions is part of the total told before: "Three
    militants were killed." ... "Rivera was shot along with two other militants" (the one named
    and his two companions are the three)."""
    words = later.evidence.text if later.evidence else ""
    return (
        bool(COMPANIONS.search(words))
        and first.low is not None
        and later.low is not None
        and first.low == later.low + 1
    )


#: a part of a country named before it: "in northern Afghanistan", "in south-east Turkey"
_COMPASS = re.compile(
    r"\b(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s+$", re.I
)


def _part_of_country(location: Location, text: str) -> bool:
    """The country is named as a part of it ("at a mosque in northern Afghanistan"): the story
    says the incident was away from where it was filed ("KABUL (Reuters) -")."""
    ev = location.evidence
    if ev is None or ev.start is None:
        return False
    return bool(_COMPASS.search(text[max(0, ev.start - 20) : ev.start]))


def _added_dead(sents: list[SentenceFacts]) -> tuple[Figure, ...]:
    """The figures of a frame's sentences, where a later sentence's one killed total that says
    "also" or counts "other" people adds to the one killed total told before it ("Minister X was
    murdered today." ... "Two of his bodyguards were also killed."; "Velazquez died." ... "The
    blast left 7 other people dead."): both become parts of a new total. A later count of someone's
    companions that with the one named makes the total told before restates it (``_restates``):
    it becomes a part of that total."""
    out: list[Figure] = []
    for s in sents:
        new = [f for f in s.figures if f.kind == "killed" and f.is_total and f.low is not None]
        before = [f for f in out if f.kind == "killed" and f.is_total and f.low is not None]
        if len(new) == 1 and len(before) == 1 and _restates(new[0], before[0]):
            out += [replace(f, is_total=False) if f is new[0] else f for f in s.figures]
            continue
        if len(new) == 1 and len(before) == 1 and _adds_to(new[0], s, before[0]):
            first, later = before[0], new[0]
            out = [replace(f, is_total=False) if f is first else f for f in out]
            out += [replace(f, is_total=False) if f is later else f for f in s.figures]
            out.append(added_dead(first, [later], later.evidence))
            continue
        out += s.figures
    return tuple(out)


def _inherit_sources(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """A lede's unattributed total ("More than 148 people were killed") takes the source of the
    attributed total of the same kind closest to it, when within 5% (wire copy states the figure
    first and attributes it later: "... 148, according to the Observatory")."""
    attributed = [f for f in figures if f.attributed_to and f.is_total and f.low is not None]
    out = []
    for f in figures:
        value = f.low if f.low is not None else f.high
        if f.attributed_to is None and f.is_total and value is not None:
            close = [
                g
                for g in attributed
                if g.kind == f.kind and abs(g.low - value) <= max(2, 0.05 * g.low)
            ]  # type: ignore[operator]
            if close:
                best = min(close, key=lambda g: abs(g.low - value))  # type: ignore[operator]
                f = replace(f, attributed_to=best.attributed_to)
        out.append(f)
    return tuple(out)


def _distinct(locs: list[Location]) -> list[Location]:
    seen: set[object] = set()
    out = []
    for loc in locs:
        if place_key(loc) not in seen:
            seen.add(place_key(loc))
            out.append(loc)
    return out


def _best_coarse(locs: list[Location]) -> Location | None:
    for precision in ("admin1", "country"):
        for loc in locs:
            if loc.precision == precision:
                return loc
    return locs[0] if locs else None


def _name_words(text: str) -> list[str]:
    """The capitalised words of a person's name ("Rodriguez Porth"); none when a word is not."""
    words = text.split()
    return words if words and all(w[:1].isupper() for w in words) else []


def _fullest(victims: tuple[Mention, ...], all_facts: list[SentenceFacts]) -> tuple[Mention, ...]:
    """Each named victim by the fullest name the article gives them: "Rodriguez Porth" is "Jose
    Antonio Rodriguez Porth" when another sentence names him so (the evidence stays on the words
    read); then one mention per name."""
    names = sorted(
        {v.text for s in all_facts for v in s.victims if len(_name_words(v.text)) >= 2},
        key=lambda n: -len(n.split()),
    )
    out = []
    for v in victims:
        words = _name_words(v.text)
        full = fuller_name(words, names) if words else None
        out.append(replace(v, text=full) if full else v)
    return _dedupe(out)


def _dedupe(items) -> tuple[Mention, ...]:
    seen: set[str] = set()
    out = []
    for m in items:
        k = m.text.lower()
        if k not in seen:
            seen.add(k)
            out.append(m)
    return tuple(out)


def _actors(frame: Frame, all_facts: list[SentenceFacts]) -> tuple[Actor, ...]:
    found: dict[str, Actor] = {}
    for s in frame.sentences:
        # an actor named beside a weak word only ("the Taliban offensive") is context
        if not (
            s.strong
            or s.figures
            or (s.triggers and s.targets)  # "assailants set fire to a church"
            or s.claim_anaphora
            or s.extra.get("attributed")
            or any(a.claimed or a.suspected for a in s.actors)
        ):
            continue
        mentioned = list(s.actors)
        if not [a for a in mentioned if not a.name.startswith("unidentified")] and s.claim_anaphora:
            prior = [
                a
                for f in all_facts
                if f.index < s.index
                for a in f.actors
                if not a.name.startswith("unidentified")
            ]
            if prior:
                last = prior[-1]
                mentioned.append(
                    Actor(last.text, last.name, last.kind, True, None, False, last.evidence)
                )
        for a in mentioned:
            have = found.get(a.name)
            if have is None:
                found[a.name] = a
            else:
                found[a.name] = Actor(
                    have.text,
                    have.name,
                    have.kind,
                    have.claimed or a.claimed,
                    have.claim_channel or a.claim_channel,
                    (have.suspected or a.suspected) and not (have.claimed or a.claimed),
                    have.evidence,
                )
    # named organisations first, then the attackers as described ("urban guerrillas"): MUC's
    # PerpOrg and PerpInd, GTD's gname and the attackers' description
    named = [a for a in found.values() if not a.name.startswith("unidentified")]
    described = _fullest_people(
        [a for a in found.values() if a.name.startswith("unidentified")], all_facts
    )
    return tuple(named + described)


#: words that make a capitalised phrase a description, not a person's name ("Urban Guerrillas")
_NOT_NAME_WORDS = (
    frozenset(word_list("attacker_words.txt"))
    | PERPETRATOR_HEADS
    | {
        "unidentified",
        "unknown",
        "armed",
        "men",
        "man",
        "members",
        "member",
        "group",
        "individuals",
        "persons",
        "people",
    }
)


def _fullest_people(actors: list[Actor], all_facts: list[SentenceFacts]) -> list[Actor]:
    """Attackers named as people by the fullest name the article gives them as attackers:
    "Escobar Gaviria" is "Pablo Escobar Gaviria" when another sentence blames him so; then
    each person once."""
    names = sorted(
        {
            a.text
            for s in all_facts
            for a in s.actors
            if a.kind == "individual" and len(_name_words(a.text)) >= 2
        },
        key=lambda n: -len(n.split()),
    )
    out: dict[str, Actor] = {}
    for a in actors:
        words = _name_words(a.text)
        full = fuller_name(words, names) if a.kind == "individual" and words else None
        if full:
            a = replace(a, text=full, name=f"unidentified {full.lower()}")
        have = out.get(a.name)
        out[a.name] = a if have is None else replace(have, claimed=have.claimed or a.claimed)
    return [_ranked(_identified(a), all_facts) for a in out.values()]


#: a military or police rank written before a person's name
RANK = re.compile(
    r"\b(?:(?:second |sub-?)?lieutenant|lt|colonel|col|lieutenant colonel|captain|capt|major|"
    r"maj|general|gen|brigadier general|sergeant|sgt|corporal|cpl|commander|cmdr)\.?\s+$",
    re.I,
)


def _ranked(actor: Actor, all_facts: list[SentenceFacts]) -> Actor:
    """An identified attacker with the rank the article gives them ("Colonel Hector Heriberto
    Hernandez", "Captain Alvaro Saravia"): the rank is part of the name as written (coders of
    MUC-4 keep it); the canonical name stays the name alone."""
    if actor.kind != "individual" or actor.name != actor.text:
        return actor
    for s in all_facts:
        k = s.text.find(actor.text)
        while k >= 0:
            m = RANK.search(s.text[:k])
            if m:
                return replace(actor, text=s.text[m.start() : k] + actor.text)
            k = s.text.find(actor.text, k + 1)
    return actor


def _identified(actor: Actor) -> Actor:
    """A person the article names ("Colonel Hector Heriberto Hernandez") is identified: the name
    is their canonical name. Until here the extractor keeps every individual attacker under an
    "unidentified ..." name, the mark of attackers it may drop or widen; described attackers
    ("unidentified gunmen", "urban guerrillas") keep it."""
    words = _name_words(actor.text)
    if (
        actor.kind != "individual"
        or len(words) < 2
        or any(w.lower().strip(".,'") in _NOT_NAME_WORDS for w in words)
    ):
        return actor
    return replace(actor, name=actor.text)


def _sites(
    frame: Frame, cities: list[Location], all_facts: list[SentenceFacts], article_id: str
) -> tuple[Site, ...]:
    keys = [place_key(c) for c in cities]
    by_name: dict[str, object] = {}
    for s in all_facts:
        for p in s.places:
            if place_key(p) in keys:
                by_name[p.name.lower()] = place_key(p)
    # which site each sentence speaks of: the one it names, else the last one named before it
    current: object = None
    site_of: dict[int, object] = {}
    for s in all_facts:
        named = [place_key(p) for p in s.places if place_key(p) in keys]
        distinct = list(dict.fromkeys(named))
        if len(distinct) == 1:
            site_of[s.index] = distinct[0]
        elif not distinct and current is not None:
            site_of[s.index] = current
        if named:
            current = named[-1]
    weapons: dict[object, list[Mention]] = {k: [] for k in keys}
    targets: dict[object, list[Mention]] = {k: [] for k in keys}
    figures: dict[object, list[Figure]] = {k: [] for k in keys}
    for s in frame.sentences:
        for f in s.figures:
            k = by_name.get((f.place or "").lower())
            if k is not None:
                figures[k].append(f)
        k = site_of.get(s.index)
        if k is not None:
            weapons[k].extend(s.weapons)
            targets[k].extend(s.targets)
    return tuple(
        Site(
            c,
            _dedupe(weapons[place_key(c)]),
            _dedupe(targets[place_key(c)]),
            tuple(figures[place_key(c)]),
        )
        for c in cities
    )


def reports_from_facts(
    article: Article,
    facts: list[SentenceFacts],
    include_references: bool,
    main_country: Location | None = None,
    filed_abroad: bool = False,
    leading: Location | None = None,
    reacted_in: Location | None = None,
) -> list[Report]:
    """``main_country``: the country the article is mostly about (see the pipeline), taken by a
    frame that names no place of its own instead of the dateline's or the first sentence's;
    ``filed_abroad``: the dateline's country is named nowhere else, so the first incident of a
    story filed there is in ``main_country`` when its lead names no place; ``leading``: the
    country the article names most (``pipeline.leading_country``), that of a frame that nothing
    else places; ``reacted_in``: the country the article names most besides the dateline's, that
    of an incident told only as what people react to in a story filed abroad ("HAVANA -- ...
    professors repudiated the assassination of the priests")."""
    published = article.published.date() if article.published else None
    frames = build_frames(
        facts,
        published,
        main_country.country if main_country is not None and filed_abroad else None,
    )
    dateline = _dateline_place(facts, article.text)
    current = [f for f in frames if not f.reference]
    # "the crime perpetrated on 16 November": in a story of one incident, the deed told before
    told_day = (
        next(
            (
                s.extra["deed_day"]
                for s in facts
                if s.extra.get("deed_day") is not None
                and s.index > current[0].sentences[0].index
                and (published is None or s.extra["deed_day"].date <= published)
            ),
            None,
        )
        if len(current) == 1
        else None
    )
    if told_day is None and len(current) == 1 and current[0].kind == "abduction":
        # "two women who have been held by the Extraditables since 16 December": the day a
        # kidnapping told without one began
        told_day = next(
            (
                s.extra["held_since"]
                for s in facts
                if s.extra.get("held_since") is not None
                and (published is None or s.extra["held_since"].date <= published)
            ),
            None,
        )
    reports = []
    made: dict[int, Report] = {}  # id(frame) -> its report
    for k, frame in enumerate(frames):
        if frame.reference and not include_references:
            continue
        if main_country is not None and not frame.reference and _placeless(frame, dateline):
            frame.country = main_country.country
        if frame.country is None and leading is not None and not frame.reference:
            frame.country = leading.country  # nothing places it: the country the story names most
        home = main_country or leading
        if (
            reacted_in is not None
            and dateline is not None
            and not frame.reference
            and frame.country in (None, dateline.country)
            and _reaction_lead(frame)
            and all(p.country == dateline.country for s in frame.sentences for p in s.places)
        ):
            # the reaction was where the story was filed, the deed it reacts to elsewhere
            frame.country, home = reacted_in.country, reacted_in
        report = frame_to_report(
            frame, article, k, facts, home, told_day if current and frame is current[0] else None
        )
        if report is None:
            continue
        before = made.get(id(frame.dated_like)) if frame.dated_like is not None else None
        if (
            before is not None
            and report.date_source == "published"
            and before.date_source == "text"
        ):
            # "Minutes later ... another clash occurred": of the day of the incident before it
            report = replace(
                report,
                date=before.date,
                date_precision=before.date_precision,
                date_source="text",
                date_evidence=before.date_evidence,
            )
        made[id(frame)] = report
        reports.append(report)
    return _with_the_story_group(reports)


def _with_the_story_group(reports: list[Report]) -> list[Report]:
    """A report that names no organisation ("terrorists bombed a radio station in Barranca", or
    no attacker at all) takes the organisation of the story when its other incidents name one and
    only one ("the Shining Path murdered two state officials"): the story is about that group's
    attacks, as the MUC-4 coders read it. The report's own sentences do not name the group, so
    the attribution is marked suspected (never claimed); a report whose attackers are state
    forces ("soldiers", "police") takes no rebel group."""
    current = [r for r in reports if not r.is_reference]
    groups = {a.name: a for r in current for a in r.perpetrators if a.kind == "organization"}
    if len(groups) != 1:
        return reports
    [group] = groups.values()
    taken = replace(group, claimed=False, claim_channel=None, suspected=True)
    out = []
    for r in reports:
        if (
            not r.is_reference
            and not any(a.kind == "organization" for a in r.perpetrators)
            and not any(STATE_FORCES.search(a.text) for a in r.perpetrators)
        ):
            r = replace(r, perpetrators=(taken, *r.perpetrators))
        out.append(r)
    return out
