"""What one sentence says: triggers, figures, places, dates, actors, weapons, targets, and whether
it speaks of history, court news or a non-violent cause. Built by the pipeline, read by segment
and reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from tollwatch.extract.dates import DateMention
from tollwatch.extract.lexicon import Trigger
from tollwatch.types import Actor, Evidence, Figure, Location, Mention


@dataclass(frozen=True)
class SentenceFacts:
    index: int
    start: int
    end: int
    text: str
    triggers: tuple[Trigger, ...] = ()
    anchors: tuple[int, ...] = ()  # article offsets of the event words (triggers, figures)
    figures: tuple[Figure, ...] = ()
    places: tuple[Location, ...] = ()
    dates: tuple[DateMention, ...] = ()  # offsets are article offsets
    actors: tuple[Actor, ...] = ()
    weapons: tuple[Mention, ...] = ()
    targets: tuple[Mention, ...] = ()
    victims: tuple[Mention, ...] = ()
    suicide: bool = False
    history: bool = False
    non_violent: bool = False
    claim_anaphora: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def strong(self) -> bool:
        return any(t.strong for t in self.triggers)

    @property
    def eventful(self) -> bool:
        # "The Islamic State group claimed responsibility." belongs to the incident too
        # ("no group claimed it, but police suspected al-Shabaab": a claim talked of, suspects)
        return bool(
            self.triggers
            or self.figures
            or any(a.claimed for a in self.actors)
            or (self.extra.get("claim_denied") and self.actors)
        )

    def evidence(self, article_id: str) -> Evidence:
        return Evidence(article_id, self.start, self.end, self.text)

    def countries(self) -> list[str]:
        out: list[str] = []
        for p in self.places:
            if p.country and p.country not in out:
                out.append(p.country)
        return out
