"""The demo corpus run as ``make demo`` runs it (from the checkout's root), for the tests that
need its database."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DEMO = ["demo/articles", "demo/feed.xml", "demo/wire.jsonl", "demo/page.html"]


def run_demo(db: str) -> None:
    """``tollwatch run`` over the demo corpus into ``db``."""
    from tollwatch.cli import main

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        args = ["run", *DEMO, "--db", db, "--published-map", "demo/published.tsv", "--quiet"]
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(here)
    assert result.exit_code in (0, 1), result.output  # 1: the corpus holds two bad documents
