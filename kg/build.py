"""build: the whole pipeline, read → annotate → extract → document → resolve → infer → graph → export."""

from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

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
from kg.records import Article, Extraction, ReadFailure
from kg.resolve import aliases_report, resolve
from kg.views import write_network


@dataclass
class Report:
    """What a build did: written to DIR/report.json."""

    model: str = ""
    articles: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "articles": self.articles,
            "failed": self.failed,
            "counts": self.counts,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "outputs": self.outputs,
        }


@contextmanager
def _timed(report: Report, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - start


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    model: str | None = None,
    base_iri: str = KGR_DEFAULT,
    quiet: bool = False,
    batch_size: int = 16,
    event_merge: bool = True,
) -> Report:
    """Build the graph of the articles under ``paths`` into the folder ``out``; returns the report."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = Report()
    with _timed(report, "load-model"):
        loaded = nlp.load(model)
    report.model = loaded.describe()
    failures: list[ReadFailure] = []

    def articles() -> Iterator[tuple[str, Article]]:
        for item in read(paths):
            if isinstance(item, ReadFailure):
                failures.append(item)
                if not quiet:
                    tqdm.write(f"skipped {item.path}: {item.reason}", file=sys.stderr)
            else:
                yield item.text, item

    extractions: list[Extraction] = []
    bar = tqdm(desc="articles", unit="art", disable=quiet, file=sys.stderr)
    start = time.perf_counter()
    extract_time = 0.0
    for doc, article in loaded.nlp.pipe(articles(), as_tuples=True, batch_size=batch_size):
        t = time.perf_counter()
        try:
            extractions.append(document(extract(article, doc)))
            report.articles.append(article.id)
        except Exception as err:  # one bad article never sinks a build
            failures.append(ReadFailure(article.id, f"extraction failed: {err!r}"))
            if not quiet:
                tqdm.write(f"extraction failed for {article.id}:\n{traceback.format_exc()}", file=sys.stderr)
        extract_time += time.perf_counter() - t
        bar.update()
    bar.close()
    report.seconds["read+annotate"] = time.perf_counter() - start - extract_time
    report.seconds["extract"] = extract_time
    report.failed = [{"path": f.path, "reason": f.reason} for f in failures]
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
    report.counts = dict(sorted(counts.items())) | {
        "triples": len(ds),
        "network_edges": edges,
        "articles_read": len(report.articles),
        "articles_failed": len(failures),
    }
    report.outputs = {
        "ttl": "graph.ttl",
        "trig": "graph.trig",
        "network": "network.html",
        "aliases": "aliases.json",
        "report": "report.json",
    }
    write_json(report.as_dict(), out / "report.json")
    return report
