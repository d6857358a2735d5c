"""Fixtures shared by the evaluation tests: the tiny data folder and a fake extractor."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from tollwatch.types import Actor, Article, Failure, Location, Mention, Report, Toll

DATA = Path(__file__).parent / "data"
DATASETS = DATA / "datasets"
SEED = DATA / "seed"


class FakeExtractor:
    """Returns canned reports per article id (an exception instance becomes a Failure)."""

    def __init__(self, by_id: dict[str, list[Report] | Exception]) -> None:
        self.by_id = by_id
        self.seen: list[Article] = []

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Report] | Failure]]:
        for a in articles:
            self.seen.append(a)
            out = self.by_id.get(a.id, [])
            if isinstance(out, Exception):
                yield a, Failure(a.id, "extract_error", repr(out), "extract", a.id)
            else:
                yield a, out


def report(
    rid: str = "r1",
    *,
    event_type: str | None = "Violence against civilians",
    sub: str | None = "Attack",
    attack: str | None = "Armed Assault",
    day=None,
    place: str | None = None,
    country: str | None = None,
    perps: tuple[tuple[str, str], ...] = (),
    targets: tuple[str, ...] = (),
    victims: tuple[str, ...] = (),
    weapons: tuple[str, ...] = (),
    killed: int | None = None,
    injured: int | None = None,
    summary: str | None = None,
    is_reference: bool = False,
) -> Report:
    return Report(
        id=rid,
        article_id="a",
        date=day,
        location=Location(place, country) if place else None,
        event_type=event_type,
        sub_event_type=sub,
        attack_type=attack,
        perpetrators=tuple(Actor(text=t, name=t, kind=k) for t, k in perps),
        targets=tuple(Mention(t) for t in targets),
        victims=tuple(Mention(v) for v in victims),
        weapons=tuple(Mention(w) for w in weapons),
        killed=Toll(killed, killed, killed),
        injured=Toll(injured, injured, injured),
        summary=summary,
        is_reference=is_reference,
    )
