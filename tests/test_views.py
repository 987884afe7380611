"""The network views, opened in Debian's Chromium the way an analyst uses them."""

from __future__ import annotations

import sys

import networkx as nx
from conftest import ARTIFACTS, ROOT, kg

SMALL = ROOT / "tests" / "data" / "views" / "small.ttl"

VISIBLE_NODES = "nodes.get({filter: n => !n.hidden}).map(n => n.label).sort()"
VISIBLE_EDGES = "edges.get({filter: e => !e.hidden}).map(e => [nodes.get(e.from).label, e.kind, nodes.get(e.to).label, e.value]).sort()"  # noqa: E501


def hover_edge(page, source: str, target: str) -> str:
    """Move the mouse onto the middle of the edge source → target; the tooltip's text."""
    point = page.evaluate(
        """([s, t]) => {
            const id = edges.get({filter: e => !e.hidden && nodes.get(e.from).label === s
                                               && nodes.get(e.to).label === t})[0].id;
            const p = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return {x: p.x + box.left, y: p.y + box.top};
        }""",
        [source, target],
    )
    page.mouse.move(point["x"], point["y"])
    tip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return tip.inner_text()


def test_who_condemned_whom_in_chromium(tmp_path, open_page):
    out = tmp_path / "condemnations.html"
    kg("view", str(SMALL), "--kind", "condemnations", "-o", str(out))
    page, external, errors = open_page(out)

    assert page.evaluate(VISIBLE_NODES) == ["Amnesty International", "Russian Army", "United Nations", "al-Shabaab"]
    assert page.evaluate(VISIBLE_EDGES) == [
        ["Amnesty International", "Condemnation", "al-Shabaab", 1],
        ["United Nations", "Condemnation", "Russian Army", 2],  # width by count
    ]
    tip = hover_edge(page, "United Nations", "Russian Army")
    assert "an outrage against civilians" in tip and "this must stop now" in tip
    assert "a1.txt" in tip and "a2.txt" in tip and "2022-03-02" in tip
    page.screenshot(path=str(ARTIFACTS / "condemnations.png"))

    page.check('input[data-type="Praise"]')  # the other statement types are one click away
    assert ["Amnesty International", "Praise", "Kenya Defence Forces", 1] in page.evaluate(VISIBLE_EDGES)
    page.check('input[data-type="Accusation"]')
    assert "Volker Türk" in page.evaluate(VISIBLE_NODES)
    page.uncheck('input[data-cls="Person"]')  # a class filter hides its nodes and their links
    assert "Volker Türk" not in page.evaluate(VISIBLE_NODES)
    assert all(e[1] != "Accusation" for e in page.evaluate(VISIBLE_EDGES))
    legend = page.inner_text("#kg-panel")
    assert "Person (1)" in legend and "Organization (5)" in legend and "Condemnation (3)" in legend
    colours = page.evaluate("nodes.get().map(n => [n.cls, n.color])")
    assert {tuple(c) for c in colours} == {("Organization", "#d62728"), ("Person", "#1f77b4")}
    assert page.evaluate("network.physics.options.enabled") is False  # stabilised, then frozen
    assert external == [] and errors == []


