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
