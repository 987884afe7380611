"""Attack trigger words: which word or phrase of a sentence names an attack, and of what type."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import SUBJ, dep, per_token
from kg.lexicon import lexicon

NOMINAL = ("obj", "nsubj", "nsubj:pass", "obl", "nmod", "iobj")


@per_token
def pos(tok: Token) -> str:
    """The tagger's coarse tag, except that an attack noun it read as a verb in a noun's slot or opening a
    sentence without a subject is a noun ("carried out airstrikes/VBZ", "Clashes/VBZ erupted")."""
    if tok.pos_ != "VERB":
        return tok.pos_
    nouns = lexicon().attack_nouns
    if not any(f in nouns for f in (tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s"))):
        return tok.pos_
    doc = tok.doc
    if tok.tag_ == "VBG" and tok.i > 1 and doc[tok.i - 2].pos_ == "DET" and doc[tok.i - 1].pos_ in ("NOUN", "ADJ"):
        return "NOUN"  # "a summary killing", "a targeted killing"
    headline = tok.is_sent_start and not any(dep(c) in SUBJ for c in tok.children)  # "Clashes erupted in X"
    if (dep(tok) in NOMINAL or headline) and not any(dep(c) in ("aux", "aux:pass") for c in tok.children):
        return "NOUN"
    return tok.pos_


@per_token
def trigger_type(tok: Token) -> tuple[str, int] | None:
    """(attack type, start token) if ``tok`` heads a word or phrase naming an attack."""
    lex = lexicon()
    if tok.pos_ not in ("NOUN", "VERB", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN":  # only a capitalised common word at a sentence or headline start ("Clashes erupt")
        if not (tok.is_sent_start and tok.i + 1 < len(tok.doc) and not tok.doc[tok.i + 1].text[:1].isupper()):
            return None
        forms = (tok.lower_, tok.lower_.removesuffix("s"), tok.lower_.removesuffix("es"))
        return next(((lex.attack_nouns[f], tok.i) for f in forms if f in lex.attack_nouns), None)
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        for joined in (
            f"{prev.lemma_.lower()} {lemma}",
            f"{prev.lower_} {tok.lower_}",
            f"{prev.lower_}{lemma}",
        ):
            if joined in lex.attack_nouns and pos(tok) == "NOUN":
                return lex.attack_nouns[joined], tok.i - 1
    if pos(tok) == "NOUN":
        for form in (lemma, tok.lower_, tok.lower_.removesuffix("s")):
            if form in lex.attack_nouns:
                return lex.attack_nouns[form], tok.i
    if pos(tok) == "VERB" and lemma in lex.attack_verbs:
        return lex.attack_verbs[lemma], tok.i
    return None
