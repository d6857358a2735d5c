"""`make bench`'s serving step runs end to end on a small store (speed is measured there, never
asserted here)."""

from __future__ import annotations

from tollwatch.run.bench_serve import bench_serve


def test_bench_serve_times_store_and_api_queries():
    out = bench_serve(3000)
    assert out["incidents"] == 3000 and out["corrected_perpetrator_total"] > 0
    for name in (
        "page_country_dates_ms",
        "map_country_all_points_ms",
        "api_page_country_dates_ms",
        "api_page_corrected_perpetrator_ms",
        "api_map_country_ms",
    ):
        assert out[name] >= 0, name
