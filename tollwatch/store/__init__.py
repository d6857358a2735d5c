"""Storage: one interface (``Store``), SQLite now, PostgreSQL later.

open_store(url_or_path) -> Store
"""

from __future__ import annotations

from tollwatch.errors import StoreError
from tollwatch.store.base import Store
from tollwatch.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "open_store"]


def open_store(url_or_path: str) -> Store:
    """Open (creating and migrating as needed) the store at ``url_or_path``.

    A plain path, ``sqlite:///relative/path``, ``sqlite:////absolute/path`` or ``:memory:`` opens
    SQLite; ``postgresql://`` URLs raise StoreError until that backend exists."""
    target = str(url_or_path)
    scheme, sep, rest = target.partition("://")
    if not sep:
        return SQLiteStore(target)
    scheme = scheme.lower()
    if scheme == "sqlite":
        if rest in ("", "/", "/:memory:"):
            return SQLiteStore(":memory:")
        if not rest.startswith("/"):
            raise StoreError(
                f"cannot read the SQLite URL {target!r}",
                hint="write sqlite:///relative/path.db or sqlite:////absolute/path.db",
            )
        return SQLiteStore(rest[1:])
    if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
        raise StoreError(
            "the PostgreSQL backend is not available yet",
            hint="use a SQLite path such as tollwatch.db (or sqlite:///tollwatch.db)",
        )
    raise StoreError(
        f"unknown database URL scheme {scheme!r} in {target!r}",
        hint="use a file path, sqlite:///path.db, or (later) postgresql://...",
    )
