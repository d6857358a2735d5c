"""The seed gold (``../shared/seed/*.gold.json``): one hand-coded article, compared field by field.

The article is read as ``tollwatch extract`` reads a text file (ingest: first line the title) with
the gold's publication date, and its current reports (references skipped) are matched to the gold
incidents: a report must share the country; among those, most shared place names, then the same
date. Every check is a ``Check`` (match / mismatch, expected vs got). Leniency, all of it:

- coordinates: within 25 km (haversine);
- sources: every word of the report's ``attributed_to`` except function words (for, of, the...)
  occurs in the gold's source text ("State media" matches "Syrian state media (earlier
  figure)"); a null ``attributed_to`` matches only a gold source that says "unattributed";
- claim channel: the same word containment;
- target and weapon lists: each gold item is matched when the word set of some reported string
  (lower-cased, punctuation dropped, a final "s" dropped) contains, or is contained in, the gold
  item's word set; targets are looked up among the report's targets and victims;
- sub-event types: the report's one ``sub_event_type`` is among the gold's ``sub_event_types``;
- killed claims: a figure of kind killed with the gold's low and high and a qualifier that the
  gold's qualifier starts with (and the gold's victim category when it has one).

``must_not_be_coded_as_incidents_of_this_report``: each quoted text is located in the article
(pieces split on "..." and " / "); it is violated when a figure of a current report has its
evidence inside it, or a current report is placed at a place named only there.

The seed gold is "fully matched" when every check is a match.
"""

from __future__ import annotations

import json
import math
import re
import string
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tollwatch.types import Article, Figure, Report

FUNCTION_WORDS = {"for", "of", "the", "a", "an", "and", "in", "on", "to", "by", "s"}
COORD_TOLERANCE_KM = 25.0
_PUNCT = str.maketrans({c: " " for c in string.punctuation + "\u2019\u2018\u201c\u201d\u2013"})


@dataclass(frozen=True)
class Check:
    incident: str
    field: str
    expected: Any
    got: Any
    ok: bool


def words(text: str | None) -> set[str]:
    toks = (text or "").lower().translate(_PUNCT).split()
    return {t[:-1] if len(t) > 3 and t.endswith("s") else t for t in toks} - FUNCTION_WORDS


def source_matches(attributed_to: str | None, gold_source: str | None) -> bool:
    if not attributed_to:
        return "unattributed" in (gold_source or "").lower()
    w = words(attributed_to)
    return bool(w) and w <= words(gold_source)


def list_item_matched(gold_item: str, reported: list[str]) -> bool:
    g = words(gold_item)
    return any((w := words(r)) and (w <= g or g <= w) for r in reported)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _places(r: Report, below_country: bool = False) -> set[str]:
    locs = ([r.location] if r.location else []) + [s.location for s in r.sites]
    if below_country:
        locs = [loc for loc in locs if loc.precision != "country"]
    return {n.lower() for loc in locs for n in (loc.name, loc.matched_name) if n}


def _gold_places(inc: dict[str, Any]) -> set[str]:
    names = [inc.get("place")] + [s.get("place") for s in inc.get("sub_events", [])]
    names += [a for s in inc.get("sub_events", []) for a in s.get("alt_spellings", [])]
    return {n.lower() for n in names if n}


def match_report(inc: dict[str, Any], reports: list[Report]) -> Report | None:
    gold_date = inc.get("date")
    cands = [r for r in reports if r.location and r.location.country == inc.get("country")]

    def key(r: Report) -> tuple[int, int]:
        same_day = int(r.date is not None and r.date.isoformat() == gold_date)
        return len(_places(r) & _gold_places(inc)), same_day

    return max(cands, key=key) if cands else None


def _claim_figure(claim: dict[str, Any], figures: list[Figure]) -> Figure | None:
    low = claim.get("low", claim.get("value"))
    high = claim.get("high", low) if "low" in claim else claim.get("value")
    qual = str(claim.get("qualifier", "")).lower()
    for f in figures:
        if f.kind != "killed" or f.low != low or f.high != high:
            continue
        if f.qualifier and not qual.startswith(f.qualifier):
            continue
        if claim.get("victim_category") and f.victim_category != claim["victim_category"]:
            continue
        return f
    return None


