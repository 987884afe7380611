"""Union-find over name keys with the reason for every union, and the vote that decides a name's kind."""

from __future__ import annotations

from collections import Counter

from kg.resolve.keys import different_bodies, different_people


class Clusters:
    """Union-find over name keys ("Person:khalifa-haftar"), remembering why each union happened
    and refusing unions that would put two different people in one cluster."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.why: list[tuple[str, str, str, float]] = []
        self.refused: list[tuple[str, str, str]] = []

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = [x]
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, rule: str, score: float = 1.0) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if ra.startswith("Person:") and different_people(self.members[ra], self.members[rb]):
            self.refused.append((a, b, rule))
            return False
        if ra.startswith("Organization:") and different_bodies(self.members[ra], self.members[rb]):
            self.refused.append((a, b, rule))
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.members[keep] += self.members.pop(gone)
        self.why.append((a, b, rule, score))
        return True


def vote(name: str, kinds: Counter[str]) -> dict[str, str]:
    """Each kind a name was tagged with → the kind it is resolved as.

    The NER sometimes calls a person a place: a kind with the strict majority of a name's mentions
    takes the others; a tie between Person and another kind goes to Person for a full name.
    Otherwise (one-word names in a tie: "Derna" the city and "Derna" a person) kinds stay apart.
    """
    ranked = kinds.most_common()
    top, n = ranked[0]
    if n * 2 > sum(kinds.values()):
        return dict.fromkeys(kinds, top)
    if "-" in name and kinds.get("Person", 0) == n:
        return dict.fromkeys(kinds, "Person")
    return {k: k for k in kinds}
