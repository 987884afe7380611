"""Date expressions as written, resolved against the article's published date when it has one."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
DAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PATTERN = re.compile(
    rf"\b(?:(?:[Oo]n\s+)?(?P<d1>\d{{1,2}})\s+{_MONTH},?\s+(?P<y1>\d{{4}})"  # 15 June, 2018
    rf"|(?:[Oo]n\s+)?{_MONTH}\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"  # on June 15, 2018
    rf"|(?:on\s+)?(?P<d3>\d{{1,2}})\s+{_MONTH}"  # on 5 June
    rf"|(?:[Ii]n|[Oo]n|[Ss]ince|[Bb]y|[Ll]ast|[Tt]his)\s+{_MONTH}(?:\s+(?P<y4>\d{{4}}))?"  # In May, last May 2014
    rf"|(?:[Oo]n\s+|[Ll]ast\s+)?{_DAY}"  # on Wednesday
    r"|(?:[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>week|month|year)"
    r"|\b(?P<rel>(?i:yesterday|today|tonight))\b"
    r"|(?:[Ii]n|[Ss]ince)\s+(?P<y5>(?:19|20)\d{2})\b"  # in 2014
    r"|(?P<ago>(?i:two|three|four|five|\d+)\s+(?:days|weeks|months)\s+(?:ago|later|earlier))"
    r")"
)
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}


def find_dates(text: str, published: str | None) -> list[tuple[int, int, str, str | None]]:
    """(begin, end, text as written, ISO date or None) for each date expression in ``text``."""
    ref = date.fromisoformat(published) if published else None
    out = []
    for m in PATTERN.finditer(text):
        out.append((m.start(), m.end(), m.group(0), _resolve(m, ref)))
    return out


def _resolve(m: re.Match, ref: date | None) -> str | None:
    g = m.groupdict()
    words = m.group(0).lower().split()
    month = next((MONTHS[w.strip(",")] for w in words if w.strip(",") in MONTHS), None)
    try:
        if g["y1"] or g["y2"]:
            return date(int(g["y1"] or g["y2"]), month, int(g["d1"] or g["d2"])).isoformat()
        if g["y5"]:
            return None  # a bare year is not a day
        if ref is None:
            return None
        if g["d3"] and month:
            year = ref.year if month <= ref.month else ref.year - 1
            return date(year, month, int(g["d3"])).isoformat()
        if month:
            return None  # "In May" names a month, not a day: kept as dateText only
        day = next((DAYS[w] for w in words if w in DAYS), None)
        if day is not None:  # the most recent such weekday on or before publication
            return (ref - timedelta(days=(ref.weekday() - day) % 7)).isoformat()
        rel = (g["rel"] or "").lower()
        if rel == "yesterday":
            return (ref - timedelta(days=1)).isoformat()
        if rel in ("today", "tonight"):
            return ref.isoformat()
        if g["ago"]:
            n = words[0]
            count = NUMBERS.get(n) or (int(n) if n.isdigit() else None)
            if count and words[1].startswith("day") and words[2] == "ago":
                return (ref - timedelta(days=count)).isoformat()
    except ValueError:
        return None
    return None
