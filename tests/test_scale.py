"""Builds that scale: worker processes, incremental updates and Dask give the bytes of a plain build."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pyoxigraph as ox
import pytest
from conftest import CORPUS, kg

from kg.resolve import compact, resolve
from kg.state import State

OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq", "aliases.json", "network.html")
NAMES = sorted(p.name for p in CORPUS.glob("*.txt"))


def same_build(a, b) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def corpus_part(folder, names, changed: dict[str, str] | None = None):
    """Some of the corpus's articles (with their metadata) in a folder of their own."""
    folder.mkdir()
    shutil.copy(CORPUS / "metadata.json", folder)
    for name in names:
        text = (CORPUS / name).read_text(encoding="utf-8")
        (folder / name).write_text((changed or {}).get(name, text), encoding="utf-8")
    return folder


def test_one_process_builds_what_several_do(built, tmp_path):
    kg("build", str(CORPUS), "-o", str(tmp_path), "--quiet", "--processes", "1")
    same_build(tmp_path, built)
    nq = list(ox.parse(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    trig = list(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert sorted(map(str, nq)) == sorted(map(str, trig))


def test_recycled_workers_build_what_one_process_does(built, tmp_path, monkeypatch):
    """A worker replaced after every batch (of one article) changes nothing: its successor is forked
    from the loaded parent and the records come back in input order."""
    from kg import workers
    from kg.build import build

    monkeypatch.setattr(workers, "BATCH", 1)
    monkeypatch.setattr(workers, "RECYCLE", 1)
    report = build([CORPUS], tmp_path, quiet=True, processes=2)
    assert len(report.articles) == 5
    same_build(tmp_path, built)


def test_update_equals_a_full_rebuild(built, tmp_path):
    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    # the first build has an older text of the last article, and lacks the fourth
    older = {NAMES[4]: (CORPUS / NAMES[4]).read_text(encoding="utf-8").replace("Derna", "Dernah")}
    corpus_part(first, NAMES[:3] + NAMES[4:], older)
    corpus_part(second, NAMES[2:])  # NAMES[2] again, unchanged; NAMES[4] with its new text
    kg("build", str(first), "-o", str(out), "--quiet")
    proc = kg("build", str(second), "-o", str(out), "--quiet", "--update")
    report = json.loads((out / "report.json").read_text())
    assert report["counts"]["articles_read"] == 2 and report["counts"]["articles_skipped"] == 1
    assert report["articles"] == NAMES
    assert "2 articles read" in proc.stdout
    same_build(out, built)


def test_a_few_articles_are_shared_among_the_workers():
    """The first batches are small, one round per worker, so an update's few articles do not all go to
    one worker; every article is in exactly one batch, in input order."""
    from kg.workers import BATCH, batches

    few = list(batches(range(10), workers=2))
    assert [x for b in few for x in b] == list(range(10))
    assert len(few) >= 2 and max(len(b) for b in few[:2]) <= 10 // 2
    many = [len(b) for b in batches(range(1000), workers=2)]
    assert sum(many) == 1000 and many[:2] == [2, 2] and many[-2] == BATCH == max(many)
    assert {len(b) for b in batches(range(10 * BATCH))} == {BATCH}  # one process: full batches from the first


def test_update_needs_a_build(tmp_path):
    proc = kg("build", str(CORPUS), "-o", str(tmp_path), "--update", check=False)
    assert proc.returncode == 2 and "build it first" in proc.stderr


def test_compact_records_resolve_as_the_full_ones(built):
    """What the build stores for resolution holds no text, and resolves as the full extractions do."""
    state = State(built)
    extractions, briefs = list(state), list(state.briefs())
    assert len(extractions) == len(briefs) == 5
    assert all(b.extraction.article.text == "" and not b.extraction.sentences for b in briefs)
    assert all(len(b.forms) == len(b.extraction.mentions) for b in briefs)
    assert briefs == [compact(ex) for ex in extractions]
    assert resolve(briefs) == resolve(extractions)


def test_dask_cluster_builds_what_one_machine_does(built, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    from kg.build import build

    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        report = build([CORPUS], tmp_path, quiet=True, dask=client)
    assert len(report.articles) == 5
    same_build(tmp_path, built)


def test_jsonld_on_request(tmp_path):
    kg("build", str(CORPUS / NAMES[0]), "-o", str(tmp_path), "--quiet", "--jsonld", "--processes", "1")
    quads = {str(q) for q in ox.parse(path=str(tmp_path / "graph.jsonld"), format=ox.RdfFormat.JSON_LD)}
    assert quads == {str(q) for q in ox.parse(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS)}


def test_validate_on_demand(built, tmp_path):
    pytest.importorskip("pyshacl")
    assert "conforms" in kg("validate", str(built)).stdout
    broken = tmp_path / "broken.ttl"
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("kgo:speaker ", "kgo:speakerX "), encoding="utf-8")
    proc = kg("validate", str(broken), check=False)
    assert proc.returncode == 1 and "speaker" in proc.stdout


def test_compact_records_are_stored_beside_the_extractions(built):
    state = State(built)
    assert list(state.briefs()) == [compact(ex) for ex in state]


def test_update_of_a_build_without_stored_compact_records(built, tmp_path):
    """An extraction store of an earlier version (no compact records) is extended as it is: its
    records are compacted when read, and the update still equals a full build."""
    first, out = tmp_path / "first", tmp_path / "out"
    corpus_part(first, NAMES[:4])
    kg("build", str(first), "-o", str(out), "--quiet")
    with sqlite3.connect(out / "extractions.db") as db:
        db.executescript(
            "CREATE TABLE old (id TEXT PRIMARY KEY, digest TEXT, data BLOB) WITHOUT ROWID;"
            "INSERT INTO old SELECT id, digest, data FROM extraction;"
            "DROP TABLE extraction; ALTER TABLE old RENAME TO extraction;"
        )
    kg("build", str(CORPUS), "-o", str(out), "--quiet", "--update")
    same_build(out, built)
    assert list(State(out).briefs()) == [compact(ex) for ex in State(out)]


COUNTS = """SELECT ?class (COUNT(DISTINCT ?node) AS ?n)
WHERE { GRAPH ?g { ?node a ?class } FILTER(STRSTARTS(STR(?class), "https://w3id.org/newskg/ontology#")) }
GROUP BY ?class"""


def class_counts(folder) -> dict[str, int]:
    store = ox.Store.read_only(str(folder / "store"))
    return {r["class"].value.rsplit("#", 1)[-1]: int(r["n"].value) for r in store.query(COUNTS)}


def test_reported_class_counts_are_the_stores_after_an_update(built, tmp_path):
    first, out = tmp_path / "first", tmp_path / "out"
    corpus_part(first, NAMES[:1] + NAMES[2:])
    kg("build", str(first), "-o", str(out), "--quiet")
    kg("build", str(CORPUS / NAMES[1]), "-o", str(out), "--quiet", "--update")
    full, updated = (json.loads((f / "report.json").read_text())["counts"] for f in (built, out))
    want = class_counts(built)
    assert want["Attack"] > 0 and want["Person"] > 0
    assert {k: full[k] for k in want} == want == {k: updated[k] for k in want}
    assert set(full) - set(want) == set(updated) - set(want)  # no class counted that the store lacks


def test_an_update_whose_store_patch_fails_leaves_the_build_whole(built, tmp_path, monkeypatch):
    """The store of an update is patched and its page drawn in a child process: what it raises is
    raised by the build, which then leaves the previous build as it was and no folder of its own."""
    import importlib

    build_module = importlib.import_module("kg.build")  # the module: kg.build is also the function
    first, out = tmp_path / "first", tmp_path / "out"
    corpus_part(first, NAMES[:4])
    kg("build", str(first), "-o", str(out), "--quiet")
    before = {f.name: f.read_bytes() for f in out.iterdir() if f.is_file()}

    def broken(*args):
        raise OSError("no space left for the store")

    monkeypatch.setattr(build_module, "_patch_and_draw", broken)
    with pytest.raises(OSError, match="no space left"):
        build_module.build([CORPUS], out, quiet=True, processes=1, update=True)
    assert {f.name: f.read_bytes() for f in out.iterdir() if f.is_file()} == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["first", "out"]
    assert not [f for f in out.iterdir() if f.name.startswith(".")]


def quads(folder) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(folder / "store"))}


def test_update_rebuilds_the_older_graphs_new_articles_change(built, tmp_path):
    """An article whose names join older articles' nodes changes their graphs: those are built again,
    the others reused, and files and store equal a full build's."""
    first, out = tmp_path / "first", tmp_path / "out"
    corpus_part(first, NAMES[:1] + NAMES[2:])
    kg("build", str(first), "-o", str(out), "--quiet")
    before = json.loads((out / "report.json").read_text())["counts"]["graphs_built"]
    kg("build", str(CORPUS / NAMES[1]), "-o", str(out), "--quiet", "--update")
    counts = json.loads((out / "report.json").read_text())["counts"]
    assert before == 4 and counts["articles_read"] == 1
    assert 1 < counts["graphs_built"] < 5
    same_build(out, built)
    assert quads(out) == quads(built)


def test_update_with_nothing_new_builds_no_graph(built, tmp_path):
    shutil.copytree(built, tmp_path / "out")
    kg("build", str(CORPUS), "-o", str(tmp_path / "out"), "--quiet", "--update")
    counts = json.loads((tmp_path / "out" / "report.json").read_text())["counts"]
    assert counts["articles_read"] == 0 and counts["articles_skipped"] == 5 and counts["graphs_built"] == 0
    same_build(tmp_path / "out", built)
    assert quads(tmp_path / "out") == quads(built)


@pytest.mark.parametrize("damage", ["corrupt", "missing"])
def test_update_without_usable_fragments_builds_every_graph(built, tmp_path, damage):
    first, out = tmp_path / "first", tmp_path / "out"
    corpus_part(first, NAMES[:3])
    kg("build", str(first), "-o", str(out), "--quiet")
    if damage == "corrupt":
        (out / "graphs.db").write_bytes(b"not a database" * 100)
    else:
        (out / "graphs.db").unlink()
    proc = kg("build", str(CORPUS), "-o", str(out), "--update")
    assert "every graph is built again" in proc.stderr
    counts = json.loads((out / "report.json").read_text())["counts"]
    assert counts["articles_read"] == 2 and counts["graphs_built"] == 5
    same_build(out, built)
    assert quads(out) == quads(built)
