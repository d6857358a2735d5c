"""Serve the incident database: REST API, exports, dashboard, review (reads the store only).

create_app(db) -> FastAPI        tollwatch/serve/app.py
tollwatch serve | export | users  tollwatch/serve/cli.py
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):  # noqa: ANN002, ANN003 - thin lazy re-export
    from tollwatch.serve.app import create_app as _create_app

    return _create_app(*args, **kwargs)
