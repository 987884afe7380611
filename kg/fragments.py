"""fragments: each article's named graph kept on disk already written out, so an update rebuilds
only the graphs that change (DIR/graphs.db, SQLite).

An article's graph is a pure function of its records and of the answers the corpus-wide resolution
gives about it (which entity each mention is, each entity's kind and country, which event each attack
joined, each operation's node). Building it through ``Recorder`` notes every such answer. The build
keeps, per article: those answers, its N-Quads lines and TriG body, its Turtle block per subject (for
graph.ttl, the union) and what the reasoner takes from it (kg.infer.Seen). An update reuses a
fragment when the article's content is the same and every noted answer is the same in the new
resolution: aliases or event merges that new articles change in an older article's graph make its
answers differ, and only that graph is built again. Code, base IRI and pyoxigraph version are
stamped on the file: any change starts it afresh, so a stale fragment is never written out.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.cache import hash_files
from kg.export import nquads, ontology_triples, trig_body, turtle
from kg.graph import Minter, article_graph
from kg.infer import INFERRED, Inference, Seen, read_graph
from kg.namespaces import KGO, ONTOLOGY_GRAPH, RDF
from kg.records import Extraction, Resolution
from kg.state import dumps, loads, unpack

FILE = "graphs.db"
KG = Path(__file__).parent
Pair = tuple[str, str]  # (subject, "predicate object"), terms in N-Triples syntax
_ABSENT = ("absent",)  # what a lookup of a key the resolution lacks answered


def fingerprint(base_iri: str) -> str:
    """What every fragment depends on besides its article and its lookups: the code and data of the
    package (not the model, whose records the extraction store checks), pyoxigraph, the base IRI."""
    h = hashlib.sha1(f"{base_iri}\0{getattr(ox, '__version__', '')}".encode())
    hash_files(h, [KG], skip=lambda path: "models" in path.relative_to(KG).parts)
    return h.hexdigest()[:20]


class _Noted(dict):
    """A mapping of the resolution that notes every key asked and what it answered."""

    def __init__(self, name: str, data: dict, log: dict) -> None:
        super().__init__()
        self.name, self.data, self.log = name, data, log

    def _ask(self, key: Any) -> Any:
        value = self.data.get(key, _ABSENT)
        self.log[(self.name, key)] = value
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._ask(key)
        return default if value is _ABSENT else value

    def __getitem__(self, key: Any) -> Any:
        value = self._ask(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self._ask(key) is not _ABSENT

    def __iter__(self) -> Iterator:
        raise TypeError("an article graph may not depend on the whole resolution")


class Recorder:
    """The resolution as one article's graph sees it, each answer noted (``log``); ``opaque`` when the
    graph read something else of it, which cannot be checked later (the fragment is then never reused)."""

    NOTED = ("mention_entity", "kind_of", "country_of", "events", "operation_entity")

    def __init__(self, res: Resolution) -> None:
        self.log: dict[tuple[str, Any], Any] = {}
        self.opaque = False
        self._res = res
        for name in self.NOTED:
            setattr(self, name, _Noted(name, getattr(res, name), self.log))

    entity_of = Resolution.entity_of

    def __getattr__(self, name: str) -> Any:
        self.opaque = True
        return getattr(self._res, name)


def answers_hold(log: dict[tuple[str, Any], Any], res: Resolution) -> bool:
    """Whether ``res`` answers every noted lookup as before."""
    tables = {name: getattr(res, name) for name in Recorder.NOTED}
    return all(tables[name].get(key, _ABSENT) == value for (name, key), value in log.items())


@dataclass(frozen=True)
class Fragment:
    """One article's graph as written out, and what the reasoner took from it."""

    id: str
    digest: str
    graphs: dict[str, list[Pair]]  # graph IRI (N-Triples) → its sorted distinct rows
    seen: Seen
    log: dict[tuple[str, Any], Any] | None  # None: never reused


def make(ex: Extraction, digest: str, res: Resolution, mint: Minter, inferred: str) -> Fragment:
    """Build one article's fragment: its graph and superclass types (in the inferred graph ``inferred``)."""
    rec = Recorder(res)
    iri, triples = article_graph(ex, rec, mint)  # type: ignore[arg-type]
    seen = read_graph(triples)
    graphs = {
        str(iri): sorted({(str(s), f"{p} {o}") for s, p, o in triples}),
        inferred: sorted({(str(t.subject), f"{t.predicate} {t.object}") for t in seen.types}),
    }
    return Fragment(ex.article.id, digest, graphs, seen, None if rec.opaque else rec.log)


def _seen_out(seen: Seen) -> tuple:
    return tuple(tuple((a.value, b.value) for a, b in pairs) for pairs in (seen.condemned, seen.contained))


