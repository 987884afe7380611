"""A neutral "said" typed by the act its reported clause tells, and a plain report's target."""

from __future__ import annotations

import pytest
import rdflib

from kg.build import build


def _said(ex):
    return {(s.statement_type, s.speaker.text, s.target.text if s.target else None) for s in ex.statements}


def test_another_actor_shelling_in_the_reported_clause_is_an_accusation(extract_text):
    ex = extract_text(
        "Kenya’s defense ministry said Somalia had launched heavy shelling on Kenyan positions near Mandera."
    )
    assert ("Accusation", "Kenya’s defense ministry", "Somalia") in _said(ex)


def test_the_speakers_own_hostile_act_is_a_claim_against_the_side_hit(extract_text):
    ex = extract_text("The Georgian Defence Ministry said on Monday it had downed three Russian jets.")
    kinds = {(t, target) for t, _, target in _said(ex)}
    assert any(t == "Claim" and target and "Russian" in target for t, target in kinds)


def test_a_trailing_attribution_reads_the_clause_it_follows(extract_text):
    ex = extract_text("Maoist rebels ambushed a police patrol in Chhattisgarh, the Indian home ministry said.")
    assert any(t == "Accusation" and target and "Maoist" in target for t, _, target in _said(ex))


def test_a_plain_report_stays_an_assertion_about_the_actor_it_names(extract_text):
    ex = extract_text(
        "UN spokesman John Smith said that nine fighters of the Seleka rebel group also died in the battle."
    )
    assert ("Assertion", "John Smith", "Seleka") in _said(ex)


def test_a_negated_act_is_no_accusation(extract_text):
    ex = extract_text("The Thai army said Cambodia had not fired on its border posts.")
    assert not any(t == "Accusation" for t, _, _ in _said(ex))


def test_the_words_that_typed_a_statement_are_its_cue_in_the_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Ceasefire talks stall\n\nThe Malian government said the ambush near Gao was a war crime.\n", encoding="utf-8"
    )
    build([src], tmp_path / "out", quiet=True)
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    rows = g.query(
        "PREFIX kgo: <https://w3id.org/newskg/ontology#> "
        "SELECT ?t ?c WHERE { ?s kgo:statementType ?t ; kgo:statementCue ?c }"
    )
    assert {(str(t).rsplit("#", 1)[-1], str(c)) for t, c in rows} == {("Condemnation", "war crime")}


def test_according_to_a_source_vouching_for_a_hostile_act_accuses_its_doer(extract_text):
    ex = extract_text(
        "Ukrainian forces shelled the city of Donetsk overnight, "
        "according to a statement by the Russian Defence Ministry."
    )
    assert ("Accusation", "Russian Defence Ministry", "Ukrainian forces") in _said(ex)


def test_according_to_a_plain_fact_is_no_statement(extract_text):
    ex = extract_text("The convoy reached Goma on Tuesday, according to the Red Cross.")
    assert not ex.statements


def test_one_act_towards_each_coordinated_target(extract_text):
    ex = extract_text("The Arab League condemned Israel and Iran for the strikes.")
    assert {("Condemnation", "Arab League", "Israel"), ("Condemnation", "Arab League", "Iran")} <= _said(ex)


def test_a_news_outlet_is_the_channel_never_the_target_or_a_second_speaker(extract_text):
    ex = extract_text(
        "Clashes in the north\n\n"
        "Colonel Amadou Sanogo, the regional army commander, said jihadists had attacked the base, "
        "Reuters reported.\n"
        "The mayor told Voice of America that jihadists had burned the market.\n"
    )
    said = _said(ex)
    assert not [s for s in said if s[1] in ("Reuters", "Voice of America")]  # reporters, not speakers
    assert not [s for s in said if s[2] in ("Reuters", "Voice of America", "VOA")]  # nor whom it was said about


