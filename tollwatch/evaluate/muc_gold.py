"""Key templates (``muc_keys``) -> ``GoldIncident``: one MUC-4 template in our schema's terms.

- roles: PerpInd = PERP: INDIVIDUAL ID (slot 9), PerpOrg = PERP: ORGANIZATION ID (10), Target =
  PHYS TGT: ID (12), Victim = a HUM TGT: NAME (18) together with the DESCRIPTIONs (19) that refer
  to it, or a DESCRIPTION that refers to no name, Weapon = INCIDENT: INSTRUMENT ID (6); each
  entity is the tuple of its alternative strings, ``?`` fillers are optional entities;
- killed / injured: see ``_toll``; the date and location slots are parsed by ``muc_keys``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from tollwatch.evaluate.muc_keys import (
    MUC_TYPES,
    DateSpan,
    Fill,
    GoldLocation,
    Interval,
    KeyTemplate,
    count_of,
    parse_date_slot,
    parse_location_slot,
)

T = TypeVar("T")


@dataclass(frozen=True)
class GoldIncident:
    """One key template in our terms. Each role is a tuple of entities, an entity being the tuple
    of its acceptable strings; ``optional_*`` hold the entities a system may leave out."""

    doc_id: str
    number: str
    optional: bool
    types: tuple[str, ...]  # MUC incident type alternatives ("BOMBING", "ATTACK")
    stage: str | None
    dates: tuple[DateSpan, ...]  # alternatives; empty when the key has none
    locations: tuple[GoldLocation, ...]  # alternatives
    perp_ind: tuple[tuple[str, ...], ...] = ()
    perp_org: tuple[tuple[str, ...], ...] = ()
    targets: tuple[tuple[str, ...], ...] = ()
    victims: tuple[tuple[str, ...], ...] = ()
    weapons: tuple[tuple[str, ...], ...] = ()
    optional_entities: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    killed: Interval | None = None  # None: the key states no number of dead
    injured: Interval | None = None
    killed_vague: bool = False  # deaths stated without a usable number (PLURAL, no count)
    injured_vague: bool = False
    #: the HUM TGT: NAME strings (slot 18) not marked optional: the people the key is sure of
    victim_names: tuple[str, ...] = ()


def _entities(fills: Iterable[Fill]) -> list[tuple[tuple[str, ...], bool]]:
    return [(f.values, f.optional) for f in fills]


def _human_targets(t: KeyTemplate) -> list[tuple[tuple[str, ...], bool, bool]]:
    """(strings, optional, named) per human target: a NAME filler plus the DESCRIPTION fillers
    that refer to it, or a DESCRIPTION filler that refers to no name."""
    names = [(list(f.values), f.optional) for f in t.fills(18)]
    unnamed: list[tuple[tuple[str, ...], bool, bool]] = []
    for f in t.fills(19):
        owner = next((n for n in names if set(f.refs) & set(n[0])), None)
        if owner is not None:
            owner[0].extend(v for v in f.values if v not in owner[0])
        else:
            unnamed.append((f.values, f.optional, False))
    return [(tuple(n), opt, True) for n, opt in names] + unnamed


def _closest(
    refs: Sequence[str], items: Sequence[T], strings: Callable[[T], Sequence[str]]
) -> T | None:
    """The item whose strings are the ones ``refs`` names: the same set if one is, else the one
    sharing the most ("INJURY: "WORKERS" / "INJURED"" is the target "WORKERS" / "INJURED", not
    the target "WORKERS" before it); None when none shares any."""
    want = set(refs)
    best, best_overlap = None, 0
    for item in items:
        have = set(strings(item))
        if have == want and want:
            return item
        overlap = len(have & want)
        if overlap > best_overlap:
            best, best_overlap = item, overlap
    return best


def _toll(t: KeyTemplate, effect: str) -> tuple[Interval | None, bool]:
    """Sum over the human targets whose EFFECT includes ``effect`` (DEATH or INJURY) of their
    NUMBER. A named target without a NUMBER counts 1; an unnamed one without a usable number
    (PLURAL, none), or whose NUMBER also counts the other effect ("11: PEOPLE" both DEATH and
    INJURY: six killed and five wounded), makes the toll vague, unless every human target shares
    the effect and TOTAL NUMBER (slot 24) is given. Returns (interval or None, vague)."""
    targets = _human_targets(t)
    numbers = t.fills(21)
    other = "INJURY" if effect == "DEATH" else "DEATH"
    hit: list[Interval | None] = []
    n_hit_targets = 0
    for f in t.fills(23):
        if effect not in f.values:
            continue
        owner = _closest(f.refs, targets, lambda h: h[0])
        if owner is None:
            hit.append(None)  # a summary effect ("DEATH: -") with no target to count
            continue
        n_hit_targets += 1
        if not owner[2] and any(
            other in g.values and _closest(g.refs, targets, lambda h: h[0]) is owner
            for g in t.fills(23)
        ):
            # "11: PEOPLE" with "DEATH: PEOPLE" and "INJURY: PEOPLE": the number counts the
            # dead and the wounded together, so it states neither
            hit.append(None)
            continue
        number = _closest(owner[0], numbers, lambda n: n.refs)
        count = count_of(number.values) if number is not None else None
        if count is None and owner[2]:
            count = Interval(1, 1)
        hit.append(count)
    if not hit:
        return None, False
    if any(c is None for c in hit):
        total = next((count_of(f.values) for f in t.fills(24)), None)
        if total is not None and n_hit_targets == len(targets) and len(hit) == n_hit_targets:
            return total, False
        return None, True
    lo = sum(c.lo for c in hit if c)
    hi = None if any(c and c.hi is None for c in hit) else sum(c.hi for c in hit if c and c.hi)
    return Interval(lo, hi), False


def gold_incident(t: KeyTemplate, anchor: date | None = None) -> GoldIncident:
    """Convert one key template; ``anchor`` is the message's dateline date (for year-less dates)."""
    optional: set[tuple[str, ...]] = set()

    def role(slot: int) -> tuple[tuple[str, ...], ...]:
        out = []
        for values, opt in _entities(t.fills(slot)):
            out.append(values)
            if opt:
                optional.add(values)
        return tuple(out)

    victims = []
    for strings, opt, _named in _human_targets(t):
        victims.append(strings)
        if opt:
            optional.add(strings)
    names = tuple(v for f in t.fills(18) if not f.optional for v in f.values)
    types = tuple(v for f in t.fills(4) for v in f.values if v in MUC_TYPES) or ("ATTACK",)
    stage = next((f.values[0] for f in t.fills(5)), None)
    killed, killed_vague = _toll(t, "DEATH")
    injured, injured_vague = _toll(t, "INJURY")
    return GoldIncident(
        doc_id=t.doc_id,
        number=t.number,
        optional=t.optional,
        types=types,
        stage=stage,
        dates=parse_date_slot(t.raw.get(2, ()), anchor),
        locations=parse_location_slot(t.raw.get(3, ())),
        perp_ind=role(9),
        perp_org=role(10),
        targets=role(12),
        victims=tuple(victims),
        weapons=role(6),
        optional_entities=frozenset(optional),
        killed=killed,
        injured=injured,
        killed_vague=killed_vague,
        injured_vague=injured_vague,
        victim_names=names,
    )


def date_matches(span: DateSpan, day: date, before_window_days: int = 60) -> bool:
    """``day`` lies in the span; "on or before D" accepts D - ``before_window_days`` .. D (the
    keys' two-month recency rule, template-doc-part1 section 1.0 point 6)."""
    lo = span.lo or span.hi - timedelta(days=before_window_days)
    return lo <= day <= span.hi
