"""Exceptions raised by tollwatch.

    TollwatchError                 base of everything tollwatch raises on purpose
    ├── ConfigError                a setting has a wrong value or type
    ├── IngestError                a document cannot become an Article (carries a Failure reason)
    ├── ExtractError               the extractor cannot process an article
    ├── StoreError                 the database cannot be opened, migrated, read or written
    │   ├── NotFoundError          an incident, report or article id does not exist
    │   └── QueryError             a filter, sort or cursor of a query is malformed (HTTP 400)
    └── GazetteerError             the offline place index cannot be built or read

Messages say what was expected, what arrived, and what to do.
"""

from __future__ import annotations


class TollwatchError(Exception):
    """Base class of every error tollwatch raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class ConfigError(TollwatchError):
    pass


class IngestError(TollwatchError):
    """A document that cannot become an Article. ``reason`` is a stable code from
    ``tollwatch.types.FAILURE_REASONS``."""

    def __init__(self, reason: str, message: str, hint: str = "") -> None:
        super().__init__(message, hint)
        self.reason = reason


class ExtractError(TollwatchError):
    pass


class StoreError(TollwatchError):
    pass


class NotFoundError(StoreError):
    pass


class QueryError(StoreError):
    """A filter, sort or cursor that the store cannot use (the caller's mistake)."""


class GazetteerError(TollwatchError):
    pass
