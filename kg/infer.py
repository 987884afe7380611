"""infer: what the reasoner adds, in ``kgr:graph/inferred``.

Merged labels (rdfs:label = canonical, skos:altLabel = every other form),
corpus-level facts between entities, asserted superclass types (so queries
need no reasoner), kgo:condemned (speaker → target of every Condemnation),
containment from the gazetteer (kg.containment: each link also an rdf:Statement
saying where it came from, each identified place owl:sameAs its GeoNames IRI)
and the transitive closure of kgo:locatedIn.

The graphs stream past ``Inference.see`` one at a time: superclass types come back at once, and
only what needs the whole corpus (condemnation pairs, locatedIn edges, both bounded by the number of
entities, not articles) is kept until ``finish``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.containment import GEONAMES, containment
from kg.namespaces import CLASS_OF_KIND, KGO, SUPERCLASSES, sector_concept
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
_SECTOR = ox.NamedNode(str(KGO.sector))
_COUNTRY = ox.NamedNode(str(KGO.country))
_SUPER = {ox.NamedNode(str(c)): tuple(ox.NamedNode(str(s)) for s in sups) for c, sups in SUPERCLASSES.items()}


@dataclass(frozen=True)
class Seen:
    """What one named graph gives the inferred graph: the superclass types of what it types (at once),
    and its condemnation pairs and locatedIn edges (kept until ``finish``). A function of the graph
    alone, so a build can keep it with the graph and reuse it (kg.fragments)."""

    types: tuple[ox.Triple, ...]
    condemned: tuple[tuple[ox.NamedNode, ox.NamedNode], ...]
    contained: tuple[tuple[ox.NamedNode, ox.NamedNode], ...]


def read_graph(triples: Iterable[ox.Triple]) -> Seen:
    """What the reasoner takes from one named graph."""
    types: list[ox.Triple] = []
    contained: list[tuple[ox.NamedNode, ox.NamedNode]] = []
    condemnations: set[ox.NamedNode] = set()
    speakers: dict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
    targets: dict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
    for s, p, o in triples:
        if p == _TYPE:
            types.extend(ox.Triple(s, _TYPE, sup) for sup in _SUPER.get(o, ()))
        elif p == _LOCATED_IN:
            contained.append((s, o))
        elif p == _STATEMENT_TYPE and o == _CONDEMNATION:
            condemnations.add(s)
        elif p == _SPEAKER:
            speakers[s].append(o)
        elif p == _TARGET:
            targets[s].append(o)
    condemned = {(sp, t) for stmt in condemnations for sp in speakers[stmt] for t in targets[stmt] if sp != t}
    return Seen(tuple(types), tuple(sorted(condemned, key=str)), tuple(contained))


class Inference:
    """The inferred graph of one build, fed one named graph at a time."""

    def __init__(self, graph: ox.NamedNode) -> None:
        self.graph = graph
        self.condemned: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
        self.contained: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)

    def add(self, seen: Seen) -> list[ox.Quad]:
        """Keep what ``finish`` needs of one graph; returns its superclass types."""
        self.condemned.update(seen.condemned)
        for inner, outer in seen.contained:
            self.contained[inner].add(outer)
        return [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in seen.types]

    def see(self, triples: Iterable[ox.Triple]) -> list[ox.Quad]:
        """Read one named graph; returns the superclass types of what it types."""
        return self.add(read_graph(triples))

    def finish(self, res: Resolution, mint: Minter) -> Iterator[ox.Quad]:
        """Everything else: entity labels and types, corpus facts, condemned, the locatedIn closure."""
        g = self.graph
        typed: list[ox.Triple] = []
        for e in res.entities:
            node = mint(e.key)
            cls = KGO.Operation if e.kind == "Operation" else CLASS_OF_KIND[e.kind]
            typed.append(ox.Triple(node, _TYPE, ox.NamedNode(str(cls))))
            yield ox.Quad(node, _LABEL, ox.Literal(e.label), g)
            for alt in e.alt_labels:
                yield ox.Quad(node, _ALT, ox.Literal(alt), g)
            if e.sector:
                yield ox.Quad(node, _SECTOR, ox.NamedNode(str(sector_concept(e.sector))), g)
            if e.country:
                yield ox.Quad(node, _COUNTRY, mint(e.country), g)
        facts = [ox.Triple(mint(s), ox.NamedNode(str(KGO[p])), mint(o)) for s, p, o in res.facts]
        for t in typed + facts:
            yield ox.Quad(t.subject, t.predicate, t.object, g)
        yield from self.see(typed + facts)
        for speaker, target in self.condemned:
            yield ox.Quad(speaker, _CONDEMNED, target, g)
        yield from gazetteer(g, res, mint, self.contained)
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


def gazetteer(
    g: ox.NamedNode, res: Resolution, mint: Minter, contained: dict[ox.NamedNode, set[ox.NamedNode]]
) -> Iterator[ox.Quad]:
    """The gazetteer's containment links (and the countries and states they need), added to ``contained``.

    Each link is also an ``rdf:Statement`` node (``kgr:containment/INNER/OUTER``) with the GeoNames
    record it comes from (``dcterms:source``) and a note, so a reader can tell it from the text's own.
    """

    def iri(x: object) -> ox.NamedNode:
        return ox.NamedNode(str(x))

    links, minted, ids = containment(res.entities)
    for key, place in sorted(minted.items()):
        yield ox.Quad(mint(key), _TYPE, iri(KGO.Location), g)
        yield ox.Quad(mint(key), _LABEL, ox.Literal(place.label), g)
    for key, geonameid in sorted(ids.items()):
        yield ox.Quad(mint(key), iri(OWL.sameAs), ox.NamedNode(GEONAMES.format(geonameid)), g)
    for link in links:
        inner, outer = mint(link.inner), mint(link.outer)
        contained[inner].add(outer)
        why = mint(f"containment/{link.inner.split('/', 1)[-1]}/{link.outer.split('/', 1)[-1]}")
        yield ox.Quad(why, _TYPE, iri(RDF.Statement), g)
        yield ox.Quad(why, iri(RDF.subject), inner, g)
        yield ox.Quad(why, iri(RDF.predicate), _LOCATED_IN, g)
        yield ox.Quad(why, iri(RDF.object), outer, g)
        yield ox.Quad(why, iri(RDFS.comment), ox.Literal(link.note), g)
        if link.source:
            yield ox.Quad(why, iri(DCTERMS.source), ox.NamedNode(link.source), g)
            yield ox.Quad(why, iri(PROV.wasDerivedFrom), ox.NamedNode("https://www.geonames.org/"), g)
