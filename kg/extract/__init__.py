"""extract: spaCy Doc → Extraction records. The only stage that sees spaCy objects.

``extract(article, doc)`` runs the frame extractors in dependency order:
mentions first (every frame refers to them), then operations, attacks (they
need operation names), statements (they need attacks: a statement about an
attack targets its perpetrator) and dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Doc

from kg.extract.attacks import find_attacks, main_place
from kg.extract.context import Context, release, with_sentence_index
from kg.extract.dates import find_dates
from kg.extract.guard import bounded, guarded
from kg.extract.mentions import find_mentions
from kg.extract.operations import find_operations, operation_names
from kg.extract.quotations import quoted_sentences
from kg.extract.statements import find_statements
from kg.extract.tolls import find_tolls
from kg.records import Article, Attack, Extraction, Problem, Relation, Sentence, Statement

__all__ = ["extract"]
# A date right after the words that report ("medics told Reuters on Friday", "the army said on Monday") dates
# the telling, not the attack told.
TOLD = re.compile(
    r"\b(?:said|says|say|told|tells|reported|announced|added|stated)\b(?:\s+[\w.]+){0,2}\s+(?:on|late|early)?\s*$"
)
T = TypeVar("T")


def extract(article: Article, doc: Doc) -> Extraction:
    """The article's records. An extractor that raises on a sentence loses that frame of that
    sentence only, recorded in ``Extraction.problems`` (see kg.extract.guard)."""
    doc = with_sentence_index(bounded(doc))
    try:
        return _extract(article, doc)
    finally:
        release(doc)


def _extract(article: Article, doc: Doc) -> Extraction:
    problems: list[Problem] = []
    ctx = guarded("mentions", lambda d: _mentions(article, d), doc, None, problems)
    if ctx is None:  # no sentence to blame: go on without names
        ctx = _context(article, doc)
        relations: list = []
    else:
        ctx, relations = ctx

    def stage(name: str, run: Callable[[], T], default: T) -> T:
        full = ctx.doc

        def on(d: Doc) -> T:
            ctx.doc = d
            return run()

        try:
            return guarded(name, on, full, default, problems)
        finally:
            ctx.doc = full

    names = stage("operations", lambda: operation_names(ctx), {})
    operations = stage("operations", lambda: find_operations(ctx, names), [])
    attacks, at_token = stage("attacks", lambda: find_attacks(ctx, names), ([], {}))
    statements = stage("statements", lambda: find_statements(ctx, at_token), [])
    statements += stage("quotations", lambda: quoted_sentences(statements, ctx, at_token), [])
    attacks, statements = stage(
        "attacks", lambda: _told_again(attacks, statements, at_token, ctx), (attacks, statements)
    )
    told = {ctx.doc[i].sent.start for i in at_token}
    tolls = stage("tolls", lambda: find_tolls(ctx, told), [])
    place = ctx.dateline or stage("attacks", lambda: main_place(ctx), None)
    attacks, statements, operations = _dated(article, ctx.sentences, attacks, statements, operations, problems)
    return Extraction(
        article=article,
        sentences=tuple(ctx.sentences),
        mentions=tuple(ctx.mentions),
        relations=tuple(sorted(set(relations))),
        attacks=tuple(attacks),
        statements=tuple(statements),
        operations=tuple(operations),
        tolls=tuple(tolls),
        main_place=place,
        problems=tuple(problems),
    )


def _told_again(
    attacks: list[Attack], statements: list[Statement], at_token: dict[int, Attack], ctx: Context
) -> tuple[list[Attack], list[Statement]]:
    """An attack word that refers back ("the blast", "the attack") tells its event again: its sentence
    becomes further evidence of that event."""
    extra: dict[int, set[Sentence]] = {}
    for i, attack in at_token.items():
        sentence = ctx.sentence_of(ctx.doc[i])
        if sentence != attack.sentence:
            extra.setdefault(id(attack), set()).add(sentence)
    new = {id(a): replace(a, evidence=tuple(sorted(extra.get(id(a), ())))) for a in attacks}
    statements = [replace(s, about=new.get(id(s.about), s.about)) for s in statements]
    return list(new.values()), statements


def _context(article: Article, doc: Doc) -> Context:
    ctx = Context(article, doc)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        begin, end = words[0].idx, words[-1].idx + len(words[-1].text)
        ctx.sent_index[sent.start] = len(ctx.sentences)
        ctx.sentences.append(Sentence(begin, end, article.text[begin:end]))
    return ctx


def _mentions(article: Article, doc: Doc) -> tuple[Context, list[Relation]]:
    ctx = _context(article, doc)
    return ctx, find_mentions(ctx)


def _dated(article: Article, sentences: list[Sentence], attacks, statements, operations, problems: list[Problem]):
    """Give each frame the first date expression of its sentence, resolved against the published date."""
    by_sentence: dict[int, tuple[str, str | None]] = {}
    for sent in sentences:
        try:
            found = find_dates(sent.text, article.published)
        except Exception as err:  # noqa: BLE001 - a date expression the rules choke on leaves its frames undated
            problems.append(Problem("dates", sent.begin, sent.text[:200], repr(err)[:300]))
            continue
        if found:
            told = [f for f in found if TOLD.search(sent.text[max(0, f[0] - 40) : f[0]])]
            happened = [f for f in found if f not in told]
            by_sentence[sent.begin] = (happened[0][2:] if happened else None, (told or found)[0][2:])

    def dated(item, telling: bool = False):
        hit = by_sentence.get(item.sentence.begin)
        when = hit[telling] if hit else None  # an attack only the telling's date dates stays undated
        return replace(item, date_text=when[0], date=when[1]) if when else item

    old_to_new = {id(a): dated(a) for a in attacks}
    statements = [dated(replace(s, about=old_to_new.get(id(s.about), s.about)), True) for s in statements]
    return list(old_to_new.values()), statements, [dated(o) for o in operations]
