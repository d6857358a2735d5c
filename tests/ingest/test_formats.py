"""Each input format through the public entry point."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.ingest.helpers import DATA, articles, failures, ingest
from tollwatch.config import Settings
from tollwatch.ingest.identity import article_id

FALLBACK = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def test_plain_text_title_and_body(settings: Settings) -> None:
    (art,) = ingest([DATA / "corpus" / "01_market_blast.txt"], settings)
    assert art.title == "Car bomb kills nine at Varnel market"
    assert art.text.startswith("A car bomb exploded") and "Varnel market\n" not in art.text
    assert art.source is None and art.url is None and art.published is None
    assert art.language == "en"
    assert art.id == article_id(None, art.text)
    assert art.origin == str(DATA / "corpus" / "01_market_blast.txt")


def test_html_page(settings: Settings) -> None:
    (art,) = ingest([DATA / "corpus" / "nested" / "03_page.html"], settings)
    assert art.title == "Fuel depot blast in Harrow Bay kills four"
    assert art.text.startswith("An explosion tore through a fuel depot")
    assert "\n\nFirefighters battled" in art.text
    assert "Home" not in art.text and "rights reserved" not in art.text
    assert art.source == "The Coastal Ledger"
    assert art.published == datetime(2023, 11, 2, 5, 15, tzinfo=UTC)
    assert art.url is not None
    assert art.id == article_id("https://coastal-ledger.example/world/harrow-bay-blast", "")


def test_jsonl_lines_and_broken_line(settings: Settings) -> None:
    path = DATA / "articles.jsonl"
    results = ingest([path], settings, published=FALLBACK)
    assert [r.origin for r in results] == [f"{path}:{n}" for n in range(1, 7)]
    first, second, broken, bad_date, no_text, not_object = results
    assert first.id == article_id("https://river-post.example/news/bridge-attack", "")
    assert first.source == "River Post" and first.title == "Attack on bridge guards"
    assert first.published == datetime(2024, 2, 10, 8, 30, tzinfo=UTC)
    assert second.url is None and second.id == article_id(None, second.text)
    assert second.published == datetime(2024, 2, 11, tzinfo=UTC)  # date only: midnight UTC
    assert (broken.reason, broken.detail[:7]) == ("unparsable", "line 3:")
    assert bad_date.published == FALLBACK  # unreadable date: the fallback, not a failure
    assert bad_date.source == "hill-radio.example"  # no outlet given: the domain
    assert no_text.reason == "empty"
    assert not_object.reason == "unparsable"


def test_jsonl_unreadable_date_without_fallback(settings: Settings) -> None:
    results = ingest([DATA / "articles.jsonl"], settings)
    assert articles(results)[2].published is None


def test_json_document(settings: Settings) -> None:
    results = ingest([DATA / "wire.json"], settings)
    (art,) = articles(results)
    assert art.title == "Dam guards attacked" and art.origin.endswith("wire.json[0]")
    assert [f.reason for f in failures(results)] == ["empty"]


def test_atom_feed(settings: Settings) -> None:
    (art,) = ingest([DATA / "feed.atom"], settings)
    assert art.title == "Boat attack on the Lowen river"
    assert art.source == "Delta Dispatch"
    assert art.published == datetime(2024, 4, 1, 15, 20, tzinfo=UTC)
    assert art.url is None and art.text.startswith("Gunmen in two speedboats")


def test_rss_feed_fetches_teaser_links(settings: Settings, pages) -> None:
    page = (DATA / "ebb_school.html").read_bytes()
    fetched = pages({"https://borderland.example/2024/03/ebb-school": (page, "text/html")})
    results = ingest([DATA / "feed.rss"], settings, published=FALLBACK)
    full, teaser, unreachable = results
    # full content:encoded: used as is, nothing fetched for it
    assert (
        full.text.startswith("A supply convoy was ambushed") and "\n\nOfficials said" in full.text
    )
    assert full.published == datetime(2024, 3, 2, 16, 45, tzinfo=UTC)
    assert full.source == "Borderland Monitor" and full.origin == str(DATA / "feed.rss")
    # summary-only item: the linked page's text, the item's date and title
    assert teaser.text.startswith("Mortar rounds landed in the yard of a primary school")
    assert "Read more" not in teaser.text
    assert teaser.title == "Mortar fire hits school in Ebb"
    assert teaser.published == datetime(2024, 3, 3, 7, 0, tzinfo=UTC)
    assert teaser.id == article_id("https://borderland.example/2024/03/ebb-school", "")
    # link that fails (404): the summary is kept, no failure; no date: the fallback
    assert (
        unreachable.text
        == "The curfew imposed in Marrow after last week's riots was lifted on Monday."
    )
    assert unreachable.published == FALLBACK
    assert fetched == [
        "https://borderland.example/2024/03/ebb-school",
        "https://borderland.example/2024/03/marrow-curfew",
    ]


def test_xml_that_is_no_feed(settings: Settings) -> None:
    (failure,) = ingest([DATA / "notes.xml"], settings)
    assert failure.reason == "unparsable" and "feed" in failure.detail


def test_html_without_text(settings: Settings, tmp_path) -> None:
    page = tmp_path / "nav.html"
    page.write_text(
        "<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>"
    )
    (failure,) = ingest([page], settings)
    assert failure.reason == "unparsable"


def test_sniffed_formats_without_extension(settings: Settings, tmp_path) -> None:
    (tmp_path / "a_page").write_bytes((DATA / "corpus" / "nested" / "03_page.html").read_bytes())
    (tmp_path / "b_feed").write_bytes((DATA / "feed.atom").read_bytes())
    (tmp_path / "c_lines").write_bytes((DATA / "articles.jsonl").read_bytes())
    (tmp_path / "d_notes").write_text("{Draft} Two people were hurt in Osk, police said.\n")
    results = ingest([tmp_path], settings)
    page, feed_item, *lines, notes = results
    assert page.source == "The Coastal Ledger"
    assert feed_item.source == "Delta Dispatch"
    assert len(lines) == 6 and lines[0].origin.endswith("c_lines:1")
    assert notes.text.startswith("{Draft}")
