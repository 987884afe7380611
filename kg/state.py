"""state: a build's per-article records on disk (DIR/extractions.db, SQLite).

Each article's ``Extraction`` is stored, pickled and compressed, as soon as its worker returns it,
so nothing per-article stays in memory, and beside it its compact record (what resolution reads:
``kg.resolve.compact``), so resolution never unpickles whole extractions. The corpus-wide steps read
them back one at a time, in article id order whatever order they were read in (so a build does not
depend on the order of its inputs, and an update of a build equals a full rebuild). The stored records are what
``kg build --update`` extends: a new article is annotated once, a re-added one (same id, same
content) is skipped, a changed one replaces its record.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg import records
from kg.records import Article, Brief, Extraction

FILE = "extractions.db"


def _record_format() -> str:
    """The shape of the records: stored extractions of another shape cannot be read back."""
    shapes = [
        f"{c.__name__}({','.join(f.name for f in dataclasses.fields(c))})"
        for c in vars(records).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == records.__name__
    ]
    return hashlib.sha1(";".join(sorted(shapes)).encode()).hexdigest()[:16]


def digest(article: Article) -> str:
    """What identifies an article's content: a re-added article with the same digest is skipped."""
    fields = dataclasses.astuple(article)
    return hashlib.sha1(repr(fields).encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class Packed:
    """One article's extraction as stored: packed where it was made (a worker), so the building
    process only writes bytes instead of unpickling and pickling every record again."""

    id: str
    digest: str
    data: bytes
    problems: tuple[records.Problem, ...]
    brief: bytes = b""  # the compact record, packed


def dumps(value: object) -> bytes:
    """A record as stored: pickled, then compressed at the fastest level (records repeat their text)."""
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def loads(data: bytes) -> Any:
    return pickle.loads(zlib.decompress(data))


def pack(ex: Extraction) -> Packed:
    from kg.resolve import compact  # the resolver's lexicons load only where records are packed

    return Packed(ex.article.id, digest(ex.article), dumps(ex), ex.problems, dumps(compact(ex)))


def unpack(data: bytes) -> Extraction:
    return loads(data)


class StateError(Exception):
    """The stored records cannot be extended; the message says what to do."""


class State:
    """The extractions of one build folder."""

    def __init__(self, out: Path, model: str | None = None, fresh: bool = False) -> None:
        self.path = Path(out) / FILE
        if fresh:
            self.path.unlink(missing_ok=True)
        elif not self.path.exists():
            raise StateError(f"no {self.path}: --update extends a build made by this version; build it first")
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS extraction"
            " (id TEXT PRIMARY KEY, digest TEXT, data BLOB, brief BLOB) WITHOUT ROWID"
        )
        if "brief" not in {row[1] for row in self.db.execute("PRAGMA table_info(extraction)")}:
            # a file of an earlier version: its records' compact ones are made from them when read (``briefs``)
            self.db.execute("ALTER TABLE extraction ADD COLUMN brief BLOB")
        want = {"format": _record_format()} | ({"model": model} if model else {})
        have = dict(self.db.execute("SELECT key, value FROM meta"))
        for key, value in want.items():
            if key in have and have[key] != value:
                raise StateError(
                    f"{self.path} was built with {key} {have[key]!r}, this run has {value!r}; rebuild without --update"
                )
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", want.items())
        self.db.commit()
        self.known = dict(self.db.execute("SELECT id, digest FROM extraction"))

    def is_current(self, article: Article) -> bool:
        """The article is stored with this very content (nothing to do)."""
        return self.known.get(article.id) == digest(article)

    def put(self, record: Extraction | Packed) -> None:
        """Store (or replace) one article's extraction."""
        p = record if isinstance(record, Packed) else pack(record)
        self.db.execute(
            "INSERT OR REPLACE INTO extraction VALUES (?, ?, ?, ?)", (p.id, p.digest, p.data, p.brief or None)
        )
        self.known[p.id] = p.digest

    def commit(self) -> None:
        self.db.commit()

    def ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM extraction ORDER BY id")]

    def __iter__(self) -> Iterator[Extraction]:
        """The extractions in article id order, one at a time."""
        for (data,) in self.db.execute("SELECT data FROM extraction ORDER BY id"):
            yield unpack(data)

    def briefs(self) -> Iterator[Brief]:
        """The compact records (``kg.resolve.compact``) in article id order, one at a time: a record
        stored without one (by an earlier version, or put unpacked) is compacted from its extraction."""
        from kg.resolve import compact

        rows = self.db.execute("SELECT CASE WHEN brief IS NULL THEN data END, brief FROM extraction ORDER BY id")
        for data, brief in rows:  # the whole extraction is read from disk only where no compact record is
            yield loads(brief) if brief is not None else compact(unpack(data))

    def stored(self) -> Iterator[tuple[str, str, bytes]]:
        """(id, digest, packed extraction) in article id order: a caller unpacks only what it needs."""
        yield from self.db.execute("SELECT id, digest, data FROM extraction ORDER BY id")

    def __len__(self) -> int:
        return len(self.known)

    def close(self) -> None:
        self.db.commit()
        self.db.close()
