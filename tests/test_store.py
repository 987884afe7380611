"""kg push / kg query --endpoint / kg serve against real servers: Oxigraph and Virtuoso."""

from __future__ import annotations

import http.server
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from conftest import ROOT, kg

from kg.queries import load_store, names, run
from kg.store import Endpoint, StoreError, make_auth, plan, push

PARAMS = {"attacks-in": {"place": "Libya"}, "aliases-of": {"actor": "Haftar"}, "statements-about": {"actor": "Haftar"}}


def graph_counts(query_url: str, graphs: list[str]) -> dict[str, int]:
    values = " ".join(f"<{g}>" for g in graphs)
    q = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    resp = requests.post(query_url, data={"query": q}, headers={"Accept": "application/sparql-results+json"})
    resp.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in resp.json()["results"]["bindings"]}


def staging_left(query_url: str) -> int:
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:newskg:staging:')) }"
    resp = requests.post(query_url, data={"query": q}, headers={"Accept": "application/sparql-results+json"})
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


def expected_counts(path: Path) -> dict[str, int]:
    plans = plan(path)
    return {p.target: p.triples for p in plans}


def thinned(src: Path, dest: Path) -> Path:
    """A second version of a build: the same graphs, without their confidence triples."""
    quads = [
        q for q in ox.parse(path=str(src), format=ox.RdfFormat.TRIG) if not q.predicate.value.endswith("confidence")
    ]
    ox.serialize(quads, output=str(dest), format=ox.RdfFormat.N_QUADS)
    return dest


def test_push_verifies_every_graph_and_repush_replaces(built, oxigraph):
    trig = built / "graph.trig"
    want = expected_counts(trig)
    proc = kg("push", str(built), "--store", oxigraph.store_url, "--quiet")
    assert f"{len(want)} graphs, {sum(want.values())} triples" in proc.stdout
    assert "counts verified" in proc.stdout
    assert graph_counts(oxigraph.query_url, list(want)) == want

    kg("push", str(built), "--store", oxigraph.store_url, "--quiet")
    assert graph_counts(oxigraph.query_url, list(want)) == want  # replaced, not duplicated

    v2 = thinned(trig, built.parent / "v2.nq")
    push(v2, oxigraph.store_url, progress=False)
    assert graph_counts(oxigraph.query_url, list(want)) == expected_counts(v2)
    assert expected_counts(v2) != want


def test_big_graphs_go_through_a_staging_graph(built, oxigraph):
    want = expected_counts(built / "graph.trig")
    report = push(built, oxigraph.store_url, batch=50, progress=False)
    assert report.triples == sum(want.values())
    assert graph_counts(oxigraph.query_url, list(want)) == want
    assert staging_left(oxigraph.query_url) == 0


def test_graph_prefix_renames_graphs(built, oxigraph):
    push(built, oxigraph.store_url, graph_prefix="http://example.org/run1/", progress=False)
    counts = graph_counts(
        oxigraph.query_url, [p.target for p in plan(built / "graph.trig", "http://example.org/run1/")]
    )
    assert "http://example.org/run1/graph/inferred" in counts
    assert "http://example.org/run1/ontology" in counts
    assert sum(1 for g in counts if "/run1/article/" in g) == 5


def row_key(row: dict) -> tuple:
    return tuple(sorted((k, v or "") for k, v in row.items()))


def assert_parity(build: Path, query_url: str, same_order: bool) -> None:
    """Every packaged query gives the same rows from the endpoint as from the file."""
    store, endpoint = load_store(build), Endpoint(query_url)
    for name in names():
        local = run(store, name, PARAMS.get(name))
        remote = endpoint.query(name, PARAMS.get(name))
        assert remote.variables == local.variables, name
        if same_order:  # the parts of a GROUP_CONCAT have no defined order
            assert list(map(_concat_sorted, remote.rows)) == list(map(_concat_sorted, local.rows)), name
        else:  # servers may order ties, and the parts of a GROUP_CONCAT, differently
            got = sorted(map(_concat_sorted, remote.rows), key=row_key)
            want = sorted(map(_concat_sorted, local.rows), key=row_key)
            extra, missing = [r for r in got if r not in want], [r for r in want if r not in got]
            assert got == want, f"{name}: endpoint only {extra}; file only {missing}"
    assert any(run(store, n, PARAMS.get(n)).rows for n in names())


def _concat_sorted(row: dict) -> dict:
    return {k: "; ".join(sorted(v.split("; "))) if v else v for k, v in row.items()}


def test_query_parity_file_vs_oxigraph(built, oxigraph):
    push(built, oxigraph.store_url, progress=False)
    assert_parity(built, oxigraph.query_url, same_order=True)


