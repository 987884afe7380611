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


def test_the_dateline_is_not_where_the_event_happened(extract_text):
    ex = extract_text(
        "Soldiers killed in ambush\n\nNAIROBI — Seven soldiers were killed on Tuesday, the Kenyan army said.",
        published="2020-01-08",
    )
    for event in _events(ex):
        assert event.location is None or event.location.text != "NAIROBI"


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
