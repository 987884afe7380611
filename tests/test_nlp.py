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


def test_a_dateline_is_a_sentence_of_its_own_and_the_lead_starts_after_it(nlp):
    """The dateline's place, date and agency are furniture: glued to the lead they become its subject."""
    text = (
        "Shelling resumes in the east\n\n"
        "DONETSK, Ukraine, March 4 (AP) — Shelling killed two civilians on Monday.\n\n"
        "MEXICO CITY -- The army said it would investigate.\n\n"
        "Goma: Rebels seized the town.\n\n"
        "KHARTOUM, — The army denied the report.\n"
    )
    assert sentences(nlp, text) == [
        "Shelling resumes in the east",
        "DONETSK, Ukraine, March 4 (AP) —",
        "Shelling killed two civilians on Monday.",
        "MEXICO CITY --",
        "The army said it would investigate.",
        "Goma:",
        "Rebels seized the town.",
        "KHARTOUM, —",
        "The army denied the report.",
    ]


def test_capitals_that_open_a_sentence_are_no_dateline_unless_a_mark_and_space_follow(nlp):
    text = (
        "KABUL: a headline is never a dateline\n\n"
        "NATO-led forces withdrew.\n"
        "ISIS-K, the group's affiliate, took responsibility.\n"
        "UN: aid is blocked.\n"
        "Update: the toll rose.\n"
    )
    assert sentences(nlp, text) == [
        "KABUL: a headline is never a dateline",
        "NATO-led forces withdrew.",
        "ISIS-K, the group's affiliate, took responsibility.",
        "UN: aid is blocked.",
        "Update: the toll rose.",
    ]


def ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_a_lower_case_arabic_article_opens_the_name(nlp):
    assert ("al Qaeda", "ORG") in ents(nlp, "The council denied any links to al Qaeda or its affiliates.")
    assert ("al-Shabaab", "ORG") in ents(nlp, "Fighters of al-Shabaab attacked the base near Mogadishu.")


def test_a_side_of_a_place_belongs_to_it_and_places_stand_east_of(nlp):
    found = ents(nlp, "Shelling continued in southern Lebanon, about 40 kilometres south of Tyre.")
    assert ("southern Lebanon", "LOC") in found
    assert ("Tyre", "LOC") in found


def test_an_owner_and_his_forces_are_not_one_name(nlp, extract_text):
    ex = extract_text("Witnesses said Hemedti's forces looted the market in El Fasher.")
    force = next(m for m in ex.mentions if m.leader)
    assert (force.text, force.leader) == ("Hemedti's forces", "Hemedti")


def test_a_side_of_a_place_lies_in_the_place(extract_text):
    ex = extract_text("Drone strikes hit eastern Ukraine overnight.")
    (rel,) = [r for r in ex.relations if r.predicate == "locatedIn"]
    assert (rel.subject.text, rel.object.text) == ("eastern Ukraine", "Ukraine")


def test_the_gazetteer_calls_a_word_a_place_by_its_spellings_only():
    from kg.lexicon import place_ids, places

    geo, ids = places(), place_ids()
    assert geo["Kyiv"] == geo["Kiev"] == "city"  # a spelling of the name
    assert "Google" not in geo and "Thai" not in geo  # alternate names of Topeka and Alor Setar
    assert "March" not in geo  # the month, before the town
    assert ids["Halab"] & ids["Aleppo"]  # other names still tell two forms of one place


def test_a_name_the_model_calls_an_organisation_is_no_town(nlp):
    got = ents(nlp, "Thousands of Google employees signed the letter, and Amazon staff joined them.")
    assert ("Google", "LOC") not in got


def test_a_time_is_no_title_and_a_capitalised_given_name_is_no_acronym(nlp):
    got = ents(nlp, "Sent by: Janette Elbertson 02/28/2001 03:16 PM Please use the attached form.")
    assert not any(text == "Please" for text, _ in got)
    got = ents(nlp, "SCALIA filed a dissenting opinion, in which THOMAS and ALITO joined.")
    assert ("THOMAS", "ORG") not in got


def test_a_title_case_headline_names_only_what_the_text_or_gazetteer_vouches_for(nlp):
    text = (
        "General Praised by Rebels Accused of Shelling Kharkiv as Zelensky Vows Revenge\n\n"
        "President Volodymyr Zelensky said on Monday that the shelling would not go unanswered."
    )
    got = ents(nlp, text)
    headline = [e for e in got if text.index(e[0]) < text.index("\n")]
    assert ("Kharkiv", "LOC") in headline  # the gazetteer knows it
    assert ("Zelensky", "PER") in headline  # the text names him below
    assert not any(name in ("Praised", "Rebels Accused", "Vows Revenge") for name, _ in headline)


