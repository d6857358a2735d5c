"""Place-name keys shared by the gazetteer build and its lookups, and the gazetteer's data files.

A *key* is a name folded for matching: NFKD with accents stripped, a few Latin letters that do not
decompose spelled out ("ł" -> "l"), lower-cased, apostrophes and periods dropped ("Sana'a" ->
"sanaa", "U.A.E." -> "uae"), every other punctuation mark a space, spaces collapsed. Names in other
scripts give an empty key: the index is for English-language text.

A *fold* is a looser key with Arabic article prefixes dropped, so that "Deir ez-Zor", "Deir al-Zor"
and "Deir ezzor" meet on "deir zor" (a separate article token is dropped; an article assimilated
into the word after the first, "Deir ezzor", is cut off). Folds give weaker matches than keys.

Data files (``tollwatch/data/gazetteer``, each versioned by a ``version:`` header comment):

    place_overrides.tsv   spelling variants and places missing from GeoNames (used by the build)
    admin_words.txt       words that name an administrative unit ("province", "governorate")
    non_places.txt        words that are never looked up ("But", "Monday", "Police")
    demonyms.tsv          demonym -> ISO country code ("Syrian" -> SY)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

DATA_PACKAGE = "tollwatch.data"
DATA_DIR = "gazetteer"
#: Data files that change the built index (their hash is part of the index signature).
BUILD_DATA_FILES = ("place_overrides.tsv", "admin_words.txt", "district_words.txt")

# Letters that NFKD leaves alone, spelled in ASCII.
_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
        "ı": "i", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th",
        "ð": "d", "Ð": "d", "ŀ": "l", "ŧ": "t",
    }
)  # fmt: skip
# Marks dropped outright: apostrophes and transliterations of 'ayn and hamza, periods.
_DROP = str.maketrans(dict.fromkeys("'’‘`´ʻʼʽʾʿ′ˈ."))
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s?\s*$")

#: Arabic article forms that stand as their own token ("Deir ez-Zor", "Deir al Zor").
ARTICLES = frozenset(
    "al el il ul ad ed ud ar er ur as es us ash esh ush az ez uz".split()
    + "at et ut ath eth adh edh an en un".split()
)
# An article assimilated into a sun letter and written as one word: "ezzor", "azzor".
_ATTACHED = re.compile(r"^[aeu]([tdrzsn])\1(?=[a-z]{2})")


def name_key(text: str) -> str:
    """The matching key of ``text`` ("" when it has no Latin letters or digits)."""
    if text.isascii():
        s = text.lower().translate(_DROP)
    else:
        s = unicodedata.normalize("NFKD", text)
        s = _COMBINING.sub("", s).translate(_LETTERS).lower().translate(_DROP)
        if not s.isascii():
            s = s.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", s).strip()


def fold_key(key: str) -> str:
    """``key`` with Arabic article prefixes dropped (``key`` itself when there are none)."""
    tokens = key.split()
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        if kept:
            tokens = kept
    out = tokens[:1]
    for tok in tokens[1:]:
        # Only after a first word ("Deir ezzor"): alone, "Assad" or "Essen" are not articles.
        # "al" glued to a word ("alhasakah") is too ambiguous ("alexandria"): assimilated only.
        m = _ATTACHED.match(tok)
        if m:
            tok = tok[m.end() - 1 :]
        out.append(tok)
    return " ".join(out)


def strip_possessive(text: str) -> str:
    """ "Syria's" -> "Syria", "Yemen’s" -> "Yemen", "Philippines'" -> "Philippines"."""
    return _POSSESSIVE.sub("", text.strip())


def _read(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name).read_text(encoding="utf-8")


def data_rows(name: str) -> list[list[str]]:
    """Non-comment, non-blank lines of a data file, split on tabs and stripped."""
    rows = []
    for line in _read(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def data_hash(names: tuple[str, ...] = BUILD_DATA_FILES) -> str:
    """A short hash of the data files the build reads (part of the index signature)."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode())
        digest.update(_read(name).encode("utf-8"))
    return digest.hexdigest()[:12]


def _affixes(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(last words or phrases, prefix phrases ending in " ...") of a data file, as keys,
    longest first."""
    suffixes: list[str] = []
    prefixes: list[str] = []
    for row in data_rows(name):
        word = row[0]
        if word.endswith(" ..."):
            prefixes.append(name_key(word[:-4]))
        else:
            suffixes.append(name_key(word))
    return (
        tuple(sorted(suffixes, key=len, reverse=True)),
        tuple(sorted(prefixes, key=len, reverse=True)),
    )


def load_admin_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """(suffix words, prefix phrases) that name an administrative unit, as keys."""
    suffixes, prefixes = _affixes("admin_words.txt")
    return frozenset(suffixes), prefixes


def split_admin_words(key: str, suffixes: frozenset[str], prefixes: tuple[str, ...]) -> str | None:
    """The key without its administrative word ("latakia province" -> "latakia"), else None."""
    tokens = key.split()
    if len(tokens) > 1 and tokens[-1] in suffixes:
        return " ".join(tokens[:-1])
    for prefix in prefixes:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            return key[len(prefix) + 1 :]
    return None


def load_district_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(last words or phrases, prefix phrases) of district names (``district_words.txt``), as
    keys, longest first."""
    return _affixes("district_words.txt")


def district_short(key: str, suffixes: tuple[str, ...], prefixes: tuple[str, ...]) -> str:
    """A district's key without its district words ("north waziristan district" -> "north
    waziristan", "circunscricao de palma" -> "palma"); "" when it has none."""
    for suffix in suffixes:
        if key.endswith(" " + suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix) - 1]
    for prefix in prefixes:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            return key[len(prefix) + 1 :]
    return ""


def load_non_places() -> frozenset[str]:
    """Keys of the words that are never looked up as places."""
    return frozenset(name_key(row[0]) for row in data_rows("non_places.txt"))


def load_demonyms() -> dict[str, str]:
    """Demonym key -> ISO alpha-2 country code."""
    return {name_key(row[0]): row[1].upper() for row in data_rows("demonyms.tsv")}


@dataclass(frozen=True)
class Override:
    """One row of place_overrides.tsv (see the header of that file)."""

    kind: str  # alias | place | label
    name: str
    country: str
    feature: str  # city | admin1 | country
    ref: str  # geonameid (city), admin1 code (admin1), "" (country)
    admin1: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0


def load_overrides() -> list[Override]:
    out = []
    for i, row in enumerate(data_rows("place_overrides.tsv"), 1):
        row = row + [""] * (9 - len(row))
        kind, name, country, feature, ref, admin1, lat, lon, pop = row[:9]
        if kind not in ("alias", "place", "label") or feature not in ("city", "admin1", "country"):
            raise ValueError(f"place_overrides.tsv data row {i}: bad kind/feature in {row!r}")
        out.append(
            Override(
                kind=kind,
                name=name,
                country=country.upper(),
                feature=feature,
                ref=ref,
                admin1=admin1,
                lat=float(lat) if lat else None,
                lon=float(lon) if lon else None,
                population=int(pop) if pop else 0,
            )
        )
    return out
