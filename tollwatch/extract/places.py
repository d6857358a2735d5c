"""Places named in a document, geocoded offline.

spaCy's small model types many Middle-East towns as ORG or PERSON, so every GPE, LOC, FAC, ORG and
PERSON entity is looked up in the gazetteer and kept as a place when it resolves (short all-caps
tokens such as "UN" or "IS" are skipped). Capitalised proper nouns that spaCy left outside any
entity are kept only when they resolve inside a country the article already names. Demonyms
("Syrian", "Yemeni") and country names give the context countries that rank ambiguous names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span

from tollwatch.extract import doccache
from tollwatch.extract.gazetteer import Gazetteer, location_of
from tollwatch.extract.gazetteer_names import name_key
from tollwatch.extract.lexicon import given_names, word_list
from tollwatch.types import Evidence, Location

PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")
#: prepositions of place: a name right after one may be a town whatever the NER made of it
LOCATIVE = frozenset({"in", "near", "outside", "around", "at"})
#: labels the small model gives some towns ("Culiacan" NORP, "Tumaco" EVENT, "Quetta" WORK_OF_ART)
ODD_LABELS = frozenset({"NORP", "EVENT", "WORK_OF_ART", "PRODUCT"})
EDGE_WORDS = frozenset({"the", "-", "–", "—", ",", ".", "'s", "’s", "(", ")", '"'})


def _usable(span: Span) -> bool:
    text = span.text
    if text[:1].islower():
        return False  # "metro", "the capital": common words spaCy sometimes tags
    if span.label_ in ("ORG", "PERSON", "NORP") and text.isupper() and len(text) <= 4:
        return False
    return any(ch.isalpha() for ch in text) and len(text) >= 3


#: words before a person's name, never before a place's
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "lord",
        "lady",
        "sir",
        "president",
        "gen",
        "general",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "lt",
        "minister",
        "secretary",
        "sheikh",
        "imam",
        "father",
        "bishop",
        "judge",
        "senator",
        "rep",
        "gov",
        "governor",
        "mayor",
        "prince",
        "king",
        "queen",
        "consul",
        "ambassador",
    }
)
#: words before the name of a station: "Radio Venceremos" is no town of Mexico
MEDIA = frozenset({"radio", "television", "tv"})
#: nouns of a settlement before "of" and its name: "the city of Culiacan"
TOWN_NOUNS = frozenset({"city", "town", "village", "capital", "port", "municipality"})
#: nouns of a settlement in an apposition after its name: "Huari, a town in Ancash"
APPOSED_TOWN_NOUNS = frozenset({"town", "village", "hamlet", "municipality"})
#: words between an apposition's comma and its noun: "Barranca, a small village"
_APPOSITION_LEAD = frozenset({"DET", "NUM", "ADJ", "ADV", "NOUN", "PROPN", "PUNCT"})
#: nouns of kin before a person's name: "his younger brother Dzhokhar" (lexicon data)
KIN_NOUNS = word_list("kin_nouns.txt")
#: words after which a name is a person's or a station's, never a place's
NOT_BEFORE_PLACE = TITLES | MEDIA | KIN_NOUNS
#: a town named by a word spaCy typed as an organisation or person must be at least this big
MIN_POP_RELABEL = 5_000
#: a town outside the countries the article names must be at least this big
MIN_POP_ABROAD = 100_000
#: a town in an article that names no country at all must be at least this big
MIN_POP_NO_CONTEXT = 15_000
#: a city the model tagged as a place counts for its country when at least this big
MIN_POP_COUNTED = 100_000
#: a capitalised word spaCy did not tag at all must name a town at least this big
MIN_POP_UNTAGGED = 50_000
#: a city this big named right after a preposition of place is kept whatever the model typed it
#: and whichever countries the article names ("Russian missile strikes on Kyiv", PERSON)
MIN_POP_AT_ANY = 500_000
#: prepositions of place before such a city ("strikes on Kyiv")
AT_WORDS = LOCATIVE | {"on"}


def _big_city_after_preposition(doc: Doc, ent: Span, pop: int, loc: Location) -> bool:
    """A city of ``MIN_POP_AT_ANY`` people or more right after a preposition of place, named by
    its own name: "killed in Kyiv", "strikes on Kyiv" (a person or an organisation is rarely
    struck "on"); not a town that shares another city's old name ("near Zaragoza", a town
    of El Salvador, is no Tijuana)."""
    return (
        pop >= MIN_POP_AT_ANY
        and ent.start > 0
        and doc[ent.start - 1].lower_ in AT_WORDS
        and loc.matched_name is not None
        and name_key(loc.matched_name) == name_key(ent.text)
    )


def _past_pair(doc: Doc, end: int) -> int:
    """Where the words after a name go on past the other name it is paired with ("Chavin and
    Huari, ...", "Sarmiento and San Martin streets"): the index after "and" and that name, or
    ``end`` when no such name follows."""
    if end + 1 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].pos == PROPN:
        end += 1
        while end < len(doc) and doc[end].pos == PROPN:
            end += 1
    return end


def _called_a_town(doc: Doc, ent: Span) -> bool:
    """Whether the text itself says the name is a settlement's: "the town of X" or an
    apposition "X, a small village 180 km from Lima", "X and Y, two towns in Ancash"."""
    if (
        ent.start > 1
        and doc[ent.start - 1].lower_ == "of"
        and doc[ent.start - 2].lemma_.lower() in TOWN_NOUNS
    ):
        return True
    # "Chavin and Huari, two towns": the second name of a pair shares the apposition
    i = _past_pair(doc, ent.end)
    if i >= len(doc) or doc[i].text != ",":
        return False
    for tok in doc[i + 1 : i + 6]:
        if tok.lemma_.lower() in APPOSED_TOWN_NOUNS and tok.pos == NOUN:
            return True
        if tok.pos_ not in _APPOSITION_LEAD or tok.text in (",", ".", ";"):
            return False
    return False


#: nouns after a street's name: "Sarmiento and San Martin streets" (lexicon data)
STREET_NOUNS = word_list("street_nouns.txt")


def _street(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``doc[start:end]`` names a street: a street noun right after it, or
    after the other name it is listed with ("on Sarmiento and San Martin streets")."""
    i = _past_pair(doc, end)
    nxt = doc[i] if i < len(doc) else None
    return nxt is not None and nxt.lower_.rstrip(".") in STREET_NOUNS


def _seat_of_region(loc: Location) -> bool:
    """The town gives its name to its first-level region ("Ménaka" in the region of Ménaka,
    "Gao" in "Gao Region"): a region's seat, known beyond its size."""
    if not loc.admin1 or not loc.matched_name:
        return False
    town, region = name_key(loc.matched_name), name_key(loc.admin1).split()
    if not town or not region:
        return False
    words = town.split()
    rest = region[len(words) :]
    return region[: len(words)] == words and all(w in REGION_NOUNS for w in rest)


def _population(gaz: Gazetteer, text: str, loc: Location) -> int:
    for place in gaz.lookup(text, country=loc.country, limit=5):
        if place.geonames_id == loc.geonames_id:
            return place.population
    return 0


def _trimmed(span: Span) -> Span | None:
    """The entity without edge punctuation, articles and possessives ("the Hama -" -> "Hama")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in EDGE_WORDS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in EDGE_WORDS or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _possessor(span: Span) -> Span | None:
    """The words before a possessive inside an entity ("Lahore's Data Darbar" -> "Lahore"),
    or None when it has none."""
    for tok in span[:-1]:
        if tok.tag_ == "POS" and tok.i > span.start:
            return span.doc[span.start : tok.i]
    return None


def country_counts(doc: Doc, gaz: Gazetteer) -> dict[str, int]:
    """How often the document names each country: by name, demonym or province, and by a big
    city of a country it names so (the dateline's city aside: "San Salvador" counts for El
    Salvador in a story that names El Salvador, "San Jose" does not make it about Costa Rica)."""
    counts: dict[str, int] = {}
    cities: list[Span] = []
    for ent in doccache.ents(doc):
        if ent.label_ in ("GPE", "NORP", "LOC"):
            code = gaz.country_of(ent.text)
            if code is None and ent.label_ == "GPE":
                # a province or state names its country too ("Massachusetts", "Borno State")
                loc = gaz.resolve(ent.text)
                if loc is not None and loc.precision == "admin1":
                    code = loc.country
                elif loc is not None and not _dateline_place(doc, ent):
                    cities.append(ent)
        elif ent.label_ == "ORG" and gaz.demonym(ent.text) is None:
            # "in Burkina Faso's Soum province" (tagged ORG): a country's own name only
            code = gaz.country_of(ent.text)
        else:
            continue
        if code:
            counts[code] = counts.get(code, 0) + 1
    named = tuple(counts)
    for ent in cities:
        loc = gaz.resolve(ent.text, context_countries=named)
        if (
            loc is not None
            and loc.precision == "city"
            and loc.country in named
            and _population(gaz, ent.text, loc) >= MIN_POP_COUNTED
        ):
            counts[loc.country] += 1
    return counts


#: what follows the place of a dateline: "BOGOTA, 5 JUL 89 --", "KABUL, Afghanistan (AP) —"
_DATELINE_MARK = re.compile(r"\s*(?:,|\(|--|—|–)")
#: a dateline names a city at least this big, or a region or a country
MIN_POP_DATELINE = 100_000


def _dateline_place(doc: Doc, ent: Span) -> bool:
    """Whether an entity is the place a dateline opens the text with ("BOGOTA, 5 JUL 89 --")."""
    return ent.start_char <= 40 and bool(_DATELINE_MARK.match(doccache.text(doc), ent.end_char))


def dateline_country(doc: Doc, gaz: Gazetteer) -> str | None:
    """The country of the place a dateline opens the text with, if any."""
    for ent in doccache.ents(doc):
        if ent.start_char > 40:
            return None
        if ent.label_ not in PLACE_LABELS or not _dateline_place(doc, ent):
            continue
        loc = gaz.resolve(ent.text)
        if loc is None:
            continue
        if loc.precision == "city" and _population(gaz, ent.text, loc) < MIN_POP_DATELINE:
            return None
        return loc.country
    return None


#: nouns after a region's name: "Sucumbios province", "Morazan department" (lexicon data)
REGION_NOUNS = word_list("region_nouns.txt")


def _demonyms_only(doc: Doc, gaz: Gazetteer, counts: dict[str, int], dateline: str | None) -> bool:
    """Whether the document names its countries only by their people ("Russian forces shelled
    Kherson"): no country or first-level region by name, no dateline country."""
    if not counts or dateline is not None:
        return False
    for ent in doccache.ents(doc):
        if ent.label_ in ("GPE", "LOC") and gaz.demonym(ent.text) is None:
            if gaz.country_of(ent.text) is not None:
                return False
            loc = gaz.resolve(ent.text)
            if loc is not None and loc.precision == "admin1":
                return False
    return True


#: lower-case words inside a place name of several words ("Vina del Mar", "Rio de Janeiro")
NAME_PARTICLES = tuple(tuple(p.split()) for p in word_list("name_particles.txt"))


def _with_head_word(doc: Doc, ent: Span) -> Span:
    """An entity that starts on a name particle with the capitalised word before it: the model
    tagged "del Mar" in "Vina del Mar"."""
    first = ent[0].text
    if (
        ent.start == 0
        or not any(p[0] == first for p in NAME_PARTICLES)
        or not doc[ent.start - 1].is_title
        or doc[ent.start - 1].ent_type
    ):
        return ent
    return Span(doc, ent.start - 1, ent.end, label=ent.label_)


#: nouns of a diplomatic mission (lexicon data)
MISSION_NOUNS = word_list("mission_nouns.txt")


def _mission_of(doc: Doc, ent: Span) -> bool:
    """A country named as the owner of a mission ("bombed the embassies of the PRC and the
    Soviet Union" in Lima): the building's country, not the place of the event."""
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    # "the embassies of the PRC and the Soviet Union": the second owner of the same list
    while k >= 1 and doc[k].lower_ in ("and", ",") and doc[k - 1].ent_type_ in ("GPE", "ORG"):
        k = _ent_start(doc, k - 1) - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lemma_.lower() in MISSION_NOUNS


def _ent_start(doc: Doc, i: int) -> int:
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _untagged_runs(doc: Doc, covered: set[int], name_words: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words outside every entity that a name particle
    joins ("Vina del Mar", "Mar del Plata"): a name of several words the model did not tag.
    Runs without a particle are left to the single-word rule."""
    out: list[tuple[int, int]] = []
    n, i = len(doc), 0

    def free(k: int) -> bool:
        if k >= n:
            return False
        t = doc[k]
        return not t.ent_type and k not in covered and t.is_title and t.text not in name_words

    while i < n:
        tok = doc[i]
        if tok.pos != PROPN or not free(i) or tok.is_sent_start or len(tok.text) < 3:
            i += 1
            continue
        end, joined = i + 1, False
        while end < n:
            words = next(
                (
                    p
                    for p in NAME_PARTICLES
                    if all(doc[end + j].text == w for j, w in enumerate(p)) and free(end + len(p))
                ),
                None,
            )
            if words is None:
                break
            end, joined = end + len(words) + 1, True
        if joined:
            out.append((i, end))
        i = end
    return out


#: words that open town names and may also be given names in the census lists
_PLACE_OPENERS = frozenset(
    {p[0] for p in NAME_PARTICLES}
    | {"san", "santa", "santo", "sao", "saint", "st", "port", "puerto"}
)


def _ends_a_name(doc: Doc, ent: Span) -> bool:
    """Whether an entity ends a person's name the model cut short: capitalised words outside
    every entity right before it, the first a given name ("Pablo Pelaez Gonzalez" with only
    "Gonzalez" tagged: a surname, not the town of Gonzalez)."""
    k = ent.start
    words = []
    while k > 0 and len(words) < 3:
        prev = doc[k - 1]
        if not prev.is_title or prev.ent_type_ or not prev.is_alpha or prev.is_stop:
            break  # "In Barranca": a capitalised stop word names nobody
        words.append(prev)
        k -= 1
    first = words[-1].lower_ if words else ""
    # "La Oroya", "San Fernando": a town's own article or saint, not a given name
    return first in given_names() and first not in _PLACE_OPENERS


def _capital_phrases(doc: Doc, gaz: Gazetteer, home: str | None) -> list[tuple[Span, str]]:
    """Each phrase naming a country's capital and the country's ISO code: by the country ("the
    Peruvian capital", "Syria's capital", "the capital of Qatar"), or "the capital" alone, of
    ``home`` (the country the article names most); "the state capital", "the capital of
    Antioquia", "the Colombian capital of Bogota" (the town is named) give none."""
    out: list[tuple[Span, str]] = []
    for tok in doccache.tokens(doc):
        if tok.lower_ != "capital" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        before = doc[tok.i - 1] if tok.i > 0 else None
        if before is not None and before.tag_ == "POS" and tok.i > 1:
            before = doc[tok.i - 2]  # "Syria's capital"
        after = doc[tok.i + 1 : tok.i + 3]
        # "the Colombian capital of Bogota", "the capital, Lima": the town itself is named
        named = bool(after) and after[0].lower_ in ("of", ",") and len(after) > 1
        named = named and after[1].is_title
        code = gaz.country_of(before.text) if before is not None and before.is_title else None
        if code is not None:
            if not named:
                out.append((doc[before.i : tok.i + 1], code))  # type: ignore[union-attr]
            continue
        if after and after[0].lower_ == "of":
            # the entity after "of" (the model may call "Mali" a person), or one title word
            first = tok.i + 2
            if first < len(doc) and doc[first].lower_ == "the":
                first += 1  # "the capital of the Philippines"
            ent = next((e for e in doccache.ents(doc) if e.start == first), None)
            name = ent if ent is not None else doc[first : first + 1]
            if (
                len(name)
                and name[0].is_title
                and (code := gaz.country_of(name.text)) is not None
                and gaz.demonym(name.text) is None  # "capital of Peru", not of a people
            ):
                out.append((doc[tok.i : name.end], code))
            continue
        if (
            home is not None
            and before is not None
            and before.lower_ == "the"
            and not named
            and not tok.is_title  # "Capital" in a name ("the Capital Hotel")
        ):
            out.append((doc[before.i : tok.i + 1], home))
    return out


def find_places(
    doc: Doc, gaz: Gazetteer, article_id: str, counts: dict[str, int] | None = None
) -> list[Location]:
    """Every place mention in ``doc`` with its gazetteer match, in text order; ``counts``: the
    document's ``country_counts`` when the caller has them already."""
    counts = country_counts(doc, gaz) if counts is None else counts
    countries = tuple(sorted(counts, key=lambda c: -counts[c]))  # most named first
    dateline = dateline_country(doc, gaz)
    if dateline is not None and dateline not in countries:
        # "LIMA, 11 MAR 89 --": the towns of the story are first looked for in Peru ("Ambo" is
        # a town of Huanuco, not Ethiopia's Ambo; "Santa Maria" not Brazil's)
        countries += (dateline,)
    out: list[Location] = []
    covered: set[int] = set()
    demonyms_only: bool | None = None  # read only when a town abroad needs it
    # the names of people named in full elsewhere ("Tarek William Saab" ... "Saab said";
    # "Dzhokhar Tsarnaev" ... "Dzhokhar", which the gazetteer knows as Grozny's old name)
    name_words = {
        t.text
        for e in doccache.ents(doc)
        if e.label_ == "PERSON" and len(e) >= 2
        for t in e
        if t.is_title and len(t.text) >= 3
    }
    for ent in doccache.ents(doc):
        ent = _with_head_word(doc, ent)
        # "outside Culiacan" (tagged NORP), "in Tumaco" (tagged EVENT): after a preposition of
        # place, any name may be a town
        locative = ent.label_ in ODD_LABELS and (
            (ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE)
            # "the northern Mexican city of Culiacan" (tagged NORP)
            or (
                ent.start > 1
                and doc[ent.start - 1].lower_ == "of"
                and doc[ent.start - 2].lower_ in TOWN_NOUNS
            )
        )
        # "Pakistan's Kurram district" (Kurram tagged PRODUCT): a region or district by its noun
        noun = doc[ent.end] if ent.end < len(doc) else None
        regional = (
            ent.label_ not in ("GPE", "LOC")
            and noun is not None
            and noun.is_lower
            and noun.lower_ in REGION_NOUNS
        )
        locative = locative or (regional and ent.label_ in ODD_LABELS)
        if (ent.label_ not in PLACE_LABELS and not locative) or not _usable(ent):
            continue
        if (
            (len(ent) == 1 and ent.text in name_words)
            or (ent.label_ not in ("GPE", "LOC") and _ends_a_name(doc, ent))
            or (ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in NOT_BEFORE_PLACE)
            or _mission_of(doc, ent)
            or _street(doc, ent.start, ent.end)
        ):
            continue
        if ent.label_ == "NORP" and not locative:
            continue  # demonyms give context, not places
        label = ent.label_
        ent = _trimmed(ent)
        if ent is None:
            continue
        owner = _possessor(ent)
        if owner is not None:
            ent = owner  # "Lahore's Data Darbar shrine": the town that owns the place
        text = ent.text
        ev = Evidence(article_id, ent.start_char, ent.end_char, ent.text)
        loc = None
        if regional and noun is not None and ent.end == noun.i:  # still right before it
            loc = gaz.resolve(f"{text} {noun.text}", context_countries=countries)
            if loc is not None and (
                loc.precision not in ("admin1", "admin2") or loc.country not in countries
            ):
                loc = None
        loc = loc or gaz.resolve(text, context_countries=countries)
        if loc is None:
            continue
        if loc.precision == "admin2" and (
            (label not in ("GPE", "LOC") and not locative and not regional)
            or text.lower() in TITLES
        ):
            continue  # a district only where the model saw a place ("Khyber", a pass and a man)
        if (
            label not in ("GPE", "LOC")
            and loc.precision == "city"
            # "Chavin and Huari, two towns in Ancash": the text says what the model missed
            and not (not locative and loc.country in countries and _called_a_town(doc, ent))
        ):
            pop = _population(gaz, text, loc)
            if locative:
                # "in Tumaco": a known city
                if pop < MIN_POP_UNTAGGED:
                    continue
            elif pop < MIN_POP_RELABEL or (
                (countries or out)
                and loc.country not in countries
                and all(p.country != loc.country for p in out)
                and not _big_city_after_preposition(doc, ent, pop, loc)
            ):
                # an organisation or a person that happens to share a town's name: a town of a
                # country the article names, or of a place it named before, is kept, and so is
                # any sizeable town of an article that gives no country at all ("Jableh")
                continue
        if loc.precision == "city" and loc.country not in countries:
            # a town abroad must be a known city: "Pacific" or "Tomas" are not Missouri towns;
            # in an article that names no country, a region's seat tagged as a place may be
            # small ("near Menaka", Mali)
            # an article that names countries only by their people ("Russian forces shelled
            # Kherson") names no country of its places: the demonyms are often the attackers'
            if countries and demonyms_only is None:
                demonyms_only = _demonyms_only(doc, gaz, counts, dateline)
            floor = MIN_POP_ABROAD if countries and not demonyms_only else MIN_POP_NO_CONTEXT
            if not countries and label == "GPE" and _seat_of_region(loc):
                floor = MIN_POP_RELABEL
            if _population(gaz, text, loc) < floor:
                continue
        out.append(replace(loc, name=ent.text, evidence=ev))
        covered.update(range(ent.start, ent.end))
    # "the Syrian capital", "Peru's capital", "the capital of Qatar": the country's capital
    # "the capital" alone: of the country the story names most (twice at least), else of the
    # dateline's ("SANTIAGO -- ... bombs exploded in the capital"), else of the one it names
    lead = next((c for c in countries if counts.get(c, 0) >= 2), None)
    home = dateline if lead is None or counts.get(dateline or "", 0) >= counts[lead] else lead
    if home is None and len(countries) == 1:
        home = countries[0]  # a "CLANDESTINE" dateline, one country named
    for words, code in _capital_phrases(doc, gaz, home):
        place = gaz.capital(code)
        if place is None:
            continue
        ev = Evidence(article_id, words.start_char, words.end_char, words.text)
        out.append(location_of(place, words.text, ev))
        covered.update(range(words.start, words.end))
    # towns of several words spaCy did not tag ("in downtown Vina del Mar")
    for start, end in _untagged_runs(doc, covered, name_words):
        span = doc[start:end]
        text = span.text.rstrip(".")  # "in Vina del Mar." ("Mar." read as the month)
        loc = gaz.resolve(text, context_countries=countries)
        if (
            loc is None
            or loc.precision != "city"
            or loc.country not in countries
            or _population(gaz, text, loc) < MIN_POP_UNTAGGED
        ):
            continue
        ev = Evidence(article_id, span.start_char, span.start_char + len(text), text)
        out.append(replace(loc, name=text, evidence=ev))
        covered.update(range(start, end))
    # proper nouns spaCy did not tag at all ("Jableh" is sometimes left out)
    for tok in doccache.tokens(doc):
        if tok.pos != PROPN or tok.ent_type or tok.i in covered or not tok.is_title:
            continue
        if tok.is_sent_start or len(tok.text) < 4 or tok.text in name_words:
            continue
        if tok.i > 0 and doc[tok.i - 1].lower_.rstrip(".") in NOT_BEFORE_PLACE:
            continue
        if _street(doc, tok.i, tok.i + 1):
            continue
        loc = gaz.resolve(tok.text, context_countries=countries)
        if loc is None:
            continue
        if loc.country not in countries and not (
            loc.precision == "city"
            and _big_city_after_preposition(
                doc, doc[tok.i : tok.i + 1], _population(gaz, tok.text, loc), loc
            )
        ):
            continue
        # "Sucumbios province", "Morazan department": a region the model left untagged
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        region = (
            loc.precision in ("admin1", "admin2") and nxt is not None and nxt.lower_ in REGION_NOUNS
        )
        if not region and (
            loc.precision != "city" or _population(gaz, tok.text, loc) < MIN_POP_UNTAGGED
        ):
            continue
        ev = Evidence(article_id, tok.idx, tok.idx + len(tok.text), tok.text)
        out.append(replace(loc, name=tok.text, evidence=ev))
    out.sort(key=lambda loc: loc.evidence.start if loc.evidence else 0)
    return out
