"""export: named graphs → files, from the build's fragments on disk (kg.fragments, SQLite).

Each article's graph is stored already written (N-Quads lines, TriG body, a Turtle block per subject)
as soon as it is built, so memory stays flat; the files are written in one pass over the fragments in
graph and subject order, in time linear in the triples, and only what several fragments share (the
inferred graph, an entity many articles name) is merged from its rows. The same graphs give the same
bytes however they were added, so an incremental build writes what a full rebuild writes.
(Oxigraph's store would do the same but stores xsd:nonNegativeInteger as xsd:integer, which would
break the ontology's datatypes; its parser and writers are used for JSON-LD and the network page.)
Terms are written in N-Triples syntax, full IRIs, one subject's triples together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.namespaces import PREFIXES

if TYPE_CHECKING:
    from kg.fragments import Fragments

ONTOLOGY_FILE = Path(__file__).parent / "ontology" / "newskg.ttl"
FILES = {"ttl": "graph.ttl", "trig": "graph.trig", "nq": "graph.nq"}


def ontology_triples() -> list[ox.Triple]:
    return [q.triple for q in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)]


LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


@lru_cache(maxsize=65_536)
def _short(iri: str) -> str:
    """``<ns#Local>`` → ``prefix:Local`` for our vocabularies' plain local names; else as is."""
    for prefix, ns in _NAMESPACES:
        if iri.startswith(ns, 1) and LOCAL.fullmatch(iri[len(ns) + 1 : -1]):
            return f"{prefix}:{iri[len(ns) + 1 : -1]}"
    return iri


_NAMESPACES = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda x: -len(x[1]))
_TYPE = f"<{RDF.type}>"


@lru_cache(maxsize=65_536)  # nine rows in ten repeat a predicate and object ("a kgo:Mention") another row has
def _po(po: str) -> str:
    p, o = po.split(" ", 1)
    p = "a" if p == _TYPE else _short(p)
    if o.startswith("<"):
        o = _short(o)
    elif o.endswith(">") and '"^^<' in o:
        value, datatype = o.rsplit("^^", 1)
        o = f"{value}^^{_short(datatype)}"
    return f"{p} {o}"


def turtle(rows: Iterable[tuple[str, str]], indent: str = "") -> Iterator[str]:
    """Turtle statements of (subject, predicate + object) rows sorted by subject."""
    last = None
    for s, po in rows:
        if s == last:
            yield f" ;\n{indent}    {_po(po)}"
        else:
            if last is not None:
                yield " .\n"
            yield f"{indent}{_short(s)} {_po(po)}"
            last = s
    if last is not None:
        yield " .\n"


def nquads(g: str, rows: Iterable[tuple[str, str]]) -> str:
    """Graph ``g``'s (subject, "predicate object") rows as N-Quads lines."""
    return "".join(f"{s} {po} {g} .\n" for s, po in rows)


def trig_body(rows: Iterable[tuple[str, str]]) -> str:
    """Sorted rows as the indented Turtle inside a TriG graph block."""
    return "".join(turtle(rows, "    "))


def _rows(g: str, parts: list[str]) -> list[tuple[str, str]]:
    """The sorted distinct (subject, "predicate object") rows of graph ``g``'s N-Quads ``parts``."""
    tail = len(g) + 4  # " <g> .\n"
    rows = set()
    for part in parts:
        for line in part.splitlines(keepends=True):
            s, rest = line.split(" ", 1)
            rows.add((s, rest[:-tail]))
    return sorted(rows)


def _graphs(
    stored: Iterable[tuple[str, str, str | None]], merged: Mapping[str, tuple[str, str]] | None = None
) -> Iterator[tuple[str, str, str]]:
    """(graph IRI, N-Quads lines, TriG body) of each named graph of ``stored`` (its fragments' parts, by
    graph IRI): a graph one fragment holds as stored, one several hold (the inferred graph) merged from
    their rows, or as ``merged`` already gives it (``graph_text``)."""
    for g, parts in groupby(stored, key=itemgetter(0)):
        if merged and g in merged:
            yield g, *merged[g]
            continue
        parts = list(parts)
        if len(parts) == 1 and parts[0][2] is not None:
            yield g, parts[0][1], parts[0][2]
        else:
            rows = _rows(g, [nq for _, nq, _ in parts])
            yield g, nquads(g, rows), trig_body(rows)


def graph_text(fragments: Fragments, g: str) -> tuple[str, str]:
    """The N-Quads lines and TriG body of the graph ``g`` as graph.nq and graph.trig hold them (empty
    when no fragment holds it)."""
    return next(((lines, body) for _, lines, body in _graphs(fragments.graphs(g))), ("", ""))


def _union(fragments: Fragments) -> Iterator[tuple[int, str]]:
    """(triples, Turtle block) of each subject of the union in order: a subject one fragment holds as
    stored, one several hold (an entity every article names) merged from their rows."""
    for s, parts in groupby(fragments.subjects(), key=itemgetter(0)):
        parts = list(parts)
        if len(parts) == 1:
            yield parts[0][1], parts[0][3]
        else:
            pos = sorted({po for part in parts for po in part[2].split("\n")})
            yield len(pos), "".join(turtle((s, po) for po in pos))


def write_rdf(
    fragments: Fragments,
    out: Path,
    jsonld: bool = False,
    merged: Mapping[str, tuple[str, str]] | None = None,
) -> Written:
    """DIR/graph.trig and DIR/graph.nq (one named graph each, in IRI order), DIR/graph.ttl (their
    union, each triple once) and, on request, DIR/graph.jsonld. ``merged``: graphs whose text the
    caller already has (``graph_text``), not merged again from their parts."""
    out.mkdir(parents=True, exist_ok=True)
    names = FILES | ({"jsonld": "graph.jsonld"} if jsonld else {})
    paths = {k: out / v for k, v in names.items()}
    with paths["nq"].open("w", encoding="utf-8") as nq, paths["trig"].open("w", encoding="utf-8") as trig:
        trig.write(HEADER)
        for g, lines, body in _graphs(fragments.graphs(), merged):
            nq.write(lines)
            trig.write(f"{g} {{\n{body}}}\n\n")
    triples = 0
    with paths["ttl"].open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for n, block in _union(fragments):
            f.write(block)
            triples += n
    if jsonld:
        with paths["jsonld"].open("wb") as f:
            ox.serialize(ox.parse(path=str(paths["nq"]), format=ox.RdfFormat.N_QUADS), f, ox.RdfFormat.JSON_LD)
    return Written(paths, triples)


@dataclass(frozen=True)
class Written:
    """The files written and the distinct triples of the union."""

    paths: dict[str, Path]
    triples: int


def write_json(data: object, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
