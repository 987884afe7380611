"""An event's slots as news states them: counts as written, an author named in a later paragraph, the
place the attack word names, the weapon before a generic attack word (sentences written for these tests)."""

from __future__ import annotations

import pytest


def _events(ex):
    return [a for a in ex.attacks if not a.background]


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Gunmen attacked a livestock market in Kandi on Friday, leaving 23 traders dead, police said.", 23, None),
        ("A roadside bomb hit a bus near Quetta on Monday. The explosion left 14 dead and 112 wounded.", 14, 112),
        ("Some 45 people died and 19 were wounded when raiders attacked a village near Bor.", 45, 19),
        ("A roadside bombing near Miranshah martyred six soldiers on Thursday.", 6, None),
        ("Rebels ambushed an army convoy near Kidal on Sunday, but the ambush caused no casualties.", 0, 0),
        ("In Kharkiv, two people were killed and more than 30 hurt by rocket fire.", 2, 30),
        ("Shelling hit a lorry near Tyre and left at least one dead and one injured.", 1, 1),
        ("A car bomb in Quetta left 14 dead and102 wounded on Monday.", 14, 102),
    ],
)
def test_counts_as_news_writes_them(extract_text, sentence, killed, injured):
    (event,) = _events(extract_text(f"Attack reported\n\n{sentence}", published="2023-05-10"))
    assert (event.killed, event.injured) == (killed, injured)


