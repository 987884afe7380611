from conftest import kg

from kg.records import Article, Extraction, Mention, Relation, Sentence
from kg.resolve import normalise, resolve, slug, strip_titles

S = Sentence(0, 10, "x" * 10)


def m(text, kind, begin, **kw):
    return Mention(text, kind, begin, begin + len(text), S, **kw)


def ex(aid, *mentions, relations=()):
    return Extraction(Article(aid, "x", "t"), (S,), tuple(mentions), tuple(relations))


def test_normalise_folds_quotes_titles_case_and_possessives():
    assert normalise("General Khalifa Haftar’s") == normalise("khalifa haftar") == "khalifa-haftar"
    assert strip_titles("Field Marshal Khalifa Haftar") == "Khalifa Haftar"
    assert strip_titles("Secretary of State Antony Blinken") == "Antony Blinken"
    assert slug("Ali Al-Za’tari") == "ali-al-zatari"


def test_surname_joins_the_unique_full_name_and_titles_become_alt_labels():
    res = resolve(
        [
            ex("a", m("Volodymyr Zelensky", "Person", 0, title="President"), m("Zelensky", "Person", 30)),
            ex("b", m("Zelensky", "Person", 5)),
        ]
    )
    (person,) = [e for e in res.entities if e.kind == "Person"]
    assert person.key == "person/volodymyr-zelensky"
    assert person.label == "Volodymyr Zelensky"
    assert "Zelensky" in person.alt_labels
    assert "President Volodymyr Zelensky" not in person.alt_labels  # civilian titles are not names
    assert person.articles == ("a", "b")


def test_two_people_sharing_a_surname_stay_apart():
    res = resolve(
        [
            ex(
                "a",
                m("Fayez al-Sarraj", "Person", 0),
                m("Ahmed al-Sarraj", "Person", 20),
                m("al-Sarraj", "Person", 40),
            )
        ]
    )
    keys = sorted(e.key for e in res.entities if e.kind == "Person")
    assert keys == ["person/ahmed-al-sarraj", "person/al-sarraj", "person/fayez-al-sarraj"]


def test_person_never_merges_with_organization_or_place():
    res = resolve([ex("a", m("Derna", "Location", 0), m("Derna", "Person", 10), m("Derna", "Organization", 20))])
    assert sorted(e.key for e in res.entities) == ["location/derna", "organization/derna", "person/derna"]


def test_defined_acronym_and_known_alias_join_the_organisation():
    res = resolve(
        [
            ex(
                "a",
                m("Syrian Democratic Forces", "Organization", 0, acronym="SDF"),
                m("SDF", "Organization", 40),
                m("UN", "Organization", 60),
                m("United Nations", "Organization", 70),
            )
        ]
    )
    orgs = {e.label: e for e in res.entities}
    assert "UN" in orgs["United Nations"].alt_labels  # printed, and the gazetteer's other names of the body
    assert "SDF" in orgs["Syrian Democratic Forces"].alt_labels
    why = {(x.form, x.rule) for x in res.merges}
    assert ("SDF", "acronym") in why


def test_leaders_forces_resolve_to_the_organisation_he_leads_else_their_own_node():
    leader = m("Khalifa Haftar", "Person", 0)
    army = m("Libyan National Army", "Organization", 20)
    forces = m("Haftar’s forces", "Organization", 50, leader="Haftar")
    other = m("Assad’s forces", "Organization", 70, leader="Assad")
    res = resolve(
        [
            ex(
                "a",
                leader,
                army,
                forces,
                other,
                m("Bashar al-Assad", "Person", 90),
                relations=[Relation(leader, "leads", army)],
            )
        ]
    )
    by_key = {e.key: e for e in res.entities}
    assert "Haftar’s forces" in by_key["organization/libyan-national-army"].alt_labels
    assert res.entity_of("a", forces) == "organization/libyan-national-army"
    own = res.entity_of("a", other)
    assert own == "organization/bashar-al-assad-forces"
    assert by_key[own].label == "Bashar al-Assad’s forces"
    assert ("person/bashar-al-assad", "leads", own) in res.facts


def test_a_names_kind_is_its_majority_kind():
    res = resolve([ex("a", m("Mosul", "Location", 0), m("Mosul", "Location", 10), m("Mosul", "Person", 20))])
    assert [e.key for e in res.entities] == ["location/mosul"]
    res = resolve([ex("a", m("Ali Al-Zatari", "Location", 0), m("Ali Al-Zatari", "Person", 20))])
    assert [e.key for e in res.entities] == ["person/ali-al-zatari"]


