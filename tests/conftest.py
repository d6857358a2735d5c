from __future__ import annotations

from pathlib import Path

import pytest

from tollwatch.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    """One extractor (spaCy pipeline + gazetteer) for the whole session."""
    from tollwatch.extract.pipeline import Extractor

    return Extractor(Settings(), include_references=True)


@pytest.fixture(scope="session")
def current(extractor):
    """The current (non-reference) reports the extractor makes of a text: ``current(text)`` or
    ``current(text, published)`` (default 10 May 2023, noon UTC)."""
    from datetime import UTC, datetime

    from tollwatch.types import Article

    def run(text: str, published: datetime | None = None) -> list:
        published = published or datetime(2023, 5, 10, 12, tzinfo=UTC)
        article = Article(id="t", text=text, published=published)
        return [r for r in extractor.extract(article) if not r.is_reference]

    return run
