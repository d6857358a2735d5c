"""Compatibility: what keeps two reports of one place and week apart.

In a city that sees several attacks a week (an offensive, a campaign of bombings), place, date and
event type agree for reports of different incidents. What tells them apart is what each report says
the incident *was*; these rules read it:

- **Names** (``names_of``, ``names_score``): the named victims (a run of two or more capitalised
  words: "Luis Carlos Galan", "Msgr Romero") and named targets (a capitalised word with a target
  noun: "Aurora airport", "Sheraton hotel") of a report, each reduced to its distinctive words:
  titles, ranks, institution nouns and demonyms (``data/lexicon/generic_name_words.txt``) and the
  words of the report's own place names are left out. Two names match when the last word of one
  is a word of the other ("Carlos Galan" / "Luis Carlos Galan Sarmiento"; a shared first name
  alone is no match), unless each opens on a common given name the other lacks ("Maria Victoria
  Galan", the sister, is not "Luis Carlos Galan"); a victim named by one word ("Ellacuria")
  matches a name that ends on it, and conflicts with nothing. Both reports naming someone or
  something and no name matching is a *conflict*: the murder of one named man is not the murder
  of another, unless both describe their victims as one group by the same distinctive word ("six
  Jesuit priests": one report names Ellacuria, another Martin-Baro). Such a group ("Jesuit
  priests", "the Jesuits"; never a nationality) is also some evidence for one incident
  (``cluster.GROUP_SCORE``).
- **The same victim** (``same_victim``, ``victim_keys``): a stricter match for follow-up reports
  published days or weeks later ("the funeral of Luis Carlos Galan"): both reports name a person
  by two or more distinctive words and the words of the shorter name are all words of the longer
  ("Carlos Galan" / "Luis Carlos Galan Sarmiento"; "Jose Garcia" and "Maria Garcia" are not one
  victim, nor is "Msgr Romero", one distinctive word). ``cluster`` finds such pairs up to
  ``victim_window_days`` apart through an index of each name's word pairs (``victim_keys``).
- **Types** (``incompatible_types``): an abduction is not a bombing or a shelling (ACLED
  sub-event types; ``INCOMPATIBLE_SUB_EVENTS``), on top of the event-type groups of ``cluster``.
- **Dates** (``cluster._dates_conflict``): two dates that each report reads from its own text ("on 12
  November", not the publication date) at day precision, ``DATE_CONFLICT_DAYS`` or more apart.

A conflict counts against the pair's score (``CONFLICT_SCORE``) and, in ``engine.cluster``, vetoes
any union that would put two conflicting reports in one incident however strongly each is linked
to the rest (complete-link on conflicts): without it, a report linked to two different incidents
bridges them (single-link chaining).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tollwatch.types import Report

__all__ = [
    "CONFLICT_SCORE",
    "DATE_CONFLICT_DAYS",
    "INCOMPATIBLE_SUB_EVENTS",
    "NAME_SCORE",
    "Names",
    "generic_name_words",
    "incompatible_sub_events",
    "incompatible_types",
    "names_of",
    "names_score",
    "people_conflict",
    "people_match",
    "same_victim",
    "singular",
    "victim_keys",
]

#: Added to a pair whose names, types or text dates conflict (see the module docstring).
CONFLICT_SCORE = -3.0
#: Added to a pair that names a common victim or target.
NAME_SCORE = 1.0
#: Added to a pair that names different places or bodies only ("Noor mosque", "Linwood mosque"):
#: evidence against, but no conflict, since the sites of one coordinated attack differ too.
THING_CONFLICT_SCORE = -1.0
#: Text dates at day precision at least this many days apart are different incidents. A date
#: read from a text can be a day off either way (an attack after midnight, "nine days ago", the
#: day of a statement taken for the event's), so two readings two days apart may be one event.
DATE_CONFLICT_DAYS = 3

_PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "dos", "do", "van", "von", "y"})

#: ACLED sub-event types that cannot describe one event (an abduction is no explosion).
_EXPLOSIONS = frozenset(
    {
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Grenade",
    }
)
INCOMPATIBLE_SUB_EVENTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset({"Abduction/forced disappearance"}), _EXPLOSIONS),
    (frozenset({"Sexual violence"}), _EXPLOSIONS),
)


@lru_cache(maxsize=1)
def generic_name_words() -> frozenset[str]:
    """The words of ``data/lexicon/generic_name_words.txt`` (read once)."""
    path = resources.files("tollwatch.data").joinpath("lexicon", "generic_name_words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class Names:
    """The distinctive words of each named person (``people``: victims, and targets named by two
    or more distinctive words) and named place or body (``things``: "Aurora airport") of a
    report."""

    people: tuple[tuple[str, ...], ...] = ()
    things: tuple[tuple[str, ...], ...] = ()
    #: distinctive single capitalised words of victim descriptions ("Jesuit priests" -> jesuit)
    groups: frozenset[str] = frozenset()
    #: victims named by one word ("Ellacuria"): they match a full name that ends on it, but
    #: one word alone names nobody for sure, so they make no conflict
    surnames: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.people or self.things)


def _words(text: str) -> list[str]:
    return [w.strip(".,;:()[]\"'") for w in text.split()]


def _capitalised(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word.replace("-", "").isalpha()


def _name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words ("Luis Carlos Galan", "Jose de San Martin")."""
    runs: list[list[str]] = []
    current: list[str] = []
    for word in _words(text):
        if _capitalised(word):
            current.append(word)
        elif word.casefold() in _PARTICLES and current:
            continue
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _distinctive(words: list[str], ignore: frozenset[str]) -> tuple[str, ...]:
    generic = generic_name_words()
    out = []
    for word in words:
        key = word.casefold()
        if len(key) >= 3 and key not in generic and key not in ignore and key not in out:
            out.append(key)
    return tuple(out)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from tollwatch.extract.gazetteer_names import load_demonyms

    return frozenset(load_demonyms())


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _group(run: list[str], text: str, ignore: frozenset[str]) -> str | None:
    """The group a victim description names by one capitalised word, singular: a word that
    opens it ("six Jesuit priests", "Uca students") or a plural that is all of it ("the
    Jesuits", "six Copts"); never a nationality ("Salvadoran soldiers", "Salvadorans") or a
    word of the report's places. None otherwise."""
    words = [w.strip(".,;:()[]\"'") for w in text.split()]
    if len(run) != 1 or not words:
        return None
    word, key = run[0], run[0].casefold()
    opens = word in words[:-1]
    whole = word == words[-1] and len(key) >= 4 and key.endswith("s") and not key.endswith("ss")
    if not (opens or whole) or len(key) < 3 or key in ignore:
        return None
    demonyms = _demonyms()
    if key in demonyms or key.rstrip("s") in demonyms or singular(key) in demonyms:
        return None
    return singular(key)


