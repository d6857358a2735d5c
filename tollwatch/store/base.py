"""The storage interface every backend implements (SQLite now, PostgreSQL later).

A Store keeps articles, the reports extracted from them (with one row per casualty figure),
incidents, failures and runs. Every write is one transaction: it is stored whole or not at all, and
a write that fails leaves what was stored before untouched (it raises ``StoreError``). Reads of a
missing id raise ``NotFoundError``.

Incremental resolution: ``iter_reports(unresolved=True)`` lists the reports in no incident (new,
or orphaned because their article was re-extracted); a resolver loads those plus the reports near
them (``iter_reports(date_from=..., date_to=..., country=...)``), resolves that set and hands the
result to ``replace_incidents``, which drops every stored incident that shares a report with the
new ones. ``replace_incidents(..., replace_all=True)`` is the full recompute.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import TracebackType
from typing import Any, Self

from tollwatch.types import Article, Failure, Incident, Report

__all__ = ["Store"]


class Store(ABC):
    """A tollwatch database. Use it as a context manager, or call ``close()``."""

    # --- articles --------------------------------------------------------------------------------

    @abstractmethod
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""

    @abstractmethod
    def has_content_hash(self, content_hash: str) -> bool:
        """Whether an article with this normalised-text hash is stored (same text, other URL)."""

    @abstractmethod
    def add_article(self, article: Article) -> bool:
        """Store an article; True if added, False if its id was already stored (nothing changes)."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article:
        """The stored article; NotFoundError if there is none."""

    @abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, by id."""

    # --- reports ---------------------------------------------------------------------------------

    @abstractmethod
    def add_reports(self, article_id: str, reports: Iterable[Report]) -> int:
        """Replace the reports of a stored article with ``reports`` (and their figures); returns
        how many were stored. Incidents that held the article's former reports are deleted, so
        their other reports become unresolved. Every report must have ``article_id``."""

    @abstractmethod
    def get_report(self, report_id: str) -> Report:
        """The stored report; NotFoundError if there is none."""

    @abstractmethod
    def iter_reports(
        self,
        *,
        article_id: str | None = None,
        incident_id: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        unresolved: bool = False,
        include_reference: bool = True,
    ) -> Iterator[Report]:
        """Stored reports matching every filter given, by id. A date filter leaves out undated
        reports; ``unresolved`` keeps only the reports in no incident."""

    # --- incidents -------------------------------------------------------------------------------

    @abstractmethod
    def replace_incidents(self, incidents: Iterable[Incident], *, replace_all: bool = False) -> int:
        """Store incidents and point their reports at them, in one transaction. Stored incidents
        that share a report with a new one are deleted first; with ``replace_all`` every stored
        incident is. Returns how many were stored."""

    @abstractmethod
    def delete_incidents(self, incident_ids: Iterable[str]) -> int:
        """Delete incidents (their reports become unresolved); returns how many existed."""

    @abstractmethod
    def get_incident(self, incident_id: str) -> Incident:
        """The stored incident; NotFoundError if there is none. Its reports:
        ``iter_reports(incident_id=...)``."""

    @abstractmethod
    def list_incidents(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        min_killed: int | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Incident]:
        """Incidents matching every filter given, newest first (undated last), then by id.
        ``min_killed`` compares with the best estimate of the killed toll."""

    @abstractmethod
    def count_incidents(
        self,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        min_killed: int | None = None,
    ) -> int:
        """How many incidents ``list_incidents`` would list without limit."""

    # --- failures and runs -----------------------------------------------------------------------

    @abstractmethod
    def add_failure(self, failure: Failure) -> None:
        """Record a document that could not be processed."""

    @abstractmethod
    def iter_failures(self, reason: str | None = None) -> Iterator[Failure]:
        """Recorded failures, oldest first, optionally of one reason."""

    @abstractmethod
    def failure_counts(self) -> dict[str, int]:
        """Number of failures per reason code."""

    @abstractmethod
    def start_run(self) -> int:
        """Record the start of a run; returns its id."""

    @abstractmethod
    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record the end of a run with its counts (articles, reports, failures...)."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Row counts and the applied migrations, for ``tollwatch stats`` and the dashboard."""

    # --- lifecycle -------------------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Release the connection; further calls raise StoreError."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
