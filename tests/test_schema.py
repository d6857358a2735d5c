"""The JSON format: exact round trips, required keys, versioning, and docs/schema.md coverage."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.sample_records import seed_article, seed_report, simple_report
from tollwatch import schema, types
from tollwatch.errors import TollwatchError
from tollwatch.types import SCHEMA_VERSION, Failure, Incident, Report, Toll

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


def seed_incident() -> Incident:
    report = seed_report()
    return Incident(
        id="i_0123456789abcdef",
        report_ids=("r_seed_0", "r_seed_1"),
        article_ids=("a_seed", "a_two"),
        date=report.date,
        date_precision="day",
        location=report.location,
        sites=report.sites,
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        attack_type=report.attack_type,
        suicide=True,
        perpetrators=report.perpetrators,
        victims=report.victims,
        targets=report.targets,
        weapons=report.weapons,
        figures=report.figures,
        killed=Toll(78, 148, 149),
        injured=Toll(None, None, None),
        policy="ucdp",
        summary=report.summary,
    )


def through_json(d: dict) -> dict:
    return json.loads(json.dumps(d))


def test_report_round_trips_exactly():
    report = seed_report()
    d = schema.report_to_dict(report)
    assert d["schema_version"] == SCHEMA_VERSION
    assert schema.report_from_dict(d) == report
    assert schema.report_from_dict(through_json(d)) == report


def test_minimal_and_undated_report_round_trips():
    report = Report(id="r", article_id="a")
    assert schema.report_from_dict(through_json(schema.report_to_dict(report))) == report
    naive = simple_report("r2", day=None, place="", country=None, published=None)
    assert schema.report_from_dict(through_json(schema.report_to_dict(naive))) == naive


def test_incident_round_trips_exactly():
    incident = seed_incident()
    d = schema.incident_to_dict(incident)
    assert d["schema_version"] == SCHEMA_VERSION
    assert d["report_ids"] == ["r_seed_0", "r_seed_1"]
    assert d["policy"] == "ucdp"
    assert schema.incident_from_dict(through_json(d)) == incident


def test_article_and_failure_round_trip():
    article = seed_article()
    d = schema.article_to_dict(article)
    assert d["schema_version"] == SCHEMA_VERSION
    assert {k: v for k, v in d.items() if k != "schema_version"} == article.to_dict()
    assert schema.article_from_dict(through_json(d)) == article
    failure = Failure("x.pdf", "not_text", "binary content", "ingest", None)
    assert schema.failure_from_dict(through_json(schema.failure_to_dict(failure))) == failure


def test_report_dict_carries_the_documented_keys():
    d = schema.report_to_dict(seed_report())
    for key in (
        "id", "article_id", "date", "date_precision", "location", "sites", "event_type",
        "sub_event_type", "attack_type", "suicide", "perpetrators", "victims", "targets",
        "weapons", "killed", "injured", "figures", "is_reference", "summary", "evidence",
        "published", "source",
    ):  # fmt: skip
        assert key in d, key
    assert d["date"] == "2016-05-23"
    assert set(d["location"]) >= {
        "name", "admin1", "country", "lat", "lon", "precision", "geonames_id", "matched_name",
        "evidence",
    }  # fmt: skip
    assert d["location"]["country"] == "SY"
    assert set(d["sites"][0]) == {"location", "weapons", "targets", "figures"}
    assert set(d["perpetrators"][0]) == {
        "text", "name", "kind", "claimed", "claim_channel", "suspected", "evidence",
    }  # fmt: skip
    assert set(d["victims"][0]) == {"text", "type", "evidence"}
    assert set(d["weapons"][0]) == {"text", "type", "evidence"}
    assert d["killed"] == {"low": 78, "best": 148, "high": 149}
    fig = d["figures"][1]
    assert set(fig) == {
        "kind", "low", "high", "qualifier", "attributed_to", "victim_category", "place",
        "is_total", "evidence",
    }  # fmt: skip
    assert set(fig["evidence"]) == {"article_id", "start", "end", "text"}
    assert fig["attributed_to"] == "Syrian Observatory"


def test_older_minor_version_and_unknown_fields_are_read():
    d = through_json(schema.report_to_dict(seed_report()))
    d["schema_version"] = "1.0"
    d["a_field_from_1_7"] = {"anything": True}
    for key in ("sites", "date_evidence", "summary", "evidence", "source"):
        del d[key]
    report = schema.report_from_dict(d)
    assert report.sites == () and report.summary is None and report.evidence == ()


def test_newer_major_version_is_refused():
    d = schema.report_to_dict(seed_report())
    d["schema_version"] = "2.0"
    with pytest.raises(TollwatchError, match="schema_version"):
        schema.report_from_dict(d)


@pytest.mark.parametrize(
    "broken, message",
    [
        ({"article_id": "a"}, "required field 'id'"),
        ({"id": "r", "article_id": "a", "date": "23 May"}, "malformed"),
        ({"id": "r", "article_id": "a", "figures": [{"low": 1}]}, "required field 'kind'"),
        (["not", "a", "dict"], "JSON object"),
    ],
)
def test_malformed_dicts_raise_tollwatch_error(broken, message):
    with pytest.raises(TollwatchError, match=message):
        schema.report_from_dict(broken)


def test_docs_document_every_field_reason_and_policy():
    text = DOC.read_text(encoding="utf-8")
    records = (
        types.Evidence, types.Location, types.Actor, types.Mention, types.Figure, types.Toll,
        types.Site, types.Report, types.Incident, types.Article, types.Failure,
    )  # fmt: skip
    missing = [
        f"{record.__name__}.{f.name}"
        for record in records
        for f in dataclasses.fields(record)
        if f"`{f.name}`" not in text
    ]
    assert not missing, f"docs/schema.md does not document: {missing}"
    for reason in types.FAILURE_REASONS:
        assert f"`{reason}`" in text, reason
    for policy in ("ucdp", "acled", "range", "latest"):
        assert f"`{policy}`" in text, policy
    assert "schema_version" in text and SCHEMA_VERSION in text
