"""MUC-4 with the full answer keys: reports of the extractor against key templates, field by field.

Per message, predicted reports (references skipped) are aligned one-to-one with key templates so
as to maximise the summed similarity (``score.best_assignment``), a pair needing similarity >= 1:

    type in the key's alternatives 1.0 + country 0.5 + place 1.0 + date 0.5
    + 1.0 per role group (perpetrator, physical target, human target, instrument) sharing a string

Scores (``MucTally``):

- incident detection: aligned pairs are true positives, unaligned reports false positives (every
  report of an irrelevant message is one), unaligned non-optional templates false negatives;
  message relevance: a message is relevant when its key has a non-optional template.
- roles: ``score.match_entities`` per role over all templates (an unaligned report's strings are
  all false positives, an unaligned template's entities all misses) and over aligned pairs only.
  PerpInd = PERP: INDIVIDUAL ID, PerpOrg = PERP: ORGANIZATION ID, Target = PHYS TGT: ID, Victim =
  HUM TGT: NAME with its DESCRIPTIONs (or an unnamed DESCRIPTION), Weapon = INCIDENT: INSTRUMENT
  ID; "Perp (any)" pools both perpetrator slots on both sides.
- killed/injured: see ``muc_gold._toll``; right when the report's toll (best, else low, else high)
  lies in the key's interval; MAE is the distance to the interval over aligned pairs where both
  sides state a number; "of gold stating one" counts unaligned templates as wrong.
- date: the report's date lies in one of the key's date alternatives (``muc_gold.date_matches``).
- location: country = the report location's country; place = a location or site name (as written
  or as matched in the gazetteer) equals a place name of the key (below the country).
- type: the report's ``score.muc_type`` is among the key's type alternatives.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tollwatch.evaluate.muc_gold import GoldIncident, date_matches
from tollwatch.evaluate.score import (
    ROLES,
    Counts,
    Predicted,
    Rate,
    best_assignment,
    match_entities,
    normalize,
)

ROLE_SLOTS = {
    "PerpInd": "perp_ind",
    "PerpOrg": "perp_org",
    "Target": "targets",
    "Victim": "victims",
    "Weapon": "weapons",
}
MIN_SIMILARITY = 1.0


def gold_role(g: GoldIncident, role: str) -> tuple[tuple[str, ...], ...]:
    if role == "Perp (any)":
        return g.perp_ind + g.perp_org
    return getattr(g, ROLE_SLOTS[role])


def pred_role(p: Predicted, role: str) -> tuple[str, ...]:
    if role == "Perp (any)":
        return p.roles["PerpInd"] + p.roles["PerpOrg"]
    return p.roles[role]


def country_ok(p: Predicted, g: GoldIncident) -> bool | None:
    codes = {loc.country for loc in g.locations if loc.country}
    return None if not codes else p.country in codes


def place_ok(p: Predicted, g: GoldIncident) -> bool | None:
    """Whether a place of the report is a place of the key, by name; accents are folded, as
    the keys are written without them ("Bogotá" is BOGOTA)."""
    gold = {_folded(name) for loc in g.locations for name in loc.places}
    return None if not gold else bool(gold & {_folded(x) for x in p.places})


def _folded(name: str) -> str:
    text = unicodedata.normalize("NFKD", normalize(name))
    return "".join(c for c in text if not unicodedata.combining(c))


def date_ok(p: Predicted, g: GoldIncident) -> bool | None:
    if not g.dates:
        return None
    return p.date is not None and any(date_matches(span, p.date) for span in g.dates)


def similarity(p: Predicted, g: GoldIncident) -> float:
    score = 1.0 if p.type in g.types else 0.0
    score += 0.5 if country_ok(p, g) else 0.0
    score += 1.0 if place_ok(p, g) else 0.0
    score += 0.5 if date_ok(p, g) else 0.0
    for role in ("Perp (any)", "Target", "Victim", "Weapon"):
        if match_entities(pred_role(p, role), gold_role(g, role)).counts.p_num:
            score += 1.0
    return score


@dataclass
class TollTally:
    """Casualty counts of one kind (killed or injured)."""

    exact_aligned: Rate = field(default_factory=Rate)  # aligned, gold states a number
    exact_of_gold: Rate = field(default_factory=Rate)  # every gold template stating a number
    abs_errors: list[float] = field(default_factory=list)
    missing_prediction: int = 0  # aligned, gold states a number, the report none
    spurious: int = 0  # aligned, gold states no such casualties, the report a positive number
    gold_vague: int = 0  # gold templates with such casualties but no usable number

    def to_dict(self) -> dict[str, Any]:
        mae = sum(self.abs_errors) / len(self.abs_errors) if self.abs_errors else None
        return {
            "exact_aligned": self.exact_aligned.to_dict(),
            "exact_of_gold": self.exact_of_gold.to_dict(),
            "mae": round(mae, 2) if mae is not None else None,
            "mae_n": len(self.abs_errors),
            "missing_prediction": self.missing_prediction,
            "spurious": self.spurious,
            "gold_vague": self.gold_vague,
        }


ALL_ROLES = (*ROLES, "Perp (any)")


@dataclass
class MucTally:
    docs: int = 0
    failures: int = 0
    relevance: Counts = field(default_factory=Counts)
    detection: Counts = field(default_factory=Counts)
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ALL_ROLES})
    roles_aligned: dict[str, Counts] = field(
        default_factory=lambda: {r: Counts() for r in ALL_ROLES}
    )
    type_aligned: Rate = field(default_factory=Rate)
    date_aligned: Rate = field(default_factory=Rate)
    date_of_gold: Rate = field(default_factory=Rate)
    country_aligned: Rate = field(default_factory=Rate)
    place_aligned: Rate = field(default_factory=Rate)
    place_of_gold: Rate = field(default_factory=Rate)
    killed: TollTally = field(default_factory=TollTally)
    injured: TollTally = field(default_factory=TollTally)

    def micro(self, which: dict[str, Counts]) -> Counts:
        total = Counts()
        for role in ROLES:
            total.add(which[role])
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "failures": self.failures,
            "relevance": self.relevance.to_dict(),
            "detection": self.detection.to_dict(),
            "roles": {r: c.to_dict() for r, c in self.roles.items()}
            | {"micro (5 roles)": self.micro(self.roles).to_dict()},
            "roles_aligned": {r: c.to_dict() for r, c in self.roles_aligned.items()}
            | {"micro (5 roles)": self.micro(self.roles_aligned).to_dict()},
            "type_aligned": self.type_aligned.to_dict(),
            "date_aligned": self.date_aligned.to_dict(),
            "date_of_gold": self.date_of_gold.to_dict(),
            "country_aligned": self.country_aligned.to_dict(),
            "place_aligned": self.place_aligned.to_dict(),
            "place_of_gold": self.place_of_gold.to_dict(),
            "killed": self.killed.to_dict(),
            "injured": self.injured.to_dict(),
        }


def _gold_summary(g: GoldIncident) -> dict[str, Any]:
    return {
        "template": g.number + (" (optional)" if g.optional else ""),
        "type": "/".join(g.types),
        "date": [f"{s.lo or '..'}..{s.hi}" for s in g.dates],
        "location": [":".join([loc.country_name, *loc.places]) for loc in g.locations],
        "killed": _interval(g.killed, g.killed_vague),
        "injured": _interval(g.injured, g.injured_vague),
        **{role: [e[0] for e in gold_role(g, role)] for role in ROLES},
    }


def _pred_summary(p: Predicted) -> dict[str, Any]:
    return {
        "report": p.report_id,
        "type": p.type,
        "date": p.date.isoformat() if p.date else None,
        "country": p.country,
        "places": list(p.places),
        "killed": p.killed,
        "injured": p.injured,
        "summary": p.summary,
        **{role: list(p.roles[role]) for role in ROLES},
    }


def _interval(value: Any, vague: bool) -> str | None:
    if value is None:
        return "vague" if vague else None
    if value.hi == value.lo:
        return str(value.lo)
    return f"{value.lo}..{value.hi if value.hi is not None else ''}"


def _toll(tally: TollTally, gold: Any, vague: bool, pred: int | None, aligned: bool) -> Any:
    """Update one toll tally for one gold template; return its error record."""
    if gold is None:
        if vague:
            tally.gold_vague += 1
        if aligned and not vague and pred:
            tally.spurious += 1
            return {"expected": None, "got": pred, "ok": False}
        return None
    ok = aligned and pred is not None and gold.contains(pred)
    tally.exact_of_gold.add(ok)
    if aligned:
        tally.exact_aligned.add(ok)
        if pred is None:
            tally.missing_prediction += 1
        else:
            tally.abs_errors.append(gold.distance(pred))
        return {"expected": _interval(gold, False), "got": pred, "ok": ok}
    return None


def score_document(
    tally: MucTally, doc_id: str, golds: list[GoldIncident], preds: list[Predicted]
) -> dict[str, Any]:
    """Add one message to ``tally``; return its error-analysis record."""
    tally.docs += 1
    relevant = any(not g.optional for g in golds)
    if relevant or not golds:
        tally.relevance.p_den += int(bool(preds))
        tally.relevance.r_den += int(relevant)
        hit = int(relevant and bool(preds))
        tally.relevance.p_num += hit
        tally.relevance.r_num += hit
    pairs = best_assignment(
        len(preds), len(golds), lambda i, j: similarity(preds[i], golds[j]), MIN_SIMILARITY
    )
    pair_of_gold = {j: i for i, j in pairs}
    aligned_preds = {i for i, _ in pairs}
    record: dict[str, Any] = {"doc_id": doc_id, "pairs": [], "missed": [], "spurious": []}
    for i, p in enumerate(preds):
        if i not in aligned_preds:
            tally.detection.p_den += 1
            for role in ALL_ROLES:
                tally.roles[role].add(match_entities(pred_role(p, role), ()).counts)
            record["spurious"].append(_pred_summary(p))
    for j, g in enumerate(golds):
        i = pair_of_gold.get(j)
        p = preds[i] if i is not None else None
        if p is None:
            if not g.optional:
                tally.detection.r_den += 1
                for role in ALL_ROLES:
                    m = match_entities((), gold_role(g, role), g.optional_entities)
                    tally.roles[role].add(m.counts)
                if g.dates:
                    tally.date_of_gold.add(False)
                if any(loc.places for loc in g.locations):
                    tally.place_of_gold.add(False)
                _toll(tally.killed, g.killed, g.killed_vague, None, False)
                _toll(tally.injured, g.injured, g.injured_vague, None, False)
                record["missed"].append(_gold_summary(g))
            continue
        tally.detection.p_den += 1
        tally.detection.p_num += 1
        tally.detection.r_den += 1
        tally.detection.r_num += 1
        pair: dict[str, Any] = {"gold": _gold_summary(g), "pred": _pred_summary(p), "roles": {}}
        for role in ALL_ROLES:
            m = match_entities(pred_role(p, role), gold_role(g, role), g.optional_entities)
            tally.roles[role].add(m.counts)
            tally.roles_aligned[role].add(m.counts)
            if m.spurious or m.missed:
                pair["roles"][role] = {"spurious": m.spurious, "missed": m.missed}
        checks = {
            "type": p.type in g.types,
            "date": date_ok(p, g),
            "country": country_ok(p, g),
            "place": place_ok(p, g),
        }
        tally.type_aligned.add(bool(checks["type"]))
        if checks["date"] is not None:
            tally.date_aligned.add(checks["date"])
            tally.date_of_gold.add(checks["date"])
        if checks["country"] is not None:
            tally.country_aligned.add(checks["country"])
        if checks["place"] is not None:
            tally.place_aligned.add(checks["place"])
            tally.place_of_gold.add(checks["place"])
        pair["wrong"] = [k for k, v in checks.items() if v is False]
        for kind in ("killed", "injured"):
            rec = _toll(
                getattr(tally, kind),
                getattr(g, kind),
                getattr(g, f"{kind}_vague"),
                getattr(p, kind),
                True,
            )
            if rec and not rec["ok"]:
                pair["wrong"].append(kind)
        record["pairs"].append(pair)
    return record
