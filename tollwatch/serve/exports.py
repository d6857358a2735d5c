"""Exports named after what analysts already use: ACLED-, GTD- and UCDP-GED-style CSV, GeoJSON,
Parquet and JSON Lines.

Every export carries the reconciliation policy and the tollwatch version (CSV and Parquet as the
columns ``tollwatch_policy`` and ``tollwatch_version``, Parquet also in its schema metadata, GeoJSON
in a top-level ``tollwatch`` member, JSON Lines in every line), shows analysts' corrections (the
review decisions applied, with a ``review`` column saying what was changed) and is ordered by
incident id, with no export time inside, so that two exports of the same database diff cleanly.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import pycountry

from tollwatch import __version__
from tollwatch.review import apply_decisions
from tollwatch.schema import incident_to_dict
from tollwatch.store.base import Store
from tollwatch.store.query import IncidentQuery
from tollwatch.tolls import POLICIES

__all__ = [
    "FORMATS",
    "export_bytes",
    "export_parquet",
    "iter_export",
    "iter_parquet",
    "reviewed_incidents",
]

FORMATS = {
    "acled": ("text/csv", "csv"),
    "gtd": ("text/csv", "csv"),
    "ucdp": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}
_PAGE = 500  # incidents per store query
_PARQUET_BATCH = 5000  # rows per Parquet row group
_FILE_CHUNK = 1 << 20  # bytes per chunk read back from the temporary Parquet file
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3}


def reviewed_incidents(
    store: Store, query: IncidentQuery, policy: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every incident matching ``query``, by id, with its review decisions applied, tolls under
    ``policy`` when given (recomputed from the figures analysts did not reject), and
    ``article_meta`` (source, url, published of each of its articles)."""
    if policy is not None and policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; use one of {', '.join(POLICIES)}")
    decisions: dict[str, list[dict[str, Any]]] = {}
    for d in store.list_review_decisions():
        decisions.setdefault(d["incident_id"], []).append(d)
    cursor = None
    while True:
        page = store.query_incidents(query, sort="id", limit=_PAGE, cursor=cursor)
        meta = store.article_meta([a for inc in page.incidents for a in inc.article_ids])
        for inc in page.incidents:
            d = incident_to_dict(inc)
            articles = [meta[a] for a in inc.article_ids if a in meta]
            published = {a["id"]: _dt(a.get("published")) for a in articles}
            out = apply_decisions(d, decisions.get(inc.id, []), published, policy=policy)
            out["article_meta"] = articles
            yield out
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _dt(value: Any) -> Any:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _country_name(cc: str | None) -> str | None:
    if not cc:
        return None
    found = pycountry.countries.get(alpha_2=cc)
    return found.name if found else cc


def _review_note(inc: dict[str, Any]) -> str:
    review = inc.get("review") or {}
    bits = [
        f"{f} corrected (was {'; '.join(map(str, v)) if isinstance(v, list) else v})"
        for f, v in sorted(review.get("corrected", {}).items())
    ]
    if review.get("rejected_figures"):
        bits.append(f"{len(review['rejected_figures'])} figure(s) rejected")
    return "; ".join(bits)


def _common(inc: dict[str, Any]) -> dict[str, Any]:
    loc = inc.get("location") or {}
    perps = [p["name"] for p in inc.get("perpetrators", [])]
    sources = sorted({a.get("source") or "" for a in inc.get("article_meta", [])} - {""})
    return {
        "loc": loc,
        "perps": perps,
        "sources": sources,
        "date": inc.get("date") or "",
        "tail": {
            "tollwatch_policy": inc.get("policy"),
            "tollwatch_version": __version__,
            "review": _review_note(inc),
        },
    }


def acled_row(inc: dict[str, Any]) -> dict[str, Any]:
    c = _common(inc)
    loc = c["loc"]
    return {
        "event_id_cnty": inc["id"],
        "event_date": c["date"],
        "year": c["date"][:4],
        "time_precision": _PRECISION.get(inc.get("date_precision") or "", ""),
        "event_type": inc.get("event_type") or "",
        "sub_event_type": inc.get("sub_event_type") or "",
        "actor1": c["perps"][0] if c["perps"] else "",
        "assoc_actor_1": "; ".join(c["perps"][1:]),
        "country": _country_name(loc.get("country")) or "",
        "iso2": loc.get("country") or "",
        "admin1": loc.get("admin1") or "",
        "location": loc.get("name") or "",
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(loc.get("precision") or "", ""),
        "source": "; ".join(c["sources"]),
        "notes": inc.get("summary") or "",
        "fatalities": (inc.get("killed") or {}).get("best"),
        **c["tail"],
    }


