"""Casualty counts a sentence states without naming an attack ("The death toll rose to 17",
"Eight people sustained injuries", "No one was hurt"): the document stage gives each to its event."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import Context, dep
from kg.extract.numbers import casualties, number_value
from kg.records import Toll

UPDATE_VERBS = {"rise", "climb", "increase", "reach", "jump", "mount", "grow", "hit", "surge", "soar"}
TOLL_NOUNS = {"toll", "tally", "count"}


def find_tolls(ctx: Context, told: set[int]) -> list[Toll]:
    """Counts of the sentences (doc sentence starts not in ``told``) that name no attack."""
    out: list[Toll] = []
    for sent in ctx.doc.sents:
        if sent.start not in ctx.sent_index or sent.start in told:
            continue
        toll = _toll(sent)
        if toll is not None:
            killed, injured, update = toll
            out.append(Toll(ctx.sentence_of(sent[0]), killed, injured, update))
    return out


def _toll(sent: Span) -> tuple[int | None, int | None, bool] | None:
    killed = injured = None
    update = False
    for tok in sent:
        found = _death_toll(tok)
        if found is not None:
            killed, update = found[0], found[1] or update
            continue
        result = casualties(tok)
        if result is None or result[1] is None:
            continue
        kind, count = result
        if _under_speech_of_future(tok):
            continue
        if kind in ("killed", "both") and killed is None:
            killed = count
        if kind in ("injured", "both") and injured is None:
            injured = count
    if killed is None and injured is None:
        return None
    return killed, injured, update


def _death_toll(tok: Token) -> tuple[int, bool] | None:
    """ "the death toll rose to 17", "the toll stands at 40": the number the toll noun reaches."""
    lemma = tok.lemma_.lower()
    if lemma not in TOLL_NOUNS:
        return None
    if lemma != "toll" and not any(c.lower_ in ("death", "casualty") for c in tok.children):
        return None
    verb = tok.head if dep(tok) in ("nsubj", "nsubj:pass") else None
    if verb is None:
        return None
    for child in verb.children:
        if dep(child) in ("obl", "obj", "nmod", "xcomp") or child.tag_ == "CD":
            value = number_value(child) if child.tag_ == "CD" else _number_in(child)
            if value is not None:
                return value, verb.lemma_.lower() in UPDATE_VERBS
    return None


def _number_in(tok: Token) -> int | None:
    value = number_value(tok) if tok.tag_ == "CD" or tok.pos_ == "NUM" else None
    if value is not None:
        return value
    for child in tok.children:
        if child.tag_ == "CD" or child.pos_ == "NUM":
            return number_value(child)
    return None


def _under_speech_of_future(tok: Token) -> bool:
    """ "could kill thousands", "would die": a count that is not one of this report."""
    return any(c.lower_ in ("could", "would", "might", "may", "will") for c in tok.children if dep(c) == "aux")
