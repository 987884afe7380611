"""News layout before the parse: where sentences begin and what is furniture rather than prose.

A model trained on sentence-case prose parses a dateline glued to the lead ("MOSCOW, — On Sunday, the
minister called on ...") as part of the sentence and a bare line break as a word. This component sets
sentence starts on every token before the parser runs (it keeps them): after a line break, after a
full stop before a capitalised word, and after a dateline, which becomes a sentence of its own so the
lead's clause is parsed as written. It reads tokens only; the text is never changed, so every offset
the later stages record is an offset into the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.lexicon import common_words, demonyms, lexicon, organizations, places

SENTENCE_END = {".", "!", "?", "…"}
CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}
OPENERS = {"“", "‘", '"', "'", "(", "[", "«"}
DATELINE_MARKS = {"—", "–", "--", "-", ":", "―"}  # what ends "KABUL:", "BEIRUT (Reuters) -"
DATELINE_SPAN = 16  # tokens a dateline may take: "MOGADISHU, July 3 (NNN-Xinhua) —"


@Language.component("newskg_newlines")
def newlines(doc: Doc) -> Doc:
    """Sentence boundaries for news: after a line break, or after . ! ? (and closing quotes) before a
    capitalised word, quote or number, and after a dateline. Set on every token, so the parser cannot
    split mid-clause ("Name, the spokesman for ..."); headlines and bylines carry no full stop but end a
    line, and a line break is a sentence of its own, never the root of the words before it. A no-break
    space after the full stop (common in web text) is a space too. Computed on plain lists and written
    in one ``from_array``: a per-token setter costs more than the rule."""
    if len(doc) < 2:
        return doc
    texts = [t.text for t in doc]
    spaced = [bool(t.whitespace_) for t in doc]
    space = [t.is_space for t in doc]
    starts = numpy.full(len(doc), -1, dtype="int64")
    starts[0] = 1
    for i in range(1, len(doc)):
        if space[i]:
            continue
        prev = texts[i - 1]
        if "\n" in prev:
            starts[i] = 1
            continue
        if starts[i - 1] == 1 and prev in OPENERS:
            continue  # the opening quote already starts the sentence
        first = texts[i][:1]
        if not (first.isupper() or first.isdigit() or first in OPENERS):
            continue
        if not (spaced[i - 1] or space[i - 1] or prev in CLOSERS):
            continue
        j = i - 1
        while j > 0 and (texts[j] in CLOSERS or space[j]):
            j -= 1
        word = texts[j]
        if word in SENTENCE_END or (
            word.endswith(".") and len(word) > 3 and word[:-1].isalpha() and word[:-1].islower()
        ):
            starts[i] = 1
    for begin, end in datelines(texts, spaced, space):
        starts[begin + 1 : end] = -1
        if end < len(doc):
            starts[end] = 1
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc


def datelines(texts: list[str], spaced: list[bool], space: list[bool]) -> list[tuple[int, int]]:
    """(start, end) token ranges of the datelines that open paragraphs after the headline's line: a place
    in capitals ("MOSCOW", "MEXICO CITY", "PORT-AU-PRINCE") or a place the gazetteer knows before a colon
    ("Srinagar:"), then any of a region, a date and an agency in brackets ("RABAT, Morocco (AP) —",
    "UNITED NATIONS, May 10:", "KYIV (Reuters) -"), closed by a dash or colon and a space. ``end`` is
    the first word of the lead."""
    first_break = next((i for i, text in enumerate(texts) if "\n" in text), len(texts))
    out = []
    for i in range(first_break + 1, len(texts)):
        if space[i] or "\n" not in texts[i - 1]:
            continue
        end = _dateline_end(texts, spaced, space, i)
        if end is not None:
            out.append((i, end))
    return out


def _dateline_end(texts: list[str], spaced: list[bool], space: list[bool], i: int) -> int | None:
    n = len(texts)
    j = i
    while j < n and j - i < 7 and (_capitals(texts[j]) or (texts[j] == "-" and j + 1 < n and _capitals(texts[j + 1]))):
        j += 1
    if j == i:  # "Srinagar:": a place the gazetteer knows, in title case, right before a colon
        if places().get(texts[i]) and i + 1 < n and texts[i + 1] == ":" and spaced[i + 1]:
            return _lead(texts, space, i + 2)
        return None
    name = "".join(texts[i:j])
    if len(name.replace("-", "")) < 4 and places().get(name.title()) is None:
        return None  # "UN:", "US -": an acronym, not a place
    limit = min(n, i + DATELINE_SPAN)
    while j < limit and not space[j]:
        text = texts[j]
        if text in DATELINE_MARKS and spaced[j]:
            return _lead(texts, space, j + 1)
        if text == "(":
            close = next((k for k in range(j + 1, limit) if texts[k] == ")"), None)
            if close is None:
                return None
            j = close + 1
        elif text == "," or text[:1].isupper() or text.isdigit():
            j += 1  # ", Morocco", ", May 10"
        else:
            return None
    return None


def _capitals(text: str) -> bool:
    return len(text) > 1 and text.isupper() and text.replace(".", "").replace("'", "").isalpha()


def _lead(texts: list[str], space: list[bool], j: int) -> int | None:
    """The first word after the dateline's mark, if the paragraph goes on."""
    while j < len(texts) and space[j] and "\n" not in texts[j]:
        j += 1
    return j if j < len(texts) and not space[j] else None


# --------------------------------------------------------------------------- headlines and bylines


def outside_headlines(text: str, toks: list[Token], headlines: list[tuple[int, int]]) -> str:
    """The text outside the title-case headlines, where a name is written the way names are."""
    parts, last = [], 0
    for a, b in headlines:
        parts.append(text[last : toks[a].idx])
        last = toks[b - 1].idx + len(toks[b - 1])
    return "\n".join([*parts, text[last:]])


def known_name(text: str, body: str) -> bool:
    """A name some knowledge vouches for: the gazetteers, or the article outside its headlines."""
    if text in places() or text in organizations() or text in demonyms():
        return True
    return re.search(rf"\b{re.escape(text)}\b", body) is not None


def title_case_lines(doc: Doc, toks: list[Token]) -> list[tuple[int, int]]:
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


def bylines(doc: Doc, text: str) -> Iterator[tuple[int, int, str]]:
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
