"""Build a folder of adversarial inputs and check that `kg build` survives it.

    python bench/fuzz_inputs.py [--words 50000] [--keep DIR]

Writes good inputs (an ordinary article, mixed scripts, control characters, deeply nested quotes,
one sentence of --words words, UTF-16 text, an HTML page, good JSON Lines records) beside bad
ones (empty, blank, binary, too big, not UTF-8, UTF-16 without a BOM, malformed JSON Lines of
every kind), runs `kg build` on the folder and checks: the exit status is the documented 3 (some
inputs failed), every bad input is named in report.json with a reason, every good article is in
the graph. Prints what it found and exits 1 if any check fails. tests/test_fuzz.py runs it small.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = (
    "Fighting near Derna\n\n"
    "Forces loyal to Khalifa Haftar shelled Derna on Monday, killing three civilians, witnesses said. "
    "The United Nations condemned the attack.\n"
)
WORDS = "the army said that forces loyal to Haftar attacked the town of Derna and killed civilians".split()  # noqa: SIM905


def adversarial(folder: Path, words: int = 50_000, seed: int = 7) -> tuple[set[str], set[str]]:
    """Write the inputs into ``folder``; returns (ids of the good articles, names of the bad inputs
    as report.json names them: a file name, or file:line for a JSON Lines record)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    good = {
        "ordinary.txt": ARTICLE,
        "mixed_scripts.txt": "Derna دَرْنَة Дерна 德尔纳 🇱🇾\n\n"
        "Khalifa Haftar (خليفة حفتر) shelled Дерна — 三 civilians.\n",
        "control_chars.txt": "Control\x07 characters\n\n"
        "Forces\x01 shelled\x1b[31m Derna\x0b on\x0c Monday\x7f.\u200b\ufeff\n",
        "nested_quotes.txt": "Quotes\n\n" + "He said “she said ‘" * 300 + "Derna was shelled" + "’ ”" * 300 + ".\n",
        "long_sentence.txt": "Derna\n\n" + " ".join(rng.choice(WORDS) for _ in range(words)) + ".\n",
        "page.html": "<!DOCTYPE html><html><head><title>Derna</title><script>x()</script></head><body>"
        "<nav>Home</nav><p>Forces loyal to Khalifa Haftar shelled Derna on Monday.</p></body></html>",
    }
    for name, text in good.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    good_ids = set(good) | {"utf16.txt"}

    bad = {"empty.txt": b"", "blank.txt": b" \n\t\n", "binary.txt": bytes(rng.randrange(256) for _ in range(4096))}
    bad["binary.txt"] = b"\x00" + bad["binary.txt"]
    bad["huge.txt"] = ("word " * 250_000).encode()  # over the 1,000,000 characters one article may have
    bad["latin1.txt"] = "Frappes à Derna: l'armée a bombardé la ville.\n".encode("cp1252")
    bad["utf16_nobom.txt"] = ARTICLE.encode("utf-16-le")
    bad["bad_utf8.jsonl"] = b'{"id": "x", "text": "caf\xe9"}\n'
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    bad_names = set(bad)

    record = {"title": "Derna", "text": ARTICLE}
    lines = [
        json.dumps({"id": "rec-good", **record}),  # 1 good
        '{"id": "cut", "text": "Forces shel',  # 2 truncated
        "[1, 2, 3]",  # 3 an array
        "42",  # 4 a number
        '"just a string"',  # 5 a string
        "null",  # 6 null
        json.dumps({"id": "no-text", "title": "x"}),  # 7 no text
        json.dumps({"id": "num-text", "text": 12}),  # 8 text a number
        json.dumps({"id": "list-text", "text": ["a", "b"]}),  # 9 text a list
        json.dumps({"id": "empty-text", "text": ""}),  # 10 empty text
        "[" * 100_000 + "]" * 100_000,  # 11 nested too deeply for the JSON parser
        json.dumps({"id": "rec-good", **record}),  # 12 duplicate id
        "{'id': 'single-quotes', 'text': 'x'}",  # 13 not JSON
        '{"id": "nan", "text": NaN}',  # 14 NaN text
        json.dumps({"id": ["odd", "id"], **record}),  # 15 good: the id is replaced, with a warning
        json.dumps({"id": "bad-fields", "url": 7, "published": "2018-13-45", "title": {"a": 1}, "text": ARTICLE}),
        "\x00\x01 garbage",  # 17
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good_ids |= {"rec-good", "feed-15", "bad-fields"}
    bad_names |= {f"feed.jsonl:{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 17)}
    bad_names |= {"feed.jsonl (record empty-text)", "feed.jsonl"}  # empty text; the duplicate id
    return good_ids, bad_names


def check(folder: Path, out: Path, good_ids: set[str], bad_names: set[str]) -> list[str]:
    """Run `kg build` on ``folder``; the list of what went wrong (empty: all well)."""
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent)),
    )
    errors = []
    if proc.returncode != 3:
        errors.append(f"exit status {proc.returncode}, documented: 3 (some inputs failed)\n{proc.stderr[-3000:]}")
    if not (out / "report.json").exists():
        return [*errors, "no report.json written"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    named = {Path(f["path"]).name: f["reason"] for f in report["failed"]}
    for name in sorted(bad_names - set(named)):
        errors.append(f"bad input {name} not named in report.json (failed: {sorted(named)})")
    for name in sorted(set(named) - bad_names):
        errors.append(f"input {name} reported as failed: {named[name]}")
    errors += [f"{name} reported without a reason" for name, reason in named.items() if not reason]
    missing = good_ids - set(report["articles"])
    errors += [f"good article {i} not built" for i in sorted(missing)]
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    errors += [f"good article {i} has no graph" for i in sorted(good_ids - missing) if f"/{_stem(i)}>" not in trig]
    errors += [f"an extractor failed: {p}" for p in report["problems"]]
    print(f"kg build: exit {proc.returncode} in {time.monotonic() - start:.0f} s; {len(report['articles'])} built, "
          f"{len(named)} failed, {len(report['warnings'])} warnings")  # fmt: skip
    return errors


def _stem(article_id: str) -> str:
    from kg.graph import Minter

    return Minter.article_path(article_id)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=50_000, help="words in the one-sentence article")
    ap.add_argument("--keep", type=Path, help="write the inputs and the build here instead of a temporary folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        good, bad = adversarial(base / "inputs", args.words)
        errors = check(base / "inputs", base / "out", good, bad)
    for e in errors:
        print("FAIL:", e)
    print("all checks passed" if not errors else f"{len(errors)} checks failed")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
