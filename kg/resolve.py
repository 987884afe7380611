"""resolve: mentions across the corpus → one Entity per real-world referent, each merge explained.

Rules, in order of strength:
- ``normalised``: same name after Unicode, quote, diacritic, case, title and possessive folding;
- ``acronym``: an acronym the text defines ("Libyan National Army (LNA)");
- ``known-alias``: a name the organisations gazetteer lists for the same body ("UN" = "United Nations");
- ``surname``: a surname-only mention joins the one full name that ends with it (in the article, else corpus);
- ``leader-force``: "X’s forces" joins the organisation X leads, when the corpus says so.
A Person never merges with an Organization or a Location.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.lexicon import lexicon, organizations
from kg.records import Entity, Extraction, Mention, Merge, Resolution

PREFIX = {
    "Person": "person",
    "Organization": "organization",
    "Location": "location",
    "Operation": "operation",
}


def slug(text: str) -> str:
    """ASCII, lower case, hyphen-separated: the stable tail of an IRI."""
    text = re.sub(r"[’']s\b", "", text)
    text = unicodedata.normalize("NFKD", text.replace("’", "").replace("'", ""))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def strip_titles(name: str) -> str:
    """Drop leading titles and ranks ("Field Marshal Khalifa Haftar" → "Khalifa Haftar")."""
    titles = lexicon().titles
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for width in (3, 2, 1):
            if len(words) > width and " ".join(words[:width]).lower() in titles:
                words = words[width:]
                changed = True
                break
    return " ".join(words)


def normalise(name: str) -> str:
    """The key under which spelling variants of one name meet."""
    name = unicodedata.normalize("NFKC", name).replace("\u00a0", " ")
    name = re.sub(r"[’']s\b", "", name)
    name = re.sub(r"^(the|The)\s+", "", name.strip(" \"“”'’"))
    return slug(strip_titles(name))


class _Clusters:
    """Union-find over mention keys, remembering why each union happened."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.why: list[tuple[str, str, str, float]] = []

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, rule: str, score: float = 1.0) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.why.append((a, b, rule, score))


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    known = {normalise(form): normalise(name) for form, name in organizations().items()}
    extractions = list(extractions)
    clusters = _Clusters()
    forms: dict[str, Counter[str]] = defaultdict(Counter)  # name key → surface forms
    articles: dict[str, set[str]] = defaultdict(set)
    kind_of: dict[str, str] = {}
    mention_key: dict[tuple[str, int, int], str] = {}
    display: dict[str, str] = {}

    def key_for(kind: str, name: str) -> str:
        return f"{kind}:{name}"

    # 1. Normalised names (and known aliases) of named mentions.
    forces: list[tuple[str, Mention]] = []
    force_merges: list[tuple[str, str, str, str]] = []  # (cluster key, form, leader, article)
    for ex in extractions:
        aid = ex.article.id
        for m in ex.mentions:
            if m.leader:
                forces.append((aid, m))
                continue
            name = normalise(m.text)
            k = key_for(m.kind, name)
            if m.kind == "Organization" and name in known and known[name] != name:
                canonical = key_for(m.kind, known[name])
                kind_of[canonical] = m.kind
                clusters.union(canonical, k, "known-alias")
            clusters.find(k)
            kind_of[k] = m.kind
            mention_key[(aid, m.begin, m.end)] = k
            articles[k].add(aid)
            if not m.anaphor:
                forms[k][m.text] += 1
                if m.title and m.title.lower() in lexicon().military_titles:
                    forms[k][f"{m.title} {m.text}"] += 1
            if m.acronym:
                acr = key_for("Organization", normalise(m.acronym))
                clusters.union(k, acr, "acronym")
                kind_of[acr] = "Organization"
    # 2. Surname-only mentions join the one full name ending with them (article first, then corpus).
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    article_full: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k, kind in kind_of.items():
        if kind != "Person":
            continue
        parts = k.split(":", 1)[1].split("-")
        if len(parts) > 1:
            for width in (1, 2):
                tail = "-".join(parts[-width:])
                if tail != parts[0]:
                    full_by_surname[tail].add(k)
                    for aid in articles[k]:
                        article_full[(aid, tail)].add(k)
    for k, kind in list(kind_of.items()):
        name = k.split(":", 1)[1]
        if kind != "Person":
            continue
        for aid in sorted(articles[k]):
            local = article_full.get((aid, name), set()) - {k}
            if len(local) == 1:
                clusters.union(next(iter(local)), k, "surname", 0.9)
        corpus = full_by_surname.get(name, set()) - {k}
        if len(corpus) == 1:
            clusters.union(next(iter(corpus)), k, "surname", 0.8)
    # 3. "X’s forces": the organisation X leads, if the corpus says so; else its own organisation.
    leads: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for r in ex.relations:
            if r.predicate == "leads" and not r.object.leader:
                s = mention_key.get((ex.article.id, r.subject.begin, r.subject.end))
                o = mention_key.get((ex.article.id, r.object.begin, r.object.end))
                if s and o:
                    leads[clusters.find(s)].add(clusters.find(o))
    for aid, m in forces:
        leader_name = normalise(m.leader or "")
        named = {clusters.find(k) for k in full_by_surname.get(leader_name, set())}
        leader_key = named.pop() if len(named) == 1 else clusters.find(key_for("Person", leader_name))
        led = sorted(leads.get(leader_key, ()))
        if len(led) == 1:
            k = led[0]
        else:
            k = key_for("Organization", leader_key.split(":", 1)[1] + "-forces")
            clusters.find(k)
            kind_of[k] = "Organization"
            display.setdefault(k, f"{_leader_label(leader_key, forms, clusters)}’s forces")
            leads[leader_key].add(k)
        mention_key[(aid, m.begin, m.end)] = k
        articles[k].add(aid)
        if not m.anaphor:
            forms[k][m.text] += 1
        force_merges.append((k, m.text, m.leader or "", aid))
    # 4. One Entity per cluster.
    members: dict[str, list[str]] = defaultdict(list)
    for k in kind_of:
        members[clusters.find(k)].append(k)
    entities: list[Entity] = []
    root_to_entity: dict[str, str] = {}
    used: dict[str, int] = {}
    for root, keys in sorted(members.items()):
        kind = kind_of[root]
        surface: Counter[str] = Counter()
        for k in keys:
            surface.update(forms.get(k, Counter()))
        label = next((display[k] for k in keys if k in display), None) or _canonical(surface) or root
        iri = f"{PREFIX[kind]}/{slug(strip_titles(label))}"
        used[iri] = used.get(iri, 0) + 1
        if used[iri] > 1:
            iri = f"{iri}-{used[iri]}"
        root_to_entity[root] = iri
        alts = tuple(sorted(f for f in surface if f != label))
        arts = tuple(sorted({a for k in keys for a in articles[k]}))
        entities.append(Entity(iri, kind, label, alts, arts))
    # Operations: one per normalised name.
    op_entity: dict[str, str] = {}
    op_forms: dict[str, Counter[str]] = defaultdict(Counter)
    op_articles: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for op in ex.operations:
            op_forms[normalise(op.name)][op.name] += 1
            op_articles[normalise(op.name)].add(ex.article.id)
        for a in ex.attacks:
            if a.operation:
                op_forms[normalise(a.operation)][a.operation] += 1
                op_articles[normalise(a.operation)].add(ex.article.id)
    for name, counter in sorted(op_forms.items()):
        label = _canonical(counter) or name
        iri = f"operation/{name}"
        op_entity[name] = iri
        entities.append(
            Entity(
                iri,
                "Operation",
                label,
                tuple(sorted(f for f in counter if f != label)),
                tuple(sorted(op_articles[name])),
            )
        )
    mention_entity = {mk: root_to_entity[clusters.find(k)] for mk, k in mention_key.items()}
    facts = _facts(extractions, mention_entity, leads, clusters, root_to_entity)
    merges = [
        Merge(
            root_to_entity.get(clusters.find(a), a),
            _form_of(b, forms),
            _form_of(a, forms),
            rule,
            score,
            tuple(sorted(articles.get(b, set()) | articles.get(a, set()))),
        )
        for a, b, rule, score in clusters.why
        if clusters.find(a) in root_to_entity
    ]
    merges += [
        Merge(root_to_entity[clusters.find(k)], form, leader, "leader-force", 0.8, (aid,))
        for k, form, leader, aid in force_merges
    ]
    return Resolution(
        tuple(sorted(entities, key=lambda e: e.key)), mention_entity, op_entity, facts, tuple(sorted(set(merges)))
    )


