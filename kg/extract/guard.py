"""Keep one sentence from costing an article: bounded sentences and guarded frame extractors.

The frame extractors look around a token within its sentence, so their cost grows with the
square of a sentence's length and a parse thousands of words deep is no sentence anyone wrote
(a feed that lost its full stops). ``bounded`` cuts such sentences into pieces before
extraction. ``guarded`` runs one extractor; if it raises, the sentence it was working on is
found from the traceback, recorded as a ``Problem``, masked (no parse, no entities) and the
extractor runs again, so only that frame of that sentence is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from kg.extract.context import with_sentence_index
from kg.records import Problem

MAX_SENTENCE_TOKENS = 300  # 4x the longest sentence of the EWT and GUM test sets (68 words)
MAX_RETRIES = 3  # sentences masked before a stage gives up on the article
T = TypeVar("T")


def bounded(doc: Doc, limit: int = MAX_SENTENCE_TOKENS) -> Doc:
    """``doc`` itself, or a copy whose sentences over ``limit`` tokens are cut into pieces (at a
    punctuation mark where one is near) with the arcs between pieces made roots."""
    if all(len(s) <= limit for s in doc.sents):
        return doc
    piece = [0] * len(doc)
    n = 0
    for sent in doc.sents:
        start = sent.start
        while start < sent.end:
            end = min(start + limit, sent.end)
            if end < sent.end:
                cut = next((k + 1 for k in range(end - 1, start + limit // 2, -1) if doc[k].is_punct), end)
                end = cut
            for i in range(start, end):
                piece[i] = n
            n += 1
            start = end
    heads = [t.head.i if piece[t.head.i] == piece[t.i] else t.i for t in doc]
    deps = [t.dep_ if heads[t.i] != t.i else "ROOT" for t in doc]
    return _rebuilt(doc, heads, deps)


def masked(doc: Doc, sent: Span) -> Doc:
    """A copy of ``doc`` where ``sent`` has no parse, tags or entities: no extractor finds anything
    in it, and every other sentence and every offset stays as it was."""
    heads = [t.head.i for t in doc]
    deps = [t.dep_ or "dep" for t in doc]
    for i in range(sent.start, sent.end):
        heads[i] = sent.start
        deps[i] = "ROOT" if i == sent.start else "dep"
    return _rebuilt(doc, heads, deps, blank=range(sent.start, sent.end))


def _rebuilt(doc: Doc, heads: list[int], deps: list[str], blank: range = range(0)) -> Doc:
    def ent(t: Token) -> str:
        return f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") and t.i not in blank else "O"

    first = {e.start for e in doc.ents}
    iob = [ent(t) for t in doc]
    for i, tag in enumerate(iob):  # an entity cut by ``blank`` must start again with B
        if tag.startswith("I-") and (i - 1 in blank or i in first):
            iob[i] = "B-" + tag[2:]
    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=["XX" if t.i in blank else t.tag_ for t in doc],
        pos=["X" if t.i in blank else (t.pos_ or "X") for t in doc],
        morphs=["" if t.i in blank else str(t.morph) for t in doc],
        lemmas=[t.lower_ if t.i in blank else t.lemma_ for t in doc],
        heads=heads,
        deps=deps,
        ents=iob,
    )


def failing_sentence(err: BaseException, doc: Doc) -> Span | None:
    """The sentence of the innermost token or span of ``doc`` the failing code was looking at."""
    found = None
    tb = err.__traceback__
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            if isinstance(value, Token) and value.doc is doc:
                found = value.sent
            elif isinstance(value, Span) and value.doc is doc and value.start < len(doc):
                found = doc[value.start].sent
        tb = tb.tb_next
    return found


def guarded(stage: str, run: Callable[[Doc], T], doc: Doc, default: T, problems: list[Problem]) -> T:
    """``run(doc)``; on an exception, mask the sentence it failed on and run again (at most
    ``MAX_RETRIES`` times), recording each failure; ``default`` if no sentence can be blamed."""
    for _ in range(MAX_RETRIES + 1):
        try:
            return run(doc)
        except Exception as err:  # noqa: BLE001 - whatever an extractor raises costs one frame, not the article
            sent = failing_sentence(err, doc)
            begin, text = (sent.start_char, sent.text[:200]) if sent is not None else (None, None)
            problems.append(Problem(stage, begin, text, repr(err)[:300]))
            if sent is None:
                break
            doc = with_sentence_index(masked(doc, sent))
    return default
