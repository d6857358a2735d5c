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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from types import TracebackType
from typing import Any, Self

from tollwatch.store.query import IncidentPage, IncidentQuery
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

    def iter_reports_naming(
        self,
        country: str,
        keys: Iterable[tuple[str, str]],
        date_from: date,
        date_to: date,
    ) -> Iterator[Report]:
        """The stored current reports of ``country`` dated ``date_from``..``date_to`` that name a
        victim with one of the word pairs ``keys`` (``resolve.cluster.report_victim_keys``).
        This default filters ``iter_reports``; a store with an index answers from it."""
        from tollwatch.resolve.cluster import report_victim_keys

        wanted = set(keys)
        for r in self.iter_reports(
            country=country, date_from=date_from, date_to=date_to, include_reference=False
        ):
            if wanted & report_victim_keys(r):
                yield r

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

    # --- resolution (issue 4): evidence, families, decisions, change log -------------------------
    # Not abstract, so that backends written before issue 4 still load; SQLite implements them.

    def save_resolution(
        self,
        incidents: Iterable[Incident],
        links: Mapping[str, Sequence[Mapping[str, Any]]],
        families: Mapping[str, str],
        log: Iterable[Mapping[str, Any]] = (),
        *,
        replace_all: bool = False,
    ) -> int:
        """``replace_incidents`` plus, in the same transaction: the evidence links of each incident
        (``links``: incident id -> dicts with report_a, report_b, score, parts, outcome,
        decision_id), each report's family id (``families``: report id -> family id) and change-log
        entries (dicts with action, incident_id, decision_id, detail). Links of the incidents it
        replaces are dropped."""
        raise NotImplementedError

    def incident_links(self, incident_id: str) -> list[dict[str, Any]]:
        """The evidence links of an incident, strongest first (decisions first)."""
        raise NotImplementedError

    def report_families(self, report_ids: Iterable[str]) -> dict[str, str]:
        """Report id -> family id (a report never resolved is its own family)."""
        raise NotImplementedError

    def report_incidents(self, report_ids: Iterable[str]) -> dict[str, str | None]:
        """Report id -> the id of its incident (None when unresolved)."""
        raise NotImplementedError

    def add_decision(
        self,
        kind: str,
        part: Sequence[str],
        rest: Sequence[str] = (),
        incident_ids: Sequence[str] = (),
        note: str | None = None,
        user_name: str | None = None,
    ) -> int:
        """Record an analyst decision (``merge`` or ``split``; ``user_name``: who, when made
        through the API) and log it; returns its id."""
        raise NotImplementedError

    def current_decision_reports(self, decision_id: int) -> dict[str, str | None]:
        """Each report id the decision names -> the id of that report now: itself while stored,
        else the report of the same article that replaced it on re-extraction, or None
        (``decision_keys``)."""
        raise NotImplementedError

    def get_decision(self, decision_id: int) -> dict[str, Any]:
        """A decision as a dict (id, kind, incident_ids, part, rest, note, status, superseded_by,
        created_at, undone_at, user_name, undone_by); NotFoundError if there is none."""
        raise NotImplementedError

    def list_decisions(self, status: str | None = None) -> list[dict[str, Any]]:
        """Decisions by id, optionally of one status (active, undone, superseded)."""
        raise NotImplementedError

    def set_decision_status(
        self,
        decision_id: int,
        status: str,
        superseded_by: int | None = None,
        user_name: str | None = None,
    ) -> None:
        """Change a decision's status, and log it (``user_name``: who undid it)."""
        raise NotImplementedError

    def iter_log(
        self, incident_id: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The change log, newest first, optionally of one incident."""
        raise NotImplementedError

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

    # --- serving: API, dashboard, exports, users, review (issue 5) ------------------------------------

    @abstractmethod
    def query_incidents(
        self,
        query: IncidentQuery,
        *,
        sort: str = "-date",
        limit: int = 50,
        cursor: str | None = None,
        with_total: bool = False,
    ) -> IncidentPage:
        """One page of the incidents matching ``query``, sorted by ``sort`` (a key of
        ``query.SORTS``; ties by id), after ``cursor`` (a previous page's ``next_cursor``).
        QueryError for a bad sort, limit or cursor."""

    @abstractmethod
    def map_points(self, query: IncidentQuery, *, limit: int = 20000) -> dict[str, Any]:
        """Located incidents matching ``query`` as compact rows: ``{"columns": [id, date, lat,
        lon, killed, event_type], "points": [[...], ...], "truncated": bool}``, newest first."""

    @abstractmethod
    def aggregate_incidents(self, query: IncidentQuery, *, period: str = "day") -> list[dict]:
        """Dated incidents matching ``query`` counted per ``period`` (``day`` or ``week``, a week
        named by its Monday) and country: ``{period, country, incidents, killed}`` where killed is
        the sum of best estimates."""

    @abstractmethod
    def facet_values(self) -> dict[str, list[Any]]:
        """Distinct ``countries``, ``event_types`` and ``perpetrators`` of the stored incidents."""

    @abstractmethod
    def list_articles(
        self, *, source: str | None = None, limit: int = 50, after: str | None = None
    ) -> list[dict[str, Any]]:
        """Articles without their text, by id, after the id ``after``."""

    @abstractmethod
    def article_meta(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``{id: {id, url, source, title, published}}`` of the stored articles among the ids."""

    @abstractmethod
    def list_sources(self) -> list[dict[str, Any]]:
        """Outlets with their article and report counts and first/last publication times."""

    @abstractmethod
    def add_review_decision(self, decision: dict[str, Any]) -> int:
        """Record an analyst's review decision (incident_id, action, field, figure_key, value,
        why, user_name); returns its id. Decisions are keyed by incident id, so they outlive the
        incident rows that re-processing replaces."""

    @abstractmethod
    def list_review_decisions(
        self, incident_id: str | None = None, *, include_revoked: bool = False
    ) -> list[dict[str, Any]]:
        """Review decisions, oldest first (of one incident when given)."""

    @abstractmethod
    def review_decisions_of(self, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The active review decisions of several incidents at once (a page of a listing, not
        one query per incident): incident id -> its decisions, oldest first; incidents without
        decisions are absent."""

    @abstractmethod
    def revoke_review_decision(self, decision_id: int, user_name: str) -> None:
        """Mark a decision revoked (kept for the record); NotFoundError if none is active."""

    @abstractmethod
    def add_user(self, name: str, role: str, password_hash: str) -> None:
        """Add a user (role viewer, analyst or admin); StoreError if the name is taken."""

    @abstractmethod
    def get_user(self, name: str) -> dict[str, Any] | None:
        """``{name, role, password_hash, created_at}`` or None."""

    @abstractmethod
    def list_users(self) -> list[dict[str, Any]]:
        """Users without their password hashes, by name."""

    @abstractmethod
    def remove_user(self, name: str) -> None:
        """Remove a user and their tokens; NotFoundError if there is none."""

    @abstractmethod
    def add_token(self, name: str, token_hash: str, label: str = "") -> None:
        """Store the hash of an API token of user ``name``."""

    @abstractmethod
    def user_for_token(self, token_hash: str) -> dict[str, Any] | None:
        """``{name, role}`` of the token's user, or None."""

    @abstractmethod
    def remove_token(self, token_hash: str) -> None:
        """Forget a token (logout)."""

    def snapshot(self) -> AbstractContextManager[None]:
        """A context in which every read sees the database as it was when it began (a read
        transaction), for reads of many pages such as exports. The default gives no such
        guarantee; SQLite gives it."""
        return nullcontext()

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
