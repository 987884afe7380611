"""Load-to-interactive time of the explorer page in Chromium as the graph grows.

    python bench/bench_views.py [--sizes 100,500,2000]

For each size, writes a synthetic graph on the newskg contract (actors, attacks, operations,
places, statements), renders `kg view --kind graph`, opens it in Debian's Chromium (Playwright)
and reports the time from navigation until the layout has stabilised and frozen (window.kgReady),
against the 100-node page as the baseline in the same run.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace

KGO = Namespace("https://w3id.org/newskg/ontology#")
KGR = Namespace("https://w3id.org/newskg/id/")
CHROMIUM = "/usr/lib/chromium/chromium"


def synthetic_graph(nodes: int, seed: int = 1) -> Graph:
    """About ``nodes`` nodes: 35% actors, 40% attacks, 20% places, 5% operations, linked at random."""
    rng = random.Random(seed)
    g = Graph()
    people = [KGR[f"person/p{i}"] for i in range(int(nodes * 0.2))]
    orgs = [KGR[f"organization/o{i}"] for i in range(int(nodes * 0.15))]
    places = [KGR[f"location/l{i}"] for i in range(int(nodes * 0.2))]
    ops = [KGR[f"operation/op{i}"] for i in range(max(1, int(nodes * 0.05)))]
    attacks = [KGR[f"attack/a{i}"] for i in range(nodes - len(people) - len(orgs) - len(places) - len(ops))]
    for cls, items in ((KGO.Person, people), (KGO.Organization, orgs), (KGO.Location, places),
                       (KGO.Operation, ops), (KGO.Attack, attacks)):  # fmt: skip
        for n in items:
            g.add((n, RDF.type, cls))
            g.add((n, RDFS.label, Literal(n.rsplit("/", 1)[-1])))
    actors = people + orgs
    for i, place in enumerate(places[10:]):  # the first ten are the countries the others lie in
        g.add((place, KGO.locatedIn, places[i % 10]))
    for a in attacks:
        g.add((a, KGO.perpetrator, rng.choice(actors)))
        g.add((a, KGO.location, rng.choice(places)))
        g.add((a, KGO.date, Literal(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD.date)))
        if rng.random() < 0.3:
            g.add((a, KGO.partOf, rng.choice(ops)))
    for op in ops:
        g.add((op, KGO.launchedBy, rng.choice(orgs)))
    for p in people:
        g.add((p, KGO.memberOf, rng.choice(orgs)))
    types = [KGO.Condemnation, KGO.Accusation, KGO.Praise, KGO.Warning]
    for t in types:
        g.add((t, RDFS.label, Literal(t.rsplit("#", 1)[-1])))
    for i in range(len(actors)):
        s = KGR[f"statement/s{i}"]
        g.add((s, RDF.type, KGO.Statement))
        g.add((s, KGO.speaker, rng.choice(actors)))
        g.add((s, KGO.target, rng.choice(actors)))
        g.add((s, KGO.statementType, rng.choice(types)))
    return g


def load_time(page_path: Path, browser: object) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.perf_counter()
    page.goto(page_path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=600_000)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def main() -> None:
    from playwright.sync_api import sync_playwright

    from kg.queries import load_store
    from kg.views import write

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,500,2000,5000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        base = None
        for n in sizes:
            ttl = Path(tmp) / f"g{n}.ttl"
            synthetic_graph(n).serialize(ttl, format="turtle")
            page = Path(tmp) / f"g{n}.html"
            t = time.perf_counter()
            g = write(load_store(ttl), "graph", page)
            render = time.perf_counter() - t
            seconds = load_time(page, browser)
            base = base or seconds
            print(
                f"{g.number_of_nodes():5d} nodes {g.number_of_edges():5d} links: render {render:5.2f} s, "
                f"page {page.stat().st_size / 1e6:4.1f} MB, load-to-interactive {seconds:6.2f} s "
                f"({seconds / base:4.1f}× the {sizes[0]}-node page)"
            )
        browser.close()


if __name__ == "__main__":
    main()