def _claims(name: str, field: str, claims: list[dict[str, Any]], figures: list[Figure]) -> list:
    out = []
    for k, claim in enumerate(claims):
        label = claim.get("value_text") or str(claim.get("value"))
        f = _claim_figure(claim, figures)
        got = None if f is None else f"{f.low}..{f.high} {f.qualifier}"
        expected = (
            f"{claim.get('low', claim.get('value'))}..{claim.get('high', claim.get('value'))}"
        )
        out.append(Check(name, f"{field}[{k}] value ({label})", expected, got, f is not None))
        source = claim.get("source")
        out.append(
            Check(
                name,
                f"{field}[{k}] source ({label})",
                source,
                None if f is None else f.attributed_to,
                f is not None and source_matches(f.attributed_to, source),
            )
        )
    return out


def check_incident(inc: dict[str, Any], r: Report | None) -> list[Check]:
    name = inc.get("key", "?")
    out = [Check(name, "report found", True, r is not None, r is not None)]
    if r is None:
        return out
    loc = r.location

    def add(field: str, expected: Any, got: Any, ok: bool | None = None) -> None:
        out.append(Check(name, field, expected, got, expected == got if ok is None else ok))

    add("date", inc.get("date"), r.date.isoformat() if r.date else None)
    add("country", inc.get("country"), loc.country if loc else None)
    if inc.get("place"):
        add("place", inc["place"], loc.name if loc else None, inc["place"].lower() in _places(r))
    if "lat" in inc and loc and loc.lat is not None:
        d = km(inc["lat"], inc["lon"], loc.lat, loc.lon or 0.0)
        add("coordinates (km off)", 0, round(d, 1), d <= COORD_TOLERANCE_KM)
    for field, got in (("event_type", r.event_type), ("gtd_attack_type", r.attack_type)):
        if field in inc:
            add(field, inc[field], got)
    if "sub_event_types" in inc:
        add(
            "sub_event_type",
            inc["sub_event_types"],
            r.sub_event_type,
            r.sub_event_type in inc["sub_event_types"],
        )
    if "suicide" in inc:
        add("suicide", inc["suicide"], r.suicide)
    if "coordinated_multi_site" in inc:
        add("coordinated_multi_site", inc["coordinated_multi_site"], len(r.sites) >= 2)
    perp = inc.get("perpetrator") or {}
    actor = next(
        (a for a in r.perpetrators if a.name.lower() == str(perp.get("name")).lower()), None
    )
    if perp:
        add(
            "perpetrator.name",
            perp.get("name"),
            [a.name for a in r.perpetrators],
            actor is not None,
        )
    if "claimed" in perp:
        add("perpetrator.claimed", perp["claimed"], actor.claimed if actor else None)
    if "claim_channel" in perp:
        got = actor.claim_channel if actor else None
        add(
            "perpetrator.claim_channel",
            perp["claim_channel"],
            got,
            bool(got)
            and (
                words(got) <= words(perp["claim_channel"])
                or words(perp["claim_channel"]) <= words(got)
            ),
        )
    reported_targets = [m.text for m in r.targets] + [m.text for m in r.victims]
    for k, item in enumerate(inc.get("targets", [])):
        add(
            f"targets[{k}] ({item})",
            item,
            reported_targets,
            list_item_matched(item, reported_targets),
        )
    reported_weapons = [m.text for m in r.weapons]
    for k, item in enumerate(inc.get("weapons", [])):
        add(
            f"weapons[{k}] ({item})",
            item,
            reported_weapons,
            list_item_matched(item, reported_weapons),
        )
    out += _claims(name, "killed_claims", inc.get("killed_claims", []), list(r.figures))
    if "killed_reconciled" in inc:
        rec = inc["killed_reconciled"]
        for part in ("low", "best", "high"):
            add(f"killed_reconciled.{part}", rec.get(part), getattr(r.killed, part))
    if "injured_claims" in inc and not inc["injured_claims"]:
        injured = [f"{f.low}..{f.high}" for f in r.figures if f.kind == "injured" and f.is_total]
        add("injured_claims (none)", [], injured, not injured)
    for sub in inc.get("sub_events", []):
        out += check_site(name, sub, r)
    return out


