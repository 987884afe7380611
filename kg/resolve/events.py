"""Cross-document event coreference: one attack reported by several articles."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from kg.records import Attack, Extraction


def same_events(
    extractions: list[Extraction], entity_of: dict[tuple[str, int, int], str], labels: dict[str, str]
) -> dict[tuple[str, int], tuple[str, str, float]]:
    """Cross-document event coreference: attacks in different articles with the same type,
    perpetrator and place, and no conflicting date or casualty count, are one attack.

    Attacks without a resolved perpetrator and place are never merged: too little to go on.
    """
    groups: dict[tuple[str, str, str], list[_Cluster]] = defaultdict(list)
    for ex in extractions:
        aid = ex.article.id
        for a in ex.attacks:
            perp = a.perpetrator and entity_of.get((aid, a.perpetrator.begin, a.perpetrator.end))
            place = a.location and entity_of.get((aid, a.location.begin, a.location.end))
            if not (perp and place):
                continue
            clusters = groups[(a.attack_type, perp, place)]
            home = next((c for c in clusters if c.admits(aid, a)), None)
            if home is None:
                clusters.append(_Cluster(aid, a))
            else:
                home.add(aid, a)
    out: dict[tuple[str, int], tuple[str, str, float]] = {}
    for (kind, perp, place), clusters in sorted(groups.items()):
        for cluster in clusters:
            if len(cluster.articles) < 2:
                continue
            members = cluster.members
            first = min(members, key=lambda x: (x[0], x[1].trigger_begin))
            digest = hashlib.sha1(f"{first[0]}|{first[1].trigger_begin}|{kind}".encode()).hexdigest()[:16]
            label = f"{first[1].trigger} by {labels[perp]} in {labels[place]}"
            confidence = max(a.confidence for _, a in members)
            for aid, a in members:
                out[(aid, a.trigger_begin)] = (f"attack/{digest}", label, confidence)
    return out


class _Cluster:
    """Reports of one attack, from different articles, whose dates and counts agree: each of these is
    the one value its members give (or None), so a new report is checked against the cluster at once
    rather than against every member (which grew with the corpus)."""

    def __init__(self, aid: str, a: Attack) -> None:
        self.members: list[tuple[str, Attack]] = []
        self.articles: set[str] = set()
        self.facts: tuple[object, ...] = (None, None, None)
        self.add(aid, a)

    def admits(self, aid: str, a: Attack) -> bool:
        """Another article's report of the same attack: no date or count says otherwise."""
        return aid not in self.articles and all(
            x is None or y is None or x == y for x, y in zip(self.facts, _facts(a), strict=True)
        )

    def add(self, aid: str, a: Attack) -> None:
        self.members.append((aid, a))
        self.articles.add(aid)
        self.facts = tuple(x if x is not None else y for x, y in zip(self.facts, _facts(a), strict=True))


def _facts(a: Attack) -> tuple[object, ...]:
    return a.date, a.killed, a.injured
