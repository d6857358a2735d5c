"""Drive the stages over a corpus: ingest -> extract -> store -> resolve.

This module and ``cli.py`` are the only places that chain stages. ``run_corpus`` is what
``tollwatch run`` does; ``extract_corpus`` is ``tollwatch extract`` (no database).
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tollwatch.config import Settings
from tollwatch.errors import ConfigError
from tollwatch.extract.pipeline import Extractor
from tollwatch.ingest import iter_articles
from tollwatch.run.incremental import resolve_pending
from tollwatch.store.base import Store
from tollwatch.types import Article, Failure, Report


@dataclass
class RunSummary:
    articles_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0  # already stored (same id or same text)
    articles_with_incidents: int = 0
    reports: int = 0
    incidents: int = 0
    failures: Counter = field(default_factory=Counter)
    resolution: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "articles_read": self.articles_read,
            "articles_new": self.articles_new,
            "articles_skipped": self.articles_skipped,
            "articles_with_incidents": self.articles_with_incidents,
            "reports": self.reports,
            "incidents": self.incidents,
            "failures": dict(self.failures),
            "resolution": dict(self.resolution),
        }


PublishedMap = dict[str, datetime]


def load_published_map(path: str | Path) -> PublishedMap:
    """Read a TSV of ``file<TAB>ISO datetime`` lines (paths relative to the TSV's folder, or bare
    file names) giving the publication time of files whose format carries none (plain text)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(
            f"cannot read published map {path}: {exc}",
            hint="give a TSV file of `file<TAB>2016-05-23T10:00:00+00:00` lines",
        ) from exc
    out: PublishedMap = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, value = line.partition("\t")
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ConfigError(
                f"{path}:{n}: {value.strip()!r} is not an ISO date",
                hint="write dates as 2016-05-23 or 2016-05-23T10:00:00+00:00",
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        out[str((path.parent / name.strip()).resolve())] = moment
        out.setdefault(Path(name.strip()).name, moment)
    return out


def apply_published_map(article: Article, mapping: PublishedMap | None) -> Article:
    """The article with its publication time from ``mapping`` when its source gave none."""
    if not mapping or article.published is not None or not article.origin:
        return article
    origin = article.origin
    moment = mapping.get(str(Path(origin).resolve())) if "://" not in origin else None
    if moment is None:
        moment = mapping.get(Path(origin).name)
    return dataclasses.replace(article, published=moment) if moment else article


def _progress(items: Iterable, enabled: bool, desc: str) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=" doc", file=sys.stderr, dynamic_ncols=True)


def extract_corpus(
    sources: Iterable[str],
    settings: Settings,
    published: datetime | None = None,
    extractor: Extractor | None = None,
    progress: bool = False,
    published_map: PublishedMap | None = None,
) -> Iterator[tuple[Article | None, list[Report] | Failure]]:
    """Yield (article, reports) per article and (None, failure) per bad document."""
    extractor = extractor or Extractor(settings)
    failures: list[Failure] = []

    def articles() -> Iterator[Article]:
        for item in iter_articles(sources, settings, published=published):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                yield apply_published_map(item, published_map)

    for article, result in extractor.extract_many(_progress(articles(), progress, "extract")):
        while failures:
            yield None, failures.pop(0)
        yield article, result
    while failures:
        yield None, failures.pop(0)


def run_corpus(
    sources: Iterable[str],
    settings: Settings,
    store: Store,
    published: datetime | None = None,
    extractor_factory: Callable[[], Extractor] | None = None,
    progress: bool = False,
    policy: str | None = None,
    published_map: PublishedMap | None = None,
) -> RunSummary:
    """Ingest, extract and store every new article, then resolve the new reports into incidents
    incrementally (``run.incremental.resolve_pending``): stored incidents they do not touch stay
    as they are, and analyst decisions keep applying."""
    summary = RunSummary()
    run_id = store.start_run()

    def fresh() -> Iterator[Article]:
        for item in iter_articles(sources, settings, published=published):
            if isinstance(item, Failure):
                summary.failures[item.reason] += 1
                store.add_failure(item)
                continue
            summary.articles_read += 1
            item = apply_published_map(item, published_map)
            if store.has_article(item.id) or (
                item.content_hash and store.has_content_hash(item.content_hash)
            ):
                summary.articles_skipped += 1
                continue
            yield item

    make = extractor_factory or (lambda: Extractor(settings))
    for article, result in _extracted(fresh(), make, progress):
        if isinstance(result, Failure):
            summary.failures[result.reason] += 1
            store.add_failure(result)
            continue
        store.add_article(article)
        summary.articles_new += 1
        if result:
            store.add_reports(article.id, result)
            summary.reports += len(result)
            summary.articles_with_incidents += 1
    resolved = resolve_pending(store, settings, policy)
    summary.resolution = resolved.to_dict()
    summary.incidents = store.count_incidents()
    store.finish_run(run_id, {k: v for k, v in summary.to_dict().items() if isinstance(v, int)})
    return summary


def _extracted(
    articles: Iterator[Article], make_extractor: Callable[[], Extractor], progress: bool
) -> Iterator[tuple[Article, list[Report] | Failure]]:
    """Extract lazily: the spaCy pipeline is only loaded when there is a new article."""
    first = next(articles, None)
    if first is None:
        return
    extractor = make_extractor()

    def chain() -> Iterator[Article]:
        yield first
        yield from articles

    yield from extractor.extract_many(_progress(chain(), progress, "extract"))
