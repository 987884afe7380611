"""`kg push` throughput against each server's own bulk loader, in the same run.

    python bench/bench_push.py [--triples 1000000] [--batch 100000] [--no-virtuoso]

Builds the bundled corpus, replicates its article and inferred graphs under fresh IRIs until the
dataset holds ``--triples`` triples (one named graph per article, as a real build of a few thousand
articles), then loads it four ways on fresh databases:
Oxigraph's `oxigraph load` (baseline) vs `kg push` to `oxigraph serve`, and Virtuoso's bulk loader
(`ld_dir` + `rdf_loader_run`, baseline) vs `kg push` to its Graph Store endpoint.
Prints seconds, triples/s and the push/baseline ratio of each pair.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.namespaces import KGR_DEFAULT, ONTOLOGY_GRAPH
from kg.servers import Oxigraph, Virtuoso
from kg.store import push

ROOT = Path(__file__).resolve().parent.parent


def synthesise(trig: Path, out: Path, target: int) -> int:
    """Copies of the build's per-article and inferred graphs, each copy under its own IRIs."""
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    ontology = [q for q in quads if q.graph_name.value == ONTOLOGY_GRAPH]
    rest = [q for q in quads if q.graph_name.value != ONTOLOGY_GRAPH]

    def moved(term: object, copy: int) -> object:
        if isinstance(term, ox.NamedNode) and term.value.startswith(KGR_DEFAULT):
            return ox.NamedNode(f"{KGR_DEFAULT}c{copy}/{term.value[len(KGR_DEFAULT) :]}")
        return term

    written = len(ontology)
    with out.open("wb") as f:
        ox.serialize(ontology, output=f, format=ox.RdfFormat.N_QUADS)
        copy = 0
        while written < target:
            batch = [
                ox.Quad(moved(q.subject, copy), q.predicate, moved(q.object, copy), moved(q.graph_name, copy))
                for q in rest
            ]
            batch = batch[: target - written]
            ox.serialize(batch, output=f, format=ox.RdfFormat.N_QUADS)
            written += len(batch)
            copy += 1
    return written


def timed(label: str, triples: int, seconds: float) -> float:
    print(f"  {label:<34} {seconds:8.1f} s  {triples / seconds:10,.0f} triples/s")
    return seconds


def count_all(query_url: str) -> int:
    import requests

    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/newskg/')) }"
    resp = requests.post(query_url, data={"query": q}, headers={"Accept": "application/sparql-results+json"})
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=100_000)
    ap.add_argument("--no-virtuoso", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newskg-bench-") as tmp:
        work = Path(tmp)
        kg.build([ROOT / "corpus"], work / "build", quiet=True)
        data = work / "big.nq"
        n = synthesise(work / "build" / "graph.trig", data, args.triples)
        graphs = len({q.graph_name for q in ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS)})
        print(f"{n:,} triples in {graphs:,} named graphs ({data.stat().st_size / 1e6:.0f} MB N-Quads)")

        print("Oxigraph")
        base = Oxigraph(location=work / "ox-bulk" / "db")
        t = time.perf_counter()
        base.load(data)
        bulk = timed("oxigraph load (bulk loader)", n, time.perf_counter() - t)
        with Oxigraph(location=work / "ox-push" / "db") as server:
            t = time.perf_counter()
            push(data, server.store_url, batch=args.batch, progress=False)
            pushed = timed("kg push (PUT per graph, verified)", n, time.perf_counter() - t)
            assert count_all(server.query_url) == n
        print(f"  ratio push/bulk: {pushed / bulk:.2f}× the time ({bulk / pushed:.2f} of the bulk loader's rate)")

        if args.no_virtuoso or not Virtuoso.available():
            print("Virtuoso: skipped" + ("" if args.no_virtuoso else " (virtuoso-t not installed)"))
            return
        print("Virtuoso")
        with Virtuoso(work / "vt-bulk") as server:
            (work / "vt-bulk" / "big.nq").hardlink_to(data)
            t = time.perf_counter()
            server.isql(
                f"ld_dir('{work / 'vt-bulk'}', 'big.nq', 'urn:newskg:bench:default')",
                "rdf_loader_run()",
                "checkpoint",
            )
            bulk = timed("ld_dir + rdf_loader_run (bulk)", n, time.perf_counter() - t)
            assert count_all(server.query_url) == n, count_all(server.query_url)
        with Virtuoso(work / "vt-push") as server:
            t = time.perf_counter()
            push(data, server.store_url, user="dba", password="dba", auth="digest", batch=args.batch, progress=False)
            pushed = timed("kg push (PUT per graph, verified)", n, time.perf_counter() - t)
            assert count_all(server.query_url) == n
        print(f"  ratio push/bulk: {pushed / bulk:.2f}× the time ({bulk / pushed:.2f} of the bulk loader's rate)")


if __name__ == "__main__":
    main()
