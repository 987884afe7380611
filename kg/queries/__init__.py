"""The competency questions as .rq files, run by name against a built graph.

Parameters are bound as RDF literals in a VALUES block (serialised by Oxigraph,
never pasted raw), so a value can never change the query, and the same text
runs on a file and on any SPARQL endpoint.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).parent


class QueryError(ValueError):
    pass


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.rq"))


def text_of(query: str) -> str:
    """A packaged query name, a path to a .rq file, or the query text itself."""
    if (HERE / f"{query}.rq").exists():
        return (HERE / f"{query}.rq").read_text(encoding="utf-8")
    path = Path(query)
    if path.suffix == ".rq":
        if not path.exists():
            raise QueryError(f"no such query file: {path}")
        return path.read_text(encoding="utf-8")
    if "select" in query.lower() or "construct" in query.lower() or "ask" in query.lower():
        return query
    raise QueryError(f"unknown query {query!r}: use one of {', '.join(names())}, a .rq file or '-' for stdin")


def load_store(graph: str | Path) -> ox.Store:
    """Oxigraph store holding a build: DIR, DIR/graph.trig or any .ttl/.nt/.trig/.nq file.

    A build opens its store folder on disk (kg.queries.disk: written by the build, or by the first
    query of an older build); any other file is parsed into memory.
    """
    from kg.queries.disk import FORMATS, build_folder, open_store

    path = Path(graph)
    folder = build_folder(path)
    if path.is_dir():
        files = [path / n for n in ("graph.trig", "graph.ttl", "graph.nq", "graph.nt")]
        path = next((f for f in files if f.exists()), files[0])
    if not path.exists():
        raise QueryError(f"no graph at {graph}: run `kg build` first or give a .ttl/.trig file")
    if path.suffix not in FORMATS:
        raise QueryError(f"cannot read {path.suffix} files; give .ttl, .trig, .nt or .nq")
    try:
        if folder is not None and (store := open_store(folder)) is not None:
            return store
        store = ox.Store()
        store.bulk_load(path=str(path), format=FORMATS[path.suffix])
    except SyntaxError as err:
        raise QueryError(f"{path} is not valid RDF: {err}") from err
    return store


@dataclass(frozen=True)
class Result:
    variables: list[str]
    rows: list[dict[str, str | None]]

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=self.variables, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in self.rows)
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps({"variables": self.variables, "rows": self.rows}, ensure_ascii=False, indent=2)

    def to_table(self, width: int = 60) -> str:
        def cell(v: str | None) -> str:
            v = "" if v is None else " ".join(v.split())
            return v if len(v) <= width else v[: width - 1] + "…"

        cells = [[cell(r.get(v)) for v in self.variables] for r in self.rows]
        widths = [max([len(v), *(len(c[i]) for c in cells)]) for i, v in enumerate(self.variables)]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.variables, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
        lines.append(f"({len(self.rows)} rows)")
        return "\n".join(lines)


def value(term: object) -> str | None:
    if term is None:
        return None
    if type(term) is ox.Literal or type(term) is ox.NamedNode:  # not isinstance: called once per cell
        return term.value
    return str(term)


def parameters(text: str) -> list[str]:
    """The parameters a query declares in ``# param: NAME (...)`` comment lines."""
    return re.findall(r"^#\s*param:\s*(\w+)", text, flags=re.MULTILINE)


