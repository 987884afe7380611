"""Convert the open treebanks and NER corpora into spaCy DocBins.

One converter for every source so that all corpora share one label scheme:
UD dependencies and PTB tags from the treebanks, and PER / ORG / LOC entities
from every NER source (other entity types become "O", since the project only
uses these three). Docs from NER-only corpora leave tags, lemmas and
dependencies empty, which spaCy treats as missing rather than wrong.

Usage: python training/convert.py DATA_DIR OUT_DIR
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

SENTS_PER_DOC = 10
NER_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "Person": "PER",
    "ORG": "ORG",
    "Organisation": "ORG",
    "Organization": "ORG",
    "LOC": "LOC",
    "Location": "LOC",
    "GPE": "LOC",
}

Sentence = list[dict]  # one dict per word: form, space, tag, lemma, head, dep, ent


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Words of a CoNLL-U file; multiword-token ranges only set SpaceAfter."""
    sent: Sentence = []
    no_space_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent, no_space_until = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            start, end = (int(x) for x in cols[0].split("-"))
            if "SpaceAfter=No" in cols[9]:
                no_space_until = end
            continue
        idx = int(cols[0])
        misc = cols[9]
        ent = "O"
        for item in misc.split("|"):
            if item.startswith("NE="):
                ent = item[3:]
        space = "SpaceAfter=No" not in misc and idx != no_space_until
        sent.append(
            {
                "form": cols[1],
                "lemma": cols[2],
                "tag": cols[4],
                "head": int(cols[6]),
                "dep": cols[7] if cols[7] != "root" else "ROOT",  # keep subtypes: nmod:poss, nsubj:pass
                "space": space,
                "ent": ent,
            }
        )
    if sent:
        yield sent


def read_iob(path: Path, sep: str | None = None, col: int = -1) -> Iterator[list[tuple[str, str]]]:
    """(word, tag) sentences of a CoNLL/IOB file, skipping comment lines."""
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and "\t" not in line:
            continue
        if not line.strip() or line.startswith("-DOCSTART-"):
            if sent:
                yield sent
            sent = []
            continue
        cols = line.split(sep)
        if len(cols) < 2:
            continue
        word, tag = (cols[1], cols[2]) if sep == "\t" else (cols[0], cols[col])
        sent.append((word, tag))
    if sent:
        yield sent


def normalise_iob(tags: list[str]) -> list[str]:
    """Map labels to PER/ORG/LOC, turn IO into IOB and repair stray I- tags."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag in ("O", "B-O", "I-O") or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, label = tag.split("-", 1)
        mapped = NER_MAP.get(label)
        if mapped is None:
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev != mapped:
            prefix = "B"
        out.append(f"{prefix}-{mapped}")
        prev = mapped
    return out


def make_doc(vocab: Vocab, sents: list[Sentence], parsed: bool) -> Doc:
    words, spaces, tags, lemmas, heads, deps, ents, starts = [], [], [], [], [], [], [], []
    for sent in sents:
        offset = len(words)
        iob = normalise_iob([w["ent"] for w in sent])
        for i, w in enumerate(sent):
            words.append(w["form"])
            spaces.append(w["space"])
            tags.append(w.get("tag", ""))
            lemmas.append(w.get("lemma", ""))
            head = w.get("head", 0)
            heads.append(offset + head - 1 if head else offset + i)
            deps.append(w.get("dep", ""))
            ents.append(iob[i])
            starts.append(i == 0)
        if not spaces[-1]:
            spaces[-1] = True
    kwargs: dict = {"words": words, "spaces": spaces, "ents": ents}
    if parsed:
        kwargs.update(tags=tags, lemmas=lemmas, heads=heads, deps=deps)
    else:
        kwargs["sent_starts"] = starts
    return Doc(vocab, **kwargs)


def chunk(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def iob_as_sentences(sents: Iterable[list[tuple[str, str]]]) -> list[Sentence]:
    return [[{"form": w, "ent": t, "space": True} for w, t in s] for s in sents]


def write_list(name: str, header: str, words: list[str]) -> None:
    """Write a derived word list into kg/lexicon/ (one word per line, a provenance comment first)."""
    out = Path(__file__).parent.parent / "kg" / "lexicon" / name
    out.write_text(f"# {header}: see training/README.md\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{out}: {len(words)} entries")


def write(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"{path}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens")


def treebank_with_uner(data: Path, split: str) -> list[Sentence]:
    """EWT words and trees with the Universal NER labels of the same sentences."""
    sents = list(read_conllu(data / f"ud-ewt/en_ewt-ud-{split}.conllu"))
    uner = list(read_iob(data / f"uner-ewt/en_ewt-ud-{split}.iob2", sep="\t"))
    by_words = {tuple(w for w, _ in s): [t for _, t in s] for s in uner}
    matched = 0
    for sent in sents:
        tags = by_words.get(tuple(w["form"] for w in sent))
        if tags is not None:
            matched += 1
            for w, t in zip(sent, tags, strict=True):
                w["ent"] = t
    print(f"EWT {split}: {matched}/{len(sents)} sentences aligned with UNER")
    return sents


def main(data: Path, out: Path) -> None:
    vocab = Vocab()
    rng = random.Random(13)

    def docs_of(sents: list[Sentence], parsed: bool) -> list[Doc]:
        return [make_doc(vocab, c, parsed) for c in chunk(sents, SENTS_PER_DOC)]

    splits: dict[str, list[Doc]] = {"train": [], "dev": []}
    for split in ("train", "dev", "test"):
        docs = docs_of(treebank_with_uner(data, split), parsed=True)
        if split == "test":
            write(docs, out / "test-ewt.spacy")
        else:
            splits[split] += docs
    gum = {s: list(read_conllu(data / f"gum-ccby/gum-ccby-{s}.conllu")) for s in ("train", "dev", "test")}
    splits["train"] += docs_of(gum["train"], parsed=True)
    write(docs_of(gum["dev"], parsed=True), out / "dev-gum.spacy")
    write(docs_of(gum["test"], parsed=True), out / "test-gum.spacy")

    # NER-only corpora: whole documents go to one split (70/15/15), never sentences.
    re3d_files = sorted((data / "re3d").glob("*/*.conll"))
    rng.shuffle(re3d_files)
    n = len(re3d_files)
    re3d_parts = {
        "train": re3d_files[: int(n * 0.7)],
        "dev": re3d_files[int(n * 0.7) : int(n * 0.85)],
        "test": re3d_files[int(n * 0.85) :],
    }
    for split, files in re3d_parts.items():
        sents = iob_as_sentences(s for f in files for s in read_iob(f, col=-1))
        docs = docs_of(sents, parsed=False)
        if split == "train":
            splits["train"] += docs * 2  # small but in-domain: seen twice per epoch
        elif split == "dev":
            splits["dev"] += docs
        if split != "train":
            write(docs, out / f"{split}-re3d.spacy")
    wiki = iob_as_sentences(read_iob(data / "wikigold/wikigold.conll.txt", sep=" ", col=-1))
    cut1, cut2 = int(len(wiki) * 0.8), int(len(wiki) * 0.9)
    splits["train"] += docs_of(wiki[:cut1], parsed=False)
    write(docs_of(wiki[cut2:], parsed=False), out / "test-wikigold.spacy")
    splits["dev"] += docs_of(wiki[cut1:cut2], parsed=False)

    rng.shuffle(splits["train"])
    write(splits["train"], out / "train.spacy")
    write(splits["dev"], out / "dev.spacy")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
