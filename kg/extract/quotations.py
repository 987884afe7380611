"""Quotations longer than a sentence: each sentence inside one is its speaker's, though only the sentence
that closes (or opens) it names who spoke ('"This is unacceptable. We think the timing was chosen on purpose,"
the minister said.'). A sentence the quotation holds counts when what it says types it (speech_content.yaml) and, for a
judgement of someone (condemnation, criticism, accusation, praise), it names whom; a plain remark stays
unsaid.
"""

from __future__ import annotations

from kg.extract.actors import outlet
from kg.extract.context import Context, dep
from kg.extract.speech import clause_act, side
from kg.lexicon import content_cue, country_names
from kg.records import Attack, Mention, Sentence, Statement

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


def quoted_sentences(statements: list[Statement], ctx: Context, at_token: dict[int, Attack]) -> list[Statement]:
    """Statements of the sentences a multi-sentence quotation holds, by the speaker the quotation's
    attributed sentence names (a plain "he said" too), typed by what they say or by the act they report
    ('"At dawn we drove the army out of the market," he said' is his side's claim)."""
    told = {s.sentence.begin for s in statements}
    out: list[Statement] = []
    voices = [s for s in [*statements, *ctx.voices] if not outlet(s.speaker)]  # "told Radio X": the channel
    for begin, end in spans(ctx.article.text):
        inside = [t for t in ctx.sentences if begin <= t.begin + 1 and t.end <= end + 2]
        if not inside:
            continue
        owner = next((s for s in voices if _holds(s.sentence, begin, end)), None) or _quoted_before(voices, begin, ctx)
        if owner is None:
            continue
        for sent in inside:
            if sent.begin in told or sent == owner.sentence:
                continue
            found = content_cue(sent.text)
            act = _act_told(sent, owner.speaker, ctx, at_token) if found is None else None
            if found is None and act is None:
                continue
            stype, cue = found if found is not None else (act[0], act[2])
            about = next((a for i, a in sorted(at_token.items()) if _within(ctx, i, sent)), None)
            if act is not None:
                target = act[1]
            elif about is not None and stype in AIMED:  # "We condemn this raid on X": the raid's author
                target = about.perpetrator
            else:
                target = _named_in(sent, owner.speaker, ctx)
            if target is None and stype in AIMED and about is None:
                continue  # "We share the pain caused by these irresponsible attacks": whose, the text does not say
            out.append(
                Statement(
                    statement_type=stype,
                    speaker=owner.speaker,
                    sentence=sent,
                    trigger=cue,
                    target=target,
                    about=about if stype in AIMED else None,
                    quote=sent.text.strip(' “”"'),
                    confidence=0.5,
                    trigger_begin=sent.begin,
                    cue=cue,
                )
            )
            told.add(sent.begin)
    return out


def _act_told(
    sent: Sentence, speaker: Mention, ctx: Context, at_token: dict[int, Attack]
) -> tuple[str, Mention | None, str] | None:
    """The hostile act a quoted sentence reports, as the speaker's claim or accusation (speech.clause_act)."""
    start = next((i for i, n in ctx.sent_index.items() if ctx.sentences[n] == sent), None)
    if start is None:
        return None
    span = ctx.doc[start].sent
    heads = [span.root, *(c for c in span.root.children if dep(c) == "conj" and c.pos_ in ("VERB", "AUX"))]
    return next((a for a in (clause_act(h, speaker, ctx, at_token) for h in heads) if a is not None), None)


def _within(ctx: Context, i: int, sent: Sentence) -> bool:
    begin = ctx.doc[i].idx
    return sent.begin <= begin < sent.end


def _quoted_before(voices: list[Statement], begin: int, ctx: Context) -> Statement | None:
    """A quotation no sentence of which names its speaker goes on the one just before it: '"...," he said.
    "The bridge is ours now."' (the last speaker quoted within the two sentences before it)."""
    start = next((i for i, t in enumerate(ctx.sentences) if t.end > begin), None)
    if start is None:
        return None
    near = {t.begin for t in ctx.sentences[max(0, start - 2) : start + 1]}
    quoted = [s for s in voices if s.sentence.begin in near and s.sentence.begin < begin and _has_quote(s.sentence)]
    return max(quoted, key=lambda s: s.sentence.begin, default=None)


def _has_quote(sent: Sentence) -> bool:
    return any(mark in sent.text for mark in (OPENING, CLOSING, STRAIGHT))


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
