"""build: the whole pipeline, read → annotate → extract → document → resolve → infer → graph → export.

Streaming: the per-article stages run on batches (here, in worker processes or on Dask, see
kg.workers) and each article's records go to disk (kg.state) as soon as they are back; the
corpus-wide steps read compact records; article graphs stream into an on-disk sorted set
(kg.export). Memory stays flat in the number of articles, and ``update=True`` adds articles to a build.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from tqdm import tqdm

from kg.aside import Aside, copying
from kg.corpus import read
from kg.export import graph_text, write_json, write_rdf
from kg.fragments import FILE as FRAGMENTS
from kg.fragments import FragmentError, Fragments, update_graphs
from kg.infer import INFERRED
from kg.namespaces import KGR_DEFAULT
from kg.queries.disk import StoreFeed, copied_store, is_fresh, patch_store, place_store, stamp_of
from kg.records import Article, ReadFailure, ReadWarning
from kg.resolve import aliases_report, resolve
from kg.state import FILE as RECORDS
from kg.state import State, StateError


class BuildError(ValueError):
    """A build that cannot start (output folder not writable, bad --base-iri): said before any work."""


@dataclass
class Report:
    """What a build did: written to DIR/report.json."""

    model: str = ""
    base_iri: str = ""
    articles: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    problems: list[dict[str, object]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "base_iri": self.base_iri,
            "articles": self.articles,
            "failed": self.failed,
            "warnings": self.warnings,
            "problems": self.problems,
            "counts": self.counts,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "outputs": self.outputs,
        }


# what a user reads while each corpus-wide step runs (minutes on a big corpus, with no bar to show)
STEPS = {
    "resolve": "resolving names and events across the articles",
    "graph+infer": "building the article graphs and inferring",
    "export": "writing graph.trig, graph.nq and graph.ttl",
    "network": "writing the store and network.html",
}


@contextmanager
def _timed(report: Report, stage: str, progress: _Progress | None = None) -> Iterator[None]:
    if progress is not None:
        progress.write(f"kg build: {STEPS[stage]}")
    start = time.perf_counter()
    yield
    report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - start


def checked_base_iri(base_iri: str) -> tuple[str, str | None]:
    """``base_iri`` ending in "/" or "#" (one is added, and said, when it has neither: minted IRIs
    would otherwise run into the last path segment); BuildError when it is no absolute IRI."""
    parts = urlsplit(base_iri)
    bad = next((c for c in base_iri if c.isspace() or c in '<>"{}|\\^`' or ord(c) < 32), None)
    if bad is not None or not parts.scheme or not (parts.netloc or parts.scheme in ("urn", "tag")):
        raise BuildError(
            f"--base-iri {base_iri!r} is not an absolute IRI"
            + (f" (it holds {bad!r})" if bad is not None else "")
            + "; give one like https://example.org/id/"
        )
    if base_iri.endswith(("/", "#")):
        return base_iri, None
    return base_iri + "/", f"--base-iri {base_iri!r} has no trailing '/' or '#'; using {base_iri + '/'!r}"


def _staging_folder(out: Path) -> Path:
    """A new empty folder beside ``out`` to build into: creating it is the check that the build can
    write its output at all, before any work (BuildError with what to do otherwise)."""
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise BuildError(f"output {out} is a file; give a folder")
    if out.exists() and not os.access(out, os.W_OK | os.X_OK):
        raise BuildError(f"cannot write to {out}: permission denied; choose another -o folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    except OSError as err:
        raise BuildError(
            f"cannot write beside {out} ({err.strerror or err}: {err.filename or out.parent}); choose another -o folder"
        ) from err


@contextmanager
def _staged(out: Path) -> Iterator[Path]:
    """The staging folder to write into; its files replace those of ``out`` only when the body
    finishes, with Ctrl-C held back while they are swapped, so an interrupted or failed build
    leaves the previous one whole. The staging folder is removed in every case."""
    tmp = _staging_folder(out)
    try:
        yield tmp
        out.mkdir(exist_ok=True)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            for file in sorted(tmp.iterdir()):
                if file.is_dir() and (out / file.name).is_dir():  # the store folder: the old one goes with tmp
                    os.replace(out / file.name, tmp / f".old-{file.name}")
                os.replace(file, out / file.name)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class _Progress:
    """A tqdm bar on a terminal; elsewhere (a log, a pipe) one plain line every ``every`` seconds."""

    def __init__(self, quiet: bool, every: float = 30.0) -> None:
        self.tty = not quiet and sys.stderr.isatty()
        self.quiet = quiet
        self.bar = tqdm(desc="articles", unit="art", file=sys.stderr) if self.tty else None
        self.n, self.every, self.start = 0, every, time.monotonic()
        self.last = self.start

    def update(self) -> None:
        self.n += 1
        if self.bar is not None:
            self.bar.update()
        elif not self.quiet and time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            print(f"kg build: {self.n} articles in {self.last - self.start:.0f} s", file=sys.stderr, flush=True)

    def write(self, message: str) -> None:
        if not self.quiet:
            tqdm.write(message, file=sys.stderr) if self.bar is not None else print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    model: str | None = None,
    base_iri: str = KGR_DEFAULT,
    quiet: bool = False,
    event_merge: bool = True,
    processes: int | None = 1,
    dask: Any = None,
    update: bool = False,
    jsonld: bool = False,
) -> Report:
    """Build the graph of the articles under ``paths`` into the folder ``out``; returns the report.

    ``processes`` (None: every core) annotate in parallel; ``dask`` (a scheduler address or a
    ``dask.distributed.Client``) runs the per-article stages on a cluster instead. ``update`` adds the
    articles to the build already in ``out``: only new or changed articles are annotated, and the
    output is what a full build of all of them writes. The output folder and ``base_iri`` are
    checked first (BuildError); the files of ``out`` are replaced only once every one of them is written.
    """
    out = Path(out)
    report = Report()
    base_iri, note = checked_base_iri(base_iri)
    report.base_iri = base_iri
    if note:
        report.warnings.append({"path": "--base-iri", "reason": note})
    if update and not (out / RECORDS).exists():
        raise StateError(f"no {out / RECORDS}: --update extends a build made by this version; build it first")
    with _staged(out) as tmp, _patcher(out, tmp, update) as patcher:
        progress = _Progress(quiet)
        if note:
            progress.write(note)
        # an update's stored graphs (hundreds of MB) are copied while spaCy loads, and before any fork
        reused = update and (out / FRAGMENTS).exists()
        with copying(out / FRAGMENTS, tmp / FRAGMENTS) if reused else nullcontext():
            from kg import workers  # spaCy (and the views' pyvis) load only once the arguments are checked

            with _timed(report, "load-model"):
                loaded = workers.model(model)
        report.model = loaded.describe()
        if update and (out / RECORDS).exists():
            shutil.copy2(out / RECORDS, tmp / RECORDS)
        state = State(tmp, report.model, fresh=not update)
        try:
            try:
                read_now = _annotate(paths, state, report, model, processes or workers.cores(), dask, progress)
            finally:
                progress.close()
            report.articles = state.ids()
            _write(
                state,
                report,
                tmp,
                base_iri=base_iri,
                event_merge=event_merge,
                jsonld=jsonld,
                previous=out if update else None,
                patcher=patcher,
                progress=progress,
            )
        finally:
            state.close()
        report.counts |= {
            "articles": len(report.articles),
            "articles_read": read_now,
            "articles_failed": len(report.failed),
        }
        report.outputs = {k: f"graph.{k}" for k in ("ttl", "trig", "nq", "jsonld") if k != "jsonld" or jsonld} | {
            "network": "network.html",
            "aliases": "aliases.json",
            "report": "report.json",
            "records": RECORDS,
            "graphs": FRAGMENTS,
        }
        write_json(report.as_dict(), tmp / "report.json")
    return report


def _annotate(
    paths: Iterable[str | Path],
    state: State,
    report: Report,
    model: str | None,
    processes: int,
    dask: Any,
    progress: _Progress,
) -> int:
    """Read, annotate, extract and document the articles not yet in ``state``; store their records.
    Returns how many were read; a failure costs one input, a problem one frame."""
    from kg import workers

    failures: list[ReadFailure] = []
    skipped = 0

    def articles() -> Iterator[Article]:
        nonlocal skipped
        for item in read(paths):
            if isinstance(item, ReadFailure):
                failures.append(item)
                progress.write(f"skipped {item.path}: {item.reason}")
            elif isinstance(item, ReadWarning):
                report.warnings.append({"path": item.path, "reason": item.reason})
                progress.write(f"warning: {item.path}: {item.reason}")
            elif state.is_current(item):
                skipped += 1  # re-added with the same content: nothing to do
            else:
                yield item

    done = 0
    start = time.perf_counter()
    annotating = extracting = 0.0
    for results, annotate_s, extract_s in workers.run(articles(), model, processes, dask, progress.quiet):
        annotating, extracting = annotating + annotate_s, extracting + extract_s
        for r in results:
            if isinstance(r, ReadFailure):
                failures.append(r)
                progress.write(f"{r.path}: {r.reason}")
            else:
                state.put(r)
                done += 1
                for p in r.problems:
                    report.problems.append({"article": r.id, **asdict(p)})
                    progress.write(f"{r.id}: {p.stage} failed on a sentence (kept the rest): {p.error}")
            progress.update()
        state.commit()
    report.seconds["read+annotate"] = annotating
    report.seconds["extract"] = extracting
    report.seconds["per-article (wall)"] = time.perf_counter() - start
    report.failed = [{"path": f.path, "reason": f.reason} for f in failures]
    report.counts["articles_skipped"] = skipped
    return done


def _write(
    state: State,
    report: Report,
    out: Path,
    *,
    base_iri: str,
    event_merge: bool,
    jsonld: bool,
    previous: Path | None,
    patcher: Aside | None,
    progress: _Progress,
) -> None:
    """The corpus-wide steps on the stored records, and every file of the build (``previous``: the
    build an update extends, whose fragments are reused where they still hold, and whose store
    ``patcher`` patches when it holds the previous graph files)."""
    with _timed(report, "resolve", progress), _no_gc():
        resolution = resolve(state.briefs(), event_merge=event_merge)
    fragments, patch = _fragments(out, previous, base_iri, report, progress)
    patcher = patcher if patch else None  # its copy of the previous store is patched only where that still holds
    # the store (on disk, so memory stays flat; kept as DIR/store, which queries open instead of parsing the
    # graph) loads in a thread from each graph as it is made, or, for an update, is the previous build's
    # with the graphs that changed replaced
    loading = [] if patcher else [StoreFeed(out)]
    changes = out / ".changed.nq"  # the graphs an update rebuilt, for its store patch
    try:
        with _timed(report, "graph+infer", progress):
            feed = loading[0].feed if loading else None
            rebuilt = update_graphs(fragments, state.stored(), resolution, base_iri, feed)
        report.counts["graphs_built"] = len(rebuilt)
        inferred = f"<{base_iri}{INFERRED}>"
        before, now = (fragments.text("inferred") or "") if patcher else "", graph_text(fragments, inferred)
        fragments.set_text("inferred", now[0])
        if patcher is not None:
            # the child process patches the store with the graphs rebuilt and draws network.html from it,
            # while this one writes the graph files (the store is stamped with them once both are done);
            # the graphs go through a file, one at a time: an update may rebuild most of them
            with changes.open("w", encoding="utf-8") as file:
                for g in sorted(rebuilt):
                    file.write(graph_text(fragments, g)[0])
            patcher.give(sorted(rebuilt), changes, *_diff(before, now[0]), out / "network.html")
        with _timed(report, "export", progress):
            written = write_rdf(fragments, out, jsonld=jsonld, merged={inferred: now})
            write_json(aliases_report(resolution, base_iri), out / "aliases.json")
        report.counts["triples"] = written.triples
        with _timed(report, "network", progress):  # for an update, what is left of it once the files are written
            if patcher is not None:
                store_folder, edges = patcher.result()
                place_store(store_folder, out)
            else:
                edges = _draw(loading.pop().finish(), out / "network.html")
            fragments.set_text("files", json.dumps(stamp_of(out)))
            fragments.commit()
            report.counts |= fragments.class_counts() | {"network_edges": edges}
    finally:
        fragments.close()
        for load in loading:  # the build failed before the store was in place
            load.close()
        changes.unlink(missing_ok=True)


def _draw(store_folder: Path, page: Path) -> int:
    """network.html from the store in ``store_folder``; returns its condemnation links."""
    from kg.views import write_network  # networkx and pyvis load only where a page is drawn

    store = ox.Store.read_only(str(store_folder))
    try:
        return write_network(store, page)
    finally:
        del store


@contextmanager
def _patcher(previous: Path, tmp: Path, update: bool) -> Iterator[Aside | None]:
    """For an update of a build whose store holds its graph files, a child process forked now, before
    spaCy loads: it copies that store into ``tmp`` and loads the page's libraries (pyvis, networkx) on
    the core spaCy's loading leaves idle, then patches the copy and draws the page (``_patch_and_draw``).
    The copy left unused, or what a patched store placed left of its folder, goes at the end."""
    if not update or not is_fresh(previous):
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix=".store-", dir=tmp))
    patcher = Aside(_copy_store, _patch_and_draw, previous, folder)
    try:
        yield patcher
    finally:
        patcher.close()
        shutil.rmtree(folder, ignore_errors=True)


def _copy_store(previous: Path, folder: Path) -> Path:
    import kg.views  # noqa: F401 - loaded while the parent loads spaCy, not after the graphs are made

    return copied_store(previous, folder)


def _patch_and_draw(
    store: Path, graphs: list[str], changes: Path, removed: str, added: str, page: Path
) -> tuple[Path, int]:
    """The copied store patched (kg.queries.disk.patch_store) and network.html drawn from it: (the store,
    not yet in place, and the page's condemnation links)."""
    patch_store(store, graphs, changes, removed, added)
    return store, _draw(store, page)


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector held off: reading back every article's records makes hundreds of
    thousands of objects, all kept and none in a cycle, over which it would pass again and again
    (half the time of unpickling them). Freed by reference counting once resolved."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _diff(before: str, now: str) -> tuple[str, str]:
    """The N-Quads lines of ``before`` no longer in ``now``, and those new in it."""
    old, new = set(before.splitlines(keepends=True)), set(now.splitlines(keepends=True))
    return "".join(sorted(old - new)), "".join(sorted(new - old))


def _fragments(
    out: Path, previous: Path | None, base_iri: str, report: Report, progress: _Progress
) -> tuple[Fragments, bool]:
    """The build's fragments (for an update, the previous build's, copied into ``out`` while spaCy loaded,
    when they can be read) and whether the previous build's store can be patched (it and the fragments
    hold the graph files as they are)."""
    if previous is None:
        return Fragments(out / FRAGMENTS, base_iri, fresh=True), False
    why = None
    if not (previous / FRAGMENTS).exists():
        why = f"no {previous / FRAGMENTS}"
    else:
        try:
            fragments = Fragments(out / FRAGMENTS, base_iri, fresh=False)
        except FragmentError as err:
            why = str(err)
    if why is not None:
        report.warnings.append({"path": str(previous / FRAGMENTS), "reason": f"{why}: every graph is built again"})
        progress.write(f"kg build: {why}: every graph is built again")
        return Fragments(out / FRAGMENTS, base_iri, fresh=True), False
    files = fragments.text("files")
    patch = files is not None and json.loads(files) == stamp_of(previous) and is_fresh(previous)
    return fragments, patch
