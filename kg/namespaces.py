"""The one place that names the vocabularies of the graph (see ontology/newskg.ttl)."""

from rdflib import Namespace, URIRef
from rdflib import namespace as rdflib_namespaces


class Vocabulary(Namespace):
    """A Namespace that mints each term once: rdflib's builds a new URIRef on every attribute
    access (~10 µs), and a build asks for ``KGO.evidence`` once per fact."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = self.term(name)
        self.__dict__[name] = term
        return term


KGO = Vocabulary("https://w3id.org/newskg/ontology#")
KGR_DEFAULT = "https://w3id.org/newskg/id/"
SEM = Vocabulary("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Vocabulary("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Vocabulary("https://schema.org/")
DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD = (
    Vocabulary(str(getattr(rdflib_namespaces, n))) for n in ("DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD")
)
ONTOLOGY_GRAPH = "https://w3id.org/newskg/ontology"

PREFIXES = {
    "kgo": KGO,
    "sem": SEM,
    "prov": PROV,
    "nif": NIF,
    "skos": SKOS,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}

# Record-level names (records.py) → ontology concepts.
CLASS_OF_KIND = {
    "Person": KGO.Person,
    "Organization": KGO.Organization,
    "Location": KGO.Location,
    "Group": KGO.Group,
}
SUPERCLASSES = {
    KGO.Person: (KGO.Actor,),
    KGO.Organization: (KGO.Actor,),
    KGO.Group: (KGO.Actor,),
    KGO.Operation: (SEM.Event,),
    KGO.Attack: (SEM.Event,),
    KGO.Statement: (SEM.Event,),
}
STATEMENT_TYPES = (
    "Condemnation",
    "Accusation",
    "Criticism",
    "Praise",
    "Warning",
    "Appeal",
    "Denial",
    "Claim",
    "Rejection",
    "Assertion",
)
ATTACK_TYPES = (
    "Airstrike",
    "Shelling",
    "RocketAttack",
    "ArmedClash",
    "Shooting",
    "Killing",
    "Bombing",
    "Siege",
    "OtherAttack",
)

# How an attack's perpetrator is known: the values of kgo:perpetratorStatus (records.Attack.perpetrator_status).
PERPETRATOR_STATUSES = ("stated", "claimed", "alleged", "suspected")


def sector_concept(key: str) -> URIRef:
    """The kgo:Sectors concept of a sector key of kg/lexicon/sectors.yaml ("foreign_ministry" →
    kgo:ForeignMinistrySector), the value of kgo:sector."""
    return KGO["".join(part.capitalize() for part in key.split("_")) + "Sector"]


def bind_prefixes(graph, base: str) -> None:
    """Bind our prefixes (and kgr to the chosen base) on a Graph or Dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    graph.bind("kgr", Namespace(base), override=True, replace=True)
