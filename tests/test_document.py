"""The document stage: an article's attack mentions become the events it reports (kg.document)."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox


def _texts(attack) -> list[str]:
    return [attack.sentence.text, *(s.text for s in attack.evidence)]


def test_headline_lead_and_recap_are_one_event_with_every_telling_as_evidence(extract_text):
    ex = extract_text(
        "Car bomb kills 11 in Kirkuk market\n\n"
        "A car bomb exploded in a crowded market in Kirkuk on Friday, killing 11 people, police said.\n\n"
        "The governor visited the wounded in hospital.\n\n"
        "The blast was the deadliest in the city this year.",
        published="2021-03-13",
    )
    bombings = [a for a in ex.attacks if not a.background]
    assert len(bombings) == 1
    event = bombings[0]
    assert event.attack_type == "Bombing" and event.killed == 11
    told = _texts(event)
    assert told[0].startswith("Car bomb kills 11")  # the first telling first
    assert any(t.startswith("A car bomb exploded") for t in told)
    assert any(t.startswith("The blast was") for t in told)


def test_a_toll_sentence_without_an_attack_word_updates_the_event(extract_text):
    ex = extract_text(
        "Airstrike hits village in Idlib\n\n"
        "An airstrike hit a village near Idlib on Monday, killing at least nine people.\n\n"
        "The death toll rose to 14 on Tuesday, rescuers said.",
        published="2019-05-07",
    )
    (event,) = ex.attacks
    assert event.killed == 14
    assert any("death toll rose" in t for t in _texts(event))


def test_a_claim_of_responsibility_in_a_later_paragraph_names_the_author_as_claimed(extract_text):
    ex = extract_text(
        "Explosion at checkpoint in Mogadishu\n\n"
        "A suicide bomber blew himself up at a checkpoint in Mogadishu on Sunday, killing six soldiers.\n\n"
        "Witnesses said the explosion could be heard across the city.\n\n"
        "Al-Shabaab claimed responsibility for the attack in a statement on its radio station.",
        published="2022-10-31",
    )
    events = [a for a in ex.attacks if not a.background]
    assert len(events) == 1
    event = events[0]
    assert event.perpetrator is not None and "Shabaab" in event.perpetrator.text
    assert event.perpetrator_status in ("claimed", "stated")
    assert event.killed == 6


def test_two_strikes_on_two_towns_stay_two_events(extract_text):
    ex = extract_text(
        "Strikes hit eastern towns\n\n"
        "Russian missiles struck Kharkiv on Thursday, killing four people.\n\n"
        "In a separate attack, a drone hit a school in Sumy, wounding two teachers.",
        published="2023-02-03",
    )
    places = sorted(a.location.text for a in ex.attacks if a.location and not a.background)
    assert places == ["Kharkiv", "Sumy"]


def test_background_war_is_flagged_not_a_new_event(extract_text):
    ex = extract_text(
        "Boko Haram kills three farmers in Borno\n\n"
        "Boko Haram fighters killed three farmers in Borno state on Saturday, police said.\n\n"
        "In 2018, fighting between herders and farmers killed more than 1,300 people in the region.",
        published="2024-04-14",
    )
    current = [a for a in ex.attacks if not a.background]
    past = [a for a in ex.attacks if a.background]
    assert len(current) == 1 and current[0].killed == 3
    assert all("2018" in a.sentence.text for a in past)


def test_build_writes_one_attack_node_per_event_with_all_its_evidence(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "kabul.txt").write_text(
        "Rocket attack on Kabul airport\n\n"
        "Rockets struck Kabul airport on Monday, wounding three guards, officials said.\n\n"
        "The rocket attack caused no damage to aircraft, the officials added.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "--quiet"], check=True)
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """PREFIX kgo: <https://w3id.org/newskg/ontology#>
            SELECT ?a (COUNT(DISTINCT ?e) AS ?n) WHERE { ?a a kgo:Attack ; kgo:evidence ?e } GROUP BY ?a"""
        )
    )
    assert len(rows) == 1
    assert int(rows[0]["n"].value) >= 2


def test_violence_told_as_a_state_of_things_is_no_event(extract_text):
    ex = extract_text(
        "Village raided\n\n"
        "Gunmen from the Lendu militia raided a village in Ituri on Monday, killing 12 people.\n"
        "In Ituri, the herders and farmers have been at war for decades over land.\n"
        "Aid workers warned that the cycle of revenge attacks could spread.\n"
    )
    assert len(ex.attacks) == 1
    (event,) = ex.attacks
    assert (event.killed, event.location.text) == (12, "Ituri")
    assert all("long been" not in s.text and "cycle" not in s.text for s in event.evidence)


def test_members_of_a_named_body_act_for_it_and_a_peoples_village_is_no_place(extract_text):
    ex = extract_text(
        "Raid in the north\n\n"
        "Some 30 people died when members of the Popular Defence Militia raided a Kanuri village in Borno state "
        "on Tuesday.\n"
    )
    (event,) = ex.attacks
    assert event.perpetrator.text == "Popular Defence Militia"
    assert event.location.text == "Borno state"
    assert not [m for m in ex.mentions if m.text == "Kanuri"]


def test_an_acronym_the_article_defines_tells_the_same_author(extract_text):
    ex = extract_text(
        "Base overrun\n\n"
        "The Islamic State Sahel Province (ISSP) has grown stronger in the region this year.\n"
        "ISSP fighters attacked an army base near Menaka on Sunday, killing eight soldiers, the army said.\n"
        "According to AFP, eight soldiers were killed when jihadists of the Islamic State group stormed an army "
        "base in the north.\n"
    )
    assert len(ex.attacks) == 1


def test_whoever_denounces_an_attack_in_the_passive_never_carried_it_out(extract_text):
    ex = extract_text(
        "Killings denounced\n\n"
        "Gunmen of the Zamfara Defence Force killed 20 farmers near Gusau on Friday.\n"
        "The murder of the farmers was condemned as barbaric by Amina Bello, the state governor.\n"
        "“We condemn with all our strength these massacres and the abduction of ten women,” said Ms Bello.\n"
    )
    authors = {a.perpetrator.text for a in ex.attacks if a.perpetrator}
    assert authors == {"Zamfara Defence Force"}
    condemned = {(s.speaker.text, s.target.text if s.target else None) for s in ex.statements}
    assert ("Amina Bello", "Zamfara Defence Force") in condemned
    assert ("Bello", "Zamfara Defence Force") in condemned  # the quotation's "I" is the one named after it


def test_the_author_given_later_by_suspected_militants_or_an_attack_launched_by_them(extract_text):
    ex = extract_text(
        "Blast in the capital\n\n"
        "A suicide bomber struck a restaurant in Kismayo on Friday, killing 10 people.\n"
        "Police are still investigating the raid by suspected al-Shabaab gunmen.\n"
    )
    assert [(a.perpetrator.text if a.perpetrator else None, a.killed) for a in ex.attacks] == [("al-Shabaab", 10)]
    launched = extract_text(
        "Missiles hit Taiz\n\n"
        "A missile barrage launched late on Sunday by the Houthi group against the city of Taiz left 13 people dead, "
        "officials said.\n"
    )
    assert [a.perpetrator.text for a in launched.attacks if a.perpetrator] == ["Houthi group"]


def test_a_past_attack_stays_as_context_only_when_the_text_names_it(extract_text):
    ex = extract_text(
        "Soldiers killed near the border\n\n"
        "Militants killed three soldiers near Kupwara on Monday, the army said.\n"
        "Last month, security forces killed four militants in a raid near Baramulla.\n"
        "The Pulwama attack in 2019 killed 40 paramilitary police.\n",
        published="2024-05-14",
    )
    news = [a for a in ex.attacks if not a.background]
    assert [(a.killed, a.location.text) for a in news] == [(3, "Kupwara")]
    context = [a for a in ex.attacks if a.background]
    assert [a.trigger for a in context] == ["attack"] and "Pulwama" in context[0].sentence.text


def test_a_drone_strike_told_in_headline_lead_and_quote_is_one_event_by_the_drones_state(extract_text):
    ex = extract_text(
        "12 killed by Sudanese drone strike in Darfur, say aid workers\n\n"
        "Twelve civilians were killed when a drone hit a market in Sudan's North Darfur region, medics "
        "told Reuters on Tuesday, the third such strike this week.\n"
        '"We heard the drones circling, then the bombs fell," a trader said.\n',
        published="2024-03-12",
    )
    assert len([a for a in ex.attacks if not a.background]) == 1
    (event,) = ex.attacks
    assert (event.attack_type, event.killed, event.perpetrator.text) == ("Airstrike", 12, "Sudanese")
    assert event.date is None  # "told AFP on Tuesday" dates the telling, not the strike


def test_where_an_attack_came_from_is_not_where_it_struck(extract_text):
    ex = extract_text(
        "Rockets hit the north\n\n"
        "In Belgorod, a city close to the frontier, 40 people were wounded by shells fired from Ukraine.\n"
    )
    assert [a.location.text for a in ex.attacks if a.location] == ["Belgorod"]


def test_rockets_shot_down_are_no_shooting(extract_text):
    ex = extract_text(
        "Drones over the port\n\nSix drones were shot down over the port late on Friday, officials said.\n"
    )
    assert "Shooting" not in {a.attack_type for a in ex.attacks}


def test_an_abduction_from_a_town_happened_there(extract_text):
    ex = extract_text(
        "Schoolgirls taken\n\nBoko Haram gunmen abducted more than 200 schoolgirls from Chibok on Monday.\n"
    )
    assert [(a.perpetrator.text, a.location.text) for a in ex.attacks] == [("Boko Haram", "Chibok")]


def test_a_headline_group_and_the_lead_group_named_by_the_same_noun_tell_one_event(extract_text):
    ex = extract_text(
        "Separatists Kill Many Soldiers In Ambush\n\n"
        "Ambazonian separatists killed several soldiers when they ambushed a patrol in the Northwest "
        "region on Sunday.\n"
    )
    assert len(ex.attacks) == 1 and ex.attacks[0].perpetrator.text == "Ambazonian separatists"


def test_two_coordinated_killings_in_two_towns_are_two_events_with_their_own_tolls(extract_text):
    sentence = "Gunmen killed 12 villagers in Bantou on Monday and killed seven more in Koudi on Tuesday."
    ex = extract_text(f"Raids in the north\n\n{sentence}", published="2022-11-08")
    events = sorted((a.location.text, a.killed) for a in ex.attacks if not a.background and a.location)
    assert events == [("Bantou", 12), ("Koudi", 7)]
    assert all(a.perpetrator is not None and a.perpetrator.text == "Gunmen" for a in ex.attacks)


def test_a_second_verb_shares_its_subject_with_the_first(extract_text):
    ex = extract_text(
        "Market attack\n\nThe attackers slipped into the market at dusk and blew themselves up near the stalls.",
        published="2022-11-08",
    )
    (event,) = [a for a in ex.attacks if not a.background]
    assert event.attack_type == "Bombing" and event.perpetrator is not None
    assert event.perpetrator.text == "attackers"


def test_an_attack_word_in_the_sentence_of_a_killing_tells_that_killing(extract_text):
    """ "killed ... in an ambush": the ambush is this sentence's killing, not the one the line before told."""
    ex = extract_text(
        "Villagers killed in ambush\n\n"
        "Two bandits were shot dead by police near Kaura on Monday.\n\n"
        "The Dawa River Front killed nine villagers in an ambush near Gusau on Tuesday.",
        published="2021-09-18",
    )
    events = {a.location.text: a for a in ex.attacks if not a.background and a.location}
    assert events["Gusau"].perpetrator is not None and events["Gusau"].perpetrator.text == "Dawa River Front"
    assert not any("Gusau" in s.text for s in events["Kaura"].evidence)