def test_one_word_where_places_stand_stays_a_place_though_tagged_a_person_elsewhere(nlp):
    text = (
        "Alfatayeh said nothing. A residential neighbourhood in Alfatayeh in Derna was hit by airstrikes "
        "fired by helicopters."
    )
    got = [(e.text, e.label_, e.start_char) for e in nlp(text).ents]
    assert ("Alfatayeh", "LOC", text.index("in Alfatayeh") + 3) in got


def test_a_byline_names_its_authors(nlp):
    text = (
        "Shelling resumes in Kharkiv\n(Author: Kyiv Post Staff)\nBy Sarah Chen and Omar Haddad\n"
        "By Monday, the army had taken the city.\nRebels shelled the town on Monday, officials said."
    )
    ents = {(e.text, e.label_) for e in nlp(text).ents}
    assert {("Kyiv Post Staff", "ORG"), ("Sarah Chen", "PER"), ("Omar Haddad", "PER")} <= ents
    assert not {e for e in ents if e[0].startswith("Monday")}


def test_a_title_case_headline_keeps_a_state_body_and_nothing_after_it(nlp):
    text = (
        "Iraqi Security Forces Retake Key Town From Militants\n\n"
        "Sudanese Army Shells Omdurman Market\n\n"
        "Troops entered the town on Sunday after a week of fighting, officials said."
    )
    got = ents(nlp, text)
    assert ("Iraqi Security Forces", "ORG") in got  # a nationality and a head word bound the name
    assert ("Sudanese Army", "ORG") in got
    assert not any("Retake" in name or "Shells" in name for name, _ in got)


def test_a_name_keeps_its_one_sense_through_the_text(nlp):
    text = (
        "The Tigray Defence Forces (TDF) said on Monday that they had repelled the assault. "
        "On Tuesday, footage showed TDF fighters entering the town. Residents said TDF units had withdrawn."
    )
    labels = {label for name, label in ents(nlp, text) if name == "TDF"}
    assert labels == {"ORG"}
    assert sum(name == "TDF" for name, _ in ents(nlp, text)) == 3


def test_a_spelling_of_a_person_named_in_the_text_is_that_person(nlp):
    text = (
        "Fighters loyal to Ahmad Shah Massoud attacked oil sites. "
        "On Thursday, the brigades attacked oil sites under Masoud's control."
    )
    assert ("Masoud", "PER") in ents(nlp, text)  # the model calls it a place; the text names the man


def test_a_force_noun_or_a_warlord_opening_a_sentence_is_no_name(nlp):
    text = "Militia leader Ahmed Madobe spoke on Monday. Warlord Abdirahman Farole said his men would fight on."
    got = ents(nlp, text)
    assert ("Ahmed Madobe", "PER") in got and ("Abdirahman Farole", "PER") in got
    assert not any(name in ("Militia", "Warlord Abdirahman Farole") for name, _ in got)


def test_a_big_city_the_model_calls_a_person_is_the_city_unless_it_is_a_given_name(nlp):
    text = "Now in his mid-70s, the general has sent his forces across the desert from {} to seize the country."
    assert ("Khartoum", "LOC") in ents(nlp, text.format("Khartoum"))
    assert ("Donetsk", "LOC") in ents(nlp, text.format("Donetsk"))
    named = "Florence said on Monday that she would return to the village."
    assert ("Florence", "PER") in ents(nlp, named)  # a city of 370,000, and a woman's name


