"""build: the whole pipeline, read → annotate → extract → document → resolve → infer → graph → export."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib.namespace import RDF
from tqdm import tqdm

from kg import nlp
from kg.corpus import read
from kg.document import document
from kg.export import write_json, write_rdf
from kg.extract import extract
from kg.graph import build_dataset
from kg.namespaces import KGO, KGR_DEFAULT
from kg.records import Article, Extraction, Problem, ReadFailure, ReadWarning
from kg.resolve import aliases_report, resolve
from kg.views import write_network


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


@contextmanager
def _timed(report: Report, stage: str) -> Iterator[None]:
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
    batch_size: int = 16,
    event_merge: bool = True,
) -> Report:
    """Build the graph of the articles under ``paths`` into the folder ``out``; returns the report.

    The output folder and ``base_iri`` are checked first (BuildError); the files of ``out`` are
    replaced only once every one of them is written.
    """
    out = Path(out)
    report = Report()
    base_iri, note = checked_base_iri(base_iri)
    report.base_iri = base_iri
    if note:
        report.warnings.append({"path": "--base-iri", "reason": note})
    with _staged(out) as tmp:
        progress = _Progress(quiet)
        if note:
            progress.write(note)
        with _timed(report, "load-model"):
            loaded = nlp.load(model)
        report.model = loaded.describe()
        try:
            extractions, failures = _extract_all(paths, loaded, batch_size, report, progress)
        finally:
            progress.close()
        report.failed = [{"path": f.path, "reason": f.reason} for f in failures]
        _write(extractions, report, tmp, base_iri, event_merge)
        report.counts |= {"articles_read": len(report.articles), "articles_failed": len(failures)}
        report.outputs = {
            "ttl": "graph.ttl",
            "trig": "graph.trig",
            "network": "network.html",
            "aliases": "aliases.json",
            "report": "report.json",
        }
        write_json(report.as_dict(), tmp / "report.json")
    return report


def _extract_all(
    paths: Iterable[str | Path], loaded: nlp.LoadedModel, batch_size: int, report: Report, progress: _Progress
) -> tuple[list[Extraction], list[ReadFailure]]:
    """Annotate and extract every article; a failure costs one input, a problem one frame."""
    failures: list[ReadFailure] = []

    def articles() -> Iterator[tuple[str, Article]]:
        for item in read(paths):
            if isinstance(item, ReadFailure):
                failures.append(item)
                progress.write(f"skipped {item.path}: {item.reason}")
            elif isinstance(item, ReadWarning):
                report.warnings.append({"path": item.path, "reason": item.reason})
                progress.write(f"warning: {item.path}: {item.reason}")
            else:
                yield item.text, item

    extractions: list[Extraction] = []
    start = time.perf_counter()
    extract_time = 0.0
    for doc, article in loaded.nlp.pipe(articles(), as_tuples=True, batch_size=batch_size):
        t = time.perf_counter()
        try:
            extraction = extract(article, doc)
        except Exception as err:  # noqa: BLE001 - the guards in kg.extract should leave nothing to catch here
            failures.append(ReadFailure(article.id, f"extraction failed: {err!r}"))
            progress.write(f"extraction failed for {article.id}:\n{traceback.format_exc()}")
        else:
            extractions.append(_documented(extraction))
            report.articles.append(article.id)
            for p in extractions[-1].problems:
                report.problems.append({"article": article.id, **asdict(p)})
                progress.write(f"{article.id}: {p.stage} failed on a sentence (kept the rest): {p.error}")
        extract_time += time.perf_counter() - t
        progress.update()
    report.seconds["read+annotate"] = time.perf_counter() - start - extract_time
    report.seconds["extract"] = extract_time
    return extractions, failures


def _documented(extraction: Extraction) -> Extraction:
    """The document stage, or the article as extracted (with the problem recorded) if it raises."""
    try:
        return replace(document(extraction), problems=extraction.problems)
    except Exception as err:  # noqa: BLE001 - the document stage's failure costs its joins, not the article
        problem = Problem("document", None, None, repr(err)[:300])
        return replace(extraction, problems=(*extraction.problems, problem))


def _write(extractions: list[Extraction], report: Report, out: Path, base_iri: str, event_merge: bool) -> None:
    with _timed(report, "resolve"):
        resolution = resolve(extractions, event_merge=event_merge)
    with _timed(report, "graph+infer"):
        ds = build_dataset(extractions, resolution, base_iri)
    with _timed(report, "export"):
        files = write_rdf(ds, out)
        write_json(aliases_report(resolution, base_iri), out / "aliases.json")
        store = ox.Store()
        store.bulk_load(path=str(files["trig"]), format=ox.RdfFormat.TRIG)
        edges = write_network(store, out / "network.html")
    typed = {(s, o) for s, _, o, _ in ds.quads((None, RDF.type, None, None)) if str(o).startswith(str(KGO))}
    counts = Counter(str(o).rsplit("#", 1)[-1] for _, o in typed)
    report.counts = dict(sorted(counts.items())) | {"triples": len(ds), "network_edges": edges}
