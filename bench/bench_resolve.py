"""Alias resolution cost as the number of distinct names grows (blocking keeps it near-linear).

    python bench/bench_resolve.py [--sizes 10000,30000,100000]

Synthesises person names (given name × surname, with romanisation variants: vowels, doubled
letters, q/g/k, dh/d, al- particles, surname-only mentions) and organisation names, spreads them
over articles of 100 mentions, and times kg.resolve.resolve on each size in the same run, with
the process's peak resident memory. Prints seconds per 1,000 names against the smallest size.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from kg.records import Article, Extraction, Mention, Sentence
from kg.resolve import resolve

SYLLABLES = ["ka", "ha", "ma", "sa", "ra", "la", "na", "ta", "da", "ba", "fa", "za", "qa", "ya", "wa", "ja",
             "mi", "ri", "li", "di", "si", "ni", "mu", "ru", "lu", "bu", "du", "hu"]  # fmt: skip


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def variant(rng: random.Random, name: str) -> str:
    """A romanisation variant: one vowel changed, a letter doubled, or q/g, d/dh swapped."""
    choice = rng.randrange(4)
    if choice == 0:
        i = rng.choice([i for i, c in enumerate(name) if c in "aiu"] or [0])
        return name[:i] + rng.choice("aeiou") + name[i + 1 :]
    if choice == 1:
        i = rng.randrange(1, len(name))
        return name[:i] + name[i] + name[i:]
    if choice == 2:
        return name.replace("q", "g", 1).replace("Q", "G", 1)
    return name.replace("d", "dh", 1)


def names(n: int, seed: int = 1) -> list[tuple[str, str]]:
    """About ``n`` distinct (name, kind) pairs."""
    rng = random.Random(seed)
    given = [word(rng, 2) for _ in range(400)]
    surnames = [word(rng, 3) for _ in range(max(1000, n // 4))]
    out: set[tuple[str, str]] = set()
    while len(out) < n:
        g, s = rng.choice(given), rng.choice(surnames)
        full = f"{g} {'al-' if rng.random() < 0.3 else ''}{s}"
        out.add((full, "Person"))
        r = rng.random()
        if r < 0.3:
            out.add((f"{g} {variant(rng, s)}", "Person"))
        elif r < 0.4:
            out.add((s, "Person"))
        elif r < 0.5:
            out.add((f"{s} {rng.choice(['Brigade', 'Council', 'Front', 'Army'])}", "Organization"))
    return sorted(out)[:n]


def extractions(items: list[tuple[str, str]]) -> list[Extraction]:
    out = []
    for start in range(0, len(items), 100):
        mentions, offset = [], 0
        for text, kind in items[start : start + 100]:
            s = Sentence(offset, offset + len(text), text)
            mentions.append(Mention(text, kind, offset, offset + len(text), s))
            offset += len(text) + 1
        aid = f"a{start // 100:06d}"
        out.append(Extraction(Article(aid, "", aid), (), tuple(mentions)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,30000,100000")
    args = ap.parse_args()
    resolve(extractions(names(200)))  # warm the gazetteers' caches
    base = None
    for n in (int(s) for s in args.sizes.split(",")):
        exs = extractions(names(n))
        t = time.perf_counter()
        res = resolve(exs)
        seconds = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        per_k = seconds / n * 1000
        base = base or per_k
        merged = sum(1 for m in res.merges if m.rule in ("transliteration", "surname"))
        print(
            f"{n:7,d} names → {len(res.entities):7,d} nodes ({merged:6,d} variant merges): {seconds:6.2f} s, "
            f"{per_k * 1000:6.1f} ms per 1,000 names ({per_k / base:4.2f}× the smallest), peak RSS {peak:6.0f} MB"
        )


if __name__ == "__main__":
    main()