def _seen_in(data: tuple) -> Seen:
    condemned, contained = (tuple((ox.NamedNode(a), ox.NamedNode(b)) for a, b in pairs) for pairs in data)
    return Seen((), condemned, contained)


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS fragment (id TEXT PRIMARY KEY, digest TEXT, log BLOB, seen BLOB);
CREATE TABLE IF NOT EXISTS graph (g TEXT, gid TEXT, nq TEXT, trig TEXT);
CREATE TABLE IF NOT EXISTS subject (s TEXT, gid TEXT, n INTEGER, pos TEXT, block TEXT);
CREATE TABLE IF NOT EXISTS typed (node TEXT, cls TEXT, gid TEXT);
"""
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS graph_order ON graph (g, gid);
CREATE UNIQUE INDEX IF NOT EXISTS subject_order ON subject (s, gid);
CREATE INDEX IF NOT EXISTS graph_gid ON graph (gid);
CREATE INDEX IF NOT EXISTS subject_gid ON subject (gid);
CREATE INDEX IF NOT EXISTS typed_gid ON typed (gid);
"""
TYPED = f"<{RDF.type}> <{KGO}"  # how a row typing its subject with an ontology class begins


class FragmentError(Exception):
    """The stored fragments cannot be used (the message says why); the build makes every graph again."""