def gtd_row(inc: dict[str, Any]) -> dict[str, Any]:
    c = _common(inc)
    loc, day = c["loc"], c["date"]
    perps = inc.get("perpetrators", [])
    return {
        "eventid": inc["id"],
        "iyear": day[:4],
        "imonth": day[5:7],
        "iday": day[8:10],
        "country_txt": _country_name(loc.get("country")) or "",
        "provstate": loc.get("admin1") or "",
        "city": loc.get("name") or "",
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "specificity": _GEO_PRECISION.get(loc.get("precision") or "", ""),
        "summary": inc.get("summary") or "",
        "suicide": int(bool(inc.get("suicide"))),
        "attacktype1_txt": inc.get("attack_type") or "",
        "targtype1_txt": next((t.get("type") for t in inc.get("targets", []) if t.get("type")), ""),
        "target1": "; ".join(t["text"] for t in inc.get("targets", [])),
        "weaptype1_txt": next((w.get("type") for w in inc.get("weapons", []) if w.get("type")), ""),
        "gname": c["perps"][0] if c["perps"] else "Unknown",
        "claimed": int(any(p.get("claimed") for p in perps)) if perps else "",
        "nkill": (inc.get("killed") or {}).get("best"),
        "nwound": (inc.get("injured") or {}).get("best"),
        "scite1": "; ".join(c["sources"]),
        "dbsource": "tollwatch",
        **c["tail"],
    }


def ucdp_row(inc: dict[str, Any]) -> dict[str, Any]:
    c = _common(inc)
    loc, killed = c["loc"], inc.get("killed") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    attributed = sorted(
        {
            f["attributed_to"]
            for f in inc.get("figures", [])
            if f.get("attributed_to") and not f.get("rejected")
        }
    )
    return {
        "id": inc["id"],
        "year": c["date"][:4],
        "side_a": c["perps"][0] if c["perps"] else "",
        "side_b": "Civilians" if inc.get("victims") else "",
        "source_article": "; ".join(
            f"{a.get('source') or ''} {a.get('published') or ''} {a.get('url') or ''}".strip()
            for a in inc.get("article_meta", [])
        ),
        "source_original": "; ".join(attributed),
        "where_coordinates": loc.get("name") or "",
        "where_prec": _GEO_PRECISION.get(loc.get("precision") or "", ""),
        "adm_1": loc.get("admin1") or "",
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "country": _country_name(loc.get("country")) or "",
        "date_start": c["date"],
        "date_end": c["date"],
        "date_prec": _PRECISION.get(inc.get("date_precision") or "", ""),
        "best": killed.get("best"),
        "low": killed.get("low"),
        "high": killed.get("high"),
        "number_of_sources": len(inc.get("article_meta", [])),
        **c["tail"],
    }


