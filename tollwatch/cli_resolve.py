"""Resolution commands (issue 4), registered on the ``tollwatch`` group by ``register(main)``:

tollwatch show INCIDENT_ID [--policy P] [--format text|json]   (replaces the first ``show``)
tollwatch ledger INCIDENT_ID [--policy P] [--format table|json|jsonl]
tollwatch merge INCIDENT_ID INCIDENT_ID... [--note TEXT]
tollwatch split INCIDENT_ID REPORT_ID... [--note TEXT]
tollwatch decisions [--status S] [--log]
tollwatch undo DECISION_ID
tollwatch resolve [--full] [--policy P]
tollwatch eval-resolve [--dataset team|muc4|all|PATH] [--data-dir DIR] [--format json|markdown]
"""

from __future__ import annotations

import json
from typing import Any

import click

from tollwatch.cli import db_option, handle_errors, render_table, settings_from

POLICY_CHOICE = click.Choice(["ucdp", "acled", "range", "latest"])


def policy_option(fn: Any) -> Any:
    return click.option(
        "--policy",
        type=POLICY_CHOICE,
        default=None,
        help="Reconciliation policy of the tolls (default: the `policy` setting, ucdp).",
    )(fn)


def _echo(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("show")
@click.argument("incident_id")
@db_option
@policy_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
@handle_errors
def show_command(
    ctx: click.Context, incident_id: str, db: str | None, policy: str | None, fmt: str
) -> None:
    """Show one incident: where, when, who, its tolls under POLICY and under every policy, every
    figure with who stated it, its toll history, its report families and the resolution evidence
    (scored pairs, analyst decisions, change log)."""
    from tollwatch.run.show import incident_detail, render_incident
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        detail = incident_detail(store, incident_id, policy or settings.policy)
    click.echo(
        json.dumps(detail, ensure_ascii=False, indent=2)
        if fmt == "json"
        else render_incident(detail)
    )


@click.command("ledger")
@click.argument("incident_id")
@db_option
@policy_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default="table",
    show_default=True,
)
@click.pass_context
@handle_errors
def ledger_command(
    ctx: click.Context, incident_id: str, db: str | None, policy: str | None, fmt: str
) -> None:
    """The claim ledger of an incident: every casualty figure with outlet, publication time,
    attributed body, victim category, place, scope and exact words; then the tolls under POLICY."""
    from tollwatch.run.show import incident_detail

    settings = settings_from(ctx, db=db)
    from tollwatch.store import open_store

    with open_store(settings.db) as store:
        detail = incident_detail(store, incident_id, policy or settings.policy)
    rows = detail["ledger"]
    tolls = {"policy": detail["policy"], "killed": detail["killed"], "injured": detail["injured"]}
    if fmt == "json":
        _echo({"incident_id": incident_id, **tolls, "ledger": rows})
    elif fmt == "jsonl":
        for row in rows:
            click.echo(
                json.dumps(
                    {"incident_id": incident_id, "policy": detail["policy"], **row},
                    ensure_ascii=False,
                )
            )
    else:
        shown = [{**r, "value": _value(r), "words": (r["words"] or "")[:40]} for r in rows]
        click.echo(
            render_table(
                shown,
                (
                    "published",
                    "outlet",
                    "kind",
                    "value",
                    "qualifier",
                    "attributed_to",
                    "victim_category",
                    "place",
                    "scope",
                    "counted",
                    "copy",
                    "words",
                ),
            )
        )
        click.echo(
            f"\npolicy {tolls['policy']}: killed {tolls['killed']}, injured {tolls['injured']}"
        )


def _value(row: dict[str, Any]) -> str:
    lo, hi = row["low"], row["high"]
    if lo is not None and lo == hi:
        return str(lo)
    return f"{'' if lo is None else lo}..{'' if hi is None else hi}"


