"""The team's fixture articles (tests/data/articles) against their hand-written expectations."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tollwatch.types import Article

DATA = Path(__file__).resolve().parent.parent / "data" / "articles"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["files"]
PUBLISHED = {
    line.split("\t")[0]: datetime.fromisoformat(line.split("\t")[1].strip())
    for line in (DATA / "published.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip()
}


def load(name: str) -> Article:
    raw = (DATA / name).read_text(encoding="utf-8")
    title, _, body = raw.partition("\n\n")
    return Article(id=name, text=body, title=title.strip(), published=PUBLISHED[name])


def _same_source(expected: str | None, got: str | None) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    # the same body named more or less fully: "Peoples' Democratic Party (HDP)" and "pro-Kurdish
    # Peoples' Democratic Party" share most of their words
    e, g = expected.lower(), got.lower()
    if e in g or g in e:
        return True
    ew = {w.strip("()'’,.") for w in e.split()} - {"the", "of", "a"}
    gw = {w.strip("()'’,.") for w in g.split()} - {"the", "of", "a"}
    return len(ew & gw) >= max(1, min(len(ew), len(gw)) - 1)


def _find(figures, exp, kind):
    for f in figures:
        if (f.kind, f.low, f.high, f.qualifier, f.is_total) == (
            kind,
            exp["low"],
            exp["high"],
            exp["qualifier"],
            exp["is_total"],
        ) and _same_source(exp.get("attributed_to"), f.attributed_to):
            return f
    return None


@pytest.fixture(scope="module")
def results(extractor):
    return {name: extractor.extract(load(name)) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_incident_count_place_and_date(results, name):
    spec = EXPECTED[name]
    current = [r for r in results[name] if not r.is_reference]
    assert len(current) == spec["incident_count"]
    for exp, got in zip(spec["incidents"], current, strict=False):
        assert got.location is not None and got.location.country == exp["country"]
        assert got.date is not None and got.date.isoformat() == exp["date"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_figures(results, name):
    spec = EXPECTED[name]
    current = [r for r in results[name] if not r.is_reference]
    for exp, got in zip(spec["incidents"], current, strict=False):
        for kind in ("killed", "injured"):
            for fig in exp.get(kind, []):
                found = _find(got.figures, fig, kind)
                assert found is not None, f"{name}: no figure like {fig['value_text']!r}: " + str(
                    [
                        (f.kind, f.low, f.high, f.qualifier, f.is_total, f.attributed_to)
                        for f in got.figures
                    ]
                )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_numbers_that_must_not_be_figures(results, name):
    spec = EXPECTED[name]
    text = load(name).text
    for item in spec.get("must_not_extract", []):
        start = text.find(item["text"])
        if start < 0:
            continue
        end = start + len(item["text"])
        for r in results[name]:
            for f in r.figures:
                ev = f.evidence
                number_inside = ev is not None and start <= ev.start < end
                assert not number_inside, (
                    f"{name}: {item['text']!r} taken as a figure ({ev.text!r})"
                )


def test_history_is_kept_as_a_reference(results):
    refs = [r for r in results["g_historical_reference.txt"] if r.is_reference]
    assert refs and refs[0].date.year == 2004
    assert any(f.low == 191 for f in refs[0].figures)
