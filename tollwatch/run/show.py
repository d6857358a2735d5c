"""One incident with everything behind it, for ``tollwatch show`` (reads the store only)."""

from __future__ import annotations

from typing import Any

from tollwatch.schema import incident_to_dict, report_to_dict
from tollwatch.store.base import Store
from tollwatch.types import Evidence, Figure, Report


def _sentence_of(fig: Figure, report: Report) -> str | None:
    if fig.evidence is None:
        return None
    for ev in report.evidence:
        if ev.start <= fig.evidence.start < ev.end:
            return ev.text.strip()
    return None


def incident_detail(store: Store, incident_id: str) -> dict[str, Any]:
    incident = store.get_incident(incident_id)
    reports = sorted(
        store.iter_reports(incident_id=incident_id),
        key=lambda r: (r.published is None, r.published or 0, r.id),
    )
    out = incident_to_dict(incident)
    out["reports"] = []
    history = []
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
        rd["figure_sentences"] = [_sentence_of(f, r) for f in r.figures]
        out["reports"].append(rd)
        for f in r.figures:
            if f.is_total:
                history.append(
                    {
                        "published": art.get("published"),
                        "source": art.get("source"),
                        "kind": f.kind,
                        "low": f.low,
                        "high": f.high,
                        "qualifier": f.qualifier,
                        "attributed_to": f.attributed_to,
                        "text": f.evidence.text if isinstance(f.evidence, Evidence) else None,
                    }
                )
    out["toll_history"] = history
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
    if d.get("toll_history"):
        lines.append("\n  toll history (by publication time):")
        for h in d["toll_history"]:
            lines.append(
                f"    {h.get('published') or '?'}  {h['kind']:<8} "
                f"{_figure({**h, 'is_total': True})}  ({h.get('source') or '?'})"
            )
    return "\n".join(lines)
