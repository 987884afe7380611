"""No parse loses an article: the recursion that did is gone, long sentences are bounded, and an
extractor that raises costs one frame of one sentence, reported in report.json."""

from __future__ import annotations

import importlib
import json
import random

from spacy.tokens import Doc

import kg.extract
from kg.build import build
from kg.extract import extract
from kg.extract.guard import MAX_SENTENCE_TOKENS, bounded
from kg.records import Article

WORDS = [
    "the",
    "army",
    "said",
    "that",
    "forces",
    "loyal",
    "to",
    "Haftar",
    "attacked",
    "the",
    "town",
    "of",
    "Derna",
    "and",
    "killed",
    "civilians",
    "near",
    "the",
    "border",
    "with",
    "Egypt",
    "while",
    "officials",
    "condemned",
]


def test_nominal_under_nominal_without_preposition_does_not_recurse(nlp):
    """dep() asked case_of(), which asked dep() of the head: an nmod under an nmod, neither with a
    preposition, looped until RecursionError and the article was lost."""
    words = ["Strikes", "hit", "town", "village", "Derna", "yesterday", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 1, 2, 3, 1, 1],
        deps=["nsubj", "ROOT", "obl", "nmod", "nmod", "obl", "punct"],
        pos=["NOUN", "VERB", "NOUN", "NOUN", "PROPN", "NOUN", "PUNCT"],
        tags=["NNS", "VBD", "NN", "NN", "NNP", "NN", "."],
    )
    result = extract(Article("x", doc.text, "x"), doc)
    assert [a.trigger for a in result.attacks] == ["Strikes"]
    assert result.problems == ()


def test_a_sentence_of_thousands_of_words_is_cut_into_pieces(nlp):
    random.seed(3)
    text = " ".join(random.choice(WORDS) for _ in range(3000)) + "."
    doc = nlp(text)
    assert max(len(s) for s in doc.sents) > MAX_SENTENCE_TOKENS  # the parser made one huge sentence
    cut = bounded(doc)
    assert cut.text == doc.text and max(len(s) for s in cut.sents) <= MAX_SENTENCE_TOKENS
    kept = [(t.head.i, t.dep_) == (doc[t.i].head.i, doc[t.i].dep_) for t in cut if t.head.i != t.i]
    assert all(kept) and len(kept) > 0.9 * len(doc)  # only the arcs between pieces are cut
    result = extract(Article("long", text, "long"), doc)
    assert result.problems == () and result.attacks  # the frames of the pieces are kept
    ordinary = nlp("Forces loyal to Haftar attacked Derna.")
    assert bounded(ordinary) is ordinary  # ordinary text is not copied, so its output is unchanged


def test_one_sentence_of_thousands_of_words_builds(tmp_path):
    random.seed(4)
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_text("Derna\n\n" + " ".join(random.choice(WORDS) for _ in range(5000)) + ".\n")
    (src / "short.txt").write_text("Clashes\n\nForces loyal to Haftar shelled Derna on Monday.\n")
    report = build([src], tmp_path / "out", quiet=True)
    assert sorted(report.articles) == ["long.txt", "short.txt"] and report.failed == []


def _explode_on(word: str, real):
    """An extractor that raises while it looks at the parse of ``word`` and otherwise works (a
    stand-in for an extractor bug on one sentence's parse)."""

    def run(ctx, *args):
        for tok in ctx.doc:
            if tok.text == word and tok.pos_ != "X":
                raise ValueError(f"cannot handle {tok.text}")
        return real(ctx, *args)

    return run


ARTICLE = (
    "Fighting in Libya\n\n"
    "The United Nations condemned the Libyan National Army on Monday. "
    "Zorblat said nothing. "
    "Forces loyal to Khalifa Haftar shelled Derna, killing three civilians.\n"
)


def test_an_extractor_that_raises_loses_one_sentence_not_the_article(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    monkeypatch.setattr(kg.extract, "find_statements", _explode_on("Zorblat", kg.extract.find_statements))
    monkeypatch.setattr(kg.extract, "find_attacks", _explode_on("Zorblat", kg.extract.find_attacks))
    report = build([src], tmp_path / "out", quiet=True)
    assert report.articles == ["a.txt"] and report.failed == []
    on_disk = json.loads((tmp_path / "out" / "report.json").read_text())
    problems = on_disk["problems"]
    assert {p["stage"] for p in problems} == {"statements", "attacks"}
    for p in problems:
        assert p["article"] == "a.txt" and p["sentence"] == "Zorblat said nothing."
        assert "cannot handle Zorblat" in p["error"] and ARTICLE[p["begin"] :].startswith("Zorblat")
    # every other sentence's frames are in the graph
    assert on_disk["counts"]["Statement"] >= 1 and on_disk["counts"]["Attack"] >= 1


def test_a_document_stage_that_raises_keeps_the_article(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)

    def broken(extraction):
        raise KeyError("slot")

    monkeypatch.setattr(importlib.import_module("kg.workers"), "document", broken)  # the per-article stages
    report = build([src], tmp_path / "out", quiet=True)
    assert report.articles == ["a.txt"] and report.failed == []
    assert [(p["stage"], p["article"]) for p in report.problems] == [("document", "a.txt")]
    assert report.counts["Attack"] >= 1


def test_extraction_answers_from_its_memo_as_without_it_and_lets_the_doc_go(nlp):
    """Extraction memoises pure functions of the parse per token and caches sentence spans on the doc;
    the answers are those worked out afresh, and once extraction ends the doc holds nothing of it (no
    reference cycle: it is freed at once, not when the garbage collector runs)."""
    import gc
    import weakref

    from kg.extract.context import case_of, dep, is_passive, with_sentence_index
    from kg.extract.numbers import casualties
    from kg.extract.triggers import pos, trigger_type

    text = "Gunmen were blamed for the raid.\n\nRebels shelled two villages on Monday, killing nine people."
    fresh = nlp(text)
    memoised = with_sentence_index(nlp(text))
    for fn in (dep, is_passive, case_of, casualties, pos, trigger_type):
        assert [fn(t) for t in memoised] == [fn(t) for t in fresh], fn.__name__
        assert [fn(t) for t in memoised] == [fn(t) for t in fresh], fn.__name__  # asked again: same
    assert [t.sent.text for t in memoised] == [t.sent.text for t in fresh]

    doc = nlp(text)
    assert [a.trigger for a in extract(Article("x", text, "x"), doc).attacks] == ["shelled"]
    assert "sent" not in doc.user_token_hooks and not doc.user_data
    gc.disable()
    try:
        gone = weakref.ref(doc)
        del doc
        assert gone() is None
    finally:
        gc.enable()
