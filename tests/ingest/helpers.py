"""Shared helpers of the ingest tests."""

from __future__ import annotations

from pathlib import Path

from tollwatch.config import Settings
from tollwatch.ingest import iter_articles
from tollwatch.types import Article, Failure

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def ingest(sources: list[str | Path], settings: Settings, **kwargs) -> list[Article | Failure]:
    return list(iter_articles([str(s) for s in sources], settings, **kwargs))


def articles(results: list[Article | Failure]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def failures(results: list[Article | Failure]) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure)]
