"""How a build scales with the corpus: spaCy alone vs the whole build, export, memory, --update, Dask.

    python bench/bench_scale.py [--sizes 500,2000] [--big] [--processes 2] [--dask] [--keep DIR]

For each size N, generates N news-like articles (bench/newsgen.py) and, in the same run, measures:
spaCy alone (``nlp.pipe`` over the texts with ``n_process`` = --processes, each process one BLAS
thread, model load excluded), the ``kg build`` wall time with --processes (model load included), their
ratio, articles/s, export seconds per 100k triples (report.json: graph+infer and export, the
stages after resolution), and peak memory (the summed proportional set size of the build's process tree,
sampled every 0.1 s), and the CPU seconds (user + system) of spaCy alone and of the build, process
tree included (on a machine others load, wall times swing with their jobs, CPU seconds far less).
At the largest size it then adds 10 new articles with ``--update`` and checks the result against a
full build of all N + 10 (same bytes). ``--dask`` also builds the largest size on a LocalCluster of
--processes single-threaded workers and compares the bytes. ``--big`` adds N = 10,000.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from newsgen import generate  # noqa: E402

OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "aliases.json", "network.html")

SPACY_ALONE = """
import json, sys, time
from kg.nlp import load
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load().nlp
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[2])):
    pass
print(time.perf_counter() - start)
"""


def env(one_thread: bool) -> dict[str, str]:
    extra = {"PYTHONPATH": str(ROOT)} | ({"OPENBLAS_NUM_THREADS": "1"} if one_thread else {})
    return os.environ | extra


def cpu_of_children() -> float:
    """CPU seconds (user + system) of this process's finished descendants: on a machine others load,
    wall times swing with their jobs while CPU seconds mostly do not."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def spacy_alone(corpus: Path, processes: int) -> tuple[float, float]:
    """Wall seconds of the pipe (model load excluded) and CPU seconds of the whole run (included)."""
    cpu = cpu_of_children()
    proc = subprocess.run(
        [sys.executable, "-c", SPACY_ALONE, str(corpus / "news.jsonl"), str(processes)],
        env=env(processes > 1),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(proc.stdout.strip().splitlines()[-1]), cpu_of_children() - cpu


def footprint(p: psutil.Process) -> int:
    """Proportional set size: forked workers share the pipeline's pages, RSS would count them twice."""
    try:
        return p.memory_full_info().pss
    except (psutil.AccessDenied, AttributeError):
        return p.memory_info().rss


def run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak summed memory (PSS, MB) and CPU seconds of ``python -m kg.cli ARGS`` and its children."""
    start, cpu = time.perf_counter(), cpu_of_children()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", *args], env=env(False), cwd=ROOT)
    top, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [top, *top.children(recursive=True)]
            peak = max(peak, sum(footprint(p) for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    if proc.returncode:
        raise SystemExit(f"kg {' '.join(args)} failed with {proc.returncode}")
    return time.perf_counter() - start, peak / 1e6, cpu_of_children() - cpu


def same(a: Path, b: Path) -> bool:
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in OUTPUTS)


def measure(n: int, work: Path, processes: int) -> dict:
    corpus = work / f"corpus-{n}"
    generate(n, corpus)
    alone, alone_cpu = spacy_alone(corpus, processes)
    out = work / f"out-{n}"
    wall, peak, cpu = run(["build", str(corpus), "-o", str(out), "-q", "--processes", str(processes)])
    report = json.loads((out / "report.json").read_text())
    triples = report["counts"]["triples"]
    export = report["seconds"]["graph+infer"] + report["seconds"]["export"]
    return {
        "n": n,
        "spacy": alone,
        "build": wall,
        "ratio": wall / alone,
        "per_s": n / wall,
        "triples": triples,
        "export": export,
        "export_per_100k": export / triples * 1e5,
        "peak_mb": peak,
        "cpu_spacy": alone_cpu,
        "cpu_build": cpu,
        "seconds": report["seconds"],
    }


def update(n: int, work: Path, processes: int, full_build: float) -> str:
    new = work / f"new-{n}"
    generate(n + 10, new, start=n)
    out = work / f"out-{n}"
    wall, _, cpu = run(["build", str(new), "-o", str(out), "-q", "--update", "--processes", str(processes)])
    full = work / f"full-{n + 10}"
    full_wall, _, full_cpu = run(
        ["build", str(work / f"corpus-{n}"), str(new), "-o", str(full), "-q", "--processes", str(processes)]
    )
    return (
        f"--update, 10 new articles on {n:,}: {wall:.1f} s = {wall / full_wall:.1%} of a full rebuild "
        f"({full_wall:.1f} s; the {n:,} build took {full_build:.1f} s); CPU {cpu:.0f} s = {cpu / full_cpu:.1%} of "
        f"the rebuild's {full_cpu:.0f} s; identical output: {same(out, full)}"
    )


def on_dask(n: int, work: Path, processes: int) -> str:
    from dask.distributed import LocalCluster

    # scheduler (in this process) and workers run this checkout's kg, as the client does
    os.environ["PYTHONPATH"] = str(ROOT)
    sys.path.insert(0, str(ROOT))
    with LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = work / f"dask-{n}"
        corpus = str(work / f"corpus-{n}")
        wall, peak, _ = run(["build", corpus, "-o", str(out), "-q", "--dask", cluster.scheduler_address])
        workers = sum(footprint(p) for p in psutil.Process().children(recursive=True)) / 1e6
    return (
        f"Dask LocalCluster ({processes} workers × 1 thread), N = {n:,}: {wall:.1f} s, {n / wall:.1f} articles/s, "
        f"client peak {peak:,.0f} MB + workers {workers:,.0f} MB at the end; identical to the local build: "
        f"{same(out, work / f'out-{n}')}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,2000")
    ap.add_argument("--big", action="store_true", help="add N = 10,000")
    ap.add_argument("--processes", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--dask", action="store_true")
    ap.add_argument("--no-update", action="store_true")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([10_000] if args.big else [])
    work = args.keep or Path(tempfile.mkdtemp(prefix="newskg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores, --processes {args.processes}, load average {os.getloadavg()[0]:.1f}")
    print(
        "| articles | triples | spaCy alone | build | build / spaCy | articles/s | export s/100k triples | peak MB "
        "| CPU s spaCy alone | CPU s build | CPU build / spaCy |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for n in sizes:
        r = measure(n, work, args.processes)
        rows.append(r)
        print(
            f"| {n:,} | {r['triples']:,} | {r['spacy']:.1f} s | {r['build']:.1f} s | {r['ratio']:.2f} | "
            f"{r['per_s']:.1f} | {r['export_per_100k']:.2f} | {r['peak_mb']:,.0f} | {r['cpu_spacy']:.0f} | "
            f"{r['cpu_build']:.0f} | {r['cpu_build'] / r['cpu_spacy']:.2f} |",
            flush=True,
        )
    for r in rows:
        print(f"N = {r['n']:,} stages: " + ", ".join(f"{k} {v:.1f}" for k, v in r["seconds"].items()))
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(
            f"N {b['n']:,} vs {a['n']:,}: export s/100k triples × {b['export_per_100k'] / a['export_per_100k']:.2f}, "
            f"peak memory × {b['peak_mb'] / a['peak_mb']:.2f}"
        )
    largest = min(max(sizes), 2000)
    if args.dask:
        print(on_dask(largest, work, args.processes), flush=True)
    if not args.no_update:
        print(update(largest, work, args.processes, next(r["build"] for r in rows if r["n"] == largest)), flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}; work folder {work}")


if __name__ == "__main__":
    main()
