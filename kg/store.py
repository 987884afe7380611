"""store: a build pushed into an external triplestore (the HTTP side, and SPARQL against one: kg.remote).

Writes use the SPARQL 1.1 Graph Store HTTP Protocol, one PUT per named graph,
so pushing again replaces each graph instead of duplicating it. A graph that
fits in one request is one PUT, which the server applies whole or not at all;
a bigger one is uploaded in batches into a staging graph, verified, and then
moved over the target with one SPARQL ``MOVE``. Either way a reader sees the
old graph or the new one, never half of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import KGR_DEFAULT, ONTOLOGY_GRAPH
from kg.remote import RESULTS_JSON, Client, Endpoint, Endpoints, StoreError, make_auth, paged

# kg.store.Endpoint, StoreError, make_auth and paged are documented here: they stay importable from here
__all__ = ["Endpoint", "StoreError", "make_auth", "paged", "plan", "push", "source_file"]

FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
# Preferred first; servers that refuse N-Triples (HTTP 415, or Virtuoso's 500) get Turtle, its superset.
CONTENT_TYPES = ("application/n-triples", "text/turtle")
VERIFY_EVERY = 200  # graphs whose triple counts are checked with one query


# ------------------------------------------------------------------ push


@dataclass(frozen=True)
class GraphPlan:
    source: str  # graph IRI in the file
    target: str  # graph IRI in the store
    triples: int
    has_blank_nodes: bool


@dataclass(frozen=True)
class PushReport:
    graphs: list[dict[str, object]]
    triples: int
    seconds: float

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0


def source_file(path: str | Path) -> Path:
    """DIR → DIR/graph.trig; otherwise the file itself, which must be RDF we can read."""
    p = Path(path)
    if p.is_dir():
        p = p / "graph.trig"
    if not p.exists():
        raise StoreError(f"nothing to push at {path}: give a build folder (from `kg build`) or a .trig/.nq/.ttl/.nt")
    if p.suffix not in FORMATS:
        raise StoreError(f"cannot push {p.suffix} files; give .trig, .nq, .ttl or .nt")
    return p


def _quads(path: Path, default_graph: str) -> Iterator[ox.Quad]:
    fmt = FORMATS[path.suffix]
    default = ox.NamedNode(default_graph)
    try:
        for q in ox.parse(path=str(path), format=fmt):
            if isinstance(q.graph_name, ox.DefaultGraph):
                q = ox.Quad(q.subject, q.predicate, q.object, default)
            yield q
    except SyntaxError as err:
        raise StoreError(f"{path} is not valid RDF, nothing was pushed: {err}") from err


def rebase(iri: str, prefix: str | None, base: str) -> str:
    """The graph's name in the store: ``prefix`` replaces the build's base IRI."""
    if not prefix:
        return iri
    if iri.startswith(base):
        return prefix + iri[len(base) :]
    if iri == ONTOLOGY_GRAPH:
        return prefix + "ontology"
    return iri


@dataclass
class Source:
    """A file's named graphs, read twice: once to count (and validate), once to send.

    Graphs that come as contiguous runs (every build's TriG) stream straight from the file, so
    memory holds one graph's triple hashes at most; interleaved quads go through a disk store.
    """

    path: Path
    graph_prefix: str | None = None
    plans: list[GraphPlan] = field(default_factory=list)
    _disk: ox.Store | None = None
    _tmp: tempfile.TemporaryDirectory | None = None

    def __post_init__(self) -> None:
        self.default = KGR_DEFAULT + "graph/" + self.path.stem
        scanned = self._scan()
        if scanned is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="newskg-push-")
            self._disk = ox.Store(self._tmp.name)
            self._disk.bulk_extend(_quads(self.path, self.default))
            scanned = self._scan_disk()
        counts, blanks = scanned
        base = next((g[: -len("graph/inferred")] for g in counts if g.endswith("/graph/inferred")), KGR_DEFAULT)
        self.plans = [GraphPlan(g, rebase(g, self.graph_prefix, base), n, g in blanks) for g, n in counts.items()]
        if len({p.target for p in self.plans}) != len(self.plans):
            raise StoreError("--graph-prefix maps two graphs onto one name; choose another prefix")

    def _scan(self) -> tuple[dict[str, int], set[str]] | None:
        counts: dict[str, int] = {}
        blanks: set[str] = set()
        current, seen = None, set()
        for q in _quads(self.path, self.default):
            g = q.graph_name.value
            if g != current:
                if current is not None:
                    counts[current] = len(seen)
                if g in counts:
                    return None  # interleaved
                current, seen = g, set()
            seen.add(hash(q.triple))
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blanks.add(g)
        if current is not None:
            counts[current] = len(seen)
        return counts, blanks

    def _scan_disk(self) -> tuple[dict[str, int], set[str]]:
        counts: dict[str, int] = {}
        blanks: set[str] = set()
        for g in sorted(self._disk.named_graphs(), key=lambda n: n.value):
            for q in self._disk.quads_for_pattern(None, None, None, g):
                counts[g.value] = counts.get(g.value, 0) + 1
                if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                    blanks.add(g.value)
        return counts, blanks

    def runs(self) -> Iterator[tuple[GraphPlan, Iterator[ox.Triple]]]:
        """Each graph with an iterator of its triples; consume one before asking for the next."""
        if self._disk is not None:
            for p in self.plans:
                yield p, (q.triple for q in self._disk.quads_for_pattern(None, None, None, ox.NamedNode(p.source)))
            return
        stream = _quads(self.path, self.default)
        pending: list[ox.Quad] = []
        for p in self.plans:

            def run(p: GraphPlan = p) -> Iterator[ox.Triple]:
                for q in pending:
                    yield q.triple
                pending.clear()
                for q in stream:
                    if q.graph_name.value != p.source:
                        pending.append(q)
                        return
                    yield q.triple

            yield p, run()

    def close(self) -> None:
        if self._tmp is not None:
            self._disk = None
            self._tmp.cleanup()


def plan(path: Path, graph_prefix: str | None = None) -> list[GraphPlan]:
    """The graphs a push of ``path`` writes: source and target names, distinct triples."""
    source = Source(Path(path), graph_prefix)
    source.close()
    return source.plans


def _batches(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    batch: list[ox.Triple] = []
    for t in triples:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def staging_graph(target: str) -> str:
    return "urn:newskg:staging:" + hashlib.sha1(target.encode()).hexdigest()


@dataclass
class Pusher:
    endpoints: Endpoints
    client: Client
    content_type: str = CONTENT_TYPES[0]

    def send(self, method: str, graph: str, triples: list[ox.Triple]) -> None:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        what = f"{method} graph <{graph}>"
        while True:
            try:
                self.client.request(
                    method,
                    self.endpoints.store,
                    what=what,
                    params={"graph": graph},
                    data=body,
                    headers={"Content-Type": self.content_type},
                )
                return
            except StoreError as err:
                # Fall back to Turtle when the server does not take N-Triples.
                unsupported = err.status == 415 or (err.status == 500 and "unsupported type" in str(err).lower())
                if unsupported and self.content_type != CONTENT_TYPES[-1]:
                    self.content_type = CONTENT_TYPES[CONTENT_TYPES.index(self.content_type) + 1]
                    continue
                raise

    def update(self, text: str, what: str) -> None:
        if not self.endpoints.update:
            raise StoreError(
                f"{what}: the graph is bigger than one batch and no SPARQL update endpoint is known for "
                f"{self.endpoints.store}; raise --batch so each graph goes in one PUT"
            )
        self.client.request("POST", self.endpoints.update, what=what, data={"update": text})

    def counts(self, graphs: list[str]) -> dict[str, int]:
        """Triples per graph: one grouped SPARQL COUNT where a query endpoint is known, else GET each."""
        if self.endpoints.query:
            values = " ".join(f"<{g}>" for g in graphs)
            q = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
            resp = self.client.request(
                "POST", self.endpoints.query, what="count triples", data={"query": q}, headers={"Accept": RESULTS_JSON}
            )
            found = {b["g"]["value"]: int(b["n"]["value"]) for b in resp.json()["results"]["bindings"]}
            return {g: found.get(g, 0) for g in graphs}
        return {g: self._read_back(g) for g in graphs}

    def count(self, graph: str) -> int:
        return self.counts([graph])[graph]

    def _read_back(self, graph: str) -> int:
        resp = self.client.request(
            "GET",
            self.endpoints.store,
            what=f"read back <{graph}>",
            params={"graph": graph},
            headers={"Accept": "application/n-triples"},
        )
        return sum(1 for _ in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES))

    def verify(self, plans: list[GraphPlan]) -> None:
        got = self.counts([p.target for p in plans])
        for p in plans:
            if got[p.target] != p.triples:
                raise StoreError(
                    f"graph <{p.target}> holds {got[p.target]} triples after the push, {p.triples} were sent; "
                    "the server dropped or added data (Virtuoso drops chunked bodies) — check the server's log"
                )


def push(
    source: str | Path,
    store_url: str,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    graph_prefix: str | None = None,
    batch: int = 100_000,
    retries: int = 4,
    backoff: float = 0.5,
    timeout: float = 600,
    progress: bool = True,
    on_graph: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Load every named graph of a build (DIR or RDF file) into a Graph Store endpoint.

    Verifies each graph's triple count afterwards; raises StoreError with what to do on failure.
    ``on_graph(target, triples)`` is called after each graph is in place.
    """
    from tqdm import tqdm

    src = Source(source_file(source), graph_prefix)
    plans = src.plans
    pusher = Pusher(Endpoints.of(store_url), Client(make_auth(user, password, auth), retries, backoff, timeout))
    total = sum(p.triples for p in plans)
    done: list[dict[str, object]] = []
    start = time.perf_counter()
    bar = tqdm(total=total, unit="triple", disable=not progress, desc="push", unit_scale=True)
    try:
        unverified: list[GraphPlan] = []
        for p, triples in src.runs():
            _push_graph(pusher, p, triples, batch, bar)
            done.append({"graph": p.target, "triples": p.triples})
            unverified.append(p)
            if on_graph:
                on_graph(p.target, p.triples)
            if len(unverified) == VERIFY_EVERY:
                pusher.verify(unverified)
                unverified = []
        pusher.verify(unverified)
    except StoreError as err:
        pushed = f"{len(done)} of {len(plans)} graphs were replaced before it"
        raise StoreError(f"{err}\n({pushed}; every other graph is unchanged; pushing again is safe)") from err
    finally:
        bar.close()
        src.close()
    return PushReport(done, total, time.perf_counter() - start)


def _push_graph(pusher: Pusher, p: GraphPlan, triples: Iterator, batch: int, bar: object) -> None:
    if p.triples <= batch or p.has_blank_nodes:
        # Blank nodes keep their identity only within one request.
        items = list(triples)
        pusher.send("PUT", p.target, items)
        bar.update(len(items))
        return
    staging = staging_graph(p.target)
    try:
        for i, items in enumerate(_batches(triples, batch)):
            pusher.send("PUT" if i == 0 else "POST", staging, items)
            bar.update(len(items))
        got = pusher.count(staging)
        if got != p.triples:
            raise StoreError(f"staging graph for <{p.target}> holds {got} triples, {p.triples} were sent")
        pusher.update(f"MOVE SILENT <{staging}> TO <{p.target}>", what=f"move staging into <{p.target}>")
    except StoreError:
        with contextlib.suppress(StoreError):
            pusher.update(f"DROP SILENT GRAPH <{staging}>", what="drop staging graph")
        raise


# ------------------------------------------------------------------ remote queries
