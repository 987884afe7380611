"""Extraction through the real model on sentences about several conflicts (none from the seeds)."""


def _attack(ex):
    assert ex.attacks, "no attack found"
    return ex.attacks[0]


def _acts(ex):
    return {(s.statement_type, s.speaker.text, s.target.text if s.target else None) for s in ex.statements}


def test_possessive_perpetrator_place_and_counted_victims(extract_text):
    ex = extract_text("Assad’s airstrikes on Idlib killed a mother and her two children and wounded seven others.")
    a = _attack(ex)
    assert a.attack_type == "Airstrike"
    assert a.perpetrator.text == "Assad"
    assert a.location.text == "Idlib"
    assert (a.killed, a.injured) == (3, 7)


def test_attack_by_agent_phrase(extract_text):
    ex = extract_text("The shelling by Russian forces hit a school in Kharkiv, killing four civilians.")
    a = _attack(ex)
    assert a.attack_type == "Shelling"
    assert a.location.text == "Kharkiv"
    assert a.killed == 4


def test_subset_is_not_added_to_the_count(extract_text):
    ex = extract_text(
        "Six civilians, including three children, were killed in an air strike on Marib on Monday.",
        published="2021-02-10",
    )
    a = _attack(ex)
    assert a.killed == 6
    assert a.date_text == "on Monday" and a.date == "2021-02-08"


def test_statement_speaker_object_and_passive_agent(extract_text):
    ex = extract_text("Antonio Guterres condemned Hamas. Vladimir Putin was criticized by Emmanuel Macron.")
    got = _acts(ex)
    assert ("Condemnation", "Antonio Guterres", "Hamas") in got
    assert ("Criticism", "Emmanuel Macron", "Vladimir Putin") in got


def test_statement_about_an_attack_targets_its_perpetrator(extract_text):
    ex = extract_text("Amnesty International condemned the airstrikes by the Saudi-led coalition on Sanaa.")
    (s,) = [s for s in ex.statements if s.statement_type == "Condemnation"]
    assert s.speaker.text == "Amnesty International"
    assert s.about is not None and s.about.attack_type == "Airstrike"


def test_quote_is_attached_to_the_speech_act(extract_text):
    ex = extract_text("“The shelling of civilians must stop,” said Volker Türk.")
    (s,) = ex.statements
    assert s.speaker.text == "Volker Türk" and s.quote == "The shelling of civilians must stop"


def test_operation_name_launcher_and_part_of(extract_text):
    ex = extract_text(
        "In March, Erdogan launched Operation Olive Branch in Afrin, an extension of Operation Euphrates Shield."
    )
    ops = {o.name: o for o in ex.operations}
    assert "Operation Olive Branch" in ops and "Operation Euphrates Shield" in ops


def test_role_from_apposition_and_membership(extract_text):
    ex = extract_text("Stephane Dujarric, the spokesman for the United Nations, said the talks would resume.")
    (p,) = [m for m in ex.mentions if m.kind == "Person"]
    assert p.role == "spokesman for the United Nations"
    assert any(r.predicate == "spokespersonFor" and r.object.text == "United Nations" for r in ex.relations)


def test_offsets_index_the_article_text(extract_text):
    text = "Headline without stop\n\nRebels shelled Aden on Friday.\u00a0Two died."
    ex = extract_text(text)
    assert ex.sentences[0].text == "Headline without stop"
    for s in ex.sentences:
        assert text[s.begin : s.end] == s.text
    for m in ex.mentions:
        assert text[m.begin : m.end] == m.text


def test_nationality_and_group_noun_make_one_actor(extract_text):
    ex = extract_text(
        "Russian forces shelled Kharkiv on Tuesday, killing at least 11 civilians and wounding 35 others."
    )
    a = _attack(ex)
    assert (a.attack_type, a.perpetrator.text, a.location.text) == ("Shelling", "Russian forces", "Kharkiv")
    assert (a.killed, a.injured) == (11, 35)


