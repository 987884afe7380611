"""A build checks its output folder and --base-iri before any work, replaces DIR's files only when
all are written (an interrupted build leaves the previous one whole), exits with a status a
script can test, and writes plain progress lines, not a bar, into a log."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, kg

from kg.build import BuildError, build, checked_base_iri

ARTICLE = "Clashes in Derna\n\nForces loyal to Khalifa Haftar shelled Derna on Monday, killing two civilians.\n"


def _src(tmp_path, n=1):
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for i in range(n):
        (src / f"a{i}.txt").write_text(ARTICLE.replace("two", str(i + 2)))
    return src


def test_base_iri_is_checked_and_given_a_trailing_slash():
    assert checked_base_iri("https://example.org/id/") == ("https://example.org/id/", None)
    assert checked_base_iri("https://example.org/id#")[1] is None
    iri, note = checked_base_iri("https://example.org/kg")
    assert iri == "https://example.org/kg/" and "no trailing" in note
    for bad in ("example.org/id/", "not an iri", "https://exa mple.org/", "/relative/", "https://x.org/<a>/"):
        with pytest.raises(BuildError, match="not an absolute IRI"):
            checked_base_iri(bad)


def test_bad_base_iri_and_unwritable_output_fail_before_any_work(tmp_path):
    src = _src(tmp_path)
    t = time.monotonic()
    proc = kg("build", str(src), "-o", str(tmp_path / "out"), "--base-iri", "not an iri", check=False)
    assert proc.returncode == 2 and "--base-iri 'not an iri' is not an absolute IRI" in proc.stderr
    proc = kg("build", str(src), "-o", "/proc/newskg-out", check=False)  # unwritable even for root
    assert proc.returncode == 2 and "cannot write beside /proc/newskg-out" in proc.stderr
    under_a_file = tmp_path / "in" / "a0.txt" / "out"
    proc = kg("build", str(src), "-o", str(under_a_file), check=False)
    assert proc.returncode == 2 and "cannot write beside" in proc.stderr
    assert time.monotonic() - t < 30  # no model was loaded, nothing was read


def test_output_that_is_a_file_fails_before_any_work(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    proc = kg("build", str(_src(tmp_path)), "-o", str(tmp_path / "out"), check=False)
    assert proc.returncode == 2 and "is a file" in proc.stderr
    with pytest.raises(BuildError, match="is a file; give a folder"):
        build([tmp_path / "in"], tmp_path / "out", quiet=True)


def test_base_iri_without_slash_mints_iris_under_it_and_says_so(tmp_path):
    out = tmp_path / "out"
    proc = kg("build", str(_src(tmp_path)), "-o", str(out), "--base-iri", "https://example.org/kg")
    assert "no trailing '/' or '#'" in proc.stderr
    trig = (out / "graph.trig").read_text()
    assert "https://example.org/kg/article/" in trig and "https://example.org/kgarticle" not in trig
    assert json.loads((out / "report.json").read_text())["base_iri"] == "https://example.org/kg/"


def test_ctrl_c_exits_130_and_leaves_the_previous_build_whole(tmp_path):
    src = _src(tmp_path, 150)  # long enough to be interrupted in the middle
    out = tmp_path / "out"
    kg("build", str(tmp_path / "in" / "a0.txt"), "-o", str(out), "-q")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the temporary folder exists once the checks passed
    time.sleep(2)  # into model loading or annotation
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # the old build, whole
    assert not list(tmp_path.glob(".out.building-*"))  # the temporary folder is gone


def test_exit_status_counts_failed_inputs_and_the_log_gets_no_bar(tmp_path):
    src = _src(tmp_path, 2)
    (src / "bad.jsonl").write_text('{"id": 1}\n[1, 2]\n')
    proc = kg("build", str(src), "-o", str(tmp_path / "out"), check=False)
    assert proc.returncode == 3 and "2 inputs failed" in proc.stderr
    assert "\r" not in proc.stderr  # stderr is a pipe here: no carriage-return bar updates
    ok = kg("build", str(tmp_path / "in" / "a0.txt"), "-o", str(tmp_path / "out2"))
    assert ok.returncode == 0


def test_a_ctrl_c_while_forking_is_raised_once_the_fork_is_done():
    """A Ctrl-C that lands while the build forks its workers is not lost in the fork's handlers (where
    Python drops a KeyboardInterrupt): it is held and raised right after, and the children do not get it."""
    from kg.aside import held_interrupts

    reached = False
    with pytest.raises(KeyboardInterrupt), held_interrupts():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.1)
        child = os.fork()
        if child == 0:  # the child: Ctrl-C held, so it lives to exit on its own
            time.sleep(0.2)
            os._exit(7)
        os.kill(child, signal.SIGINT)
        reached = True
    assert reached
    _, status = os.waitpid(child, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 7


def test_each_corpus_wide_step_is_announced_unless_quiet(tmp_path):
    """After the articles' bar, the steps over the whole corpus (minutes on a big one) each say what
    they do on stderr, in order; -q keeps stderr silent."""
    src = _src(tmp_path, 2)
    told = kg("build", str(src), "-o", str(tmp_path / "out")).stderr
    lines = [line for line in told.splitlines() if line.startswith("kg build: ")]
    assert [line.split(": ", 1)[1].split()[0] for line in lines[-4:]] == ["resolving", "building", "writing", "writing"]
    assert "graph.trig" in lines[-2] and "network.html" in lines[-1]
    assert kg("build", str(src), "-o", str(tmp_path / "out2"), "-q").stderr == ""