def test_a_document_speaks_for_its_author_and_what_was_said_names_whom(extract_text):
    """ "A ministry statement said X must withdraw": the ministry's appeal, to X."""
    ex = extract_text(
        "Border tension\n\n"
        "The Kenyan Foreign Ministry said on Monday that Somali troops had crossed the border.\n\n"
        "A ministry statement said Somalia must withdraw its forces immediately.\n"
    )
    assert ("Appeal", "Kenyan Foreign Ministry", "Somalia") in _said(ex)
    ex = extract_text("A statement by the Malian army said the jihadists must withdraw from Menaka.")
    assert any(s[0] == "Appeal" and s[1] == "Malian army" for s in _said(ex))


def test_speech_acts_said_in_phrases(extract_text):
    """statements.yaml's idioms, as news writes them: words between the idiom's words, the slot's actor."""
    ex = extract_text(
        "Blame for the bombing\n\n"
        "Afghan officials held the Taliban fully responsible for the attack on Monday. "
        "The Colombian government pointed the finger squarely at the ELN. "
        "Ethiopia and Eritrea traded blame for the clashes. "
        "The UN mission expressed deep concern about the fighting in Juba. "
        "The ministry will work to hold those behind the attacks accountable.\n"
    )
    said = _said(ex)
    assert ("Accusation", "Afghan officials", "Taliban") in said
    assert ("Accusation", "Colombian government", "ELN") in said
    assert {("Accusation", "Ethiopia", "Eritrea"), ("Accusation", "Eritrea", "Ethiopia")} <= said
    assert any(t == "Criticism" and who.startswith("UN") for t, who, _ in said)
    assert not [s for s in ex.statements if s.sentence.text.startswith("The ministry will")]  # not done yet


def test_a_denial_of_someones_words_answers_them(extract_text):
    ex = extract_text(
        "Army denies report\n\n"
        "Ethiopia's military on Monday denied allegations by Human Rights Watch that soldiers had shot civilians. "
        "The army also rejected claims from local officials.\n"
    )
    said = _said(ex)
    assert ("Denial", "Ethiopia's military", "Human Rights Watch") in said
    assert any(t == "Rejection" and target == "local officials" for t, _, target in said)


def test_a_headline_tells_the_leads_statement_again(tmp_path):
    """One claim told in the headline and the lead: one statement with both sentences as evidence."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Rebels claim attack on army base in Mopti\n\n"
        "The Macina Liberation Front claimed responsibility on Sunday for an attack on an army base near Mopti. "
        "The army said it had repelled the assault.\n",
        encoding="utf-8",
    )
    build([src], tmp_path / "out", quiet=True)
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    rows = g.query(
        "PREFIX kgo: <https://w3id.org/newskg/ontology#> "
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
        "SELECT ?s ?text WHERE { ?s kgo:statementType kgo:Claim ; kgo:evidence/nif:anchorOf ?text }"
    )
    claims: dict[str, set[str]] = {}
    for s, text in rows:
        claims.setdefault(str(s), set()).add(str(text)[:20])
    assert list(claims.values()) == [{"Rebels claim attack ", "The Macina Liberatio"}]


def test_every_sentence_of_a_quotation_is_its_speakers(extract_text):
    """A quotation of several sentences names its speaker once; each sentence that says something typed is
    the speaker's statement, aimed at the actor it names."""
    ex = extract_text(
        "Army rejects report\n\n"
        '"This is regrettable. The shelling of our villages by the rebels is a war crime. We reject these '
        'claims," the army spokesman Sani Usman said.\n'
    )
    said = _said(ex)
    assert ("Condemnation", "Sani Usman", "rebels") in said
    assert not [s for s in said if s[0] == "Criticism"]  # "This is regrettable": about no one named


def test_both_sides_are_the_two_the_text_coordinated(extract_text):
    """ "the two countries accused each other", "urged the parties": the two actors named together before."""
    ex = extract_text(
        "Border war\n\n"
        "Sudan and South Sudan traded artillery fire along the border on Monday. "
        "By Wednesday, the two countries had accused each other of shelling villages. "
        "Earlier, the African Union put out a statement urging the parties to cease fire.\n"
    )
    said = _said(ex)
    assert {("Accusation", "Sudan", "South Sudan"), ("Accusation", "South Sudan", "Sudan")} <= said
    assert {("Appeal", "African Union", "Sudan"), ("Appeal", "African Union", "South Sudan")} <= said