def test_nationality_before_an_attack_word_names_the_state(extract_text):
    ex = extract_text("An Israeli airstrike on a house in Rafah killed six members of one family.")
    a = _attack(ex)
    assert (a.perpetrator.text, a.perpetrator.kind, a.location.text, a.killed) == ("Israeli", "Location", "Rafah", 6)


def test_reciprocal_blame_gives_two_accusations(extract_text):
    ex = extract_text("Russia and Ukraine blamed each other for the shelling of the nuclear plant.")
    got = _acts(ex)
    assert got == {("Accusation", "Russia", "Ukraine"), ("Accusation", "Ukraine", "Russia")}


def test_said_is_typed_by_what_was_said(extract_text):
    ex = extract_text("“These attacks on civilians are unacceptable,” said Martin Griffiths.")
    (s,) = ex.statements
    assert (s.statement_type, s.speaker.text) == ("Condemnation", "Martin Griffiths")


def test_blamed_for_an_attack_names_its_author(extract_text):
    ex = extract_text("Afghan officials blamed the Taliban for a roadside bomb that killed four soldiers in Helmand.")
    (s,) = ex.statements
    assert (s.statement_type, s.speaker.text, s.target.text) == ("Accusation", "Afghan officials", "Taliban")
    a = _attack(ex)
    assert (a.attack_type, a.perpetrator.text, a.killed) == ("Bombing", "Taliban", 4)


def test_a_definite_attack_word_refers_back(extract_text):
    ex = extract_text(
        "Houthi rebels fired a ballistic missile at Jizan on Monday. "
        "The Saudi-led coalition condemned the missile attack and warned the Houthis of a response."
    )
    assert len(ex.attacks) == 1
    got = _acts(ex)
    assert ("Warning", "Saudi-led coalition", "Houthis") in got
    (condemned,) = [s for s in ex.statements if s.statement_type == "Condemnation"]
    assert condemned.about is ex.attacks[0]


def test_a_closing_quote_glued_to_the_next_word_ends_the_sentence(extract_text):
    ex = extract_text("“The shelling must stop.”Amnesty International said the city was hit again.")
    assert [s.text for s in ex.sentences] == [
        "“The shelling must stop.”",
        "Amnesty International said the city was hit again.",
    ]


def test_relative_clause_and_a_later_reference_keep_the_author(extract_text):
    ex = extract_text(
        "The Rapid Support Forces, which launched an offensive on El Fasher in May, deny targeting civilians. "
        "More than 200 people have been killed in the latest offensive."
    )
    (offensive,) = ex.attacks  # "the latest offensive" tells the offensive of the first sentence again
    assert offensive.perpetrator.text == "Rapid Support Forces"
    assert offensive.killed == 200
    assert [s.text for s in offensive.evidence] == ["More than 200 people have been killed in the latest offensive."]


def test_clash_sides_from_a_between_phrase_and_a_name_the_text_introduces(extract_text):
    ex = extract_text(
        "Clashes have been ongoing in the area between the Sudanese army and a paramilitary group known as "
        "the Rapid Support Forces of Darfur. There have also been clashes between the two groups in Nyala."
    )
    names = {(m.text, m.kind) for m in ex.mentions}
    assert ("Rapid Support Forces of Darfur", "Organization") in names
    first, second = ex.attacks
    assert first.attack_type == second.attack_type == "ArmedClash"
    assert first.perpetrator.text == second.perpetrator.text == "Sudanese army"
    assert second.location.text == "Nyala"


def test_a_no_break_space_after_a_full_stop_ends_the_sentence(extract_text):
    ex = extract_text("The town was shelled again.\u00a0The UN envoy condemned the attack.")
    assert [s.text for s in ex.sentences] == ["The town was shelled again.", "The UN envoy condemned the attack."]


def test_a_title_before_a_name_makes_a_person_and_the_role_keeps_the_title(extract_text):
    ex = extract_text(
        "Ethiopian General Birhanu Jula continues his siege of Mekelle. "
        "UN Secretary-General Antonio Guterres called on Ethiopia to lift it."
    )
    people = {m.text: m.role for m in ex.mentions if m.kind == "Person"}
    assert "Birhanu Jula" in people and people.get("Antonio Guterres") == "UN Secretary-General"
    (a,) = ex.attacks
    assert (a.attack_type, a.perpetrator.text, a.location.text) == ("Siege", "Birhanu Jula", "Mekelle")


