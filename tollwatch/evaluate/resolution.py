"""Scoring resolution (issue 4): extraction + resolution over a team-written dev set.

The dev set (``tests/data/resolve/devset.jsonl``) holds short reports of real incidents, written by
the team with the facts paraphrased: several per incident, syndicated copies, coordinated
multi-site attacks with reports of one site only, and near-miss pairs that must stay apart (same
city days apart, two cities on the same day, an attack and the funeral attacked days later). Each
line: ``id``, ``source``, ``published``, ``title``, ``text``, and the gold ``incident`` label and
``country``.

Each article is scored through its *primary* report: the first report whose country is the gold
country (other reports of the article, such as a second incident it mentions, are resolved too
but not scored). An article with no such report is a singleton that matches nothing.

Metrics (over articles): pairwise precision / recall / F1 (pairs put in one incident vs pairs
of one gold incident), B-cubed precision / recall / F1 (per item, averaged), cross-country merges
(predicted incidents whose articles have more than one gold country) and whether resolving the
reports in a shuffled order gives the same partition.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tollwatch.config import Settings
from tollwatch.resolve.engine import resolve
from tollwatch.types import Article, Report

__all__ = ["DEFAULT_DEVSET", "load_devset", "pairwise", "bcubed", "evaluate_resolution"]

DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "tests" / "data" / "resolve" / "devset.jsonl"


def load_devset(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in clusters:
        ms = sorted(members)
        out.update((a, b) for i, a in enumerate(ms) for b in ms[i + 1 :])
    return out


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of a predicted vs a gold labelling of the same items."""

    def groups(labels: Mapping[str, str]) -> list[list[str]]:
        g: dict[str, list[str]] = defaultdict(list)
        for item, label in labels.items():
            g[label].append(item)
        return list(g.values())

    p_pairs, g_pairs = _pairs(groups(pred)), _pairs(groups(gold))
    tp = len(p_pairs & g_pairs)
    p = tp / len(p_pairs) if p_pairs else 1.0
    r = tp / len(g_pairs) if g_pairs else 1.0
    return {**_prf(p, r), "predicted_pairs": len(p_pairs), "gold_pairs": len(g_pairs)}


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision/recall/F1 (per-item precision and recall of its cluster, averaged)."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    ps, rs = [], []
    for item in gold:
        same = by_pred[pred[item]] & by_gold[gold[item]]
        ps.append(len(same) / len(by_pred[pred[item]]))
        rs.append(len(same) / len(by_gold[gold[item]]))
    return _prf(sum(ps) / len(ps), sum(rs) / len(rs))


def evaluate_resolution(
    path: str | Path, settings: Settings, extractor: Any = None
) -> dict[str, Any]:
    """Extract and resolve the dev set at ``path``; the metrics above, and the errors."""
    from tollwatch.extract.pipeline import Extractor

    records = load_devset(path)
    articles = [
        Article(
            id=r["id"],
            text=r["text"],
            source=r.get("source"),
            title=r.get("title"),
            published=datetime.fromisoformat(r["published"]),
        )
        for r in records
    ]
    extractor = extractor or Extractor(settings)
    reports: list[Report] = []
    primary: dict[str, str] = {}
    gold_country = {r["id"]: r["country"] for r in records}
    for article, result in extractor.extract_many(articles):
        if not isinstance(result, list):
            continue
        current = [x for x in result if not x.is_reference]
        reports.extend(current)
        for x in current:
            country = x.location.country if x.location else None
            if country == gold_country[article.id] and article.id not in primary:
                primary[article.id] = x.id
    result = resolve(reports, settings)
    shuffled = list(reports)
    random.Random(4).shuffle(shuffled)
    again = resolve(list(reversed(shuffled)), settings)
    same = sorted(i.report_ids for i in result.incidents) == sorted(
        i.report_ids for i in again.incidents
    )
    gold = {r["id"]: r["incident"] for r in records}
    pred = {
        aid: result.incident_of.get(primary[aid], "none:" + aid)
        if aid in primary
        else "none:" + aid
        for aid in gold
    }
    members: dict[str, list[str]] = defaultdict(list)
    for aid, label in pred.items():
        members[label].append(aid)
    cross = [sorted(m) for m in members.values() if len({gold_country[a] for a in m}) > 1]
    wrong = [
        {"predicted_together": sorted(m), "gold": sorted({gold[a] for a in m})}
        for m in members.values()
        if len({gold[a] for a in m}) > 1
    ]
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for aid, label in gold.items():
        gold_groups[label].append(aid)
    split = [
        {"incident": g, "predicted": sorted({pred[a] for a in m})}
        for g, m in gold_groups.items()
        if len({pred[a] for a in m}) > 1
    ]
    return {
        "dataset": str(path),
        "articles": len(records),
        "gold_incidents": len(gold_groups),
        "predicted_incidents": len(members),
        "articles_without_report": sorted(a for a in gold if a not in primary),
        "pairwise": pairwise(pred, gold),
        "bcubed": bcubed(pred, gold),
        "cross_country_merges": len(cross),
        "order_independent": same,
        "false_merges": wrong,
        "false_splits": split,
    }
