from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tollwatch.ingest.dates import parse_date, to_utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05T14:30:00+02:00", datetime(2024, 3, 5, 12, 30, tzinfo=UTC)),
        ("2024-03-05T14:30:00Z", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("2024-03-05T14:30:00+0200", datetime(2024, 3, 5, 12, 30, tzinfo=UTC)),
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
        ("2024-03-05 14:30", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 14:30:00 GMT", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 14:30:00 -0500", datetime(2024, 3, 5, 19, 30, tzinfo=UTC)),
        ("March 5, 2024", datetime(2024, 3, 5, tzinfo=UTC)),
        ("5 March 2024", datetime(2024, 3, 5, tzinfo=UTC)),
        (1709649000, datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        (1709649000000, datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        (date(2024, 3, 5), datetime(2024, 3, 5, tzinfo=UTC)),
        (
            time.struct_time((2024, 3, 5, 14, 30, 0, 1, 65, 0)),
            datetime(2024, 3, 5, 14, 30, tzinfo=UTC),
        ),
    ],
)
def test_parse_date(value: object, expected: datetime) -> None:
    result = parse_date(value)
    assert result == expected  # the same instant ...
    assert result is not None and result.tzinfo is not None  # ... aware, with the source's offset


def test_parse_date_keeps_the_source_offset() -> None:
    """The publication's local date anchors relative dates, so the offset is kept."""
    result = parse_date("2015-10-12T01:00:00+03:00")
    assert result is not None and result.date().isoformat() == "2015-10-12"
    assert result.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize("value", [None, "", "soon", "last Tuesday-ish", "0600 GMT", True, [2024]])
def test_unreadable_dates_are_none(value: object) -> None:
    assert parse_date(value) is None


def test_to_utc() -> None:
    plus3 = timezone(timedelta(hours=3))
    assert to_utc(datetime(2024, 1, 1, 3, 0, tzinfo=plus3)) == datetime(2024, 1, 1, tzinfo=UTC)
    assert to_utc(datetime(2024, 1, 1, 3, 0)).tzinfo is UTC
