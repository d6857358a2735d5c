"""Sentences -> incident frames (``build_frames``); ``reports`` makes Reports of them.

One pass in text order over the sentences that carry an event word, a casualty figure or a claim
of responsibility:

1. History: a sentence whose figure belongs to a date long before publication, to another event
   ("came eight days after an attack that killed 60"), to court news, or to an anniversary goes to
   a reference frame (``is_reference``) and never feeds a current report. An article whose first
   event sentence is history (a verdict, an anniversary) keeps its undated sentences in history.
2. A sentence whose cause of death is not violent (cholera, flood, crash) without a strong
   violent word is ignored.
3. The first remaining sentence opens the main frame; its country is that of its first town, else
   of the dateline.
4. Another incident opens its own frame: in another country when the sentence has its own figure
   or a strong event word with a town there ("twin bombings in Aden that killed at least 41"); in
   the same country when the sentence names only places that are new, and these are more than
   50 km from every place of the main incident or the sentence says "separate", "elsewhere",
   "meanwhile" (not when the lead says the attacks were coordinated or simultaneous), or it adds
   with "also" a deed with victims of its own at a town after a main incident that names no town
   ("He also reported that guerrillas killed a peasant in the city of Flores"), or adds with
   "also" a deed against targets of its own at a far town ("Three bank branches were also
   attacked in Lima": by the main incident's attackers when it names none); or on
   another day than the main incident's (a main incident that names no day but has a toll is
   taken to be of the publication day, so a sentence dated two or more days from it is another
   incident: "the massacre of 12 peasants last Monday"; "on Thursday night" in Friday's story
   is the same news), or, after a main incident told only by its kind and a rough date ("a week
   ago"), with no toll, target or victim of the sentence's, on a day outside that week with a
   toll of its own ("six Jesuits who were machinegunned on 15 November").
5. A sentence without a place right after one placed in a secondary frame stays there ("Police
   said at least 71 were killed in that blast"); everything else joins the main frame.

The frames become Reports in ``reports`` (``reports.reports_from_facts``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

from tollwatch.extract.facts import SentenceFacts
from tollwatch.extract.lexicon import word_list
from tollwatch.types import Location, Mention


@dataclass
class Frame:
    country: str | None
    reference: bool = False
    sentences: list[SentenceFacts] = field(default_factory=list)
    places: list[Location] = field(default_factory=list)  # below country level, its country
    day: date | None = None  # the day its first dated sentence says the event happened
    by_day: bool = False  # opened because its sentence is dated to another day
    kind: str | None = None  # "abduction" or "explosion" when its first strong words say so
    #: the day of the incident told before a deed added to it ("Later, ...", "In addition, ...",
    #: another kind of deed): the day of a frame whose sentences date nothing themselves
    told_after: date | None = None
    #: the frame of that incident: its named organisations are this deed's when the deed names
    #: only described attackers ("The guerrillas also burned three vehicles" after "FARC members
    #: blew up a substation")
    added_to: Frame | None = field(default=None, repr=False, compare=False)
    #: the incident told before one said to be another ("Minutes later ... another clash
    #: occurred"): the day of its report is this frame's when its sentences date nothing
    dated_like: Frame | None = field(default=None, repr=False, compare=False)


def build_frames(
    facts: list[SentenceFacts], published: date | None = None, about: str | None = None
) -> list[Frame]:
    """``about``: the country the article is mostly about (see the pipeline), the country of a
    first incident that names no place, before the dateline's ("ROME (ITALY) -- ... the arrest
    of five soldiers accused of the massacre" is a Salvadoran incident)."""
    frames: list[Frame] = []
    main: Frame | None = None
    # an article that opens on history (an anniversary, a verdict) tells history: its sentences
    # without a date of their own belong to that history, not to a new incident
    lead = next((s for s in facts if s.eventful), None)
    history_article = lead is not None and lead.history
    coordinated = lead is not None and bool(COORDINATED.search(lead.text))
    previous: tuple[int, Frame] | None = None  # (sentence index, frame) of the last placement
    told: tuple[SentenceFacts, Frame | None] | None = None  # the last history sentence
    for s in facts:
        if not s.eventful:
            continue
        if (
            history_article
            and not s.history
            and not any(not d.history and d.date is not None for d in s.dates)
        ) or _history_goes_on(s, told):
            s = replace(s, history=True)
        if s.non_violent and not s.strong:
            continue
        if s.history:
            if told is not None and told[1] is not None and told[0].index == s.index - 1:
                told[1].sentences.append(s)  # "In July 1989 ... Fifteen marines were wounded."
                told = (s, told[1])
            elif s.figures:
                frames.append(Frame(s.countries()[0] if s.countries() else None, True, [s]))
                told = (s, frames[-1])
            else:
                told = (s, None)
            continue
        countries = s.countries()
        cities = [p for p in s.places if p.precision in ("city", "point", "admin2")]
        if main is None:
            main = Frame(
                _first_country(s, _dateline_end(facts)) or about or _first_country(facts[0]),
                day=event_day(s),
                kind=_kind(s),
            )
            frames.append(main)
            _add(main, s)
            previous = (s.index, main)
            continue
        if main.country is None and countries:
            main.country = _first_country(s)
        in_main = previous is None or previous[1] is main
        target = _target_frame(s, main, frames, countries, cities, coordinated, in_main, published)
        if (
            target is None
            and not s.places
            and previous is not None
            and previous[1] is not main
            and (previous[0] == s.index - 1 or (previous[1].by_day and event_day(s) is None))
        ):
            # "Police said at least 71 were killed in that blast"; the story goes on about the
            # incident of another day until a sentence dates or places itself elsewhere
            target = previous[1]
        target = target or main
        if target not in frames:
            frames.append(target)
        if target.day is None:
            target.day = event_day(s)
        if target.kind is None:
            target.kind = _kind(s)
        _add(target, s)
        previous = (s.index, target)
    if main is not None:
        _own_incidents(frames, main)
    return frames


