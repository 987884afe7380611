"""Speech acts the parse lost, read from word order: "Belarus denies arming the rebels" with "denies"
tagged a plural noun, "On Thursday, Kenya accused Somalia of ..." with "accused" hung off a date, "X, the
region's governor, condemned ..." with the verb made a modifier of the name.

A speech-act verb form (from the speech-act lexicon, never a plain "said") counts only when the parse gave it
no subject; the speaker is the name printed right before it (or before an apposition set off by commas), the
target the name printed right after it for the acts aimed at an object ("accused Rwanda", "warned India").
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from kg.extract.context import Context, dep
from kg.lexicon import country_names, lexicon, places
from kg.records import Mention

ACTORS = ("Person", "Organization", "Group")
SUBJECTS = ("nsubj", "nsubj:pass", "csubj", "expl")
NOT_FINITE = {"to", "be", "been", "being", "was", "were", "is", "are", "not", "never", "would", "will", "could"}
SKIPPED = {"also", "again", "later", "then", "now", "further", "earlier", "repeatedly", "strongly", "swiftly"}
APPOSITION = 12  # the longest apposition (", the region's deputy governor,") stepped over, in tokens


@cache
def verb_forms() -> dict[str, str]:
    """Inflected form ("denies", "accused", "cautions") → lemma, for the speech-act verbs that name an act of
    their own (not "say", not a verb that needs its particle)."""
    lex = lexicon()
    out: dict[str, str] = {}
    for lemma, stype in lex.statement_verbs.items():
        if stype == "Assertion" or lemma in lex.needs_particle or " " in lemma:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms = {lemma + "s", lemma + "d" if lemma.endswith("e") else lemma + "ed", stem + "ed"}
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        if lemma.endswith(("s", "sh", "ch", "x", "z")):
            forms.add(lemma + "es")
        for form in forms:
            out.setdefault(form, lemma)
    return out


def lost_acts(sent: Span, ctx: Context, found: set[int]) -> list[tuple[Token, str, Mention, Mention | None]]:
    """(verb, type, speaker, target) of each speech act of ``sent`` the parse gave no subject and no rule read;
    ``found`` holds the character offsets of the triggers already read."""
    lex = lexicon()
    out = []
    for tok in sent:
        lemma = verb_forms().get(tok.lower_)
        if lemma is None or tok.idx in found or _has_subject(tok) or _not_finite(tok):
            continue
        speaker = _name_before(tok, ctx)
        if speaker is None:
            continue
        stype = lex.statement_verbs[lemma]
        target = _name_after(tok, ctx) if stype in lex.target_is_object else None
        out.append((tok, stype, speaker, target))
    return out


def _has_subject(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(dep(c) in SUBJECTS for c in tok.children)


def _not_finite(tok: Token) -> bool:
    """ "was accused", "to condemn", "not denied", "accusing": no act of a subject printed before it."""
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    after = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if after is not None and after.lower_ == "by":
        return True  # "... denounced by the UN envoy": a passive, its speaker after it
    return tok.tag_ == "VBG" or (before is not None and (before.lower_ in NOT_FINITE or before.tag_ == "MD"))


def _name_before(tok: Token, ctx: Context) -> Mention | None:
    """The actor named right before the verb: "Belarus denies", "Chad also accused", "Okello, the
    region's governor, confirmed"."""
    i = tok.i - 1
    while i >= tok.sent.start and ctx.doc[i].lower_ in SKIPPED:
        i -= 1
    if i >= tok.sent.start and ctx.doc[i].text == ",":  # an apposition, set off by commas, names the speaker
        k = i - 1
        while k > max(tok.sent.start, i - APPOSITION) and ctx.doc[k].text != ",":
            if ctx.doc[k].pos_ in ("VERB", "AUX") or ctx.doc[k].text in ('"', "“", "”"):
                return None
            k -= 1
        if ctx.doc[k].text != ",":
            return None
        i = k - 1
    m = _actor(ctx.mention_at.get(i) if i >= tok.sent.start else None, ctx, last=i)
    first = ctx.tokens_of[m][0] if m is not None else tok.sent.start
    if first > tok.sent.start and ctx.doc[first - 1].pos_ == "ADP":
        return None  # "Praised by Trump Accused of ...": the name is a preposition's, not the verb's subject
    return m


def _name_after(tok: Token, ctx: Context) -> Mention | None:
    i = tok.i + 1
    if i < len(ctx.doc) and ctx.doc[i].lower_ == "the":
        i += 1
    m = ctx.mention_at.get(i) if i < tok.sent.end else None
    return _actor(m, ctx, first=i)


def _actor(m: Mention | None, ctx: Context, last: int | None = None, first: int | None = None) -> Mention | None:
    """``m`` if it is an actor whose name ends at ``last`` (starts at ``first``): a person, a body, a state."""
    if m is None:
        return None
    tokens = ctx.tokens_of.get(m, [])
    if (last is not None and tokens[-1:] != [last]) or (first is not None and tokens[:1] != [first]):
        return None
    if m.kind in ACTORS or (m.kind == "Location" and (places().get(m.text) == "country" or m.text in country_names())):
        return m
    return None


def name_after_quote(verb: Token, ctx: Context) -> Mention | None:
    """'"...," said Mr Shearer': the name right after a verb of saying that follows a quotation, however the
    parse hung it (as the verb's object, or the verb off a noun of the quotation)."""
    doc = ctx.doc
    before = doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is None or before.text not in ("”", '"', "’", "'", ","):
        return None
    i = verb.i + 1
    while i < verb.sent.end and doc[i].text in ("Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr."):
        i += 1
    return _actor(ctx.mention_at.get(i) if i < verb.sent.end else None, ctx, first=i)
