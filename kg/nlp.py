"""Build the spaCy pipeline: newskg's own trained model, or one the user names.

Whatever statistical model is loaded, rule components are added from the lexicons:
``newskg_newlines`` (kg.newsprint: a line break ends a sentence, since headlines and bylines have no
full stop, and a dateline is a sentence of its own) and ``newskg_entities`` (entity labels mapped to
PER/ORG/LOC, titles trimmed, kinds decided by head words, a gazetteer of countries, cities and
international organisations, a byline's authors). They hold general knowledge only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy
import spacy
from spacy.attrs import POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.parts_of_speech import IDS as UPOS
from spacy.tokens import Doc, Span, Token
from thinc.api import NumpyOps, get_current_ops, use_ops

import kg.newsprint  # noqa: F401 - registers newskg_newlines
from kg.lexicon import big_cities, common_words, demonyms, given_names, known_lemmas, lexicon, organizations, places

DEFAULT_MODEL = Path(__file__).parent / "models" / "en_newskg"
LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
PARTICLES = {
    "al",
    "el",
    "ad",
    "as",
    "ash",
    "an",
    "ar",
    "az",
    "bin",
    "ibn",
    "bint",
    "abu",
    "abd",
    "ben",
    "de",
    "del",
    "della",
    "der",
    "di",
    "da",
    "du",
    "dos",
    "van",
    "von",
    "le",
    "la",
}
COLLECTIVE_OWNERS = {"people", "peoples", "workers", "women", "children", "men", "veterans"}  # inside names
ARTICLES = {"al", "el"}  # Arabic name articles, which open names written in lower case
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
    # A closing quote glued to the next word ("conflict.”Amnesty said") is a token of its own.
    glued = r"(?<=[.,!?])[”\"](?=\w)"
    if glued not in nlp.Defaults.infixes:
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex([*nlp.Defaults.infixes, glued]).finditer
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


def _lemma_candidates(word: str) -> list[str]:
    """English base forms a regular inflection can come from: "blamed" → blam, blame; "shelled" → shell."""
    out = []
    for suffix, add in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
                        ("s", ""), ("d", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + add
            out.append(stem)
            if not add and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "shelling" → shell, "targetted" → target
    return out


@Language.component("newskg_lemmas")
def lemmas(doc: Doc) -> Doc:
    """Repair a statistical lemma that is no known word ("blamed" → "blam") from regular inflection."""
    known = known_lemmas()
    for tok in doc:
        if tok.tag_ in INFLECTED and tok.lemma_.lower() not in known and tok.text.isalpha():
            fixed = next((c for c in _lemma_candidates(tok.lower_) if c in known), None)
            if fixed:
                tok.lemma_ = fixed
    return doc


# --------------------------------------------------------------------------- entities


def _name_like(tok: Token) -> bool:
    text = tok.text
    if not text[:1].isupper():
        return False
    if tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN" or text.isupper():
        return True
    return text.lower() not in common_words()


def _text(toks: list[Token]) -> str:
    """What ``Span.text`` gives, for a slice of a token list (no Span is built)."""
    return "".join(t.text_with_ws for t in toks[:-1]) + toks[-1].text if toks else ""


def _capitalised_runs(toks: list[Token]) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised tokens, joined by hyphens and Arabic/European name particles."""
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        article = (  # "al Qaeda", "al-Shabaab": a lower-case Arabic article opens the name
            tok.lower_ in ARTICLES
            and i + 2 < n
            and (toks[i + 1].text[:1].isupper() or (toks[i + 1].text == "-" and toks[i + 2].text[:1].isupper()))
        )
        if (tok.text[:1].isupper() and not tok.is_punct) or article:
            j = i + 1
            while j < n:
                t = toks[j]
                if t.text[:1].isupper() and not t.is_punct and not t.is_space:
                    j += 1
                elif (
                    t.text in ("-", "’", "'")
                    and j + 1 < n
                    and not toks[j - 1].whitespace_
                    and not t.whitespace_
                    and toks[j + 1].text[:1].isupper()
                ):
                    j += 2
                elif (
                    t.lower_ in PARTICLES and j + 1 < n and (toks[j + 1].text[:1].isupper() or toks[j + 1].text == "-")
                ):
                    j += 1
                elif (
                    t.tag_ == "POS"
                    and toks[j - 1].lower_ in COLLECTIVE_OWNERS
                    and j + 1 < n
                    and toks[j + 1].text[:1].isupper()
                ):
                    j += 1  # "Tigray People's Liberation Front", "Children's Hospital"
                else:
                    break
            yield i, j
            i = j
        else:
            i += 1


