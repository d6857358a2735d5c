"""Scoring resolution (issue 4) on MUC-4: messages that report the same real incident.

The MUC-4 answer keys describe each message on its own; nothing says that two messages report one
incident. The gold clusters are built from the keys by a fixed rule (``same_incident``): two key
templates of *different* messages describe one incident when

- their incident types share an alternative (``BOMBING``, ``ATTACK``...),
- they share a (country, place) pair below the country level (``SV: SAN SALVADOR``),
- their date ranges overlap (``- 16 NOV 89``, "on or before", is read as the 60 days before), and
- they share a *specific* target string: a physical target (PHYS TGT: ID) or a human target (HUM
  TGT: NAME or DESCRIPTION) after ``score.normalize``; strings made only of generic words
  (``PEOPLE``, ``CIVILIANS``, ``INJURED``, ``BODYGUARDS``...) do not count, and two names of two
  or more words match when the words of one are all in the other (``ANTONIO RODRIGUEZ PORTH`` /
  ``JOSE ANTONIO RODRIGUEZ PORTH``).

A second, **named-victim rule** joins two templates that name the same person as a human target
(HUM TGT: NAME, a name of two or more words, not marked optional ``?``; matched as above: ``HECTOR
OQUELI`` / ``HECTOR OQUELI COLINDRES``) in one country, whatever their types, when their places
agree or one key gives only the country, and their date ranges overlap within
``NAMED_DATE_TOLERANCE_DAYS`` (1). The keys code one incident from different messages with
different fills: a follow-up filed days later gives only the country (``PERU`` for the murder of
Enrique Lopez Albujar in ``PERU: LIMA: SAN ISIDRO``), one message calls the abduction of Hector
Delgado Parker (Lima, 4 October 1989, his driver killed) KIDNAPPING and another ATTACK, the
kidnapping of Hector Oqueli is dated 12 January in one key and his murder "2 days ago" on 15
January, 13 January, in another. A named person pins the incident where a description ("JESUIT
PRIESTS") or a place does not, so this rule needs no common type, nor a common place where one
key stops at the country (two places below the country that differ still keep two keys
apart); "on or before" keeps its
60-day reading, so the 1980 murder of Archbishop Romero, named in 1989 messages dated "on or
before" them, does not join the 1989 keys that name him, and optional names (the key writers'
"?", such as Romero in one Jesuit-murder key) do not count.

A key that stops at the country joins by the first rule (type, specific target) only about a
day that one of the two keys gives: the other key dates it that day or up to
``COUNTRY_DATE_TOLERANCE_DAYS`` (2) later, exactly or "on or before". Follow-ups that give only
the country date the murder of the Jesuits (16 November 1989) "17 NOV 89", "15 NOV 89" or
"- 18 NOV 89" (on or before the message of 18 November): such keys join ``EL SALVADOR: SAN
SALVADOR``, ``JESUITS``. Until session 12 the rule wanted the very same day and left a dozen of
them alone (figures under both rules in docs/accuracy.md); with the whole 60-day window of "on or
before", such keys chained dozens of San Salvador attacks (below). A title alone (``MRS``) is a
generic word.

Matching pairs are joined by union-find (in (doc, template) order), refusing a union that would
put two templates of one message into one cluster (the key writers told them apart). Weaknesses:
a template whose location is only a country (``EL SALVADOR``), that names nobody and is dated
"on or before", or that has no date or no specific target, is always a singleton (letting a country-only key match any
place of its country by any target string chained the Romero murder of 1980, the Jesuit murders
and dozens of other San Salvador attacks into one cluster of 93); type alternatives that differ
keep unnamed targets apart; spellings that differ (``FENSATRAS`` / ``FENASTRAS``) miss; the 60-day
reading of "on or before" and transitive joins can join incidents that only look alike.

Hand-checked keys: the rule leaves the many follow-ups of one incident singletons when their keys
stop at the country and are dated only "on or before" the message (or not at all), so a resolver
that joins them to the incident is counted wrong. The keys listed in
``tollwatch/data/eval/muc_same_incident.tsv`` were read by hand (their dates, places, targets and
effects; the file names those read and left out) and are moved into the cluster of an anchor key
of the incident (``with_hand_checks``; not a key whose message already has a template there).
The documents scored are still chosen by the rule's clusters; the same predictions are scored
against both golds (``hand_checked`` in the result). One incident is listed so far: the murder of
the Jesuits at the Central American University (16 November 1989).

Documents scored: every message with a template in a multi-message cluster, plus as many
distractors (or all there are, when fewer): messages whose key holds exactly one template that
is a singleton cluster (chosen by a hash of the id, so the choice is fixed). Their texts are extracted
(``Extractor.extract_many``), stored in a throwaway SQLite store and resolved exactly as
``tollwatch run`` does (``run.incremental.resolve_pending``). Each message's reports are aligned
one-to-one with its key templates (``muc.similarity`` via ``score.best_assignment``, the alignment
of ``tollwatch eval --dataset muc4``); the aligned reports are the items scored, labelled with the
gold cluster of their template and the incident they were resolved into.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tollwatch.config import Settings
from tollwatch.evaluate import muc
from tollwatch.evaluate.muc_gold import GoldIncident, gold_incident
from tollwatch.evaluate.resolution import bcubed, pairwise
from tollwatch.evaluate.score import best_assignment, normalize, predicted_from_report

__all__ = [
    "GENERIC_WORDS",
    "MUC_RESOLUTION_SPLIT",
    "evaluate_muc_resolution",
    "gold_clusters",
    "hand_checked",
    "same_incident",
    "select_documents",
    "with_hand_checks",
]

MUC_RESOLUTION_SPLIT = "dev+tst1+tst2"
BEFORE_WINDOW_DAYS = 60  # "on or before D": D - 60 days .. D (muc_gold.date_matches)
#: Two keys naming the same person may date the incident this many days apart ("2 days ago").
NAMED_DATE_TOLERANCE_DAYS = 1
#: A key that stops at the country joins a key dated to the day when its own date is that day, or
#: ends this many days after it ("17 NOV 89", "- 18 NOV 89" for 16 November).
COUNTRY_DATE_TOLERANCE_DAYS = 2

#: A target string made only of these words says nothing about which incident it is.
GENERIC_WORDS = frozenset(
    """people person persons individuals civilian civilians injured wounded dead bodies victims
    man men woman women child children girl girls boy boys youth youths others other another
    daughter son wife family relatives driver drivers bodyguard bodyguards escort escorts his her
    their members member police policeman policemen soldier soldiers troops peasant peasants
    worker workers student students locals resident residents citizen citizens us salvadoran
    colombian peruvian guatemalan vehicle vehicles car cars bus buses house houses home homes
    building buildings office offices two three four five six several some one of and mr mrs ms
    dr""".split()
)

Key = tuple[str, str]  # (doc_id, template number)


# -- the gold rule ------------------------------------------------------------------------------
def _span(g: GoldIncident) -> list[tuple[date, date]]:
    return [(s.lo or s.hi - timedelta(days=BEFORE_WINDOW_DAYS), s.hi) for s in g.dates]


def _places(g: GoldIncident) -> set[tuple[str, str]]:
    return {
        (loc.country, normalize(p)) for loc in g.locations if loc.country for p in loc.places
    } - {(c, "") for c in {loc.country for loc in g.locations}}


def target_strings(g: GoldIncident) -> set[str]:
    """The specific target strings of a template (physical and human targets), normalised."""
    out = {normalize(s) for entity in g.targets + g.victims for s in entity}
    return {s for s in out if s and not set(s.split()) <= GENERIC_WORDS}


def _strings_match(a: str, b: str) -> bool:
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return min(len(wa), len(wb)) >= 2 and (wa <= wb or wb <= wa)


def shared_targets(a: GoldIncident, b: GoldIncident) -> list[str]:
    ta, tb = target_strings(a), target_strings(b)
    return sorted(x for x in ta if any(_strings_match(x, y) for y in tb))


def _countries(g: GoldIncident) -> set[str]:
    return {loc.country for loc in g.locations if loc.country}


def shared_people(a: GoldIncident, b: GoldIncident) -> list[str]:
    """The named people (HUM TGT: NAME) of two templates that match (``_strings_match``: a name
    of two or more words, equal or contained in the other's)."""
    na = {n for n in map(normalize, a.victim_names) if len(n.split()) >= 2}
    nb = {n for n in map(normalize, b.victim_names) if len(n.split()) >= 2}
    return sorted(x for x in na if any(_strings_match(x, y) for y in nb))


def _same_person_incident(a: GoldIncident, b: GoldIncident) -> bool:
    """The named-victim rule of the module docstring: a person named by both keys, in one
    country, places that agree or are left at the country, dates that agree within a day."""
    if not _countries(a) & _countries(b) or not shared_people(a, b):
        return False
    pa, pb = _places(a), _places(b)
    if pa and pb and not pa & pb:
        return False
    tolerance = timedelta(days=NAMED_DATE_TOLERANCE_DAYS)
    return any(
        x0 <= y1 + tolerance and y0 <= x1 + tolerance for x0, x1 in _span(a) for y0, y1 in _span(b)
    )


def same_incident(a: GoldIncident, b: GoldIncident) -> bool:
    """The gold rule of the module docstring (templates of two different messages)."""
    if a.doc_id == b.doc_id:
        return False
    if _same_person_incident(a, b):
        return True
    if not set(a.types) & set(b.types):
        return False
    pa, pb = _places(a), _places(b)
    if pa & pb:
        dated = any(x0 <= y1 and y0 <= x1 for x0, x1 in _span(a) for y0, y1 in _span(b))
    elif (pa and pb) or not _countries(a) & _countries(b):
        return False
    else:  # one key stops at the country: only about the day that one key gives
        dated = _near_day(a, b) or _near_day(b, a)
    return dated and bool(shared_targets(a, b))


def _near_day(a: GoldIncident, b: GoldIncident) -> bool:
    """Whether key ``a`` gives a day that ``b`` dates too, within ``COUNTRY_DATE_TOLERANCE_DAYS``:
    "17 NOV 89" or "- 18 NOV 89" (on or before the message of 18 November) for 16 November."""
    tolerance = timedelta(days=COUNTRY_DATE_TOLERANCE_DAYS)
    return any(
        lo - tolerance <= day <= hi and hi - day <= tolerance
        for day in _days(a)
        for lo, hi in _span(b)
    )


def _days(g: GoldIncident) -> set[date]:
    """The dates a key gives to the day (not "on or before", not a range)."""
    return {s.hi for s in g.dates if s.lo == s.hi}


def gold_clusters(golds: Iterable[GoldIncident]) -> dict[Key, str]:
    """(doc_id, number) -> cluster label (the smallest key of the cluster, "DOC#N")."""
    items = sorted(golds, key=lambda g: (g.doc_id, g.number))
    keys = [(g.doc_id, g.number) for g in items]
    parent = {k: k for k in keys}
    docs = {k: {k[0]} for k in keys}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # block on (type, country) so that not every pair is compared
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, g in enumerate(items):
        for c in _countries(g):
            for t in g.types:
                blocks[(t, c)].append(i)
            for word in {w for name in g.victim_names for w in normalize(name).split()}:
                blocks[("name:" + word, c)].append(i)  # the named-victim rule ignores the type
    candidates = sorted({(i, j) for ids in blocks.values() for i in ids for j in ids if i < j})
    for i, j in candidates:
        if not same_incident(items[i], items[j]):
            continue
        ri, rj = find(keys[i]), find(keys[j])
        if ri == rj or docs[ri] & docs[rj]:
            continue  # already one cluster, or two templates of one message
        low, high = min(ri, rj), max(ri, rj)
        parent[high] = low
        docs[low] |= docs.pop(high)
    return {k: "{}#{}".format(*find(k)) for k in keys}


#: keys read by hand as one incident with a key of a rule cluster (package data)
HAND_CHECKED = "muc_same_incident.tsv"


def hand_checked(name: str = HAND_CHECKED) -> list[tuple[Key, Key]]:
    """(anchor, key) pairs of ``tollwatch/data/eval/<name>``: the key is the incident of the
    anchor's rule cluster, read by hand (the module docstring, "Hand-checked keys")."""
    from tollwatch.extract.lexicon import data_rows

    def key(text: str) -> Key:
        doc, number = text.split("#", 1)
        return doc, number

    return [(key(row[0]), key(row[1])) for row in data_rows("eval", name)]


def with_hand_checks(
    clusters: Mapping[Key, str], checked: Iterable[tuple[Key, Key]]
) -> tuple[dict[Key, str], int]:
    """The rule's cluster labels with each hand-checked key moved into its anchor's cluster, and
    how many moved; a key stays where it is when its message already has another template in
    that cluster (the key writers told them apart)."""
    out = dict(clusters)
    moved = 0
    for anchor, key in checked:
        if anchor not in out or key not in out or out[key] == out[anchor]:
            continue
        label = out[anchor]
        if any(k[0] == key[0] and k != key and v == label for k, v in out.items()):
            continue
        out[key] = label
        moved += 1
    return out, moved


def select_documents(
    clusters: Mapping[Key, str], eligible: Iterable[str] | None = None
) -> tuple[list[str], list[str]]:
    """(messages in multi-message clusters, as many single-incident distractor messages as
    there are clustered ones, or every such message when there are fewer)."""
    size: dict[str, set[str]] = defaultdict(set)
    for (doc, _), label in clusters.items():
        size[label].add(doc)
    per_doc: dict[str, list[str]] = defaultdict(list)
    for (doc, _), label in clusters.items():
        per_doc[doc].append(label)
    clustered = sorted(d for d, labels in per_doc.items() if any(len(size[x]) > 1 for x in labels))
    allowed = set(per_doc if eligible is None else eligible)
    singles = [
        d
        for d, labels in per_doc.items()
        if d in allowed and len(labels) == 1 and len(size[labels[0]]) == 1
    ]
    singles.sort(key=lambda d: hashlib.sha1(d.encode()).hexdigest())
    return clustered, sorted(singles[: len(clustered)])


# -- extraction, resolution, scoring ------------------------------------------------------------
def _resolve_in_store(settings: Settings, pairs: list[tuple[Any, list[Any]]]) -> dict[str, str]:
    """Store the articles and reports in a throwaway SQLite store and resolve them as
    ``tollwatch run`` does; report id -> incident id."""
    from tollwatch.run.incremental import resolve_pending
    from tollwatch.store.sqlite import SQLiteStore

    store = SQLiteStore(":memory:")
    try:
        ids = []
        for article, reports in pairs:
            store.add_article(article)
            if reports:
                store.add_reports(article.id, reports)
                ids += [r.id for r in reports]
        resolve_pending(store, settings)
        return {k: v for k, v in store.report_incidents(ids).items() if v}
    finally:
        store.close()


def evaluate_muc_resolution(
    data_dir: str | Path,
    settings: Settings,
    extractor: Any = None,
    split: str = MUC_RESOLUTION_SPLIT,
) -> dict[str, Any]:
    """Gold clusters from the keys, extraction + resolution of the chosen messages, scores."""
    from tollwatch.evaluate import muc_corpus

    t0 = time.perf_counter()
    texts, keys = muc_corpus(Path(data_dir), split)
    golds = {
        (g.doc_id, g.number): g
        for d, templates in keys.items()
        if d in texts
        for g in (gold_incident(t, texts[d].published) for t in templates)
    }
    clusters = gold_clusters(golds.values())
    dated = [d for d, t in texts.items() if t.published]
    clustered, distractors = select_documents(clusters, dated)
    doc_ids = sorted(set(clustered) | set(distractors))
    if extractor is None:
        from tollwatch.extract.pipeline import Extractor

        extractor = Extractor(settings)
    extracted = []
    for article, out in extractor.extract_many(texts[d].to_article() for d in doc_ids):
        reports = [r for r in out if not r.is_reference] if isinstance(out, list) else []
        extracted.append((article, reports))
    incident_of = _resolve_in_store(settings, extracted)

    checked, moved = with_hand_checks(clusters, hand_checked())
    gold: dict[str, str] = {}
    gold_checked: dict[str, str] = {}
    pred: dict[str, str] = {}
    country: dict[str, str] = {}
    template_of: dict[str, Key] = {}
    unaligned_templates: list[str] = []
    for article, reports in extracted:
        doc_golds = [g for k, g in sorted(golds.items()) if k[0] == article.id]
        preds = [predicted_from_report(r) for r in reports]
        pairs = best_assignment(
            len(preds),
            len(doc_golds),
            lambda i, j, p=preds, g=doc_golds: muc.similarity(p[i], g[j]),
            muc.MIN_SIMILARITY,
        )
        aligned = {j for _, j in pairs}
        unaligned_templates += [
            f"{g.doc_id}#{g.number}" for j, g in enumerate(doc_golds) if j not in aligned
        ]
        for i, j in pairs:
            rid, g = preds[i].report_id, doc_golds[j]
            template_of[rid] = (g.doc_id, g.number)
            gold[rid] = clusters[(g.doc_id, g.number)]
            gold_checked[rid] = checked[(g.doc_id, g.number)]
            pred[rid] = incident_of.get(rid, "none:" + rid)
            country[rid] = next((loc.country for loc in g.locations if loc.country), "?")
    result = _score(gold, pred, country, template_of)
    sizes: dict[str, set[str]] = defaultdict(set)
    for (doc, _), label in clusters.items():
        sizes[label].add(doc)
    chosen = set(doc_ids)
    multi = {k: v for k, v in sizes.items() if len(v) > 1}
    return {
        "dataset": f"muc4 ({split}) from {Path(data_dir) / 'muc34_raw'}",
        "gold_templates": len(golds),
        "gold_multi_message_clusters": len(multi),
        "gold_largest_cluster": max((len(v) for v in multi.values()), default=0),
        "documents": len(doc_ids),
        "documents_in_clusters": len(clustered),
        "distractor_documents": len(distractors),
        "templates_in_documents": sum(1 for k in golds if k[0] in chosen),
        "templates_unaligned": len(unaligned_templates),
        "reports": sum(len(r) for _, r in extracted),
        **result,
        # the same predictions against the gold with the hand-checked keys moved
        "hand_checked": {
            "keys_moved": moved,
            "pairwise": pairwise(pred, gold_checked) if gold_checked else None,
            "bcubed": bcubed(pred, gold_checked) if gold_checked else None,
        },
        "seconds": round(time.perf_counter() - t0, 1),
        "gold_clusters": {k: sorted(v) for k, v in sorted(multi.items())},
        "unaligned_templates": unaligned_templates,
    }


def _score(
    gold: dict[str, str], pred: dict[str, str], country: dict[str, str], template_of: dict
) -> dict[str, Any]:
    members: dict[str, list[str]] = defaultdict(list)
    for rid, label in pred.items():
        members[label].append(rid)
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for rid, label in gold.items():
        gold_groups[label].append(rid)

    def name(rid: str) -> str:
        return "{}#{}".format(*template_of[rid])

    cross = [sorted(map(name, m)) for m in members.values() if len({country[r] for r in m}) > 1]
    false_merges = [
        {"predicted_together": sorted(map(name, m)), "gold": sorted({gold[r] for r in m})}
        for m in members.values()
        if len({gold[r] for r in m}) > 1
    ]
    false_splits = [
        {
            "gold": g,
            "predicted": sorted(
                sorted(name(r) for r in m if pred[r] == p) for p in {pred[r] for r in m}
            ),
        }
        for g, m in sorted(gold_groups.items())
        if len({pred[r] for r in m}) > 1
    ]
    return {
        "items": len(gold),
        "gold_incidents": len(gold_groups),
        "predicted_incidents": len(members),
        "pairwise": pairwise(pred, gold) if gold else None,
        "bcubed": bcubed(pred, gold) if gold else None,
        "cross_country_merges": len(cross),
        "cross_country": cross,
        "false_merges": false_merges,
        "false_splits": false_splits,
    }
