"""Name keys: how a printed name is folded into the key the resolver compares, and the cannot-links
that keep two keys apart whatever joins them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from rapidfuzz.distance import JaroWinkler

from kg.cache import disk_cached
from kg.lexicon import (
    lexicon,
    name_variation,
    organizations,
    place_ids,
)

PREFIX = {
    "Person": "person",
    "Organization": "organization",
    "Location": "location",
    "Group": "group",
    "Operation": "operation",
}


def slug(text: str) -> str:
    """ASCII, lower case, hyphen-separated: the stable tail of an IRI."""
    text = re.sub(r"[’']s\b", "", text)
    text = unicodedata.normalize("NFKD", text.replace("’", "").replace("'", ""))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def strip_titles(name: str) -> str:
    """Drop leading titles and ranks ("Field Marshal Khalifa Haftar" → "Khalifa Haftar")."""
    titles = lexicon().titles
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for width in (3, 2, 1):
            if len(words) > width and " ".join(words[:width]).lower() in titles:
                words = words[width:]
                changed = True
                break
    return " ".join(words)


@lru_cache(maxsize=1 << 18)
def normalise(name: str) -> str:
    """The key under which spelling variants of one name meet."""
    name = unicodedata.normalize("NFKC", name).replace("\u00a0", " ")
    name = re.sub(r"[’']s\b", "", name)
    name = re.sub(r"^(the|The)\s+", "", name.strip(" \"“”'’"))
    return slug(strip_titles(name))


def tokens(key: str) -> list[str]:
    """A normalised name's words without article particles ("al-masmari" → ["masmari"])."""
    particles = name_variation()["particles"]
    words = [w for w in key.split("-") if w]
    kept = [w for w in words if w not in particles]
    return kept or words


def skeleton(word: str) -> str:
    """A word's consonant skeleton after folding letter groups that romanise one sound.

    "haftar"/"hafter" → "hftr"; "gadhafi"/"qaddafi"/"gaddafi" → "kdf"; "maetig"/"maiteeq" → "mtk".
    """
    nv = name_variation()
    word = re.sub(r"(?<=[aeiou])h$", "", word)  # a final -ah is -a ("Darnah", "Derna")
    for group, sound in nv["correspondences"]:
        word = word.replace(group, sound)
    word = "".join(ch for ch in word if ch not in nv["vowels"])
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1 << 18)
def sound_key(key: str) -> str:
    """The blocking key of a normalised name: its words' skeletons. Short words stay spelled out."""
    short = name_variation()["min_letters"]
    return " ".join(skeleton(w) if len(w) >= short else f"={w}" for w in tokens(key))


def similar(a: str, b: str) -> float:
    """How alike two normalised names with the same sound key are: the weakest word pair's Jaro-Winkler."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) != len(tb):
        return 0.0
    return min(JaroWinkler.similarity(x, y) for x, y in zip(ta, tb, strict=True))


@disk_cached
def place_keys() -> dict[str, frozenset[str]]:
    """Normalised place name → GeoNames ids, computed once per process (58,000 names)."""
    ids: dict[str, frozenset[str]] = {}
    for name, found in place_ids().items():
        ids[normalise(name)] = ids.get(normalise(name), frozenset()) | found
    return ids


def different_people(a: Iterable[str], b: Iterable[str]) -> bool:
    """Cannot-link: two full names with one surname but different given names ("Fayez al-Sarraj",
    "Ahmed al-Sarraj") are two people, whatever joins them."""
    threshold = name_variation()["min_similarity"]
    full_a = [t for t in (tokens(k.split(":", 1)[-1]) for k in a) if len(t) > 1]
    full_b = [t for t in (tokens(k.split(":", 1)[-1]) for k in b) if len(t) > 1]
    for ta in full_a:
        for tb in full_b:
            same_surname = sound_key(ta[-1]) == sound_key(tb[-1])
            if same_surname and JaroWinkler.similarity(ta[0], tb[0]) < threshold:
                return True
    return False


def different_bodies(a: Iterable[str], b: Iterable[str]) -> bool:
    """Cannot-link: two bodies the gazetteer knows apart ("Arakan Army", "Arakan Rohingya Salvation Army")."""
    known = _known_keys()
    in_a = {known[k] for k in a if k in known}
    return bool(in_a) and bool({known[k] for k in b if k in known} - in_a)


@cache
def _known_keys() -> dict[str, str]:
    """Organisation key of every gazetteer name → its body's canonical name."""
    return {f"Organization:{normalise(form)}": name for form, name in organizations().items()}


def org_words(name: str) -> tuple[str, list[str]]:
    """An organisation name's head word (the last before "of"/"in"/"for") and its content words."""
    words = name.split("-")
    preps = ("of", "in", "for", "on")
    cut = next((i for i, w in enumerate(words) if w in preps and i > 0), len(words))
    return words[cut - 1], [w for w in words if w not in (*preps, "the", "and")]


def org_key(name: str) -> str:
    """An organisation's key without a generic last word: "islamic-state-group" → "islamic-state"."""
    words = name.split("-")
    if len(words) > 1 and words[-1] in name_variation()["org_generic_suffixes"]:
        return "-".join(words[:-1])
    return name


def without_unit(name: str) -> str:
    """A place name without the lower-case unit printed after it: "Abu Salim district" → "Abu Salim"."""
    rest, _, unit = name.rpartition(" ")
    return rest if rest and unit.islower() and unit in lexicon().loc_heads else name


def in_order(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)
