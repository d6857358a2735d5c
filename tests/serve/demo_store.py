"""A demo-like store for the serve tests, built from hand-made records (no spaCy, no resolver).

The seed incident (Jableh and Tartus, 23 May 2016, two articles: the Syrian Observatory's 148
and state media's 78) plus generated incidents in Iraq, Nigeria, Afghanistan and Somalia.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from tests.sample_records import seed_article, seed_report
from tollwatch.store import open_store
from tollwatch.tolls import reconcile
from tollwatch.types import Actor, Article, Evidence, Figure, Incident, Location, Report, Toll

PLACES = [
    ("IQ", "Baghdad", "Baghdad", 33.34, 44.40, "Islamic State"),
    ("IQ", "Mosul", "Nineveh", 36.34, 43.13, "Islamic State"),
    ("NG", "Maiduguri", "Borno", 11.85, 13.16, "Boko Haram"),
    ("AF", "Kabul", "Kabul", 34.53, 69.17, "Taliban"),
    ("SO", "Mogadishu", "Banaadir", 2.04, 45.34, "al-Shabaab"),
]
TYPES = ["Explosions/Remote violence", "Violence against civilians", "Battles"]


def incident_id(report_id: str) -> str:
    return "i_" + hashlib.sha1(report_id.encode()).hexdigest()[:16]


def _incident(reports: list[Report], policy: str = "ucdp") -> Incident:
    first = reports[0]
    figures = tuple(f for r in reports for f in r.figures)
    return Incident(
        id=incident_id(first.id),
        report_ids=tuple(sorted(r.id for r in reports)),
        article_ids=tuple(sorted({r.article_id for r in reports})),
        date=first.date,
        date_precision=first.date_precision,
        location=first.location,
        sites=first.sites,
        event_type=first.event_type,
        sub_event_type=first.sub_event_type,
        attack_type=first.attack_type,
        suicide=first.suicide,
        perpetrators=first.perpetrators,
        weapons=first.weapons,
        targets=first.targets,
        victims=first.victims,
        figures=figures,
        killed=reconcile(figures, "killed", policy),
        injured=reconcile(figures, "injured", policy),
        policy=policy,
        summary=first.summary,
    )


def _generated(i: int) -> tuple[Article, Report]:
    cc, place, admin1, lat, lon, actor = PLACES[i % len(PLACES)]
    day = date(2016, 5, 1) + timedelta(days=(i * 3) % 60)
    killed = 3 + (i * 7) % 40
    text = (
        f"A car bomb killed {killed} people in {place} on Sunday, police said. "
        f"{actor} claimed the attack."
    )
    aid = f"a_gen_{i:03d}"
    phrase = f"killed {killed} people"
    start = text.index(phrase)
    ev = Evidence(aid, start, start + len(phrase), phrase)
    pstart = text.index(place)
    article = Article(
        id=aid,
        text=text,
        url=f"https://wire.example/{aid}",
        source="Wire Example",
        title=f"Car bomb kills {killed} in {place}",
        published=datetime(day.year, day.month, day.day, 18, tzinfo=UTC),
        language="en",
        origin=f"demo/{aid}.txt",
        content_hash=f"h{aid}",
    )
    report = Report(
        id=f"r_gen_{i:03d}_0",
        article_id=aid,
        date=day,
        date_precision="day",
        location=Location(
            name=place,
            country=cc,
            admin1=admin1,
            lat=lat + (i % 5) * 0.01,
            lon=lon,
            precision="city",
            evidence=Evidence(aid, pstart, pstart + len(place), place),
        ),
        event_type=TYPES[i % len(TYPES)],
        sub_event_type="Remote explosive",
        attack_type="Bombing/Explosion",
        perpetrators=(Actor(actor, actor, claimed=True),),
        figures=(Figure("killed", killed, killed, "exact", attributed_to="police", evidence=ev),),
        killed=Toll(killed, killed, killed),
        summary=text.split(". ")[0] + ".",
        evidence=(Evidence(aid, 0, len(text), text),),
        published=article.published,
        source="Wire Example",
    )
    return article, report


def build_demo_store(path: str, n_generated: int = 24) -> dict[str, str]:
    """Write the demo store at ``path``; returns ids worth knowing (``seed`` incident)."""
    store = open_store(path)
    try:
        second = seed_article(
            "a_seed_2",
            published=datetime(2016, 5, 24, 9, tzinfo=UTC),
            source="Other Wire",
            url="https://other.example/a_seed_2",
        )
        seed = [
            seed_report(),
            seed_report("a_seed_2", "r_seed_2_0", published=second.published, source="Other Wire"),
        ]
        store.add_article(seed_article())
        store.add_article(second)
        for r in seed:
            store.add_reports(r.article_id, [r])
        incidents = [_incident(seed)]
        for i in range(n_generated):
            article, report = _generated(i)
            store.add_article(article)
            store.add_reports(article.id, [report])
            incidents.append(_incident([report]))
        store.replace_incidents(incidents, replace_all=True)
    finally:
        store.close()
    return {"seed": incidents[0].id}