def bind(text: str, params: Mapping[str, str | list[str]] | None = None) -> str:
    """The query with each declared parameter bound by a VALUES block at the top of its WHERE clause.

    Values are serialised as RDF literals by Oxigraph, so they cannot change the query's shape;
    VALUES is plain SPARQL 1.1, so the same text runs on any endpoint.
    """
    params = dict(params or {})
    declared = parameters(text)
    missing = [p for p in declared if p not in params]
    if missing:
        raise QueryError(f"this query needs --param {missing[0]}=VALUE (it declares: {', '.join(declared)})")
    unknown = [p for p in params if p not in declared]
    if unknown:
        raise QueryError(
            f"the query has no parameter {unknown[0]!r}"
            + (f"; it takes: {', '.join(declared)}" if declared else "; it takes none")
        )
    if not params:
        return text
    where = re.search(r"\bWHERE\s*\{", text, re.I)
    if where is None:
        raise QueryError("a query with parameters needs a WHERE { ... } clause")

    def literals(v: str | list[str]) -> str:
        return " ".join(str(ox.Literal(x)) for x in ([v] if isinstance(v, str) else v))

    values = " ".join(f"VALUES ?{k} {{ {literals(v)} }}" for k, v in sorted(params.items()))
    return f"{text[: where.end()]}\n  {values}\n{text[where.end() :]}"


# Parameters that name a node: matched against every name of a node of this class, as typed.
NAMED = {"place": "kgo:Location", "actor": "kgo:Actor"}
NAMES_QUERY = """PREFIX kgo: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?label ?name WHERE { ?node a CLASS ; rdfs:label ?label ; rdfs:label|skos:altLabel ?name }"""