def test_a_deck_line_tells_the_event_a_different_encounter_tells_again(extract_text):
    """A line under the headline with no full stop is a deck: the "different encounter" the body tells later
    is the one the deck told, not a third event."""
    ex = extract_text(
        "Rebels kill guards at border post\n"
        "Police also shot dead two smugglers\n\n"
        "Rebel fighters killed six guards at a border post near Moyale on Tuesday.\n\n"
        "In another incident, two smugglers were shot dead by police on Monday in Marsabit.",
        published="2021-09-18",
    )
    events = [a for a in ex.attacks if not a.background]
    assert len(events) == 2
    (police,) = [a for a in events if a.perpetrator and "police" in a.perpetrator.text.lower()]
    assert police.location is not None and police.location.text == "Marsabit" and police.killed == 2


def test_an_attack_dated_by_a_month_name_long_before_the_report_is_context(extract_text):
    ex = extract_text(
        "Port shelled again\n\n"
        "Rebels shelled the port of Hodeidah on Monday, killing three dock workers.\n\n"
        "In February, rebel gunboats also shelled the fishing harbour of Mokha, residents recalled.",
        published="2020-06-12",
    )
    news = [a for a in ex.attacks if not a.background]
    assert [a.location.text for a in news if a.location] == ["Hodeidah"]
