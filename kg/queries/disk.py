"""The build's graph as an Oxigraph store on disk (``DIR/store``), so a query opens it instead of parsing.

Parsing graph.trig into memory costs seconds per thousand articles (12 s at 2,000 articles) before any
query starts, and again at every ``kg query``; opening a store folder takes milliseconds and keeps the
graph's pages on disk, so memory stays flat as the graph grows. The build writes the folder (it loads
one anyway to draw network.html); a build made before that, or whose graph files changed since, gets
it written by the first query that opens the folder, when the folder is writable. A stamp inside the
store records the size and modification time of each graph file it was loaded from: when they differ,
the store is stale and is loaded again, so it can never answer for a graph it does not hold.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import tempfile
import threading
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

STORE = "store"
LOAD_PIECE = 50_000  # quads per bulk load of N-Quads: the build's memory stays flat in the corpus
STAMP = "newskg-source.json"
GRAPH_FILES = ("graph.nq", "graph.trig", "graph.ttl", "graph.nt")  # the first present is loaded
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
}


def stamp_of(folder: Path) -> dict[str, list[int]]:
    """Size and modification time of each graph file of the build in ``folder``."""
    out = {}
    for name in GRAPH_FILES:
        with contextlib.suppress(FileNotFoundError):
            st = (folder / name).stat()
            out[name] = [st.st_size, st.st_mtime_ns]
    return out


def is_fresh(folder: Path) -> bool:
    """Whether ``folder/store`` holds exactly the build's current graph files."""
    try:
        saved = json.loads((folder / STORE / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(saved) and saved == stamp_of(folder)


def write_store(folder: Path) -> Path:
    """Load the build's graph into ``folder/store`` (replacing a stale one) and return the folder.

    Loaded into a new folder beside it and renamed into place, so a reader never opens half a store and
    two queries writing at once both end with a whole one.
    """
    stamp = stamp_of(folder)
    source = next(folder / name for name in GRAPH_FILES if name in stamp)
    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=folder))
    try:
        store = ox.Store(str(tmp))
        if source.suffix == ".nq":  # in pieces of whole lines: one bulk load holds up to 1M quads in memory
            with source.open("rb") as f:
                while piece := b"".join(islice(f, LOAD_PIECE)):
                    store.bulk_load(piece, format=ox.RdfFormat.N_QUADS)
        else:
            store.bulk_load(path=str(source), format=FORMATS[source.suffix])
        _compact(store)
        del store  # closed before the folder is put in place
        return place_store(tmp, folder, stamp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _compact(store: ox.Store) -> None:
    """Compact a bulk-loaded store: the bulk load's many files made each lookup ~3x dearer (10,000 articles)."""
    store.optimize()
    store.flush()


class StoreFeed:
    """A store loaded, in a thread, from N-Quads handed to it as a build makes them (``feed``), so
    the load runs beside the building of the graphs instead of after it; a quad fed twice is stored once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=folder))
        self.pending: list[str] = []
        self.lines = 0
        self.queue: queue.Queue[str | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._load, name="store-feed", daemon=True)
        self.thread.start()

    def feed(self, nquads: str) -> None:
        self.pending.append(nquads)
        self.lines += nquads.count("\n")
        if self.lines >= LOAD_PIECE:
            self._send()

    def _send(self) -> None:
        if self.pending and self.error is None:
            self.queue.put("".join(self.pending))
        self.pending, self.lines = [], 0

    def _load(self) -> None:
        store = ox.Store(str(self.tmp))
        while (piece := self.queue.get()) is not None:
            try:
                store.bulk_load(piece.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            except BaseException as err:  # noqa: BLE001 - raised again by finish, in the caller's thread
                self.error = err
        try:
            _compact(store)
        except BaseException as err:  # noqa: BLE001
            self.error = err
        del store

    def finish(self) -> Path:
        """Wait for the load, stamp it with the graph files as they are now and put it in place."""
        try:
            self._send()
            self.queue.put(None)
            self.thread.join()
            if self.error is not None:
                raise self.error
            return place_store(self.tmp, self.folder)
        finally:
            self.close()

    def close(self) -> None:
        if self.thread.is_alive():
            self.pending = []
            self.queue.put(None)
            self.thread.join()
        shutil.rmtree(self.tmp, ignore_errors=True)


def place_store(tmp: Path, folder: Path, stamp: dict[str, list[int]] | None = None) -> Path:
    """Stamp the store loaded in ``tmp`` (``stamp``, else the graph files of ``folder`` as they are now)
    and put it in place as ``folder/store``."""
    (tmp / STAMP).write_text(json.dumps(stamp_of(folder) if stamp is None else stamp), encoding="utf-8")
    target = folder / STORE
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".store-old-", dir=folder))
        os.replace(target, old / STORE)
        shutil.rmtree(old, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:  # another query put a store there first
        if not is_fresh(folder):
            raise
    return target


def copied_store(previous: Path, tmp: Path) -> Path:
    """``tmp/store``: a checkpoint of the store of the build in ``previous`` (hard links to its files;
    the previous store is left as it was), for ``patch_store``."""
    ox.Store.read_only(str(previous / STORE)).backup(str(tmp / STORE))
    return tmp / STORE


def patch_store(path: Path, graphs: list[str], nquads: Path, removed: str, added: str) -> Path:
    """The store at ``path`` (``copied_store`` of a fresh build) with the ``graphs`` (N-Triples IRIs)
    replaced by what the N-Quads file ``nquads`` holds of them (nothing when gone) and the N-Quads
    ``removed`` and ``added`` applied, instead of loading every graph again (an update of a few
    articles). The file is streamed, not read whole: an update may rebuild most graphs. Not yet in place:
    ``place_store`` stamps it once the build's graph files are written, so it can be made beside them."""
    store = ox.Store(str(path))
    for g in graphs:
        store.remove_graph(ox.NamedNode(g[1:-1]))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    for quad in ox.parse(removed, format=ox.RdfFormat.N_QUADS):
        store.remove(quad)
    store.load(added, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return path


def build_folder(path: Path) -> Path | None:
    """The build folder ``path`` is (or whose graph file it is), None for any other RDF file."""
    if path.is_dir():
        return path if any((path / n).exists() for n in GRAPH_FILES) else None
    return path.parent if path.name in GRAPH_FILES else None


def open_store(folder: Path) -> ox.Store | None:
    """The build's store, read-only, written first when missing or stale; None when it cannot be
    written (a read-only folder): the caller loads the graph into memory instead."""
    if not is_fresh(folder):
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
        try:
            write_store(folder)
        except OSError:
            return None
    return ox.Store.read_only(str(folder / STORE))
