"""One incident with everything behind it, for ``tollwatch show`` (reads the store only)."""

from __future__ import annotations

from typing import Any

from tollwatch.errors import ConfigError
from tollwatch.resolve.ledger import ledger, toll_history, tolls_by_policy
from tollwatch.resolve.merge import chronological
from tollwatch.resolve.reconcile import POLICIES
from tollwatch.run.incremental import current_reports
from tollwatch.schema import incident_to_dict, report_to_dict
from tollwatch.store.base import Store
from tollwatch.types import Figure, Report


def _sentence_of(fig: Figure, report: Report) -> str | None:
    if fig.evidence is None:
        return None
    for ev in report.evidence:
        if ev.start <= fig.evidence.start < ev.end:
            return ev.text.strip()
    return None


def incident_detail(store: Store, incident_id: str, policy: str | None = None) -> dict[str, Any]:
    """Everything about one incident, as JSON-ready data: the incident (tolls under ``policy``,
    default the stored one), its reports with their articles, the claim ledger, tolls under every
    policy, the toll history, report families, and the resolution evidence (scored pairs,
    analyst decisions, change log)."""
    incident = store.get_incident(incident_id)
    reports = chronological(store.iter_reports(incident_id=incident_id))
    families = store.report_families(r.id for r in reports)
    by_policy = tolls_by_policy(reports, families)
    policy = policy or incident.policy
    if policy not in by_policy:
        raise ConfigError(f"unknown policy {policy!r}", hint=f"use one of: {', '.join(POLICIES)}")
    out = incident_to_dict(incident)
    out["policy"] = policy
    out["killed"] = by_policy[policy]["killed"]
    out["injured"] = by_policy[policy]["injured"]
    out["tolls_by_policy"] = by_policy
    out["reports"] = []
    for r in reports:
        try:
            article = store.get_article(r.article_id)
            art = {
                "id": article.id,
                "title": article.title,
                "source": article.source,
                "url": article.url,
                "origin": article.origin,
                "published": article.published.isoformat() if article.published else None,
            }
        except Exception:  # noqa: BLE001 - an article row may be missing in an old db
            art = {"id": r.article_id}
        rd = report_to_dict(r)
        rd["article"] = art
        rd["family_id"] = families.get(r.id, r.id)
        rd["figure_sentences"] = [_sentence_of(f, r) for f in r.figures]
        out["reports"].append(rd)
    rows = ledger(reports, families)
    out["ledger"] = rows
    out["toll_history"] = toll_history(rows)
    groups: dict[str, list[str]] = {}
    for r in reports:
        groups.setdefault(families.get(r.id, r.id), []).append(r.id)
    out["families"] = [{"family_id": k, "report_ids": v} for k, v in groups.items()]
    out["independent_sources"] = len(groups)
    ids = {r.id for r in reports}
    out["resolution"] = {
        "links": store.incident_links(incident_id),
        "decisions": [
            d
            for d in store.list_decisions()
            if ids & {x for side in current_reports(store, d) for x in side}
        ],
        "log": store.iter_log(incident_id),
    }
    return out


def _toll(t: dict[str, Any]) -> str:
    if t.get("best") is None:
        return "unknown"
    return f"{t['best']} (low {t['low']}, high {t['high']})"


def _figure(f: dict[str, Any]) -> str:
    lo, hi = f.get("low"), f.get("high")
    if lo is not None and hi is not None and lo == hi:
        value = str(lo)
    elif lo is not None and hi is None:
        value = f"{lo}+"
    elif lo is None and hi is not None:
        value = f"<= {hi}"
    else:
        value = f"{lo}-{hi}"
    bits = [f"{f['kind']} {value}", f"[{f['qualifier']}]"]
    if f.get("victim_category"):
        bits.append(f"({f['victim_category']})")
    if f.get("place"):
        bits.append(f"in {f['place']}")
    if not f.get("is_total", True):
        bits.append("(part)")
    bits.append(f"- {f.get('attributed_to') or 'unattributed'}")
    return " ".join(bits)


