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
    """An article's records as the per-article stages produce them (extraction, then the document stage)."""
    from kg.document import document
    from kg.extract import extract
    from kg.records import Article

    def run(text: str, published: str | None = None):
        title = text.strip().splitlines()[0]  # as the corpus reader takes it: the first line
        article = Article("t.txt", text, title, published=published)
        return document(extract(article, nlp(text)))

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


CHROMIUM = "/usr/lib/chromium/chromium"  # Debian's browser binary (/usr/bin/chromium is a wrapper script)
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download); in CI its absence is a failure."""
    import os

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        reason = "Debian chromium not installed: apt-get install chromium (.ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]  # fmt: skip
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    """Open a local HTML file; returns (page, requests that left file://, page errors)."""
    pages = []

    def go(path: Path, width: int = 1200, height: int = 800):
        page = browser.new_page(viewport={"width": width, "height": height})
        external: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else external.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgReady === true", timeout=120_000)
        pages.append(page)
        return page, external, errors

    yield go
    for p in pages:
        p.close()
