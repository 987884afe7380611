"""General domain knowledge, loaded from the YAML files beside this module.

The lexicons hold English words (verbs of condemning, attack nouns, titles,
number words), never names or answers for particular articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

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
    past_cues: tuple[str, ...]  # "last month", "previously": an attack before this report's news
    habitual_cues: tuple[str, ...]  # "the clans have long been at war": a state of things, not an event
    unexploded_verbs: frozenset[str]
    accident_causes: frozenset[str]
    equipment: frozenset[str]
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
    outlet_words: frozenset[str]  # "Radio Okapi", "Sky News": a news outlet's name
    members: frozenset[str]  # "members of X", "fighters from X": some of X's people, acting for X
    bodies: frozenset[str]  # singular nouns of one many-member body: "a rebel group" names an actor
    place_sides: frozenset[str]
    collectives: frozenset[str]
    newsroom_words: frozenset[str]

    @cached_property
    def titles(self) -> frozenset[str]:
        return self.military_titles | self.civilian_titles  # made once: asked for at every name

    @cached_property
    def max_attack_words(self) -> int:
        return max(len(term.split()) for term in self.attack_nouns)


def endings(phrases: Iterable[str]) -> frozenset[str]:
    """Every ending of every phrase: one printed before a word ends with that word's previous token,
    however the tokenizer cut it, so a token not in here rules the phrases out before any tokens are
    joined to look them up."""
    return frozenset(p[k:] for p in phrases for k in range(len(p)))


@cache
def title_endings() -> frozenset[str]:
    """``endings`` of the titles (lower case)."""
    return endings(lexicon().titles)


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
        habitual_cues=tuple(at["habitual_cues"]),
        past_cues=tuple(at["past_cues"]),
        unexploded_verbs=frozenset(at["unexploded_verbs"]),
        accident_causes=frozenset(at["accident_causes"]),
        equipment=frozenset(at["equipment"]),
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
        bodies=frozenset(he["bodies"]),
        members=frozenset(he["members"]),
        outlet_words=frozenset(he["outlet_words"]),
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


# -- Sectors (kg/lexicon/sectors.yaml): the roles by which news names an actor without a name.


# -- Countries (kg/lexicon/countries.yaml) and peoples (kg/lexicon/peoples.yaml).


@cache
def name_variation() -> dict:
    """Transliteration knowledge (kg/lexicon/names.yaml): particles, letter correspondences, vowels."""
    data = _yaml((HERE / "names.yaml").read_text(encoding="utf-8"))
    data["particles"] = frozenset(data["particles"])
    data["correspondences"] = sorted(data["correspondences"].items(), key=lambda kv: -len(kv[0]))
    return data


# -- What was said (kg/lexicon/speech_content.yaml): words that type a statement whose verb is neutral.


# The tables by subject; importable from kg.lexicon as before.
from kg.lexicon.actors import (  # noqa: E402 - they read the loaders above
    Country,
    KnownOrganization,
    People,
    Sector,
    acting_nouns,
    actor_label,
    capital_countries,
    countries,
    country_adjectives,
    country_names,
    country_of,
    country_phrase,
    known_organizations,
    max_sector_words,
    organization,
    organizations,
    peoples,
    sector_nouns,
    sector_of,
    sectors,
    victim_nouns,
)
from kg.lexicon.content import (  # noqa: E402 - they read the loaders above
    ContentCue,
    content_cue,
    content_patterns,
    hostile_verbs,
    predicating_verbs,
    self_nouns,
    speech_content,
)
from kg.lexicon.gazetteer import (  # noqa: E402 - they read the loaders above
    COUNTRY_NAMES,
    big_cities,
    capitals,
    place_ids,
    places,
)

__all__ = [
    "CALENDAR",
    "COUNTRY_NAMES",
    "ContentCue",
    "Country",
    "HERE",
    "KnownOrganization",
    "Lexicon",
    "MIN_CITY_POPULATION",
    "People",
    "Sector",
    "acting_nouns",
    "actor_label",
    "big_cities",
    "capital_countries",
    "capitals",
    "common_words",
    "content_cue",
    "content_patterns",
    "countries",
    "country_adjectives",
    "country_names",
    "country_of",
    "country_phrase",
    "demonyms",
    "endings",
    "given_names",
    "hostile_verbs",
    "known_lemmas",
    "known_organizations",
    "lexicon",
    "max_sector_words",
    "name_variation",
    "organization",
    "organizations",
    "peoples",
    "place_ids",
    "places",
    "predicating_verbs",
    "sector_nouns",
    "sector_of",
    "sectors",
    "self_nouns",
    "speech_content",
    "title_endings",
    "victim_nouns",
]