def _history_goes_on(s: SentenceFacts, told: tuple[SentenceFacts, Frame | None] | None) -> bool:
    """The sentence right after one of history, with no date, no place and no strong event word
    of its own, that does not say it tells another deed, tells more of that history: "In July
    1989 the Shining Path bombed a bus carrying Soviet marines. Fifteen Soviet marines were
    wounded." """
    if told is None or told[0].index != s.index - 1 or s.history or s.dates:
        return False
    if s.strong or ANOTHER.search(s.text) or SEPARATE.search(s.text) or ADDITION.search(s.text):
        return False  # "In another terrorist action, men opened fire on the offices of ..."
    known = {place_key(p) for p in told[0].places}
    return all(place_key(p) in known for p in s.places)


def _victim_names(s: SentenceFacts) -> set[str] | None:
    """The surnames (last capitalised word, case-folded) of a sentence's victims when every
    victim is named ("social democratic leader Hector Oqueli Colindres" -> colindres); None when
    one is only described ("six Jesuit priests") or there are none."""
    names = set()
    for m in s.victims:
        last = m.text.split()[-1].strip(".,;:()\"'") if m.text.split() else ""
        if not (last[:1].isupper() and last.isalpha()):
            return None
        names.add(last.casefold())
    return names or None


def _own_incidents(frames: list[Frame], main: Frame) -> None:
    """A sentence of the main incident without a strong event word of its own that only names
    victims whose death another incident of the article tells, dated or placed apart ("...
    asked for an investigation so that the murder of Hector Oqueli Colindres does not go
    unpunished" in a story on the Jesuits' murder, then "Oqueli Colindres was found dead on 13
    January in Guatemala"), belongs to that incident."""
    others = [f for f in frames if f is not main and not f.reference and (f.day or f.country)]
    if not others:
        return
    told = {id(f): {w for t in f.sentences for w in _words(t)} for f in others}
    for s in list(main.sentences[1:]):
        names = None if s.strong else _victim_names(s)
        if names is None:
            continue
        for f in others:
            if names <= told[id(f)]:
                main.sentences.remove(s)
                main.places = [p for p in main.places if p not in s.places]
                _add(f, s)
                f.sentences.sort(key=lambda t: t.index)
                told[id(f)] |= _words(s)
                break


