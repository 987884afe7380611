"""`kg build` on the bundled corpus, checked the way a user (and a second parser) would."""

import json
import re
import shutil

import pyoxigraph as ox
import pytest
from conftest import CORPUS, ROOT, kg
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

KGO = Namespace("https://w3id.org/newskg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


def test_outputs_and_report(built):
    for name in ("graph.ttl", "graph.trig", "network.html", "report.json"):
        assert (built / name).stat().st_size > 0
    report = json.loads((built / "report.json").read_text())
    assert len(report["articles"]) == 5 and report["failed"] == []
    assert report["counts"]["Statement"] > 0 and report["counts"]["Attack"] > 0
    assert set(report["seconds"]) >= {"read+annotate", "extract", "resolve", "graph+infer", "export"}
    assert "en_newskg" in report["model"]


def test_independent_parser_reads_both_serialisations(built):
    triples = list(ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    quads = list(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(triples) > 500
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    articles = {g for g in graphs if "/article/" in g}
    assert len(articles) == 5
    assert "https://w3id.org/newskg/id/graph/inferred" in graphs
    assert "https://w3id.org/newskg/ontology" in graphs
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(triples)  # the Turtle is the union


def test_shacl_shapes_pass(built):
    pyshacl = pytest.importorskip("pyshacl")
    data = Graph().parse(built / "graph.ttl")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_shapes_catch_a_broken_graph(built):
    pyshacl = pytest.importorskip("pyshacl")
    data = Graph().parse(built / "graph.ttl")
    statement = next(data.subjects(RDF.type, KGO.Statement))
    data.remove((statement, KGO.speaker, None))
    attack = next(data.subjects(RDF.type, KGO.Attack))
    data.add((attack, KGO.killed, __import__("rdflib").Literal(-1)))
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(ROOT / "ontology" / "shapes.ttl"))
    assert not conforms
    assert "speaker" in text and "killed" in text


def test_every_evidence_anchor_is_the_article_text_at_its_offsets(built):
    g = Graph().parse(built / "graph.ttl")
    texts = {a: str(t) for a, t in g.subject_objects(NIF.isString)}
    anchors = list(g.subjects(NIF.anchorOf, None))
    assert len(anchors) > 20
    for sent in anchors:
        article = g.value(sent, NIF.referenceContext)
        begin, end = int(g.value(sent, NIF.beginIndex)), int(g.value(sent, NIF.endIndex))
        assert texts[article][begin:end] == str(g.value(sent, NIF.anchorOf))
        assert str(sent).endswith(f"#char={begin},{end}")


def test_superclasses_are_asserted_and_condemned_is_derived(built):
    g = Graph().parse(built / "graph.ttl")
    for person in g.subjects(RDF.type, KGO.Person):
        assert (person, RDF.type, KGO.Actor) in g
    for stmt in g.subjects(KGO.statementType, KGO.Condemnation):
        for s in g.objects(stmt, KGO.speaker):
            for t in g.objects(stmt, KGO.target):
                assert (s, KGO.condemned, t) in g


def test_article_metadata(built):
    g = Graph().parse(built / "graph.ttl")
    art = URIRef("https://w3id.org/newskg/id/article/000_96e4ea971e9aeea9")
    dc = Namespace("http://purl.org/dc/terms/")
    assert str(g.value(art, dc.identifier)) == "000_96e4ea971e9aeea9.txt"
    assert str(g.value(art, dc.date)) == "2016-06-18"


def test_two_builds_are_byte_identical(built, tmp_path):
    kg("build", str(CORPUS), "-o", str(tmp_path), "--quiet")
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_network_page_is_offline(built):
    html = (built / "network.html").read_text()
    assert "vis.Network" in html or "new vis" in html
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=", html)


def test_bad_inputs_are_reported_and_the_build_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "004_c1e418e0bd2aa12f.txt", src)
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02")
    (src / "bad.jsonl").write_text(
        '{"id": "ok", "text": "Rebels shelled Aden on Friday, killing two people."}\n{oops\n'
    )
    out = tmp_path / "out"
    proc = kg("build", str(src), "-o", str(out), check=False)
    assert proc.returncode == 3 and "3 inputs failed" in proc.stderr  # documented: some inputs failed
    assert "2 articles read, 3 failed" in proc.stdout
    assert "binary.txt" in proc.stderr and "bad.jsonl:2" in proc.stderr
    report = json.loads((out / "report.json").read_text())
    assert sorted(report["articles"]) == ["004_c1e418e0bd2aa12f.txt", "ok"]
    assert {f["path"].rsplit("/", 1)[-1] for f in report["failed"]} == {
        "empty.txt",
        "binary.txt",
        "bad.jsonl:2",
    }
    Dataset().parse(out / "graph.trig", format="trig")


def test_nothing_readable_fails_with_a_message(tmp_path):
    proc = kg("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"), check=False)
    assert proc.returncode == 1
    assert "no such file or folder" in proc.stderr


def test_unknown_model_is_a_clear_error(tmp_path):
    proc = kg("build", str(CORPUS), "-o", str(tmp_path), "--model", "xx_no_such_model", check=False)
    assert proc.returncode == 2
    assert "cannot load spaCy pipeline 'xx_no_such_model'" in proc.stderr


def test_base_iri_is_used_for_minted_resources(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Shelling in Aleppo\n\nGovernment forces shelled Aleppo on Monday, killing five people.")
    kg("build", str(src), "-o", str(tmp_path / "out"), "--quiet", "--base-iri", "http://example.org/kg/")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    minted = {str(s) for s in g.subjects() if "/article/" in str(s) or "/attack/" in str(s)}
    assert minted and all(s.startswith("http://example.org/kg/") for s in minted)
