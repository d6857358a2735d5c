from __future__ import annotations

import pytest

from tollwatch.errors import IngestError
from tollwatch.ingest.decode import check_binary, declared_charset, decode_bytes
from tollwatch.ingest.language import guess_language

FRENCH = "Le préfet a déclaré que l'explosion près du café a tué trois personnes."
RUSSIAN = "Взрыв на рынке убил двенадцать человек, сообщили власти города."


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x00def",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x1f\x8b\x08\x00",
        b"\x01\x02\x03\x04" * 20,
    ],
)
def test_binary_is_not_text(data: bytes) -> None:
    with pytest.raises(IngestError) as err:
        check_binary(data)
    assert err.value.reason == "not_text"


def test_text_with_tabs_and_utf16_bom_is_text() -> None:
    check_binary(b"col1\tcol2\r\nvalue\tvalue\f\n")
    check_binary("five killed".encode("utf-16"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("café".encode(), "café"),
        ("\ufeffcafé".encode(), "café"),
        ("café".encode("utf-16"), "café"),
        ("café".encode("utf-16-be").join([b"\xfe\xff", b""]), "café"),
        (FRENCH.encode("latin-1"), FRENCH),
        ("“Quoted” – dash…".encode("cp1252"), "“Quoted” – dash…"),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_declared_charset_wins_over_guessing() -> None:
    data = RUSSIAN.encode("koi8_r")
    assert decode_bytes(data, declared_charset("text/html; charset=KOI8-R", data)) == RUSSIAN
    page = b'<html><head><meta charset="windows-1251"></head>' + RUSSIAN.encode("cp1251")
    assert declared_charset("", page) == "cp1251"


def test_garbage_is_undecodable() -> None:
    with pytest.raises(IngestError) as err:
        decode_bytes(bytes(range(0x80, 0x100)) * 2)
    assert err.value.reason == "undecodable"


def test_language_guess() -> None:
    english = "Police said the attack on the market was carried out by two men who had arrived"
    assert guess_language(english) == "en"
    assert guess_language(FRENCH + " " + FRENCH) == "und"
    assert guess_language("Five killed") is None
