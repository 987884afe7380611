"""Actors named by role ("Nigerian troops", "the army", "Moscow"), through a real build of articles written
for this test (several conflicts), read back with SPARQL as a user would."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import kg

from kg.extract.actors import affiliation, sector_phrase
from kg.lexicon import actor_label

ARTICLES = {
    "syria-1.txt": "Syrian army troops shelled rebel positions near Idlib on Monday, the Syrian military said. "
    "Syrian rebels said the shelling killed four fighters. The army said it had targeted militants.",
    "syria-2.txt": "The Syrian army launched an offensive on the town of Saraqib on Friday. "
    "Syrian rebels accused the Syrian government of dropping barrel bombs on the town.",
    "sudan-1.txt": "The Sudanese army said its jets struck positions of the Rapid Support Forces in Khartoum. "
    "Sudan's army accused the RSF of looting hospitals. The RSF denied the charge.",
    "sudan-2.txt": "Sudanese troops clashed with RSF fighters near El Obeid on Tuesday. "
    "The army of Sudan said 20 paramilitaries were killed in the fighting.",
    "nigeria.txt": "Nigerian soldiers killed 15 insurgents in Borno state, the Nigerian army said on Sunday. "
    "Gunmen abducted 30 students from a school in Kaduna state.",
    "mali.txt": "Gunmen killed 12 passengers on a bus near Mopti on Wednesday. "
    "The Government of Mali condemned the attack and promised to find the killers.",
    "ukraine.txt": "Russian forces shelled Kharkiv overnight, Ukrainian officials said. "
    "The Ukrainian army said Russian troops had been pushed back from two villages. Moscow denied the report.",
}

# Printed forms that must end on one node, and pairs of forms that must never share one.
SAME = [
    ("Syrian army", "Syrian army troops", "Syrian military"),
    ("Sudanese army", "Sudan's army", "Sudanese troops", "army of Sudan"),
    ("Rapid Support Forces", "RSF"),
    ("Nigerian soldiers", "Nigerian army"),
    ("Russian forces", "Russian troops"),
    ("Russia", "Moscow"),
]
APART = [
    ("Syrian army", "Syrian rebels"),
    ("Syrian army", "Syrian government"),
    ("Sudanese army", "Rapid Support Forces"),
    ("Sudanese army", "Syrian army"),
    ("Russian forces", "Ukrainian army"),
    ("Russian forces", "Russia"),
    ("Nigerian army", "Government of Mali"),
]
PREFIXES = """PREFIX kgo: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    corpus = tmp_path_factory.mktemp("actors")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    out = corpus / "out"
    kg("build", str(corpus), "-o", str(out), "--quiet")
    st = ox.Store()
    st.load(path=str(Path(out) / "graph.trig"), format=ox.RdfFormat.TRIG)
    return st


def ask(store: ox.Store, query: str) -> list[dict[str, str]]:
    rows = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return [{v.value: row[v].value for v in rows.variables if row[v] is not None} for row in rows]


