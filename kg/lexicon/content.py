"""What was said (speech_content.yaml): the words that type a statement whose verb is neutral ("said the
strike was a war crime"), the verbs that predicate of their subject, the hostile acts a clause can report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.lexicon import _load


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
    listed = tuple(
        ContentCue(phrase=phrase, statement_type=stype, category=category)
        for stype, categories in data["cues"].items()
        for category, phrases in categories.items()
        for phrase in phrases
    )
    known = {cue.phrase for cue in listed}
    return listed + tuple(ContentCue(p, "Accusation", "authorship") for p in _authorship() if p not in known)


def _authorship() -> list[str]:
    """ "Moscow was behind the raids", "responsible for the shelling": naming who did an act of any kind the
    attack lexicon knows is an accusation (speech_content.yaml lists the commonest; these are the rest)."""
    from kg.lexicon import lexicon  # the lexicon package imports this module

    nouns = {n for n in lexicon().attack_nouns if " " not in n}
    forms = sorted(nouns | {n + "s" for n in nouns})
    return [
        f"{lead} {det} {noun}"
        for lead in ("behind", "responsible for")
        for det in ("the", "these", "this")
        for noun in forms
    ]


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
