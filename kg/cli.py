"""The `kg` command: a thin shell over the Python API (kg.build, kg.queries, kg.evaluate)."""

from __future__ import annotations

import json
import os
import signal
import sys

import click

from kg.namespaces import KGR_DEFAULT

EXIT_NOTHING_BUILT = 1  # every input failed
EXIT_USAGE = 2  # bad option, unknown model, output folder not writable, bad --base-iri
EXIT_SOME_FAILED = 3  # the graph was built from the rest; report.json lists the failed inputs
EXIT_INTERRUPTED = 130
_FINISHED: list[str] = []  # a build that ran to its end: every file it wrote is closed


def run() -> None:
    """The `kg` command: ``main``, and after a build that ran to its end the process exits without
    tearing its heap down object by object (the pipeline, the lexicons, the gazetteer: about a second
    after a big build, 5% of an update's time); every other command ends as Python ends."""
    try:
        main()
    except SystemExit as done:
        if not _FINISHED or not isinstance(done.code, int | None):
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(done.code or 0)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group()
@click.version_option(package_name="newskg")
def main() -> None:
    """newskg: build an RDF knowledge graph of attacks, operations and statements from news articles."""


def _model_not_found() -> tuple[type[Exception], ...]:
    """kg.nlp's ModelNotFound once the build has imported it: a build that fails on its arguments
    fails before spaCy is imported (seconds), and an except clause is evaluated only on an error."""
    nlp = sys.modules.get("kg.nlp")
    return (nlp.ModelNotFound,) if nlp is not None else ()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--model", default=None, help="spaCy pipeline to use: installed package name or path.")
@click.option("--base-iri", default=KGR_DEFAULT, show_default=True, help="Namespace of minted resources.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or per-file messages.")
@click.option("--no-event-merge", is_flag=True, help="Keep each article's report of an attack as its own node.")
@click.option("--processes", type=int, default=None, help="Worker processes annotating articles [every core].")
@click.option("--dask", "scheduler", metavar="ADDRESS", help="Annotate on a Dask cluster (scheduler address).")
@click.option("--update", is_flag=True, help="Add the articles to the build in OUT (only new ones are annotated).")
@click.option("--jsonld", is_flag=True, help="Also write graph.jsonld.")
def build(
    paths: tuple[str, ...],
    out: str,
    model: str | None,
    base_iri: str,
    quiet: bool,
    no_event_merge: bool,
    processes: int | None,
    scheduler: str | None,
    update: bool,
    jsonld: bool,
) -> None:
    """Read articles (.txt, .jsonl, folders) and write graph.ttl, graph.trig, graph.nq, network.html,
    aliases.json, report.json (and extractions.db, the records --update extends)."""
    from kg.build import BuildError
    from kg.build import build as run_build
    from kg.state import StateError

    try:
        report = run_build(
            paths,
            out,
            model=model,
            base_iri=base_iri,
            quiet=quiet,
            event_merge=not no_event_merge,
            processes=processes,
            dask=scheduler,
            update=update,
            jsonld=jsonld,
        )
    except (BuildError, StateError, *_model_not_found()) as err:
        _fail(str(err))
    except KeyboardInterrupt:
        click.echo(f"interrupted; {out} is as it was before this build", err=True)
        sys.exit(EXIT_INTERRUPTED)
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
    _FINISHED.append(out)
    if report.failed:
        click.echo(f"{len(report.failed)} inputs failed (listed in report.json)", err=True)
        sys.exit(EXIT_NOTHING_BUILT if not report.articles else EXIT_SOME_FAILED)


def _auth_options(f):
    f = click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)(f)
    f = click.option("--password", envvar="KG_PASSWORD", help="Password (or set KG_PASSWORD).")(f)
    return click.option("--user", help="User name for the server.")(f)


