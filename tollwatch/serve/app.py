"""The ASGI application: API under /api, the dashboard's pages and static files, one error shape.

    create_app(db, tile_url="", vendor_dir=None) -> FastAPI

Pages (``/``, ``/incidents/{id}``) are one static single-page app whose data all comes from the
API, so every page's data is also JSON (each page links its JSON twin). The map's JavaScript
libraries are served from the npm packages installed at set-up time (``make web-deps``) under
``/vendor``; nothing of theirs is in this repository.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tollwatch import __version__
from tollwatch.config import Settings
from tollwatch.errors import NotFoundError, QueryError, TollwatchError
from tollwatch.serve import api, api_resolution, api_review
from tollwatch.serve.deps import ApiError

__all__ = ["VENDOR_PACKAGES", "create_app", "default_vendor_dir"]

log = logging.getLogger("tollwatch.serve")
STATIC = Path(__file__).resolve().parent / "static"

#: URL path under /vendor -> folder inside node_modules
VENDOR_PACKAGES = {
    "leaflet": "leaflet/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
}


def default_vendor_dir() -> Path:
    """``node_modules`` of the checkout (``make web-deps`` installs it there)."""
    return Path(__file__).resolve().parents[2] / "node_modules"


def _error(status: int, code: str, message: str, hint: str = "") -> JSONResponse:
    return JSONResponse(
        {"error": {"status": status, "code": code, "message": message, "hint": hint}},
        status_code=status,
    )


_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.hint)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, "not_found", str(exc), exc.hint)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return _error(400, "bad_request", str(exc), exc.hint)

    @app.exception_handler(TollwatchError)
    async def tollwatch_error(request: Request, exc: TollwatchError) -> JSONResponse:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return _error(500, "server_error", str(exc), exc.hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        ]
        return _error(422, "invalid", "; ".join(parts), "see /openapi.json for the parameters")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, _CODES.get(exc.status_code, "error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(
            500,
            "server_error",
            f"{type(exc).__name__}: {exc}",
            "this is a bug; the server log has the traceback",
        )


def create_app(
    db: str,
    *,
    tile_url: str = "",
    tile_attribution: str = "",
    vendor_dir: str | Path | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The app serving the database ``db`` (a path; opened per request). ``settings`` (the
    clustering window and distance, the policy) apply when analysts merge or split incidents;
    default: the built-in defaults."""
    app = FastAPI(
        title="tollwatch",
        version=__version__,
        description="Sourced incident database: incidents, their casualty claims and the words "
        'behind them. Errors are always {"error": {status, code, message, hint}}.',
    )
    app.state.db = str(db)
    app.state.settings = settings or Settings(db=str(db))
    app.state.tile_url = tile_url
    app.state.tile_attribution = tile_attribution
    _install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(api_review.router)
    app.include_router(api_resolution.router)

    vendor = Path(vendor_dir) if vendor_dir else default_vendor_dir()
    for name, sub in VENDOR_PACKAGES.items():
        folder = vendor / sub
        if folder.is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
        else:
            log.warning("%s is missing: the map needs `make web-deps` (npm install)", folder)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/vendor/{path:path}", include_in_schema=False)
    def vendor_missing(path: str) -> Any:
        return _error(
            404,
            "not_found",
            f"/vendor/{path} is not installed",
            "run `make web-deps` (npm install) in the tollwatch checkout",
        )

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/incidents/{incident_id}", include_in_schema=False)
    def incident_page(incident_id: str) -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app