def _body(text: str, toks: list[Token], headlines: list[tuple[int, int]]) -> str:
    """The text outside the title-case headlines, where a name is written the way names are."""
    parts, last = [], 0
    for a, b in headlines:
        parts.append(text[last : toks[a].idx])
        last = toks[b - 1].idx + len(toks[b - 1])
    return "\n".join([*parts, text[last:]])


def _known(text: str, body: str) -> bool:
    """A name some knowledge vouches for: the gazetteers, or the article outside its headlines."""
    if text in places() or text in organizations() or text in demonyms():
        return True
    return re.search(rf"\b{re.escape(text)}\b", body) is not None


def _title_case(doc: Doc, toks: list[Token]) -> list[tuple[int, int]]:
    """Sentences written in title case ("Pentagon Prepared to Extend Airstrike Campaign in Libya"): most
    of their ordinary longer words capitalised. A model trained on sentence case takes any run of them for a name."""
    common = common_words()
    out = []
    for sent in doc.sents:
        last = sent.end - 1
        while last > sent.start and toks[last].is_space:
            last -= 1
        line_end = sent.end == len(toks) or "\n" in toks[last].whitespace_ or toks[sent.end - 1].is_space
        if toks[last].text == "." or not line_end:
            continue  # a headline stands on its own line, with no full stop
        words = [t for t in toks[sent.start + 1 : sent.end] if t.is_alpha and len(t) > 3 and t.lower_ in common]
        capitals = sum(t.text[:1].isupper() and not t.is_upper for t in words)
        if capitals >= 2 and capitals >= 0.75 * len(words):  # ordinary words capitalised, not just names
            out.append((sent.start, sent.end))
    return out


# A byline on a line of its own: "(Author: Kyiv Post Staff)", "By Sarah Chen and Omar Haddad".
BYLINE = re.compile(
    r"^[ \t]*[(\[]?(?i:author|authors|by|written by|reporting by|words by)[ \t]*:?[ \t]+"
    r"(?P<names>[A-Z][^()\[\]\n]*?)[ \t]*[)\]]?[ \t]*$",
    re.MULTILINE,
)
BYLINE_AND = re.compile(r"\s*(?:,|\band\b|&)\s*")


