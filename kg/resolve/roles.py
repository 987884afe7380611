"""Actors named by role ("Nigerian troops", "Houthi rebels", "gunmen"): their keys, and the known body
a state's or people's sector stands for."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from kg.lexicon import (
    acting_nouns,
    countries,
    known_organizations,
    lexicon,
    peoples,
)
from kg.records import Mention
from kg.resolve.keys import normalise


def group_key(m: Mention) -> tuple[str, str]:
    """One node per collective noun and place across the corpus: "Derna residents" and "residents in the
    city of Derna" are "residents of Derna"."""
    collectives = lexicon().collectives
    noun = next((w for w in re.findall(r"\w+", m.text.lower()) if w in collectives), m.text.lower())
    place = m.place or ""
    return f"Group:{noun}-of-{normalise(place)}", f"{noun} of {place}"


def role_key(m: Mention, article: str) -> tuple[str, str]:
    """The kind and key of an actor named by role: a state's or people's sector ("Organization:@nigeria@military"),
    a capital acting for its state (the state's place key), or a sector with no state, its article's own."""
    if m.sector and m.country:
        sector = m.sector
        if m.country not in countries() and sector in ROLE_SECTORS_NONSTATE:
            sector = "armed"  # a people's "rebels", "militants", "fighters": news varies the word, not the group
        return "Organization", f"Organization:@{normalise(m.country)}@{sector}"
    if m.country:
        return "Location", f"Location:{normalise(m.country)}"
    qualifier = _qualifier(m.text)  # "a Buddhist militia" and "Muslim fighters" are two sides, not one
    return "Group", f"Group:@{article}@{m.sector}" + (f"@{qualifier}" if qualifier else "")


def _qualifier(text: str) -> str:
    """The capitalised words before a description's sector noun: the faith or creed that tells one unnamed
    group of an article from another."""
    words = re.findall(r"[\w'-]+", text)
    nouns = acting_nouns()
    width = next((w for w in range(len(words), 0, -1) if " ".join(words[-w:]).lower() in nouns), 0)
    before = words[: len(words) - width]
    return "-".join(sorted(normalise(w) for w in before if w[:1].isupper() and w.lower() not in ("the", "a", "an")))


def known_body(sector: str, state: str) -> str | None:
    """The gazetteer body an actor named by role is: a state's one army or police ("Israeli troops" are the
    Israel Defense Forces), a people's movement for its fighters ("Houthi rebels" are the Houthis)."""
    people = peoples().get(state)
    if people is not None:
        nonstate = sector in ROLE_SECTORS_NONSTATE
        return people.organization if people.organization and nonstate else None
    bodies = _bodies_by_role().get((state, sector), [])
    return bodies[0] if len(bodies) == 1 else None


# Sectors whose state has one body news means by them (its government's labels change with regimes,
# its intelligence and security services are many): the army, the police.
ROLE_SECTORS_STATE = ("military", "police")


# A people has no state's army: its "forces" are its fighters, one actor with its rebels and militants.
ROLE_SECTORS_NONSTATE = ("rebels", "militants", "militia", "separatists", "armed_group", "gunmen", "military")


@cache
def _bodies_by_role() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for body in known_organizations().values():
        if body.kind == "state" and body.country and body.sector in ROLE_SECTORS_STATE and not body.part_of:
            out[(body.country, body.sector)].append(body.name)
    return dict(out)
