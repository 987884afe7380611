"""validate: a build against the SHACL shapes (kg/ontology/shapes.ttl), on demand, off the build's
hot path (pySHACL holds the graph in memory and takes minutes on large builds)."""

from __future__ import annotations

from pathlib import Path

SHAPES = Path(__file__).parent / "ontology" / "shapes.ttl"
FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads"}


class ValidationUnavailable(RuntimeError):
    pass


def validate(graph: str | Path) -> tuple[bool, str]:
    """(conforms, pySHACL's report) for a build folder (its graph.ttl) or an RDF file."""
    try:
        import pyshacl
    except ImportError as err:
        raise ValidationUnavailable('SHACL validation needs pySHACL: pip install "newskg[validate]"') from err
    from rdflib import Dataset, Graph

    path = Path(graph)
    if path.is_dir():
        path = path / "graph.ttl"
    fmt = FORMATS.get(path.suffix)
    if fmt is None or not path.exists():
        raise FileNotFoundError(f"no build or RDF file at {graph}: give a build folder or a .ttl/.nt/.trig/.nq file")
    data = Graph() if fmt in ("turtle", "nt") else Dataset(default_union=True)
    data.parse(path, format=fmt)
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES), inference="none")
    return bool(conforms), text
