"""Hand-made records for the store, resolve and schema tests (no spaCy).

The seed is the 23 May 2016 bombings of Jableh and Tartus: the Syrian Observatory counted 148 dead
(100 in Jableh, 48 in Tartus), state media 78; an article says "more than 148", and "at least
eight of them children".
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tollwatch.types import (
    Actor,
    Article,
    Evidence,
    Figure,
    Location,
    Mention,
    Report,
    Site,
    Toll,
)

SEED_TEXT = (
    "More than 148 people were killed in bombings in Jableh and Tartus on Monday. "
    "The Syrian Observatory said 100 died in Jableh and 48 in Tartus. "
    "State media put the toll at 78, at least eight of them children. "
    "Islamic State claimed the attacks through its Amaq agency."
)


def ev(article_id: str, phrase: str, text: str = SEED_TEXT) -> Evidence:
    start = text.index(phrase)
    return Evidence(article_id, start, start + len(phrase), phrase)


def jableh(article_id: str = "a_seed", **changes: object) -> Location:
    values: dict = dict(
        name="Jableh",
        country="SY",
        admin1="Latakia",
        lat=35.3609,
        lon=35.9256,
        precision="city",
        geonames_id=170592,
        matched_name="Jablah",
        evidence=ev(article_id, "Jableh"),
    )
    values.update(changes)
    return Location(**values)


def tartus(article_id: str = "a_seed") -> Location:
    return Location(
        name="Tartus",
        country="SY",
        admin1="Tartus",
        lat=34.8890,
        lon=35.8866,
        precision="city",
        geonames_id=163345,
        matched_name="Tartus",
        evidence=ev(article_id, "Tartus"),
    )


def seed_figures(article_id: str = "a_seed") -> tuple[Figure, ...]:
    return (
        Figure("killed", 149, None, "more than", evidence=ev(article_id, "More than 148")),
        Figure(
            "killed",
            148,
            148,
            "exact",
            attributed_to="Syrian Observatory",
            evidence=ev(article_id, "100 died in Jableh and 48"),
        ),
        Figure(
            "killed",
            78,
            78,
            "exact",
            attributed_to="state media",
            evidence=ev(article_id, "the toll at 78"),
        ),
        Figure(
            "killed",
            8,
            None,
            "at least",
            attributed_to="state media",
            victim_category="children",
            is_total=False,
            evidence=ev(article_id, "at least eight of them children"),
        ),
    )


def seed_sites(article_id: str = "a_seed") -> tuple[Site, ...]:
    return (
        Site(
            location=jableh(article_id),
            weapons=(Mention("bombs", "Explosives"),),
            figures=(
                Figure(
                    "killed",
                    100,
                    100,
                    "exact",
                    attributed_to="Syrian Observatory",
                    place="Jableh",
                    is_total=False,
                    evidence=ev(article_id, "100 died in Jableh"),
                ),
            ),
        ),
        Site(
            location=tartus(article_id),
            figures=(
                Figure(
                    "killed",
                    48,
                    48,
                    "exact",
                    attributed_to="Syrian Observatory",
                    place="Tartus",
                    is_total=False,
                    evidence=ev(article_id, "48 in Tartus"),
                ),
            ),
        ),
    )


def seed_report(
    article_id: str = "a_seed", report_id: str = "r_seed_0", **changes: object
) -> Report:
    values: dict = dict(
        id=report_id,
        article_id=article_id,
        date=date(2016, 5, 23),
        date_precision="day",
        date_source="text",
        date_evidence=ev(article_id, "Monday"),
        location=jableh(article_id),
        sites=seed_sites(article_id),
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        attack_type="Bombing/Explosion",
        suicide=True,
        perpetrators=(
            Actor(
                "Islamic State",
                "Islamic State",
                claimed=True,
                claim_channel="Amaq",
                evidence=ev(article_id, "Islamic State claimed"),
            ),
        ),
        victims=(Mention("people", evidence=ev(article_id, "people")),),
        targets=(Mention("bus station", "Transportation"),),
        weapons=(Mention("bombings", "Explosives", ev(article_id, "bombings")),),
        figures=seed_figures(article_id),
        killed=Toll(78, 148, 149),
        injured=Toll(),
        summary=SEED_TEXT.split(". ")[0] + ".",
        evidence=(ev(article_id, SEED_TEXT.split(". ")[0]),),
        published=datetime(2016, 5, 23, 15, 30, tzinfo=UTC),
        source="Example Wire",
    )
    values.update(changes)
    return Report(**values)


def seed_article(article_id: str = "a_seed", **changes: object) -> Article:
    values: dict = dict(
        id=article_id,
        text=SEED_TEXT,
        url=f"https://news.example/{article_id}",
        source="Example Wire",
        title="Bombings kill more than 148 in Syria",
        published=datetime(2016, 5, 23, 15, 30, tzinfo=UTC),
        language="en",
        origin=f"tests/{article_id}.html",
        content_hash=f"hash-{article_id}",
    )
    values.update(changes)
    return Article(**values)


def simple_report(
    report_id: str,
    article_id: str | None = None,
    day: date | None = date(2016, 5, 23),
    place: str = "Jableh",
    country: str | None = "SY",
    admin1: str | None = "Latakia",
    lat: float | None = 35.3609,
    lon: float | None = 35.9256,
    precision: str | None = "city",
    killed: int | None = None,
    published: datetime | None = None,
    **changes: object,
) -> Report:
    """A small report; ``killed`` adds one exact total figure from its article."""
    article_id = article_id or "a_" + report_id
    figures = ()
    if killed is not None:
        figures = (
            Figure("killed", killed, killed, "exact", evidence=Evidence(article_id, 0, 2, "xx")),
        )
    location = None
    if place or country:
        location = Location(
            name=place or country or "",
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
            precision=precision,
        )
    values: dict = dict(
        id=report_id,
        article_id=article_id,
        date=day,
        date_precision="day" if day else "unknown",
        date_source="text" if day else None,
        location=location,
        figures=figures,
        published=published,
    )
    values.update(changes)
    return Report(**values)
