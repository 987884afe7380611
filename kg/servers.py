"""servers: local SPARQL servers started as child processes, for `kg serve`, tests and benchmarks.

Both bind to 127.0.0.1 on a free port and stop by PID. Oxigraph comes from the
``oxigraph`` wheel (a dependency); Virtuoso from Debian (``virtuoso-opensource``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path


class ServerError(RuntimeError):
    pass


def port_busy(port: int) -> bool:
    """Whether something already listens on 127.0.0.1:``port`` (0 is never busy: any free port)."""
    if port == 0:
        return False
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed server's TIME_WAIT is no listener
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-800:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status < 500:
                    return
        except urllib.error.HTTPError as err:
            if err.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise ServerError(f"server did not answer at {url} within {timeout:.0f} s; log: {log}")


@dataclass
class Oxigraph:
    """``oxigraph serve`` on a directory; a fresh temporary one unless ``location`` is given."""

    location: Path | None = None
    port: int = 0
    union_default_graph: bool = True
    read_only: bool = False
    proc: subprocess.Popen | None = field(default=None, repr=False)
    _tmp: str | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def load(self, path: Path) -> None:
        """Bulk-load a file with Oxigraph's own loader (server must be stopped)."""
        self._ensure_location()
        proc = subprocess.run(
            [_binary("oxigraph"), "load", "--location", str(self.location), "--file", str(path)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise ServerError(f"oxigraph load {path} failed: {proc.stderr.strip()[-800:]}")

    def start(self, timeout: float = 60) -> Oxigraph:
        self._ensure_location()
        self.port = self.port or free_port()
        if port_busy(self.port):
            raise ServerError(f"port {self.port} is busy (another program listens on it)")
        cmd = [_binary("oxigraph"), "serve-read-only" if self.read_only else "serve"]
        cmd += ["--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            cmd.append("--union-default-graph")
        log = Path(self.location).parent / f"oxigraph-{self.port}.log"
        self.proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT)
        _wait_http(f"{self.query_url}?query=ASK%7B%7D", self.proc, log, timeout)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def remove(self) -> None:
        self.stop()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _ensure_location(self) -> None:
        if self.location is None:
            self._tmp = tempfile.mkdtemp(prefix="newskg-oxigraph-")
            self.location = Path(self._tmp) / "db"
        Path(self.location).mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> Oxigraph:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.remove()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
"""


@dataclass
class Virtuoso:
    """Debian's virtuoso-t in the foreground on a fresh directory (user dba, password dba)."""

    directory: Path
    http_port: int = 0
    sql_port: int = 0
    proc: subprocess.Popen | None = field(default=None, repr=False)

    user = "dba"
    password = "dba"

    @staticmethod
    def available() -> bool:
        return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def store_url(self) -> str:
        return f"{self.url}/sparql-graph-crud-auth"

    @property
    def query_url(self) -> str:
        return f"{self.url}/sparql"

    def start(self, timeout: float = 90) -> Virtuoso:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.http_port = self.http_port or free_port()
        self.sql_port = self.sql_port or free_port()
        ini = self.directory / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(d=self.directory, sql=self.sql_port, http=self.http_port))
        log = self.directory / "stdout.log"
        self.proc = subprocess.Popen(
            [_binary("virtuoso-t"), "+foreground", "+configfile", str(ini)],
            cwd=self.directory,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        _wait_http(f"{self.query_url}?query=ASK%7B%7D", self.proc, log, timeout)
        return self

    def isql(self, *statements: str, timeout: float = 3600) -> str:
        """Run SQL through isql-vt (e.g. the bulk loader); raises on error."""
        script = "".join(s.rstrip(";") + ";\n" for s in statements)
        proc = subprocess.run(
            [_binary("isql-vt"), f"127.0.0.1:{self.sql_port}", self.user, self.password],
            input=script,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if proc.returncode != 0 or "*** Error" in proc.stdout:
            raise ServerError(f"isql failed: {proc.stdout[-800:]} {proc.stderr[-400:]}")
        return proc.stdout

    def stop(self) -> None:
        """Checkpoint and shut down (SIGTERM would skip the checkpoint)."""
        if self.proc and self.proc.poll() is None:
            subprocess.run(
                [_binary("isql-vt"), f"127.0.0.1:{self.sql_port}", self.user, self.password, "-K"],
                capture_output=True,
                timeout=60,
            )
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        hint = "pip install oxigraph" if name == "oxigraph" else "apt-get install virtuoso-opensource"
        raise ServerError(f"{name} is not installed: {hint}")
    return path
