"""Train newskg's English pipeline from the open corpora in one command, and ship it.

    python training/train.py --data ../shared/data/nlp [--max-steps 10000] [--skip-training]

Steps: convert the corpora to DocBins (convert.py), derive the common-word
list the gazetteer needs (common_words.py), train with config.cfg, copy the
best checkpoint into kg/models/en_newskg with its licence metadata, and score
it on the held-out test sets (written to training/metrics.json).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
TARGET = ROOT / "kg" / "models" / "en_newskg"
TESTS = ("test-ewt", "test-gum", "test-re3d", "test-wikigold")


def sh(*args: str) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder with ud-ewt/, uner-ewt/, gum-ccby/, ...")
    ap.add_argument("--work", type=Path, default=HERE / "output", help="where corpora and checkpoints go")
    ap.add_argument("--max-steps", type=int, default=10000)
    ap.add_argument("--skip-training", action="store_true", help="ship and score the checkpoint already in WORK/model")
    args = ap.parse_args()
    corpus, model = args.work / "corpus", args.work / "model"
    py = sys.executable
    started = time.monotonic()
    sh(py, str(HERE / "convert.py"), str(args.data), str(corpus))
    sh(py, str(HERE / "common_words.py"), str(args.data))
    sh(py, str(HERE / "given_names.py"), str(args.data))
    if not args.skip_training:
        sh(
            py, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(model),
            "--paths.train", str(corpus / "train.spacy"), "--paths.dev", str(corpus / "dev.spacy"),
            "--vars.max_steps", str(args.max_steps),
        )  # fmt: skip
        print(f"trained in {(time.monotonic() - started) / 60:.1f} min", flush=True)
    meta_extra = json.loads((HERE / "meta.json").read_text())
    shutil.rmtree(TARGET, ignore_errors=True)
    shutil.copytree(model / "model-best", TARGET)
    meta = json.loads((TARGET / "meta.json").read_text()) | meta_extra
    (TARGET / "meta.json").write_text(json.dumps(meta, indent=2))
    metrics = {}
    for name in TESTS:
        out = args.work / f"{name}.json"
        sh(py, "-m", "spacy", "evaluate", str(TARGET), str(corpus / f"{name}.spacy"), "--output", str(out))
        metrics[name] = json.loads(out.read_text())
    (HERE / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True))
    # The shipped pipeline with newskg's rule components: held-out NER and the seeds' gold names.
    sh(py, str(HERE / "news_check.py"), str(corpus), "--out", str(HERE / "news_check.json"))
    print(f"shipped {TARGET}; held-out scores in {HERE / 'metrics.json'} and {HERE / 'news_check.json'}")


if __name__ == "__main__":
    main()
