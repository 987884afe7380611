"""views: networkx projections of the graph, as offline pyvis pages, GraphML and GEXF.

Two projections: ``statements`` (speaker → target, one edge per statement type and pair, the
who-condemned-whom network) and ``explorer`` (actors, attacks, operations and places with their
links). pyvis links Bootstrap from a CDN in every mode; ``offline`` removes those tags so the page
makes no request (vis-network is inlined). The controls (type toggles, class filters, legend) are
our own small script on pyvis's ``nodes``/``edges`` DataSets.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from pyvis.edge import Edge
from pyvis.network import Network

from kg.queries import run

EXTERNAL = re.compile(r"<(script|link)\b[^>]*\b(?:src|href)\s*=\s*\"[^\"]*\"[^>]*>(\s*</script>)?", re.S)
CLASS_COLOURS = {
    "Person": "#1f77b4",
    "Organization": "#d62728",
    "Group": "#8c564b",
    "Location": "#2ca02c",
    "Attack": "#ff7f0e",
    "Operation": "#9467bd",
}
TYPE_COLOURS = {
    "Condemnation": "#d62728",
    "Accusation": "#8c564b",
    "Criticism": "#e377c2",
    "Praise": "#2ca02c",
    "Warning": "#ff7f0e",
    "Appeal": "#17becf",
    "Rejection": "#7f7f7f",
    "Denial": "#bcbd22",
    "Claim": "#9467bd",
    "Assertion": "#aaaaaa",
}
KINDS = ("condemnations", "statements", "graph")
SEED = 7


class ViewError(ValueError):
    pass


def _classes(store: ox.Store, query: str = "nodes") -> dict[str, tuple[str, str]]:
    """node IRI → (class name, label), the most specific class first: of every node, or of the nodes
    ``query`` picks with the same columns and order ("actors": the statements' speakers and targets)."""
    found: dict[str, tuple[str, str]] = {}
    for row in run(store, query).rows:
        name = row["class"].rsplit("#", 1)[-1]
        found.setdefault(row["node"], (name, row["label"]))
    return found


def statements(store: ox.Store) -> nx.MultiDiGraph:
    """Speaker → target: one edge per statement type and pair, with every quote, date and article."""
    classes = _classes(store, "actors")  # of the speakers and targets only: a fifth of the nodes
    grouped: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    g = nx.MultiDiGraph()
    for row in run(store, "statements").rows:
        for node, name in ((row["speaker"], row["speakerName"]), (row["target"], row["targetName"])):
            g.add_node(node, label=name, cls=classes.get(node, ("Organization", name))[0])
        grouped[(row["speaker"], row["target"], row["type"])].append(row)
    for (s, t, kind), rows in sorted(grouped.items()):
        g.add_edge(
            s,
            t,
            key=kind,
            type=kind,
            count=len({r["statement"] for r in rows}),
            quotes=" | ".join(r["quote"] or r["sentence"] for r in rows),
            dates=" | ".join(sorted({r["date"] for r in rows if r.get("date")})),
            articles=" | ".join(sorted({r["article"] for r in rows})),
            title=_tooltip(kind, rows),
        )
    return g


def explorer(store: ox.Store) -> nx.MultiDiGraph:
    """Actors, attacks, operations and places, linked by role, leadership, place and statements.

    A statement link counts its statements (as in the statements view): one counting rule for every
    legend, facts per link type."""
    g = nx.MultiDiGraph()
    for node, (cls, label) in sorted(_classes(store).items()):
        g.add_node(node, label=label, cls=cls)
    said: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in run(store, "statements").rows:
        said[(row["speaker"], row["type"], row["target"])].add(row["statement"])
    for row in run(store, "links").rows:
        s, t, link = row["source"], row["target"], row["link"]
        if s in g and t in g:
            count = len(said.get((s, link, t), ())) or 1
            g.add_edge(s, t, key=link, type=link, count=count, title=f"{link} ×{count}" if count > 1 else link)
    for row in run(store, "when-where").rows:  # for the date and place filters
        node = g.nodes.get(row["attack"])
        if node is None:
            continue
        if row["date"]:
            node["date"] = min(node.get("date", row["date"]), row["date"])
        if row["place"]:
            node["places"] = sorted({*node.get("places", ()), row["place"]})
    return g


def focus(g: nx.MultiDiGraph, name: str, depth: int, aliases: dict[str, set[str]] | None = None) -> nx.MultiDiGraph:
    """The ego graph around the node called ``name`` (label or any alias), ``depth`` links out."""
    wanted = name.casefold().strip()
    names = {n: {d["label"], *(aliases or {}).get(n, ())} for n, d in g.nodes(data=True)}
    matches = sorted(n for n, forms in names.items() if wanted in {f.casefold() for f in forms})
    if not matches:
        labels = sorted({d["label"] for _, d in g.nodes(data=True)})
        close = [lab for lab in labels if wanted in lab.casefold()][:5]
        hint = f"; did you mean: {', '.join(close)}" if close else ""
        raise ViewError(f"no node is called {name!r}{hint}")
    keep: set[str] = set()
    undirected = g.to_undirected(as_view=True)
    for m in matches:
        keep |= set(nx.single_source_shortest_path_length(undirected, m, cutoff=depth))
    return g.subgraph(sorted(keep)).copy()


def aliases(store: ox.Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in run(store, "aliases").rows:
        if row["name"] != row["label"]:
            found[row["entity"]].add(row["name"])
    return found


def _tooltip(kind: str, rows: list[dict[str, str | None]]) -> str:
    n = len({r["statement"] for r in rows})
    lines = [f"{rows[0]['speakerName']} → {rows[0]['targetName']}: {kind} ×{n}"]
    for r in rows:
        said = f"“{r['quote']}”" if r.get("quote") else r["sentence"]
        lines.append(f"• {said}\n  ({r['article']}{', ' + r['date'] if r.get('date') else ''})")
    return "\n".join(lines)


# ------------------------------------------------------------------ HTML


def offline(page: str) -> str:
    return EXTERNAL.sub("", page)


BIG = 500  # nodes: above this a page opens on the most linked START nodes, the rest one choice away
START = 250


def to_html(g: nx.MultiDiGraph, title: str, shown_types: list[str] | None = None) -> str:
    """A self-contained page: coloured classes, sized by degree, toggles per link type, a legend.

    ``shown_types``: link types visible at first (the others start switched off); None shows all.
    A node none of whose links is visible is hidden until "unlinked nodes" is ticked. A graph of
    more than BIG nodes opens on its START most linked nodes (vis-network lays out only what it
    holds), with a choice of more and a name search; the whole graph rides along as JSON.
    """
    big = g.number_of_nodes() > BIG
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    degree = dict(g.degree())
    ranked = sorted(g.nodes, key=lambda n: (-degree[n], g.nodes[n]["label"], n))
    rank = {n: i for i, n in enumerate(ranked)}
    for node, data in sorted(g.nodes(data=True)):
        net.add_node(
            node,
            label=data["label"],
            color=CLASS_COLOURS.get(data["cls"], "#888888"),
            size=8 + min(4 * degree[node], 40),
            title=f"{data['label']} ({data['cls']}, {degree[node]} links)",
            cls=data["cls"],
            rank=rank[node],
            **{k: data[k] for k in ("date", "places") if k in data},
        )
    types = sorted({d["type"] for _, _, d in g.edges(data=True)})
    shown = set(types if shown_types is None else shown_types)
    # pyvis's add_edge looks both ends up in a list of every node (time quadratic in the page's size:
    # seconds at thousands of nodes); the nodes are the graph's own, so its Edge is made directly
    for s, t, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        edge = Edge(
            s,
            t,
            directed=True,
            value=data["count"],
            title=data["title"],
            color=TYPE_COLOURS.get(data["type"], "#999999"),
            kind=data["type"],
            hidden=data["type"] not in shown,
        )
        net.edges.append(edge.options)
    whole = None
    if big:  # the page holds the START most linked nodes; the rest wait in kgWhole
        whole = {"nodes": net.nodes, "edges": net.edges}
        first = {n["id"] for n in net.nodes if n["rank"] < START}
        net.nodes = [n for n in net.nodes if n["id"] in first]
        net.edges = [e for e in net.edges if e["from"] in first and e["to"] in first]
    options = {
        "layout": {"randomSeed": SEED, "improvedLayout": not big},
        "physics": {
            "solver": "barnesHut" if big else "forceAtlas2Based",
            "stabilization": {"iterations": 150 if big else 300, "updateInterval": 25},
        },
        "interaction": {"hover": True, "tooltipDelay": 80, "hideEdgesOnDrag": big},
        # a big page opens zoomed out (a quarter of full size): names large enough to be drawn there
        "nodes": {"font": {"size": 26 if big else 14}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "smooth": not big,
            "scaling": {"min": 1, "max": 10},
        },
    }
    net.set_options(json.dumps(options))
    classes = sorted({d["cls"] for _, d in g.nodes(data=True)})
    page = offline(net.generate_html())
    panel = _panel(title, g, classes, types, shown, START if big else None)
    page = page.replace("<body>", "<body>\n" + panel, 1)
    script = f"window.kgWhole = {json.dumps(whole)};{CONTROLS}"
    return page.replace("</body>", f"<script>{script}</script>\n</body>", 1)


def _panel(
    title: str, g: nx.MultiDiGraph, classes: list[str], types: list[str], shown: set[str], start: int | None
) -> str:
    def box(kind: str, value: str, colour: str, checked: bool, count: int) -> str:
        c = " checked" if checked else ""
        return (
            f'<label><input type="checkbox" data-{kind}="{html.escape(value)}"{c}> '
            f'<span class="sw" style="background:{colour}"></span>{html.escape(value)} ({count})</label>'
        )

    n_cls = defaultdict(int)
    for _, d in g.nodes(data=True):
        n_cls[d["cls"]] += 1
    n_type = defaultdict(int)
    for _, _, d in g.edges(data=True):
        n_type[d["type"]] += d["count"]
    rows = [f"<h1>{html.escape(title)}</h1>", f'<div class="stat">{g.number_of_nodes()} nodes, '
            f"{sum(n_type.values())} facts</div>"]  # fmt: skip
    if start is not None:
        picks = "".join(
            f'<option value="{n}"{" selected" if n == start else ""}>{label}</option>'
            for n, label in ((100, "100"), (start, str(start)), (1000, "1,000"), (0, "all"))
            if n == 0 or n < g.number_of_nodes()
        )
        rows += [
            '<h2>Showing</h2><label>the <select id="kg-top">' + picks + "</select> most linked nodes</label>",
            '<input id="kg-find" type="search" placeholder="or find a name, press Enter">',
            "<h2>Attacks</h2>",
            '<input id="kg-when" type="search" placeholder="when: 2024 or 2024-03, Enter">',
            '<input id="kg-where" type="search" placeholder="where: a town, region or country, Enter">',
            '<div class="stat">the attacks of that date and place, and what they link to</div>',
            '<div class="stat" id="kg-shown"></div>',
        ]
    rows.append("<h2>Classes (nodes)</h2>")
    rows += [box("cls", c, CLASS_COLOURS.get(c, "#888"), True, n_cls[c]) for c in classes]
    rows.append("<h2>Links (facts)</h2>")
    rows += [box("type", t, TYPE_COLOURS.get(t, "#999"), t in shown, n_type[t]) for t in types]
    if not types:
        rows.append('<div class="stat">none in this graph</div>')
    rows.append(
        '<div class="stat">Each number counts the whole graph: nodes per class, facts per link type '
        "(a link drawn once for three statements counts three). Width: how many. "
        "Hover a node or a link for what it is; the statements view has each one's quotes and sources.</div>"
    )
    rows.append('<label><input type="checkbox" id="kg-unlinked"> unlinked nodes</label>')
    rows.append('<label><input type="checkbox" id="kg-physics"> physics</label>')
    return f'<style>{STYLE}</style>\n<div id="kg-panel">{"".join(rows)}</div>'


STYLE = """
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; overflow: hidden; }
#mynetwork { position: absolute; left: 230px; right: 0; top: 0; bottom: 0; border: none !important; }
.card { border: none; }
#kg-panel { position: absolute; left: 0; top: 0; bottom: 0; width: 218px; overflow-y: auto; padding: 6px;
  background: #fafafa; border-right: 1px solid #ddd; font-size: 13px; }
#kg-panel h1 { font-size: 16px; margin: 4px 0; } #kg-panel h2 { font-size: 13px; margin: 10px 0 2px; }
#kg-panel label { display: block; cursor: pointer; }
#kg-panel .sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
#kg-panel .stat { color: #666; margin: 4px 0; }
#kg-find, #kg-when, #kg-where { width: 100%; box-sizing: border-box; margin-top: 4px; }
div.vis-tooltip { white-space: pre-wrap !important; max-width: min(520px, calc(100vw - 260px)); font-size: 12px;
  overflow-wrap: anywhere; max-height: calc(100vh - 16px); overflow: hidden; }
"""

CONTROLS = """
(function () {
  var boxes = document.querySelectorAll('#kg-panel input[data-cls], #kg-panel input[data-type]');
  var unlinked = document.getElementById('kg-unlinked');
  function checked(kind) {
    var on = {};
    document.querySelectorAll('#kg-panel input[data-' + kind + ']').forEach(function (b) {
      on[b.dataset[kind]] = b.checked;
    });
    return on;
  }
  // one rule in every view: a node none of whose links is visible is hidden, unless "unlinked nodes"
  function apply() {
    var cls = checked('cls'), type = checked('type'), live = {};
    var byId = {};
    nodes.get().forEach(function (n) { byId[n.id] = n; });
    edges.update(edges.get().map(function (e) {
      var on = type[e.kind] !== false && cls[byId[e.from].cls] && cls[byId[e.to].cls];
      if (on) { live[e.from] = true; live[e.to] = true; }
      return {id: e.id, hidden: !on};
    }));
    nodes.update(nodes.get().map(function (n) {
      return {id: n.id, hidden: !(cls[n.cls] && (unlinked.checked || live[n.id]))};
    }));
  }
  function settle() {
    window.kgReady = false;
    network.setOptions({physics: {enabled: true}});
    network.once('stabilizationIterationsDone', ready);
    network.once('stabilized', ready);
    network.stabilize(150);
  }
  // a big graph: show a chosen part of the whole (kgWhole), laid out afresh
  function show(keep) {
    var whole = window.kgWhole, ids = {};
    whole.nodes.forEach(function (n) { if (keep(n)) { ids[n.id] = true; } });
    nodes.clear(); edges.clear();
    nodes.add(whole.nodes.filter(function (n) { return ids[n.id]; }));
    edges.add(whole.edges.filter(function (e) { return ids[e.from] && ids[e.to]; }));
    apply();
    shown();
    settle();
  }
  function shown() {
    var note = document.getElementById('kg-shown');
    if (note) { note.textContent = nodes.length + ' of ' + window.kgWhole.nodes.length + ' nodes on the page'; }
  }
  var top = document.getElementById('kg-top');
  if (top) {
    top.addEventListener('change', function () {
      var n = parseInt(top.value, 10);
      show(function (node) { return n === 0 || node.rank < n; });
    });
    document.getElementById('kg-find').addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter') { return; }
      var q = ev.target.value.trim().toLowerCase(), hit = {}, near = {};
      document.getElementById('kg-when').value = document.getElementById('kg-where').value = '';
      if (!q) { top.dispatchEvent(new Event('change')); return; }
      window.kgWhole.nodes.forEach(function (n) { if (n.label.toLowerCase().indexOf(q) >= 0) { hit[n.id] = true; } });
      window.kgWhole.edges.forEach(function (e) {
        if (hit[e.from]) { near[e.to] = true; }
        if (hit[e.to]) { near[e.from] = true; }
      });
      show(function (n) { return hit[n.id] || near[n.id]; });
    });
    // attacks of a date (its ISO prefix: a year or a month) and a place (their own or one containing it)
    var when = document.getElementById('kg-when'), where = document.getElementById('kg-where');
    function attacks(ev) {
      if (ev.key !== 'Enter') { return; }
      var w = when.value.trim(), p = where.value.trim().toLowerCase(), hit = {}, near = {};
      document.getElementById('kg-find').value = '';  // one selection at a time
      if (!w && !p) { top.dispatchEvent(new Event('change')); return; }
      window.kgWhole.nodes.forEach(function (n) {
        if (n.cls !== 'Attack') { return; }
        if (w && (n.date || '').indexOf(w) !== 0) { return; }
        if (p && !(n.places || []).some(function (x) { return x.toLowerCase() === p; })) { return; }
        hit[n.id] = true;
      });
      window.kgWhole.edges.forEach(function (e) {
        if (hit[e.from]) { near[e.to] = true; }
        if (hit[e.to]) { near[e.from] = true; }
      });
      show(function (n) { return hit[n.id] || near[n.id]; });
    }
    when.addEventListener('keydown', attacks);
    where.addEventListener('keydown', attacks);
    shown();
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  unlinked.addEventListener('change', apply);
  document.getElementById('kg-physics').addEventListener('change', function (e) {
    network.setOptions({physics: {enabled: e.target.checked}});
  });
  // the tooltip stays inside the page: vis-network places it at the pointer, whatever its size
  var frame = document.getElementById('mynetwork');
  new MutationObserver(function () {
    var tip = frame.querySelector('div.vis-tooltip');
    if (!tip || tip.style.visibility === 'hidden') { return; }
    var box = tip.getBoundingClientRect(), room = frame.getBoundingClientRect();
    var left = parseFloat(tip.style.left) || 0, topPx = parseFloat(tip.style.top) || 0;
    var dx = Math.min(0, window.innerWidth - 4 - box.right), dy = Math.min(0, window.innerHeight - 4 - box.bottom);
    dx = Math.max(dx, room.left - box.left);
    dy = Math.max(dy, room.top - box.top);
    if (dx || dy) { tip.style.left = (left + dx) + 'px'; tip.style.top = (topPx + dy) + 'px'; }
  }).observe(frame, {attributes: true, subtree: true, attributeFilter: ['style']});
  window.kgApply = apply;
  apply();
  function ready() {
    if (window.kgReady) { return; }
    var bar = document.getElementById('loadingBar');  // pyvis hides its bar once only: after a re-layout too
    if (bar) { bar.style.display = 'none'; }
    network.setOptions({physics: {enabled: false}});
    network.fit();
    window.kgReady = true;
    window.kgReadyAt = performance.now();
  }
  network.once('stabilizationIterationsDone', ready);
  network.once('stabilized', ready);
  // a tiny graph can settle inside the constructor, before anyone listens
  if (network.physics.stabilized || nodes.length === 0) { ready(); }
})();
"""


def render(store: ox.Store, kind: str, focus_on: str | None = None, depth: int = 2) -> tuple[nx.MultiDiGraph, str]:
    """The projection for ``kind`` and its page."""
    if kind not in KINDS:
        raise ViewError(f"unknown view {kind!r}: use one of {', '.join(KINDS)}")
    g = explorer(store) if kind == "graph" else statements(store)
    if focus_on:
        g = focus(g, focus_on, depth, aliases(store))
    if kind == "graph":
        title = "Graph explorer" + (f": {focus_on}" if focus_on else "")
        return g, to_html(g, title)
    title = "Who condemned whom" if kind == "condemnations" else "Who said what about whom"
    shown = ["Condemnation"] if kind == "condemnations" else None
    return g, to_html(g, title + (f": {focus_on}" if focus_on else ""), shown)


def write(store: ox.Store, kind: str, path: Path, focus_on: str | None = None, depth: int = 2) -> nx.MultiDiGraph:
    """Write a view as .html, .graphml or .gexf (chosen by the file's suffix)."""
    g, page = render(store, kind, focus_on, depth)
    suffix = path.suffix.lower()
    if suffix == ".html":
        path.write_text(page, encoding="utf-8")
    elif suffix in (".graphml", ".gexf"):
        # "type" and "weight" mean something else to GEXF readers: the link's kind goes in "relation".
        flat = nx.MultiDiGraph()
        flat.add_nodes_from((n, {"label": d["label"], "class": d["cls"]}) for n, d in sorted(g.nodes(data=True)))
        for s, t, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
            attrs = {a: v for a, v in d.items() if a not in ("title", "type")}
            flat.add_edge(s, t, key=k, relation=d["type"], weight=d["count"], **attrs)
        if suffix == ".graphml":
            nx.write_graphml(flat, path)
        else:  # without the writer's date stamp, so the same graph gives the same bytes
            text = "\n".join(nx.generate_gexf(flat))
            path.write_text(re.sub(r' lastmodifieddate="[^"]*"', "", text) + "\n", encoding="utf-8")
    else:
        raise ViewError(f"cannot write {suffix or 'a file without suffix'}: use .html, .graphml or .gexf")
    return g


def write_network(store: ox.Store, path: Path) -> int:
    """The build's network.html: who condemned whom, other statement types one click away."""
    g = write(store, "condemnations", path)
    return sum(1 for _, _, k in g.edges(keys=True) if k == "Condemnation")
