"""bench/fuzz_inputs.py on a small scale: every adversarial input is named in report.json with a
reason, every good article is in the graph, and the build exits with the documented status 3."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from fuzz_inputs import adversarial, check  # noqa: E402


def test_adversarial_inputs_are_named_and_the_good_ones_built(tmp_path):
    good, bad = adversarial(tmp_path / "inputs", words=3000)
    assert len(good) >= 10 and len(bad) >= 20
    assert check(tmp_path / "inputs", tmp_path / "out", good, bad) == []