def test_words_held_back_are_no_act_and_answered_ones_are_their_authors(extract_text):
    ex = extract_text(
        "Army answers report\n\n"
        "The Ethiopian army denied allegations by Amnesty International that soldiers had shot civilians. "
        "The army said it would examine Amnesty's claims carefully. "
        "The authorities stopped short of blaming any party. "
        "Border skirmishes claimed the lives of about 20 soldiers.\n"
    )
    said = _said(ex)
    # the allegation the denial answers is reported with it, as Amnesty's accusation; nothing else is Amnesty's
    assert [s for s in said if s[1] == "Amnesty International"] == [
        ("Accusation", "Amnesty International", "Ethiopian army")
    ]
    assert [s for s in said if s[0] == "Accusation"] == [("Accusation", "Amnesty International", "Ethiopian army")]
    assert ("Denial", "Ethiopian army", "Amnesty International") in said
    assert not [s for s in said if s[0] == "Claim"]  # "claimed the lives of": a toll, not a claim


def test_a_plain_report_about_people_unnamed_is_about_no_one(extract_text):
    ex = extract_text(
        "Fighting in Bangui\n\n"
        "Lin Banoukepa told Reuters that fighters were seeking to drive out the rebels from Bangui. "
        "Ali Darassa said the Central African army had shelled his positions.\n"
    )
    said = _said(ex)
    assert not [s for s in said if s[1] == "Lin Banoukepa" and s[2] is not None]
    assert any(who == "Ali Darassa" and target and "army" in target for _, who, target in said)


def test_a_participle_spelling_out_the_act_is_not_a_second_one(extract_text):
    ex = extract_text(
        "Army denies wedding strike\n\n"
        "The Chadian army on Thursday denied claims that civilians had been killed in an air strike, "
        "maintaining that the only people hit were rebel fighters.\n"
    )
    assert [s.statement_type for s in ex.statements] == ["Denial"]


def test_i_and_we_inside_a_quotation_are_its_speaker(extract_text):
    ex = extract_text(
        "Police killed\n\n"
        "“I firmly reject the attack on the police patrol,” President Petro wrote on Twitter. "
        '"We condemn the shelling of our villages by the army," the rebel commander Ali Dheere said.\n'
    )
    said = _said(ex)
    assert any(t == "Rejection" and who == "Petro" for t, who, _ in said)
    assert ("Condemnation", "Ali Dheere", "army") in said


def test_an_allegation_a_denial_answers_is_its_authors_accusation(extract_text):
    ex = extract_text(
        "Ministry hits back\n\n"
        "Kenya hit back at allegations levelled by the Somali foreign ministry that Kenyan troops had shelled Baidoa.\n"
    )
    assert ("Accusation", "Somali foreign ministry", "Kenya") in _said(ex)


def test_claiming_another_side_attacked_is_an_accusation(extract_text):
    ex = extract_text("The Sudanese army claimed the Rapid Support Forces had launched the drone attack on Port Sudan.")
    assert ("Accusation", "Sudanese army", "Rapid Support Forces") in _said(ex)
    own = extract_text("The Sudanese army claimed its jets had destroyed a convoy of the Rapid Support Forces.")
    assert {t for t, _, _ in _said(own)} == {"Claim"}


def test_a_denial_naming_no_one_answers_the_latest_allegation_against_its_side(extract_text):
    ex = extract_text(
        "Town contested\n\n"
        "Rebel spokesman Ali Kamara said their fighters had seized the border town of Kenema. "
        "Kenya accused Somalia of sending fighters across the border. "
        "On Monday, Sierra Leone's army denied that the rebels had taken the town. "
        "Army spokesman Musa Bangura later rejected the allegation.\n"
    )
    said = _said(ex)
    assert ("Denial", "Sierra Leone's army", "Ali Kamara") in said  # the latest one aimed at no other side
    assert ("Rejection", "Musa Bangura", "Ali Kamara") in said


