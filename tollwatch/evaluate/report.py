"""EvalResults -> tables (plain text or Markdown) or JSON.

Targets (issue 3) are marked in the tables: role F1 >= 50, killed count exactly right for >= 75% of
the gold incidents that state one, date right for >= 80% of gold incidents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tollwatch.evaluate import EvalResult

TARGET_ROLE_F1 = 50.0
TARGET_KILLED_EXACT = 75.0
TARGET_DATE = 80.0
REFERENCE = "published (held-out MUC-4 test split, not this split): GTT 50.23 F1, IterX 53.01 F1"


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _target(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return f">= {target:g}: " + ("met" if value >= target else "BELOW")


def _prf_row(name: str, c: dict[str, Any], target: float | None = None, extra: str = "") -> list:
    row = [
        name,
        _pct(c["p"]),
        _pct(c["r"]),
        _pct(c["f1"]),
        f"{c['p_num']}/{c['p_den']}",
        f"{c['r_num']}/{c['r_den']}",
    ]
    return row + ([extra] if extra is not None else []) + [_target(c["f1"], target)]


def _rate_row(name: str, r: dict[str, Any], target: float | None = None) -> list[str]:
    return [
        name,
        _pct(r["pct"]) if r["total"] else "-",
        f"{r['hits']}/{r['total']}",
        _target(r["pct"], target),
    ]


def muc_tables(res: EvalResult) -> list[Table]:
    m = res.metrics
    g = m["gold"]
    head = (
        f"MUC-4 {res.split}: {res.docs} messages, {g['templates']} key templates "
        f"({g['optional_templates']} optional), {g['relevant_docs']} relevant messages, "
        f"{m['failures']} extraction failures, {res.seconds:.0f} s"
    )
    prf = ["", "P", "R", "F1", "P n/d", "R n/d"]
    detect = Table(
        head,
        prf + ["target"],
        [
            _prf_row("message relevance", m["relevance"], extra=None),
            _prf_row("incident detection", m["detection"], extra=None),
        ],
    )
    roles = Table(
        "MUC-4 roles (all templates; F1 aligned = over aligned pairs only)",
        prf + ["F1 aligned", "target"],
        [],
    )
    for role, c in m["roles"].items():
        aligned = m["roles_aligned"][role]["f1"]
        roles.rows.append(_prf_row(role, c, TARGET_ROLE_F1, _pct(aligned)))
    k, i = m["killed"], m["injured"]
    fields = Table(
        "MUC-4 fields",
        ["", "%", "n", "target"],
        [
            _rate_row("type right (aligned)", m["type_aligned"]),
            _rate_row("date right (of gold incidents)", m["date_of_gold"], TARGET_DATE),
            _rate_row("date right (aligned)", m["date_aligned"]),
            _rate_row("country right (aligned)", m["country_aligned"]),
            _rate_row("place right (aligned)", m["place_aligned"]),
            _rate_row("place right (of gold incidents)", m["place_of_gold"]),
            _rate_row(
                "killed exact (of gold stating one)", k["exact_of_gold"], TARGET_KILLED_EXACT
            ),
            _rate_row("killed exact (aligned)", k["exact_aligned"]),
            _rate_row("injured exact (of gold stating one)", i["exact_of_gold"]),
            _rate_row("injured exact (aligned)", i["exact_aligned"]),
        ],
    )
    fields.notes = [
        f"killed: MAE {_num(k['mae'])} over {k['mae_n']} aligned pairs where both state a number; "
        f"{k['missing_prediction']} aligned gold numbers with no predicted toll; "
        f"{k['spurious']} predicted tolls where the key has no deaths; "
        f"{k['gold_vague']} key templates with deaths but no usable number",
        f"injured: MAE {_num(i['mae'])} over {i['mae_n']}; {i['missing_prediction']} missing; "
        f"{i['spurious']} spurious; {i['gold_vague']} vague in the key",
    ] + res.notes
    return [detect, roles, fields]


def gtt_tables(res: EvalResult) -> list[Table]:
    m = res.metrics
    t = Table(
        f"GTT template-filling metric, {res.split} split: {res.docs} documents, "
        f"{m['failures']} extraction failures, {res.seconds:.0f} s",
        ["slot", "P", "R", "F1", "P n/d", "R n/d", "target"],
        [
            _prf_row(s, c, TARGET_ROLE_F1 if s != "incident_type" else None, extra=None)
            for s, c in m["slots"].items()
        ]
        + [_prf_row("micro (6 slots)", m["micro"], extra=None)],
    )
    t.notes = [REFERENCE, *res.notes]
    if m.get("approximate_docs"):
        t.notes.append(f"{m['approximate_docs']} documents had too many mappings to try all")
    return [t]


def seed_tables(res: EvalResult) -> list[Table]:
    m = res.metrics
    verdict = "yes" if m["fully_matched"] else "NO"
    t = Table(
        f"Seed gold: {m['articles']} article(s), {m['matched']}/{m['total']} checks match; "
        f"the seed gold is fully matched: {verdict}",
        ["incident", "field", "expected", "got"],
        [
            [c["incident"], c["field"], _short(c["expected"]), _short(c["got"])]
            for c in m["checks"]
            if not c["ok"]
        ],
    )
    if not t.rows:
        t.notes.append("no mismatches")
    return [t]


def wikievents_tables(res: EvalResult) -> list[Table]:
    m = res.metrics
    g = m["gold"]
    head = (
        f"WikiEvents {res.split}: {res.docs} articles, {g['incident_docs']} with incident events "
        f"({g['incident_events']} events), {m['reports']} reports, "
        f"{m['failures']} extraction failures, {res.seconds:.0f} s"
    )
    prf = ["", "P", "R", "F1", "P n/d", "R n/d"]
    detect = Table(head, prf, [_prf_row("incident detection", m["detection"], extra=None)[:-1]])
    roles = Table(
        "WikiEvents roles per article (strict: normalised string equals a mention of a gold "
        "entity; head: or the last words are equal)",
        [
            "role",
            "gold",
            "strict P",
            "strict R",
            "strict F1",
            "head P",
            "head R",
            "head F1",
            "head P n/d",
            "head R n/d",
        ],
        [],
    )
    names = [*m["roles"], "micro"]
    for role in names:
        s = m["micro"] if role == "micro" else m["roles"][role]
        h = m["micro_head"] if role == "micro" else m["roles_head"][role]
        n = sum(g["entities"].values()) if role == "micro" else g["entities"][role]
        roles.rows.append(
            [
                role,
                str(n),
                _pct(s["p"]),
                _pct(s["r"]),
                _pct(s["f1"]),
                _pct(h["p"]),
                _pct(h["r"]),
                _pct(h["f1"]),
                f"{h['p_num']}/{h['p_den']}",
                f"{h['r_num']}/{h['r_den']}",
            ]
        )
    pr = m["place_of_gold"]
    roles.notes = [
        f"place right (the first report's location matches a gold Place, head rule): "
        f"{_pct(pr['pct'])}% ({pr['hits']}/{pr['total']} incident articles)",
        *res.notes,
    ]
    return [detect, roles]


def _short(value: Any, width: int = 70) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 3] + "..."


def tables(res: EvalResult) -> list[Table]:
    return {
        "muc4": muc_tables,
        "gtt": gtt_tables,
        "seed": seed_tables,
        "wikievents": wikievents_tables,
    }[res.dataset](res)


def _plain(t: Table) -> str:
    cells = [t.header, *t.rows]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(t.header))]
    lines = [t.title, ""]
    for n, row in enumerate(cells):
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += [f"  {note}" for note in t.notes]
    return "\n".join(lines)


def _markdown(t: Table) -> str:
    def esc(v: Any) -> str:
        return str(v).replace("|", "\\|")

    lines = [f"**{t.title}**", ""]
    if t.rows:
        lines.append("| " + " | ".join(esc(h) or " " for h in t.header) + " |")
        lines.append("|" + "|".join("---" for _ in t.header) + "|")
        lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in t.rows]
    lines += [""] + [f"- {note}" for note in t.notes] if t.notes else []
    return "\n".join(lines)


def render(results: list[EvalResult], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2, default=str)
    draw = _markdown if fmt == "markdown" else _plain
    return "\n\n".join(draw(t) for r in results for t in tables(r)) + "\n"
