"""The forms a node is known by: what articles print around a mention, the gazetteer's other names,
and the one chosen as its label."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.lexicon import (
    acting_nouns,
    demonyms,
    known_organizations,
    lexicon,
    name_variation,
)
from kg.records import Mention
from kg.resolve.keys import strip_titles, without_unit


def written_forms(m: Mention, text: str) -> list[str]:
    """The mention as written, a place's name without its unit, and the longer forms printed around it:
    with its military rank ("Field Marshal Khalifa Haftar"; offices go to kgo:role instead) and with the
    acronym the text defines ("Libyan National Army (LNA)")."""
    out = [m.text]
    if m.kind == "Location" and without_unit(m.text) != m.text:
        out.append(without_unit(m.text))  # "Abu Salim" in "the Abu Salim district": the place's name
    rank = _rank_before(text, m.begin)
    if rank is not None:  # "General Khalifa Haftar", "General Khalifa Haftar’s forces"
        out.append(text[rank : m.end])
    if m.acronym:
        after = re.match(r"\s*\(\s*" + re.escape(m.acronym) + r"\s*\)", text[m.end : m.end + len(m.acronym) + 8])
        if after:
            out.append(text[m.begin : m.end + after.end()])
    return out


AFFILIATED = re.compile(
    r"((?:[A-Z][\w’'.]*\s+)*[A-Z][\w’'.]*)-(?:led|backed|allied|aligned|affiliated|sponsored|supported)\s+$"
)


def _rank_before(text: str, begin: int) -> int | None:
    """Where a military rank printed right before ``begin`` starts ("General Khalifa Haftar’s forces")."""
    window = text[max(0, begin - 40) : begin]
    if not window.endswith(" "):
        return None  # a rank is a phrase ending in a space right before the name
    last = window.split()  # the words r"\S+" finds, without a regex: most mentions stop here
    if not last or last[-1].lower() not in _rank_ends():
        return None  # (called for every mention, twice: most have no rank before them)
    words = list(re.finditer(r"\S+", window))
    base = max(0, begin - 40)
    for width in (3, 2, 1):
        if len(words) >= width and text[base + words[-width].start() : begin].endswith(" "):
            phrase = " ".join(w.group() for w in words[-width:])
            if phrase.lower() in lexicon().military_titles and phrase[:1].isupper():
                return base + words[-width].start()
    return None


@cache
def _rank_ends() -> frozenset[str]:
    """The last word of each military rank ("marshal" of "field marshal")."""
    return frozenset(title.split(" ")[-1] for title in lexicon().military_titles)


def printed_variants(m: Mention, text: str) -> list[str]:
    """Longer or shorter forms the article prints around a mention, kept as skos:altLabel but never a
    canonical label: a nationality before a rank ("Libyan General Khalifa Haftar"), an affiliation prefix
    ("the Haftar-led LNA", "United Nations-backed Government of National Accord"), an organisation's own
    forces ("LNA forces")."""
    out: list[str] = []
    rank = _rank_before(text, m.begin)
    if rank is not None:
        before = text[max(0, rank - 30) : rank]
        for width in (2, 1):
            nation = " ".join(before.split()[-width:])
            if len(before.split()) >= width and before.endswith(" ") and nation in demonyms():
                out.append(f"{nation} {text[rank : m.end]}")
                break
    if m.kind == "Organization" and not m.leader:
        window = max(0, m.begin - 60)
        affiliated = AFFILIATED.search(text[window : m.begin])
        if affiliated:
            start = window + affiliated.start(1)
            start += len(re.match(r"(?:(?:The|A|An)\s+)?", text[start : m.begin]).group())  # "The Burhan-led SAF"
            out.append(text[start : m.end])
        force = re.match(r"\s+([a-z]+)(\s+[a-z]+)?", text[m.end : m.end + 30])
        if force and force.group(2) and f"{force.group(1)}{force.group(2)}" in acting_nouns():
            out.append(text[m.begin : m.end + force.end()])  # "M23 rebel group"
        elif force and (force.group(1) in lexicon().force_nouns or force.group(1) in acting_nouns()):
            out.append(text[m.begin : m.end + force.end(1)])  # "LNA forces", "ADF rebels"
    return out


def label_variants(label: str) -> set[str]:
    """Other names of a node's label: a known body's gazetteer names, and each spelled out ("UN Mission in
    South Sudan" → "United Nations Mission in South Sudan") or in the other English ("Ministry of Defence" →
    "Ministry of Defense")."""
    body = known_organizations().get(label)
    names = {label, *(body.aliases if body else ())}
    variation = name_variation()
    short = variation["abbreviations"]
    spellings = {**variation["spellings"], **{b: a for a, b in variation["spellings"].items()}}
    out = set(names)
    for name in names:
        first, _, rest = name.partition(" ")
        if first in short and rest:
            out.add(f"{short[first]} {rest}")
        out.add(" ".join(spellings.get(w, w) for w in name.split()))
    return out - {label}


def form_of(key: str, forms: dict[str, Counter[str]]) -> str:
    counter = forms.get(key)
    return counter.most_common(1)[0][0] if counter else key.split(":", 1)[-1]


def canonical(surface: Counter[str]) -> str | None:
    """The fullest common form: most words (titles and possessives aside), then most frequent, then A–Z."""
    plain = [
        f for f in surface if strip_titles(f) == f and without_unit(f) == f and not re.search(r"[’']s\b|\(", f)
    ] or list(surface)
    if not plain:
        return None
    return sorted(plain, key=lambda f: (-len(f.split()), -surface[f], f))[0]
