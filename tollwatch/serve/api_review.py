"""Write endpoints: log in and out, tokens, review decisions, users.

Every endpoint here but ``/api/auth/login`` needs an authenticated user (``Authorization: Bearer
TOKEN``); reviews need an analyst, users an admin. ``tests/serve/test_auth.py`` walks every write
route of the app and checks that none answers without them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tollwatch.review import CORRECTABLE, apply_decisions, check_correction
from tollwatch.serve.auth import ROLES, hash_password, hash_token, new_token, verify_password
from tollwatch.serve.deps import AdminDep, AnalystDep, ApiError, StoreDep, ViewerDep

router = APIRouter(prefix="/api")


class Login(BaseModel):
    name: str
    password: str


class Correction(BaseModel):
    field: str = Field(description=f"one of {', '.join(CORRECTABLE)}")
    value: Any = Field(description="the corrected value; null clears the field")
    why: str = Field(min_length=1, description="the reason, kept with the decision")


class Rejection(BaseModel):
    figure_key: str = Field(description="the figure's key, as in GET /api/incidents/{id}")
    why: str = Field(min_length=1)


class NewUser(BaseModel):
    name: str = Field(min_length=1)
    role: str = Field(description=f"one of {', '.join(ROLES)}")
    password: str = Field(min_length=8)


class NewToken(BaseModel):
    label: str = ""


@router.post("/auth/login", summary="Exchange a name and password for an API token")
def login(store: StoreDep, body: Login) -> dict[str, Any]:
    user = store.get_user(body.name)
    if user is None or not verify_password(body.password, user["password_hash"]):
        raise ApiError(
            401,
            "unauthenticated",
            "wrong user name or password",
            "check both, or ask an admin to reset them",
        )
    token = new_token()
    store.add_token(user["name"], hash_token(token), label="login")
    return {"token": token, "user": {"name": user["name"], "role": user["role"]}}


@router.post("/auth/logout", summary="Revoke the token of this request")
def logout(store: StoreDep, user: ViewerDep) -> dict[str, Any]:
    store.remove_token(user["token_hash"])
    return {"ok": True}


@router.get("/auth/me", summary="The user of the token")
def me(user: ViewerDep) -> dict[str, Any]:
    return {"name": user["name"], "role": user["role"]}


@router.post("/tokens", summary="A new API token for the logged-in user (shown once)")
def create_token(store: StoreDep, user: ViewerDep, body: NewToken) -> dict[str, Any]:
    token = new_token()
    store.add_token(user["name"], hash_token(token), label=body.label)
    return {"token": token}


def _reviewed(store: StoreDep, incident_id: str) -> dict[str, Any]:
    from tollwatch.schema import incident_to_dict

    return apply_decisions(
        incident_to_dict(store.get_incident(incident_id)), store.list_review_decisions(incident_id)
    )


@router.post(
    "/incidents/{incident_id}/corrections",
    status_code=201,
    summary="Correct a field of an incident (analyst)",
)
def correct(store: StoreDep, user: AnalystDep, incident_id: str, body: Correction) -> dict:
    store.get_incident(incident_id)  # 404 for an unknown incident
    try:
        value = check_correction(body.field, body.value)
    except ValueError as exc:
        raise ApiError(422, "invalid", str(exc), "see correctable_fields in the incident") from exc
    decision_id = store.add_review_decision(
        {
            "incident_id": incident_id,
            "action": "correct",
            "field": body.field,
            "value": value,
            "why": body.why,
            "user_name": user["name"],
        }
    )
    return {"decision_id": decision_id, "incident": _reviewed(store, incident_id)}


@router.post(
    "/incidents/{incident_id}/rejections",
    status_code=201,
    summary="Reject a casualty figure: it stops counting in the tolls (analyst)",
)
def reject(store: StoreDep, user: AnalystDep, incident_id: str, body: Rejection) -> dict:
    current = _reviewed(store, incident_id)
    if body.figure_key not in {f["key"] for f in current.get("figures", [])}:
        raise ApiError(
            404,
            "not_found",
            f"incident {incident_id} has no figure {body.figure_key!r}",
            "use a key listed in GET /api/incidents/{id}",
        )
    decision_id = store.add_review_decision(
        {
            "incident_id": incident_id,
            "action": "reject_figure",
            "figure_key": body.figure_key,
            "value": None,
            "why": body.why,
            "user_name": user["name"],
        }
    )
    return {"decision_id": decision_id, "incident": _reviewed(store, incident_id)}


@router.delete("/decisions/{decision_id}", summary="Revoke a review decision (analyst)")
def revoke(store: StoreDep, user: AnalystDep, decision_id: int) -> dict[str, Any]:
    store.revoke_review_decision(decision_id, user["name"])
    return {"ok": True}


@router.get("/users", summary="Users and roles (admin)")
def users(store: StoreDep, user: AdminDep) -> dict[str, Any]:
    return {"users": store.list_users()}


@router.post("/users", status_code=201, summary="Add a user (admin)")
def add_user(store: StoreDep, user: AdminDep, body: NewUser) -> dict[str, Any]:
    if body.role not in ROLES:
        raise ApiError(422, "invalid", f"unknown role {body.role!r}", f"use one of {ROLES}")
    if store.get_user(body.name) is not None:
        raise ApiError(409, "conflict", f"user {body.name!r} exists", "pick another name")
    store.add_user(body.name, body.role, hash_password(body.password))
    return {"name": body.name, "role": body.role}


@router.delete("/users/{name}", summary="Remove a user and their tokens (admin)")
def remove_user(store: StoreDep, user: AdminDep, name: str) -> dict[str, Any]:
    store.remove_user(name)
    return {"ok": True}