def test_an_operation_that_is_an_attack_takes_its_owner_from_anywhere_in_the_article(extract_text):
    ex = extract_text(
        "Airstrikes carried out on Marawi as part of Rodrigo Duterte's Operation Sunrise killed two. "
        "Operation Sunrise is a siege of the city of Marawi by land and air."
    )
    siege = next(a for a in ex.attacks if a.attack_type == "Siege")
    assert (siege.perpetrator.text, siege.operation, siege.location.text) == (
        "Rodrigo Duterte",
        "Operation Sunrise",
        "Marawi",
    )


def test_a_speaker_and_reciprocal_sides_the_parser_lost(extract_text):
    ex = extract_text(
        "The UN special envoy to Yemen Hans Grundberg called for an end to the shelling of Taiz. "
        "Houthi rebels and a local militia allied with the Saudi-led coalition blamed each other for the attacks."
    )
    got = _acts(ex)
    assert ("Appeal", "Hans Grundberg", None) in got
    assert {g for g in got if g[0] == "Accusation"} == {
        ("Accusation", "Houthi rebels", "Saudi-led coalition"),  # the people's fighters: the Houthis' node
        ("Accusation", "Saudi-led coalition", "Houthi rebels"),
    }


def test_statements_that_did_not_happen_are_not_statements(extract_text):
    ex = extract_text(
        "Egypt did not condemn the airstrike. Qatar refused to condemn it. "
        "The UN has avoided calling out the junta, while Amnesty International called out the generals."
    )
    got = {(s.statement_type, s.speaker.text) for s in ex.statements}
    assert got == {("Criticism", "Amnesty International")}


def test_an_organisation_named_like_a_town_still_speaks(extract_text):
    ex = extract_text("Hamas rejected the accusations.")
    assert [(s.statement_type, s.speaker.text) for s in ex.statements] == [("Rejection", "Hamas")]


def test_placed_under_siege_and_a_summary_killing_carried_out(extract_text):
    ex = extract_text(
        "Abiy Ahmed spoke on Monday. Abiy placed Mekelle under seige to cut off the rebels. "
        "On Wednesday, video footage showed Fano forces carrying out a summary killing in Gondar."
    )
    got = {(a.attack_type, a.perpetrator.text if a.perpetrator else None, a.location.text) for a in ex.attacks}
    assert ("Siege", "Abiy", "Mekelle") in got
    assert ("Killing", "Fano", "Gondar") in got  # "Fano forces" are Fano: the organisation, by its name


def test_generic_attacks_are_no_events_and_a_misattached_warning_keeps_its_speaker(extract_text):
    ex = extract_text(
        "Russian forces shelled Kharkiv on Tuesday. Volker Türk stressed that all parties had to respect "
        "international humanitarian law and warned that direct attacks on civilians are war crimes."
    )
    assert len(ex.attacks) == 1
    got = [(s.statement_type, s.speaker.text, s.target) for s in ex.statements]
    assert got == [("Warning", "Volker Türk", None)]  # the typed act replaces the plain "stressed"


def test_fighting_during_which_an_attack_happened_is_its_backdrop(extract_text):
    ex = extract_text(
        "Witnesses said residential areas in the Al-Shaab district of Khartoum were attacked with rockets "
        "during an episode of intense fighting."
    )
    (a,) = ex.attacks
    assert (a.attack_type, a.location.text) == ("RocketAttack", "Al-Shaab district")


def test_a_quotation_running_on_into_a_new_paragraph_keeps_its_speaker(extract_text):
    ex = extract_text(
        "“The shelling of Kharkiv is a disgrace,” said Oleksandra Matviichuk.\n\n"
        "Such reckless attacks could have devastating consequences for civilians.”\n\n"
        "The mayor reopened the schools.”"
    )
    got = [(s.statement_type, s.speaker.text, s.sentence.text.strip()[:4]) for s in ex.statements]
    assert ("Warning", "Oleksandra Matviichuk", "Such") in got
    assert not [g for g in got if g[2] == "The "]  # no evaluative words: not counted as a statement


