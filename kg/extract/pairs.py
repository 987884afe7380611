"""Pairs: a plural reference to two actors at once ("both sides", "the two countries", "the warring
parties"), the two the article just coordinated, or the two states it named most."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.extract.context import Context, dep
from kg.lexicon import country_of
from kg.records import Mention

PAIR_NOUNS = {"sides", "parties", "countries", "neighbours", "neighbors", "nations", "states", "governments", "rivals"}
PAIR_WORDS = {"both", "two", "warring"}
PAIR_REACH = 3  # sentences back to the coordination they refer to
STATE_PAIRS = {"countries", "nations", "states", "neighbours", "neighbors"}


def pairs(ctx: Context) -> None:
    """ "Eritrea and Djibouti ... the two neighbours blamed each other": a plural reference to
    two sides is the last two actors the text coordinated ("X and Y") within three sentences; the first is
    the mention, the other its partner (a statement by or to one is by or to both)."""
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ not in PAIR_NOUNS or tok.i in ctx.mention_at or tok.sent.start not in ctx.sent_index:
            continue
        before = [t.lower_ for t in doc[max(tok.sent.start, tok.i - 2) : tok.i]]
        if not (set(before) & PAIR_WORDS or before[-1:] == ["the"] and tok.lower_ == "parties"):
            continue
        found = _last_pair(ctx, tok) or (_two_states(ctx, tok) if tok.lower_ in STATE_PAIRS else None)
        if found is None:
            continue
        first, second = found
        sent = ctx.sentence_of(tok)
        begin, end = ctx.char_span(tok.i, tok.i + 1)
        one = replace(first, begin=begin, end=end, sentence=sent, anaphor=True)
        ctx.add(one, [tok.i])
        ctx.partner[one] = second  # where it was named: one word cannot hold two mentions


def _last_pair(ctx: Context, tok: Token) -> tuple[Mention, Mention] | None:
    here = ctx.sent_index[tok.sent.start]
    found = None
    for t in ctx.doc[: tok.i]:
        if dep(t) != "conj" or t.head.i >= t.i:
            continue
        a, b = ctx.mention_at.get(t.head.i), ctx.mention_at.get(t.i)
        if a is None or b is None or a.kind not in ("Organization", "Location") or b.kind != a.kind:
            continue
        if a.kind == "Location" and not (country_of(a.text) and country_of(b.text)):
            continue  # towns are no sides
        if here - ctx.sentences.index(a.sentence) <= PAIR_REACH:
            found = (a, b)
    return found


def _two_states(ctx: Context, tok: Token) -> tuple[Mention, Mention] | None:
    """ "the two countries" with no coordination to refer to: the two states the article named most before it,
    when no third comes close."""
    counts: dict[str, list[Mention]] = {}
    for m in ctx.mentions:
        state = country_of(m.text) if m.kind == "Location" and m.begin < tok.idx and not m.anaphor else None
        if state:
            counts.setdefault(state, []).append(m)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if len(ranked) < 2 or len(ranked[1]) < 2 or (len(ranked) > 2 and len(ranked[2]) >= len(ranked[1])):
        return None
    return ranked[0][0], ranked[1][0]
