"""Check the metadata fields of one input record (a JSON Lines record or a metadata.json entry).

What can be kept is kept, the rest is dropped with a warning naming the field: one bad field
never costs the article. Dates in the forms news feeds use (ISO dates and timestamps with a
zone, RFC 2822, "June 15, 2018", "15 June 2018") become an ISO date (the date as written, in
the writer's zone), parsed by python-dateutil; anything without a day, month and year is dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from dateutil import parser as dateparser

from kg.records import ReadWarning

TEXT_FIELDS = ("title", "source")
_DEFAULTS = (datetime(2001, 2, 3), datetime(2004, 5, 6))  # a part dateutil filled in differs between the two


def checked(record: dict, where: str) -> tuple[dict[str, str], list[ReadWarning]]:
    """``title``, ``url``, ``published`` and ``source`` of ``record`` as clean strings (a field
    dropped is absent), and a warning for each field dropped or mended."""
    meta: dict[str, str] = {}
    warnings: list[ReadWarning] = []

    def warn(name: str, value: object, what: str) -> None:
        warnings.append(ReadWarning(where, f"field {name!r}: {_show(value)} {what}"))

    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            meta[name] = " ".join(" ".join(v.split()) for v in value if v.strip())
            warn(name, value, f"is a list; joined as {meta[name]!r}")
        elif isinstance(value, str):
            meta[name] = " ".join(value.split())
        else:
            warn(name, value, "is not a string; dropped")
    url = record.get("url")
    if url not in (None, ""):
        if valid_url(url):
            meta["url"] = url
        else:
            warn("url", url, "is not an absolute http(s) URL without spaces; dropped")
    published = record.get("published")
    if published not in (None, ""):
        iso = iso_date(published) if isinstance(published, str) else None
        if iso:
            meta["published"] = iso
        else:
            warn("published", published, "is not a date with day, month and year; dropped")
    return meta, warnings


def valid_url(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def iso_date(text: str) -> str | None:
    """``YYYY-MM-DD`` of a date or timestamp as news feeds write it; None when it is none."""
    text = text.strip()
    if not text or len(text) > 64 or not re.search(r"\d", text):
        return None
    try:
        return _plausible(datetime.fromisoformat(text.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    try:
        return _plausible(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        pass
    try:
        first, second = (dateparser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None  # "June 2018", "15": a part of the date is missing
    return _plausible(first.date())


def _plausible(day: date) -> str | None:
    return day.isoformat() if 1800 <= day.year <= 2200 else None


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
