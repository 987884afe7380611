"""views: networkx projections of the graph and pyvis HTML pages that work offline.

pyvis links Bootstrap and a local vis copy in every mode; ``offline_html``
removes those tags so the page makes no request (vis-network stays inlined).
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network

from kg.queries import run

EXTERNAL = re.compile(r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*\"[^\"]*\"[^>]*>(\s*</script>)?", re.S)
TYPE_COLOURS = {"Person": "#1f77b4", "Organization": "#d62728"}


def condemnations(store: ox.Store) -> nx.MultiDiGraph:
    """Speaker → target, one edge per condemnation, with its quote, sentence and article."""
    g = nx.MultiDiGraph()
    for row in run(store, "who-condemned-whom").rows:
        if not row.get("target"):
            continue
        for node, name in ((row["speaker"], row["speakerName"]), (row["target"], row["targetName"])):
            g.add_node(node, label=name)
        g.add_edge(
            row["speaker"],
            row["target"],
            quote=row.get("quote") or "",
            sentence=row["sentence"],
            article=row["article"],
            date=row.get("date") or "",
        )
    return g


def offline_html(net: Network) -> str:
    html = net.generate_html()
    return EXTERNAL.sub("", html)


def network_html(g: nx.MultiDiGraph, title: str = "Who condemned whom") -> str:
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading=title)
    degree = dict(g.degree())
    for node, data in sorted(g.nodes(data=True)):
        kind = "Person" if "/person/" in node else "Organization"
        net.add_node(
            node,
            label=data["label"],
            color=TYPE_COLOURS[kind],
            size=10 + 4 * degree[node],
            title=f"{data['label']} ({kind})",
        )
    pairs: dict[tuple[str, str], list[dict]] = {}
    for s, t, data in g.edges(data=True):
        pairs.setdefault((s, t), []).append(data)
    for (s, t), items in sorted(pairs.items()):
        tip = "\n\n".join(
            f"{d['quote'] or d['sentence']}\n({d['article']}{', ' + d['date'] if d['date'] else ''})" for d in items
        )
        net.add_edge(s, t, value=len(items), title=tip, label="condemned")
    net.set_options('{"physics": {"stabilization": {"iterations": 200}}, "layout": {"randomSeed": 7}}')
    return offline_html(net)


def write_network(store: ox.Store, path: Path) -> int:
    g = condemnations(store)
    path.write_text(network_html(g), encoding="utf-8")
    return g.number_of_edges()
