from __future__ import annotations

import pytest

from tollwatch.ingest.plain import split_title


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Blast in Osk\n\nFive people died.", "Blast in Osk", "Five people died."),
        ("Blast in Osk\r\n\r\nFive people died.\r\n", "Blast in Osk", "Five people died."),
        ("\n\nWho fired on Osk?\n\nNobody knows.", "Who fired on Osk?", "Nobody knows."),
        (
            "Five people died in Osk.\n\nPolice said so.",
            None,
            "Five people died in Osk.\n\nPolice said so.",
        ),
        ('He said "enough."\n\nThen he left.', None, 'He said "enough."\n\nThen he left.'),
        ("Blast in Osk\nFive people died.", None, "Blast in Osk\nFive people died."),
        ("Blast in Osk\n\n   ", None, "Blast in Osk"),
        ("A" * 200 + "\n\nBody.", None, "A" * 200 + "\n\nBody."),
        ("One line only", None, "One line only"),
    ],
)
def test_split_title(text: str, title: str | None, body: str) -> None:
    assert split_title(text) == (title, body)
