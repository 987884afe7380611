"""Read articles from .txt files, .jsonl records and folders of them.

Reading is lazy (one article at a time) so memory stays flat as the corpus
grows. A bad input never stops the build: it becomes a ``ReadFailure`` naming
the file and what to do, and the caller reports it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.decode import DecodeError, decode, html_text, is_html
from kg.fields import checked
from kg.records import Article, ReadFailure, ReadWarning

MAX_CHARS = 1_000_000  # spaCy's default max_length; longer texts need splitting first
METADATA_FILE = "metadata.json"
SUFFIXES = (".txt", ".jsonl", ".html", ".htm")


def read(paths: Iterable[str | Path]) -> Iterator[Article | ReadFailure | ReadWarning]:
    """Articles (and failures, and warnings about fields dropped) from files and folders, in a stable order."""
    seen: set[str] = set()
    _META_CACHE.clear()  # a metadata.json may change between builds in one process
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            if not files:
                yield ReadFailure(str(path), "folder holds no .txt, .jsonl or .html files")
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


def _read_file(path: Path) -> Iterator[Article | ReadFailure | ReadWarning]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read file: {err.strerror or err}; check its permissions")
        return
    try:
        text = decode(data)
    except DecodeError as err:
        yield ReadFailure(str(path), str(err))
        return
    if path.suffix == ".jsonl":
        yield from _read_jsonl(path, text)
        return
    meta, warnings = _metadata(path.parent, path.name)
    yield from warnings
    if is_html(path.suffix, text):
        text, title = html_text(text)
        meta = {"title": title} | {k: v for k, v in meta.items() if v is not None}
    yield from _article(path, path.name, text, meta)


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


def _read_jsonl(path: Path, text: str) -> Iterator[Article | ReadFailure | ReadWarning]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadFailure(where, f"malformed JSON ({err.msg} at column {err.colno}); fix or remove the line")
            continue
        except RecursionError:
            yield ReadFailure(where, "JSON nested too deeply to read; fix or remove the line")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(
                where, f"record is a JSON {type(record).__name__}, not an object {{id, title, text, ...}}"
            )
            continue
        if not isinstance(record.get("text"), str):
            got = "missing" if "text" not in record else f"a {_json_kind(record['text'])}"
            yield ReadFailure(where, f'record has no "text" string (field "text" is {got}); the record is skipped')
            continue
        meta, warnings = checked(record, where)
        yield from warnings
        raw_id = record.get("id")
        article_id = (
            str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and raw_id != "" else ""
        )
        if raw_id not in (None, "") and not article_id:
            yield ReadWarning(where, f'field "id" is a {type(raw_id).__name__}; using {path.stem}-{lineno}')
        yield from _article(path, article_id or f"{path.stem}-{lineno}", record["text"], meta)


def _json_kind(value: object) -> str:
    kinds = {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}
    return kinds.get(type(value), "null")


_META_CACHE: dict[Path, tuple[dict, list[ReadWarning]]] = {}


def _metadata(folder: Path, name: str) -> tuple[dict, list[ReadWarning]]:
    """The checked metadata of file ``name`` from ``metadata.json`` beside it (see corpus/README.md),
    and what was wrong with it (a broken metadata.json is said once, for its folder)."""
    if folder not in _META_CACHE:
        file = folder / METADATA_FILE
        entries: dict = {}
        problems: list[ReadWarning] = []
        if file.exists():
            try:
                entries = json.loads(file.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
                problems.append(ReadWarning(str(file), f"cannot read it ({err}); its metadata is ignored"))
            if not isinstance(entries, dict):
                problems.append(ReadWarning(str(file), "not a JSON object of file name → metadata; ignored"))
                entries = {}
        _META_CACHE[folder] = (entries, problems)
    entries, problems = _META_CACHE[folder]
    first, problems[:] = list(problems), []
    entry = entries.get(name, {})
    where = f"{folder / METADATA_FILE} ({name})"
    if not isinstance(entry, dict):
        return {}, [*first, ReadWarning(where, "entry is not a JSON object; ignored")]
    meta, warnings = checked(entry, where)
    return meta, first + warnings