def check_site(name: str, sub: dict[str, Any], r: Report) -> list[Check]:
    place = sub.get("place", "?")
    names = {place.lower(), *(a.lower() for a in sub.get("alt_spellings", []))}
    site = next(
        (
            s
            for s in r.sites
            if {s.location.name.lower(), (s.location.matched_name or "").lower()} & names
        ),
        None,
    )
    label = f"sub_events[{place}]"
    out = [
        Check(
            name, f"{label} site found", place, [s.location.name for s in r.sites], site is not None
        )
    ]
    if site is None:
        return out
    loc = site.location
    out.append(
        Check(
            name, f"{label}.admin1", sub.get("admin1"), loc.admin1, sub.get("admin1") == loc.admin1
        )
    )
    out.append(
        Check(
            name,
            f"{label}.country",
            sub.get("country"),
            loc.country,
            sub.get("country") == loc.country,
        )
    )
    if loc.lat is not None and "lat" in sub:
        d = km(sub["lat"], sub["lon"], loc.lat, loc.lon or 0.0)
        out.append(
            Check(name, f"{label}.coordinates (km off)", 0, round(d, 1), d <= COORD_TOLERANCE_KM)
        )
    for field, reported in (
        ("targets", [m.text for m in site.targets]),
        ("weapons", [m.text for m in site.weapons]),
    ):
        for k, item in enumerate(sub.get(field, [])):
            out.append(
                Check(
                    name,
                    f"{label}.{field}[{k}] ({item})",
                    item,
                    reported,
                    list_item_matched(item, reported),
                )
            )
    figures = list(site.figures) + [
        f for f in r.figures if f.place and f.place.lower() in names and f not in site.figures
    ]
    out += _claims(name, f"{label}.killed_claims", sub.get("killed_claims", []), figures)
    return out


def _spans(article_text: str, quoted: str) -> list[tuple[int, int]]:
    hay = article_text.replace("\u2019", "'").replace("\u2018", "'").lower()
    spans = []
    for piece in re.split(r"\s*(?:\.\.\.|\u2026| / )\s*", quoted):
        piece = piece.strip().replace("\u2019", "'").lower()
        start = hay.find(piece) if piece else -1
        if start >= 0:
            spans.append((start, start + len(piece)))
    return spans


def check_must_not(
    items: list[dict[str, Any]], article: Article, reports: list[Report], allowed: set[str]
) -> list[Check]:
    out = []
    for item in items:
        text = item.get("text", "")
        spans = _spans(article.text, text)
        figures = [f for r in reports for f in r.figures] + [
            f for r in reports for s in r.sites for f in s.figures
        ]
        inside = [
            f"{f.kind} {f.low}..{f.high}"
            for f in figures
            if f.evidence and any(a <= f.evidence.start < b for a, b in spans)
        ]
        named = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}\b", text)} - allowed
        placed = sorted(p for r in reports for p in _places(r, below_country=True) if p in named)
        ok = bool(spans) and not inside and not placed
        got = {"located_in_article": bool(spans), "figures": inside, "placed_at": placed}
        out.append(Check("must_not", f"not coded: {text}", "nothing", got, ok))
    return out


def read_seed(seed_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(text path, gold) for every ``*.gold.json`` that has its text beside it."""
    out = []
    for gold_path in sorted(Path(seed_dir).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold.get("article", {}).get("file") or gold_path.name.replace(".gold.json", ".txt")
        text_path = gold_path.parent / name
        if text_path.exists():
            out.append((text_path, gold))
    return out


def published_of(gold: dict[str, Any]) -> datetime | None:
    value = gold.get("article", {}).get("published")
    if not value:
        return None
    d = date.fromisoformat(value[:10])
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def check_article(gold: dict[str, Any], article: Article, reports: list[Report]) -> list[Check]:
    checks: list[Check] = []
    allowed: set[str] = set()
    left = list(reports)
    for inc in gold.get("incidents", []):
        allowed |= _gold_places(inc)
        report = match_report(inc, left)
        if report is not None:
            left.remove(report)
        checks += check_incident(inc, report)
    checks += check_must_not(
        gold.get("must_not_be_coded_as_incidents_of_this_report", []), article, reports, allowed
    )
    return checks
