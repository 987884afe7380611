"""newskg: a knowledge graph of attacks, operations and statements from conflict news."""

from kg.build import Report, build

__all__ = ["Report", "build", "__version__"]
__version__ = "0.1.0"