def test_speech_acts_the_parse_lost_are_read_from_word_order(extract_text):
    """Verbs the tagger took for nouns or hung off a date or a name still speak, with the names around them."""
    ex = extract_text(
        "Border row\n\n"
        "On Friday, Kenya accused Ethiopia of sending armed units across the border near Mandera. "
        "Ethiopia denies supporting the militants. "
        "Ahmed Duale, the region's deputy governor, condemned the attack on the border post. "
        "The raid was denounced by Amnesty International. "
        "A man accused of the killings was arrested. "
        "The commander praised by Ruto accused of abuses.\n"
    )
    said = _said(ex)
    assert ("Accusation", "Kenya", "Ethiopia") in said
    assert ("Denial", "Ethiopia", "Kenya") in said  # the denial answers the accusation before it
    assert any(t == "Condemnation" and who == "Ahmed Duale" for t, who, _ in said)
    assert not [s for s in said if s[1] in ("border post", "man", "Ruto")]  # "by Ruto": no subject
    assert [s for s in said if s[0] == "Condemnation" and s[1] != "Ahmed Duale"] in (
        [],
        [("Condemnation", "Amnesty International", None)],
    )  # a passive's speaker follows it: never the name before it


def test_verb_forms_of_the_speech_lexicon():
    from kg.extract.shallow import verb_forms

    forms = verb_forms()
    assert forms["denies"] == "deny" and forms["accused"] == "accuse" and forms["condemns"] == "condemn"
    assert "said" not in forms and "says" not in forms  # a plain "said" is never read without its parse


def test_a_quotation_reports_its_speakers_acts_and_runs_on_into_the_next_one(extract_text):
    """'"... we fought the army ...," he said. "... We captured two of their cars."': the speaker
    introduced (not the radio he told) claims both; a quote with no attribution goes on the one before."""
    ex = extract_text(
        "Militia takes town\n\n"
        "Gatwech Deng, a commander of the Nuer militia, told Radio Miraya the fighters had forced troops out.\n\n"
        "“At dawn we fought the army and drove its soldiers into the hills. They ran,” he said. "
        "“The market belongs to us now. We captured two of their armoured cars.”\n"
    )
    claims = [s for s in ex.statements if s.statement_type == "Claim" and s.speaker.text == "Gatwech Deng"]
    assert {s.sentence.text.split()[0] for s in claims} >= {"“At", "We"}
    assert not [s for s in ex.statements if s.speaker.text == "Radio Miraya"]


def test_a_quoted_condemnation_of_an_attack_targets_its_author(extract_text):
    ex = extract_text(
        "Strike on base\n\n"
        "US jets struck a militia base at Jurf al-Sakhar on Tuesday, killing two fighters.\n"
        '"This is unacceptable. We condemn this raid on Jurf al-Sakhar, which violates our sovereignty," '
        "government spokesman Basim al-Awadi said.\n"
    )
    assert ("Condemnation", "Basim al-Awadi", "US jets") in _said(ex)


def test_news_outlets_by_the_shape_of_their_names():
    from kg.extract.actors import outlet
    from kg.records import Mention, Sentence

    def m(text: str) -> Mention:
        return Mention(text, "Organization", 0, 1, Sentence(0, 1, "x"))

    assert outlet(m("Radio Miraya")) and outlet(m("Dawn News")) and outlet(m("Al Arabiya TV"))
    assert not outlet(m("Allied Democratic Forces")) and not outlet(m("Radio"))


def test_a_judgement_naming_no_one_goes_on_about_whom_the_speaker_just_named(extract_text):
    ex = extract_text(
        "Ministry protests\n\n"
        "The Kenyan foreign ministry accused Somalia of shelling border villages on Monday. "
        "The ministry said the move was a provocation and a breach of the truce. "
        "In a separate report, aid groups criticised the slow delivery of food.\n"
    )
    said = _said(ex)
    assert ("Accusation", "Kenyan foreign ministry", "Somalia") in said
    criticism = [s for s in ex.statements if s.statement_type == "Criticism"]
    assert [(s.speaker.text, s.target.text if s.target else None) for s in criticism][:1] == [
        ("Kenyan foreign ministry", "Somalia")
    ]