@pytest.mark.parametrize(
    "later",
    [
        "Police said Boko Haram was behind the bombing.",
        "Officials held Boko Haram responsible for the attack.",
        "The governor pinned the attack on Boko Haram.",
    ],
)
def test_an_author_named_in_a_later_paragraph_fills_the_event(extract_text, later):
    ex = extract_text(
        "Bomb blast hits bus station in Kano\n\n"
        "A bomb exploded at a bus station in Kano on Monday, killing 12 people.\n\n"
        f"{later}",
        published="2014-06-24",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and event.perpetrator.text == "Boko Haram"
    assert event.killed == 12


def test_a_denial_names_no_author(extract_text):
    ex = extract_text(
        "Bomb blast hits bus station in Kano\n\n"
        "A bomb exploded at a bus station in Kano on Monday, killing 12 people.\n\n"
        "Boko Haram denied that it was behind the bombing.",
        published="2014-06-24",
    )
    (event,) = _events(ex)
    assert event.perpetrator is None


def test_the_dateline_yields_to_the_place_the_text_names(extract_text):
    ex = extract_text(
        "Soldiers killed in ambush\n\n"
        "NAIROBI — Militants ambushed a patrol near Lamu on Tuesday, killing seven soldiers, the army said.",
        published="2020-01-08",
    )
    (told,) = [e for e in _events(ex) if "Lamu" in " ".join([e.sentence.text, *(s.text for s in e.evidence)])]
    assert told.location is not None and told.location.text == "Lamu"


def test_a_generic_attack_word_takes_the_weapon_before_it(extract_text):
    ex = extract_text(
        "Blast in Baghdad\n\nA suicide bombing attack in a Baghdad market killed 31 people on Thursday.",
        published="2021-01-22",
    )
    (event,) = _events(ex)
    assert event.attack_type == "Bombing" and event.killed == 31


def test_a_district_of_the_city_tells_the_same_event(extract_text):
    ex = extract_text(
        "Suicide bomber kills nine in Kabul\n\n"
        "A suicide bombing in Kabul killed nine people on Friday, officials said.\n\n"
        "The bomber blew himself up at a wedding hall in the Dasht-e-Barchi district of Kabul.",
        published="2022-09-30",
    )
    (event,) = _events(ex)
    assert event.killed == 9
    assert len(event.evidence) == 2


def test_a_group_saying_it_was_responsible_is_the_author(extract_text):
    ex = extract_text(
        "Bus stop attack in Garissa\n\n"
        "A bus stop in Garissa was attacked on Tuesday and nine passengers were killed.\n\n"
        "Al-Shabaab said it was responsible for the attack.",
        published="2015-07-08",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and "Shabaab" in event.perpetrator.text


def test_a_town_before_an_attack_word_is_where_not_who(extract_text):
    ex = extract_text(
        "Militants storm base\n\n"
        "Militants stormed an army base in Jalalabad on Monday, killing 11 soldiers.\n\n"
        "The Jalalabad attack was the deadliest this year.",
        published="2019-03-05",
    )
    for event in _events(ex):
        assert event.perpetrator is None or event.perpetrator.text != "Jalalabad"


def test_a_later_telling_gives_the_event_the_town_it_happened_in(extract_text):
    ex = extract_text(
        "Dozens killed in attack in eastern Congo\n\n"
        "At least 30 people were killed in an attack by rebels in eastern Congo, officials said.\n\n"
        "The mayor said the attack took place in the village of Mukondi.",
        published="2023-03-10",
    )
    (event,) = _events(ex)
    assert event.location is not None and event.location.text == "Mukondi"
    assert event.killed == 30


def test_a_town_is_more_specific_than_part_of_a_country(extract_text):
    ex = extract_text(
        "Explosion kills police officers in southern Colombia\n\n"
        "An explosion killed six police officers in southern Colombia on Friday.\n\n"
        "The blast happened on a road outside Tumaco, the governor said.",
        published="2022-09-03",
    )
    (event,) = _events(ex)
    assert event.location is not None and event.location.text == "Tumaco"


def test_bombs_dropped_by_drones_tell_the_drone_strike(extract_text):
    ex = extract_text(
        "Drone strike hits school in Dara\n\n"
        "A drone strike hit a school in Dara on Monday, killing four children.\n\n"
        "Witnesses said the drones dropped bombs on the school as classes began.",
        published="2024-02-06",
    )
    events = _events(ex)
    assert len(events) == 1 and events[0].attack_type == "Airstrike"


@pytest.mark.parametrize(
    ("later", "author"),
    [
        ("The monitor said Russia was behind the strikes on the city.", "Russia"),
        ("The army said it had destroyed an Islamic State cell that was behind the strikes.", "Islamic State"),
        ("The Islamic State took responsibility for the strikes in a statement.", "Islamic State"),
    ],
)
def test_a_state_a_cell_or_a_claim_names_the_author(extract_text, later, author):
    ex = extract_text(
        f"Airstrikes kill 20 in Hama\n\nAirstrikes hit the city of Hama on Monday, leaving 20 people dead.\n\n{later}",
        published="2017-04-04",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and event.perpetrator.text == author
    assert event.killed == 20


def test_a_headline_weapon_is_no_author(extract_text):
    ex = extract_text(
        "Bomb kills 9 in Herat\n\nA bomb exploded at a mosque in Herat on Friday, killing nine worshippers.",
        published="2021-10-16",
    )
    (event,) = _events(ex)
    assert event.perpetrator is None and event.killed == 9


@pytest.mark.parametrize(
    "sentence",
    [
        "Security forces defused a bomb planted near a school in Peshawar on Monday, officials said.",
        "The army said the rebels have been laying mines along the road to Kidal.",
        "Police found explosives and seized rockets in a house in Mosul on Sunday.",
    ],
)
def test_a_device_placed_found_or_defused_is_no_attack(extract_text, sentence):
    ex = extract_text(f"Security report\n\n{sentence}", published="2020-02-03")
    assert _events(ex) == []


def test_a_planted_bomb_that_went_off_is_an_attack(extract_text):
    ex = extract_text(
        "Car bomb in Quetta\n\nA bomb planted under a car exploded in Quetta on Friday, killing three people.",
        published="2020-02-03",
    )
    (event,) = _events(ex)
    assert event.attack_type == "Bombing" and event.killed == 3


@pytest.mark.parametrize(
    ("later", "status"),
    [
        ("Police said Boko Haram was behind the bombing.", "alleged"),
        ("Boko Haram took responsibility for the bombing in a video.", "claimed"),
        ("Boko Haram said it was behind the bombing.", "claimed"),
    ],
)
def test_how_the_author_is_known(extract_text, later, status):
    ex = extract_text(
        "Bomb blast hits bus station in Kano\n\n"
        "A bomb exploded at a bus station in Kano on Monday, killing 12 people.\n\n"
        f"{later}",
        published="2014-06-24",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and event.perpetrator.text == "Boko Haram"
    assert event.perpetrator_status == status


def test_build_writes_the_alleged_author_and_the_counts_to_the_graph(tmp_path):
    """End to end: `kg build`, then SPARQL on graph.ttl."""
    import subprocess
    import sys

    import pyoxigraph as ox

    src = tmp_path / "in"
    src.mkdir()
    (src / "maiduguri.txt").write_text(
        "Bomb blast hits market in Maiduguri\n\n"
        "A bomb exploded in a crowded market in Maiduguri on Tuesday, leaving 14 dead and 30 wounded.\n\n"
        "Police said Boko Haram was behind the bombing.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "--quiet"], check=True)
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """PREFIX kgo: <https://w3id.org/newskg/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?who ?status ?k ?i WHERE { ?a a kgo:Attack ; kgo:perpetrator ?p ; kgo:perpetratorStatus ?status ;
                kgo:killed ?k ; kgo:injured ?i . ?p rdfs:label ?who }"""
        )
    )
    assert {(r["who"].value, r["status"].value, int(r["k"].value), int(r["i"].value)) for r in rows} == {
        ("Boko Haram", "alleged", 14, 30)
    }


def test_a_name_after_the_attack_word_is_no_possessor(extract_text):
    ex = extract_text(
        "Strikes in northern Iraq\n\n"
        "Turkish warplanes launched airstrikes on alleged Kurdistan Workers' Party (PKK) targets in Sinjar "
        "on Monday, officials said.",
        published="2021-08-17",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and event.perpetrator.text == "Turkish warplanes"


def test_an_outlet_is_never_an_attacker():
    from kg.extract.actors import outlet
    from kg.records import Mention, Sentence

    sent = Sentence(0, 10, "x")
    assert outlet(Mention("Al Jazeera", "Organization", 0, 1, sent))
    assert outlet(Mention("Tolonews", "Organization", 0, 1, sent))  # a gazetteer name in other capitals
    assert outlet(Mention("state television", "Group", 0, 1, sent, sector="state_media"))
    assert not outlet(Mention("Houthis", "Organization", 0, 1, sent))


def test_an_author_the_parser_hung_on_said_still_carried_out_the_attack(extract_text):
    """ "officials said X, a ..., had carried out the attack": the apposition makes the parser take X as
    the object of "said"; the clause has no subject of its own, so X is its subject."""
    ex = extract_text(
        "Market bombing kills 9 in Kaduna\n\n"
        "A bomb went off at a cattle market in Kaduna on Friday, killing nine traders.\n\n"
        "Thirty more were taken to hospital with wounds, a nurse said.\n\n"
        "Police said the Red Hand Brigade, a faction that broke away from the old guerrilla army in 2019, "
        "had probably carried out the attack.",
        published="2021-04-12",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and event.perpetrator.text == "Red Hand Brigade"
    accusations = [s for s in ex.statements if s.statement_type == "Accusation"]
    assert [s.target.text for s in accusations if s.target] == ["Red Hand Brigade"]


def test_a_told_clause_keeps_its_addressee_apart_from_its_author(extract_text):
    """ "told X (that) Y did it": X is whom the speaker told, Y the author."""
    ex = extract_text(
        "Blast in Kaduna\n\n"
        "A bomb went off at a cattle market in Kaduna on Friday, killing nine traders.\n\n"
        "A police officer told the Kaduna Herald the Tiv Liberation Front had staged the attack.",
        published="2021-04-12",
    )
    (event,) = _events(ex)
    assert event.perpetrator is not None and event.perpetrator.text == "Tiv Liberation Front"


@pytest.mark.parametrize(
    ("headline", "author"),
    [
        ("Kenya attack: a bomb at a bus stop kills 12", None),
        ("Pakistan bombing leaves 20 dead at a rally", None),
        ("US bombing of militants in Sirte kills 12", "US"),
        ("US strikes on militants near Baidoa kill 12", "US"),
    ],
)
def test_a_country_before_an_attack_word_is_where_unless_the_act_is_a_states(extract_text, headline, author):
    ex = extract_text(f"{headline}\n\nThe interior ministry gave the toll on Monday.", published="2022-05-02")
    (event,) = _events(ex)
    assert (event.perpetrator.text if event.perpetrator else None) == author


def test_a_country_the_headline_names_yields_to_the_town_the_lead_names(extract_text):
    ex = extract_text(
        "Bombing in Nigeria kills 14\n\n"
        "A bomb hidden in a parked van went off on Friday, killing 14 people in the centre of Kano.",
        published="2022-05-02",
    )
    (event,) = _events(ex)
    assert event.location is not None and event.location.text == "Kano"


def test_an_improvised_explosive_device_is_a_bombing(extract_text):
    ex = extract_text(
        "Market blast\n\nPolice said an improvised explosive device hidden in a handcart went off in Mingora.",
        published="2021-04-12",
    )
    (event,) = _events(ex)
    assert event.attack_type == "Bombing"
    assert event.location is not None and event.location.text == "Mingora"


def test_a_place_in_an_officials_title_elsewhere_still_locates_the_attack(extract_text):
    """ "the Mingora mayor" in a later sentence makes that "Mingora" whose official; the town where the
    blast went off is still where it went off."""
    ex = extract_text(
        "Market blast\n\n"
        "ISLAMABAD — A bomb exploded on Friday evening at the bus stand, which lies in the old quarter of Mingora.\n\n"
        "Mingora mayor Rahim Khan ordered three days of mourning.",
        published="2021-04-12",
    )
    (event,) = _events(ex)
    assert event.location is not None and event.location.text == "Mingora"


def test_no_deaths_on_one_side_is_no_zero_toll_for_the_event(extract_text):
    """ "no Kurdish fighters died" tells one side's losses; the 9 killed stand."""
    ex = extract_text(
        "Car bomb in Qamishli\n\n"
        "A car bomb killed nine people at a checkpoint in Qamishli on Sunday.\n\n"
        "No Kurdish fighters died in the bombing, which the Nahda Brigades claimed on Monday.",
        published="2020-07-14",
    )
    (event,) = _events(ex)
    assert event.killed == 9


@pytest.mark.parametrize(
    ("sentence", "author"),
    [
        (
            "The Peninsula Shield Force announced on Monday that its air raids near Hodeidah had killed 40 fighters.",
            "Peninsula Shield Force",
        ),
        ("The Free Valley Front said their shelling of Tamsir had killed six soldiers on Monday.", "Free Valley Front"),
    ],
)
def test_its_or_their_before_an_attack_word_is_the_clause_subjects(extract_text, sentence, author):
    ex = extract_text(f"Fighting goes on\n\n{sentence}", published="2021-02-20")
    authors = {a.perpetrator.text for a in _events(ex) if a.perpetrator and a.killed}
    assert authors == {author}


def test_violence_a_sentence_mentions_in_passing_does_not_move_the_event(extract_text):
    """ "refugees reached X because of violence in the area" is where they fled to, not where it happened."""
    ex = extract_text(
        "Militia kills 30 in camp\n\n"
        "On Monday a militia attacked a displacement site in Kasai province and shot dead 30 people, the UN said.\n\n"
        "In the raid, 30 people died.\n\n"
        "Aid agencies say 20,000 people reached Kananga in May because of gun violence in nearby areas.",
        published="2023-04-01",
    )
    (event,) = _events(ex)
    assert event.location is not None and event.location.text == "Kasai province"


@pytest.mark.parametrize(
    "sentence",
    [
        "The blast at the fuel depot on Tuesday was blamed on a faulty boiler.",
        "A blast caused by a gas leak killed two workers at the plant on Monday.",
    ],
)
def test_an_explosion_put_down_to_a_fire_or_a_leak_is_no_attack(extract_text, sentence):
    ex = extract_text(f"Fire at the fuel depot\n\n{sentence}", published="2023-04-01")
    assert _events(ex) == []


def test_an_explosion_put_down_to_a_bomb_is_an_attack(extract_text):
    text = "Blast in Kano\n\nThe explosion in Kano, caused by a car bomb, killed nine."
    ex = extract_text(text, published="2023-04-01")
    assert [a.killed for a in _events(ex)] == [9]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents spent the night in bomb shelters in Ashkelon, the mayor said.",
        "The army moved a missile defence system to Beersheba on Monday.",
        "Police found a rocket launcher in a house in Kirkuk.",
    ],
)
def test_an_attack_word_before_a_thing_names_no_attack(extract_text, sentence):
    ex = extract_text(f"Border tension\n\n{sentence}", published="2023-04-01")
    assert _events(ex) == []
