"""Build the spaCy pipeline: newskg's own trained model, or one the user names.

Whatever statistical model is loaded, rule components are added from the lexicons:
``newskg_newlines`` (kg.newsprint: a line break ends a sentence, since headlines and bylines have no
full stop, and a dateline is a sentence of its own) and ``newskg_entities`` (entity labels mapped to
PER/ORG/LOC, titles trimmed, kinds decided by head words, a gazetteer of countries, cities and
international organisations, a byline's authors). They hold general knowledge only.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy
import spacy
from spacy.attrs import POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UPOS
from spacy.tokens import Doc, Token
from thinc.api import NumpyOps, get_current_ops, use_ops

import kg.entities  # noqa: F401 - registers newskg_entities
import kg.newsprint  # noqa: F401 - registers newskg_newlines
from kg.lexicon import known_lemmas
from kg.nameshape import base_forms

DEFAULT_MODEL = Path(__file__).parent / "models" / "en_newskg"

# Penn Treebank tags → Universal POS, for pipelines whose tagger predicts only fine-grained tags.
TAG_MAP = {
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "NN": "NOUN",
    "NNS": "NOUN",
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "MD": "AUX",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "WRB": "ADV",
    "RP": "ADP",
    "IN": "ADP",
    "DT": "DET",
    "PDT": "DET",
    "WDT": "PRON",
    "PRP": "PRON",
    "PRP$": "PRON",
    "WP": "PRON",
    "WP$": "PRON",
    "EX": "PRON",
    "CD": "NUM",
    "CC": "CCONJ",
    "TO": "PART",
    "POS": "PART",
    "UH": "INTJ",
    "SYM": "SYM",
    "FW": "X",
    "LS": "X",
    "ADD": "X",
    "GW": "X",
    "XX": "X",
    "AFX": "ADJ",
    "HYPH": "PUNCT",
    "NFP": "PUNCT",
    ",": "PUNCT",
    ".": "PUNCT",
    ":": "PUNCT",
    "``": "PUNCT",
    "''": "PUNCT",
    "-LRB-": "PUNCT",
    "-RRB-": "PUNCT",
    "$": "SYM",
    "_SP": "SPACE",
}


@dataclass(frozen=True)
class LoadedModel:
    nlp: Language
    name: str
    source: str

    def describe(self) -> str:
        meta = self.nlp.meta
        return f"{self.name} {meta.get('version', '')} from {self.source} (pipeline: {', '.join(self.nlp.pipe_names)})"


class ModelNotFound(RuntimeError):
    pass


def load(model: str | Path | None = None) -> LoadedModel:
    """Load newskg's packaged pipeline, or ``model`` (an installed package name or a path).

    On the CPU the pipeline's layers multiply through numpy (OpenBLAS) rather than thinc's default,
    blis: the same outputs, 1.7x the words per second on our 2-core machines (``bench/bench_nlp.py``
    prints both). A GPU the user chose (``spacy.require_gpu()``) is left alone.
    """
    with use_ops("numpy", use_blis=False) if type(get_current_ops()) is NumpyOps else nullcontext():
        return _load(model)


def _load(model: str | Path | None) -> LoadedModel:
    target = Path(model) if model is not None else DEFAULT_MODEL
    source = str(target)
    try:
        if model is None or target.exists():
            if not (target / "config.cfg").exists():
                raise ModelNotFound(
                    f"no spaCy pipeline at {target}; train one with `python training/train.py` "
                    "or name an installed one with --model"
                )
            nlp = spacy.load(target)
        else:
            nlp = spacy.load(str(model))
            source = "installed package"
    except OSError as err:
        raise ModelNotFound(
            f"cannot load spaCy pipeline {model!r}: {err}. Install it "
            "(e.g. `pip install en_core_web_sm-...whl`) or give a path to a pipeline folder"
        ) from err
    add_rules(nlp)
    name = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}"
    return LoadedModel(nlp, name, source)


def add_rules(nlp: Language) -> None:
    """Add the rule components around whatever statistical components the pipeline has."""
    # A closing quote glued to the next word ("conflict.”Amnesty said") is a token of its own, and so is a
    # number glued to the "and" before it ("14 dead and102 wounded", a frequent slip of copy).
    glued = [r"(?<=[.,!?])[”\"](?=\w)", r"(?<=^and)(?=\d)"]
    if not set(glued) <= set(nlp.Defaults.infixes):
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex([*nlp.Defaults.infixes, *glued]).finditer
    if "tagger" in nlp.pipe_names and not {"morphologizer", "attribute_ruler", "newskg_pos"} & set(nlp.pipe_names):
        nlp.add_pipe("newskg_pos", after="tagger")
    if "newskg_newlines" not in nlp.pipe_names:
        first = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
        nlp.add_pipe("newskg_newlines", before=first) if first else nlp.add_pipe("newskg_newlines")
    if "newskg_entities" not in nlp.pipe_names:
        nlp.add_pipe("newskg_entities", after="ner" if "ner" in nlp.pipe_names else None)
    if "newskg_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("newskg_lemmas", last=True)
    if "sentencizer" not in nlp.pipe_names and not {"parser", "senter"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", after="newskg_newlines")


@Language.component("newskg_pos")
def universal_pos(doc: Doc) -> Doc:
    """UPOS from the tagger's Penn tag (TAG_MAP), one array operation per document; a tag the map
    does not know keeps whatever POS the token had."""
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    arr = doc.to_array([TAG, POS])
    tags, index = numpy.unique(arr[:, 0], return_inverse=True)
    mapped = numpy.array(
        [UPOS[TAG_MAP[strings[int(t)]]] if strings[int(t)] in TAG_MAP else -1 for t in tags], dtype="int64"
    )[index]
    arr[:, 1] = numpy.where(mapped >= 0, mapped, arr[:, 1].astype("int64")).astype(arr.dtype)
    doc.from_array([POS], arr[:, 1:2])
    return doc


INFLECTED = ("VBD", "VBN", "VBG", "VBZ", "NNS")


@Language.component("newskg_lemmas")
def lemmas(doc: Doc) -> Doc:
    """Repair a statistical lemma that is no known word ("blamed" → "blam") from regular inflection, and a
    past tense the tagger took for an adjective though the parse gives it a subject and an object ("X and Y
    blamed/JJ each other"): it is the verb."""
    known = known_lemmas()
    for tok in doc:
        if tok.tag_ == "JJ" and tok.lower_.endswith("ed") and _subject_and_object(tok):
            tok.tag_, tok.pos_ = "VBD", "VERB"
        if tok.tag_ in INFLECTED and tok.lemma_.lower() not in known and tok.text.isalpha():
            fixed = next((c for c in base_forms(tok.lower_) if c in known), None)
            if fixed:
                tok.lemma_ = fixed
    return doc


def _subject_and_object(tok: Token) -> bool:
    deps = {c.dep_ for c in tok.children}
    return bool(deps & {"nsubj", "nsubj:pass"}) and bool(deps & {"obj", "dobj"})