def names_of(report: Report, places: frozenset[str] = frozenset()) -> Names:
    """The named victims and targets of a report (module docstring). ``places``: case-folded
    place names of the report, whose words are no name ("Tejutla church" in Tejutla)."""
    ignore = frozenset(w for p in places for w in p.split())
    people: list[tuple[str, ...]] = []
    things: list[tuple[str, ...]] = []
    groups: set[str] = set()
    surnames: set[str] = set()
    for mention in report.victims:
        for run in _name_runs(mention.text):
            key = _distinctive(run, ignore) if len(run) >= 2 else ()
            if key and key not in people:
                people.append(key)
            elif (group := _group(run, mention.text, ignore)) is not None:
                groups.add(group)  # "Jesuit priests", "the Jesuits": a group the victims form
            elif len(run) == 1 and len(_words(mention.text)) == 1:
                surnames.update(_distinctive(run, ignore))  # "Ellacuria"
    for mention in report.targets:
        key = _distinctive([w for run in _name_runs(mention.text) for w in run], ignore)
        found = people if len(key) >= 2 else things
        if key and key not in found:
            found.append(key)
    return Names(tuple(people), tuple(things), frozenset(groups), frozenset(surnames))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    # imported here: serving reads the resolver's rules without loading the extraction stage
    from tollwatch.extract.lexicon import given_names

    return given_names()