def _words(s: SentenceFacts) -> set[str]:
    """The case-folded words of a sentence, punctuation stripped."""
    return {w.strip(".,;:()\"'").casefold() for w in s.text.split()}


#: words that say several sites were hit in one operation (no split by distance then); "a wave
#: of kidnappings", "a string of attacks" tell many incidents, not one
COORDINATED = re.compile(
    r"\b(?:coordinated|simultaneous|near-simultaneous|twin|series of|multiple|several)\b",
    re.I,
)
#: words that introduce another incident in the same country
SEPARATE = re.compile(
    r"\b(?:separate(?:ly)?|elsewhere|meanwhile|another attack|in a second)\b", re.I
)
#: words that open the telling of another incident, wherever it happened
ANOTHER = re.compile(
    r"\b(?:in|during) (?:an|a) ?(?:other|separate|second|similar|later|earlier|further) "
    r"(?:\w+ )?(?:attack|action|incident|act|bombing|operation|raid|ambush|explosion|"
    r"kidnapping|assault|case)\b"
    # "minutes later, at the 21-km marker, ... another clash occurred"
    r"|\banother (?:armed )?(?:clash|ambush|shootout|firefight|skirmish|gunfight) "
    r"(?:occurred|took place|broke out|ensued)\b",
    re.I,
)
#: a sentence that opens by adding another deed: "In addition, an agriculture ministry vehicle
#: was destroyed by a dynamite charge", "Meanwhile, two bombs were detonated near power poles"
ADDITION = re.compile(
    r"^\W*(?:in addition|additionally|meanwhile|moreover|furthermore|at the same time|"
    r"likewise|similarly|also)\b",
    re.I,
)
MEANWHILE = re.compile(r"^\W*meanwhile\b", re.I)
#: words that keep a sentence inside the attack told before ("in the attack", "during the raid")
SAME_ATTACK = re.compile(
    r"\b(?:in|during) (?:the|that|this) (?:same )?(?:\w+ )?(?:attack|action|incident|"
    r"bombing|operation|raid|ambush|explosion|assault|blast)\b",
    re.I,
)
SPLIT_DISTANCE_KM = 50.0
#: a sentence dated this many days from the publication of a story whose main incident names
#: no day tells another incident (``_target_frame``)
UNDATED_APART_DAYS = 2
#: words of a later update of the same incident (its toll, its victims' funerals, its inquiry)
UPDATE = re.compile(
    r"\b(?:rose|risen|climbed|increased|toll|funerals?|buried|burial|investigat\w*|"
    r"arrested|claimed responsibility|died (?:of|from) (?:his|her|their) (?:wounds|injuries)|"
    # "was taken to the hospital, where he died early this morning": the wounded of the attack
    r"hospital,? where (?:he|she|they|\w+) (?:later )?died|died (?:later )?in (?:the |a )?hospital)\b",
    re.I,
)
#: the words of UPDATE that tell the mourning of victims, whatever day they died
MOURNING = frozenset({"funeral", "funerals", "buried", "burial"})
#: a killing told with its own day right after it: "the 10 union leaders who were killed on 31
#: October", "peasants murdered last Monday"
KILLED_ON = re.compile(
    r"\b(?:killed|murdered|assassinated|massacred|slain|executed)\s+(?:on\s+|last\s+)?$", re.I
)


def _update(s: SentenceFacts, day: date | None = None) -> bool:
    """Whether the sentence updates an incident told before (its toll, funerals, inquiry). A
    funeral of people killed on a day of their own ("attended the funeral of the 10 union leaders
    who were killed on 31 October") mourns another incident when that day is not the main one's."""
    words = {m.group(0).lower() for m in UPDATE.finditer(s.text)}
    if not words:
        return False
    if day is None or not words <= MOURNING:
        return True
    return not any(d.date == day and KILLED_ON.search(s.text[: d.start - s.start]) for d in s.dates)


EXPLOSION_SUBS = frozenset(
    {
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    }
)


