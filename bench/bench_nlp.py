"""Words per second of newskg's pipeline with nlp.pipe: one process, two processes, rules on and off.

    python bench/bench_nlp.py [--copies 40] [--batch-size 16]

The baseline is the statistical pipeline as plain ``spacy.load`` gives it (thinc multiplies through
blis); every other row is newskg's ``kg.nlp.load`` (numpy's OpenBLAS, same outputs) timed on the same
texts (the bundled corpus repeated) in the same run and printed with its ratio to the baseline. Words
are whitespace-separated; tokens are spaCy's (what `spacy evaluate` counts as words).

Rows marked OPENBLAS_NUM_THREADS=1 run in a child process started with it (OpenBLAS reads it only
before numpy is imported): one thread per process, so one process uses one core, and two processes
do not share two cores among four BLAS threads.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import spacy

from kg.corpus import read
from kg.nlp import DEFAULT_MODEL, load
from kg.records import Article

RULES = ("newskg_pos", "newskg_newlines", "newskg_entities", "newskg_lemmas")


def timed(nlp, texts: list[str], batch_size: int, n_process: int = 1, disable: tuple[str, ...] = ()) -> float:
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process, disable=list(disable)):
        pass
    return time.perf_counter() - t


def one_thread(args: argparse.Namespace, n_process: int) -> float:
    """Seconds of the rules row in a child process whose OpenBLAS runs one thread."""
    child = subprocess.run(
        [sys.executable, __file__, "--copies", str(args.copies), "--batch-size", str(args.batch_size),
         "--child", str(n_process)],
        env=os.environ | {"OPENBLAS_NUM_THREADS": "1"}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(child.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--child", type=int, metavar="N_PROCESS", help="time the rules row alone and print its seconds")
    args = ap.parse_args()
    nlp = load().nlp
    base = [a.text for a in read([Path(__file__).parent.parent / "corpus"]) if isinstance(a, Article)]
    texts = base * args.copies
    timed(nlp, base, args.batch_size)  # warm up
    if args.child:
        print(timed(nlp, texts, args.batch_size, n_process=args.child))
        return
    words = sum(len(t.split()) for t in texts)
    tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))  # spaCy's own "words" in its speed figures
    plain = spacy.load(DEFAULT_MODEL)
    timed(plain, base, args.batch_size)
    rules = tuple(p for p in RULES if p in nlp.pipe_names)
    rows = [
        ("spacy.load (blis), statistical, 1 process", timed(plain, texts, args.batch_size)),
        ("statistical only, 1 process", timed(nlp, texts, args.batch_size, disable=rules)),
        ("with rule components, 1 process", timed(nlp, texts, args.batch_size)),
        ("with rule components, 2 processes", timed(nlp, texts, args.batch_size, n_process=2)),
        ("rules, 1 process, OPENBLAS_NUM_THREADS=1", one_thread(args, 1)),
        ("rules, 2 processes, OPENBLAS_NUM_THREADS=1", one_thread(args, 2)),
    ]
    print(f"{len(texts)} articles, {words} words ({tokens} spaCy tokens), batch size {args.batch_size}")
    baseline = rows[0][1]
    for name, seconds in rows:
        print(
            f"{name:44} {seconds:6.2f} s {words / seconds:7.0f} words/s {tokens / seconds:7.0f} tokens/s "
            f"{baseline / seconds:5.2f}× baseline speed"
        )


if __name__ == "__main__":
    main()
