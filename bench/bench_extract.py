"""How much extraction adds to spaCy's own time, and words per second.

    python bench/bench_extract.py [--copies 20]

Runs nlp.pipe alone (the baseline) and nlp.pipe + extract on the same texts
(the bundled corpus repeated), in the same process, and prints both and their ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.corpus import read
from kg.extract import extract
from kg.nlp import load
from kg.records import Article


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    nlp = load().nlp
    base = [a for a in read([Path(__file__).parent.parent / "corpus"]) if isinstance(a, Article)]
    arts = base * args.copies
    words = sum(len(a.text.split()) for a in arts)
    list(nlp.pipe([a.text for a in base]))  # warm up
    t = time.perf_counter()
    for _ in nlp.pipe([a.text for a in arts], batch_size=args.batch_size):
        pass
    spacy_s = time.perf_counter() - t
    t = time.perf_counter()
    for doc, art in nlp.pipe(((a.text, a) for a in arts), as_tuples=True, batch_size=args.batch_size):
        extract(art, doc)
    total_s = time.perf_counter() - t
    print(f"{len(arts)} articles, {words} words")
    print(f"nlp.pipe alone:      {spacy_s:7.2f} s  {words / spacy_s:8.0f} words/s")
    print(f"nlp.pipe + extract:  {total_s:7.2f} s  {words / total_s:8.0f} words/s")
    print(f"extraction adds {100 * (total_s - spacy_s) / spacy_s:.1f}% to spaCy's time")


if __name__ == "__main__":
    main()
