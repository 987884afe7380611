"""General domain knowledge, loaded from the YAML files beside this module.

The lexicons hold English words (verbs of condemning, attack nouns, titles,
number words), never names or answers for particular articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def _load(name: str) -> dict:
    return yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))


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
    needs_particle: frozenset[str]
    target_is_object: frozenset[str]
    channels: frozenset[str]
    attack_nouns: dict[str, str]
    attack_verbs: dict[str, str]
    launch_verbs: frozenset[str]
    weapon_words: frozenset[str]
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
    operation_words: frozenset[str]

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
        needs_particle=frozenset(st["needs_particle"]),
        target_is_object=frozenset(st["target_is_object"]),
        channels=frozenset(c.lower() for c in st["channels"]),
        attack_nouns=_invert(at["nouns"]),
        attack_verbs=_invert(at["verbs"]),
        launch_verbs=frozenset(at["launch_verbs"]),
        weapon_words=frozenset(at["weapon_words"]),
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
        operation_words=frozenset(he["operation"]),
    )
