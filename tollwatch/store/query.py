"""What the API asks the store for: incident filters, sorts and pages (plain records, no I/O).

``IncidentQuery`` is every filter of ``GET /api/incidents``; ``IncidentPage`` one page of the
answer. Pages use keyset pagination: ``next_cursor`` is an opaque string holding the sort value
and id of the last incident, so a page costs the same however deep it is.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tollwatch.errors import QueryError
from tollwatch.types import Incident

__all__ = ["SORTS", "IncidentPage", "IncidentQuery", "decode_cursor", "encode_cursor"]

#: sort name -> (column, descending)
SORTS: dict[str, tuple[str, bool]] = {
    "-date": ("date", True),
    "date": ("date", False),
    "-killed": ("killed_best", True),
    "killed": ("killed_best", False),
    "id": ("id", False),  # exports: a stable order that diffs well
}


@dataclass(frozen=True)
class IncidentQuery:
    """Filters of an incident listing; every one given must match."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    event_type: str | None = None
    perpetrator: str | None = None  # canonical name, case-insensitive
    min_killed: int | None = None  # best estimate of the killed toll
    text: str | None = None  # words searched in summary, place, admin1, type, perpetrators
    ids: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
                raise QueryError(
                    f"bad bounding box {self.bbox}",
                    hint="give west,south,east,north in degrees, south <= north",
                )


@dataclass(frozen=True)
class IncidentPage:
    incidents: list[Incident]
    next_cursor: str | None
    total: int | None = None


def encode_cursor(value: Any, incident_id: str) -> str:
    raw = json.dumps([value, incident_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, incident_id = json.loads(raw)
        if not isinstance(incident_id, str):
            raise ValueError("id")
        return value, incident_id
    except (ValueError, TypeError) as exc:
        raise QueryError(
            f"cannot read the cursor {cursor!r}",
            hint="pass the next_cursor of a previous page unchanged",
        ) from exc