class Fragments:
    """The fragments of one build folder (``path``): opened as they are, or empty when ``fresh``.
    Rows go in ordinary tables, appended, with small indexes giving the order: the blobs are not moved
    around a B-tree as they would be in tables clustered on their key. A fresh file gets its indexes
    once all rows are in (``index``), sorted once rather than kept up row by row, and every article
    is put once, so nothing is deleted before it.
    ``FragmentError`` when a stored file is unreadable or was made by other code or for another base IRI."""

    def __init__(self, path: Path, base_iri: str, fresh: bool) -> None:
        self.path = path
        self.stamp = fingerprint(base_iri)
        self.indexed = not fresh
        if fresh:
            path.unlink(missing_ok=True)
        try:
            self.db = sqlite3.connect(path)
            self.db.executescript("PRAGMA synchronous = OFF;" + SCHEMA + (INDEXES if self.indexed else ""))
            have = dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as err:
            raise FragmentError(f"{path} is unreadable ({err})") from err
        if have.get("stamp", self.stamp) != self.stamp:
            self.db.close()
            raise FragmentError(f"{path} was written by other code or for another base IRI")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (self.stamp,))
        self.meta = have

    def reusable(self, article_id: str, digest: str, res: Resolution) -> Seen | None:
        """What the reasoner took from the article's stored graph, if that graph holds for ``res``."""
        got = self.db.execute("SELECT digest, log, seen FROM fragment WHERE id = ?", (article_id,)).fetchone()
        if got is None or got[0] != digest or got[1] is None or not answers_hold(loads(got[1]), res):
            return None
        return _seen_in(loads(got[2]))

    def index(self) -> None:
        """Make the indexes a fresh file was filled without (a duplicate row fails here)."""
        if not self.indexed:
            self.db.executescript(INDEXES)
            self.indexed = True

    def drop(self, gid: str) -> None:
        """Forget an article's fragment and its rows."""
        self._clear(gid)
        self.db.execute("DELETE FROM fragment WHERE id = ?", (gid,))

    def _clear(self, gid: str) -> None:
        """Delete the rows ``gid`` holds (a fresh file, filled once, holds none before they are put)."""
        if self.indexed:
            for table in ("graph", "subject", "typed"):
                self.db.execute(f"DELETE FROM {table} WHERE gid = ?", (gid,))  # noqa: S608 - table names are ours

    def keep_only(self, ids: set[str]) -> set[str]:
        """Forget the fragments of articles no longer in the build; returns the graphs they were in."""
        gone: set[str] = set()
        for (gid,) in self.db.execute("SELECT id FROM fragment").fetchall():
            if gid not in ids:
                gone.update(g for (g,) in self.db.execute("SELECT g FROM graph WHERE gid = ?", (gid,)))
                self.drop(gid)
        return gone

    def put(self, f: Fragment) -> str:
        """Store (or replace) one article's fragment."""
        log = None if f.log is None else dumps(f.log)
        self.db.execute(
            "INSERT OR REPLACE INTO fragment VALUES (?, ?, ?, ?)", (f.id, f.digest, log, dumps(_seen_out(f.seen)))
        )
        return self.put_rows(f.id, f.graphs, trig=(next(iter(f.graphs)),))

    def put_rows(self, gid: str, graphs: dict[str, list[Pair]], trig: Iterable[str] = ()) -> str:
        """Rows of ``gid`` (an article, or "" for the corpus-wide graphs) in each graph: N-Quads lines
        (and the TriG body of the graphs in ``trig``), and each subject's rows and Turtle block.
        Stored as plain text: most are a few hundred bytes, which compressing cost more time (in a full
        build) than the space it saved. Returns the N-Quads lines."""
        self._clear(gid)
        parts = [
            (g, gid, nquads(g, rows), trig_body(rows) if g in trig else None) for g, rows in graphs.items() if rows
        ]
        self.db.executemany("INSERT INTO graph VALUES (?, ?, ?, ?)", parts)
        union = sorted({r for rows in graphs.values() for r in rows})
        self.db.executemany(
            "INSERT INTO subject VALUES (?, ?, ?, ?, ?)",
            (
                (s, gid, len(pos), "\n".join(pos), "".join(turtle((s, po) for po in pos)))
                for s, pos in ((s, [po for _, po in rows]) for s, rows in groupby(union, key=itemgetter(0)))
            ),
        )
        self.db.executemany(
            "INSERT INTO typed VALUES (?, ?, ?)",
            ((s, po[len(TYPED) : -1], gid) for s, po in union if po.startswith(TYPED)),
        )
        return "".join(nq for _, _, nq, _ in parts)

    def class_counts(self) -> dict[str, int]:
        """Nodes per ontology class (local name), over every graph: counted here from the typing rows
        kept aside, rather than by a query over the whole store."""
        rows = self.db.execute("SELECT cls, COUNT(DISTINCT node) FROM typed GROUP BY cls")
        return dict(sorted((cls.rsplit("#", 1)[-1], n) for cls, n in rows))

    def nquads(self, gid: str) -> str:
        """The N-Quads lines ``gid`` holds."""
        return "".join(nq for (nq,) in self.db.execute("SELECT nq FROM graph WHERE gid = ?", (gid,)))

    def graphs(self, g: str | None = None) -> Iterator[tuple[str, str, str | None]]:
        """(graph, N-Quads lines, TriG body or None) of each gid's part of each graph (or of ``g``), by graph IRI."""
        if g is None:
            yield from self.db.execute("SELECT g, nq, trig FROM graph ORDER BY g, gid")
        else:
            yield from self.db.execute("SELECT g, nq, trig FROM graph WHERE g = ? ORDER BY gid", (g,))

    def subjects(self) -> Iterator[tuple[str, int, str, str]]:
        """(subject, rows, "predicate object" lines, Turtle block) of each gid's part, by subject."""
        yield from self.db.execute("SELECT s, n, pos, block FROM subject ORDER BY s, gid")

    def text(self, key: str) -> str | None:
        """A text the build keeps beside the fragments (the inferred graph's N-Quads, the files' stamp)."""
        got = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if got is None else zlib.decompress(got[0]).decode("utf-8")

    def set_text(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, zlib.compress(value.encode("utf-8"), 1)))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def update_graphs(
    fragments: Fragments,
    stored: Iterable[tuple[str, str, bytes]],
    res: Resolution,
    base: str,
    feed: Callable[[str], object] | None = None,
) -> set[str]:
    """Every article's fragment, reused when it holds for ``res`` and made otherwise (``stored``: the
    build's (id, digest, packed extraction) in id order), then the ontology and the inferred graph.
    Returns the IRIs of the article graphs made again or gone; ``feed`` is given the N-Quads of each
    graph made (a full build loads its store from them meanwhile)."""
    mint = Minter(base)
    inferred = Inference(mint(INFERRED))
    rebuilt: set[str] = set()
    ids: set[str] = set()
    for n, (article_id, digest, data) in enumerate(stored, 1):
        ids.add(article_id)
        seen = fragments.reusable(article_id, digest, res)
        if seen is None:
            made = make(unpack(data), digest, res, mint, str(inferred.graph))
            nquads = fragments.put(made)
            if feed is not None:
                feed(nquads)
            seen = made.seen
            rebuilt.add(next(iter(made.graphs)))
        elif feed is not None:  # a store loaded afresh needs every graph
            feed(fragments.nquads(article_id))
        inferred.add(seen)
        if n % 500 == 0:
            fragments.commit()
    rebuilt |= fragments.keep_only(ids)
    ontology, og = ontology_triples(), ox.NamedNode(ONTOLOGY_GRAPH)
    quads = [*inferred.see(ontology), *inferred.finish(res, mint)]
    nquads = fragments.put_rows(
        "",
        {
            str(og): sorted({(str(t.subject), f"{t.predicate} {t.object}") for t in ontology}),
            str(inferred.graph): sorted({(str(q.subject), f"{q.predicate} {q.object}") for q in quads}),
        },
        trig=(str(og),),
    )
    if feed is not None:
        feed(nquads)
    fragments.index()
    fragments.commit()
    return rebuilt