def render_incident(d: dict[str, Any]) -> str:
    loc = d.get("location") or {}
    lines = [
        f"Incident {d['id']}",
        f"  date:        {d.get('date') or 'unknown'} ({d.get('date_precision')})",
        f"  place:       {loc.get('name', '?')} -> {loc.get('matched_name') or ''}, "
        f"{loc.get('admin1') or ''}, {loc.get('country') or ''} "
        f"({loc.get('lat')}, {loc.get('lon')}; precision {loc.get('precision')})",
        f"  type:        {d.get('event_type')} / {d.get('sub_event_type')} "
        f"(GTD: {d.get('attack_type')}){' suicide' if d.get('suicide') else ''}",
        "  perpetrators: "
        + (
            ", ".join(
                f"{p['name']} ('{p['text']}'{', claimed' if p.get('claimed') else ''}"
                f"{' via ' + p['claim_channel'] if p.get('claim_channel') else ''}"
                f"{', suspected' if p.get('suspected') else ''})"
                for p in d.get("perpetrators", [])
            )
            or "unknown"
        ),
        f"  killed:      {_toll(d.get('killed', {}))}   injured: {_toll(d.get('injured', {}))}"
        f"   [policy {d.get('policy')}]",
    ]
    if d.get("sites"):
        lines.append("  sites:")
        for s in d["sites"]:
            sl = s.get("location") or {}
            lines.append(
                f"    - {sl.get('name')} ({sl.get('admin1')}, {sl.get('country')}): "
                + "; ".join(_figure(f) for f in s.get("figures", []))
            )
    lines.append(
        f"  reports: {len(d.get('reports', []))} from "
        f"{len({r['article']['id'] for r in d.get('reports', [])})} article(s)"
    )
    for r in d.get("reports", []):
        art = r["article"]
        lines.append(
            f"\n  == {art.get('source') or '?'} | {art.get('published') or 'undated'} | "
            f"{art.get('title') or art.get('origin') or art['id']}"
        )
        for f, sent in zip(r.get("figures", []), r.get("figure_sentences", []), strict=False):
            lines.append(f"     * {_figure(f)}")
            if sent:
                lines.append(f'       "{sent}"')
    lines += _render_policies(d) + _render_history(d) + _render_resolution(d)
    return "\n".join(lines)


def _render_policies(d: dict[str, Any]) -> list[str]:
    out = ["\n  tolls under each policy (killed / injured, low-best-high):"]
    for policy, tolls in d.get("tolls_by_policy", {}).items():
        mark = "  <- shown above" if policy == d.get("policy") else ""
        out.append(
            f"    {policy:<7} killed {_toll(tolls['killed'])}; "
            f"injured {_toll(tolls['injured'])}{mark}"
        )
    return out


def _render_history(d: dict[str, Any]) -> list[str]:
    if not d.get("toll_history"):
        return []
    out = ["\n  toll history (by publication time):"]
    for h in d["toll_history"]:
        scope = f" [site {h['place']}]" if h.get("scope") == "site" else ""
        copy = " (copy)" if h.get("copy") else ""
        out.append(
            f"    {h.get('published') or '?'}  {_figure({**h, 'is_total': True})}{scope}"
            f"  ({h.get('outlet') or '?'}){copy}"
        )
    return out


def _render_resolution(d: dict[str, Any]) -> list[str]:
    res = d.get("resolution") or {}
    out = [
        f"\n  resolution: {len(d.get('reports', []))} report(s), "
        f"{d.get('independent_sources', '?')} independent (syndicated copies count once)"
    ]
    for fam in d.get("families", []):
        if len(fam["report_ids"]) > 1:
            out.append(f"    family {fam['family_id']}: {', '.join(fam['report_ids'])}")
    for link in res.get("links", []):
        score = "decision" if link["score"] is None else f"{link['score']:.2f}"
        parts = ", ".join(f"{k} {v:g}" for k, v in link.get("parts", {}).items())
        why = f" #{link['decision_id']}" if link.get("decision_id") else ""
        out.append(
            f"    {link['report_a']} ~ {link['report_b']}: {score} -> "
            f"{link['outcome']}{why}" + (f" ({parts})" if parts else "")
        )
    for dec in res.get("decisions", []):
        out.append(
            f"    decision #{dec['id']} {dec['kind']} [{dec['status']}] part "
            f"{', '.join(dec['part'])}"
            + (f"; rest {', '.join(dec['rest'])}" if dec["rest"] else "")
        )
    for entry in res.get("log", [])[:10]:
        out.append(f"    log {entry['at']} {entry['action']} {entry['detail']}")
    return out
