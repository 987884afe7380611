"""newskg: a knowledge graph of attacks, operations and statements from conflict news."""

from __future__ import annotations

__all__ = ["Report", "build", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``kg.build`` and ``kg.Report`` imported on first use: the NLP stack they load takes seconds,
    which ``kg query`` and ``kg view`` (and any other importer of a kg module) need not pay."""
    if name in ("build", "Report"):
        from kg.build import Report, build

        globals().update(build=build, Report=Report)  # the function, not the submodule of that name
        return globals()[name]
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
