"""document: one article as a whole, between extraction and the corpus-wide steps.

``document(extraction)`` is a pure function of one article's records: it joins the attack
mentions that tell the same event, fills each event's slots from every sentence that tells it,
folds a headline's statements into the lead statements that tell them again, and resolves references
within the article. It keeps no corpus-wide state, so it runs wherever
extraction runs (a worker process, a Dask worker).
"""

from __future__ import annotations

from kg.document.events import events, headline_end
from kg.document.statements import answered, carried_on, headline_tellings
from kg.records import Extraction

__all__ = ["document"]


def document(extraction: Extraction) -> Extraction:
    """The article's records with its events, its headline's statements told again by the lead, and
    in-article references resolved."""
    return carried_on(answered(headline_tellings(events(extraction), headline_end(extraction))))
