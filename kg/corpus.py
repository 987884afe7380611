"""Read articles from .txt files, .jsonl records and folders of them.

Reading is lazy (one article at a time) so memory stays flat as the corpus
grows. A bad input never stops the build: it becomes a ``ReadFailure`` naming
the file and what to do, and the caller reports it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.records import Article, ReadFailure

MAX_CHARS = 1_000_000  # spaCy's default max_length; longer texts need splitting first
METADATA_FILE = "metadata.json"
SUFFIXES = (".txt", ".jsonl")


def read(paths: Iterable[str | Path]) -> Iterator[Article | ReadFailure]:
    """Articles (and failures) from files and folders, in a stable order."""
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            if not files:
                yield ReadFailure(str(path), "folder holds no .txt or .jsonl files")
        elif path.exists():
            files = [path]
        else:
            yield ReadFailure(str(path), "no such file or folder; check the path")
            continue
        for file in files:
            for item in _read_file(file):
                if isinstance(item, Article):
                    if item.id in seen:
                        yield ReadFailure(str(file), f"duplicate article id {item.id!r}; ids must be unique")
                        continue
                    seen.add(item.id)
                yield item


def _read_file(path: Path) -> Iterator[Article | ReadFailure]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read file: {err.strerror or err}; check its permissions")
        return
    text = _decode(path, data)
    if isinstance(text, ReadFailure):
        yield text
        return
    if path.suffix == ".jsonl":
        yield from _read_jsonl(path, text)
        return
    meta = _metadata(path.parent).get(path.name, {})
    yield from _article(path, path.name, text, meta)


def _decode(path: Path, data: bytes) -> str | ReadFailure:
    if b"\x00" in data[:8192]:
        return ReadFailure(str(path), "binary file (contains NUL bytes); give newskg plain UTF-8 text")
    try:
        # No newline translation: offsets must index the text exactly as stored.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return ReadFailure(
            str(path),
            f"not UTF-8 (byte {err.start}: {data[err.start : err.start + 1]!r}); re-encode it as UTF-8",
        )


def _article(path: Path, article_id: str, text: str, meta: dict) -> Iterator[Article | ReadFailure]:
    where = str(path) if article_id == path.name else f"{path} (record {article_id})"
    if not text.strip():
        yield ReadFailure(where, "empty article: no text to read")
        return
    if len(text) > MAX_CHARS:
        yield ReadFailure(where, f"{len(text):,} characters; split articles longer than {MAX_CHARS:,}")
        return
    title = meta.get("title") or next(line.strip() for line in text.splitlines() if line.strip())
    yield Article(
        id=article_id,
        text=text,
        title=title,
        url=meta.get("url"),
        published=meta.get("published"),
        source=meta.get("source"),
    )


def _read_jsonl(path: Path, text: str) -> Iterator[Article | ReadFailure]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadFailure(where, f"malformed JSON ({err.msg} at column {err.colno}); fix or remove the line")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield ReadFailure(where, 'record has no "text" string; expected {id, title, text, url, published}')
            continue
        article_id = str(record.get("id") or f"{path.stem}-{lineno}")
        yield from _article(path, article_id, record["text"], record)


_META_CACHE: dict[Path, dict] = {}


def _metadata(folder: Path) -> dict:
    """Per-file metadata from ``metadata.json`` beside the articles (see corpus/README.md)."""
    if folder not in _META_CACHE:
        file = folder / METADATA_FILE
        try:
            _META_CACHE[folder] = json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
        except (OSError, json.JSONDecodeError):
            _META_CACHE[folder] = {}
    return _META_CACHE[folder]
