"""No write is reachable without an authenticated user with the right role."""

from __future__ import annotations

import pytest

from tests.serve.conftest import login
from tollwatch.serve.auth import hash_password, role_allows, verify_password

PUBLIC_WRITES = {("POST", "/api/auth/login")}


def _write_routes(app):
    """Every non-GET operation of the app (from its OpenAPI description, which lists every
    route of the included routers; the pages and static files are GET-only)."""
    for path, operations in app.openapi()["paths"].items():
        for method in operations:
            if method.upper() not in ("GET", "HEAD", "OPTIONS"):
                yield method.upper(), path


def _fill(path: str, ids) -> str:
    return (
        path.replace("{incident_id}", ids["seed"])
        .replace("{decision_id}", "1")
        .replace("{name}", "vic")
    )


def test_passwords_are_hashed_and_checked():
    stored = hash_password("s3cret-pass")
    assert "s3cret" not in stored and stored.startswith("scrypt$")
    assert verify_password("s3cret-pass", stored) and not verify_password("wrong", stored)
    assert role_allows("admin", "analyst") and not role_allows("viewer", "analyst")


def test_every_write_route_needs_a_user(client, demo_db):
    _, ids = demo_db
    routes = sorted(set(_write_routes(client.app)) - PUBLIC_WRITES)
    assert len(routes) >= 10
    assert {
        ("POST", "/api/incidents/{incident_id}/merges"),
        ("POST", "/api/incidents/{incident_id}/splits"),
        ("DELETE", "/api/resolution-decisions/{decision_id}"),
    } <= set(routes)
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer tw_forged"}, {"Authorization": "Basic x"}):
            r = client.request(method, _fill(path, ids), json={}, headers=headers)
            assert r.status_code == 401, (method, path, headers, r.text)
            assert r.json()["error"]["code"] == "unauthenticated"


def test_review_and_user_routes_need_their_role(client, demo_db):
    _, ids = demo_db
    viewer = login(client, "vic")
    analyst = login(client, "ana")
    for method, path in sorted(set(_write_routes(client.app)) - PUBLIC_WRITES):
        if path.startswith(("/api/auth", "/api/tokens")):
            continue
        r = client.request(method, _fill(path, ids), json={}, headers=viewer)
        assert r.status_code == 403, (method, path)
        if path.startswith("/api/users"):
            assert (
                client.request(method, _fill(path, ids), json={}, headers=analyst).status_code
                == 403
            )
    assert client.get("/api/users", headers=viewer).status_code == 403


def test_login_tokens_and_logout(client):
    bad = client.post("/api/auth/login", json={"name": "ana", "password": "nope"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthenticated"
    headers = login(client, "ana")
    assert client.get("/api/auth/me", headers=headers).json() == {"name": "ana", "role": "analyst"}
    token = client.post("/api/tokens", json={"label": "script"}, headers=headers).json()["token"]
    assert (
        client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )
    assert client.post("/api/auth/logout", headers=headers).status_code == 200
    assert client.get("/api/auth/me", headers=headers).status_code == 401


def test_admin_manages_users(client):
    admin = login(client, "root")
    r = client.post(
        "/api/users",
        json={"name": "newbie", "role": "analyst", "password": "long-enough"},
        headers=admin,
    )
    assert r.status_code == 201
    assert (
        client.post(
            "/api/users",
            json={"name": "newbie", "role": "analyst", "password": "long-enough"},
            headers=admin,
        ).status_code
        == 409
    )
    names = {u["name"] for u in client.get("/api/users", headers=admin).json()["users"]}
    assert "newbie" in names and all(
        "password_hash" not in u for u in client.get("/api/users", headers=admin).json()["users"]
    )
    assert client.delete("/api/users/newbie", headers=admin).status_code == 200


@pytest.mark.parametrize("role_user", ["ana", "root"])
def test_analysts_and_admins_may_review(client, demo_db, role_user):
    _, ids = demo_db
    r = client.post(
        f"/api/incidents/{ids['seed']}/corrections",
        headers=login(client, role_user),
        json={"field": "event_type", "value": "Battles", "why": "checked"},
    )
    assert r.status_code == 201
