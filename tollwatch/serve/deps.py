"""FastAPI dependencies: a store per request, the authenticated user, role checks.

The SQLite connection is opened per request (a connection may not cross threads and FastAPI runs
plain endpoints in a thread pool); opening a migrated database costs well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from tollwatch.serve.auth import hash_token, role_allows
from tollwatch.store import Store, open_store

__all__ = ["ApiError", "StoreDep", "UserDep", "current_user", "get_store", "require"]


class ApiError(Exception):
    """An error answered as ``{"error": {status, code, message, hint}}``."""

    def __init__(self, status: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.hint = status, code, message, hint


def get_store(request: Request) -> Iterator[Store]:
    store = open_store(request.app.state.db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


def _token_of(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            "unauthenticated",
            "the Authorization header is not 'Bearer TOKEN'",
            "log in (POST /api/auth/login) and send the token as 'Bearer TOKEN'",
        )
    return token.strip()


def current_user(
    store: StoreDep, authorization: Annotated[str | None, Header()] = None
) -> dict[str, Any] | None:
    """The user of the request's bearer token, None without a token; 401 for a bad token."""
    token = _token_of(authorization)
    if token is None:
        return None
    user = store.user_for_token(hash_token(token))
    if user is None:
        raise ApiError(
            401,
            "unauthenticated",
            "this token is unknown or was revoked",
            "log in again to get a new token",
        )
    return {**user, "token_hash": hash_token(token)}


UserDep = Annotated[dict[str, Any] | None, Depends(current_user)]


def require(role: str) -> Callable[..., dict[str, Any]]:
    """A dependency that answers 401 without a user and 403 when the user's role is too low."""

    def check(user: UserDep) -> dict[str, Any]:
        if user is None:
            raise ApiError(
                401,
                "unauthenticated",
                "this needs a logged-in user",
                "log in (POST /api/auth/login) and send 'Authorization: Bearer TOKEN'",
            )
        if not role_allows(user["role"], role):
            raise ApiError(
                403,
                "forbidden",
                f"this needs the role {role}, user {user['name']!r} is {user['role']}",
                "ask an admin: tollwatch users add NAME --role ...",
            )
        return user

    return check


AnalystDep = Annotated[dict[str, Any], Depends(require("analyst"))]
AdminDep = Annotated[dict[str, Any], Depends(require("admin"))]
ViewerDep = Annotated[dict[str, Any], Depends(require("viewer"))]
