"""The lexicons' data and loaders: sectors, countries, peoples, known organisations, speech acts."""

from __future__ import annotations

import re

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.lexicon import (
    HERE,
    acting_nouns,
    capital_countries,
    content_cue,
    content_patterns,
    countries,
    country_names,
    country_of,
    demonyms,
    known_organizations,
    lexicon,
    max_sector_words,
    organization,
    organizations,
    peoples,
    predicating_verbs,
    sector_nouns,
    sector_of,
    sectors,
    speech_content,
    victim_nouns,
)
from kg.namespaces import (
    KGO,
    NIF,
    PERPETRATOR_STATUSES,
    STATEMENT_TYPES,
    sector_concept,
)


def _raw(name: str):
    return yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))


# -- sectors


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("army", "military"),
        ("Armies", "military"),
        ("troops", "military"),
        ("soldier", "military"),
        ("armed forces", "military"),
        ("defence forces", "military"),
        ("Defense Forces", "military"),
        ("security forces", "security"),
        ("police", "police"),
        ("policemen", "police"),
        ("government", "government"),
        ("junta", "government"),
        ("authorities", "government"),
        ("ministry", "ministry"),
        ("foreign ministry", "foreign_ministry"),
        ("ministry of defence", "defence_ministry"),
        ("health ministry", "health_ministry"),
        ("parliament", "legislature"),
        ("lawmakers", "legislature"),
        ("court", "judiciary"),
        ("rebels", "rebels"),
        ("insurgent", "rebels"),
        ("guerrillas", "rebels"),
        ("militants", "militants"),
        ("jihadists", "militants"),
        ("militia", "militia"),
        ("militiamen", "militia"),
        ("paramilitaries", "militia"),
        ("separatists", "separatists"),
        ("armed groups", "armed_group"),
        ("fighters", "armed_group"),
        ("gunmen", "gunmen"),
        ("unidentified  gunmen", "gunmen"),
        ("bandits", "criminals"),
        ("gangs", "criminals"),
        ("mercenaries", "mercenaries"),
        ("peacekeepers", "peacekeepers"),
        ("coalition", "coalition"),
        ("protesters", "protesters"),
        ("demonstrators", "protesters"),
        ("civilians", "civilians"),
        ("residents", "civilians"),
        ("children", "civilians"),
        ("refugees", "refugees"),
        ("displaced people", "refugees"),
        ("journalists", "media"),
        ("state media", "state_media"),
        ("aid workers", "aid"),
        ("aid agencies", "aid"),
        ("medics", "medical"),
        ("opposition", "opposition"),
        ("rights groups", "rights_groups"),
        ("herders", "pastoralists"),
        ("settlers", "settlers"),
        ("hostages", "detainees"),
    ],
)
def test_sector_of_noun(noun, sector):
    assert sector_of(noun) == sector


def test_sector_of_unknown_is_none():
    assert sector_of("table") is None
    assert sector_of("airstrike") is None


def test_sector_records():
    all_sectors = sectors()
    assert {"military", "police", "government", "rebels", "militants", "civilians"} <= set(all_sectors)
    for key, sector in all_sectors.items():
        assert sector.label and sector.label == sector.label.strip()
        assert sector.kind in ("state", "nonstate", "civil"), key
        assert re.fullmatch(r"[A-Z]{3,6}", sector.cameo), key
        assert sector.broader is None or sector.broader in all_sectors, key
        assert sector.actors or sector.victims, key
        assert not sector.actors & sector.victims, key
    assert all_sectors["foreign_ministry"].broader == "ministry"
    assert all_sectors["ministry"].broader == "government"


def test_a_noun_belongs_to_one_sector():
    seen: dict[str, str] = {}
    for key, entry in _raw("sectors").items():
        for noun in [*(entry.get("actors") or []), *(entry.get("victims") or [])]:
            assert noun == noun.lower(), noun
            assert noun.lower() not in seen, f"{noun!r} in {seen.get(noun.lower())} and {key}"
            seen[noun.lower()] = key