@main.command()
@click.argument("args", nargs=-1, required=True, metavar="[GRAPH] QUERY")
@click.option("--endpoint", metavar="URL", help="Ask a SPARQL endpoint instead of a build (then GRAPH is omitted).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_auth_options
def query(
    args: tuple[str, ...],
    endpoint: str | None,
    params: tuple[str, ...],
    fmt: str,
    user: str | None,
    password: str | None,
    auth: str,
) -> None:
    """Run QUERY (a packaged name, a .rq file, or - for stdin) against GRAPH (a build folder or RDF
    file) or, with --endpoint, against a SPARQL endpoint (rows capped by the server are paged).

    Packaged queries: who-condemned-whom, attacks, attacks-in (place), operations, aliases,
    aliases-of (actor), statements-about (actor).
    """
    from kg.queries import QueryError, load_store, run
    from kg.store import Endpoint, StoreError, make_auth

    if len(args) != (1 if endpoint else 2):
        _fail("give GRAPH and QUERY, or --endpoint URL and QUERY")
    bindings = {}
    for p in params:
        if "=" not in p:
            _fail(f"--param takes NAME=VALUE, got {p!r}")
        k, v = p.split("=", 1)
        bindings[k.strip()] = v
    text = sys.stdin.read() if args[-1] == "-" else args[-1]
    try:
        if endpoint:
            result = Endpoint(endpoint, make_auth(user, password, auth)).query(text, bindings)
        else:
            result = run(load_store(args[0]), text, bindings)
    except (QueryError, StoreError) as err:
        _fail(str(err))
    click.echo({"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]().rstrip("\n"))


@main.command()
@click.argument("source", type=click.Path())
@click.option(
    "--store", "store_url", required=True, metavar="URL", help="Graph Store endpoint, e.g. http://127.0.0.1:7878/store."
)
@_auth_options
@click.option("--graph-prefix", metavar="IRI", help="Name graphs PREFIX + article/<id>, PREFIX + graph/inferred, ...")
@click.option("--batch", default=100_000, show_default=True, help="Triples per request.")
@click.option(
    "--timeout", default=600.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds to wait for an answer."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def push(
    source: str,
    store_url: str,
    user: str | None,
    password: str | None,
    auth: str,
    graph_prefix: str | None,
    batch: int,
    timeout: float,
    quiet: bool,
) -> None:
    """Load a build (folder or .trig/.nq/.ttl/.nt) into a triplestore, one named graph per PUT.

    Pushing again replaces each graph. Each graph's triple count is checked afterwards.
    """
    from kg.store import StoreError
    from kg.store import push as run_push

    try:
        report = run_push(
            source,
            store_url,
            user=user,
            password=password,
            auth=auth,
            graph_prefix=graph_prefix,
            batch=batch,
            timeout=timeout,
            progress=not quiet,
        )
    except StoreError as err:
        _fail(str(err))
    click.echo(
        f"{len(report.graphs)} graphs, {report.triples} triples → {store_url} "
        f"in {report.seconds:.1f} s ({report.triples_per_second:,.0f} triples/s), counts verified"
    )


@main.command()
@click.argument("build_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--port", default=7878, show_default=True, help="Port on 127.0.0.1 (0 picks a free one).")
def serve(build_dir: str, port: int) -> None:
    """Serve a build as a local SPARQL endpoint (Oxigraph) until Ctrl-C."""
    from kg.servers import Oxigraph, ServerError, port_busy
    from kg.store import StoreError, source_file

    if port_busy(port):
        _fail(f"port {port} is busy (another program listens on it); choose another with --port, or --port 0")
    server = Oxigraph(port=port, read_only=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl-C does

    previous = signal.signal(signal.SIGTERM, stop)
    code = None
    try:
        try:
            server.load(source_file(build_dir))
            server.start()
        except (ServerError, StoreError, OSError) as err:
            _fail(str(err))
        click.echo(f"SPARQL endpoint: {server.query_url}")
        click.echo(f"query page:      {server.url}/")
        click.echo(f"try: kg query --endpoint {server.query_url} who-condemned-whom")
        click.echo("Ctrl-C stops the server.", err=True)
        sys.stdout.flush()
        code = server.proc.wait()
    except KeyboardInterrupt:
        code = None
    finally:
        server.remove()  # the child stopped and its temporary database deleted, whatever happened
        signal.signal(signal.SIGTERM, previous)
    if code is not None:
        _fail(f"the Oxigraph server exited with {code}")
    click.echo("stopped.", err=True)


@main.command()
@click.argument("graph", type=click.Path(exists=True))
@click.option("--kind", type=click.Choice(["condemnations", "statements", "graph"]), default="condemnations",
              show_default=True, help="Who condemned whom (other statement types toggleable), all statements, "
              "or the explorer of actors, attacks, operations and places.")  # fmt: skip
@click.option("--focus", "focus_on", metavar="NAME", help="Only what lies within --depth links of NAME (or an alias).")
@click.option("--depth", default=2, show_default=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="Output .html, .graphml or .gexf [GRAPH/KIND.html].")
def view(graph: str, kind: str, focus_on: str | None, depth: int, out: str | None) -> None:
    """Write an offline network page (or GraphML/GEXF for Gephi and Cytoscape) of a build."""
    from pathlib import Path

    from kg.queries import QueryError, load_store
    from kg.views import ViewError, write

    base = Path(graph) if Path(graph).is_dir() else Path(graph).parent
    path = Path(out) if out else base / f"{kind}.html"
    try:
        g = write(load_store(graph), kind, path, focus_on, depth)
    except (QueryError, ViewError) as err:
        _fail(str(err))
    click.echo(f"{g.number_of_nodes()} nodes, {g.number_of_edges()} links → {path}")


@main.command()
@click.argument("graph", type=click.Path(exists=True))
def validate(graph: str) -> None:
    """Check a build (folder or RDF file) against the SHACL shapes; exit status 1 if it does not conform."""
    from kg.validate import ValidationUnavailable
    from kg.validate import validate as run_validate

    try:
        conforms, text = run_validate(graph)
    except (ValidationUnavailable, FileNotFoundError) as err:
        _fail(str(err))
    if not conforms:
        click.echo(text.rstrip("\n"))
        sys.exit(1)
    click.echo(f"{graph}: conforms to the SHACL shapes")


@main.command()
@click.argument("name")
@click.argument("build_dir", default="out", type=click.Path())
def explain(name: str, build_dir: str) -> None:
    """Why NAME ended on the node it did: the merges and rules that joined it (from BUILD_DIR/aliases.json)."""
    from pathlib import Path

    from kg.resolve import explain as run_explain

    path = Path(build_dir) / "aliases.json"
    if not path.exists():
        _fail(f"no {path}: run `kg build ... -o {build_dir}` first, or give the build folder")
    text = run_explain(json.loads(path.read_text(encoding="utf-8")), name)
    click.echo(text)
    if text.startswith("no node"):
        sys.exit(1)


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
@click.option("--errors", "show_errors", is_flag=True, help="List every missed gold item and spurious prediction.")
def evaluate(graph: str, gold: str, as_json: bool, show_errors: bool) -> None:
    """Score a build (folder or RDF file) against gold annotations."""
    from kg.evaluate import evaluate as run_eval
    from kg.evaluate import summary_table
    from kg.queries import QueryError

    try:
        result = run_eval(graph, gold)
    except (QueryError, FileNotFoundError) as err:
        _fail(str(err))
    click.echo(json.dumps(result, indent=2) if as_json else summary_table(result))
    if show_errors and not as_json:
        from kg.evaluate import errors_report

        click.echo(errors_report(result))


@main.command()
@click.argument("cases", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None, help="spaCy pipeline to use: installed package name or path.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List every missed and spurious frame.")
def frames(cases: str, model: str | None, as_json: bool, show_errors: bool) -> None:
    """Score extraction on hand-written sentences with their expected frames (YAML, see tests/data/frames)."""
    from kg.evaluate import evaluate_frames_file, summary_table
    from kg.nlp import ModelNotFound

    try:
        result = evaluate_frames_file(cases, model)
    except (ValueError, ModelNotFound) as err:
        _fail(str(err))
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(summary_table(result))
    if show_errors:
        click.echo("\n".join(result["errors"]))


if __name__ == "__main__":
    run()
