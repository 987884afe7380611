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
    paths["trig"].write_text(_stable(ds, "trig"), encoding="utf-8")
    return paths


def _stable(graph: Graph | Dataset, fmt: str) -> str:
    return graph.serialize(format=fmt, encoding="utf-8").decode("utf-8")


def write_json(data: object, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