def nodes_of(store: ox.Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in ask(store, "SELECT ?n ?l WHERE { ?n a kgo:Actor . { ?n rdfs:label ?l } UNION { ?n skos:altLabel ?l } }"):
        out.setdefault(row["l"], set()).add(row["n"])
    return out


def test_variants_of_one_actor_are_one_node(store):
    nodes = nodes_of(store)
    for forms in SAME:
        found = [nodes.get(f, set()) for f in forms]
        assert all(found), f"no node prints {[f for f, n in zip(forms, found, strict=True) if not n]}"
        assert len(set.union(*found)) == 1, f"{forms} on {set.union(*found)}"


def test_two_countries_or_two_sectors_never_merge(store):
    nodes = nodes_of(store)
    for a, b in APART:
        assert nodes.get(a) and nodes.get(b), (a, b)
        assert not nodes[a] & nodes[b], f"{a} and {b} share {nodes[a] & nodes[b]}"


def test_gunmen_of_two_articles_stay_two_groups(store):
    rows = ask(store, "SELECT DISTINCT ?g WHERE { ?a a kgo:Attack ; kgo:perpetrator ?g . ?g rdfs:label ?l . "
               'FILTER(LCASE(STR(?l)) = "gunmen") }')  # fmt: skip
    assert len(rows) == 2


def test_sector_and_country_are_queryable(store):
    rows = ask(
        store,
        'SELECT ?l ?sector ?country WHERE { ?n skos:altLabel "Sudan\'s army" ; rdfs:label ?l ; kgo:sector ?sector ;'
        " kgo:country ?c . ?c rdfs:label ?country }",
    )
    assert rows == [
        {"l": "Sudanese Armed Forces", "sector": "https://w3id.org/newskg/ontology#MilitarySector", "country": "Sudan"}
    ]


def test_the_army_said_is_the_army_the_article_named(store):
    rows = ask(
        store,
        "SELECT DISTINCT ?l WHERE { ?s a kgo:Statement ; kgo:speaker ?n ; kgo:evidence ?e . "
        '?e nif:anchorOf ?t . FILTER(CONTAINS(?t, "The army said")) ?n skos:altLabel ?l }',
    )
    assert {"l": "Syrian army"} in rows  # the state's known army: "Syrian Arab Army" is its label


def test_statements_by_governments(store):
    rows = ask(
        store,
        "SELECT DISTINCT ?l WHERE { ?s a kgo:Statement ; kgo:speaker ?n . ?n kgo:sector kgo:GovernmentSector ; "
        "rdfs:label ?l }",
    )
    assert {"l": "Government of Mali"} in rows


def test_a_capital_that_acts_is_its_country(store):
    rows = ask(
        store,
        'SELECT ?l WHERE { ?s a kgo:Statement ; kgo:speaker ?n . ?n skos:altLabel "Moscow" ; rdfs:label ?l }',
    )
    assert rows and {r["l"] for r in rows} == {"Russia"}


def test_affiliation_and_sector_words():
    assert affiliation("Sudanese") == "Sudan"
    assert affiliation("DR Congo") == "Democratic Republic of the Congo"
    assert affiliation("Houthi") == "Houthi"  # a movement's people, not a state
    assert affiliation("Tuesday") is None
    assert sector_phrase(["Russian", "armed", "forces"]) == (1, "military")
    assert sector_phrase(["defence", "ministry"]) == (0, "defence_ministry")
    assert sector_phrase(["Kharkiv"]) is None


def test_canonical_labels():
    assert actor_label("military", "Nigeria") == "Nigerian Armed Forces"
    assert actor_label("government", "Philippines") == "Government of the Philippines"
    assert actor_label("rebels", "Kurdish") == "Kurdish rebels"


def test_a_states_troops_are_its_armed_forces_by_their_official_name():
    from kg.resolve.roles import known_body

    assert known_body("military", "Burkina Faso") == "Burkina Faso Armed Forces"
    assert known_body("military", "Russia") == "Russian Armed Forces"
    assert known_body("military", "United States") == "United States Armed Forces"  # its commands are parts
    assert known_body("military", "Iran") is None  # the army or the Revolutionary Guards: no guess


def test_datelines_are_places_never_actors(extract_text):
    ex = extract_text(
        "Rockets hit the airport\n\n"
        "KABUL: Taliban fighters fired rockets at the airport on Monday, officials said.\n\n"
        "RABAT, Morocco (AP) — The Moroccan foreign ministry condemned the attack.\n"
    )
    heads = {m.text: m.kind for m in ex.mentions if m.text.isupper() and len(m.text) > 2}
    assert heads == {"KABUL": "Location", "RABAT": "Location"}
    assert {s.speaker.text for s in ex.statements}.isdisjoint({"KABUL", "RABAT"})
    assert ex.main_place is not None and ex.main_place.text == "KABUL"  # the report's place: the first dateline
    ministry = next(m for m in ex.mentions if m.sector == "foreign_ministry")
    assert (ministry.text, ministry.country) == ("Moroccan foreign ministry", "Morocco")


def test_a_country_by_any_name_and_the_rebels_the_article_introduced(extract_text):
    ex = extract_text(
        "Fighting in the east\n\n"
        "The Democratic Republic of Congo said M23 rebels attacked Bunagana. DRC troops repelled them. "
        "Rwanda denied backing the rebels.\n\n"
        "Russian forces and Ukrainian forces fought near Bakhmut. The forces suffered losses."
    )
    places = [m.text for m in ex.mentions if m.kind == "Location"]
    assert "Democratic Republic of Congo" in places and "Congo" not in places  # the whole name, one place
    troops = next(m for m in ex.mentions if m.text == "DRC troops")
    assert (troops.country, troops.sector) == ("Democratic Republic of the Congo", "military")
    rebels = next(m for m in ex.mentions if m.sentence.text.startswith("Rwanda") and m.begin > m.sentence.begin + 5)
    assert (rebels.text, rebels.anaphor) == ("M23", True)  # "the rebels": the rebels the article named
    forces = next(m for m in ex.mentions if m.sentence.text.startswith("The forces"))
    assert forces.kind == "Group"  # two armies introduced: no guess


def test_it_and_they_that_speak_or_attack_are_the_body_named_as_subject(extract_text):
    ex = extract_text(
        "Attack on the market\n\n"
        "The Islamic State group claimed the attack on Sunday. It said its fighters had killed 20 soldiers.\n\n"
        "Officials met the mayor of Herat. It is unclear who fired the rockets.\n"
    )
    speakers = {(s.sentence.text[:7], s.speaker.text) for s in ex.statements}
    assert ("It said", "Islamic State group") in speakers
    assert not [m for m in ex.mentions if m.sentence.text.startswith("It is") and m.anaphor]  # no guess


def test_a_speaker_given_as_the_voice_of_an_institution_is_the_institution(extract_text):
    ex = extract_text(
        "Clashes in the north\n\n"
        "Nigerian troops killed 12 militants near Maiduguri on Monday. "
        "A spokesman for the army said the militants belonged to Boko Haram.\n"
    )
    said = next(s for s in ex.statements if s.sentence.text.startswith("A spokesman"))
    assert (said.speaker.country, said.speaker.sector) == ("Nigeria", "military")


def test_a_country_the_ner_passed_over_and_a_spokesman_for_a_state(extract_text):
    ex = extract_text("Tensions\n\nDRC accused Rwanda of dispatching commandos.\n\nA spokesman for Azerbaijan said "
                      "on local television that Azerbaijan was striking Armenian troops.\n")  # fmt: skip
    assert {"DRC", "Rwanda"} <= {m.text for m in ex.mentions if m.kind == "Location"}
    said = next(s for s in ex.statements if s.sentence.text.startswith("A spokesman"))
    assert said.speaker.text == "Azerbaijan"


def test_a_led_coalition_and_forces_loyal_to_someone_keep_who_leads_them(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Strikes on Sanaa\n\nThe Saudi-led coalition struck Sanaa on Monday. "
        "Forces loyal to Khalifa Haftar shelled Tripoli.\n",
        encoding="utf-8",
    )
    kg("build", str(tmp_path), "-o", str(tmp_path / "out"), "--quiet")
    st = ox.Store()
    st.load(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = ask(st, "SELECT ?leader ?led WHERE { ?a kgo:leads ?b . ?a rdfs:label ?leader . ?b rdfs:label ?led }")
    pairs = {(r["leader"], r["led"]) for r in rows}
    assert ("Saudi Arabia", "Saudi-led coalition") in pairs
    assert any(leader == "Khalifa Haftar" for leader, _ in pairs)


def test_soldiers_killed_in_a_headline_are_victims_not_authors(extract_text):
    ex = extract_text("Soldiers killed in ambush near Gao\n\nGunmen killed six soldiers near Gao on Monday.\n")
    authors = {a.perpetrator.text for a in ex.attacks if a.perpetrator is not None}
    assert authors == {"Gunmen"}


def speaker_of(ex, opening: str) -> str | None:
    """The speaker (as the text named it, the antecedent's name for a reference) of the statement whose
    sentence opens with ``opening``."""
    return next((s.speaker.text for s in ex.statements if s.sentence.text.startswith(opening)), None)


def test_a_descriptor_after_a_name_is_the_name_and_the_group_refers_back(extract_text):
    ex = extract_text(
        "Bombing in the south\n\n"
        "The ELN guerrilla group claimed responsibility for a bombing in Cali on Friday. "
        "The group said in a statement that it had targeted a police station.\n"
    )
    assert {a.perpetrator.text for a in ex.attacks if a.perpetrator} == {"ELN"}
    assert {s.speaker.text for s in ex.statements} == {"ELN"}
    later = [m for m in ex.mentions if m.sentence.text.startswith("The group")]
    assert [(m.text, m.anaphor) for m in later if m.kind != "Location"][:1] == [("ELN", True)]
    assert not [m for m in ex.mentions if m.kind == "Group"]  # "guerrilla group", "the group": the ELN


def test_a_head_noun_refers_to_the_one_body_named_with_it(extract_text):
    ex = extract_text(
        "Missiles hit Homs\n\n"
        "The Syrian Observatory for Human Rights said five people were killed in Homs on Monday. "
        "The observatory accused Turkey of firing four missiles at the town.\n"
    )
    assert speaker_of(ex, "The observatory accused") == "Syrian Observatory for Human Rights"
    ex = extract_text(
        "Inquiry demanded\n\n"
        "Amnesty International said soldiers had tortured detainees in the north. "
        "The human rights organisation urged the government to open an inquiry.\n"
    )
    assert speaker_of(ex, "The human rights organisation") == "Amnesty International"
    ex = extract_text(
        "Inquiry demanded\n\n"
        "Amnesty International and Human Rights Watch said soldiers had tortured detainees. "
        "The rights group urged the government to open an inquiry.\n"
    )
    assert speaker_of(ex, "The rights group") is None  # two rights groups named: which one?


def test_a_head_noun_with_two_bodies_named_with_it_is_no_guess(extract_text):
    ex = extract_text(
        "Councils meet\n\n"
        "The Sovereign Council met the Security Council envoy in Khartoum. The council condemned the attack.\n"
    )
    assert speaker_of(ex, "The council") is None


def test_a_state_body_in_title_case_after_its_state_and_the_state_ministry_later(extract_text):
    ex = extract_text(
        "Ministry reports clashes\n\n"
        "Azerbaijan’s Defence Ministry said Armenian forces had shelled its positions near Lachin. "
        "The Azerbaijani ministry accused Armenia of laying mines along the border.\n"
    )
    ministries = {(m.sector, m.country) for m in ex.mentions if m.sector and "inistry" in m.text}
    assert ministries == {("defence_ministry", "Azerbaijan")}  # one ministry: "the Azerbaijani ministry" is it


def test_a_states_weapons_are_its_armed_forces(extract_text):
    """ "Israeli warplanes", "Azerbaijani artillery", "Russian drones": the state's military, one node with
    the army the text names otherwise, the weapon's words kept as printed."""
    ex = extract_text(
        "Strikes overnight\n\n"
        "Azerbaijani artillery pounded Stepanakert overnight, Armenian officials said. "
        "Israeli warplanes struck a house in Rafah on Monday. Russian drones hit an apartment block in Odesa.\n"
    )
    armed = {m.text: (m.sector, m.country) for m in ex.mentions if m.sector == "military"}
    assert armed == {
        "Azerbaijani artillery": ("military", "Azerbaijan"),
        "Israeli warplanes": ("military", "Israel"),
        "Russian drones": ("military", "Russia"),
    }


def test_one_articles_unnamed_army_is_one_side(extract_text):
    """ "Soldiers killed ..., the army said": the army claims its soldiers' act (one actor of the article)."""
    ex = extract_text(
        "Gunfight in the hills\n\n"
        "Soldiers killed three militants in a gunfight near Kupwara on Monday, the army said.\n"
    )
    assert [(s.statement_type, s.speaker.text) for s in ex.statements] == [("Claim", "army")]
    assert [(a.attack_type, a.perpetrator.text) for a in ex.attacks if a.perpetrator] == [("ArmedClash", "Soldiers")]


def test_it_that_speaks_again_is_the_speaker_not_the_actor_it_spoke_about(extract_text):
    """ "X said Y had shelled the town. '...,' it said": X speaks again; Y was only the subject of what X said."""
    ex = extract_text(
        "Border shelling\n\n"
        "The Kenyan Foreign Ministry said on Monday that Somali troops had shelled Mandera. "
        '"This is a grave violation of our sovereignty," it said in a statement.\n\n'
        "While the police gave no figures, they said gunmen had attacked a bus near Lamu.\n"
    )
    assert speaker_of(ex, '"This is a grave') == "Kenyan Foreign Ministry"
    they = [m for m in ex.mentions if m.sentence.text.startswith("While") and m.anaphor]
    assert [m.text for m in they] == ["police"]  # the subject of the adverbial clause: no reported speech


def test_a_description_next_to_a_name_is_the_name(extract_text):
    """ "Islamic State (IS) militants" and "Somali armed group Al Shabaab": one actor, the named one."""
    ex = extract_text(
        "Attacks in the east\n\n"
        "Overnight on Friday, Islamic State (IS) militants launched two attacks on a checkpoint in Diyala.\n\n"
        "Somali armed group Al Shabaab said it was responsible for an assault on Mandera.\n\n"
        "Fighters of the Allied Democratic Forces attacked a village near Beni.\n"
    )
    authors = {a.perpetrator.text for a in ex.attacks if a.perpetrator}
    assert authors == {"Islamic State", "Al Shabaab", "Allied Democratic Forces"}
    assert speaker_of(ex, "Somali armed group") == "Al Shabaab"
    assert not [m for m in ex.mentions if m.sector in ("militants", "armed_group")]


def test_a_capital_a_speech_act_addresses_is_its_state(extract_text):
    ex = extract_text(
        "Drone strike\n\nThe Russian defence ministry accused Kyiv of launching drones at Belgorod on Monday.\n"
    )
    accused = next(s.target for s in ex.statements if s.statement_type == "Accusation")
    assert (accused.text, accused.kind, accused.country) == ("Kyiv", "Organization", "Ukraine")
    town = next(m for m in ex.mentions if m.text == "Belgorod")
    assert (town.kind, town.country) == ("Location", None)  # where, not who


def test_a_group_named_with_an_article_is_an_actor_and_creeds_keep_groups_apart(extract_text, tmp_path):
    """ "A jihadist group ambushed": one body, the author; "a Christian militia" and "Muslim rebels" of one
    article are two sides, not the article's one group of rebels."""
    ex = extract_text(
        "Convoy ambushed\n\n"
        "A jihadist group ambushed an army convoy near Gao on Tuesday, killing six soldiers. "
        "The government of Mali condemned the attack.\n"
    )
    assert [a.perpetrator.text for a in ex.attacks if a.perpetrator] == ["jihadist group"]
    assert {(s.statement_type, s.target.text if s.target else None) for s in ex.statements} == {
        ("Condemnation", "jihadist group")
    }
    one = extract_text("Patrol hit\n\nA soldier was killed when an army patrol was hit near Gao.\n")
    assert not [a.perpetrator for a in one.attacks if a.perpetrator]  # a soldier is one of many, no author
    (tmp_path / "a.txt").write_text(
        "Fighting in the north\n\nA Christian rebel group attacked a market in Bossangoa on Monday. "
        "Muslim rebels shelled the town of Kaga-Bandoro on Tuesday.\n",
        encoding="utf-8",
    )
    kg("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--quiet")
    st = ox.Store()
    st.load(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
    authors = ask(st, "SELECT DISTINCT ?p WHERE { ?a kgo:perpetrator ?p }")
    assert len(authors) == 2, authors


def test_a_description_given_a_name_is_the_name(extract_text):
    """ "a militia calling itself X", "an armed group known as the ADF": the named body speaks."""
    ex = extract_text(
        "Town taken\n\n"
        "A militia calling itself the Eastern Shield says it took the town of Kubi after a day of battles "
        "with government forces. An armed group known as the Allied Democratic Forces attacked a village near Beni.\n"
    )
    assert speaker_of(ex, "A militia calling") == "Eastern Shield"
    assert [a.perpetrator.text for a in ex.attacks if a.sentence.text.startswith("An armed")] == [
        "Allied Democratic Forces"
    ]
    assert not [m for m in ex.mentions if m.kind == "Group" and m.sector != "military"]


def test_a_town_or_for_a_plain_report_the_speakers_own_side_is_never_whom_a_statement_addresses():
    from kg.extract.statements import _addressable
    from kg.records import Mention, Sentence

    def m(text: str, kind: str, **kw) -> Mention:
        return Mention(text, kind, 0, len(text), Sentence(0, 1, "x"), **kw)

    army = m("Philippine authorities", "Organization", sector="government", country="Philippines")
    assert not _addressable(m("Kidal", "Location"), army, "Accusation")  # a town
    assert _addressable(m("Mali", "Location"), army, "Accusation")  # a state
    assert not _addressable(m("Philippines", "Location"), army, "Assertion")  # its own side, plainly reported
    assert _addressable(m("Philippines", "Location"), army, "Criticism")  # a typed act at one's own state stands
    assert _addressable(m("Abu Sayyaf", "Organization"), army, "Assertion")


def test_a_hyphenated_name_is_one_name_and_anti_or_pro_a_place_is_no_place(extract_text):
    ex = extract_text(
        "Shelling in the enclave\n\n"
        "Azerbaijani forces shelled positions in Nagorno-Karabakh on Tuesday, and fighters of the anti-Balaka "
        "militia attacked a camp in Guinea-Bissau.\n"
    )
    places = {m.text for m in ex.mentions if m.kind == "Location"}
    assert {"Nagorno-Karabakh", "Guinea-Bissau"} <= places
    assert not places & {"Nagorno", "Guinea", "Balaka"}


def test_a_territory_the_gazetteer_knows_is_a_place_whatever_its_last_word(extract_text):
    ex = extract_text("Homes searched\n\nIsraeli soldiers stormed several homes in the West Bank overnight.\n")
    assert ("West Bank", "Location") in {(m.text, m.kind) for m in ex.mentions}
    assert [a.location.text for a in ex.attacks if a.location] == ["West Bank"]


def test_government_forces_in_a_report_about_one_state_are_that_states(extract_text):
    ex = extract_text(
        "Drone strikes in Tigray\n\n"
        "Ethiopia's prime minister visited Kobo on Monday. Ethiopia has closed the road to the north, and "
        "aid to Ethiopia is blocked. "
        "Rebels claim that government forces keep bombing villages in Tigray.\n"
    )
    forces = next(m for m in ex.mentions if ex.article.text[m.begin : m.end] == "government forces")
    assert (forces.kind, forces.country, forces.sector) == ("Organization", "Ethiopia", "military")
    two = extract_text(
        "Border clashes\n\nArmenia and Azerbaijan traded fire. Armenia said government forces repelled an attack.\n"
    )
    forces = next(m for m in two.mentions if two.article.text[m.begin : m.end] == "government forces")
    assert forces.country is None  # whose? no guess
