"""``tollwatch serve``, ``tollwatch export`` and ``tollwatch users``: thin click commands over
``tollwatch.serve`` (registered at the end of tollwatch/cli.py).

    tollwatch serve [--db PATH] [--host 127.0.0.1] [--port 8765] [--tile-url URL]
    tollwatch export FORMAT [--db PATH] [--output FILE] [--policy P] [filters...]
    tollwatch users add NAME --role viewer|analyst|admin [--password-stdin]
    tollwatch users list | token NAME | remove NAME
"""

from __future__ import annotations

import sys
from datetime import date

import click

from tollwatch.cli import db_option, handle_errors, settings_from
from tollwatch.errors import ConfigError, NotFoundError

FORMAT_NAMES = ("acled", "gtd", "ucdp", "geojson", "parquet", "jsonl")
ROLE_NAMES = ("viewer", "analyst", "admin")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--tile-url",
    default="",
    envvar="TOLLWATCH_TILE_URL",
    metavar="URL",
    help="Map tiles for online users, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
    "(default: none, the offline world map).",
)
@click.option(
    "--tile-attribution",
    default="",
    envvar="TOLLWATCH_TILE_ATTRIBUTION",
    help="Attribution shown with --tile-url tiles.",
)
@click.option(
    "--vendor-dir",
    default=None,
    metavar="DIR",
    help="node_modules holding leaflet, topojson-client, world-atlas "
    "(default: the checkout's, from `make web-deps`).",
)
@click.pass_context
@handle_errors
def serve_command(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    tile_url: str,
    tile_attribution: str,
    vendor_dir: str | None,
) -> None:
    """Serve the REST API (/api, /openapi.json) and the dashboard (/) of a database."""
    import uvicorn

    from tollwatch.serve.app import create_app
    from tollwatch.store import open_store

    settings = settings_from(ctx, db=db)
    open_store(settings.db).close()  # create and migrate before serving; fails early
    app = create_app(
        settings.db,
        tile_url=tile_url,
        tile_attribution=tile_attribution,
        vendor_dir=vendor_dir,
        settings=settings,
    )
    click.echo(
        f"tollwatch dashboard: http://{host}:{port}/  (API: http://{host}:{port}/docs, "
        f"/openapi.json; Ctrl-C stops)",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMAT_NAMES))
@db_option
@click.option("--output", "-o", default="-", metavar="FILE", help="File to write (- = stdout).")
@click.option(
    "--policy",
    default=None,
    help="Reconcile tolls again under this policy (default: the stored one).",
)
@click.option("--from", "date_from", default=None, metavar="DATE", help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, metavar="DATE", help="Last day (YYYY-MM-DD).")
@click.option("--country", default=None, metavar="CC", help="ISO 3166-1 alpha-2 code.")
@click.option("--type", "event_type", default=None, help="ACLED event type.")
@click.option("--min-killed", default=None, type=int, help="Best killed estimate at least N.")
@click.pass_context
@handle_errors
def export_command(
    ctx: click.Context,
    fmt: str,
    db: str | None,
    output: str,
    policy: str | None,
    date_from: str | None,
    date_to: str | None,
    country: str | None,
    event_type: str | None,
    min_killed: int | None,
) -> None:
    """Export incidents, analysts' corrections applied: acled, gtd, ucdp (CSV), geojson,
    parquet or jsonl. Every export states the reconciliation policy and tollwatch version."""
    from tollwatch.serve.exports import export_bytes
    from tollwatch.store import open_store
    from tollwatch.store.query import IncidentQuery
    from tollwatch.tolls import POLICIES

    if policy is not None and policy not in POLICIES:
        raise ConfigError(f"unknown policy {policy!r}", hint=f"use one of: {', '.join(POLICIES)}")
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise ConfigError("Parquet is binary", hint="write it to a file with --output FILE")
    try:
        query = IncidentQuery(
            date_from=date.fromisoformat(date_from) if date_from else None,
            date_to=date.fromisoformat(date_to) if date_to else None,
            country=country,
            event_type=event_type,
            min_killed=min_killed,
        )
    except ValueError as exc:
        raise ConfigError(f"cannot read a date: {exc}", hint="write dates as YYYY-MM-DD") from exc
    settings = settings_from(ctx, db=db)
    with open_store(settings.db) as store, store.snapshot():
        chunks = export_bytes(fmt, store, query, policy)
        if output == "-":
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
        else:
            with open(output, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
            click.echo(f"wrote {output}", err=True)


@click.group("users")
def users_group() -> None:
    """Dashboard and API users: roles viewer (read), analyst (review), admin (users)."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_group.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLE_NAMES))
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin's first line.")
@db_option
@click.pass_context
@handle_errors
def users_add(
    ctx: click.Context, name: str, role: str, password_stdin: bool, db: str | None
) -> None:
    """Add a user (the password is asked for, or read with --password-stdin)."""
    from tollwatch.serve.auth import hash_password
    from tollwatch.store import open_store

    password = _read_password(password_stdin)
    if len(password) < 8:
        raise ConfigError("the password is shorter than 8 characters", hint="choose a longer one")
    with open_store(settings_from(ctx, db=db).db) as store:
        store.add_user(name, role, hash_password(password))
    click.echo(f"added {name} ({role})", err=True)


@users_group.command("list")
@db_option
@click.pass_context
@handle_errors
def users_list(ctx: click.Context, db: str | None) -> None:
    """List users and their roles (tab-separated)."""
    from tollwatch.store import open_store

    with open_store(settings_from(ctx, db=db).db) as store:
        for user in store.list_users():
            click.echo(f"{user['name']}\t{user['role']}\t{user['created_at']}")


@users_group.command("token")
@click.argument("name")
@click.option("--label", default="cli", help="A note kept with the token.")
@db_option
@click.pass_context
@handle_errors
def users_token(ctx: click.Context, name: str, label: str, db: str | None) -> None:
    """Print a new API token for NAME (shown once; send it as 'Authorization: Bearer TOKEN')."""
    from tollwatch.serve.auth import hash_token, new_token
    from tollwatch.store import open_store

    token = new_token()
    with open_store(settings_from(ctx, db=db).db) as store:
        if store.get_user(name) is None:
            raise NotFoundError(f"no user {name!r}", hint="add it: tollwatch users add NAME --role")
        store.add_token(name, hash_token(token), label)
    click.echo(token)


@users_group.command("remove")
@click.argument("name")
@db_option
@click.pass_context
@handle_errors
def users_remove(ctx: click.Context, name: str, db: str | None) -> None:
    """Remove a user and their tokens."""
    from tollwatch.store import open_store

    with open_store(settings_from(ctx, db=db).db) as store:
        store.remove_user(name)
    click.echo(f"removed {name}", err=True)


def register_serve_commands(main: click.Group) -> None:
    main.add_command(serve_command, "serve")
    main.add_command(export_command, "export")
    main.add_command(users_group, "users")