@click.command("merge")
@click.argument("incident_ids", nargs=-1, required=True)
@db_option
@click.option("--note", default=None, help="Why (kept with the decision).")
@click.pass_context
@handle_errors
def merge_command(
    ctx: click.Context, incident_ids: tuple[str, ...], db: str | None, note: str | None
) -> None:
    """Merge incidents into one, as a stored decision that survives re-runs and new articles
    (undo it with `tollwatch undo`)."""
    from tollwatch.run.incremental import merge_incidents
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        decision_id, incident = merge_incidents(store, settings, list(incident_ids), note)
    _echo(
        {
            "decision_id": decision_id,
            "incident_id": incident.id,
            "report_ids": list(incident.report_ids),
        }
    )


@click.command("split")
@click.argument("incident_id")
@click.argument("report_ids", nargs=-1, required=True)
@db_option
@click.option("--note", default=None, help="Why (kept with the decision).")
@click.pass_context
@handle_errors
def split_command(
    ctx: click.Context,
    incident_id: str,
    report_ids: tuple[str, ...],
    db: str | None,
    note: str | None,
) -> None:
    """Split REPORT_IDS off INCIDENT_ID into an incident of their own, kept apart from the other
    reports (a stored decision; undo it with `tollwatch undo`)."""
    from tollwatch.run.incremental import split_incident
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        decision_id, part, rest = split_incident(
            store, settings, incident_id, list(report_ids), note
        )
    _echo(
        {
            "decision_id": decision_id,
            "split_off": {"incident_id": part.id, "report_ids": list(part.report_ids)},
            "remaining": {"incident_id": rest.id, "report_ids": list(rest.report_ids)},
        }
    )


@click.command("decisions")
@db_option
@click.option("--status", type=click.Choice(["active", "undone", "superseded"]), default=None)
@click.option("--log", "show_log", is_flag=True, help="Print the change log instead.")
@click.option("--limit", type=int, default=200, show_default=True, help="Log entries (--log).")
@click.pass_context
@handle_errors
def decisions_command(
    ctx: click.Context, db: str | None, status: str | None, show_log: bool, limit: int
) -> None:
    """List analyst decisions (merge, split) with their status, as JSON lines; with --log, every
    change to incidents and decisions, newest first."""
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        items = store.iter_log(limit=limit) if show_log else store.list_decisions(status)
    for item in items:
        click.echo(json.dumps(item, ensure_ascii=False))


@click.command("undo")
@click.argument("decision_id", type=int)
@db_option
@click.pass_context
@handle_errors
def undo_command(ctx: click.Context, decision_id: int, db: str | None) -> None:
    """Undo an analyst decision: its reports are resolved again as if it had not been made."""
    from tollwatch.run.incremental import undo_decision
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        incidents = undo_decision(store, settings, decision_id)
    _echo({"undone": decision_id, "incident_ids": incidents})


@click.command("resolve")
@db_option
@policy_option
@click.option("--full", is_flag=True, help="Recompute every incident (after changing settings).")
@click.pass_context
@handle_errors
def resolve_command(ctx: click.Context, db: str | None, policy: str | None, full: bool) -> None:
    """Resolve unresolved reports into incidents (incrementally), or everything with --full.
    Analyst decisions apply either way."""
    from tollwatch.run.incremental import resolve_all, resolve_pending
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db, policy=policy)
    with open_store(settings.db) as store:
        summary = (resolve_all if full else resolve_pending)(store, settings, policy)
    _echo(summary.to_dict())