def test_residents_of_a_named_place_are_a_target_and_civilians_alone_are_nobody(extract_text):
    ex = extract_text(
        "The army spokesman accused the residents of Kidal of sheltering militants. "
        "Israel warned Gaza residents to move south. "
        "The UN warned civilians to stay indoors."
    )
    groups = [m for m in ex.mentions if m.kind == "Group" and not m.sector]
    assert [(m.text, m.place) for m in groups] == [("residents of Kidal", "Kidal"), ("Gaza residents", "Gaza")]
    assert [m.text for m in ex.mentions if m.sector == "militants"] == ["militants"]  # a group of this article
    assert ("Warning", "Israel", "Gaza residents") in _acts(ex)
    assert ("Warning", "UN", None) in _acts(ex)


def test_a_quoted_act_names_whom_and_an_object_relative_clause_keeps_its_speaker(extract_text):
    ex = extract_text(
        "“We have warned residents in the town of Bucha to leave,” the ministry spokesman Igor Konashenkov said. "
        "The report ignored the blockade of Mekelle, which Secretary of State Antony Blinken had criticized in May."
    )
    acts = _acts(ex)
    assert ("Warning", "Igor Konashenkov", "residents in the town of Bucha") in acts
    assert any(t == "Criticism" and s == "Antony Blinken" for t, s, _ in acts)


def test_a_subject_lost_behind_an_apposition_is_the_actor_opening_the_sentence(extract_text):
    """Our parser loses the subject of "X, <apposition>, condemned ..." most of all; the verb, the verbs
    coordinated with it, and a later "and accused" still belong to the actor that opens the sentence."""
    ex = extract_text(
        "The RSF, led by Mohamed Hamdan Dagalo, known as Hemedti, denied responsibility and accused the "
        "Sudanese Armed Forces of shelling the market.\n\n"
        "Lawmakers ousted in the coup formed the National Unity Government (NUG) in April.\n\n"
        "The NUG, the shadow government formed by ousted lawmakers, condemned the bombing as a war crime "
        "and urged the international community to act.\n\n"
        "Eritrean troops killed dozens of civilians in Axum in November, witnesses told reporters."
    )
    got = _acts(ex)
    assert ("Accusation", "RSF", "Sudanese Armed Forces") in got
    assert any(t == "Condemnation" and w == "NUG" for t, w, _ in got)
    assert any(t == "Appeal" and w == "NUG" for t, w, _ in got)
    assert not any(w == "Eritrean troops" for _, w, _ in got)  # "witnesses told": a subject, though no actor


def test_a_clause_with_its_own_actor_gives_the_statement_no_target(extract_text):
    """ "X praised ..., while Y warned Z that further attacks ...": the attacks are Y's topic, so
    their author is not whom X praised."""
    ex = extract_text(
        "Wagner fighters shelled Bakhmut on Monday.\n\n"
        "Poland praised the army for agreeing to a prisoner exchange, while the United States warned "
        "Wagner that further attacks on civilians would bring new sanctions."
    )
    got = _acts(ex)
    assert ("Warning", "United States", "Wagner") in got
    assert ("Praise", "Poland", "army") in got  # the army of this article, not the attacks' author


def test_denied_negated_and_threatened_attacks_are_not_events(extract_text):
    for text in (
        "The rebels insisted they were not targeting civilians in Goma.",
        "The Kremlin denied that its troops had shelled a hospital in Mariupol.",
        "The Houthis warned Saudi Arabia of further strikes on Jizan.",
        "The Secretary-General called on Russia to halt its offensive in Donetsk.",
        "Officials said the militia was preparing an assault on Kidal.",
    ):
        assert not extract_text(text).attacks, text
    # the same words told as done are attacks
    assert extract_text("Rebels targeted civilians in Goma, killing six.").attacks
    assert extract_text("Russian troops shelled a hospital in Mariupol.").attacks


