"""Load the domain lexicons shipped as data files in ``tollwatch/data/lexicon``.

Each file is versioned by a ``version:`` comment in its header. ``load_lexicons()`` reads them once
and returns an immutable ``Lexicons``; the extractor builds one per worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from types import MappingProxyType

LEXICON_PACKAGE = "tollwatch.data"


def _lines(name: str) -> list[list[str]]:
    return data_rows("lexicon", name)


def data_rows(folder: str, name: str) -> list[list[str]]:
    """The tab-separated cells of the lines of ``tollwatch/data/<folder>/<name>``, without blank
    and comment lines."""
    text = resources.files(LEXICON_PACKAGE).joinpath(folder, name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def lexicon_version(name: str) -> str:
    text = resources.files(LEXICON_PACKAGE).joinpath("lexicon", name).read_text(encoding="utf-8")
    for line in text.splitlines()[:5]:
        if "version:" in line:
            return line.split("version:", 1)[1].strip()
    return "0"


@dataclass(frozen=True)
class Trigger:
    lemmas: tuple[str, ...]
    strong: bool
    event_type: str
    sub_event_type: str
    attack_type: str


@dataclass(frozen=True)
class Weapon:
    lemmas: tuple[str, ...]
    type: str
    subtype: str
    suicide: bool


@dataclass(frozen=True)
class ActorAlias:
    alias: str
    name: str
    kind: str
    case_sensitive: bool


@dataclass(frozen=True)
class Lexicons:
    triggers: Mapping[str, tuple[Trigger, ...]]  # first lemma -> phrases starting with it
    weapons: Mapping[str, tuple[Weapon, ...]]
    targets: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    casualty: Mapping[str, tuple[str, str]]  # lemma -> (kind, role)
    victims: Mapping[str, str]  # lemma -> victim category ("" when none)
    victim_types: Mapping[str, str]  # victim category -> GTD target type
    non_toll_units: frozenset[str]
    non_violent: frozenset[str]
    figurative: frozenset[str]
    reference_cues: frozenset[str]
    attribution_verbs: frozenset[str]
    actors: tuple[ActorAlias, ...]

    @cached_property
    def weapon_heads(self) -> frozenset[str]:
        """The last words of the weapon phrases ("rifle", "gun", "launcher"; lemmas), computed
        once per lexicon."""
        return frozenset(w.lemmas[-1] for items in self.weapons.values() for w in items)


def _index(items: list[tuple[tuple[str, ...], object]]) -> Mapping[str, tuple]:
    index: dict[str, list] = {}
    for lemmas, item in items:
        index.setdefault(lemmas[0], []).append(item)
    # longest phrases first so that "car bomb" wins over "car"
    return MappingProxyType(
        {
            k: tuple(sorted(v, key=lambda x: -len(x.lemmas if hasattr(x, "lemmas") else x[0])))
            for k, v in index.items()
        }
    )


@cache
def _census(name: str) -> frozenset[str]:
    text = resources.files("names").joinpath(name).read_text(encoding="ascii")
    return frozenset(line.split()[0].lower() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names, lower-case: the US census lists shipped in the ``names`` package."""
    return _census("dist.male.first") | _census("dist.female.first")


def surnames() -> frozenset[str]:
    """Common surnames, lower-case (the same census lists)."""
    return _census("dist.all.last")


def word_list(name: str) -> frozenset[str]:
    """The first column of a one-word-per-line lexicon file, lower-cased."""
    return frozenset(row[0].lower() for row in _lines(name))


def table(name: str) -> dict[str, str]:
    """A two-column lexicon file as written (first column -> second), case kept."""
    return {row[0]: row[1] for row in _lines(name) if len(row) >= 2}


def load_lexicons() -> Lexicons:
    triggers = []
    for row in _lines("triggers.tsv"):
        row += [""] * (5 - len(row))
        lemmas = tuple(row[0].lower().split())
        triggers.append((lemmas, Trigger(lemmas, row[1] == "strong", row[2], row[3], row[4])))
    weapons = []
    for row in _lines("weapons.tsv"):
        row += [""] * (4 - len(row))
        lemmas = tuple(row[0].lower().split())
        weapons.append((lemmas, Weapon(lemmas, row[1], row[2], row[3] == "1")))
    targets = []
    for row in _lines("targets.tsv"):
        lemmas = tuple(row[0].lower().split())
        targets.append((lemmas, (lemmas, row[1] if len(row) > 1 else "")))
    casualty = {row[0].lower(): (row[1], row[2]) for row in _lines("casualty_words.tsv")}
    victims = {row[0].lower(): (row[1] if len(row) > 1 else "") for row in _lines("victims.tsv")}
    actors = tuple(
        ActorAlias(row[0], row[1], row[2], row[3] == "exact") for row in _lines("actors.tsv")
    )
    return Lexicons(
        triggers=_index(triggers),
        weapons=_index(weapons),
        targets=_index(targets),
        casualty=MappingProxyType(casualty),
        victims=MappingProxyType(victims),
        victim_types=MappingProxyType(
            {row[0].lower(): row[1] for row in _lines("victim_target_types.tsv") if len(row) > 1}
        ),
        non_toll_units=word_list("non_toll_units.txt"),
        non_violent=word_list("non_violent.txt"),
        figurative=word_list("figurative.txt"),
        reference_cues=word_list("reference_cues.txt"),
        attribution_verbs=frozenset(
            row[0].lower() for row in _lines("attribution.tsv") if row[1] == "verb"
        ),
        actors=actors,
    )
