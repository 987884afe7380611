"""Where an attack happened, from the parse of its sentence, and the place an article is about."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from kg.extract.context import PASS_SUBJ, Context, case_of, dep
from kg.lexicon import demonyms, lexicon, places
from kg.records import Mention

PLACE_CASES = {
    "in",
    "on",
    "at",
    "near",
    "across",
    "around",
    "outside",
    "inside",
    "into",
    "over",
    "against",
    "throughout",
    "from",
    "of",
    "south",
    "north",
    "east",
    "west",
}


def _place_in(tok: Token, ctx: Context, depth: int = 0) -> Mention | None:
    """The most specific place attached under ``tok`` ("in Alfatayeh in Derna" → Alfatayeh); where the attack
    came from ("shells fired from across the river") is no place of it."""
    for child in tok.children:
        if (
            dep(child)
            in (
                "nmod",
                "obl",
                "obl:npmod",
                "nmod:npmod",
                "advmod",
                "pobj",
                "prep",
                "obj",
                "compound",
                "acl:relcl",
                "acl",
            )
            or dep(child) in PASS_SUBJ
        ):
            m = ctx.mention_at.get(child.i)
            if m is not None and m.kind == "Location" and case_of(child) == "from" and _fired(tok):
                continue  # "shells fired from across the river": where they came from
            if (
                m is not None
                and m.kind == "Location"
                and (case_of(child) in PLACE_CASES or dep(child) in ("obj", "compound", "prep", "pobj"))
            ):
                return m
            if depth < 2:
                found = _place_in(child, ctx, depth + 1)
                if found:
                    return found
    return None


def location(tok: Token, sent: Span, ctx: Context, exclude: Mention | None = None) -> tuple[Mention | None, float]:
    """The most specific place under the trigger, else under its head, else named in the sentence
    (never the perpetrator itself: "the US bombing of IS in Sirte")."""
    m = _place_in(tok, ctx)
    if m and m is not exclude:
        return m, 1.0
    head = tok.head
    if head is not tok:
        m = _place_in(head, ctx)
        if m and m is not exclude:
            return m, 0.8
    found = [ctx.mention_at[t.i] for t in sent if t.i in ctx.mention_at and ctx.mention_at[t.i].kind == "Location"]
    # "the Mingora mayor said": a place in a title of this sentence is whose official, not where
    role_text = " ".join(r.role or "" for r in {ctx.mention_at[t.i] for t in sent if t.i in ctx.mention_at})
    found = [p for p in found if p.text not in role_text and not _reference_point(p, ctx) and p is not exclude]
    found = [p for p in found if not _dateline(p, ctx) and not _origin(p, ctx)]
    geo = places()
    # a town before its country; a nationality word ("Ethiopian drone strike") names the author, so last
    found.sort(key=lambda p: (_nationality_word(p, ctx), geo.get(p.text) == "country"))
    if found:
        return found[0], 0.5
    return None, 0.0


DATELINE_MARKS = {"—", "–", "--", "-", ":", "(", "―"}


def _dateline(m: Mention, ctx: Context) -> bool:
    """ "KABUL —", "MEXICO CITY --", "Srinagar:", "JAKARTA (Reuters) -": the place the report was filed
    from, opening the sentence, not where the event happened."""
    toks = ctx.tokens_of.get(m)
    if not toks:
        return False
    first = ctx.doc[toks[0]]
    if any(not t.is_space for t in first.sent[: first.i - first.sent.start]):
        return False  # not the first word of its sentence
    after = ctx.doc[toks[-1] + 1 : min(toks[-1] + 8, first.sent.end)]
    for t in after:
        if t.text in DATELINE_MARKS:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _origin(m: Mention, ctx: Context) -> bool:
    """ "shells fired from Belgorod", "drones launched from Yemen": where the attack came from (but "abducted from
    Chibok" is where it happened)."""
    toks = ctx.tokens_of.get(m)
    if not toks or toks[0] == 0 or ctx.doc[toks[0] - 1].lower_ != "from":
        return False
    return _fired(ctx.doc[toks[0] - 1].head)


FIRED = {"fire", "launch", "rocket", "missile", "drone", "shell", "shelling", "mortar", "artillery", "fly"}


def _fired(tok: Token) -> bool:
    """A word of something fired or flown at a target, whose "from" is where it started."""
    lemma = tok.lemma_.lower()
    return lemma in FIRED or lemma in lexicon().weapon_words


def _nationality_word(m: Mention, ctx: Context) -> bool:
    """The place is named by its nationality adjective ("Ethiopian", "Israeli")."""
    toks = ctx.tokens_of.get(m)
    return bool(toks) and ctx.doc[toks[0]].text in demonyms()


DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "outskirts",
}


def _reference_point(m: Mention, ctx: Context) -> bool:
    """ "300 kilometers east of Benghazi": a place named only to locate another one."""
    toks = ctx.tokens_of.get(m)
    if not toks or toks[0] < 2:
        return False
    doc = ctx.doc
    return doc[toks[0] - 1].lower_ in ("of", "from") and doc[toks[0] - 2].lower_.rstrip(".") in DIRECTIONS


def main_place(ctx: Context) -> Mention | None:
    """The place the article is about: its most mentioned place that is not a whole country."""
    geo = places()
    counts = Counter(m.text for m in ctx.mentions if m.kind == "Location" and geo.get(m.text) != "country")
    if not counts:
        return None
    best, n = counts.most_common(1)[0]
    if n < 2:
        return None
    return next(m for m in ctx.mentions if m.text == best)
