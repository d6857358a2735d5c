from __future__ import annotations

from datetime import UTC, date, datetime

from tests.evaluate.helpers import DATASETS
from tollwatch.evaluate.muc_texts import parse_dateline_date, parse_texts, read_texts

RAW = """DEV-MUC3-0001 (NOSC)

   SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] THE ARMY
REPORTED AN ATTACK.

   A SECOND PARAGRAPH.

DEV-MUC3-0002 (NOSC)

   TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] NO YEAR HERE.

DEV-MUC3-0003 (BBN)

   CLANDESTINE, NO DATE (RADIO VENCEREMOS) -- [TEXT] NOTHING.

DEV-MUC3-0004 (BBN)

   PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] MONTH FIRST.
"""


def test_messages_ids_and_paragraphs():
    texts = parse_texts(RAW)
    assert [t.doc_id for t in texts] == [f"DEV-MUC3-000{i}" for i in range(1, 5)]
    first = texts[0]
    assert first.text == (
        "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] THE ARMY REPORTED AN ATTACK."
        "\n\nA SECOND PARAGRAPH."
    )
    assert first.place == "SAN SALVADOR"
    assert first.source == "RADIO VENCEREMOS"


def test_dateline_dates():
    texts = parse_texts(RAW)
    assert texts[0].published == date(1990, 1, 3)
    assert texts[1].published == date(1990, 2, 7)  # year taken from the message before
    assert texts[2].published is None and texts[2].place is None
    assert texts[3].published == date(1989, 6, 11)
    assert parse_dateline_date("LIMA, 25 JAN (NA)") == (25, 1, None)


def test_article_keeps_or_drops_the_dateline():
    text = parse_texts(RAW)[0]
    article = text.to_article()
    assert article.id == "DEV-MUC3-0001"
    assert article.published == datetime(1990, 1, 3, tzinfo=UTC)
    assert article.text.startswith("SAN SALVADOR, 3 JAN 90")
    assert text.to_article(keep_dateline=False).text.startswith("[TEXT] THE ARMY")


def test_fixture_file():
    texts = read_texts([DATASETS / "muc34_raw/TASK/CORPORA/tst1/tst1-muc3"])
    assert list(texts) == ["TST1-MUC3-0001", "TST1-MUC3-0002", "TST1-MUC3-0003"]
    assert texts["TST1-MUC3-0003"].published == date(1990, 3, 20)