def _form_of(key: str, forms: dict[str, Counter[str]]) -> str:
    counter = forms.get(key)
    return counter.most_common(1)[0][0] if counter else key.split(":", 1)[-1]


def _leader_label(key: str, forms: dict[str, Counter[str]], clusters: _Clusters) -> str:
    surface: Counter[str] = Counter()
    for k, counter in forms.items():
        if clusters.find(k) == key:
            surface.update(counter)
    return _canonical(surface) or key.split(":", 1)[-1]


def _canonical(surface: Counter[str]) -> str | None:
    """The fullest common form: most words (titles and possessives aside), then most frequent, then A–Z."""
    plain = [f for f in surface if strip_titles(f) == f and not re.search(r"[’']s\b", f)] or list(surface)
    if not plain:
        return None
    return sorted(plain, key=lambda f: (-len(f.split()), -surface[f], f))[0]


def _facts(extractions, mention_entity, leads, clusters, root_to_entity) -> tuple[tuple[str, str, str], ...]:
    out: set[tuple[str, str, str]] = set()
    for ex in extractions:
        for r in ex.relations:
            s = mention_entity.get((ex.article.id, r.subject.begin, r.subject.end))
            o = mention_entity.get((ex.article.id, r.object.begin, r.object.end))
            if s and o and s != o:
                out.add((s, r.predicate, o))
    for leader, orgs in leads.items():
        s = root_to_entity.get(clusters.find(leader))
        for org in orgs:
            o = root_to_entity.get(clusters.find(org))
            if s and o and s != o:
                out.add((s, "leads", o))
    return tuple(sorted(out))
