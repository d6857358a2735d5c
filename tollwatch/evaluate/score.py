"""What every dataset's scoring shares: string normalisation, P/R/F1 counts, entity matching,
one-to-one alignment, and the view of a Report that the scorers compare with gold.

Incident type of a Report in MUC terms (``muc_type``), first rule that applies:

    attack_type "Hostage Taking (...)" or sub_event_type "Abduction/forced disappearance"
                                                                       -> KIDNAPPING
    sub_event_type "Air/drone strike" or "Shelling/artillery/missile attack"
                                   -> ATTACK (MUC files aerial bombs and mortars under ATTACK)
    event_type "Explosions/Remote violence" or attack_type "Bombing/Explosion" -> BOMBING
    attack_type "Facility/Infrastructure Attack" and fire words (arson, burn, torch, set fire,
    incendiary, molotov) in the summary sentence or a weapon                      -> ARSON
    attack_type "Hijacking"                                                      -> HIJACKING
    anything else                                                                -> ATTACK

ROBBERY and FORCED WORK STOPPAGE are never predicted: the extractor has no such types.

Slots hold entities, reports mentions: a report keeps every weapon and target as written (the
WikiEvents scorer matches mentions), and the MUC-4 and GTT views collapse the mentions of one
thing (``weapon_entities``, ``target_entities``): "the bomb" after "a car bomb" is that car
bomb; a bare "bomb" goes when "dynamite" or "a grenade" is named; "the farm" beside "the La
Eminencia farm" is that farm.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tollwatch.types import Actor, Mention, Report

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
_PUNCT = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")
FIRE_WORDS = re.compile(
    r"\b(arson|burn\w*|torch\w*|set fire|on fire|ablaze|incendiar\w*|molotov)\b", re.I
)


def normalize(text: str) -> str:
    """Lower-case, drop punctuation, drop the articles a/an/the, collapse whitespace (the
    normalisation of the GTT/IterX scorer)."""
    text = text.lower().translate(_PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


@dataclass
class Counts:
    """Precision counts ``p_num``/``p_den`` and recall counts ``r_num``/``r_den``."""

    p_num: int = 0
    p_den: int = 0
    r_num: int = 0
    r_den: int = 0

    def add(self, other: Counts) -> None:
        self.p_num += other.p_num
        self.p_den += other.p_den
        self.r_num += other.r_num
        self.r_den += other.r_den

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "p": round(100 * self.precision, 2),
            "r": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
            **{k: getattr(self, k) for k in ("p_num", "p_den", "r_num", "r_den")},
        }


@dataclass
class Rate:
    """A share: ``hits`` of ``total``."""

    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hits += int(ok)

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"pct": round(100 * self.value, 2), "hits": self.hits, "total": self.total}


@dataclass
class EntityMatch:
    """The outcome of matching predicted strings against gold entities of one role."""

    counts: Counts
    matched: list[str] = field(default_factory=list)  # predicted strings found in the gold
    spurious: list[str] = field(default_factory=list)  # predicted strings not in the gold
    missed: list[str] = field(default_factory=list)  # gold entities not found (first string)


def dedupe_normalized(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for t in texts if (n := normalize(t))))


def match_entities(
    predicted: Iterable[str],
    gold: Sequence[Sequence[str]],
    optional: Iterable[Sequence[str]] = (),
) -> EntityMatch:
    """A predicted string (normalised, duplicates dropped) is correct when it equals any
    alternative string of any gold entity; each gold entity is found (once) when some predicted
    string equals one of its strings. An optional gold entity that is not found is left out of
    the recall denominator."""
    preds = dedupe_normalized(predicted)
    gold_sets = [{normalize(s) for s in entity} - {""} for entity in gold]
    optional_keys = {tuple(e) for e in optional}
    out = EntityMatch(Counts())
    for p in preds:
        ok = any(p in g for g in gold_sets)
        out.counts.p_den += 1
        out.counts.p_num += int(ok)
        (out.matched if ok else out.spurious).append(p)
    for entity, g in zip(gold, gold_sets, strict=True):
        found = any(p in g for p in preds)
        if not found and tuple(entity) in optional_keys:
            continue
        out.counts.r_den += 1
        out.counts.r_num += int(found)
        if not found:
            out.missed.append(entity[0] if entity else "")
    return out


def best_assignment(
    n_pred: int,
    n_gold: int,
    score: Callable[[int, int], float],
    min_score: float,
) -> list[tuple[int, int]]:
    """The one-to-one pairs (pred, gold) with score >= ``min_score`` that maximise the total
    score: exact (dynamic programming over subsets of gold) up to 16 gold items, greedy above."""
    table = [[score(i, j) for j in range(n_gold)] for i in range(n_pred)]
    if n_gold > 16:
        cells = sorted(
            ((table[i][j], i, j) for i in range(n_pred) for j in range(n_gold)), reverse=True
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        pairs = []
        for s, i, j in cells:
            if s >= min_score and i not in used_p and j not in used_g:
                pairs.append((i, j))
                used_p.add(i)
                used_g.add(j)
        return sorted(pairs)
    best: dict[int, tuple[float, tuple[tuple[int, int], ...]]] = {0: (0.0, ())}
    for i in range(n_pred):
        nxt = dict(best)  # prediction i left unaligned
        for mask, (total, pairs) in best.items():
            for j in range(n_gold):
                if mask >> j & 1 or table[i][j] < min_score:
                    continue
                key = mask | 1 << j
                cand = (total + table[i][j], (*pairs, (i, j)))
                if key not in nxt or cand[0] > nxt[key][0]:
                    nxt[key] = cand
        best = nxt
    return list(max(best.values(), key=lambda v: (v[0], -len(v[1])))[1])


#: weapons fired from afar: their deeds keep the type of the report (a shelling is an ATTACK)
PROJECTILES = frozenset({"rocket", "mortar", "missile", "shell", "launcher", "rpg"})


# -- a Report as the scorers see it -------------------------------------------------------------
def muc_type(report: Report) -> str:
    attack = report.attack_type or ""
    sub = report.sub_event_type or ""
    if attack.startswith("Hostage Taking") or sub == "Abduction/forced disappearance":
        return "KIDNAPPING"
    if attack == "Hijacking":
        return "HIJACKING"
    if sub == "Air/drone strike":
        return "ATTACK"  # bombs dropped from aircraft: MUC-4 codes an attack
    # MUC-4's BOMBING is an explosive device without gunfire; gunfire makes it an ATTACK (the DEV
    # keys: no BOMBING template with a firearm; 197 of 200 with only devices are BOMBING), and
    # a device makes a shooting-free deed a BOMBING whatever ACLED type the report has
    kinds = {w.type for w in report.weapons}
    if "Firearms" in kinds:
        return "ATTACK"
    if "Explosives" in kinds and not {_head_word(w.text) for w in report.weapons} & PROJECTILES:
        return "BOMBING"
    if sub == "Shelling/artillery/missile attack":
        return "ATTACK"
    if report.event_type == "Explosions/Remote violence" or attack == "Bombing/Explosion":
        return "BOMBING"
    if attack == "Facility/Infrastructure Attack":
        words = [report.summary or ""] + [w.text for w in report.weapons]
        if any(FIRE_WORDS.search(w) for w in words):
            return "ARSON"
    return "ATTACK"


@dataclass(frozen=True)
class Predicted:
    """The fields of one Report that the scorers compare with gold."""

    report_id: str
    type: str  # MUC incident type, see ``muc_type``
    date: date | None
    country: str | None
    places: tuple[str, ...]  # location and site names as written and as matched
    roles: dict[str, tuple[str, ...]]  # ROLES -> strings as written
    killed: int | None
    injured: int | None
    summary: str | None = None


def toll_value(low: int | None, best: int | None, high: int | None) -> int | None:
    return best if best is not None else low if low is not None else high


#: weapon words that say no more than "something exploded" or "someone fired" ("bullets",
#: "machinegun fire" beside "a submachine gun")
GENERIC_WEAPONS = frozenset(
    {"bomb", "explosive", "device", "charge", "artifact", "weapon", "bullet", "gunfire", "fire"}
)


def _head_word(text: str) -> str:
    """The last word of a phrase, lower-cased, without a plural "s" ("Bombs" -> "bomb")."""
    word = text.lower().split()[-1] if text.split() else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def weapon_entities(weapons: Sequence[Mention]) -> tuple[Mention, ...]:
    """A template's weapons, each once by its fullest words (a report keeps every mention as
    written; a MUC-4 or GTT slot holds entities): "the bomb" after "a car bomb" is that car bomb,
    "bombs" and "bomb" one weapon; a bare generic word ("bomb", "explosives") goes when a
    weapon of another kind is named ("a bomb" made of "dynamite", "a grenade")."""
    by_head: dict[str, Mention] = {}
    for w in weapons:
        head = _head_word(w.text)
        have = by_head.get(head)
        if have is None or len(w.text.split()) > len(have.text.split()):
            by_head[head] = w
    kept = list(by_head.values())
    specific = [w for w in kept if _head_word(w.text) not in GENERIC_WEAPONS]
    if specific:
        kept = [
            w for w in kept if _head_word(w.text) not in GENERIC_WEAPONS or len(w.text.split()) > 1
        ]
    order = {id(w): k for k, w in enumerate(weapons)}
    return tuple(sorted(kept, key=lambda w: order[id(w)]))


def target_entities(things: Sequence[Mention]) -> tuple[Mention, ...]:
    """A template's targets, without a bare head word that names one told in full: "the
    building" beside "the DAS building", "the farm" beside "the La Eminencia farm"; "vehicles"
    and "vehicle" are one."""
    heads = {_head_word(t.text) for t in things if len(t.text.split()) > 1}
    out: list[Mention] = []
    seen: set[str] = set()
    for t in things:
        if len(t.text.split()) == 1:
            head = _head_word(t.text)
            if head in heads or head in seen:
                continue
            seen.add(head)
        out.append(t)
    return tuple(out)


#: victims the MUC-4 view leaves out of a report typed as a battle (an armed clash): the soldiers
#: and rebels it hurt. MUC-4 codes terrorist acts, not military clashes: in DEV-MUC3 the keys name
#: soldiers, troops, guerrillas or rebels as human targets about 10 times where the extractor's
#: aligned reports named them about 100 times. An attack on soldiers that is no clash (a bomb on
#: an army bus) keeps them, as the keys do. The report itself keeps every victim.
COMBATANT_TYPES = frozenset({"Military", "Terrorists/Non-State Militia"})


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    """Demonym keys ("spanish", "salvadoran", "us"), singular and plural, from the gazetteer's
    data file (``name_key`` form)."""
    from tollwatch.extract.gazetteer_names import load_demonyms

    keys = set(load_demonyms()) | {"us"}
    return frozenset(keys | {k + "s" for k in keys})


def without_nationality(text: str) -> str:
    """A victim without the nationality words it opens on ("Spanish Jesuits" -> "Jesuits", "U.S.
    Mormon missionaries" -> "Mormon missionaries"): MUC-4 gives a human target's nationality in
    a slot of its own (HUM TGT: FOREIGN NATION), not in its description. A phrase that is only a
    nationality stays as it is. Physical targets keep theirs: the keys write "U.S. EMBASSY",
    "COLOMBIAN EMBASSY" (the nation names the building)."""
    from tollwatch.extract.gazetteer_names import name_key

    words = text.split()
    known = _nationalities()
    k = 0
    while k < len(words) - 1 and name_key(words[k]) in known:
        k += 1
    return " ".join(words[k:]) if k else text


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, tuple[str, ...]]:
    """Canonical organisation name -> its acronyms in the actor table ("FMLN")."""
    from tollwatch.extract.lexicon import load_lexicons

    out: dict[str, list[str]] = {}
    for alias in load_lexicons().actors:
        a = alias.alias
        if alias.case_sensitive and a.isupper() and a.isalpha() and len(a) >= 3:
            out.setdefault(alias.name, []).append(a)
    return {k: tuple(v) for k, v in out.items()}


def _org_string(actor: Actor, report: Report) -> str:
    """An organisation as a MUC-4 key most often writes it: its acronym when the report's
    sentences use it ("the Farabundo Marti National Liberation Front [FMLN] urban commands",
    "the FMLN"), else as written."""
    told = " ".join(e.text for e in report.evidence)
    for acronym in _acronyms().get(actor.name, ()):
        if re.search(r"\b" + re.escape(acronym) + r"\b", told):
            return acronym
    return actor.text


def predicted_from_report(report: Report) -> Predicted:
    places: list[str] = []
    locations = [report.location] if report.location else []
    locations += [s.location for s in report.sites]
    for loc in locations:
        places += [loc.name] + ([loc.matched_name] if loc.matched_name else [])
    perps = report.perpetrators
    roles = {
        "PerpInd": tuple(a.text for a in perps if a.kind == "individual"),
        "PerpOrg": tuple(_org_string(a, report) for a in perps if a.kind != "individual"),
        "Target": tuple(m.text for m in target_entities(report.targets)),
        "Victim": tuple(
            without_nationality(m.text)
            for m in report.victims
            if report.event_type != "Battles" or m.type not in COMBATANT_TYPES
        ),
        "Weapon": tuple(m.text for m in weapon_entities(report.weapons)),
    }
    k, i = report.killed, report.injured
    return Predicted(
        report_id=report.id,
        type=muc_type(report),
        date=report.date,
        country=report.location.country if report.location else None,
        places=tuple(dict.fromkeys(p for p in places if p)),
        roles=roles,
        killed=toll_value(k.low, k.best, k.high),
        injured=toll_value(i.low, i.best, i.high),
        summary=report.summary,
    )


def current_reports(reports: Iterable[Report]) -> list[Report]:
    """The reports a scorer compares with gold: references (history) are skipped."""
    return [r for r in reports if not r.is_reference]