def _match(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    if not (x[-1] in y or y[-1] in x):
        return False
    # "Maria Victoria Galan" is not "Luis Carlos Galan": two given names that differ, neither
    # a word of the other name, are two people of one family
    first_x, first_y = x[0], y[0]
    return not (
        len(x) >= 2
        and len(y) >= 2
        and first_x not in y
        and first_y not in x
        and first_x in _given_names()
        and first_y in _given_names()
    )


def _any_match(xs: tuple[tuple[str, ...], ...], ys: tuple[tuple[str, ...], ...]) -> bool:
    return any(_match(x, y) for x in xs for y in ys)


def _surname_match(a: Names, b: Names) -> bool:
    """A one-word victim of one report is the last word of a person the other names
    ("Ellacuria" / "Ignacio Ellacuria")."""
    return any(x[-1] in b.surnames for x in a.people) or any(y[-1] in a.surnames for y in b.people)


def names_score(a: Names, b: Names) -> float:
    """``NAME_SCORE`` when a name of one matches a name of the other; else ``CONFLICT_SCORE``
    when both name people, or both name places or bodies, and none matches; else 0 (a report
    that names the building and one that names the victim do not conflict)."""
    if not a or not b:
        return 0.0
    mine, theirs = a.people + a.things, b.people + b.things
    if _any_match(mine, theirs) or _surname_match(a, b):
        return NAME_SCORE
    if people_conflict(a, b):
        return CONFLICT_SCORE
    if a.things and b.things:
        return THING_CONFLICT_SCORE
    return 0.0


def join_names(a: Names, b: Names) -> Names:
    """The names of two reports (or incidents) together: what an incident of both names."""
    return Names(
        tuple(dict.fromkeys(a.people + b.people)),
        tuple(dict.fromkeys(a.things + b.things)),
        a.groups | b.groups,
        a.surnames | b.surnames,
    )


def people_match(a: Names, b: Names) -> bool:
    """A person named by both ("Carlos Pizarro" / "Carlos Pizarro Leongomez")."""
    return _any_match(a.people, b.people)


def people_conflict(a: Names, b: Names) -> bool:
    """Both name people and no name of one matches a name (person, place or body) of the other:
    the murder of one named man is not the murder of another."""
    if not a.people or not b.people:
        return False
    if a.groups & b.groups:
        return False  # different victims named of one group ("six Jesuit priests")
    if _surname_match(a, b):
        return False  # "Amando Lopez" and "Ellacuria" / "Ignacio Ellacuria"
    return not _any_match(a.people + a.things, b.people + b.things)


def _full_names(names: Names) -> list[tuple[str, ...]]:
    return [x for x in names.people if len(x) >= 2]


def same_victim(a: Names, b: Names) -> bool:
    """Both name one person by a full name: two or more distinctive words each, the words of the
    shorter all words of the longer (module docstring)."""
    for x in _full_names(a):
        for y in _full_names(b):
            small, large = (x, y) if len(x) <= len(y) else (y, x)
            if all(w in large for w in small):
                return True
    return False


#: the first part of the victim key of a described group ("#", "jesuit")
GROUP_KEY = "#"


def victim_keys(names: Names) -> frozenset[tuple[str, str]]:
    """The (sorted) word pairs of each full name: two reports with ``same_victim`` share one, so
    an index on them finds every such pair without comparing all pairs; and (``GROUP_KEY``,
    group) for each described group, for the follow-ups that name only the group."""
    keys: set[tuple[str, str]] = {(GROUP_KEY, g) for g in names.groups}
    for x in _full_names(names):
        for i, v in enumerate(x):
            for w in x[i + 1 :]:
                keys.add((v, w) if v <= w else (w, v))
    return frozenset(keys)


def incompatible_types(a: Report, b: Report) -> bool:
    """Sub-event types that cannot describe one event (``INCOMPATIBLE_SUB_EVENTS``)."""
    return incompatible_sub_events(a.sub_event_type, b.sub_event_type)


def incompatible_sub_events(x: str | None, y: str | None) -> bool:
    if not x or not y:
        return False
    return any((x in p and y in q) or (y in p and x in q) for p, q in INCOMPATIBLE_SUB_EVENTS)
