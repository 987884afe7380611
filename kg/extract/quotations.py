"""Quotations longer than a sentence: each sentence inside one is its speaker's, though only the sentence
that closes (or opens) it names who spoke ('"This is regrettable. We believe the motive is suspect," the
spokesman said.'). A sentence the quotation holds counts when what it says types it (speech_content.yaml) and, for a
judgement of someone (condemnation, criticism, accusation, praise), it names whom; a plain remark stays
unsaid.
"""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.speech import side
from kg.lexicon import content_cue, country_names
from kg.records import Mention, Sentence, Statement

OPENING, CLOSING, STRAIGHT = "“", "”", '"'
AIMED = frozenset({"Condemnation", "Criticism", "Accusation", "Praise"})  # acts that are about someone


def spans(text: str) -> list[tuple[int, int]]:
    """(opening, closing) character offsets of each quotation; a paragraph that reopens a quotation
    ("“... \\n\\n“...”") starts a new one where it reopens."""
    out, start = [], None
    for i, ch in enumerate(text):
        if ch == OPENING:
            start = i
        elif ch == CLOSING and start is not None:
            out.append((start, i))
            start = None
        elif ch == STRAIGHT:
            if start is None:
                start = i
            else:
                out.append((start, i))
                start = None
    return out


def quoted_sentences(statements: list[Statement], ctx: Context) -> list[Statement]:
    """Statements of the sentences a multi-sentence quotation holds, by the speaker the quotation's
    attributed sentence names."""
    told = {s.sentence.begin for s in statements}
    out: list[Statement] = []
    for begin, end in spans(ctx.article.text):
        inside = [t for t in ctx.sentences if begin <= t.begin + 1 and t.end <= end + 2]
        if not inside:
            continue
        owner = next((s for s in statements if _holds(s.sentence, begin, end)), None)
        if owner is None:
            continue
        for sent in inside:
            if sent.begin in told or sent == owner.sentence:
                continue
            found = content_cue(sent.text)
            if found is None:
                continue
            stype, cue = found
            target = _named_in(sent, owner.speaker, ctx)
            if target is None and stype in AIMED:
                continue  # "We share the pain caused by these irresponsible attacks": whose, the text does not say
            out.append(
                Statement(
                    statement_type=stype,
                    speaker=owner.speaker,
                    sentence=sent,
                    trigger=cue,
                    target=target,
                    quote=sent.text.strip(' “”"'),
                    confidence=0.5,
                    trigger_begin=sent.begin,
                    cue=cue,
                )
            )
            told.add(sent.begin)
    return out


def _holds(sent: Sentence, begin: int, end: int) -> bool:
    """The attributed sentence of a quotation: the one its closing or opening mark stands in."""
    return sent.begin <= end <= sent.end or sent.begin <= begin <= sent.end


def _named_in(sent: Sentence, speaker: Mention, ctx: Context) -> Mention | None:
    """The first actor of another side the sentence names."""
    own = side(speaker)
    for m in ctx.mentions:
        if sent.begin <= m.begin < sent.end and m.kind in ("Person", "Organization", "Group") and side(m) != own:
            return m
        if sent.begin <= m.begin < sent.end and m.kind == "Location" and side(m) != own and m.text in country_names():
            return m  # a state, not a town
    return None
