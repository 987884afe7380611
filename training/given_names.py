"""Write kg/lexicon/given_names.txt: first words of multi-word person names in the NER corpora.

The entity rules use it to tell a person's name the statistical model tagged as a
place ("Ali Al-Za'tari" as LOC) from a real place: a name beginning with a known
given name, with no place head word and unknown to the gazetteer, is a person.
Only the training corpora's own annotation is used (their licences: training/README.md).
Usage: python training/given_names.py DATA_DIR
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from convert import normalise_iob, read_conllu, read_iob, write_list  # noqa: E402

data = Path(sys.argv[1])
first: Counter[str] = Counter()
other: Counter[str] = Counter()


def collect(words: list[str], tags: list[str]) -> None:
    tags = normalise_iob(tags)
    for i, (word, tag) in enumerate(zip(words, tags, strict=True)):
        if not tag.startswith("B-"):
            continue
        length = 1
        while i + length < len(tags) and tags[i + length] == "I-" + tag[2:]:
            length += 1
        if word.isalpha() and word[:1].isupper() and not word.isupper():
            (first if tag == "B-PER" and length > 1 else other)[word] += 1


for split in ("train", "dev"):
    for sent in read_iob(data / f"uner-ewt/en_ewt-ud-{split}.iob2", sep="\t"):
        collect([w for w, _ in sent], [t for _, t in sent])
for split in ("train", "dev"):
    for sent in read_conllu(data / f"gum-ccby/gum-ccby-{split}.conllu"):
        collect([w["form"] for w in sent], [w["ent"] for w in sent])
for f in sorted((data / "re3d").glob("*/*.conll")):
    for sent in read_iob(f, col=-1):
        collect([w for w, _ in sent], [t for _, t in sent])
for sent in read_iob(data / "wikigold/wikigold.conll.txt", sep=" ", col=-1):
    collect([w for w, _ in sent], [t for _, t in sent])

names = sorted(w for w, n in first.items() if n > other[w])
write_list("given_names.txt", "First words of person names in UNER EWT, GUM, re3d and wikigold", names)