def test_cli_query_endpoint_matches_file(built, oxigraph):
    push(built, oxigraph.store_url, progress=False)
    local = kg("query", str(built), "attacks-in", "--param", "place=Libya", "--format", "csv").stdout
    remote = kg("query", "--endpoint", oxigraph.query_url, "attacks-in", "--param", "place=Libya", "--format", "csv")
    assert remote.stdout == local
    assert local.count("\n") > 1


def test_server_down_mid_push_leaves_each_graph_old_or_new(built, oxigraph):
    from kg.servers import Oxigraph

    trig = built / "graph.trig"
    old = expected_counts(trig)
    push(trig, oxigraph.store_url, progress=False)
    v2 = thinned(trig, built.parent / "v2-down.nq")
    new = expected_counts(v2)

    replaced: list[str] = []

    def kill_after_two(graph: str, _triples: int) -> None:
        replaced.append(graph)
        if len(replaced) == 2:
            oxigraph.stop()

    with pytest.raises(StoreError) as err:
        push(v2, oxigraph.store_url, retries=2, backoff=0.05, progress=False, on_graph=kill_after_two)
    message = str(err.value)
    assert "cannot connect" in message and "after 3 attempts" in message
    assert "2 of 7 graphs were replaced" in message and "pushing again is safe" in message

    restarted = Oxigraph(location=oxigraph.location).start()
    try:
        counts = graph_counts(restarted.query_url, list(old))
        assert {g: counts[g] for g in replaced} == {g: new[g] for g in replaced}
        assert all(counts[g] == old[g] for g in old if g not in replaced)
        push(v2, restarted.store_url, progress=False)  # and pushing again completes it
        assert graph_counts(restarted.query_url, list(old)) == new
    finally:
        restarted.stop()


def test_bad_rdf_pushes_nothing(tmp_path, oxigraph):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a/s> <http://a/p> <http://a/o> .\n<http://a/s> <http://a/p> .\n")
    proc = kg("push", str(bad), "--store", oxigraph.store_url, check=False)
    assert proc.returncode == 2
    assert "not valid RDF, nothing was pushed" in proc.stderr
    assert "line 2" in proc.stderr or "2:" in proc.stderr
    resp = requests.post(oxigraph.query_url, data={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"})
    assert resp.json()["boolean"] is False


def test_malformed_and_unreachable_endpoints(built):
    from kg.servers import free_port

    for args in (
        ("push", str(built), "--store", "127.0.0.1:7878/store"),
        ("query", "--endpoint", "ftp://example.org/sparql", "attacks"),
    ):
        proc = kg(*args, check=False)
        assert proc.returncode == 2 and "not an http(s) URL" in proc.stderr, proc.stderr
    port = free_port()
    proc = kg("query", "--endpoint", f"http://127.0.0.1:{port}/query", "attacks", check=False)
    assert proc.returncode == 2
    assert "cannot connect" in proc.stderr and "is the server running" in proc.stderr
    proc = kg("push", str(built / "missing"), "--store", f"http://127.0.0.1:{port}/store", check=False)
    assert proc.returncode == 2 and "nothing to push" in proc.stderr


class Flaky(http.server.BaseHTTPRequestHandler):
    """A real HTTP Graph Store that fails with 503 a set number of times, may refuse N-Triples
    (415), and serves back what it was last given."""

    failures = 0
    refuse_ntriples = False
    seen: list[str] = []
    body = b""

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        data = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append(f"PUT {self.headers['Content-Type']}")
        if Flaky.failures > 0:
            code = 503
            Flaky.failures -= 1
        elif Flaky.refuse_ntriples and self.headers["Content-Type"] == "application/n-triples":
            code = 415
        else:
            code, Flaky.body = 201, data
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append("GET")
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(Flaky.body)))
        self.end_headers()
        self.wfile.write(Flaky.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flaky():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Flaky.seen, Flaky.body, Flaky.failures, Flaky.refuse_ntriples = [], b"", 0, False
    yield f"http://127.0.0.1:{server.server_address[1]}/graphs"
    server.shutdown()


def test_5xx_is_retried_then_reported(tmp_path, flaky):
    one = tmp_path / "one.nt"
    one.write_text("<http://a/s> <http://a/p> <http://a/o> .\n")
    Flaky.failures = 2
    report = push(one, flaky, retries=3, backoff=0.01, progress=False)  # accepted on the third try
    assert report.triples == 1
    assert Flaky.seen == ["PUT application/n-triples"] * 3 + ["GET"]  # then read back and counted
    Flaky.failures = 10
    with pytest.raises(StoreError, match=r"server error .*HTTP 503.* after 3 attempts"):
        push(one, flaky, retries=2, backoff=0.01, progress=False)


def test_falls_back_to_turtle_where_ntriples_is_refused(tmp_path, flaky):
    one = tmp_path / "one.nt"
    one.write_text("<http://a/s> <http://a/p> <http://a/o> .\n")
    Flaky.refuse_ntriples = True
    assert push(one, flaky, progress=False).triples == 1
    assert Flaky.seen == ["PUT application/n-triples", "PUT text/turtle", "GET"]


# ------------------------------------------------------------------ Virtuoso


def test_virtuoso_push_repush_and_parity(built, virtuoso):
    want = expected_counts(built / "graph.trig")
    args = ("push", str(built), "--store", virtuoso.store_url, "--user", "dba", "--password", "dba", "--quiet")
    kg(*args, "--auth", "digest")
    kg(*args, "--auth", "digest", "--batch", "100")  # again, through staging graphs: replaced, not added
    assert graph_counts(virtuoso.query_url, list(want)) == want
    assert staging_left(virtuoso.query_url) == 0

    assert_parity(built, virtuoso.query_url, same_order=False)


def test_virtuoso_wrong_password_changes_nothing(built, virtuoso):
    want = expected_counts(built / "graph.trig")
    push(built, virtuoso.store_url, user="dba", password="dba", auth="digest", progress=False)
    v2 = thinned(built / "graph.trig", built.parent / "v2-auth.nq")
    for auth in ("digest", "basic"):
        proc = kg("push", str(v2), "--store", virtuoso.store_url, "--user", "dba", "--password", "nope",
                  "--auth", auth, check=False)  # fmt: skip
        assert proc.returncode == 2
        assert "refused the credentials (HTTP 401)" in proc.stderr and "--auth digest" in proc.stderr
    assert graph_counts(virtuoso.query_url, list(want)) == want


def test_virtuoso_row_cap_is_paged(tmp_path, virtuoso):
    path = tmp_path / "many.nt"
    p = ox.NamedNode("http://example.org/p")
    triples = [ox.Triple(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i))) for i in range(25_000)]
    ox.serialize(triples, output=str(path), format=ox.RdfFormat.N_TRIPLES)
    push(path, virtuoso.store_url, user="dba", password="dba", auth="digest", batch=10_000, progress=False)
    graph = plan(path)[0].target
    q = f"SELECT ?s ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    endpoint = Endpoint(virtuoso.query_url)
    _, first, capped = endpoint.select(q)
    assert capped and len(first) == 10_000  # what a naive client gets, silently
    rows = endpoint.query(q).rows
    assert len(rows) == 25_000
    assert {r["o"] for r in rows} == {str(i) for i in range(25_000)}


