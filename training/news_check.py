"""Score the shipped pipeline as newskg runs it: statistical NER plus the rule components.

1. Held-out NER (the test DocBins written by convert.py): P/R/F per label of the full pipeline.
2. News names: every gold actor and location name of the seed articles (tests/data/gold) that
   occurs in its article: is it an entity span (exact boundaries), and of the gold type?

Usage: python training/news_check.py CORPUS_DIR [--out news_check.json] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from spacy.tokens import DocBin
from spacy.training import Example

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.corpus import read  # noqa: E402
from kg.nlp import load  # noqa: E402

TESTS = ("test-ewt", "test-gum", "test-re3d", "test-wikigold")
TYPE = {"Person": "PER", "Organization": "ORG", "Location": "LOC"}


def held_out(nlp, corpus: Path) -> dict:
    out = {}
    for name in TESTS:
        docs = list(DocBin().from_disk(corpus / f"{name}.spacy").get_docs(nlp.vocab))
        examples = [Example(nlp.make_doc(d.text), d) for d in docs]
        scores = nlp.evaluate(examples)
        out[name] = {
            "ents_p": round(scores["ents_p"], 3),
            "ents_r": round(scores["ents_r"], 3),
            "ents_f": round(scores["ents_f"], 3),
            "per_type": {k: {m: round(v, 3) for m, v in s.items()} for k, s in sorted(scores["ents_per_type"].items())},
        }
    return out


def readings(form: str) -> list[tuple[str, ...]]:
    """Ways a gold name can be written as entity spans. A gold form may carry what no NER convention
    puts inside a name: a leading title ("General Khalifa Haftar" is the span "Khalifa Haftar" after a
    title), a defined acronym ("Libyan National Army (LNA)" is two spans) or an owner before the name
    ("Derna’s Shura Council", "Haftar-led LNA": the owner is a name of its own, as in OntoNotes). Each
    reading is a tuple of forms that must all be found."""
    from kg.lexicon import demonyms, lexicon

    out = [(form,)]
    words = form.split()
    titles = lexicon().titles
    if len(words) > 2 and words[0] in demonyms() and words[1].lower() in titles:
        words = words[1:]  # "Libyan General ..."
    for k in (3, 2, 1):
        if len(words) > k and " ".join(words[:k]).lower() in titles:
            out.append((" ".join(words[k:]),))
            break
    acronym = re.fullmatch(r"(.+?) \((\w+)\)", form)
    if acronym:
        out.append((acronym[1], acronym[2]))
    affiliation = "backed|led|allied|aligned|affiliated|controlled|supported"
    owned = re.fullmatch(rf"([A-Z][^’']*?)(?:[’']s|-(?:{affiliation})) ([A-Z].*)", form)
    if owned:  # "Derna’s Shura Council", "Haftar-led LNA": the name, and its owner's name before it
        out.append((owned[2], owned[1]))
    return out


def gold_names(nlp, gold_dir: Path, corpus_dir: Path) -> dict:
    """Per gold name and article: found when each form of one of its readings (see ``readings``) has a
    word-bounded occurrence that is an entity span with those exact boundaries (doc.ents), or a mention
    newskg extracts (ents plus the force, group and acronym rules); typed right when that span has the
    gold type. ``as_written`` counts the gold form itself only."""
    from kg.extract import extract

    scores = {"ents": [0, 0], "mentions": [0, 0], "ents_as_written": [0, 0], "mentions_as_written": [0, 0]}
    total = 0
    missed: list[str] = []
    mistyped: list[str] = []
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        article = next(a for a in read([corpus_dir / gold["article"]]))
        doc = nlp(article.text)
        layers = {
            "ents": {(e.start_char, e.end_char): e.label_ for e in doc.ents},
            "mentions": {
                (m.begin, m.end): TYPE[m.kind]
                for m in extract(article, doc).mentions
                if not m.anaphor and m.kind in TYPE
            },
        }

        def labels(form: str, spans: dict, text: str = article.text) -> list[str]:
            spots = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)]
            return [spans[s] for s in spots if s in spans]

        items = [(i, "Location") for i in gold.get("locations", [])] + [(i, i["type"]) for i in gold["actors"]]
        for item, kind in items:
            if kind not in TYPE:
                continue
            for form in sorted({item["name"], *item.get("aliases", [])}):
                if not re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", article.text):
                    continue  # a gold form written differently in the text (quotes, spacing)
                total += 1
                for layer, spans in layers.items():
                    for name, options in ((layer, readings(form)), (f"{layer}_as_written", [(form,)])):
                        found = [[labels(part, spans) for part in reading] for reading in options]
                        found = [parts for parts in found if all(parts)]
                        if found:
                            typed = TYPE[kind] in found[0][0]  # the reading's main span carries the type
                            scores[name][0] += 1
                            scores[name][1] += typed
                            if name == "mentions" and not typed:
                                mistyped.append(f"{gold['article']}: {form} ({found[0][0][0]}, gold {TYPE[kind]})")
                        elif name == "mentions":
                            missed.append(f"{gold['article']}: {form}")
    out: dict = {"names": total}
    for layer, (found, typed) in scores.items():
        out[layer] = {
            "span_recall": round(found / total, 3) if total else 0.0,
            "type_accuracy": round(typed / found, 3) if found else 0.0,
        }
    return out | {"missed": missed, "mistyped": mistyped}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="folder with the test-*.spacy files from convert.py")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "news_check.json")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    nlp = load(args.model).nlp
    result = {
        "held_out_ner_with_rules": held_out(nlp, args.corpus),
        "seed_gold_names": gold_names(nlp, ROOT / "tests/data/gold", ROOT / "corpus"),
    }
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    names = result["seed_gold_names"]
    for name, s in result["held_out_ner_with_rules"].items():
        print(f"{name:14} NER with rules P {s['ents_p']:.3f} R {s['ents_r']:.3f} F {s['ents_f']:.3f}")
    for layer in ("ents", "mentions", "ents_as_written", "mentions_as_written"):
        s = names[layer]
        print(
            f"seed gold names ({names['names']}) as {layer}: span recall {s['span_recall']:.3f}, "
            f"type accuracy {s['type_accuracy']:.3f}"
        )


if __name__ == "__main__":
    main()