def _fire(t) -> bool:
    """An event word of setting fire (arson, set fire, torch, burn)."""
    return (
        t.event_type == "Violence against civilians"
        and t.attack_type == "Facility/Infrastructure Attack"
    )


def _trigger_kind(t) -> str:
    """ "abduction", "explosion", "fire" or "other" (a shooting, a killing, an assault)."""
    if t.sub_event_type == "Abduction/forced disappearance":
        return "abduction"
    if t.sub_event_type in EXPLOSION_SUBS:
        return "explosion"
    return "fire" if _fire(t) else "other"


def _kind(s: SentenceFacts) -> str | None:
    """ "abduction", "explosion" or "fire" when every strong event word of the sentence is of that
    kind; "fire" too when a sentence without strong words only sets fire to its targets
    ("guerrillas burned three buses")."""
    strong = [t for t in s.triggers if t.strong]
    if not strong:
        # something burned, not people hurt "with severe burns"
        burned = s.targets and s.triggers and all(_fire(t) for t in s.triggers)
        return "fire" if burned else None
    kinds = {_trigger_kind(t) for t in strong}
    return next(iter(kinds)) if len(kinds) == 1 and "other" not in kinds else None


#: words that tie a person to the victims told before ("also killed", "along with", "his")
TOGETHER = re.compile(
    r"\b(?:also|along with|together with|as well as|among|including|another|other|both|"
    r"he|she|his|her|their|them|they)\b",
    re.I,
)


def _named_killed(s: SentenceFacts) -> set[str]:
    """Surnames of the people a sentence names as the victims of its own killing word."""
    if not any(t.lemmas[0] in KILLING_WORDS for t in s.triggers):
        return set()
    return set(s.extra.get("named_victims", ()))


#: words of a victim description that tell no group apart
GENERIC_VICTIM_WORDS = frozenset(
    {"people", "person", "persons", "other", "others", "man", "men", "woman", "women", "child"}
)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]{4,}", text.lower())
    return {w.rstrip("s") for w in words if w not in GENERIC_VICTIM_WORDS and w != "their"}


def _named_again(s: SentenceFacts, main: Frame) -> bool:
    """Whether the sentence names the main incident's victims again with a definite article:
    "The six Jesuits and two other persons were killed on 16 November" after "denied that
    soldiers killed six Jesuit priests": the day of that incident, not another one."""
    told = _victim_stems(main.sentences)
    return any(_definite(s, v) and _stems(v.text) & told for v in s.victims)


def _victim_stems(sents: list[SentenceFacts]) -> set[str]:
    """The distinctive word stems of the victims of some sentences (``_stems``)."""
    return {w for t in sents for v in t.victims for w in _stems(v.text)}


def _definite(s: SentenceFacts, m: Mention) -> bool:
    """Whether a mention opens on "the" ("The six Jesuits", "the victims")."""
    if m.text.lower().startswith("the "):
        return True
    if m.evidence is None:
        return False
    before = s.text[: max(0, m.evidence.start - s.start)]
    return bool(re.search(r"\bthe\s+(?:[\w-]+\s+){0,2}$", before, re.I))


def event_day(s: SentenceFacts) -> date | None:
    """The day a sentence says its event happened: its one day-precise date that is neither
    history nor the date of a statement ("police said on Monday"); None when it gives several."""
    days = [
        d
        for d in s.dates
        if d.date is not None
        and d.precision == "day"
        and not d.history
        and not statement_date(s.text, d.start - s.start, d.end - s.start)
    ]
    if not days or len({d.date for d in days}) > 1:
        return None  # "left on Friday after the explosion on Wednesday": which is the event's?
    return days[0].date


#: how many days from a week-precise date ("a week ago", "last week") its event may be
ROUGH_REACH_DAYS = 3


def _rough_dates(frame: Frame) -> list[date]:
    """The week-precise dates of a frame's sentences that are not history (the dates that give
    an incident no day of its own)."""
    return [
        d.date
        for t in frame.sentences
        for d in t.dates
        if d.date is not None and d.precision == "week" and not d.history
    ]


def _add(frame: Frame, s: SentenceFacts) -> None:
    frame.sentences.append(s)
    for p in s.places:
        if p.precision != "country" and (frame.country is None or p.country == frame.country):
            frame.places.append(p)


