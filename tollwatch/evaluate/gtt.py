"""The template-filling metric of GTT (Du et al., 2021) and IterX (Chen et al., 2023) on the
processed MUC-4 splits (``muc4_gtt/{train,dev}.jsonl``), reimplemented from its description.

A template is an incident type plus five roles (PerpInd, PerpOrg, Target, Victim, Weapon), each a
list of entities, an entity being the list of its mention strings. Strings are normalised
(``score.normalize``: lower-case, no punctuation, no a/an/the).

- Gold: entities with no mention are dropped, then identical templates of a document are kept
  once. Predicted: one template per current report, each role string a one-mention entity,
  duplicates (after normalisation) dropped, as IterX does.
- Per document, every one-to-one mapping of predicted to gold templates is tried (a predicted
  template may stay unmapped); a pair only counts when the predicted type is one of the gold
  type's alternatives ("bombing / attack"). The mapping with the best document F1 wins (the first
  such in the scorer's enumeration order: predicted template k tries gold 0, 1, ... then none).
  Documents with more than ``MAX_MAPPINGS`` candidate mappings fall back to the exact maximum of
  matched slots (``score.best_assignment``), which is not always the F1 optimum.
- In a mapped pair the incident type is one correct slot on both sides; a predicted entity is
  correct when all its mentions are mentions of one gold entity of the same role; a gold entity
  is found when some predicted entity matches it (each gold entity counts once in recall).
  Unmapped predicted templates add their type and entities to the precision denominator only,
  unmapped gold templates theirs to the recall denominator only.
- Counts are summed over documents; the headline is the micro-average over the six slots.

Predicted roles from a Report: PerpInd = perpetrators of kind individual, PerpOrg = the others
(``Actor.text``), Target = targets, Victim = victims that are proper names (GTT's Victim entities
are named people), Weapon = weapons (``Mention.text``); the
incident type is ``score.muc_type`` lower-cased.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from math import comb, perm
from pathlib import Path
from typing import Any

from tollwatch.evaluate.score import (
    ROLES,
    Counts,
    best_assignment,
    dedupe_normalized,
    muc_type,
    normalize,
    target_entities,
    weapon_entities,
    without_nationality,
)
from tollwatch.types import Report

SLOTS = ("incident_type", *ROLES)
MAX_MAPPINGS = 200_000
Template = dict[str, Any]  # {"incident_type": str, role: [[mention, ...], ...]}


@dataclass(frozen=True)
class GttDoc:
    docid: str
    text: str
    templates: tuple[Template, ...]


def gold_templates(raw: Iterable[dict[str, Any]]) -> list[Template]:
    out: list[Template] = []
    for t in raw:
        template: Template = {"incident_type": str(t.get("incident_type", "attack"))}
        for role in ROLES:
            entities = []
            for entity in t.get(role, []):
                mentions = [normalize(m[0] if isinstance(m, list | tuple) else m) for m in entity]
                if mentions:
                    entities.append(mentions)
            template[role] = entities
        if template not in out:
            out.append(template)
    return out


def read_gtt(path: Path) -> list[GttDoc]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.append(GttDoc(d["docid"], d["doctext"], tuple(gold_templates(d["templates"]))))
    return docs


def predicted_template(report: Report) -> Template:
    perps = report.perpetrators
    strings = {
        "PerpInd": [a.text for a in perps if a.kind == "individual"],
        "PerpOrg": [a.text for a in perps if a.kind != "individual"],
        "Target": [m.text for m in target_entities(report.targets)],
        # GTT's Victim entities are named people (MUC's HUM TGT: NAME); our victims also hold
        # descriptions ("peasants"), which the GTT keys do not list as Victim entities
        "Victim": [without_nationality(m.text) for m in report.victims if _named(m.text)],
        "Weapon": [m.text for m in weapon_entities(report.weapons)],
    }
    template: Template = {"incident_type": muc_type(report).lower()}
    for role in ROLES:
        template[role] = [[s] for s in dedupe_normalized(strings[role])]
    return template


def _named(text: str) -> bool:
    """A proper name: two or more capitalised words, or one after a title ("Col Quintero"); one
    capitalised word that is a noun of people ("Jesuits", "Students") is a description."""
    words = [w for w in text.split() if w[:1].isalpha()]
    capitals = [w for w in words if w[:1].isupper()]
    if len(words) == 1 and _people_noun(words[0]):
        return False
    return len(capitals) >= 2 or (
        len(capitals) == 1 and len(words) == 1 and len(text) > 3 and not text.isupper()
    )


@cache
def _people_nouns() -> frozenset[str]:
    from tollwatch.extract.lexicon import load_lexicons

    return frozenset(load_lexicons().victims)


def _people_noun(word: str) -> bool:
    """A noun of the victims lexicon, singular or plural ("Jesuits" -> "jesuit")."""
    nouns = _people_nouns()
    w = word.lower()
    return w in nouns or (w.endswith("s") and w[:-1] in nouns)


def _types_compatible(pred_type: str, gold_type: str) -> bool:
    return pred_type in [t.strip() for t in gold_type.split("/")]


def _entity_matches(gold_entity: list[str], pred_entity: list[str]) -> bool:
    return all(m in gold_entity for m in pred_entity)


def _pair_counts(pred: Template, gold: Template) -> dict[str, Counts]:
    """Counts of a mapped pair (numerators and denominators)."""
    out = {"incident_type": Counts(1, 1, 1, 1)}
    for role in ROLES:
        c = Counts()
        for p in pred[role]:
            c.p_den += 1
            c.p_num += int(any(_entity_matches(g, p) for g in gold[role]))
        for g in gold[role]:
            c.r_den += 1
            c.r_num += int(any(_entity_matches(g, p) for p in pred[role]))
        out[role] = c
    return out


def _alone(template: Template, side: str) -> dict[str, Counts]:
    """Counts of an unmapped template: denominators only."""
    out = {}
    for slot in SLOTS:
        n = 1 if slot == "incident_type" else len(template[slot])
        out[slot] = Counts(p_den=n) if side == "pred" else Counts(r_den=n)
    return out


def _n_mappings(n_pred: int, n_gold: int) -> int:
    return sum(comb(n_pred, k) * perm(n_gold, k) for k in range(min(n_pred, n_gold) + 1))


@dataclass
class DocScore:
    counts: dict[str, Counts]
    mapping: dict[int, int]  # predicted template index -> gold template index
    approximate: bool = False  # too many mappings to try: best matched slots, not best F1


def score_document(preds: list[Template], golds: list[Template]) -> DocScore:
    """The best mapping of one document and its counts."""
    pair: dict[tuple[int, int], dict[str, Counts]] = {}
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if _types_compatible(p["incident_type"], g["incident_type"]):
                pair[i, j] = _pair_counts(p, g)
    base = {s: Counts() for s in SLOTS}
    for p in preds:
        for s, c in _alone(p, "pred").items():
            base[s].add(c)
    for g in golds:
        for s, c in _alone(g, "gold").items():
            base[s].add(c)

    def counts_for(mapping: dict[int, int]) -> dict[str, Counts]:
        out = {s: Counts(0, base[s].p_den, 0, base[s].r_den) for s in SLOTS}
        for i, j in mapping.items():
            for s, c in pair[i, j].items():
                out[s].p_num += c.p_num
                out[s].r_num += c.r_num
        return out

    def micro_f1(counts: dict[str, Counts]) -> float:
        total = Counts()
        for c in counts.values():
            total.add(c)
        return total.f1

    if _n_mappings(len(preds), len(golds)) > MAX_MAPPINGS:

        def value(i: int, j: int) -> float:
            return sum(c.p_num + c.r_num for c in pair[i, j].values()) if (i, j) in pair else -1

        mapping = dict(best_assignment(len(preds), len(golds), value, 0))
        return DocScore(counts_for(mapping), mapping, approximate=True)

    best: list[Any] = [None, -1.0, {}]  # counts, f1, mapping

    def search(i: int, used: frozenset[int], mapping: dict[int, int]) -> None:
        if i == len(preds):
            counts = counts_for(mapping)
            f1 = micro_f1(counts)
            if best[0] is None or f1 > best[1]:
                best[:] = [counts, f1, dict(mapping)]
            return
        for j in range(len(golds)):
            if j in used or (i, j) not in pair:
                continue
            mapping[i] = j
            search(i + 1, used | {j}, mapping)
            del mapping[i]
        search(i + 1, used, mapping)

    search(0, frozenset(), {})
    return DocScore(best[0], best[2])


@dataclass
class GttTally:
    docs: int = 0
    failures: int = 0
    approximate_docs: int = 0
    slots: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SLOTS})

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.slots.values():
            total.add(c)
        return total

    def add(self, doc: DocScore) -> None:
        self.docs += 1
        self.approximate_docs += int(doc.approximate)
        for s, c in doc.counts.items():
            self.slots[s].add(c)

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "failures": self.failures,
            "approximate_docs": self.approximate_docs,
            "slots": {s: c.to_dict() for s, c in self.slots.items()},
            "micro": self.micro.to_dict(),
        }


def error_record(
    docid: str, preds: list[Template], golds: list[Template], doc: DocScore
) -> dict[str, Any]:
    """Per-document mismatches for error analysis."""
    pairs = []
    for i, j in sorted(doc.mapping.items()):
        p, g = preds[i], golds[j]
        roles = {}
        for role in ROLES:
            spurious = [e[0] for e in p[role] if not any(_entity_matches(x, e) for x in g[role])]
            missed = [e[0] for e in g[role] if not any(_entity_matches(e, x) for x in p[role])]
            if spurious or missed:
                roles[role] = {"spurious": spurious, "missed": missed}
        pairs.append({"pred": i, "gold": j, "type": g["incident_type"], "roles": roles})
    return {
        "doc_id": docid,
        "gold": golds,
        "pred": preds,
        "pairs": pairs,
        "unmapped_pred": [i for i in range(len(preds)) if i not in doc.mapping],
        "unmapped_gold": [j for j in range(len(golds)) if j not in doc.mapping.values()],
    }
