"""export: the Dataset → files. Sorted, so the same input gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph

from kg.graph import union


def write_rdf(ds: Dataset, out: Path) -> dict[str, Path]:
    """DIR/graph.ttl (the union of all graphs) and DIR/graph.trig (one named graph each)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"ttl": out / "graph.ttl", "trig": out / "graph.trig"}
    paths["ttl"].write_text(_stable(union(ds), "turtle"), encoding="utf-8")
    paths["trig"].write_text(_trig(ds), encoding="utf-8")
    return paths


def _stable(graph: Graph, fmt: str) -> str:
    return graph.serialize(format=fmt, encoding="utf-8").decode("utf-8")


def _trig(ds: Dataset) -> str:
    """TriG with graphs in IRI order; rdflib's own TriG writer follows store order, which varies."""
    prefixes: set[str] = set()
    blocks: list[str] = []
    for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) == 0:
            continue
        copy = Graph()
        for prefix, ns in ds.namespaces():
            copy.bind(prefix, ns, override=True, replace=True)
        for triple in graph:
            copy.add(triple)
        lines = _stable(copy, "turtle").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = "\n".join(f"    {line}" if line else "" for line in lines if not line.startswith("@prefix"))
        blocks.append(f"<{graph.identifier}> {{\n{body.strip(chr(10))}\n}}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def write_json(data: object, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