def test_kg_serve_answers_and_stops_on_ctrl_c(built):
    from kg.servers import free_port

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", str(built), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("SPARQL endpoint: http://127.0.0.1:")
        url = line.split(": ", 1)[1].strip()
        served = Endpoint(url).query("who-condemned-whom")
        assert served.rows == run(load_store(built), "who-condemned-whom").rows
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "stopped." in err
    with pytest.raises(StoreError, match="cannot connect"):
        Endpoint(url).query("attacks")


def test_auth_kind_is_checked():
    with pytest.raises(StoreError, match="basic or digest"):
        make_auth("u", "p", "ntlm")


def test_pages_of_an_ordered_query_partition_its_rows(built, oxigraph):
    from kg.queries import bind, text_of
    from kg.store import paged

    push(built, oxigraph.store_url, progress=False)
    endpoint = Endpoint(oxigraph.query_url)
    text = bind(text_of("attacks"))
    variables, everything, _ = endpoint.select(text)
    rows: list[dict] = []
    for offset in range(0, len(everything) + 7, 7):
        rows += endpoint.select(paged(text, variables, 7, offset))[1]
    assert len(everything) > 14
    assert sorted(rows, key=row_key) == sorted(everything, key=row_key)


def test_interleaved_nquads_are_grouped_by_graph(tmp_path, oxigraph):
    nq = tmp_path / "mixed.nq"
    lines = [f'<http://a/s{i}> <http://a/p> "{i}" <http://g/{i % 3}> .' for i in range(30)]
    nq.write_text("\n".join(lines + lines[:5]) + "\n")  # interleaved, with duplicates
    report = push(nq, oxigraph.store_url, progress=False)
    assert report.triples == 30
    assert graph_counts(oxigraph.query_url, [f"http://g/{k}" for k in range(3)]) == {
        f"http://g/{k}": 10 for k in range(3)
    }