def _target_frame(
    s: SentenceFacts,
    main: Frame,
    frames: list[Frame],
    countries: list[str],
    cities: list[Location],
    coordinated: bool,
    in_main: bool = True,
    published: date | None = None,
) -> Frame | None:
    """The frame of another incident this sentence tells, or None for the main frame."""
    armed = bool(s.triggers and s.weapons and s.targets)
    # "Seven bank branches were also attacked in Lima": a deed added against targets of its own
    added = bool(s.targets and s.triggers and ALSO.search(s.text))
    if not (s.figures or s.strong or armed or added or (s.targets and _kind(s) == "fire")):
        # "rebels burned three buses" and "guerrillas attacked his home with explosives" are
        # events of their own; "police said" is not
        return None
    # another country: its own figure, or a strong event word with a town of that country
    other = [c for c in countries if c != main.country]
    if other and main.country not in countries:
        if not (s.figures or cities):
            return None
        country = next((p.country for p in cities if p.country), other[0])
        return next(
            (f for f in frames if not f.reference and f.country == country and f is not main), None
        ) or Frame(country)
    # the same country, another day: a sentence with a violent event word of its own dated to
    # another day than the main incident ("On Sunday, guerrillas bombed a bridge ..." after
    # "Gunmen killed a judge on Friday"); toll updates and statements keep their frame
    day = event_day(s)
    main_day = main.day
    if (
        main_day is None
        and day is not None
        and published is not None
        and abs((published - day).days) >= UNDATED_APART_DAYS
        and any(t.figures for t in main.sentences)
        and not _named_again(s, main)
    ):
        # an undated incident with a toll is news of the day the story ran or the day before
        # ("two leaders were killed near Rio Blanco" ... "the massacre of 12 persons last
        # Wednesday"); "on Thursday night" in Friday's story of an undated attack is the same one
        main_day = published
    if (
        day is not None
        and main_day is not None
        and day != main_day
        and (s.strong or (s.triggers and (s.figures or s.targets or s.victims)))
        and not coordinated
        and not _update(s, day)
        and (not countries or main.country in countries)
    ):
        # another incident of that day, unless this one lies far from it ("A bomb exploded
        # today in Vina del Mar" after a fire bomb in Santiago this morning)
        own = [p for p in s.places if p.precision != "country"]
        return next(
            (
                f
                for f in frames
                if f is not main
                and not f.reference
                and f.day == day
                and not (own and f.places and all(_far(p, f.places) for p in own))
            ),
            None,
        ) or Frame(main.country, day=day, by_day=True)
    # an incident told only by its kind and a rough date ("the massacre caused by the FMLN,
    # which a week ago launched the largest offensive"), then a deed with its own toll on a day
    # outside that week ("six Jesuits who were machinegunned on 15 November"): another incident
    if (
        main_day is None
        and day is not None
        and s.figures
        and s.strong
        and not coordinated
        and not any(t.figures or t.targets for t in main.sentences)
        and not _victim_stems(main.sentences) & _victim_stems([s])
        and (rough := _rough_dates(main))
        and all(abs((day - d).days) > ROUGH_REACH_DAYS for d in rough)
        and not _update(s, day)
        and (not countries or main.country in countries)
    ):
        return Frame(main.country, day=day, by_day=True)
    # the same country and day, another named victim: "On that very day, Colonel Waldemar
    # Franklin Quintero was murdered" after the murder of a judge; a person killed in a sentence
    # of their own, never named with the main incident's victims, is their own incident
    named = _named_killed(s)
    if (
        named
        and in_main
        and not coordinated
        and (day is None or day == main.day)
        and not UPDATE.search(s.text)
        and not TOGETHER.search(s.text)
        and (not countries or main.country in countries)
    ):
        known = {k for t in main.sentences for k in _named_killed(t)}
        told = " ".join(t.text for t in main.sentences).lower()
        if (
            known
            and not (known & named)
            and not any(k in s.text.lower() for k in known)
            and not any(k in told for k in named)
        ):
            return Frame(main.country, day=day)
    # the same country, another kind of incident: an abduction told after a bombing (or the
    # reverse), with its own victims or targets ("Later, gunmen kidnapped two engineers")
    kind = _kind(s)
    # a shooting, a killing or an assault is another kind than a fire or an abduction: "Later,
    # in the same area, terrorists burned nine vehicles" after a bus was machinegunned, "Later,
    # they kidnapped two engineers" after rebels killed two guards
    main_kind = main.kind or (
        "other"
        if kind in ("fire", "abduction")
        and any(_trigger_kind(t) == "other" for x in main.sentences for t in x.triggers)
        # "During this attack, the terrorists set the public buildings on fire": a main
        # incident that already tells a deed of this kind is not another kind
        and not any(_trigger_kind(t) == kind for x in main.sentences for t in x.triggers)
        else None
    )
    if (
        in_main  # the story of a second incident goes on ("71 were killed in that blast")
        and kind is not None
        and main_kind is not None
        and kind != main_kind
        and (s.targets or s.victims)
        and not coordinated
        and (not countries or main.country in countries)
    ):
        return next(
            (f for f in frames if f is not main and not f.reference and f.kind == kind),
            None,
        ) or Frame(main.country, kind=kind, told_after=main.day, added_to=main)
    # the same country, said to be another incident: "In another action attributed to the
    # mafias, several men wounded a watchman ..." (with its own event, not a toll update)
    if (
        ANOTHER.search(s.text)
        and (s.strong or (s.triggers and (s.figures or s.targets or s.victims)))
        and not coordinated
        and not UPDATE.search(s.text)
        and (not countries or main.country in countries)
    ):
        # without a day of its own, of the day of the incident told before ("minutes later")
        return Frame(main.country, day=day, dated_like=None if day else main)
    # the same country, another deed added to the first: a sentence that opens on "In
    # addition" or "Meanwhile" and tells its own strong event against its own targets, or
    # opens on "Meanwhile" and gives its own toll ("Meanwhile, four rebels were killed during
    # an armed clash with troops" after an attack on a bus)
    meanwhile = bool(s.figures and MEANWHILE.match(s.text))
    if (
        (in_main or meanwhile)
        and ADDITION.search(s.text)
        and s.strong
        and (s.targets or meanwhile)
        and not coordinated
        and not UPDATE.search(s.text)
        and not SAME_ATTACK.search(s.text)
        and (not countries or main.country in countries)
    ):
        told = {m.text.lower() for t in main.sentences for m in t.targets}
        if not any(m.text.lower() in told for m in s.targets):
            return Frame(main.country, day=day, told_after=main.day, added_to=main)
    # the same country, somewhere else: far from every place of the main incident, or said
    # to be separate
    if not coordinated and _fronted_unknown(s, main):
        # "In the western town of Heet, a car bomb exploded ...", "In Taji, north of Baghdad,
        # ...": a list item opening on a town the gazetteer does not know
        return Frame(main.country)
    below = [p for p in s.places if p.precision != "country" and p.country == main.country]
    main_keys = {place_key(q) for q in main.places}
    shared = [p for p in below if place_key(p) in main_keys]
    if not below or (shared and (coordinated or not _fronted_finer(s, below, shared))):
        return None
    separate = bool(SEPARATE.search(s.text))
    far = bool(main.places) and all(_far(p, main.places) for p in below)
    separate = separate or _also_elsewhere(s, main)
    if not (separate or (far and not coordinated) or (_fronted(s, below) and not coordinated)):
        return None
    for f in frames:
        if (
            f is not main
            and not f.reference
            and any(place_key(p) in {place_key(q) for q in f.places} for p in below)
        ):
            return f
    if added and not (s.figures or s.strong or armed):
        # a deed told only as added to the main incident: of its day and its attackers
        return Frame(main.country, told_after=main.day, added_to=main)
    return Frame(main.country)


