"""The rule components kg.nlp adds to any pipeline: universal POS from Penn tags, news sentence
boundaries, entity repairs. They are written on arrays for speed; these pin what they decide."""

from __future__ import annotations

import spacy


def test_universal_pos_comes_from_the_penn_tag(nlp):
    doc = nlp("The army shelled the town and two civilians were killed.")
    assert "newskg_pos" in nlp.pipe_names
    by_text = {t.text: (t.tag_, t.pos_) for t in doc}
    assert by_text["army"] == ("NN", "NOUN")
    assert by_text["shelled"] == ("VBD", "VERB")
    assert by_text["two"] == ("CD", "NUM")
    assert by_text["."] == (".", "PUNCT")


def test_a_tag_outside_the_map_keeps_its_pos():
    """A blank pipeline's tokens have no tag: the component leaves their POS alone."""
    from kg.nlp import universal_pos

    nlp = spacy.blank("en")
    doc = nlp("Shelling resumed")
    doc[0].pos_ = "NOUN"
    universal_pos(doc)
    assert [t.pos_ for t in doc] == ["NOUN", ""]


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_line_break_ends_a_headline_without_a_full_stop(nlp):
    text = "Rebels shell port city\n\nRebels shelled the port on Monday, officials said."
    assert sentences(nlp, text) == ["Rebels shell port city", "Rebels shelled the port on Monday, officials said."]


def test_a_title_abbreviation_or_a_lower_case_word_starts_no_sentence(nlp):
    text = 'Mr. Okello said the convoy was hit. "We saw it," he said. the rest followed.'
    assert sentences(nlp, text) == ["Mr. Okello said the convoy was hit.", '"We saw it," he said. the rest followed.']


def test_a_quote_closing_a_sentence_belongs_to_it(nlp):
    text = 'The minister said: "The siege must end." Aid groups agreed.'
    assert sentences(nlp, text) == ['The minister said: "The siege must end."', "Aid groups agreed."]
