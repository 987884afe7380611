"""graph: records → RDF on the ontology contract, with provenance.

Each article's facts go into the named graph ``<article-iri>`` (``article_graph``, one article at a
time); the reasoner's output (merged labels, superclass types, kgo:condemned, locatedIn closure) into
``kgr:graph/inferred`` (kg.infer); the ontology into its own graph. IRIs are stable: entities by
canonical label, events by a hash of their text anchor.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox

from kg import namespaces
from kg.records import Attack, Extraction, Mention, Operation, Resolution, Sentence, Statement
from kg.resolve import normalise

URIRef = lru_cache(maxsize=65_536)(ox.NamedNode)  # entity and class IRIs recur; sentence IRIs do not pile up


class _Terms:
    """A vocabulary as pyoxigraph terms, each made once: graphs are built straight in the terms the
    store and the writers take (rdflib terms cost ~10 µs each to make and as much again to convert)."""

    def __init__(self, ns: object) -> None:
        self._ns = str(ns)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        term = self.__dict__[name] = ox.NamedNode(self._ns + name)
        return term

    __getitem__ = __getattr__


DCTERMS, KGO, NIF, PROV, RDF, RDFS, SCHEMA, XSD = (
    _Terms(getattr(namespaces, n)) for n in ("DCTERMS", "KGO", "NIF", "PROV", "RDF", "RDFS", "SCHEMA", "XSD")
)
CLASS_OF_KIND = {kind: ox.NamedNode(str(cls)) for kind, cls in namespaces.CLASS_OF_KIND.items()}


def Literal(value: object, datatype: ox.NamedNode | None = None) -> ox.Literal:  # noqa: N802 - rdflib's name and lexical forms
    """The literal rdflib would make of ``value``: a string as is, a bool as xsd:boolean, a number
    with ``datatype`` in its decimal lexical form."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=XSD.boolean)
    if datatype is None:
        return ox.Literal(str(value))
    return ox.Literal(
        value if isinstance(value, str) else f"{value:f}" if isinstance(value, Decimal) else str(value),
        datatype=datatype,
    )


class Minter:
    """Mints the IRIs of one build under a base IRI (``--base-iri``)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, path: str) -> ox.NamedNode:
        return URIRef(self.base + path)

    def article(self, article_id: str) -> ox.NamedNode:
        return self(self.article_path(article_id))

    @staticmethod
    def article_path(article_id: str) -> str:
        """The tail of an article's IRI: its id without .txt/.jsonl, characters unsafe in IRIs as '-'."""
        stem = article_id.rsplit(".", 1)[0] if article_id.endswith((".txt", ".jsonl")) else article_id
        return "article/" + "".join(c if c.isalnum() or c in "-_." else "-" for c in stem)

    def sentence(self, article: ox.NamedNode, sentence: Sentence) -> ox.NamedNode:
        return ox.NamedNode(f"{article.value}#char={sentence.begin},{sentence.end}")

    @staticmethod
    def digest(*parts: object) -> str:
        return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]

    def attack(self, article_id: str, a: Attack) -> ox.NamedNode:
        return self(f"attack/{self.digest(article_id, a.trigger_begin, a.attack_type)}")

    def statement(self, article_id: str, s: Statement) -> ox.NamedNode:
        towards = s.target.begin if s.target is not None else -1  # "called on X and Y": one act towards each
        return self(f"statement/{self.digest(article_id, s.trigger_begin, s.speaker.begin, s.statement_type, towards)}")


QUOTATION = re.compile(r"[“\"]([^”\"]{3,})[”\"]|[“\"]([^”\"]{3,})$|^([^“”\"]{3,})[”\"]")


def quotation(s: Statement) -> str | None:
    """The statement's direct quotation: the extractor's, else the one its sentence prints, opened and
    closed, opened and running on past it, or closing a quote an earlier sentence opened; never a
    quotation holding the speaker's name (then it is someone else's words about the speaker)."""
    if s.quote:
        return s.quote
    text = s.sentence.text.strip()
    lead = len(s.sentence.text) - len(s.sentence.text.lstrip())
    speaker = s.speaker.begin - s.sentence.begin - lead
    for m in QUOTATION.finditer(text):
        if not m.start() <= speaker < m.end():
            quote = next(g for g in m.groups() if g).strip().rstrip(",").strip()
            return quote if len(quote.split()) >= 3 else None
    return None