def _also_elsewhere(s: SentenceFacts, main: Frame) -> bool:
    """A deed added with "also" at a town, after a main incident that names no town but told its
    own victims or targets: "He also reported that guerrillas killed a peasant in the city of
    Flores" after an attack on a farm."""
    if main.places or not (s.strong or s.figures) or not (s.victims or s.targets):
        return False
    if not ALSO.search(s.text):
        return False
    told = {m.text.lower() for t in main.sentences for m in (*t.victims, *t.targets)}
    if not told:
        return False
    return not any(m.text.lower() in told for m in (*s.victims, *s.targets))


#: a sentence that opens on its place: "In Pedregales, on the road to Sardinata, the ELN ...",
#: "In the western town of Heet, a car bomb exploded ..."
FRONTED = re.compile(
    r"^\W*(?:in|at|near)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?(?:town|city|village|province|"
    r"district|region|area|neighbou?rhood|suburb|department|municipality|state)\s+of\s+)?",
    re.I,
)


def _list_item_opening(s: SentenceFacts) -> int | None:
    """Where the place starts in a sentence that opens on it ("In Canalete, ...", "In the
    western town of Heet, ...") and tells its own event with its own victims, targets or toll
    (no toll update); None for any other sentence."""
    m = FRONTED.match(s.text)
    if m is None or not (s.strong and (s.victims or s.targets or s.figures)):
        return None
    return None if UPDATE.search(s.text) else m.end()