class NoMatch(QueryError):
    """A parameter names no node; ``suggestions`` are the nearest names."""

    def __init__(self, param: str, value: str, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no {param} in this graph is called {value!r}{hint}")


def match_names(param: str, value: str, names: list[tuple[str, str, str]]) -> list[str]:
    """The stored names ``value`` stands for, one per node: ``names`` are (node, label, name) rows.

    The same resolution as ``kg explain``: the name as typed, else any name equal after folding case,
    diacritics, quotes, titles and possessives (kg.resolve.normalise). On a node whose label matches,
    the label is taken, else its first matching name, so a row shows the node's own form.
    """

    def folded(name: str) -> str:
        plain = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
        return " ".join(plain.casefold().split())

    def normalised(name: str) -> str:
        from kg.resolve import normalise  # loads the lexicon: only when folding case and accents is not enough

        return normalise(name.casefold())

    hits: set[str] = set()
    for key in (str, folded, normalised):
        wanted = key(value)
        hits = {node for node, _, name in names if key(name) == wanted}
        if hits:
            break
    if not hits:
        from rapidfuzz import process, utils

        forms = sorted({name for _, _, name in names})
        near = process.extract(value, forms, limit=3, score_cutoff=70, processor=utils.default_process)
        raise NoMatch(param, value, [m[0] for m in near])
    label_of = {node: label for node, label, _ in names}
    forms_of: dict[str, list[str]] = {}
    for node, _, name in names:
        if node in hits and key(name) == wanted:
            forms_of.setdefault(node, []).append(name)
    chosen = []
    for node in sorted(hits):
        forms = sorted(forms_of[node])
        chosen.append(value if value in forms else label_of[node] if label_of[node] in forms else forms[0])
    return sorted(set(chosen))


def resolve_params(
    text: str, params: Mapping[str, str] | None, select: Callable[[str], list[dict[str, str | None]]]
) -> dict[str, list[str]]:
    """Each parameter's values: a node-naming parameter (NAMED) resolved to the names stored in the
    graph (``select`` runs a SELECT on the same graph or endpoint), any other bound as given."""
    declared = parameters(text)
    out: dict[str, list[str]] = {}
    for k, v in (params or {}).items():
        if k in NAMED and k in declared:
            rows = select(NAMES_QUERY.replace("CLASS", NAMED[k]))
            names = [(r["node"] or "", r["label"] or "", r["name"] or "") for r in rows]
            out[k] = match_names(k, v, names)
        else:
            out[k] = [v]
    return out


def prepare(query: str, params: Mapping[str, str] | None, select: Callable[[str], list[dict]]) -> str:
    """The query text (name, .rq path or text) with its parameters resolved and bound."""
    text = text_of(query)
    bind(text, params)  # check the parameters before asking the graph anything
    return bind(text, resolve_params(text, params, select))


def select_rows(store: ox.Store, text: str) -> list[dict[str, str | None]]:
    solutions = store.query(text, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    return [{v: value(sol[v]) for v in variables} for sol in solutions]


# The outermost ORDER BY when it is the query's last clause and sorts on plain variables.
FINAL_ORDER = re.compile(r"\bORDER\s+BY((?:\s*(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.I)
ORDER_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?\?(\w+)", re.I)
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {f"{XSD}{t}" for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                                    "nonNegativeInteger", "positiveInteger", "negativeInteger")}  # fmt: skip
NUMERIC_TYPES = frozenset(ox.NamedNode(t) for t in NUMERIC)


def final_order(text: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """The query without its final ORDER BY, and that clause's (variable, descending) keys."""
    m = FINAL_ORDER.search(text, text.rfind("}") + 1)
    if m is None:
        return None
    keys = [(var, (how or "").upper() == "DESC") for how, var in ORDER_KEY.findall(m.group(1))]
    return text[: m.start()], keys


def order_key(term: object) -> tuple:
    """SPARQL's order of terms (unbound, blank nodes, IRIs, literals; numbers by value; strings by
    code point, as Oxigraph compares them)."""
    if term is None:
        return (0,)
    if type(term) is ox.NamedNode:  # the common cases first, by exact type: called once per term
        return (2, term.value)
    if type(term) is ox.BlankNode:
        return (1, term.value)
    assert isinstance(term, ox.Literal)
    if term.datatype in NUMERIC_TYPES:
        try:
            return (3, 0, float(term.value), "")
        except ValueError:
            pass
    return (3, 1, 0.0, term.value)


def sorted_rows(variables: list[str], terms: list[list[object]], keys: list[tuple[str, bool]]) -> list[list[object]]:
    """``terms`` in the order of ``keys`` (variable, descending): one stable sort per run of keys
    sorted the same way, last run first. A term's key is made once (answers repeat their terms:
    the same attack, article or label on many rows), and each row's key once per run."""
    cache: dict[object, tuple] = {}

    def key(term: object) -> tuple:
        k = cache.get(term)
        if k is None:
            k = cache[term] = order_key(term)
        return k

    column = {var: [key(row[variables.index(var)]) for row in terms] for var, _ in keys}
    runs: list[tuple[list[str], bool]] = []
    for var, descending in keys:
        if runs and runs[-1][1] == descending:
            runs[-1][0].append(var)
        else:
            runs.append(([var], descending))
    order = list(range(len(terms)))
    for names, descending in reversed(runs):
        row_keys = list(zip(*(column[v] for v in names), strict=True))
        order.sort(key=row_keys.__getitem__, reverse=descending)
    return [terms[j] for j in order]


def run(store: ox.Store, query: str, params: Mapping[str, str] | None = None) -> Result:
    """Run a query (name, .rq path or text) with ``params`` resolved (NAMED) and bound as literals.

    A final ORDER BY on plain variables is applied here, to the answer's terms: Oxigraph compares
    terms by reading their text back from the store at every comparison, which on the store folder
    on disk costs more than the rest of the query.
    """
    text = prepare(query, params, lambda q: select_rows(store, q))
    ordered = final_order(text)
    variables, terms = _solve(store, ordered[0] if ordered else text)
    if ordered and not all(var in variables for var, _ in ordered[1]):
        variables, terms = _solve(store, text)  # it sorts on a variable it does not show: the store sorts
    elif ordered:
        terms = sorted_rows(variables, terms, ordered[1])
    return Result(variables, [dict(zip(variables, map(value, row), strict=True)) for row in terms])


def _solve(store: ox.Store, text: str) -> tuple[list[str], list[list[object]]]:
    try:
        solutions = store.query(text, use_default_graph_as_union=True)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries can be printed as a table")
        variables = [v.value for v in solutions.variables]
        return variables, [list(sol) for sol in solutions]
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    except (RuntimeError, OSError) as err:
        raise QueryError(f"query failed: {err}") from err
