"""Parsing checks on the real MUC-4 files in ../shared (skipped when they are absent)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED
from tollwatch.evaluate import muc_corpus
from tollwatch.evaluate.gtt import read_gtt
from tollwatch.evaluate.muc_gold import gold_incident

DATASETS = SHARED / "datasets"
pytestmark = pytest.mark.skipif(
    not (DATASETS / "muc34_raw").exists(), reason="../shared/datasets/muc34_raw is absent"
)


def test_tst1_tst2_texts_and_keys_parse():
    texts, keys = muc_corpus(DATASETS, "tst1+tst2")
    assert len(texts) == 200 and set(keys) == set(texts)
    assert sum(t.published is None for t in texts.values()) == 15  # "NO DATE" datelines
    golds = [gold_incident(t, texts[d].published) for d, ts in keys.items() for t in ts]
    assert len(golds) == 191  # the GTT dev split has 191 templates for the same messages
    assert all(g.locations and g.locations[0].country for g in golds)
    assert sum(bool(g.dates) for g in golds) >= 180


@pytest.mark.skipif(not (DATASETS / "muc4_gtt").exists(), reason="muc4_gtt is absent")
def test_gtt_dev_split_reads():
    docs = read_gtt(DATASETS / "muc4_gtt" / "dev.jsonl")
    assert len(docs) == 200
    first = json.loads((DATASETS / "muc4_gtt" / "dev.jsonl").open().readline())
    assert docs[0].docid == first["docid"]
