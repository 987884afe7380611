"""The `kg` command: a thin shell over the Python API (kg.build, kg.queries, kg.evaluate)."""

from __future__ import annotations

import json
import sys

import click

from kg.namespaces import KGR_DEFAULT


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.group()
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: build an RDF knowledge graph of attacks, operations and statements from news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--model", default=None, help="spaCy pipeline to use: installed package name or path.")
@click.option("--base-iri", default=KGR_DEFAULT, show_default=True, help="Namespace of minted resources.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or per-file messages.")
def build(paths: tuple[str, ...], out: str, model: str | None, base_iri: str, quiet: bool) -> None:
    """Read articles (.txt, .jsonl, folders) and write graph.ttl, graph.trig, network.html, report.json."""
    from kg.build import build as run_build
    from kg.nlp import ModelNotFound

    try:
        report = run_build(paths, out, model=model, base_iri=base_iri, quiet=quiet)
    except ModelNotFound as err:
        _fail(str(err))
    counts = report.counts
    if not quiet:
        click.echo(f"model: {report.model}", err=True)
    click.echo(
        f"{counts['articles_read']} articles read, {counts['articles_failed']} failed; "
        f"{counts.get('Statement', 0)} statements, {counts.get('Attack', 0)} attacks, "
        f"{counts.get('Operation', 0)} operations, {counts['triples']} triples → {out.rstrip('/')}/"
    )
    for f in report.failed:
        click.echo(f"  failed: {f['path']}: {f['reason']}", err=True)
    if report.articles == [] and report.failed:
        sys.exit(1)


@main.command()
@click.argument("graph", type=click.Path())
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(graph: str, query: str, params: tuple[str, ...], fmt: str) -> None:
    """Run QUERY (a packaged name, a .rq file, or - for stdin) against GRAPH (a build folder or RDF file).

    Packaged queries: who-condemned-whom, attacks, attacks-in (place), operations, aliases,
    aliases-of (actor), statements-about (actor).
    """
    from kg.queries import QueryError, load_store, run

    bindings = {}
    for p in params:
        if "=" not in p:
            _fail(f"--param takes NAME=VALUE, got {p!r}")
        k, v = p.split("=", 1)
        bindings[k.strip()] = v
    text = sys.stdin.read() if query == "-" else query
    try:
        result = run(load_store(graph), text, bindings)
    except QueryError as err:
        _fail(str(err))
    click.echo({"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]().rstrip("\n"))


@main.command()
@click.argument("graph", type=click.Path(exists=True))
@click.option(
    "--gold",
    "gold",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of *.gold.json files.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def evaluate(graph: str, gold: str, as_json: bool) -> None:
    """Score a build (folder or RDF file) against gold annotations."""
    from kg.evaluate import evaluate as run_eval
    from kg.evaluate import summary_table
    from kg.queries import QueryError

    try:
        result = run_eval(graph, gold)
    except (QueryError, FileNotFoundError) as err:
        _fail(str(err))
    click.echo(json.dumps(result, indent=2) if as_json else summary_table(result))


if __name__ == "__main__":
    main()
