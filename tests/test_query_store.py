"""A build's store folder: queries open it instead of parsing the graph, and it never answers stale."""

import json
import shutil

import pyoxigraph as ox
from conftest import kg

from kg.queries import load_store, run
from kg.queries.disk import STORE, is_fresh

KGO = "https://w3id.org/newskg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _rows(folder, name, *params):
    args = [a for p in params for a in ("--param", p)]
    return json.loads(kg("query", str(folder), name, *args, "--format", "json").stdout)["rows"]


def test_build_writes_a_store_folder_holding_its_graph(built):
    assert (built / STORE).is_dir() and is_fresh(built)
    on_disk = load_store(built)
    parsed = ox.Store()
    parsed.bulk_load(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    assert set(on_disk) == set(parsed)
    for name in ("attacks", "nodes", "who-condemned-whom"):
        assert run(on_disk, name).rows == run(parsed, name).rows, name


def test_a_build_without_a_store_gets_one_and_a_changed_graph_is_reloaded(built, tmp_path):
    folder = tmp_path / "old-build"
    folder.mkdir()
    for name in ("graph.trig", "graph.nq"):  # a build made before the store folder existed
        shutil.copy(built / name, folder / name)
    want = _rows(built, "attacks")
    assert _rows(folder, "attacks") == want
    assert is_fresh(folder)

    # the graph files change (another graph copied over): the store follows them
    attack = ox.NamedNode("https://example.org/id/attack/only")
    quads = [
        ox.Quad(attack, ox.NamedNode(f"{RDF}type"), ox.NamedNode(f"{KGO}Attack")),
        ox.Quad(attack, ox.NamedNode(f"{RDFS}label"), ox.Literal("Market bombing in Kidal")),
    ]
    (folder / "graph.trig").unlink()
    ox.serialize(quads, output=str(folder / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    assert not is_fresh(folder)
    rows = _rows(folder, "nodes")
    assert rows == [{"node": attack.value, "class": f"{KGO}Attack", "label": "Market bombing in Kidal"}]
    assert is_fresh(folder)


def test_final_order_is_sparql_order(tmp_path):
    """Sorted outside the store, rows come in the order Oxigraph's own ORDER BY gives: numbers by value,
    unbound first (last when descending), ties broken by the next key."""
    ttl = tmp_path / "g.ttl"
    ttl.write_text(
        "@prefix kgo: <https://w3id.org/newskg/ontology#> .\n"
        '<urn:a> kgo:killed 10 ; kgo:place "Gao" .\n'
        '<urn:b> kgo:killed 9 ; kgo:place "Bamako" .\n'
        '<urn:c> kgo:place "Ségou" .\n'
        '<urn:d> kgo:killed 10 ; kgo:place "Aden" .\n'
        '<urn:e> kgo:killed 2 ; kgo:place "aden" .\n',
        encoding="utf-8",
    )
    store = load_store(ttl)
    body = (
        "PREFIX kgo: <https://w3id.org/newskg/ontology#> SELECT ?x ?killed ?place "
        "WHERE { ?x kgo:place ?place OPTIONAL { ?x kgo:killed ?killed } }"
    )
    for order in ("ORDER BY ?killed ?place", "ORDER BY DESC(?killed) ?place", "ORDER BY ?place DESC(?x)"):
        ours = run(store, f"{body} {order}").rows
        theirs = [
            {v: (None if s[v] is None else s[v].value) for v in ("x", "killed", "place")}
            for s in store.query(f"{body} {order}")
        ]
        assert ours == theirs, order
    assert [r["killed"] for r in run(store, f"{body} ORDER BY DESC(?killed) ?place").rows] == [
        "10", "10", "9", "2", None,
    ]  # fmt: skip
