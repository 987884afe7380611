"""Cross-document event coreference: one kgo:Attack for the attack several articles report."""

from __future__ import annotations

import json

import pyoxigraph as ox
from conftest import CORPUS, kg

from kg.export import write_rdf
from kg.fragments import Fragments, update_graphs
from kg.records import Article, Attack, Extraction, Mention, Sentence
from kg.resolve import resolve
from kg.state import pack

Q = """PREFIX kgo: <https://w3id.org/newskg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a (COUNT(DISTINCT ?art) AS ?articles) (COUNT(DISTINCT ?e) AS ?evidence) (COUNT(DISTINCT ?l) AS ?labels)
WHERE { ?a a kgo:Attack ; prov:wasDerivedFrom ?art ; kgo:evidence ?e ; rdfs:label ?l } GROUP BY ?a ORDER BY ?a"""


def report(aid: str, text: str, killed: int | None, date: str | None = None) -> Extraction:
    """An article whose one sentence reports an airstrike by the Russian Army in Kharkiv."""
    s = Sentence(0, len(text), text)
    army = Mention("Russian Army", "Organization", text.index("Russian Army"), text.index("Russian Army") + 12, s)
    city = Mention("Kharkiv", "Location", text.index("Kharkiv"), text.index("Kharkiv") + 7, s)
    attack = Attack("Airstrike", "airstrike", s, army, city, killed=killed, date=date, confidence=0.8,
                    trigger_begin=text.index("airstrike"))  # fmt: skip
    return Extraction(Article(aid, text, aid), (s,), (army, city), (), (attack,))


def attacks(extractions: list[Extraction], tmp_path, event_merge: bool = True) -> list[tuple]:
    res, base = resolve(extractions, event_merge=event_merge), "https://w3id.org/newskg/id/"
    tmp_path.mkdir(parents=True, exist_ok=True)
    graphs = Fragments(tmp_path / "graphs.db", base, fresh=True)
    packed = sorted((pack(ex) for ex in extractions), key=lambda p: p.id)
    update_graphs(graphs, ((p.id, p.digest, p.data) for p in packed), res, base)
    files = write_rdf(graphs, tmp_path).paths
    graphs.close()
    store = ox.Store()
    store.bulk_load(path=str(files["trig"]), format=ox.RdfFormat.TRIG)
    rows = store.query(Q, use_default_graph_as_union=True)
    return [tuple(int(r[v].value) for v in ("articles", "evidence", "labels")) for r in rows]


def test_same_attack_in_two_articles_is_one_node(tmp_path):
    a = report("a.txt", "An airstrike by the Russian Army in Kharkiv killed five civilians.", 5, "2022-03-01")
    b = report("b.txt", "Five died in an airstrike by the Russian Army in Kharkiv, the mayor said.", 5)
    assert attacks([a, b], tmp_path) == [(2, 2, 1)]  # both articles, both sentences, one label
    assert attacks([a, b], tmp_path / "apart", event_merge=False) == [(1, 1, 1), (1, 1, 1)]


def test_conflicting_counts_or_dates_keep_reports_apart(tmp_path):
    a = report("a.txt", "An airstrike by the Russian Army in Kharkiv killed five civilians.", 5)
    c = report("c.txt", "An airstrike by the Russian Army in Kharkiv killed twelve people.", 12)
    d = report("d.txt", "An airstrike by the Russian Army in Kharkiv on Monday.", None, "2022-03-07")
    e = report("e.txt", "An airstrike by the Russian Army in Kharkiv on Tuesday.", None, "2022-03-08")
    assert len(attacks([a, c], tmp_path)) == 2
    assert len(attacks([d, e], tmp_path / "dates")) == 2


def test_build_merges_events_unless_told_not_to(tmp_path):
    merged, apart = tmp_path / "merged", tmp_path / "apart"
    kg("build", str(CORPUS), "-o", str(merged), "--quiet")
    kg("build", str(CORPUS), "-o", str(apart), "--quiet", "--no-event-merge")
    n_merged = json.loads((merged / "report.json").read_text())["counts"]["Attack"]
    n_apart = json.loads((apart / "report.json").read_text())["counts"]["Attack"]
    assert n_merged < n_apart
    store = ox.Store()
    store.bulk_load(path=str(merged / "graph.trig"), format=ox.RdfFormat.TRIG)
    multi = [r for r in store.query(Q, use_default_graph_as_union=True) if int(r["articles"].value) > 1]
    assert len(multi) == n_apart - n_merged
    assert all(int(r["labels"].value) == 1 and int(r["evidence"].value) > 1 for r in multi)
