"""Packaged competency queries through `kg query`."""

import csv
import io
import json

import pytest
from conftest import kg

from kg.queries import names


@pytest.mark.parametrize("name", ["who-condemned-whom", "attacks", "operations", "aliases"])
def test_packaged_queries_run(built, name):
    out = kg("query", str(built), name, "--format", "json").stdout
    result = json.loads(out)
    assert result["variables"]
    if name != "who-condemned-whom":
        assert result["rows"], name


def test_all_packaged_queries_are_listed():
    assert set(names()) >= {
        "who-condemned-whom",
        "attacks",
        "attacks-in",
        "operations",
        "aliases",
        "aliases-of",
        "statements-about",
    }


def test_parameter_is_bound_as_a_term(built):
    rows = json.loads(kg("query", str(built), "attacks-in", "--param", "place=Derna", "--format", "json").stdout)[
        "rows"
    ]
    assert rows and all(r["place"] == "Derna" for r in rows)
    injected = kg("query", str(built), "attacks-in", "--param", 'place=Derna" } UNION { ?a ?b ?c', "--format", "json")
    assert json.loads(injected.stdout)["rows"] == []


def test_aliases_of_an_actor_and_csv_output(built):
    out = kg("query", str(built), "aliases-of", "--param", "actor=Haftar", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["label"] for r in rows} == {"Khalifa Haftar"}
    assert {r["article"] for r in rows} >= {"000_96e4ea971e9aeea9.txt", "004_c1e418e0bd2aa12f.txt"}


def test_table_output_and_rq_file(built, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text(
        "PREFIX kgo: <https://w3id.org/newskg/ontology#>\nSELECT (COUNT(?s) AS ?n) WHERE { ?s a kgo:Statement }"
    )
    out = kg("query", str(built / "graph.ttl"), str(rq)).stdout
    assert out.splitlines()[0].strip() == "n" and "(1 rows)" in out


def test_query_errors_say_what_to_do(built):
    missing = kg("query", str(built), "attacks-in", check=False)
    assert missing.returncode == 2 and "needs --param place=VALUE" in missing.stderr
    unknown = kg("query", str(built), "no-such-query", check=False)
    assert "unknown query" in unknown.stderr and "who-condemned-whom" in unknown.stderr
    syntax = kg("query", str(built), "SELECT ?x WHERE { ?x", check=False)
    assert syntax.returncode == 2 and "SPARQL syntax error" in syntax.stderr


def test_query_from_stdin(built):
    import subprocess
    import sys

    from conftest import ROOT

    q = "PREFIX kgo: <https://w3id.org/newskg/ontology#>\nSELECT (COUNT(?a) AS ?n) WHERE { ?a a kgo:Attack }"
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", str(built), "-", "--format", "csv"],
        input=q,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert proc.stdout.splitlines()[0] == "n" and int(proc.stdout.splitlines()[1]) > 0
