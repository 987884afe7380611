"""notebooks/tour.ipynb runs end to end in a real kernel, with no errors and nothing fetched."""

from __future__ import annotations

import re

import nbclient
import nbformat
from conftest import ROOT


def test_tour_notebook_executes():
    nb = nbformat.read(ROOT / "notebooks" / "tour.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    tables = [
        o["data"]["text/html"]
        for o in outputs
        if "text/html" in o.get("data", {}) and "<table" in o["data"]["text/html"]
    ]
    assert len(tables) >= 7  # counts aside, one per competency question and per step of the actor walk
    assert "speakerName" in tables[0] and "perpetratorName" in tables[1]
    iframe = next(o["data"]["text/html"] for o in outputs if "iframe" in o.get("data", {}).get("text/html", ""))
    assert "vis.Network" in iframe and "kg-panel" in iframe
    assert not re.search(r"(src|href)=&quot;https?:", iframe)  # offline: nothing to fetch
    walk = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "is also called:" in walk