def test_the_loader_multiplies_through_numpy_with_the_outputs_of_spacys_default(nlp):
    """kg.nlp.load swaps thinc's blis for numpy's OpenBLAS (faster here); every tag, head, label,
    lemma and entity must stay what plain spacy.load gives."""
    import spacy

    from kg.nlp import DEFAULT_MODEL, add_rules

    plain = spacy.load(DEFAULT_MODEL)
    add_rules(plain)
    assert plain.get_pipe("tok2vec").model.ops.use_blis
    assert not nlp.get_pipe("tok2vec").model.ops.use_blis
    text = (
        "Sudanese Armed Forces shelled Omdurman on Tuesday, killing 14 civilians, the health ministry said.\n"
        "The Rapid Support Forces (RSF) accused General Abdel Fattah al-Burhan of targeting markets in Khartoum."
    )

    def reading(doc):
        return [(t.text, t.tag_, t.head.i, t.dep_, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]

    assert reading(nlp(text)) == reading(plain(text))


def test_a_known_city_the_text_puts_somewhere_is_a_place_wherever_it_stands(nlp):
    """The model calls "El Fasher" a person; "in El Fasher" and the gazetteer make it the city, and
    the other mentions follow."""
    got = ents(
        nlp,
        "A drone strike hit a crowded market in El Fasher on Sunday, killing 23 civilians.\n\n"
        "Paramilitary fighters have besieged El Fasher since May.",
    )
    fasher = [label for text, label in got if text == "El Fasher"]
    assert fasher == ["LOC", "LOC"]


def test_a_title_before_a_name_makes_a_person_and_peoples_stays_inside_a_name(nlp):
    doc = nlp("Drones hit a depot in Belgorod, the regional governor Vyacheslav Gladkov said.")
    assert ("Vyacheslav Gladkov", "PER") in {(e.text, e.label_) for e in doc.ents}
    doc = nlp("The Tigray People's Liberation Front said its fighters had retreated.")
    assert ("Tigray People's Liberation Front", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_division_words_news_agencies_and_nationalities(nlp):
    ents = {
        (e.text, e.label_) for e in nlp("Shells hit the northern Yemeni city of Saada, officials told Reuters.").ents
    }
    assert ("Saada", "LOC") in ents and ("Reuters", "ORG") in ents
    assert not any("Yemeni" in text for text, _ in ents)  # a nationality is no name
    ents = {(e.text, e.label_) for e in nlp("Gunmen attacked Kukawa in Borno state, AP reported.").ents}
    assert any(text.startswith("Borno") and label == "LOC" for text, label in ents)
    assert ("AP", "ORG") in ents


def test_a_verb_ends_an_organisation_name_in_a_title_case_headline(nlp):
    """Every word of a title-case line is capitalised: "Denies" still ends the name before it."""
    text = (
        "Ethiopian Army Denies Amnesty International's Report On Killings\n\n"
        "The Ethiopian army has denied a report by Amnesty International about killings in Tigray.\n"
    )
    found = ents(nlp, text)
    assert ("Ethiopian Army", "ORG") in found
    assert not [e for e, _ in found if "Denies" in e]


def test_a_given_name_the_model_left_out_joins_the_surname(nlp):
    found = ents(nlp, "Farid Amanat, the district police chief, said the checkpoint was attacked on Monday.")
    assert ("Farid Amanat", "PER") in found
    assert ("Saleh", "PER") in ents(nlp, "On Monday Saleh said the attack happened.")  # a weekday is no name


def test_a_name_with_a_persons_office_in_apposition_is_a_person(nlp):
    """ "X Y, the district police chief, said": the office says X Y is a person, whatever the model missed."""
    assert ("Haroon Shinwari", "PER") in ents(nlp, "Haroon Shinwari, the district police chief, said on Monday.")
    assert ("Jawed Noori", "PER") in ents(nlp, "Jawed Noori, a spokesman for the provincial governor, said.")
    assert ("Human Rights Watch", "ORG") in ents(nlp, "Human Rights Watch, the New York-based group, said.")


def test_a_past_tense_tagged_as_an_adjective_with_a_subject_and_object_is_the_verb(nlp):
    """The tagger may call "blamed" an adjective (lemma "blam"); with a subject and an object it is the verb."""
    from spacy.tokens import Doc

    from kg.nlp import lemmas

    words = ["Armenia", "and", "Azerbaijan", "blamed", "each", "other", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        tags=["NNP", "CC", "NNP", "JJ", "DT", "JJ", "."],
        pos=["PROPN", "CCONJ", "PROPN", "ADJ", "DET", "ADJ", "PUNCT"],
        heads=[3, 2, 0, 3, 3, 4, 3],
        deps=["nsubj", "cc", "conj", "ROOT", "obj", "fixed", "punct"],
        lemmas=["Armenia", "and", "Azerbaijan", "blam", "each", "other", "."],
    )
    lemmas(doc)
    assert (doc[3].tag_, doc[3].pos_, doc[3].lemma_) == ("VBD", "VERB", "blame")
    assert (doc[5].tag_, doc[5].lemma_) == ("JJ", "other")  # no subject, no object: left alone
