"""Shared fixtures: the project's own model and one real `kg build` of the bundled corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "gold"


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the installed `kg` command the way a user does."""
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load

    return load().nlp


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    kg("build", str(CORPUS), "-o", str(out), "--quiet")
    return out


@pytest.fixture
def extract_text(nlp):
    """Extraction records for a text, as the pipeline produces them."""
    from kg.extract import extract
    from kg.records import Article

    def run(text: str, published: str | None = None):
        return extract(Article("t.txt", text, "t", published=published), nlp(text))

    return run


@pytest.fixture
def oxigraph(tmp_path):
    """A real Oxigraph server on 127.0.0.1 and a free port, on a fresh directory."""
    from kg.servers import Oxigraph

    server = Oxigraph(location=tmp_path / "oxigraph").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Debian's Virtuoso on a fresh database (installed by .ci/run); in CI its absence is a failure."""
    import os

    from kg.servers import Virtuoso

    if not Virtuoso.available():
        reason = "virtuoso-t not installed: apt-get install virtuoso-opensource (.ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    yield server
    server.stop()