@click.command("eval-resolve")
@click.option(
    "--dataset",
    "path",
    default="team",
    show_default=True,
    metavar="team|muc4|all|PATH",
    help="team: the bundled team-written dev set; muc4: MUC-4 messages that report the "
    "same incidents (gold clusters built from the answer keys, read from "
    "--data-dir); all: both; PATH: a dev set in the team format.",
)
@click.option(
    "--data-dir",
    default=None,
    metavar="DIR",
    help="Public datasets folder for muc4 (default ../shared/datasets).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True
)
@click.pass_context
@handle_errors
def eval_resolve_command(ctx: click.Context, path: str, data_dir: str | None, fmt: str) -> None:
    """Extract and resolve a resolution dev set; pairwise and B-cubed precision/recall/F1,
    cross-country merges (and, for the team set, order independence)."""
    from tollwatch.evaluate.cli import resolve_dir
    from tollwatch.evaluate.resolution import DEFAULT_DEVSET, evaluate_resolution

    settings = settings_from(ctx)
    results: dict[str, Any] = {}
    if path in ("team", "all"):
        results["team"] = evaluate_resolution(DEFAULT_DEVSET, settings)
    elif path != "muc4":
        results["team"] = evaluate_resolution(path, settings)
    if path in ("muc4", "all"):
        from tollwatch.errors import TollwatchError
        from tollwatch.evaluate.resolution_muc import evaluate_muc_resolution

        data = resolve_dir(data_dir, "../shared/datasets")
        if not (data / "muc34_raw").exists():
            raise TollwatchError(
                f"MUC-4 data not found under {data}",
                hint="pass --data-dir pointing at ../shared/datasets",
            )
        results["muc4"] = evaluate_muc_resolution(data, settings)
    if fmt == "json":
        _echo(results if len(results) > 1 else next(iter(results.values())))
        return
    for name, result in results.items():
        _markdown(name, result)


def _markdown(name: str, result: dict[str, Any]) -> None:
    pw, b3 = result["pairwise"], result["bcubed"]
    click.echo(f"{name}: {result['dataset']}\n")
    click.echo("| metric | precision | recall | F1 |\n|---|---|---|---|")
    if pw and b3:
        click.echo(f"| pairwise | {pw['precision']} | {pw['recall']} | **{pw['f1']}** |")
        click.echo(f"| B-cubed | {b3['precision']} | {b3['recall']} | {b3['f1']} |")
    if name == "muc4":
        click.echo(
            f"\n{result['documents']} messages ({result['documents_in_clusters']} in "
            f"{result['gold_multi_message_clusters']} multi-message gold clusters, "
            f"{result['distractor_documents']} distractors), {result['reports']} reports; "
            f"{result['items']} reports aligned to a template ({result['templates_unaligned']}"
            f" of {result['templates_in_documents']} templates unaligned); "
            f"{result['gold_incidents']} gold incidents, {result['predicted_incidents']} "
            f"predicted; false merges {len(result['false_merges'])}, false splits "
            f"{len(result['false_splits'])}; cross-country merges: "
            f"{result['cross_country_merges']}\n"
        )
        hand = result.get("hand_checked")
        if hand and hand["pairwise"] and hand["bcubed"]:
            hp, hb = hand["pairwise"], hand["bcubed"]
            click.echo(
                f"The same predictions against the gold with {hand['keys_moved']} hand-checked "
                f"keys moved into their incidents (tollwatch/data/eval/muc_same_incident.tsv):\n"
            )
            click.echo("| metric | precision | recall | F1 |\n|---|---|---|---|")
            click.echo(f"| pairwise | {hp['precision']} | {hp['recall']} | **{hp['f1']}** |")
            click.echo(f"| B-cubed | {hb['precision']} | {hb['recall']} | {hb['f1']} |\n")
        return
    click.echo(
        f"\n{result['articles']} articles, {result['gold_incidents']} gold incidents, "
        f"{result['predicted_incidents']} predicted; cross-country merges: "
        f"{result['cross_country_merges']}; order independent: "
        f"{result['order_independent']}\n"
    )


COMMANDS = (
    show_command,
    ledger_command,
    merge_command,
    split_command,
    decisions_command,
    undo_command,
    resolve_command,
    eval_resolve_command,
)


def register(group: click.Group) -> None:
    """Add the commands above to ``group`` (``show`` replaces the earlier one)."""
    for command in COMMANDS:
        group.add_command(command, command.name)
