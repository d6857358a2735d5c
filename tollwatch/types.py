"""Records that cross stage boundaries.

Every record is a frozen, picklable dataclass made only of plain values, tuples and other records,
so that it can travel between processes and machines unchanged. Stages hand these records to each
other; spaCy objects never appear here.

    Article   one document as ingested (ingest -> extract)
    Evidence  the characters of an article that support a field
    Figure    one casualty claim ("at least 41 killed", attributed to "police")
    Location  a place as written plus its gazetteer match
    Actor     a perpetrator as written and its canonical name
    Mention   a victim, target or weapon as written
    Site      one place of a coordinated multi-site attack with its own figures
    Report    one incident as one article tells it (extract -> resolve)
    Toll      low / best / high of one casualty kind
    Incident  reports of one real-world event, merged (resolve -> store -> serve)
    Failure   a document that could not be processed, with a stable reason code
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

SCHEMA_VERSION = "1.0"

#: Casualty kinds a Figure may carry.
FIGURE_KINDS = ("killed", "injured", "missing", "kidnapped")

#: Stable failure reason codes (see docs/schema.md).
FAILURE_REASONS = (
    "not_found",  # path or URL does not exist / HTTP error
    "not_text",  # binary content
    "empty",  # no text after extraction
    "too_large",  # larger than the configured limit
    "undecodable",  # bytes that are no known text encoding
    "unparsable",  # broken JSON line, feed or HTML that yields nothing
    "unparsable_date",  # a date field that cannot be read
    "fetch_error",  # network error while fetching a URL
    "extract_error",  # the extractor raised on this document
    "store_error",  # the store refused a record
)


@dataclass(frozen=True)
class Evidence:
    """Characters ``text[start:end]`` of article ``article_id`` (offsets into Article.text)."""

    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Article:
    """One ingested document.

    ``text`` is the body (the title is kept apart in ``title``); every Evidence offset points into
    ``text``. ``published`` is None when no source gave a date: extraction then leaves relative dates
    unresolved and says so instead of guessing.
    """

    id: str
    text: str
    url: str | None = None
    source: str | None = None  # outlet name or domain
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    origin: str | None = None  # the path, URL or feed the article came from
    content_hash: str | None = None  # sha256 of the normalised text

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        pub = d.get("published")
        return cls(
            id=d["id"],
            text=d["text"],
            url=d.get("url"),
            source=d.get("source"),
            title=d.get("title"),
            published=datetime.fromisoformat(pub) if pub else None,
            language=d.get("language"),
            origin=d.get("origin"),
            content_hash=d.get("content_hash"),
        )


@dataclass(frozen=True)
class Location:
    """A place: ``name`` as written in the article, plus the gazetteer match (may be partial).

    ``precision`` is one of "point" (a named site geocoded to a town), "city", "admin2", "admin1",
    "country", or None when nothing matched.
    """

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonames_id: int | None = None
    matched_name: str | None = None  # the gazetteer's own name for the place
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Actor:
    """A perpetrator: ``text`` as written, ``name`` canonical (alias table), ``kind``
    organization|individual, ``claimed`` when the article says the actor claimed the attack,
    ``suspected`` when the attribution is only suspected or blamed."""

    text: str
    name: str
    kind: str = "organization"
    claimed: bool = False
    claim_channel: str | None = None
    suspected: bool = False
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Mention:
    """A victim, target or weapon as written; ``type`` is the GTD weapon/target type when known."""

    text: str
    type: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Figure:
    """One casualty claim.

    ``low``/``high`` bound the number claimed: "at least 41" is low=41, high=None; "more than 148"
    is low=149, high=None; "between 10 and 12" is low=10, high=12; an exact 78 is low=high=78.
    ``qualifier`` is the normalised hedge ("exact", "at least", "more than", "up to", "about",
    "nearly", "range", "vague"). ``attributed_to`` names who stated it, None when the article does not
    say. ``place`` is the toponym the figure belongs to when the article splits a toll by place.
    ``is_total`` is False for a part (a per-place figure or a category such as "eight of them
    children") that must not be added to the incident total.
    """

    kind: str
    low: int | None
    high: int | None
    qualifier: str
    attributed_to: str | None = None
    victim_category: str | None = None
    place: str | None = None
    is_total: bool = True
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Toll:
    low: int | None = None
    best: int | None = None
    high: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Site:
    """One place of a coordinated multi-site attack."""

    location: Location
    weapons: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Report:
    """One incident as one article tells it.

    ``date`` is None when it cannot be resolved (for instance "Monday" in an article without a
    publication date); ``date_precision`` is "day", "week", "month", "year" or "unknown".
    ``is_reference`` marks an incident the article mentions only as history or comparison.
    """

    id: str
    article_id: str
    date: date | None = None
    date_precision: str = "unknown"
    date_source: str | None = None  # "text" (a date expression), "published" (fallback), None
    date_evidence: Evidence | None = None
    location: Location | None = None
    sites: tuple[Site, ...] = ()
    event_type: str | None = None  # ACLED event type
    sub_event_type: str | None = None  # ACLED sub-event type
    attack_type: str | None = None  # GTD attack type
    suicide: bool = False
    perpetrators: tuple[Actor, ...] = ()
    victims: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    weapons: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    killed: Toll = field(default_factory=Toll)
    injured: Toll = field(default_factory=Toll)
    is_reference: bool = False
    summary: str | None = None  # the sentence that best states the event
    evidence: tuple[Evidence, ...] = ()  # sentences the report was built from
    published: datetime | None = None  # the article's publication time (for toll histories)
    source: str | None = None  # the article's outlet


@dataclass(frozen=True)
class Incident:
    """Reports of one real-world event, merged; tolls reconciled from all their figures."""

    id: str
    report_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    date: date | None = None
    date_precision: str = "unknown"
    location: Location | None = None
    sites: tuple[Site, ...] = ()
    event_type: str | None = None
    sub_event_type: str | None = None
    attack_type: str | None = None
    suicide: bool = False
    perpetrators: tuple[Actor, ...] = ()
    victims: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    weapons: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    killed: Toll = field(default_factory=Toll)
    injured: Toll = field(default_factory=Toll)
    policy: str = "ucdp"
    summary: str | None = None


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed. ``reason`` is one of FAILURE_REASONS."""

    origin: str
    reason: str
    detail: str = ""
    stage: str = "ingest"
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
