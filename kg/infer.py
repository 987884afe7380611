"""infer: what the reasoner adds, in ``kgr:graph/inferred``.

Merged labels (rdfs:label = canonical, skos:altLabel = every other form),
corpus-level facts between entities, asserted superclass types (so queries
need no reasoner), kgo:condemned (speaker → target of every Condemnation)
and the transitive closure of kgo:locatedIn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import CLASS_OF_KIND, KGO, SUPERCLASSES
from kg.records import Resolution

if TYPE_CHECKING:
    from kg.graph import Minter

INFERRED = "graph/inferred"


def infer(ds: Dataset, res: Resolution, mint: Minter) -> None:
    g = ds.graph(mint(INFERRED))
    for e in res.entities:
        node = mint(e.key)
        cls = KGO.Operation if e.kind == "Operation" else CLASS_OF_KIND[e.kind]
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(e.label)))
        for alt in e.alt_labels:
            g.add((node, SKOS.altLabel, Literal(alt)))
    for s, p, o in res.facts:
        g.add((mint(s), KGO[p], mint(o)))
    asserted = [(s, o) for s, _, o, _ in ds.quads((None, RDF.type, None, None))]
    for s, cls in asserted:
        for sup in SUPERCLASSES.get(cls, ()):
            g.add((s, RDF.type, sup))
    for stmt, _, _, ctx in ds.quads((None, KGO.statementType, KGO.Condemnation, None)):
        # a Dataset's objects() reads the default graph only: look in the statement's own graph
        for _, _, speaker, _ in ds.quads((stmt, KGO.speaker, None, ctx)):
            for _, _, target, _ in ds.quads((stmt, KGO.target, None, ctx)):
                if speaker != target:
                    g.add((speaker, KGO.condemned, target))
    contained: dict[URIRef, set[URIRef]] = {}
    for inner, _, outer, _ in ds.quads((None, KGO.locatedIn, None, None)):
        contained.setdefault(inner, set()).add(outer)
    for inner in contained:
        seen: set[URIRef] = set()
        stack = list(contained[inner])
        while stack:
            outer = stack.pop()
            if outer in seen or outer == inner:
                continue
            seen.add(outer)
            g.add((inner, KGO.locatedIn, outer))
            stack.extend(contained.get(outer, ()))
