"""DIR/aliases.json and `kg explain`: every node's names and the merges that made it."""

from __future__ import annotations

from collections import defaultdict

from kg.records import Merge, Resolution
from kg.resolve.keys import normalise


def aliases_report(resolution: Resolution, base: str) -> dict:
    """DIR/aliases.json: every node with its forms, and every merge with the rule or score that made it."""
    merges: dict[str, list[Merge]] = defaultdict(list)
    for mg in resolution.merges:
        merges[mg.entity].append(mg)
    entities = [
        {
            "iri": base + e.key,
            "kind": e.kind,
            "label": e.label,
            "forms": sorted({e.label, *e.alt_labels}),
            "articles": list(e.articles),
            "merges": [
                {
                    "form": mg.form,
                    "joined_to": mg.joined_to,
                    "rule": mg.rule,
                    "score": mg.score,
                    "articles": list(mg.articles),
                }  # fmt: skip
                for mg in merges.get(e.key, [])
            ],
        }
        for e in resolution.entities
    ]
    refused = [
        {"forms": [a, b], "rule": rule, "why": "different given names with one surname: two people"}
        for a, b, rule in resolution.refused
    ]
    return {"rules": RULES, "entities": entities, "refused": refused}


RULES = {
    "normalised": "same name after Unicode, quotes, diacritics, case, titles and possessives are folded",
    "acronym": "an acronym the text defines in parentheses",
    "known-alias": "another name of the same body in the organisations gazetteer",
    "gazetteer": "GeoNames lists both names for one place",
    "transliteration": "same consonant skeleton after folding romanisation variants; score = weakest word pair's "
    "Jaro-Winkler similarity",
    "surname": "a surname-only mention and the one full name ending with it (0.9 in the article, 0.8 in the corpus)",
    "name-part": "every word, in order, of exactly one longer organisation name with the same head word",
    "leader-force": "'X’s forces': the organisation X leads, or X’s own forces node",
}


def explain(report: dict, name: str) -> str:
    """Why ``name`` ended on its node: the chain of merges from the form to the node's label."""
    from rapidfuzz import process

    wanted = normalise(name)
    hits = [e for e in report["entities"] if any(f == name for f in e["forms"])]
    hits = hits or [e for e in report["entities"] if any(normalise(f) == wanted for f in e["forms"])]
    if not hits:
        forms = sorted({f for e in report["entities"] for f in e["forms"]})
        near = [m[0] for m in process.extract(name, forms, limit=3, score_cutoff=60)]
        return f"no node has the name {name!r}" + (f"; nearest: {', '.join(near)}" if near else "")
    lines = []
    for e in hits:
        lines.append(f"{name!r} → {e['label']} ({e['kind']}) <{e['iri']}>")
        lines.append(f"  all names: {'; '.join(e['forms'])}")
        lines.append(f"  in {len(e['articles'])} articles: {', '.join(e['articles'])}")
        path = _path(e, name)
        if not path:
            lines.append("  it is the node's own label" if name == e["label"] else "  same name after normalisation")
        for mg in path:
            lines.append(
                f"  {mg['form']!r} joined {mg['joined_to']!r} by {mg['rule']} (score {mg['score']}): "
                f"{report['rules'].get(mg['rule'], '')} [{', '.join(mg['articles'])}]"
            )
    for r in report.get("refused", []):
        if name in r["forms"]:
            lines.append(f"  kept apart from {[f for f in r['forms'] if f != name][0]!r}: {r['why']}")
    return "\n".join(lines)


def _path(entity: dict, name: str) -> list[dict]:
    """The merges linking ``name`` to the entity's label (breadth-first over merge edges)."""
    edges: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for mg in entity["merges"]:
        edges[mg["form"]].append((mg["joined_to"], mg))
        edges[mg["joined_to"]].append((mg["form"], mg))
    start = name if name in edges else next((f for f in edges if normalise(f) == normalise(name)), name)
    seen, queue = {start: []}, [start]
    while queue:
        here = queue.pop(0)
        if normalise(here) == normalise(entity["label"]):
            return seen[here]
        for there, mg in edges.get(here, []):
            if there not in seen:
                seen[there] = [*seen[here], mg]
                queue.append(there)
    return []
