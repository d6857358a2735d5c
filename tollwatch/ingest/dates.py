"""Publication dates, always timezone-aware.

Convention for every Article this stage writes: ``published`` is None or an aware datetime that
keeps the offset the source gave ("2015-10-12T09:00:00+03:00" stays at +03:00), because the
publication's local date is what "today" and "on Sunday" in the text refer to. A time without an
offset is taken as UTC; a date without a time becomes midnight UTC on that date. The same applies
to the ``published`` fallback given to ``iter_articles``. ``to_utc`` converts for comparisons.
"""

from __future__ import annotations

import email.utils
import logging
import time
from datetime import UTC, date, datetime

log = logging.getLogger(__name__)

#: Written forms tried after ISO 8601 and RFC 2822 (English month names).
_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y %H:%M",
    "%d %B %Y %H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f%z",
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def to_utc(value: datetime | date) -> datetime:
    """An aware UTC datetime: naive values are taken as UTC, dates become midnight UTC."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_aware(value: datetime | date) -> datetime:
    """An aware datetime keeping its offset: naive values are taken as UTC, dates become
    midnight UTC."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    return value


def _parse_string(text: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = text.replace(" UTC", "").replace(" GMT", "")
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None


def parse_date(value: object) -> datetime | None:
    """Read a publication date from a string (ISO 8601, RFC 2822, "March 5, 2024", ...), a
    datetime, a date, a ``time.struct_time`` (taken as UTC, as feedparser gives) or a number of
    seconds since the epoch. Returns an aware datetime (offset kept), or None when ``value`` is empty or
    cannot be read (logged at debug level; never raises)."""
    if value is None or isinstance(value, bool):
        return None
    result: datetime | None
    if isinstance(value, datetime | date):
        result = to_aware(value)
    elif isinstance(value, time.struct_time):
        result = datetime(*value[:6], tzinfo=UTC)
    elif isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            result = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            result = None
    elif isinstance(value, str):
        parsed = _parse_string(value)
        result = to_aware(parsed) if parsed else None
    else:
        result = None
    if result is None or not (_MIN_YEAR <= result.year <= _MAX_YEAR):
        if value not in ("", None):
            log.debug("unreadable date %r: ignored", value)
        return None
    return result
