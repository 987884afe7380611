"""kg.aside.Aside: a child process that prepares at once and finishes once given the rest."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.aside import Aside


def _mark(folder: Path) -> Path:
    (folder / "prepared").write_text(str(os.getpid()))
    return folder


def _join(folder: Path, *more: str) -> tuple[str, ...]:
    return ((folder / "prepared").read_text(), *more)


def _fail(_folder: Path) -> Path:
    raise OSError("disk full while preparing")


def test_the_child_prepares_before_it_is_given_the_rest(tmp_path):
    aside = Aside(_mark, _join, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "prepared").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp_path / "prepared").exists()  # prepared with nothing given yet
        aside.give("a", "b")
        pid, *rest = aside.result()
    finally:
        aside.close()
    assert int(pid) != os.getpid() and rest == ["a", "b"]


def test_what_prepare_raises_is_raised_by_result(tmp_path):
    aside = Aside(_fail, _join, tmp_path)
    try:
        aside.give("a")
        with pytest.raises(OSError, match="disk full while preparing"):
            aside.result()
    finally:
        aside.close()


def test_close_stops_a_child_never_given_its_task(tmp_path):
    aside = Aside(_mark, _join, tmp_path)
    with pytest.raises(RuntimeError, match="before Aside.give"):
        aside.result()
    aside.close()
    assert aside.proc is not None and not aside.proc.is_alive()