def test_a_claim_of_responsibility_names_the_author_of_the_attack_told_before(extract_text):
    ex = extract_text(
        "A car bomb exploded outside a hotel in Mogadishu on Friday, killing at least 18 people, police said. "
        "The al Qaeda-linked militant group al-Shabaab claimed responsibility for the blast."
    )
    assert len(ex.attacks) == 1
    a = ex.attacks[0]
    assert (a.attack_type, a.perpetrator.text, a.location.text, a.killed) == ("Bombing", "al-Shabaab", "Mogadishu", 18)
    assert ("Claim", "al-Shabaab", None) in _acts(ex)


def test_a_pronoun_in_a_reported_clause_is_the_speaker(extract_text):
    a = _attack(extract_text("The US military said it carried out an airstrike near Jilib, killing seven militants."))
    assert (a.attack_type, a.perpetrator.text, a.killed) == ("Airstrike", "US military", 7)
    a = _attack(extract_text("The Israeli army said its troops had killed two gunmen near Jenin."))
    assert (a.perpetrator.text, a.location.text, a.killed) == ("Israeli army", "Jenin", 2)


def test_an_ambush_with_casualties_is_an_attack_without_a_named_author(extract_text):
    a = _attack(extract_text("Jihadists ambushed an army convoy near Menaka on Thursday, killing 12 soldiers."))
    assert (a.attack_type, a.location.text, a.killed) == ("OtherAttack", "Menaka", 12)


def test_a_ministry_named_by_its_country_speaks(extract_text):
    ex = extract_text("Sudan's health ministry said the Rapid Support Forces killed 23 people in El Fasher.")
    assert ("Accusation", "Sudan's health ministry", "Rapid Support Forces") in _acts(ex)
    # a plain report of no one is no statement between actors
    assert not extract_text("Sudan's health ministry said 23 people were killed in El Fasher.").statements


def test_a_headline_attack_told_again_in_the_lead_is_one_attack(extract_text):
    ex = extract_text(
        "Drone Strike on Kramatorsk Market Kills 9\n\n"
        "A Russian drone strike hit a crowded market in Kramatorsk on Sunday, killing nine people and "
        "wounding 20, officials said.\n\nShelling killed two people in Kherson on Monday."
    )
    strikes = [a for a in ex.attacks if a.attack_type == "Airstrike"]
    assert len(strikes) == 1
    a = strikes[0]
    assert (a.location.text, a.killed, a.injured) == ("Kramatorsk", 9, 20)
    assert a.sentence.text.startswith("Drone Strike on Kramatorsk")  # the first telling, then the lead
    assert [s.text[:22] for s in a.evidence] == ["A Russian drone strike"]
    assert any(a.attack_type == "Shelling" and a.location.text == "Kherson" for a in ex.attacks)


def test_a_countrys_capital_is_its_capital_city(extract_text):
    a = _attack(extract_text("A car bomb exploded outside a hotel in the Somali capital, killing 18 people."))
    assert (a.location.text, a.killed) == ("Mogadishu", 18)
    a = _attack(extract_text("Clashes erupted in Sudan's capital on Saturday."))
    assert a.location.text == "Khartoum"


def test_a_killing_told_with_the_raid_it_happened_in_is_one_attack(extract_text):
    ex = extract_text(
        "Suspected Boko Haram fighters killed 37 people in an overnight raid on a village in Borno state."
    )
    assert len(ex.attacks) == 1
    a = ex.attacks[0]
    assert (a.attack_type, a.perpetrator.text, a.killed) == ("OtherAttack", "Boko Haram", 37)
    assert a.location.text.startswith("Borno")


def test_a_definite_body_word_names_the_organisation_named_before(extract_text):
    ex = extract_text(
        "An air strike by the Saudi-led coalition hit a prison in Saada. "
        "The Houthis accused the coalition of committing a horrific crime."
    )
    assert ("Accusation", "Houthis", "Saudi-led coalition") in _acts(ex)
    ex = extract_text("Amnesty International accused the army of killing civilians.")
    assert ("Accusation", "Amnesty International", "army") in _acts(ex)  # no army named before: its own group
    assert next(m for m in ex.mentions if m.text == "army").kind == "Group"
