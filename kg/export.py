"""export: named graphs → files, through an on-disk sorted set of quads (SQLite).

The quads stream in one article at a time and go to disk, so memory stays flat; the files are
written in one pass over the sorted rows, in time linear in the triples; and the same quads give the
same bytes however they were added, so an incremental build writes what a full rebuild writes.
(Oxigraph's store would do the same but stores xsd:nonNegativeInteger as xsd:integer, which would
break the ontology's datatypes; its parser and writers are used for JSON-LD and the network page.)
Terms are written in N-Triples syntax, full IRIs, one subject's triples together.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.namespaces import PREFIXES

ONTOLOGY_FILE = Path(__file__).parent / "ontology" / "newskg.ttl"
FILES = {"ttl": "graph.ttl", "trig": "graph.trig", "nq": "graph.nq"}
BATCH = 20_000


def ontology_triples() -> list[ox.Triple]:
    return [q.triple for q in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)]


Row = tuple[str, str, str]  # (graph, subject, "predicate object"), terms in N-Triples syntax


def row(q: ox.Quad) -> Row:
    return str(q.graph_name), str(q.subject), f"{q.predicate} {q.object}"


class GraphStore:
    """The build's named graphs, kept sorted on disk: rows (graph, subject, predicate + object) and
    the union (subject, predicate + object), each row once."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="newskg-graphs-")
        self.db = sqlite3.connect(Path(self._tmp.name) / "graphs.db")
        self.db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; CREATE TABLE quad (g TEXT, s TEXT, po TEXT);"
        )
        self.triples = 0  # distinct triples, known once written

    def load(self, rows: Iterable[Row]) -> None:
        """Add a stream of rows (consumed lazily, appended in batches; sorted once, at the end)."""
        for batch in iter(lambda: list(islice(rows, BATCH)), []):
            self.db.executemany("INSERT INTO quad VALUES (?, ?, ?)", batch)
        self.db.commit()

    def _sorted(self, columns: str) -> Iterator[tuple[str, ...]]:
        """Distinct rows of ``columns`` in order, through an index built in one sort."""
        name = "by_" + columns.replace(", ", "_")
        self.db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON quad ({columns})")
        last = None
        for row in self.db.execute(f"SELECT {columns} FROM quad ORDER BY {columns}"):
            if row != last:
                yield row
                last = row

    def quads(self) -> Iterator[tuple[str, ...]]:
        """(graph, subject, predicate + object), each once, sorted."""
        return self._sorted("g, s, po")

    def union(self) -> Iterator[tuple[str, ...]]:
        """(subject, predicate + object) over all graphs, each once, sorted."""
        return self._sorted("s, po")

    def close(self) -> None:
        self.db.close()
        self._tmp.cleanup()


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


def _turtle(rows: Iterable[tuple[str, str]], indent: str = "") -> Iterator[str]:
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


class _Counted:
    def __init__(self, rows: Iterable[tuple[str, ...]]) -> None:
        self.rows, self.n = rows, 0

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        for row in self.rows:
            self.n += 1
            yield row


def write_rdf(
    graphs: GraphStore, out: Path, jsonld: bool = False, on_nq: Callable[[Path], object] | None = None
) -> dict[str, Path]:
    """DIR/graph.trig and DIR/graph.nq (one named graph each, in IRI order), DIR/graph.ttl (their
    union, each triple once) and, on request, DIR/graph.jsonld. ``on_nq`` is told graph.nq as soon as
    it is written (the build loads its store from it while the other files are written)."""
    out.mkdir(parents=True, exist_ok=True)
    names = FILES | ({"jsonld": "graph.jsonld"} if jsonld else {})
    paths = {k: out / v for k, v in names.items()}
    with paths["nq"].open("w", encoding="utf-8") as f:
        f.writelines(f"{s} {po} {g} .\n" for g, s, po in graphs.quads())
    if on_nq is not None:
        on_nq(paths["nq"])
    with paths["trig"].open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for g, rows in groupby(graphs.quads(), key=itemgetter(0)):
            f.write(f"{g} {{\n")
            f.writelines(_turtle(((s, po) for _, s, po in rows), "    "))
            f.write("}\n\n")
    with paths["ttl"].open("w", encoding="utf-8") as f:
        f.write(HEADER)
        counted = _Counted(graphs.union())
        f.writelines(_turtle(counted))
        graphs.triples = counted.n
    if jsonld:
        with paths["jsonld"].open("wb") as f:
            ox.serialize(ox.parse(path=str(paths["nq"]), format=ox.RdfFormat.N_QUADS), f, ox.RdfFormat.JSON_LD)
    return paths


def write_json(data: object, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