def test_cannot_link_refuses_a_chain_through_a_shared_surname():
    res = resolve(
        [
            ex("a", m("Fayez al-Sarraj", "Person", 0), m("al-Sarraj", "Person", 40)),
            ex("b", m("Ahmed al-Sarraj", "Person", 0), m("al-Sarraj", "Person", 40)),
        ]
    )
    people = sorted(e.key for e in res.entities if e.kind == "Person")
    assert people == ["person/ahmed-al-sarraj", "person/fayez-al-sarraj"]
    assert res.refused == (("Ahmed al-Sarraj", "al-Sarraj", "surname"),)


def test_a_nationality_as_author_is_the_state(tmp_path):
    """ "An Israeli airstrike" and "Israel denied": one node, typed as a place and as an actor."""
    from rdflib import Graph, Namespace

    kgo = Namespace("https://w3id.org/newskg/ontology#")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Strike in Rafah\n\nAn Israeli airstrike on a house in Rafah killed six people on Monday. "
        "Israel denied that it had targeted civilians.\n"
    )
    kg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    (perp,) = set(g.objects(None, kgo.perpetrator))
    speakers = set(g.objects(None, kgo.speaker))
    assert perp in speakers
    assert (perp, None, kgo.Location) in g and (perp, None, kgo.Actor) in g


def _org_of(res, form):
    return next(e.key for e in res.entities if e.label == form or form in e.alt_labels)


def test_an_undefined_acronym_joins_the_one_name_it_abbreviates():
    res = resolve(
        [
            ex("a", m("Northern Valley Defence Front", "Organization", 0), m("NVDF", "Organization", 40)),
            ex("b", m("NVDF", "Organization", 0)),
            ex("c", m("Sudan Liberation Army", "Organization", 0), m("TLF", "Organization", 30)),
        ]
    )
    assert _org_of(res, "NVDF") == _org_of(res, "Northern Valley Defence Front")
    assert _org_of(res, "TLF") == "organization/tlf"  # initials of nothing known: its own node
    why = {(g.form, g.rule) for g in res.merges}
    assert ("NVDF", "initials") in why


def test_an_acronym_two_names_share_stays_apart():
    res = resolve(
        [
            ex("a", m("National Liberation Front", "Organization", 0), m("NLF", "Organization", 40)),
            ex("a", m("National Legal Forum", "Organization", 60)),
        ]
    )
    assert _org_of(res, "NLF") == "organization/nlf"


def test_a_generic_last_word_joins_the_organisation():
    res = resolve(
        [
            ex(
                "a",
                m("Allied Democratic Forces group", "Organization", 0),
                m("Allied Democratic Forces", "Organization", 40),
                m("Wagner Group", "Organization", 80),
            ),
        ]
    )
    assert _org_of(res, "Allied Democratic Forces group") == _org_of(res, "Allied Democratic Forces")
    assert _org_of(res, "Wagner Group") == "organization/wagner-group"  # one word is no name


def test_forms_printed_around_a_mention_are_alt_labels_never_the_label():
    text = (
        "Sudanese General Abdel Fattah al-Burhan spoke. The Burhan-led SAF shelled the Al-Shaab district. "
        "SAF troops and General Abdel Fattah al-Burhan’s forces held the United Nations-backed "
        "Transitional Council."
    )

    def at(form, kind, nth=0, **kw):
        i = -1
        for _ in range(nth + 1):
            i = text.index(form, i + 1)
        return Mention(form, kind, i, i + len(form), S, **kw)

    art = Extraction(
        Article("a", text, "t"),
        (S,),
        (
            at("Abdel Fattah al-Burhan", "Person", title="General"),
            at("SAF", "Organization"),
            at("Al-Shaab district", "Location"),
            at("SAF", "Organization", 1),
            at("Abdel Fattah al-Burhan’s forces", "Organization", leader="Abdel Fattah al-Burhan"),
            at("Transitional Council", "Organization"),
        ),
        (),
    )
    by_kind = {e.kind: e for e in resolve([art]).entities if e.kind != "Organization"}
    orgs = {e.label: e for e in resolve([art]).entities if e.kind == "Organization"}
    assert by_kind["Person"].label == "Abdel Fattah al-Burhan"
    assert "Sudanese General Abdel Fattah al-Burhan" in by_kind["Person"].alt_labels
    assert by_kind["Location"].label == "Al-Shaab"  # the name, without the unit printed after it
    assert by_kind["Location"].alt_labels == ("Al-Shaab district",)
    # a body the gazetteer knows takes its name there as label; what the text printed stays an alt label
    assert {"SAF", "Burhan-led SAF", "SAF troops"} <= set(orgs["Sudanese Armed Forces"].alt_labels)
    assert orgs["Transitional Council"].alt_labels == ("United Nations-backed Transitional Council",)
    forces = next(e for e in orgs.values() if "’s forces" in e.label)
    assert "General Abdel Fattah al-Burhan’s forces" in forces.alt_labels
