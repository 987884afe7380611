"""Time and peak memory of every packaged query as the graph grows.

    python bench/bench_queries.py [--sizes 500,2000,10000] [--work DIR] [--build-up-to N]

For each size N: the news-like corpus of bench/newsgen.py, built with `kg build` (kept in
WORK/build-N for the next run). Building runs the whole NLP pipeline (minutes per thousand
articles), so above --build-up-to articles the graph is the largest built one repeated: each copy's
articles, attacks, statements and sentences renamed, its actors, places and operations shared, as
in a longer stretch of the same wars (WORK/repeat-N/graph.nq). Each build folder gets its store
folder (kg.queries.disk) once, timed apart ("store written"): the build writes it, a repeat's first
query does. Then one fresh process per size opens the store and runs each query once, as `kg query`
does; the printed memory is the process's peak RSS so far (the open store, then whatever a query adds).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
RENAMED = re.compile(r"^(.*/id/(?:article|attack|statement)/[^#]*)(.*)$")

CHILD = """
import json, re, sys, time
from pathlib import Path
from kg.queries import load_store, run

def peak_kb():  # this process's own peak (ru_maxrss would carry the parent's over exec)
    return int(re.search(r"VmHWM:\\s*(\\d+)", Path("/proc/self/status").read_text()).group(1))

start = time.perf_counter()
store = load_store(sys.argv[1])
print(json.dumps({"load": time.perf_counter() - start, "quads": len(store),
                  "loaded_kb": peak_kb()}), flush=True)
for name, params in json.loads(sys.argv[2]):
    start, cpu = time.perf_counter(), time.process_time()
    rows = run(store, name, params).rows
    print(json.dumps({"query": name, "seconds": time.perf_counter() - start, "rows": len(rows),
                      "cpu": time.process_time() - cpu,
                      "peak_kb": peak_kb()}), flush=True)
"""


def build(n: int, work: Path) -> Path:
    out = work / f"build-{n}"
    if (out / "graph.trig").exists():
        return out
    corpus = work / f"corpus-{n}"
    subprocess.run([sys.executable, str(ROOT / "bench" / "newsgen.py"), str(n), str(corpus)], check=True)
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--quiet"], check=True)
    return out


def repeat(source: Path, times: int, folder: Path) -> Path:
    """``source``'s graph ``times`` over: per-article resources renamed in each copy, entities shared."""
    out = folder / "graph.nq"
    if out.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    store = ox.Store()
    store.bulk_load(path=str(source / "graph.trig"), format=ox.RdfFormat.TRIG)

    def rename(term: object, i: int) -> object:
        if isinstance(term, ox.NamedNode) and (m := RENAMED.match(term.value)):
            return ox.NamedNode(f"{m.group(1)}-{i}{m.group(2)}")
        return term

    def quads():
        for q in store:
            if any(isinstance(t, ox.NamedNode) and RENAMED.match(t.value) for t in (q.subject, q.object, q.graph_name)):
                for i in range(times):
                    obj = q.object
                    if q.predicate.value == "http://purl.org/dc/terms/identifier":
                        obj = ox.Literal(f"{obj.value}#{i}")
                    yield ox.Quad(rename(q.subject, i), q.predicate, rename(obj, i), rename(q.graph_name, i))
            else:
                yield q

    part = out.with_suffix(".part")
    ox.serialize(quads(), output=str(part), format=ox.RdfFormat.N_QUADS)
    part.rename(out)  # a run cut short leaves no half-written graph behind
    return folder


def parameters(graph: Path) -> dict[str, dict[str, str]]:
    """A country with attacks in its towns, and the actor most statements target."""
    from kg.queries import load_store, select_rows

    store = load_store(graph)
    head = "PREFIX kgo: <https://w3id.org/newskg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    place = select_rows(store, head + "SELECT ?n (COUNT(*) AS ?c) WHERE { ?a kgo:location/kgo:locatedIn ?p . "
                        "?p rdfs:label ?n } GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1")  # fmt: skip
    actor = select_rows(store, head + "SELECT ?n (COUNT(*) AS ?c) WHERE { ?s kgo:target ?t . ?t rdfs:label ?n } "
                        "GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1")  # fmt: skip
    return {
        "attacks-in": {"place": place[0]["n"] if place else "Libya"},
        "aliases-of": {"actor": actor[0]["n"]},
        "statements-about": {"actor": actor[0]["n"]},
    }


def main() -> None:
    from kg.queries import names
    from kg.queries.disk import is_fresh, write_store

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,2000,10000")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-queries"))
    ap.add_argument("--build-up-to", type=int, default=500, help="Build at most this many articles; repeat above.")
    ap.add_argument("--queries", default=",".join(names()))
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    built = {n: build(n, args.work) for n in sizes if n <= args.build_up_to}
    base = max(built) if built else args.build_up_to
    built.setdefault(base, build(base, args.work))
    for n in sizes:
        times = round(n / base)
        folder = built[n] if n in built else repeat(built[base], times, args.work / f"repeat-{n}")
        start = time.perf_counter()
        if not is_fresh(folder):
            write_store(folder)
        written = time.perf_counter() - start
        params = parameters(folder)
        how = "built" if n in built else f"{base} built × {times}"
        size = sum(f.stat().st_size for f in (folder / "store").iterdir())
        print(
            f"\n{n} articles ({how}), store {size / 1e6:.0f} MB"
            + (f", written in {written:.1f} s" if written > 1 else "")
        )
        todo = [(q, params.get(q, {})) for q in args.queries.split(",")]
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder), json.dumps(todo)], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            r = json.loads(line)
            if "load" in r:
                print(
                    f"  {r['quads']:,} quads, store opened in {r['load']:.2f} s, {r['loaded_kb'] / 1e6:.2f} GB",
                    flush=True,
                )
                continue
            cpu, gb = r["cpu"], r["peak_kb"] / 1e6
            print(f"  {r['query']:20s} {r['seconds']:7.2f} s (CPU {cpu:6.2f} s) {r['rows']:7d} rows  peak {gb:5.2f} GB",
                  flush=True)  # fmt: skip
        proc.wait()


def _format(path: Path) -> ox.RdfFormat:
    return {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}[path.suffix]


if __name__ == "__main__":
    main()
