"""Servers fail loudly and clean up: a busy port is said before starting, SIGTERM stops the
Oxigraph child and removes its temporary store, a stalled server is reported within --timeout,
and a read-only endpoint (HTTP 403) is named for what it is."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, kg

from kg.servers import free_port, port_busy

NT = "<http://a/s> <http://a/p> <http://a/o> .\n"


def test_serve_on_a_busy_port_says_so_before_starting(built):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = kg("serve", str(built), "--port", str(port), check=False)
    assert proc.returncode == 2 and f"port {port} is busy" in proc.stderr
    assert "SPARQL endpoint" not in proc.stdout  # no URL printed as if it had started


def test_sigterm_stops_the_oxigraph_child_and_removes_its_store(built, tmp_path):
    port = free_port()
    env = dict(os.environ, TMPDIR=str(tmp_path))  # where the temporary store goes
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", str(built), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdout.readline().startswith("SPARQL endpoint:")
    assert list(tmp_path.glob("newskg-oxigraph-*"))
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "stopped." in err, err
    assert not list(tmp_path.glob("newskg-oxigraph-*"))  # the temporary database is gone
    assert not port_busy(port)  # and nothing listens on the port
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


@pytest.fixture
def silent_server():
    """A real TCP server that accepts every connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/store"
    listener.close()
    for conn in held:
        conn.close()


def test_push_to_a_stalled_server_is_reported_within_the_timeout(tmp_path, silent_server):
    one = tmp_path / "one.nt"
    one.write_text(NT)
    start = time.monotonic()
    proc = kg("push", str(one), "--store", silent_server, "--timeout", "2", "--quiet", check=False)
    assert proc.returncode == 2 and "did not answer within 2 s" in proc.stderr and "--timeout" in proc.stderr
    assert time.monotonic() - start < 20  # python start-up and the 2 s wait, never the old fixed 600 s


class ReadOnly(http.server.BaseHTTPRequestHandler):
    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_403_says_the_endpoint_refuses_writes(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ReadOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    one = tmp_path / "one.nt"
    one.write_text(NT)
    try:
        proc = kg("push", str(one), "--store", f"http://127.0.0.1:{server.server_address[1]}/store", check=False)
    finally:
        server.shutdown()
    assert proc.returncode == 2 and "refuses writes (HTTP 403)" in proc.stderr
    assert "credentials" not in proc.stderr.split("refuses writes")[0]  # not blamed on the password
