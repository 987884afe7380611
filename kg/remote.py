"""remote: a triplestore over HTTP — its endpoints, authentication, requests that retry and say what
failed and what to do, and SPARQL SELECT against it (``Endpoint``, as ``kg.queries.run`` on a file).
What ``kg push`` (kg.store) and ``kg query --endpoint`` share."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.queries import QueryError, Result, prepare

RESULTS_JSON = "application/sparql-results+json"


class StoreError(RuntimeError):
    """A push or remote query failed; the message says what happened and what to do."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status, when the server answered


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes graphs (Graph Store Protocol), queries and updates."""

    store: str
    query: str | None
    update: str | None

    @classmethod
    def of(cls, store_url: str) -> Endpoints:
        """Derive the query and update endpoints from known Graph Store layouts."""
        parts = urlsplit(store_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not an http(s) URL: {store_url!r} (e.g. http://127.0.0.1:7878/store)")
        base, _, last = parts.path.rstrip("/").rpartition("/")

        def at(path: str) -> str:
            return urlunsplit((parts.scheme, parts.netloc, f"{base}/{path}", "", ""))

        layouts = {
            "store": ("query", "update"),  # Oxigraph
            "sparql-graph-crud-auth": ("sparql", "sparql-auth"),  # Virtuoso
            "sparql-graph-crud": ("sparql", "sparql-auth"),
            "data": ("query", "update"),  # Fuseki
        }
        if last in layouts:
            q, u = layouts[last]
            return cls(store_url, at(q), at(u))
        return cls(store_url, None, None)


def make_auth(user: str | None, password: str | None, kind: str = "basic") -> AuthBase | None:
    if user is None:
        return None
    if kind not in ("basic", "digest"):
        raise StoreError(f"--auth must be basic or digest, not {kind!r}")
    return (HTTPDigestAuth if kind == "digest" else HTTPBasicAuth)(user, password or "")


@dataclass
class Client:
    """HTTP with retries: connection errors and 5xx are retried with exponential backoff."""

    auth: AuthBase | None = None
    retries: int = 4
    backoff: float = 0.5
    timeout: float = 600
    session: requests.Session = field(default_factory=requests.Session)

    def request(self, method: str, url: str, *, what: str, **kwargs: object) -> requests.Response:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                resp = self.session.request(method, url, auth=self.auth, timeout=self.timeout, **kwargs)
            except requests.ConnectionError as err:
                if attempt == self.retries:
                    raise StoreError(
                        f"{what}: cannot connect to {url} after {self.retries + 1} attempts ({_short(err)}); "
                        "is the server running and the URL right?"
                    ) from err
            except requests.Timeout as err:
                raise StoreError(
                    f"{what}: {url} did not answer within {self.timeout:g} s; is the server stalled? "
                    "(a slow server may need a longer --timeout)"
                ) from err
            else:
                if resp.status_code < 500 or attempt == self.retries:
                    return self._checked(resp, url, what)
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _checked(self, resp: requests.Response, url: str, what: str) -> requests.Response:
        if resp.ok:
            return resp
        detail = server_message(resp.text)
        if resp.status_code == 403:
            raise StoreError(
                f"{what}: {url} refuses writes (HTTP 403): the endpoint is read-only, or this user may not "
                "write there. Push to the store's write endpoint (Oxigraph: /store of a server not started "
                "read-only; Virtuoso: /sparql-graph-crud-auth with a user that has SPARQL_UPDATE)."
            )
        if resp.status_code == 401:
            raise StoreError(
                f"{what}: {url} refused the credentials (HTTP {resp.status_code}). Check --user and --password; "
                "Virtuoso's write endpoints take --auth digest only."
            )
        if resp.status_code == 404:
            raise StoreError(f"{what}: {url} does not exist (HTTP 404); check the endpoint URL. {detail}")
        if resp.status_code < 500:
            message = f"{what}: {url} rejected the request (HTTP {resp.status_code}): {detail}"
            raise StoreError(message, resp.status_code)
        raise StoreError(
            f"{what}: server error at {url} (HTTP {resp.status_code}) after {self.retries + 1} attempts: {detail}",
            resp.status_code,
        )


def server_message(text: str, limit: int = 300) -> str:
    """The readable part of an error body (Virtuoso answers errors in HTML)."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(html.unescape(text).split())
    return text[:limit]


def _short(err: Exception) -> str:
    text = str(err)
    m = re.search(r"\[Errno \d+\] [^')\"]+", text)
    return m.group(0) if m else text[:160]


@dataclass
class Endpoint:
    """A SPARQL endpoint: runs the packaged queries as `kg.queries.run` does on a file."""

    url: str
    auth: AuthBase | None = None
    client: Client = field(init=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not an http(s) URL: {self.url!r} (e.g. http://127.0.0.1:7878/query)")
        self.client = Client(self.auth, retries=2)

    def select(self, text: str) -> tuple[list[str], list[dict[str, str | None]], bool]:
        resp = self.client.request(
            "POST",
            self.url,
            what="query",
            # Oxigraph reads union-default-graph; other servers ignore it (Virtuoso unions by default).
            data={"query": text, "union-default-graph": ""},
            headers={"Accept": RESULTS_JSON},
        )
        try:
            data = resp.json()
        except ValueError as err:
            raise StoreError(
                f"{self.url} did not answer with SPARQL JSON results: {server_message(resp.text)}"
            ) from err
        if "boolean" in data:
            raise QueryError("only SELECT queries can be printed as a table")
        variables = data["head"]["vars"]
        rows = [{v: _json_value(b.get(v)) for v in variables} for b in data["results"]["bindings"]]
        capped = "X-SPARQL-MaxRows" in resp.headers
        return variables, rows, capped

    def query(self, query: str, params: Mapping[str, str] | None = None, page: int = 10_000) -> Result:
        """Run a query; when the server caps the rows, page through with LIMIT/OFFSET."""
        text = prepare(query, params, lambda q: self.select(q)[1])
        variables, rows, capped = self.select(text)
        if not (capped or len(rows) == page) or re.search(r"\b(LIMIT|OFFSET)\b\s+\d+\s*$", text, re.I):
            return Result(variables, rows)
        rows, offset = [], 0
        while True:
            _, chunk, _ = self.select(paged(text, variables, page, offset))
            rows += chunk
            if len(chunk) < page:
                return Result(variables, rows)
            offset += page


def paged(text: str, variables: list[str], limit: int, offset: int) -> str:
    """One page of the query under a total order (its own ORDER BY, then every projected variable).

    The ordered query goes in a subquery: Virtuoso refuses a sorted OFFSET past its row cap
    (error SR353) unless the sort is wrapped like this.
    """
    select = re.search(r"^\s*SELECT\b", text, re.I | re.M)
    if select is None:
        raise QueryError("only SELECT queries can be paged")
    prologue, body = text[: select.start()], text[select.start() :].rstrip()
    keys = " ".join(f"?{v}" for v in variables)
    body = f"{body} {keys}" if re.search(r"\bORDER\s+BY\b", body, re.I) else f"{body}\nORDER BY {keys}"
    return f"{prologue}SELECT {keys} WHERE {{\n{{ {body} }}\n}}\nLIMIT {limit} OFFSET {offset}"


def _json_value(b: dict | None) -> str | None:
    if b is None:
        return None
    return "_:" + b["value"] if b["type"] == "bnode" else b["value"]