def _fronted_finer(s: SentenceFacts, below: list[Location], shared: list[Location]) -> bool:
    """The sentence opens on a town of its own inside a region the main incident named: "In
    Huaraz, the capital of Ancash Department, the terrorists set fire to ..." after a murder
    "in Ancash Department" (the region says where the town lies, not that it is the same
    place)."""
    m = FRONTED.match(s.text)
    if m is None or not (s.triggers and (s.victims or s.targets)) or UPDATE.search(s.text):
        return False
    opening = _place_at(s, below, m.end())
    return (
        opening is not None
        and opening not in shared
        and opening.precision not in ("admin1", "admin2", "country")
        and all(p.precision in ("admin1", "admin2") for p in shared)
    )


def _fronted(s: SentenceFacts, below: list[Location]) -> bool:
    """The sentence opens on one of its own places below the country ("In Canalete, cattleman
    Pedro Mejia was kidnapped"): one item of a list of incidents, however near the places
    lie."""
    at = _list_item_opening(s)
    return at is not None and _place_at(s, below, at) is not None


def _place_at(s: SentenceFacts, places: list[Location], at: int) -> Location | None:
    """The place of ``places`` that starts ``at`` characters into the sentence."""
    return next(
        (p for p in places if p.evidence is not None and p.evidence.start - s.start == at), None
    )


#: capitalised words and a comma right after the opening of a fronted sentence
_NAME_COMMA = re.compile(r"([A-Z][\w'-]+(?:\s+(?:al-|el-)?[A-Z][\w'-]+){0,3})\s*,")


def _fronted_unknown(s: SentenceFacts, main: Frame) -> bool:
    """``_fronted`` for a place the gazetteer does not know: the sentence opens on a
    capitalised name and a comma ("In Heet, ...") that is no date, no known place of the
    sentence and no word of the main incident's sentences."""
    opening = _list_item_opening(s)
    name = _NAME_COMMA.match(s.text, opening) if opening is not None else None
    if opening is None or name is None:
        return False
    at = s.start + opening
    if any(d.start == at for d in s.dates) or any(
        p.evidence is not None and p.evidence.start == at for p in s.places
    ):
        return False
    told = " ".join(t.text for t in main.sentences)
    return name.group(1) not in told


def _far(place: Location, others: list[Location]) -> bool:
    if place.lat is None or place.lon is None:
        return False
    for o in others:
        if o.lat is None or o.lon is None:
            return False
        if _km(place.lat, place.lon, o.lat, o.lon) <= SPLIT_DISTANCE_KM:
            return False
    return True


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


#: the dashes that end a dateline: "ROME (ITALY), 11 JAN 90 --", "BRUSSELS —"
DATELINE_DASHES = ("--", "—", "–")
#: a dateline ends this near the start of the text
DATELINE_CHARS = 80


