import json
import os

from kg.corpus import MAX_CHARS, read
from kg.records import Article, ReadFailure


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, ReadFailure)]
    return arts, fails


def test_txt_title_is_first_nonempty_line_and_text_is_kept_exactly(tmp_path):
    raw = "\n\n  Shelling in Aleppo  \r\nSecond line\u00a0with nbsp.\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    arts, fails = _split(list(read([tmp_path])))
    assert not fails
    assert arts[0].title == "Shelling in Aleppo"
    assert arts[0].text == raw  # no newline translation: offsets index the text as stored
    assert arts[0].id == "a.txt"


def test_metadata_json_beside_articles(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\nBody.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(
        json.dumps({"a.txt": {"title": "T", "published": "2020-01-02", "url": "https://example.org/a"}})
    )
    (art,) = list(read([tmp_path]))
    assert (art.title, art.published, art.url) == ("T", "2020-01-02", "https://example.org/a")


def test_bundled_corpus_reads_with_metadata():
    arts, fails = _split(list(read(["corpus"])))
    assert len(arts) == 5 and not fails
    by_id = {a.id: a for a in arts}
    assert by_id["000_96e4ea971e9aeea9.txt"].published == "2016-06-18"
    assert by_id["000_96e4ea971e9aeea9.txt"].title.startswith("Haftar’s Forces")


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "r1", "title": "One", "text": "Rockets hit Kyiv.", "published": "2022-03-01"}),
        "{not json",
        json.dumps({"id": "r2", "title": "No text"}),
        json.dumps({"id": "r3", "text": "   "}),
        json.dumps({"id": "r1", "text": "Duplicate id."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    arts, fails = _split(list(read([tmp_path / "feed.jsonl"])))
    assert [a.id for a in arts] == ["r1"]
    assert arts[0].published == "2022-03-01"
    reasons = " | ".join(f"{f.path}: {f.reason}" for f in fails)
    assert "feed.jsonl:2: malformed JSON" in reasons
    assert 'feed.jsonl:3: record has no "text"' in reasons
    assert "empty article" in reasons
    assert "duplicate article id 'r1'" in reasons


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("Clashes in Tripoli.\nFighting went on.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 bombing".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("x" * (MAX_CHARS + 1), encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    arts, fails = _split(list(read([tmp_path, tmp_path / "dangling.txt", tmp_path / "missing-folder"])))
    assert [a.id for a in arts] == ["good.txt"]
    reasons = {os.path.basename(f.path): f.reason for f in fails}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin1.txt"] and "re-encode" in reasons["latin1.txt"]
    assert "split articles longer" in reasons["huge.txt"]
    assert "no such file" in reasons["dangling.txt"]
    assert "no such file" in reasons["missing-folder"]