def test_explorer_filters_and_focus(tmp_path, open_page):
    out = tmp_path / "graph.html"
    kg("view", str(SMALL), "--kind", "graph", "-o", str(out))
    page, external, errors = open_page(out)
    labels = page.evaluate(VISIBLE_NODES)
    assert {"Kharkiv", "Ukraine", "Operation Linda Nchi", "shelling by Russian Army in Kharkiv"} <= set(labels)
    assert ["shelling by Russian Army in Kharkiv", "perpetrator", "Russian Army", 1] in page.evaluate(VISIBLE_EDGES)
    page.uncheck('input[data-cls="Attack"]')
    assert "shelling by Russian Army in Kharkiv" not in page.evaluate(VISIBLE_NODES)
    page.uncheck('input[data-cls="Location"]')
    assert not {"Kharkiv", "Ukraine"} & set(page.evaluate(VISIBLE_NODES))
    page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert external == [] and errors == []

    focused = tmp_path / "focus.html"
    proc = kg("view", str(SMALL), "--kind", "graph", "--focus", "UN", "--depth", "1", "-o", str(focused))
    assert proc.stdout.startswith("3 nodes")  # found by its alias
    page, external, errors = open_page(focused)
    assert page.evaluate(VISIBLE_NODES) == ["Russian Army", "United Nations", "Volker Türk"]
    assert external == [] and errors == []

    proc = kg("view", str(SMALL), "--kind", "graph", "--focus", "Nations", check=False)
    assert proc.returncode == 2 and "did you mean: United Nations" in proc.stderr


def test_built_network_page_is_offline(built, open_page):
    page, external, errors = open_page(built / "network.html")
    assert external == [] and errors == []
    html = (built / "network.html").read_text()
    assert "cdn" not in html.lower() or "<script src" not in html
    assert page.inner_text("#kg-panel").startswith("Who condemned whom")
    page.screenshot(path=str(ARTIFACTS / "corpus-network.png"))


def test_explorer_opens_on_the_most_linked_nodes_at_5000(tmp_path, open_page):
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_views import synthetic_graph

    ttl = tmp_path / "big.ttl"
    synthetic_graph(5000).serialize(ttl, format="turtle")
    out = tmp_path / "big.html"
    kg("view", str(ttl), "--kind", "graph", "-o", str(out))
    page, external, errors = open_page(out, 1400, 900)
    assert page.evaluate("nodes.length") == 250 and page.evaluate("kgWhole.nodes.length") == 5000
    print(f"5,000-node explorer interactive after {page.evaluate('window.kgReadyAt') / 1000:.2f} s")
    degrees = page.evaluate("kgWhole.nodes.map(n => [n.rank, n.size])")
    shown = {r for r, _ in degrees if r < 250}
    assert min(s for r, s in degrees if r in shown) >= max(s for r, s in degrees if r not in shown)
    assert "250 of 5000 nodes" in page.inner_text("#kg-panel")
    # names are drawn at the opening zoom: vis-network skips labels under 5 px on screen
    assert page.evaluate("network.getScale() * network.body.nodes[nodes.getIds()[0]].options.font.size") >= 5
    page.select_option("#kg-top", "1000")
    page.wait_for_function("window.kgReady === true", timeout=120_000)
    assert page.evaluate("nodes.length") == 1000
    page.fill("#kg-find", "op3")  # a name: its nodes and their neighbours
    page.press("#kg-find", "Enter")
    page.wait_for_function("window.kgReady === true", timeout=120_000)
    labels = page.evaluate(VISIBLE_NODES)
    assert "op3" in labels and len(labels) > 10
    page.screenshot(path=str(ARTIFACTS / "explorer-5000.png"))
    # attacks of a month in a country: those placed in its towns too, and what they link to
    page.fill("#kg-when", "2024-03")
    page.fill("#kg-where", "L3")
    page.press("#kg-where", "Enter")
    page.wait_for_function("window.kgReady === true", timeout=120_000)
    shown = page.evaluate("nodes.get().filter(n => n.cls === 'Attack').map(n => [n.date, n.places])")
    march_l3 = "n.cls === 'Attack' && n.date.startsWith('2024-03') && n.places.includes('l3')"
    want = page.evaluate(f"kgWhole.nodes.filter(n => {march_l3}).length")
    assert len(shown) == want > 0
    assert all(d.startswith("2024-03") and "l3" in places for d, places in shown)
    assert any(places != ["l3"] for _, places in shown)  # an attack in a town of l3
    assert page.evaluate("nodes.length") > len(shown)  # with their perpetrators and places
    page.screenshot(path=str(ARTIFACTS / "explorer-5000-march-l3.png"))
    assert external == [] and errors == []


