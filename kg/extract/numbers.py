"""Casualty counts from the dependency parse: "killed a mother and her two children" = 3.

A count is a lower bound as stated ("at least 17", "over a dozen" = 12); vague
amounts ("several", "scores") give no number. People inside an "including"
phrase are a subset and are not added ("six civilians, including three children" = 6).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.context import case_of, dep, per_token
from kg.lexicon import lexicon

SUBSET_MARKERS = {"including", "among", "of", "included", "includes"}


def number_value(tok: Token) -> int | None:
    """The value of a numeral token: "17", "2,000", "seven", "dozen"."""
    lex = lexicon()
    text = tok.lower_.replace(",", "")
    if len(text) > 15:  # no count of people; int() refuses strings of over 4,300 digits
        return None
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    return lex.numbers.get(text)


def _modifier_count(noun: Token) -> int | None:
    """Count of a noun from its numeric modifiers: "two dozen", "at least 17", "more than 400"."""
    lex = lexicon()
    value: int | None = None
    for child in noun.children:
        if dep(child) in ("nummod", "quantmod") or (child.tag_ == "CD" and dep(child) != "conj"):
            v = number_value(child)
            if v is None:
                continue
            for grand in child.children:  # "two dozen", "2 million"
                g = number_value(grand)
                if g is not None and child.lower_ in lex.multipliers:
                    v = g * lex.multipliers[child.lower_]
            value = v if value is None else max(value, v)
        elif child.lower_ in ("dozen",) and dep(child) in ("nmod", "nummod", "compound"):
            value = 12
    return value


ANYONE = {"nobody", "none", "one", "people", "person", "life", "casualty", "death", "injury", "victim", "fatality"}


def count_people(head: Token) -> int | None:
    """People counted by a noun phrase and its coordinated parts; None if no count is stated."""
    lex = lexicon()
    total = 0
    counted = False
    if head.lower_ in ("nobody", "none") or any(c.lower_ == "no" for c in head.children if dep(c) == "det"):
        # "no one was killed", "nobody was hurt"; "no Taliban fighters died" counts one side, not the toll
        return 0 if head.lemma_.lower() in ANYONE else None
    others = [c for c in head.children if dep(c) == "conj" and not _own_casualty_word(c)]  # not "and 30 wounded"
    for noun in [head, *others]:
        if any(c.lower_ in SUBSET_MARKERS for c in noun.children if dep(c) == "case"):
            continue
        vague = any(c.lower_ in lex.vague for c in noun.children) or noun.lower_ in lex.vague
        if vague and not (_modifier_count(noun) and noun.lower_ not in lex.vague):  # "some 45 people" = 45
            if noun is head:
                return None
            continue
        value = _modifier_count(noun)
        if value is None and (noun.tag_ == "CD" or noun.pos_ == "NUM"):
            value = number_value(noun)
            if value is not None and noun.lower_ == "dozen":
                # "a dozen", "over a dozen", "two dozen"
                mult = next((number_value(c) for c in noun.children if dep(c) == "nummod"), None)
                value = 12 * (mult or 1)
        if value is None and noun.lemma_ in lex.people and noun.tag_ in ("NN", "NNP"):
            det = next((c for c in noun.children if dep(c) in ("det", "nmod:poss", "poss")), None)
            if det is not None and det.lower_ in ("a", "an", "one", "his", "her", "their", "its", "the"):
                value = 1
        if value is None:
            continue
        counted = True
        total += value
    return total if counted else None


def _own_casualty_word(tok: Token) -> bool:
    """ "14 dead and 30 wounded": the second number has a casualty word of its own (or, in "one dead and
    one injured" parsed with "injured" as the conjunct, is one)."""
    words = lexicon().killed_words | lexicon().injured_words
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.pos_ in ("VERB", "ADJ") and {tok.lower_, tok.lemma_.lower()} & words:
        return True
    return any(c.lemma_.lower() in words for c in tok.children) or (
        after is not None and bool({after.lower_, after.lemma_.lower()} & words)
    )


@per_token
def casualties(verb: Token) -> tuple[str, int | None] | None:
    """("killed" | "injured", count) for a casualty verb or adjective, counting its victims; ("both", 0)
    for "no casualties"."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    if lemma in lex.killed_words:
        kind = "killed"
    elif lemma in lex.injured_words or verb.lower_ in lex.injured_words:
        kind = "injured"
    else:
        return None
    if lemma in ("claim", "lose") and not any(c.lemma_ in ("life", "lives") for c in verb.subtree):
        return None
    if verb.pos_ == "NOUN" and any(c.lower_ == "no" for c in verb.children if dep(c) == "det"):
        return ("both" if lemma == "casualty" else kind), 0  # "no casualties", "no deaths were reported"
    victims = None
    for child in verb.children:
        if dep(child) in ("obj", "dobj", "nsubj:pass", "nsubjpass"):
            victims = child
            break
    if victims is None and (lemma in ("die", "dead", "perish") or dep(verb) in ("amod", "acl")):
        victims = next((c for c in verb.children if dep(c) in ("nsubj",)), None)
        if victims is None and dep(verb) in ("amod", "acl"):
            victims = verb.head
    if victims is None and dep(verb) == "xcomp":  # "left nine soldiers dead": the object of "left"
        victims = next((c for c in verb.head.children if dep(c) in ("obj", "dobj")), None)
    if victims is None and any(dep(c) == "nummod" for c in verb.children):  # "left 14 dead"
        victims = verb
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if victims is None and before is not None and before.tag_ == "CD":  # "112 wounded", "over 30 hurt"
        victims = before
    if victims is None:  # "wounded seven others" parsed as an oblique
        victims = next((c for c in verb.children if dep(c) == "obl" and case_of(c) is None), None)
    if victims is None and dep(verb) == "conj":  # "over 2,000 wounded"
        victims = next((c for c in verb.children if dep(c) in ("nsubj", "obj", "nsubj:pass")), None)
    if victims is None:
        return None
    return kind, count_people(victims)
