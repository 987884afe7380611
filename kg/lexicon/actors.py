"""Who news names: known organisations (organizations.yaml), the sectors by which it names actors without a
name (sectors.yaml), countries by any of their names (countries.yaml) and peoples (peoples.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.lexicon import HERE, _load, _yaml, demonyms


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