def _bylines(doc: Doc, text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of each author a byline names: a newsroom ("... Staff") or a known or
    head-worded outlet is an organisation, two or more capitalised words a person. A line is a byline
    only if every author it lists reads as one ("By Monday, the army had ..." is none)."""
    lex, orgs = lexicon(), organizations()
    for m in BYLINE.finditer(text):
        found, begin = [], m.start("names")
        for part in BYLINE_AND.split(m.group("names")):
            at = text.index(part, begin)
            begin = at + len(part)
            span = doc.char_span(at, at + len(part), alignment_mode="contract") if part else None
            if span is None or not all(t.is_title or t.is_upper or not t.is_alpha for t in span):
                break
            words = {t.lower_ for t in span}
            if words & (lex.newsroom_words | lex.org_heads) or span.text in orgs:
                found.append((span.start, span.end, "ORG"))
            elif len(span) >= 2 and span[-1].is_alpha:
                found.append((span.start, span.end, "PER"))
            else:
                break
        else:
            yield from found


def _head_kind(word: str) -> str | None:
    lex = lexicon()
    low = word.lower()
    if low in lex.org_heads:
        return "ORG"
    if low in lex.loc_heads:
        return "LOC"
    return None


def _trim(toks: list[Token], start: int, end: int) -> tuple[int, int]:
    """Drop leading titles, determiners and lower-case words, and trailing possessives/punctuation."""
    titles = lexicon().titles
    while start < end:
        tok = toks[start]
        two = f"{tok.lower_} {toks[start + 1].lower_}" if start + 1 < end else ""
        if two in titles:
            start += 2
        elif tok.text in demonyms() and start + 1 < end and toks[start + 1].lower_ in titles:
            start += 1  # "Libyan General Khalifa Haftar": the nationality before a title
        elif start > 0 and _text(toks[max(start - 2, 0) : start + 1]).lower() in titles:
            start += 1  # the end of a title that began before the span: "Secretary of State"
        elif tok.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB", "RB", "PRP", "PRP$", "WP", "CC", "IN", "MD") or (
            tok.lower_ in titles
            or tok.lower_ in ("the", "a", "an")
            or tok.is_punct
            or (not tok.text[:1].isupper() and tok.lower_ not in PARTICLES)
        ):
            start += 1
        else:
            break
    while end > start and (
        toks[end - 1].lower_ in ("'s", "’s", "'", "’") or toks[end - 1].is_punct or toks[end - 1].is_space
    ):
        end -= 1
    return start, end


def _divided(toks: list[Token], start: int, end: int) -> bool:
    """A lower-case division word names the run a place: "Borno state", "the city of Saada"."""
    divisions = lexicon().divisions
    if end < len(toks) and toks[end].text in divisions:
        return True
    return start > 1 and toks[start - 1].text == "of" and toks[start - 2].text in divisions


def _titled(toks: list[Token], start: int) -> bool:
    """A person's title or rank ends right before ``start``."""
    titles = lexicon().titles
    first = max(start - 3, 0)
    before = [toks[k].lower_ for k in range(first, start)]
    return any(
        " ".join(before[k:]) in titles and not (first + k > 0 and toks[first + k - 1].text[:1].isdigit())  # "03:16 PM"
        for k in range(len(before))
    )


NAME_LINKS = {"al", "el", "bin", "ibn", "bint", "abu", "ould", "ben"}


def _person_like(span: Span) -> bool:
    """A multi-word name that starts with a known given name or has a name particle inside."""
    if len(span) < 2:
        return False
    inner = {t.lower_ for t in span[1:]}
    return span[0].text in given_names() or bool(inner & NAME_LINKS)


LOCATIVE = {"in", "near", "at", "outside", "around", "across", "inside", "into", "towards", "toward", "on"}
PLACE_UNITS = {
    "district",
    "province",
    "region",
    "governorate",
    "valley",
    "neighbourhood",
    "neighborhood",
    "state",
    "county",
    "oblast",
    "municipality",
    "prefecture",
    "camp",
    "refugee camp",
}


DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
PLACE_PREPOSITIONS = {"in", "near", "outside", "inside"}


def _placed(toks: list[Token], i: int, strict: bool = False) -> bool:
    """The word at ``i`` stands where places stand: after a locative preposition ("in X") or a
    direction ("300 km east of X"). ``strict`` keeps to the prepositions people rarely follow (not
    "on", "at", "towards": "an attack on X", "a swipe at X") and wants no possessive after it."""
    if i == 0:
        return False
    before = toks[i - 1].lower_
    after = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    if before == "of" and i > 1 and toks[i - 2].lower_ in DIRECTIONS:
        return True
    if strict:
        return before in PLACE_PREPOSITIONS and after not in ("'s", "’s", "’", "'")
    return before in LOCATIVE


def _place_extent(toks: list[Token], start: int, end: int) -> tuple[int, int]:
    """ "eastern Libya", "Abu Salim district": a side before a place and a unit after it belong to it."""
    if start > 0 and toks[start - 1].lower_ in lexicon().place_sides and toks[start - 1].text.islower():
        start -= 1
    if end < len(toks) and toks[end].lower_ in PLACE_UNITS and toks[end].text.islower():
        end += 1
    return start, end


def _sound(name: str) -> str:
    """The transliteration key of a name (kg.resolve), so "Hafter" meets "Haftar"."""
    from kg.resolve import normalise, sound_key

    key = sound_key(normalise(name))
    return key if key and "=" not in key else ""


def _possesses_force(toks: list[Token], end: int) -> bool:
    """ "X's forces", "X’s loyalist troops": a possessive before a force noun."""
    if end + 1 >= len(toks) or toks[end].text not in ("'s", "’s", "'", "’"):
        return False
    forces = lexicon().force_nouns
    return any(t.lower_ in forces for t in toks[end + 1 : end + 3])


NAMING = ("known as", "called", "named", "dubbed", "calling itself", "calling themselves", "styled")
NAMING_LAST = {phrase.split()[-1] for phrase in NAMING}


def _introduced_kind(toks: list[Token], start: int) -> str | None:
    """ORG or LOC when the capitalised run at ``start`` follows "<group/town> known as / called (the)"."""
    i = start - 1 if start > 0 and toks[start - 1].lower_ == "the" else start
    if i < 2 or toks[i - 1].lower_ not in NAMING_LAST:
        return None
    lex = lexicon()
    for phrase in NAMING:
        n = phrase.count(" ") + 1
        if i - n < 1 or _text(toks[i - n : i]).lower() != phrase:
            continue
        j = i - n - 1
        if toks[j].text == ",":
            j -= 1
        word = toks[j].lower_
        if word in lex.org_heads or word in lex.group_nouns:
            return "ORG"
        if word in lex.loc_heads:
            return "LOC"
    return None


def _headline_organisation(toks: list[Token], i: int, end: int, body: str) -> int | None:
    """In a title-case line, the end of "<known name> <Words> <organisation head>" starting at ``i``
    ("Libyan Investment Authority Sues ...", "Derna Shura Council Forces"): where every word is
    capitalised, a name shows by its two ends, a nationality or a name the text gives elsewhere and a
    head word, with no function word ("To", "From") between."""
    first = toks[i].text
    if not first[:1].isupper() or toks[i].lower_ in STOP_WORDS:
        return None
    if not (first in demonyms() or first in places() or (toks[i].is_alpha and _known(first, body))):
        return None
    found = None
    for j in range(i + 1, min(i + 5, end)):
        tok = toks[j]
        if not (tok.is_alpha and tok.text[:1].isupper()) or tok.lower_ in STOP_WORDS:
            break
        if _head_kind(tok.text) == "ORG":
            found = j + 1
    return found


@Language.component("newskg_entities")
def entities(doc: Doc) -> Doc:
    """Correct and complete the statistical entities with general rules (see module docstring)."""
    orgs, geo, lex, given, nations = organizations(), places(), lexicon(), given_names(), demonyms()
    ruled: list[Span] = []
    toks = list(doc)  # one Token object per position: doc[i] builds a new one on every access
    taken = [False] * len(doc)

    def claim(start: int, end: int, label: str) -> None:
        if label == "LOC":
            start, end = _place_extent(toks, start, end)  # "eastern Libya", "Abu Salim district"
        elif label == "ORG" and end < len(toks) and toks[end].lower_ == "group" and not taken[end]:
            end += 1  # "the Islamic State group"
        if end > start and not any(taken[start:end]):
            ruled.append(Span(doc, start, end, label=label))
            for k in range(start, end):
                taken[k] = True

    full = doc.text  # built from the tokens on every access
    stat = doc.ents  # likewise
    for start, end, label in _bylines(doc, full):
        claim(start, end, label)
    surnames = {e[-1].text for e in stat if e.label_ in ("PER", "PERSON") and len(e) > 1}
    runs = list(_capitalised_runs(toks))
    headlines = _title_case(doc, toks)
    body = _body(full, toks, headlines) if headlines else full
    # 0. A name the text introduces: "a military group known as the Shura Mujahideen of Derna", "a town
    #    called Bucha". The described noun gives its kind; the name runs on over "of" + another name.
    for k, (start, end) in enumerate(runs):
        kind = _introduced_kind(toks, start)
        if kind is None:
            continue
        if end + 1 < len(doc) and toks[end].lower_ == "of" and k + 1 < len(runs) and runs[k + 1][0] == end + 1:
            end = runs[k + 1][1]
        start, end = _trim(toks, start, end)
        claim(start, end, kind)
    # 1. Capitalised runs: organisation names, head words ("... Council", "Government of ..."), places.
    for start, end in runs:
        start, end = _trim(toks, start, end)
        if end <= start:
            continue
        text = _text(toks[start:end])
        # "Government of National Accord", "Council of Ministers": head word + of + a name without a head.
        opener = (  # "Fighters of al-Shabaab ...": a capitalised common noun opening the sentence
            end - start == 1
            and toks[start].is_sent_start
            and (toks[start].lower_ in common_words() or toks[start].lower_ in lex.force_nouns)
        )
        if end < len(doc) - 1 and toks[end].lower_ == "of" and _head_kind(toks[end - 1].text) == "ORG" and not opener:
            nxt = next(((s, e) for s, e in runs if s == end + 1), None)
            if nxt and _head_kind(toks[nxt[1] - 1].text) is None and _text(toks[nxt[0] : nxt[1]]) not in geo:
                claim(start, nxt[1], "ORG")
                continue
        if text in orgs:
            claim(start, end, "ORG")
            continue
        kind = _head_kind(toks[end - 1].text)
        if (
            not kind
            and end - start <= 3
            and text not in nations  # "the Yemeni city of Saada"
            and not any(a <= start < b for a, b in headlines)
            and _divided(toks, start, end)
        ):
            claim(start, end, "LOC")  # "Borno state", "the city of Saada"
            continue
        if (
            _titled(toks, start)
            and not kind
            and text not in geo
            and end - start <= 4
            and (not any(a <= start < b for a, b in headlines) or _known(text, body))
        ):  # in a title-case headline any word follows a title: "Libya’s General Praised by Trump"
            claim(start, end, "PER")  # "General Khalifa Haftar", "President Zelensky": a title before a name
            continue
        if kind and end - start > 1 and (not any(a <= start < b for a, b in headlines) or _known(text, body)):
            claim(start, end, kind)  # not a title-case line's run: "Iraqi Forces Retake Town From Militants"
        elif text in geo and (
            geo[text] == "country"
            or toks[start].ent_type_ not in ("PER", "PERSON", "ORG")  # "Google", "Tracy": a town, and more
            or (end - start == 1 and _placed(toks, start))
            or (geo[text] == "city" and _placed(toks, start, strict=True))  # "in El Fasher", tagged a person
            or (
                end - start == 1
                and toks[start].ent_type_ in ("PER", "PERSON")
                and text in big_cities()
                and text not in given
                and text not in surnames
            )
        ):  # "from Khartoum": a big city that is no given name and no surname in the text
            claim(start, end, "LOC")  # a known place; a one-word "person" right after "in" is that place
    # 2. Statistical entities that do not clash with the rules, trimmed and relabelled by head word.
    placed = {s.text for s in ruled if s.label_ == "LOC"}
    people = {e.text for e in stat if e.label_ in ("PER", "PERSON")}
    people |= {e[-1].text for e in stat if e.label_ in ("PER", "PERSON") and len(e) > 1}
    people_parts = {t.text for e in stat if e.label_ in ("PER", "PERSON") and len(e) > 1 for t in e}
    people_keys = {_sound(p) for p in people} - {""}
    body_people = {  # named as a person outside any title-case headline
        e.text for e in stat if e.label_ in ("PER", "PERSON") and not any(a <= e.start < b for a, b in headlines)
    }
    for ent in stat:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        if any(a <= ent.start < b for a, b in headlines):
            if not _known(ent.text, body):
                continue  # "Pentagon Prepared" (PER) in a title-case headline: nothing else says it is a name
            if geo.get(ent.text) == "city" and ent.text not in body_people:
                label = "LOC"  # title case misleads the model's types as much as its spans
        start, end = _trim(toks, ent.start, ent.end)
        cut = next(  # "Haftar's forces" as one entity: the owner is the name; the rules make the force
            (k for k in range(start + 1, end - 1) if toks[k].lower_ in ("'s", "’s") and toks[k + 1].text.islower()),
            None,
        )
        if cut is not None:
            start, end = _trim(toks, start, cut)
        while (
            end - start > 1
            and toks[end - 1].text.islower()
            and toks[end - 1].lower_ in lex.force_nouns
            and toks[end - 2].text not in demonyms()  # "Syrian army" is no name with a force after it
            and all(t.text[:1].isupper() for t in toks[start : end - 1])  # "Iraqi security forces" neither
        ):
            end -= 1  # "TDF fighters": the force noun after a name is the force, not its name
        if end <= start:
            continue
        last = toks[end - 1].text
        if last in nations and last not in geo and all(t.text.islower() for t in toks[start : end - 1]):
            continue  # "(northern) Yemeni": a nationality is no name (the extractor reads it as its country)
        if label != "ORG":  # "Libya Martin Kobler": a leading country is not part of a person's name
            stripped = False
            while end - start > 1 and geo.get(toks[start].text) == "country":
                start += 1
                stripped = True
            if stripped and _text(toks[start:end]) not in geo and not _head_kind(toks[end - 1].text):
                label = "PER"  # what stood behind the country was a name
        first = toks[start].lower_
        if (
            label == "PER"
            and end - start == 1
            and toks[start].is_sent_start
            and (first in common_words() or first in lex.attack_nouns or first[:-1] in lex.attack_nouns)
        ):
            continue  # "Airstrikes carried out on ...": a capitalised common word opening a sentence
        if (
            end - start == 1
            and toks[start].is_sent_start
            and (first in lex.force_nouns or first in lex.group_nouns)
            and end < len(toks)
            and toks[end].text.islower()
        ):
            continue  # "Militia leader Ahmed Madobe said": a force noun opening a sentence names no one
        if label == "PER" and start > 1 and toks[start - 1].lower_ == "of" and toks[start - 2].lower_ in lex.loc_heads:
            label = "LOC"  # "the city of Marawi"
        if label == "PER":  # "UN Secretary-General Antonio Guterres": the name is what follows the title
            cut = max((k for k in range(start + 1, end) if _titled(toks, k)), default=start)
            start = cut if cut < end else start
        kind = _head_kind(toks[end - 1].text)
        text = _text(toks[start:end])
        if label == "PER" and any(
            not t.text[:1].isupper() and t.lower_ not in PARTICLES and not t.is_punct for t in toks[start:end]
        ):
            continue  # "Alfatayeh in Derna", "Derna the city has": not one person's name
        if text in orgs:
            label = "ORG"
        elif (
            label != "PER"
            and (text in people or (end - start == 1 and _sound(text) in people_keys))  # "Haftar" / "Hafter"
            and text not in geo
            and not kind
            and not text.isupper()
            and not (end - start == 1 and _placed(toks, start, strict=True))
            and not (start > 1 and toks[start - 1].lower_ == "of" and toks[start - 2].lower_ in lex.loc_heads)
        ):
            label = "PER"  # "Haftar" tagged as a place once, where the text names the person Haftar
        elif text in geo and label == "PER" and (geo[text] == "country" or text in placed):
            label = "LOC"  # a known place the text puts somewhere ("in El Fasher") is a place everywhere
        elif kind:
            label = kind
        elif label == "LOC" and text not in geo and _person_like(doc[start:end]):
            label = "PER"  # "Ali Al-Za’tari" tagged as a place
        elif label == "PER" and end - start == 1 and text.isupper() and len(text) > 1 and text.title() not in given:
            label = "ORG"  # "LNA", "DMSC": an acronym is not a person ("THOMAS" is)
        elif label == "PER" and end < len(doc) and toks[end].text in lex.loc_heads:
            label = "LOC"  # "the Abu Salim district": a place word after the name makes it a place
        elif label == "PER" and end - start == 1 and text not in people_parts and _placed(toks, start, strict=True):
            label = "LOC"  # "a neighbourhood in Alfatayeh in Derna": one unknown word where places stand
        elif label == "LOC" and text not in geo and end < len(doc) and toks[end].lower_ in lex.force_nouns:
            label = "ORG"  # "Fano forces", "Wagner fighters": an unknown place before a force noun is the force
        claim(start, end, label)
    # 2b. An acronym a name defines in brackets is that name's kind: "the Tigray Defence Forces (TDF)".
    ends = {s.end: s.label_ for s in ruled if s.label_ != "PER"}
    for start, end in runs:
        if (
            end - start == 1
            and toks[start].is_upper
            and start > 1
            and toks[start - 1].text == "("
            and end < len(toks)
            and toks[end].text == ")"
            and start - 1 in ends
        ):
            claim(start, end, ends[start - 1])
    # 3. Surname-only and repeated mentions of a person named in the same text ("Za’tari" after "Ali Al-Za’tari").
    names = {s.text for s in ruled if s.label_ == "PER"}
    names |= {s[-1].text for s in ruled if s.label_ == "PER" and len(s) > 1 and s[-1].text[:1].isupper()}
    names |= {s[-3:].text for s in ruled if s.label_ == "PER" and len(s) > 3 and s[-2].text == "-"}
    senses: dict[str, set[str]] = {}  # the labels each name has in the text
    for s in ruled:
        senses.setdefault(s.text, set()).add(s.label_)
    others = {text for text, labels in senses.items() if labels != {"PER"}}
    names = {n for n in names if n not in geo and n not in others}  # not set(geo): that copies the gazetteer
    keys = {_sound(n) for n in names} - {""}
    for start, end in runs:
        start, end = _trim(toks, start, end)
        if end <= start or any(taken[start:end]):
            continue
        text = _text(toks[start:end])
        if text in names or (
            text not in geo and text.lower() not in common_words() and _sound(text) in keys
        ):  # "Hafter" where the text names "Khalifa Haftar"
            claim(start, end, "PER")
        elif len(senses.get(text, ())) == 1 and "PER" not in senses[text] and text.lower() not in common_words():
            claim(start, end, next(iter(senses[text])))  # "LNA forces" where the text names the LNA elsewhere
        elif _possesses_force(toks, end) and text not in geo and text not in orgs:
            claim(start, end, "ORG" if text.isupper() else "PER")  # "Assad's forces": forces have a leader
    # 4. In a title-case line every word is capitalised: the names the text gives elsewhere, found inside
    #    the runs ("Rebels Shell Port City as Haftar Vows Revenge").
    known = {n: "PER" for n in names} | {s.text: s.label_ for s in ruled}
    for a, b in headlines:
        for i in range(a, b):
            end = _headline_organisation(toks, i, b, body)
            if end:
                claim(i, end, "ORG")  # "Libyan Investment Authority Sues ...", "Iraqi Security Forces Retake ..."
            for width in (4, 3, 2, 1):
                words = _text(toks[i : i + width]) if i + width <= b else ""
                label = known.get(words) or ("LOC" if words in geo else "ORG" if words in orgs else None)
                if label:
                    claim(i, i + width, label)
                    break
    doc.set_ents(sorted(ruled, key=lambda s: s.start), default="outside")
    return doc
