"""Speech acts said in phrases ("held X responsible", "pointed the finger at X", "expressed outrage", "traded
blame"): statements.yaml's idioms, matched from the verb that opens them over the words of its clause.

An idiom is a sequence of lemmas; "X" is the slot of the actor the act is aimed at. Words between the idiom's
words are allowed when they only modify ("held the Taliban fully responsible", "expressed deep concern"), so a
phrase matches as news writes it, and the slot's token lets the caller find the target as it finds an object.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from kg.lexicon import lexicon

SLOT = "X"
FILLER_POS = {"DET", "ADJ", "ADV", "PART", "PRON", "NUM", "PROPN", "NOUN", "PUNCT", "CCONJ"}
MAX_GAP = 6  # tokens between two words of an idiom (the slot's noun phrase included)


@cache
def _by_verb() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Idioms by their first lemma, longest first (so "lay the blame at the door of X" wins over shorter ones)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, stype in lexicon().idioms.items():
        out.setdefault(words[0], []).append((words, stype))
    return {verb: tuple(sorted(found, key=lambda x: -len(x[0]))) for verb, found in out.items()}


def idiom(verb: Token) -> tuple[str, Token | None, bool] | None:
    """(statement type, the slot's token or None, whether the two sides act on each other) of the idiom
    ``verb`` opens, if one matches its clause."""
    found = _by_verb().get(verb.lemma_.lower())
    if not found or any((c.lower_ == "to" and c.dep_ in ("mark", "aux")) or c.tag_ == "MD" for c in verb.children):
        return None  # "work to hold ...", "residents should take responsibility": what should be done, not what was
    words = [t for t in verb.sent if t.i > verb.i]
    for phrase, stype in found:
        slot = _match(phrase[1:], words)
        if slot is not None:
            return stype, slot if isinstance(slot, Token) else None, phrase in lexicon().reciprocal
    return None


def _match(phrase: tuple[str, ...], words: list[Token]) -> Token | bool | None:
    """The slot's token (or True when the idiom has none) if ``phrase`` occurs in order in ``words``."""
    at, slot = 0, None
    for k, word in enumerate(phrase):
        if word == SLOT:
            nxt = phrase[k + 1] if k + 1 < len(phrase) else None
            end = _find(nxt, words, at) if nxt is not None else min(len(words), at + MAX_GAP)
            if end is None:
                return None
            slot = _head_in(words[at:end])
            if slot is None:
                return None
            at = end
            continue
        found = _find(word, words, at)
        if found is None:
            if word in ("the", "a", "an"):
                continue  # "pin blame on", "issue warning": the article is optional
            return None
        at = found + 1
    return slot if slot is not None else True


def _find(word: str, words: list[Token], start: int) -> int | None:
    for i in range(start, min(len(words), start + MAX_GAP)):
        tok = words[i]
        if tok.lemma_.lower() == word or tok.lower_ == word:
            return i
        if tok.pos_ not in FILLER_POS and tok.pos_ != "ADP":
            return None  # another verb: the idiom does not go on here
    return None


def _head_in(span: list[Token]) -> Token | None:
    """The noun a slot's words hang on ("the Taliban", "the Rwandan army")."""
    nouns = [t for t in span if t.pos_ in ("PROPN", "NOUN", "PRON")]
    inside = {t.i for t in span}
    return next((t for t in nouns if t.head.i not in inside), nouns[-1] if nouns else None)
