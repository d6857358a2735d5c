"""Merge and split incidents from the API: the CLI's stored decisions (``tollwatch merge``,
``split``, ``undo``, ``decisions``), with who made them.

    GET    /api/resolution-decisions[?status=&incident_id=]   list (open)
    GET    /api/resolution-decisions/{decision_id}            one (open)
    POST   /api/incidents/{incident_id}/merges                merge others into it (analyst)
    POST   /api/incidents/{incident_id}/splits                split reports off it (analyst)
    DELETE /api/resolution-decisions/{decision_id}            undo a decision (analyst)

A merge or split re-resolves the reports it touches (``tollwatch.run.incremental``, which imports
the resolver and the store, never ``tollwatch.extract``), so the incident ids it answers may be new
ones: the page of the old incident may be gone. The decisions survive re-runs and new articles, as
the CLI's do. Their ids are their own, not those of the review decisions (``/api/decisions``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from tollwatch.config import Settings
from tollwatch.errors import NotFoundError, TollwatchError
from tollwatch.run.incremental import merge_incidents, split_incident, undo_decision
from tollwatch.serve.deps import AnalystDep, ApiError, StoreDep
from tollwatch.store import Store
from tollwatch.types import Incident

router = APIRouter(prefix="/api")

STATUSES = ("active", "undone", "superseded")


class Merge(BaseModel):
    incident_ids: list[str] = Field(
        min_length=1, description="the incidents to merge into this one"
    )
    why: str = Field(min_length=1, description="the reason, kept with the decision")


class Split(BaseModel):
    report_ids: list[str] = Field(
        min_length=1, description="the reports (ids as in GET /api/incidents/{id}) to split off"
    )
    why: str = Field(min_length=1, description="the reason, kept with the decision")


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _brief(incident: Incident) -> dict[str, Any]:
    return {
        "incident_id": incident.id,
        "report_ids": list(incident.report_ids),
        "url": f"/api/incidents/{incident.id}",
        "page": f"/incidents/{incident.id}",
    }


def _refused(exc: TollwatchError, status: int = 422) -> ApiError:
    code = "conflict" if status == 409 else "invalid"
    return ApiError(status, code, str(exc), exc.hint or "see /openapi.json")


def _touches(store: Store, decision: dict[str, Any], incident_id: str) -> bool:
    if incident_id in decision["incident_ids"]:
        return True
    ids = set(decision["part"]) | set(decision["rest"])
    return any(owner == incident_id for owner in store.report_incidents(ids).values())


@router.get("/resolution-decisions", summary="Merge and split decisions, oldest first")
def list_resolution_decisions(
    store: StoreDep,
    status: Annotated[str | None, Query(description=f"one of {', '.join(STATUSES)}")] = None,
    incident_id: Annotated[
        str | None, Query(description="only those naming this incident or moving its reports")
    ] = None,
) -> dict[str, Any]:
    if status is not None and status not in STATUSES:
        raise ApiError(
            400, "bad_request", f"unknown status {status!r}", f"use one of: {', '.join(STATUSES)}"
        )
    found = store.list_decisions(status)
    if incident_id:
        found = [d for d in found if _touches(store, d, incident_id)]
    return {"decisions": found}


@router.get("/resolution-decisions/{decision_id}", summary="One merge or split decision")
def get_resolution_decision(store: StoreDep, decision_id: int) -> dict[str, Any]:
    return store.get_decision(decision_id)


@router.post(
    "/incidents/{incident_id}/merges",
    status_code=201,
    summary="Merge other incidents into this one, as a stored decision (analyst)",
)
def merge(
    request: Request, store: StoreDep, user: AnalystDep, incident_id: str, body: Merge
) -> dict[str, Any]:
    ids = [incident_id, *[i for i in body.incident_ids if i != incident_id]]
    try:
        decision_id, incident = merge_incidents(
            store, _settings(request), ids, body.why, user_name=user["name"]
        )
    except NotFoundError:
        raise
    except TollwatchError as exc:
        raise _refused(exc) from exc
    return {"decision_id": decision_id, "merged": ids, "incident": _brief(incident)}


@router.post(
    "/incidents/{incident_id}/splits",
    status_code=201,
    summary="Split reports off this incident into one of their own (analyst)",
)
def split(
    request: Request, store: StoreDep, user: AnalystDep, incident_id: str, body: Split
) -> dict[str, Any]:
    try:
        decision_id, part, rest = split_incident(
            store,
            _settings(request),
            incident_id,
            body.report_ids,
            body.why,
            user_name=user["name"],
        )
    except NotFoundError:
        raise
    except TollwatchError as exc:
        raise _refused(exc) from exc
    return {"decision_id": decision_id, "split_off": _brief(part), "remaining": _brief(rest)}


@router.delete(
    "/resolution-decisions/{decision_id}",
    summary="Undo a merge or split: its reports are resolved again (analyst)",
)
def undo(request: Request, store: StoreDep, user: AnalystDep, decision_id: int) -> dict[str, Any]:
    try:
        incident_ids = undo_decision(store, _settings(request), decision_id, user_name=user["name"])
    except NotFoundError:
        raise
    except TollwatchError as exc:
        raise _refused(exc, 409) from exc
    return {
        "undone": decision_id,
        "incident_ids": incident_ids,
        "pages": [f"/incidents/{i}" for i in incident_ids],
    }