def test_who_was_behind_an_act_of_any_kind_is_accused_and_a_weapons_maker_is_not_its_author(extract_text):
    ex = extract_text(
        "Strikes on Marib\n\n"
        "The Syrian Observatory for Human Rights said Russia was behind the bombings of the market.\n"
        "The port keeps being hit by Iranian made rockets and drones, the minister said.\n"
    )
    said = _said(ex)
    assert any(t == "Accusation" and target == "Russia" for t, _, target in said)
    assert not [a for a in ex.attacks if a.perpetrator is not None and "Iran" in a.perpetrator.text]
    assert not [s for s in said if s[2] and "Iran" in s[2]]


def test_saying_another_side_was_laying_mines_accuses_it(extract_text):
    ex = extract_text(
        "Border row\n\nThe Georgian ministry said Russia was laying mines along the boundary near Tskhinvali.\n"
    )
    assert ("Accusation", "Georgian ministry", "Russia") in _said(ex)
    own = extract_text("Weapons found\n\nThe army said its troops had found explosives in a house near Tskhinvali.\n")
    assert not [s for s in own.statements if s.statement_type == "Accusation"]


def test_what_another_actor_must_do_is_a_demand_on_it(extract_text):
    ex = extract_text(
        'Killings in the north\n\n"The authorities must open an inquiry into these deaths without delay and publish '
        'its findings," said the UN mission.\n"We must defend our villages," the militia said.\n'
    )
    said = _said(ex)
    assert ("Appeal", "UN", "authorities") in said or ("Appeal", "UN mission", "authorities") in said
    assert not [s for s in said if s[0] == "Appeal" and s[1] == "militia"]


def test_an_actor_and_a_hostile_verb_right_after_a_speech_verb_are_what_was_said(extract_text):
    ex = extract_text(
        "Border fighting\n\nKenya says Al-Shabaab fighters shelled posts close to Mandera and along other stretches "
        "parts of the border region.\n"
    )
    assert any(t == "Accusation" and who == "Kenya" and "Shabaab" in (target or "") for t, who, target in _said(ex))
    anyone = extract_text("Killings\n\nThe UN agency said that unknown assailants used knives to kill farmers.\n")
    assert not [s for s in anyone.statements if s.statement_type == "Accusation"]  # nobody in particular


def test_pinning_an_attack_on_someone_accuses_them(extract_text):
    ex = extract_text(
        "Village attacked\n\n"
        "Gunmen attacked a village near Gulu on Monday, killing 12 people.\n\n"
        "The Ugandan army pinned the raid on the Holy Spirit Movement.",
        published="2022-03-01",
    )
    accusations = [(s.speaker.text, s.target.text) for s in ex.statements if s.statement_type == "Accusation"]
    assert accusations == [("Ugandan army", "Holy Spirit Movement")]


def test_the_group_in_its_spokesmans_report_is_the_speakers_own_side(extract_text):
    ex = extract_text(
        "Militants hit back\n\n"
        "Hizbul Mujahideen spokesman Salim Hashmi told reporters on Friday that the group ambushed "
        "an army patrol near the river.",
        published="2022-03-01",
    )
    acts = [(s.statement_type, s.target.text if s.target else None) for s in ex.statements if s.speaker]
    assert ("Accusation", "group") not in acts
    assert any(kind == "Claim" and target != "group" for kind, target in acts)


@pytest.mark.parametrize(
    "sentence",
    [
        "Allegations of torture in the camps do not correspond to reality, the interior ministry said.",
        '"Our strikes caused no civilian casualties," the army said in a statement.',
    ],
)
def test_saying_a_report_is_far_from_reality_is_a_denial(extract_text, sentence):
    ex = extract_text(f"Raid in the north\n\n{sentence}", published="2022-03-01")
    assert [s.statement_type for s in ex.statements] == ["Denial"]