def _decimal(x: float) -> ox.Literal:
    return Literal(Decimal(str(round(x, 2))), datatype=XSD.decimal)


Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def article_graph(ex: Extraction, res: Resolution, mint: Minter) -> tuple[ox.NamedNode, set[Triple]]:
    """One article's named graph: its IRI and triples. A pure function of the article's records and
    the corpus-wide resolution, so graphs can be written one article at a time."""
    built = _ArticleGraph(ex, res, mint)
    built.article()
    built.mentions()
    attack_iri = built.attacks()
    built.statements(attack_iri)
    built.operations()
    return built.a_iri, built.g


class _ArticleGraph:
    """The triples of one article, added part by part (the article, its actors, attacks, statements,
    operations), each extracted node with its evidence sentences."""

    def __init__(self, ex: Extraction, res: Resolution, mint: Minter) -> None:
        self.ex, self.res, self.mint = ex, res, mint
        self.art = ex.article
        self.a_iri = mint.article(self.art.id)
        self.g: set[Triple] = set()
        self.kind_of = res.kind_of

    def entity(self, m: Mention | None) -> ox.NamedNode | None:
        key = self.res.entity_of(self.art.id, m)
        return self.mint(key) if key else None

    def located(self, m: Mention | None) -> ox.NamedNode | None:
        """A place, if the mention resolved to one (a name tagged as a place once may be a person)."""
        key = self.res.entity_of(self.art.id, m)
        return self.mint(key) if key and self.kind_of.get(key) == "Location" else None

    def article(self) -> None:
        g, art, a_iri = self.g, self.art, self.a_iri
        g.add((a_iri, RDF.type, KGO.Article))
        g.add((a_iri, RDF.type, SCHEMA.NewsArticle))
        g.add((a_iri, RDF.type, NIF.Context))
        g.add((a_iri, RDFS.label, Literal(art.title)))
        g.add((a_iri, DCTERMS.identifier, Literal(art.id)))
        g.add((a_iri, DCTERMS.title, Literal(art.title)))
        g.add((a_iri, NIF.isString, Literal(art.text)))
        if art.url:
            g.add((a_iri, DCTERMS.source, URIRef(art.url)))
        if art.source:
            g.add((a_iri, DCTERMS.publisher, Literal(art.source)))
        if art.published:
            g.add((a_iri, DCTERMS.date, Literal(art.published, datatype=XSD.date)))
            g.add((a_iri, SCHEMA.datePublished, Literal(art.published, datatype=XSD.date)))

    def mentions(self) -> None:
        """Every actor and place the article mentions, with the relations stated between them."""
        g, res, mint, a_iri = self.g, self.res, self.mint, self.a_iri
        for m in self.ex.mentions:
            key = res.entity_of(self.art.id, m)
            if key is not None:
                e = mint(key)
                kind = self.kind_of.get(key, m.kind)  # the resolved kind: one class per node, whatever one tag
                g.add((e, RDF.type, CLASS_OF_KIND[kind]))
                g.add((e, KGO.mentionedIn, a_iri))
                if key in res.country_of:  # "Danish troops" mentions Denmark
                    g.add((mint(res.country_of[key]), RDF.type, KGO.Location))
                    g.add((mint(res.country_of[key]), KGO.mentionedIn, a_iri))
                if m.role and kind == "Person":
                    g.add((e, KGO.role, Literal(m.role)))
        for r in self.ex.relations:
            s, o = self.entity(r.subject), self.entity(r.object)
            if s is not None and o is not None and s != o:
                g.add((s, KGO[r.predicate], o))

    def evidence(
        self, node: ox.NamedNode, sentence: Sentence, confidence: float, more: tuple[Sentence, ...] = ()
    ) -> None:
        g, a_iri = self.g, self.a_iri
        for told in (sentence, *more):
            sent = self.mint.sentence(a_iri, told)
            g.add((sent, RDF.type, NIF.String))
            g.add((sent, RDF.type, NIF.Sentence))
            g.add((sent, NIF.beginIndex, Literal(told.begin, datatype=XSD.nonNegativeInteger)))
            g.add((sent, NIF.endIndex, Literal(told.end, datatype=XSD.nonNegativeInteger)))
            g.add((sent, NIF.anchorOf, Literal(told.text)))
            g.add((sent, NIF.referenceContext, a_iri))
            g.add((node, KGO.evidence, sent))
        g.add((node, PROV.wasDerivedFrom, a_iri))
        g.add((node, KGO.confidence, _decimal(confidence)))

    def dated(self, node: ox.NamedNode, item: Attack | Statement | Operation) -> None:
        if item.date_text:
            self.g.add((node, KGO.dateText, Literal(item.date_text)))
        if item.date:
            self.g.add((node, KGO.date, Literal(item.date, datatype=XSD.date)))

    def attacks(self) -> dict[int, ox.NamedNode]:
        """Each attack (one node for an event several articles report); its node by record id."""
        g, res, art, kind_of = self.g, self.res, self.art, self.kind_of
        attack_iri: dict[int, ox.NamedNode] = {}
        for a in self.ex.attacks:
            node = self.mint.attack(art.id, a)
            label = f"{a.trigger}" + (f" by {a.perpetrator.text}" if a.perpetrator else "")
            label += f" in {a.location.text}" if a.location else ""
            confidence = a.confidence
            if (art.id, a.trigger_begin) in res.events:  # one node for the attack several articles report
                key, label, confidence = res.events[(art.id, a.trigger_begin)]
                node = self.mint(key)
            attack_iri[id(a)] = node
            g.add((node, RDF.type, KGO.Attack))
            g.add((node, KGO.attackType, KGO[a.attack_type]))
            perp, place = self.entity(a.perpetrator), self.located(a.location)
            g.add((node, RDFS.label, Literal(label)))
            if perp is not None:
                g.add((node, KGO.perpetrator, perp))
                if kind_of.get(res.entity_of(art.id, a.perpetrator) or "") == "Location":
                    g.add((perp, RDF.type, CLASS_OF_KIND["Organization"]))  # a state as author of an attack
            if place is not None:
                g.add((node, KGO.location, place))
            for prop, value in ((KGO.killed, a.killed), (KGO.injured, a.injured)):
                if value is not None:
                    g.add((node, prop, Literal(value, datatype=XSD.nonNegativeInteger)))
            if a.victims:
                g.add((node, KGO.victims, Literal(a.victims)))
            if a.operation:
                g.add((node, KGO.partOf, self.mint(res.operation_entity[normalise(a.operation)])))
            if a.background:
                g.add((node, KGO.background, Literal(True)))
            if a.perpetrator_status and perp is not None:
                g.add((node, KGO.perpetratorStatus, Literal(a.perpetrator_status)))
            self.dated(node, a)
            self.evidence(node, a.sentence, confidence, a.evidence)
        return attack_iri

    def statements(self, attack_iri: dict[int, ox.NamedNode]) -> None:
        g, res, art, mint = self.g, self.res, self.art, self.mint
        for s in self.ex.statements:
            node = mint.statement(art.id, s)
            speaker = self.entity(s.speaker)
            if speaker is None:
                continue
            g.add((node, RDF.type, KGO.Statement))
            g.add((node, KGO.statementType, KGO[s.statement_type]))
            g.add((node, KGO.speaker, speaker))
            if self.kind_of.get(res.entity_of(art.id, s.speaker) or "") == "Location":
                g.add((speaker, RDF.type, CLASS_OF_KIND["Organization"]))  # a state that speaks acts as an actor
            label = f"{s.speaker.text}: {s.statement_type}" + (f" of {s.target.text}" if s.target else "")
            g.add((node, RDFS.label, Literal(label)))
            target = self.entity(s.target)
            if target is not None:
                g.add((node, KGO.target, target))
            if s.about is not None and id(s.about) in attack_iri:
                g.add((node, KGO.about, attack_iri[id(s.about)]))
            elif s.about is not None and (art.id, s.about.trigger_begin) in res.events:
                g.add((node, KGO.about, mint(res.events[(art.id, s.about.trigger_begin)][0])))
            elif s.about is not None:
                g.add((node, KGO.about, mint.attack(art.id, s.about)))
            g.add((node, KGO.statementCue, Literal(s.cue or s.trigger)))  # the words that typed it
            quote = quotation(s)
            if quote:
                g.add((node, KGO.quote, Literal(quote)))
            if s.channel:
                g.add((node, KGO.channel, Literal(s.channel)))
            place = self.located(s.location)
            if place is not None:
                g.add((node, KGO.location, place))
            self.dated(node, s)
            self.evidence(node, s.sentence, s.confidence, s.evidence)

    def operations(self) -> None:
        g, res, mint = self.g, self.res, self.mint
        for op in self.ex.operations:
            node = mint(res.operation_entity[normalise(op.name)])
            g.add((node, RDF.type, KGO.Operation))
            g.add((node, KGO.mentionedIn, self.a_iri))
            launcher, place = self.entity(op.launched_by), self.located(op.location)
            if launcher is not None:
                g.add((node, KGO.launchedBy, launcher))
            if place is not None:
                g.add((node, KGO.location, place))
            if op.part_of and normalise(op.part_of) in res.operation_entity:
                g.add((node, KGO.partOf, mint(res.operation_entity[normalise(op.part_of)])))
            self.dated(node, op)
            self.evidence(node, op.sentence, op.confidence)