def flat_row(inc: dict[str, Any]) -> dict[str, Any]:
    """The columns of GeoJSON properties and Parquet."""
    c = _common(inc)
    loc, killed, injured = c["loc"], inc.get("killed") or {}, inc.get("injured") or {}
    return {
        "id": inc["id"],
        "date": inc.get("date"),
        "date_precision": inc.get("date_precision"),
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "location": loc.get("name"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "event_type": inc.get("event_type"),
        "sub_event_type": inc.get("sub_event_type"),
        "attack_type": inc.get("attack_type"),
        "suicide": bool(inc.get("suicide")),
        "perpetrators": c["perps"],
        **{f"killed_{k}": killed.get(k) for k in ("low", "best", "high")},
        **{f"injured_{k}": injured.get(k) for k in ("low", "best", "high")},
        "n_articles": len(inc.get("article_ids", [])),
        "sources": c["sources"],
        "summary": inc.get("summary"),
        **c["tail"],
    }


_CSV_ROWS = {"acled": acled_row, "gtd": gtd_row, "ucdp": ucdp_row}


def _csv(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    buf = io.StringIO()
    writer: csv.DictWriter | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        if buf.tell() > 65536:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


def iter_export(fmt: str, incidents: Iterable[dict[str, Any]], policy: str) -> Iterator[bytes]:
    """The export ``fmt`` of ``incidents`` (from ``reviewed_incidents``) as chunks of bytes."""
    if fmt in _CSV_ROWS:
        yield from _csv(map(_CSV_ROWS[fmt], incidents))
    elif fmt == "jsonl":
        for inc in incidents:
            inc = {**inc, "tollwatch_version": __version__}
            yield (json.dumps(inc, ensure_ascii=False, sort_keys=True) + "\n").encode()
    elif fmt == "geojson":
        head = {
            "type": "FeatureCollection",
            "tollwatch": {"version": __version__, "policy": policy},
        }
        yield json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "features": ['
        for i, inc in enumerate(incidents):
            props = flat_row(inc)
            geometry = (
                {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
                if props["lat"] is not None and props["lon"] is not None
                else None
            )
            feature = {
                "type": "Feature",
                "id": inc["id"],
                "geometry": geometry,
                "properties": props,
            }
            yield (("," if i else "") + "\n" + json.dumps(feature, ensure_ascii=False)).encode()
        yield b"\n]}\n"
    elif fmt == "parquet":
        yield from iter_parquet(incidents, policy)
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _parquet_schema(policy: str) -> Any:
    import pyarrow as pa

    text, whole, ints = pa.string(), pa.int64(), ("low", "best", "high")
    fields = [
        *((name, text) for name in ("id", "date", "date_precision", "country", "admin1")),
        ("location", text),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        *((name, text) for name in ("event_type", "sub_event_type", "attack_type")),
        ("suicide", pa.bool_()),
        ("perpetrators", pa.list_(text)),
        *((f"killed_{k}", whole) for k in ints),
        *((f"injured_{k}", whole) for k in ints),
        ("n_articles", whole),
        ("sources", pa.list_(text)),
        *((name, text) for name in ("summary", "tollwatch_policy", "tollwatch_version", "review")),
    ]
    return pa.schema(
        fields, metadata={"tollwatch_version": __version__, "tollwatch_policy": policy}
    )


def iter_parquet(
    incidents: Iterable[dict[str, Any]], policy: str, *, batch_rows: int | None = None
) -> Iterator[bytes]:
    """Parquet of ``incidents``: written a row group of ``batch_rows`` at a time to a temporary
    file (Parquet's footer comes last, so it cannot be sent as it is made), then read back in
    chunks; at most one batch of rows is in memory. The file is removed when done."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(policy)
    batch_rows = batch_rows or _PARQUET_BATCH
    with tempfile.TemporaryFile(prefix="tollwatch-export-", suffix=".parquet") as fh:
        with pq.ParquetWriter(fh, schema) as writer:
            batch: list[dict[str, Any]] = []
            written = False
            for inc in incidents:
                batch.append(flat_row(inc))
                if len(batch) >= batch_rows:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch, written = [], True
            if batch or not written:  # an empty export is still a file with the columns
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        fh.seek(0)
        while chunk := fh.read(_FILE_CHUNK):
            yield chunk


def export_parquet(incidents: Iterable[dict[str, Any]], policy: str) -> bytes:
    """The whole Parquet file in memory (small exports and tests; the CLI and API stream it)."""
    return b"".join(iter_parquet(incidents, policy))


def export_bytes(
    fmt: str, store: Store, query: IncidentQuery, policy: str | None
) -> Iterator[bytes]:
    """Everything matching ``query`` in ``fmt``, in chunks, reading the store a page at a time
    (nothing is read before the first chunk is asked for); ``policy`` None keeps each incident's
    own (the policy of the run that resolved them), and the export states the first one's."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    incidents = reviewed_incidents(store, query, policy)
    first = next(incidents, None)
    stated = policy or (first or {}).get("policy") or "ucdp"
    chained = itertools.chain([first] if first is not None else [], incidents)
    yield from iter_export(fmt, chained, stated)
