"""kg.cache: derived gazetteer tables read back from disk, never stale, never in the way."""

from __future__ import annotations

import kg.cache as cache
from kg.cache import disk_cached

CALLS: list[int] = []


def table() -> dict[str, frozenset[str]]:
    CALLS.append(1)
    return {"kyiv": frozenset({"703448"}), "kiev": frozenset({"703448"})}


def test_a_table_is_computed_once_and_read_back_by_the_next_process(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSKG_CACHE", str(tmp_path))
    CALLS.clear()
    assert disk_cached(table)()["kiev"] == frozenset({"703448"}) and CALLS == [1]  # a process computes it
    CALLS.clear()
    second = disk_cached(table)  # the next process: a fresh in-memory cache
    assert second() == {"kyiv": frozenset({"703448"}), "kiev": frozenset({"703448"})}
    assert CALLS == []  # read from disk, not computed
    assert len(list(tmp_path.glob("*.pickle"))) == 1


def test_a_corrupt_or_unwritable_cache_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSKG_CACHE", str(tmp_path))
    disk_cached(table)()
    for path in tmp_path.glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    CALLS.clear()
    assert disk_cached(table)()["kyiv"] == frozenset({"703448"}) and CALLS == [1]
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setenv("NEWSKG_CACHE", str(blocked))
    CALLS.clear()
    assert disk_cached(table)()["kiev"] == frozenset({"703448"}) and CALLS == [1]


def test_the_file_name_changes_with_the_sources(tmp_path, monkeypatch):
    """A lexicon edit gives the tables a new name, so an old table is never read."""
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    (lexicon / "places.yaml").write_text("Kyiv: [Kiev]\n")
    monkeypatch.setattr(cache, "SOURCES", (lexicon,))
    monkeypatch.setattr(cache, "KG", tmp_path)
    cache._fingerprint.cache_clear()
    before = cache._fingerprint()
    (lexicon / "places.yaml").write_text("Kyiv: [Kiev, Kyyiv]\n")
    cache._fingerprint.cache_clear()
    assert cache._fingerprint() != before
    cache._fingerprint.cache_clear()