def test_actors_and_victims():
    assert {"army", "militants", "police", "ministry", "rebels"} <= acting_nouns()
    assert {"civilians", "residents", "children", "aid workers", "journalists", "refugees"} <= victim_nouns()
    assert not acting_nouns() & victim_nouns()
    assert "civilians" not in acting_nouns()


def test_plurals_listed_with_singulars():
    nouns = sector_nouns()
    for singular, plural in [
        ("soldier", "soldiers"),
        ("rebel", "rebels"),
        ("militant", "militants"),
        ("militia", "militias"),
        ("civilian", "civilians"),
        ("refugee", "refugees"),
        ("journalist", "journalists"),
        ("protester", "protesters"),
        ("gunman", "gunmen"),
        ("separatist", "separatists"),
        ("insurgent", "insurgents"),
    ]:
        assert nouns[singular] == nouns[plural], singular


def test_multi_word_nouns():
    assert max_sector_words() >= 3
    assert sector_of("internally displaced people") == "refugees"
    assert sector_of("members of parliament") == "legislature"


# -- countries, capitals, demonyms, peoples


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("DR Congo", "Democratic Republic of the Congo"),
        ("DRC", "Democratic Republic of the Congo"),
        ("the DRC", "Democratic Republic of the Congo"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
        ("Congo-Brazzaville", "Republic of the Congo"),
        ("Ivory Coast", "Ivory Coast"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("Burma", "Myanmar"),
        ("the US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("UAE", "United Arab Emirates"),
        ("Türkiye", "Turkey"),
        ("Czech Republic", "Czechia"),
        ("DPRK", "North Korea"),
        ("East Timor", "Timor-Leste"),
        ("Swaziland", "Eswatini"),
        ("Syria", "Syria"),
        ("Palestinian territories", "Palestine"),
    ],
)
def test_country_names(name, country):
    assert country_names()[name] == country
    assert country_of(name) == country


@pytest.mark.parametrize(
    ("capital", "country"),
    [
        ("Moscow", "Russia"),
        ("Washington", "United States"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Beijing", "China"),
        ("Tehran", "Iran"),
        ("Khartoum", "Sudan"),
        ("Port Sudan", "Sudan"),
        ("Mogadishu", "Somalia"),
        ("Kinshasa", "Democratic Republic of the Congo"),
        ("Naypyidaw", "Myanmar"),
        ("Abuja", "Nigeria"),
        ("New Delhi", "India"),
    ],
)
def test_capitals(capital, country):
    assert capital_countries()[capital] == country
    assert country_of(capital, capitals=True) == country
    assert country_of(capital) is None  # a capital stands for its state only when asked


def test_no_ambiguous_names():
    names = country_names()
    for ambiguous in ("Congo", "Korea", "Gulf", "the Gulf"):
        assert ambiguous not in names
    for capital in ("Male", "Victoria", "Hamilton", "San Jose"):
        assert capital not in capital_countries()


def test_countries_records():
    all_countries = countries()
    assert len(all_countries) > 190
    codes = [c.iso for c in all_countries.values()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    names = [n for c in all_countries.values() for n in (c.name, *c.names)]
    assert len(names) == len(set(names)), "a name of two countries"


def test_demonyms_name_known_countries():
    known = countries()
    assert all(country in known for country in demonyms().values())
    assert demonyms()["Philippine"] == "Philippines"
    assert demonyms()["Central African"] == "Central African Republic"
    assert country_of("Congolese") == "Democratic Republic of the Congo"


@pytest.mark.parametrize(
    ("word", "kind", "country"),
    [
        ("Houthi", "movement", "Yemen"),
        ("Houthis", "movement", "Yemen"),
        ("Tigrayan", "region", "Ethiopia"),
        ("Kurdish", "people", "Iraq"),
        ("Kurds", "people", "Iraq"),
        ("Amhara", "region", "Ethiopia"),
        ("Baloch", "people", "Pakistan"),
        ("Rohingya", "people", "Myanmar"),
        ("Pashtun", "people", "Afghanistan"),
        ("Druze", "sect", "Syria"),
        ("Yazidi", "sect", "Iraq"),
        ("Sahrawi", "people", "Western Sahara"),
        ("Anglophone", "region", "Cameroon"),
        ("Fulani", "people", "Nigeria"),
    ],
)
def test_peoples(word, kind, country):
    record = peoples()[word]
    assert record.kind == kind
    assert record.countries[0] == country


def test_peoples_are_not_states():
    """A people's adjective never names a state: "Houthi" attacks are no attacks by Yemen."""
    assert not set(peoples()) & set(demonyms())
    known = countries()
    for record in peoples().values():
        assert record.kind in ("people", "region", "sect", "movement", "ideology")
        assert all(c in known for c in record.countries), record.adjective
        assert record.organization is None or record.organization in known_organizations()
    assert peoples()["Houthi"].organization == "Houthis"
    assert peoples()["Kurdish"].region == "Kurdistan"


# -- known organisations


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("UN", "United Nations"),
        ("the UN", "United Nations"),
        ("RSF", "Rapid Support Forces"),
        ("SAF", "Sudanese Armed Forces"),
        ("ISWAP", "Islamic State West Africa Province"),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"),
        ("al-Shabab", "Al-Shabaab"),
        ("Shabaab", "Al-Shabaab"),
        ("M23", "March 23 Movement"),
        ("Ansar Allah", "Houthis"),
        ("TTP", "Tehrik-i-Taliban Pakistan"),
        ("BLA", "Balochistan Liberation Army"),
        ("ELN", "National Liberation Army"),
        ("CODECO", "Cooperative for the Development of Congo"),
        ("ADF", "Allied Democratic Forces"),
        ("ISCAP", "Islamic State Central Africa Province"),
        ("KIA", "Kachin Independence Army"),
        ("PDF", "People's Defence Force"),
        ("Hashd al-Shaabi", "Popular Mobilization Forces"),
        ("PIJ", "Palestinian Islamic Jihad"),
        ("Wagner", "Wagner Group"),
        ("TPLF", "Tigray People's Liberation Front"),
        ("TDF", "Tigray Defense Forces"),
        ("OLA", "Oromo Liberation Army"),
        ("LRA", "Lord's Resistance Army"),
        ("Viv Ansanm", "Viv Ansanm"),
        ("IDF", "Israel Defense Forces"),
        ("FARDC", "Armed Forces of the Democratic Republic of the Congo"),
        ("SPLA", "Sudan People's Liberation Army"),
        ("MINUSMA", "UN Multidimensional Integrated Stabilization Mission in Mali"),
        ("ATMIS", "African Union Transition Mission in Somalia"),
        ("AMISOM", "African Union Mission in Somalia"),
        ("IOM", "International Organization for Migration"),
        ("OCHA", "UN Office for the Coordination of Humanitarian Affairs"),
        ("AFP", "Agence France-Presse"),
    ],
)
def test_organization_forms(form, name):
    assert organizations()[re.sub(r"^the ", "", form)] == name
    assert organization(form).name == name


@pytest.mark.parametrize(
    ("form", "country", "sector"),
    [
        ("the Pentagon", "United States", "defence_ministry"),
        ("the Kremlin", "Russia", "government"),
        ("IDF", "Israel", "military"),
        ("Tatmadaw", "Myanmar", "military"),
        ("FARDC", "Democratic Republic of the Congo", "military"),
        ("SPLA", "South Sudan", "military"),
        ("RSF", "Sudan", "militia"),
        ("Hezbollah", "Lebanon", "militants"),
        ("M23", "Democratic Republic of the Congo", "rebels"),
        ("MONUSCO", "Democratic Republic of the Congo", "peacekeepers"),
    ],
)
def test_organization_country_and_sector(form, country, sector):
    org = organization(form)
    assert (org.country, org.sector) == (country, sector)


def test_organizations_records():
    orgs = known_organizations()
    assert len(orgs) > 300
    known_countries, known_sectors = countries(), sectors()
    kinds = {"igo", "mission", "state", "armed_group", "party", "ngo", "media", "platform"}
    for name, org in orgs.items():
        assert org.kind in kinds, name
        assert org.country is None or org.country in known_countries, name
        assert org.sector is None or org.sector in known_sectors, name
        assert org.part_of is None or org.part_of in orgs, name
    assert organization("Qassam Brigades").part_of == "Hamas"
    assert organization("ISWAP").part_of == "Islamic State"
    assert organization("Nobody In Particular") is None


def test_no_name_of_two_organizations():
    owner: dict[str, str] = {}
    for name, org in known_organizations().items():
        for form in {re.sub(r"^the ", "", f) for f in (name, *org.aliases)}:
            assert owner.setdefault(form, name) == name, f"{form!r}: {owner[form]} and {name}"


def test_no_sector_phrase_as_organization_name():
    """ "Sudanese army" is a (country, sector) actor, not a name: the gazetteer does not list it."""
    nations = set(demonyms())
    for form in organizations():
        words = form.split()
        assert not (len(words) == 2 and words[0] in nations and sector_of(words[1])), form


def test_acronym_collisions_left_out():
    orgs = organizations()
    assert orgs["AFP"] == "Agence France-Presse"  # not the Armed Forces of the Philippines
    assert orgs["RSF"] == "Rapid Support Forces"  # not Reporters Without Borders
    for word in ("AA", "SNA", "CPC", "PLC", "Amal", "Azov", "Duma"):
        assert word not in orgs


def test_lexicon_still_loads():
    assert lexicon().statement_verbs["condemn"] == "Condemnation"


# -- speech acts (statements.yaml) and what was said (speech_content.yaml)


@pytest.mark.parametrize(
    ("verb", "stype"),
    [
        ("lambaste", "Condemnation"),
        ("vilify", "Condemnation"),
        ("assail", "Criticism"),
        ("deride", "Criticism"),
        ("complain", "Criticism"),
        ("extol", "Praise"),
        ("beseech", "Appeal"),
        ("encourage", "Appeal"),
        ("rebut", "Denial"),
        ("disavow", "Denial"),
        ("argue", "Claim"),
        ("snub", "Rejection"),
        ("reveal", "Assertion"),
        ("acknowledge", "Assertion"),
    ],
)
def test_more_statement_verbs(verb, stype):
    assert lexicon().statement_verbs[verb] == stype


def test_more_statement_nouns_and_phrasal_verbs():
    lex = lexicon()
    assert lex.statement_nouns["ultimatum"] == "Warning"
    assert lex.statement_nouns["rebuttal"] == "Denial"
    assert lex.statement_nouns["blame"] == "Accusation"
    assert lex.phrasal[("hit", "out")] == "Criticism"
    assert lex.phrasal[("push", "for")] == "Appeal"
    assert lex.phrasal[("rule", "out")] == "Rejection"
    assert lex.phrasal[("point", "out")] == "Assertion"


def test_idioms():
    lex = lexicon()
    assert lex.idioms[("trade", "blame")] == "Accusation"
    assert lex.idioms[("exchange", "accusation")] == "Accusation"
    assert lex.idioms[("point", "the", "finger", "at", "X")] == "Accusation"
    assert lex.idioms[("hold", "X", "responsible")] == "Accusation"
    assert lex.idioms[("take", "aim", "at", "X")] == "Criticism"
    assert ("reject", "claim") not in lex.idioms  # a rejection by its verb, as the annotation convention has it
    assert lex.idioms[("pay", "tribute", "to", "X")] == "Praise"
    assert ("trade", "blame") in lex.reciprocal and ("exchange", "accusation") in lex.reciprocal
    assert lex.reciprocal <= set(lex.idioms)


def test_statement_lexicon_types_are_the_ontology_types():
    lex = lexicon()
    tables = [lex.statement_verbs, lex.statement_nouns, lex.phrasal, lex.idioms]
    assert all(t in STATEMENT_TYPES for table in tables for t in table.values())
    assert all(c.statement_type in STATEMENT_TYPES for c in speech_content())


@pytest.mark.parametrize(
    ("said", "stype", "cue"),
    [
        ("the strike was a war crime", "Condemnation", "war crime"),
        ("the bombing of the market was barbaric", "Condemnation", "barbaric"),
        ("this is genocide", "Condemnation", "genocide"),
        ("it was a massacre", "Condemnation", "was a massacre"),
        ("a flagrant violation of international law", "Condemnation", "violation of international law"),
        ("a cowardly terrorist act", "Condemnation", "cowardly"),
        ("they will pay a heavy price", "Warning", "will pay a heavy price"),
        ("Those responsible will pay a heavy price for this crime", "Warning", "will pay a heavy price"),
        ("all options are on the table", "Warning", "all options are on the table"),
        ("the militia was responsible for the attack", "Accusation", "responsible for the attack"),
        ("the army bears full responsibility", "Accusation", "bears full responsibility"),
        ("the killing must stop", "Appeal", "must stop"),
        ("We demand an immediate ceasefire", "Appeal", "we demand"),
        ("those responsible must be brought to justice", "Appeal", "must be brought to justice"),
        ("the reports were baseless", "Denial", "baseless"),
        ("These are false claims", "Denial", "false claims"),
        ("we will never accept this", "Rejection", "will never accept"),
        ("we welcome the agreement", "Praise", "we welcome"),
        ("a step in the right direction", "Praise", "step in the right direction"),
        ("the decision was reckless", "Criticism", "reckless"),
        ("It’s shameful", "Criticism", "shameful"),
    ],
)
def test_content_cue(said, stype, cue):
    assert content_cue(said) == (stype, cue)


@pytest.mark.parametrize(
    "report",
    [
        "20 people were killed in the attack",
        "the army said troops had retaken the town on Monday",
        "at least 12 civilians died when a shell hit the market",
        "the town lies 20 kilometres north of the capital",
        "the terrorist attack killed five soldiers",
        "the strike came in retaliation for a rocket attack",
        "the group released a propaganda video",
        "the ministry responsible for health said hospitals were full",
        "the massacre took place in 2014",
        "the talks will resume next week",
        "",
        None,
    ],
)
def test_a_plain_report_has_no_content_cue(report):
    assert content_cue(report) is None


def test_speech_content_records():
    cues = speech_content()
    assert len(cues) > 250
    phrases = [c.phrase for c in cues]
    assert len(phrases) == len(set(phrases)), "a phrase of two types"
    assert all(p == p.lower() and p == p.strip() for p in phrases)
    assert [t for t, _ in content_patterns()][:2] == ["Warning", "Accusation"]
    assert {"describe", "call", "brand", "label", "term"} <= predicating_verbs()


# -- ontology


def _ontology():
    return Graph().parse(HERE.parent / "ontology" / "newskg.ttl")


def test_ontology_has_one_labelled_sector_concept_per_sector():
    g = _ontology()
    in_scheme = set(g.subjects(SKOS.inScheme, KGO.Sectors))
    assert in_scheme == {sector_concept(k) for k in sectors()}
    for key, sector in sectors().items():
        concept = sector_concept(key)
        assert (concept, RDF.type, SKOS.Concept) in g
        assert str(g.value(concept, SKOS.prefLabel)) == sector.label
        if sector.broader:
            assert g.value(concept, SKOS.broader) == sector_concept(sector.broader)


def test_ontology_new_terms_are_documented():
    g = _ontology()
    expected = {
        KGO.sector: (OWL.ObjectProperty, KGO.Actor),
        KGO.country: (OWL.ObjectProperty, KGO.Actor),
        KGO.background: (OWL.DatatypeProperty, KGO.Attack),
        KGO.perpetratorStatus: (OWL.DatatypeProperty, KGO.Attack),
        KGO.attributedBy: (OWL.ObjectProperty, KGO.Attack),
        KGO.statementCue: (OWL.DatatypeProperty, KGO.Statement),
    }
    for term, (kind, domain) in expected.items():
        assert (term, RDF.type, kind) in g, term
        assert g.value(term, RDFS.domain) == domain, term
        assert g.value(term, RDFS.comment), term
    assert g.value(KGO.country, RDFS.range) == KGO.Location
    assert g.value(KGO.background, RDFS.range) == XSD.boolean
    assert g.value(KGO.attributedBy, RDFS.range) == KGO.Statement
    comment = str(g.value(KGO.perpetratorStatus, RDFS.comment))
    assert all(f'"{status}"' in comment for status in PERPETRATOR_STATUSES)
    for kept in (KGO.speaker, KGO.statementType, KGO.perpetrator, KGO.leads, KGO.Group, KGO.Condemnation):
        assert (kept, None, None) in g


def test_shapes_accept_the_new_terms_and_reject_wrong_values():
    pyshacl = pytest.importorskip("pyshacl")
    shapes = Graph().parse(HERE.parent / "ontology" / "shapes.ttl")
    ex = "https://example.org/"
    g = Graph()
    article, sent = URIRef(ex + "article/a"), URIRef(ex + "article/a#char=0,10")
    actor, place, attack, stmt = (URIRef(ex + n) for n in ("actor", "place", "attack", "statement"))
    g.add((article, RDF.type, KGO.Article))
    g.add((article, RDFS.label, Literal("a")))
    g.add((article, DCTERMS.identifier, Literal("a")))
    g.add((article, NIF.isString, Literal("0123456789")))
    g.add((sent, RDF.type, NIF.Sentence))
    g.add((sent, RDF.type, NIF.String))
    g.add((sent, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.add((sent, NIF.endIndex, Literal(10, datatype=XSD.nonNegativeInteger)))
    g.add((sent, NIF.anchorOf, Literal("0123456789")))
    g.add((sent, NIF.referenceContext, article))
    for node, cls in ((actor, KGO.Organization), (place, KGO.Location)):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(str(node))))
        g.add((node, KGO.mentionedIn, article))
    g.add((actor, RDF.type, KGO.Actor))
    g.add((actor, KGO.sector, sector_concept("military")))
    g.add((actor, KGO.country, place))
    for node, cls in ((attack, KGO.Attack), (stmt, KGO.Statement)):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(str(node))))
        g.add((node, KGO.evidence, sent))
        g.add((node, PROV.wasDerivedFrom, article))
        g.add((node, KGO.confidence, Literal("0.9", datatype=XSD.decimal)))
    g.add((attack, KGO.attackType, KGO.Airstrike))
    g.add((attack, KGO.background, Literal(True)))
    g.add((attack, KGO.perpetratorStatus, Literal("alleged")))
    g.add((attack, KGO.attributedBy, stmt))
    g.add((stmt, KGO.speaker, actor))
    g.add((stmt, KGO.statementType, KGO.Accusation))
    g.add((stmt, KGO.statementCue, Literal("held responsible")))
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes)
    assert conforms, text

    g.add((actor, KGO.sector, KGO.Airstrike))
    g.add((attack, KGO.background, Literal("yes")))
    g.add((attack, KGO.perpetratorStatus, Literal("rumoured")))
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes)
    assert not conforms
    assert "sector" in text and "background" in text and "perpetratorStatus" in text
