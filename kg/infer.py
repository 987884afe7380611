"""infer: what the reasoner adds, in ``kgr:graph/inferred``.

Merged labels (rdfs:label = canonical, skos:altLabel = every other form),
corpus-level facts between entities, asserted superclass types (so queries
need no reasoner), kgo:condemned (speaker → target of every Condemnation)
and the transitive closure of kgo:locatedIn.

The graphs stream past ``Inference.see`` one at a time: superclass types come back at once, and
only what needs the whole corpus (condemnation pairs, locatedIn edges, both bounded by the number of
entities, not articles) is kept until ``finish``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespaces import CLASS_OF_KIND, KGO, SUPERCLASSES
from kg.records import Resolution

if TYPE_CHECKING:
    from kg.graph import Minter

INFERRED = "graph/inferred"

_TYPE = ox.NamedNode(str(RDF.type))
_LABEL = ox.NamedNode(str(RDFS.label))
_ALT = ox.NamedNode(str(SKOS.altLabel))
_STATEMENT_TYPE = ox.NamedNode(str(KGO.statementType))
_CONDEMNATION = ox.NamedNode(str(KGO.Condemnation))
_SPEAKER = ox.NamedNode(str(KGO.speaker))
_TARGET = ox.NamedNode(str(KGO.target))
_CONDEMNED = ox.NamedNode(str(KGO.condemned))
_LOCATED_IN = ox.NamedNode(str(KGO.locatedIn))
_SUPER = {ox.NamedNode(str(c)): tuple(ox.NamedNode(str(s)) for s in sups) for c, sups in SUPERCLASSES.items()}


class Inference:
    """The inferred graph of one build, fed one named graph at a time."""

    def __init__(self, graph: ox.NamedNode) -> None:
        self.graph = graph
        self.condemned: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
        self.contained: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)

    def see(self, triples: Iterable[ox.Triple]) -> list[ox.Quad]:
        """Read one named graph; returns the superclass types of what it types."""
        out: list[ox.Quad] = []
        condemnations: set[ox.NamedNode] = set()
        speakers: dict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
        targets: dict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
        for s, p, o in triples:
            if p == _TYPE:
                out.extend(ox.Quad(s, _TYPE, sup, self.graph) for sup in _SUPER.get(o, ()))
            elif p == _LOCATED_IN:
                self.contained[s].add(o)
            elif p == _STATEMENT_TYPE and o == _CONDEMNATION:
                condemnations.add(s)
            elif p == _SPEAKER:
                speakers[s].append(o)
            elif p == _TARGET:
                targets[s].append(o)
        for stmt in condemnations:  # speaker and target from the statement's own graph
            self.condemned.update((sp, t) for sp in speakers[stmt] for t in targets[stmt] if sp != t)
        return out

    def finish(self, res: Resolution, mint: Minter) -> Iterator[ox.Quad]:
        """Everything else: entity labels and types, corpus facts, condemned, the locatedIn closure."""
        g = self.graph
        typed: list[ox.Triple] = []
        for e in res.entities:
            node = ox.NamedNode(str(mint(e.key)))
            cls = KGO.Operation if e.kind == "Operation" else CLASS_OF_KIND[e.kind]
            typed.append(ox.Triple(node, _TYPE, ox.NamedNode(str(cls))))
            yield ox.Quad(node, _LABEL, ox.Literal(e.label), g)
            for alt in e.alt_labels:
                yield ox.Quad(node, _ALT, ox.Literal(alt), g)
        facts = [
            ox.Triple(ox.NamedNode(str(mint(s))), ox.NamedNode(str(KGO[p])), ox.NamedNode(str(mint(o))))
            for s, p, o in res.facts
        ]
        for t in typed + facts:
            yield ox.Quad(t.subject, t.predicate, t.object, g)
        yield from self.see(typed + facts)
        for speaker, target in self.condemned:
            yield ox.Quad(speaker, _CONDEMNED, target, g)
        for inner, outers in self.contained.items():
            seen: set[ox.NamedNode] = set()
            stack = list(outers)
            while stack:
                outer = stack.pop()
                if outer in seen or outer == inner:
                    continue
                seen.add(outer)
                yield ox.Quad(inner, _LOCATED_IN, outer, g)
                stack.extend(self.contained.get(outer, ()))