def test_unlinked_nodes_are_hidden_until_asked_for(tmp_path, open_page):
    out = tmp_path / "graph.html"
    kg("view", str(SMALL), "--kind", "graph", "-o", str(out))
    page, _, errors = open_page(out)
    assert "Odesa" not in page.evaluate(VISIBLE_NODES)
    page.check("#kg-unlinked")
    assert "Odesa" in page.evaluate(VISIBLE_NODES)
    assert errors == []


def test_every_legend_counts_facts_per_link_type(tmp_path, open_page):
    """The explorer and the statements view count the same condemnations: statements, not links."""
    legends = {}
    for kind in ("graph", "condemnations"):
        out = tmp_path / f"{kind}.html"
        kg("view", str(SMALL), "--kind", kind, "-o", str(out))
        page, _, _ = open_page(out)
        legends[kind] = page.inner_text("#kg-panel")
        assert "Condemnation (3)" in legends[kind] and "facts per link type" in legends[kind], kind
    assert page.evaluate(VISIBLE_EDGES).count(["United Nations", "Condemnation", "Russian Army", 2]) == 1


def test_tooltip_stays_inside_the_page(tmp_path, open_page):
    out = tmp_path / "condemnations.html"
    kg("view", str(SMALL), "--kind", "condemnations", "-o", str(out))
    page, _, _ = open_page(out, 640, 480)  # a narrow window: the tooltip would run off its right edge
    hover_edge(page, "United Nations", "Russian Army")
    page.wait_for_timeout(100)
    box = page.evaluate("(() => { const r = document.querySelector('div.vis-tooltip').getBoundingClientRect();"
                        " return [r.left, r.top, r.right, r.bottom]; })()")  # fmt: skip
    assert box[0] >= 0 and box[1] >= 0 and box[2] <= 640 and box[3] <= 480, box
    page.screenshot(path=str(ARTIFACTS / "tooltip-narrow.png"))


def test_graphml_and_gexf_carry_the_same_projection(tmp_path):
    for suffix, reader in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        out = tmp_path / f"statements{suffix}"
        kg("view", str(SMALL), "--kind", "statements", "-o", str(out))
        g = reader(out)
        labels = {d["label"] for _, d in g.nodes(data=True)}
        assert labels == {"United Nations", "Russian Army", "Amnesty International", "Kenya Defence Forces",
                          "al-Shabaab", "Volker Türk"}  # fmt: skip
        edges = sorted((g.nodes[s]["label"], d["relation"], g.nodes[t]["label"], int(d["count"]))
                       for s, t, d in g.edges(data=True))  # fmt: skip
        assert ("United Nations", "Condemnation", "Russian Army", 2) in edges
        assert len(edges) == 4


def test_views_are_deterministic(tmp_path):
    for suffix in (".html", ".graphml", ".gexf"):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        kg("view", str(SMALL), "--kind", "graph", "-o", str(a))
        kg("view", str(SMALL), "--kind", "graph", "-o", str(b))
        assert a.read_bytes() == b.read_bytes(), suffix
    assert '"randomSeed": 7' in (tmp_path / "a.html").read_text()
    assert "lastmodifieddate" not in (tmp_path / "a.gexf").read_text()


def test_explorer_nodes_carry_attack_dates_and_containing_places(built):
    from kg.queries import load_store
    from kg.views import explorer

    g = explorer(load_store(built))
    attacks = [d for _, d in g.nodes(data=True) if d["cls"] == "Attack"]
    dated = [d for d in attacks if "date" in d]
    assert dated and all(len(d["date"]) == 10 and d["date"][4] == "-" for d in dated)
    in_libya = [d for d in attacks if "Libya" in d.get("places", ())]
    assert len(in_libya) >= 10  # placed in Libyan towns: the gazetteer's containment
    assert any(len(d["places"]) > 1 for d in in_libya)