def _dateline_end(facts: list[SentenceFacts]) -> int:
    """Where the dateline of the text ends ("ROME (ITALY), 11 JAN 90 --"), or 0."""
    if not facts or facts[0].start > 0:
        return 0
    marks = [facts[0].text.find(m, 0, DATELINE_CHARS) for m in DATELINE_DASHES]
    return min((m for m in marks if m > 0), default=0)


def _first_country(s: SentenceFacts, skip_before: int = 0) -> str | None:
    """The country of the sentence's first place (below the country level first); places
    before ``skip_before`` (a dateline) do not count."""
    places = [p for p in s.places if p.evidence is None or p.evidence.start >= skip_before]
    below = [p for p in places if p.precision in ("city", "admin2", "admin1", "point")]
    for p in below + places:
        if p.country:
            return p.country
    return None


#: weak event words that make an incident with their named victim (data/lexicon)
KILLING_WORDS = word_list("killing_words.txt")


SPEECH_WORDS = ("said", "told", "announced", "reported", "added", "stated", "confirmed")
#: a source right before a date: "according to military sources today" (a few words of name,
#: no verb, no comma between)
ACCORDING_TO = re.compile(r"\baccording to(?:\s+[\w.'-]+){1,4}\s+$", re.I)
#: verbs of a statement that follow its date ("the minister today called for ..."); lexicon data
STATEMENT_VERBS = word_list("statement_verbs.txt")


def statement_date(text: str, start: int, end: int | None = None) -> bool:
    """ "Molins said last night that ...", "the minister said late on Sunday", "Calderon Sol
    today called for an investigation into the murders": the date of a statement, not of the
    event."""
    if end is not None:
        if text[end : end + 2] in ("'s", "’s") or text[end - 2 : end] in ("'s", "’s"):
            return False  # "claimed Sunday's bombing": the date of the event it qualifies
        after = text[end : end + 30].lower().replace(",", " ").split()[:2]
        if after and (after[0] in STATEMENT_VERBS or after[-1] in STATEMENT_VERBS):
            return True
    if ACCORDING_TO.search(text, max(0, start - 48), start):
        return True  # "according to military sources today, three ... were murdered"
    before = text[max(0, start - 32) : start].lower().replace(",", " ").split()
    for k in range(1, min(5, len(before)) + 1):
        word = before[-k]
        if word in SPEECH_WORDS or word in STATEMENT_VERBS:
            if re.search(
                rf"\bas\b[^,.;]*\b{re.escape(word)}\s*,[^,]*$",
                text[max(0, start - 80) : start],
                re.I,
            ):
                return False  # "As Izvestiya has already reported, on 5 July a bus was blown up"
            return all(w in _BETWEEN for w in before[-k + 1 :]) if k > 1 else True
        if word in STATEMENT_NOUNS or (
            word.endswith("s") and not word.endswith("ss") and word[:-1] in STATEMENT_NOUNS
        ):
            # "In his homily today, the archbishop denounced ...", "in an interview on Sunday"
            opening = before[max(0, len(before) - k - 2) : len(before) - k]
            return bool(opening) and (
                opening[-1] in _OPENING or (opening[-1] in _OWNERS and opening[0] in _OPENING)
            )
        if word not in _BETWEEN:
            return False
    return False


#: a statement noun's date after these ("in his homily today", "during a speech on Sunday")
_OPENING = frozenset({"in", "during", "at"})
_OWNERS = frozenset({"his", "her", "its", "their", "a", "an", "the", "this"})
#: nouns of a statement: "a declaration issued in Havana", "in his homily today" (lexicon data)
STATEMENT_NOUNS = word_list("statement_nouns.txt")


#: words that may stand between a statement verb and its date: "said late on Sunday", "it was
#: reported in this capital today", "announced here today"
_BETWEEN = frozenset(
    {"on", "late", "early", "in", "the", "last", "this", "capital", "city", "here"}
)


#: words that add victims to those told before: "Two of his bodyguards were also killed"
ALSO = re.compile(r"\b(?:also(?! known\b)|as well)\b", re.I)


def place_key(loc: Location) -> object:
    """One key per place: its GeoNames id, else its name."""
    return loc.geonames_id or (loc.matched_name or loc.name).lower()
