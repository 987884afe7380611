"""The training recipe's converter: every corpus is brought to one entity-span convention."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
from convert import harmonise, normalise_iob  # noqa: E402


def test_determiners_and_titles_leave_the_span():
    words = [
        "the",
        "UN",
        "Special",
        "Envoy",
        "met",
        "Deputy",
        "Secretary",
        "of",
        "State",
        "Antony",
        "Blinken",
        "and",
        "The",
        "Coalition",
    ]
    iob = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"] + ["B-PER"] + ["I-PER"] * 5 + ["O", "B-ORG", "I-ORG"]
    got = harmonise(words, iob)
    spans = [w for w, t in zip(words, got, strict=True) if t != "O"]
    assert spans == ["UN", "Special", "Envoy", "Antony", "Blinken", "Coalition"]
    assert got[9] == "B-PER" and got[13] == "B-ORG"


def test_proper_nouns_a_derived_span_left_out_join_it():
    words = ["In", "the", "United", "States", ",", "President", "Barack", "Obama", "met", "the", "Democratic", "Party"]
    iob = ["O", "O", "O", "B-LOC", "O", "O", "O", "B-PER", "O", "O", "O", "B-ORG"]
    tags = ["IN", "DT", "NNP", "NNP", ",", "NNP", "NNP", "NNP", "VBD", "DT", "NNP", "NNP"]
    got = harmonise(words, iob, tags)
    assert got == ["O", "O", "B-LOC", "I-LOC", "O", "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG"]
    assert harmonise(words, iob) == iob  # without tags (NER-only corpora) nothing is extended


def test_foreign_labels_map_to_three_and_stray_inside_tags_open_a_span():
    assert normalise_iob(["B-Person", "I-Weapon", "I-GPE", "B-Nationality", "I-ORG"]) == [
        "B-PER",
        "O",
        "B-LOC",
        "O",
        "B-ORG",
    ]
