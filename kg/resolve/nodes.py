"""Mentions across the corpus → one Entity per real-world referent: the resolver's passes, in order (see
the package docstring for the rules), over one shared state of name keys and their clusters."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg.lexicon import actor_label, countries, country_of, known_organizations, name_variation, organizations
from kg.records import Brief, Entity, Extraction, Mention, Merge, Resolution
from kg.resolve.clusters import Clusters, vote
from kg.resolve.events import same_events
from kg.resolve.forms import canonical, form_of, label_variants, printed_variants, written_forms
from kg.resolve.keys import (
    PREFIX,
    in_order,
    normalise,
    org_key,
    org_words,
    place_keys,
    similar,
    slug,
    sound_key,
    strip_titles,
    tokens,
    without_unit,
)
from kg.resolve.roles import group_key, known_body, role_key


def compact(ex: Extraction) -> Brief:
    """What ``resolve`` reads of an article: its mentions, relations, attacks and operations, and the
    forms its text prints around each mention (none for an anaphor: it is not a surface form)."""
    text = ex.article.text
    forms = tuple(
        ((), ()) if m.anaphor else (tuple(written_forms(m, text)), tuple(printed_variants(m, text)))
        for m in ex.mentions
    )
    return Brief(replace(ex, article=replace(ex.article, text=""), sentences=(), statements=()), forms)


def resolve(records: Iterable[Extraction | Brief], event_merge: bool = True) -> Resolution:
    """One node per referent across the articles (their extractions, or ``compact`` ones), every merge
    with its rule; attacks several articles report are one event unless ``event_merge`` is off."""
    nodes = _Nodes([r if isinstance(r, Brief) else compact(r) for r in records])
    extractions = nodes.extractions
    nodes.add_mentions()
    nodes.join_roles()
    nodes.join_places()
    nodes.join_transliterations()
    nodes.join_surnames()
    nodes.join_name_parts()
    nodes.join_initials()
    nodes.join_forces()
    entities, root_to_entity = nodes.entities()
    entities += _operations(extractions)
    entities = [
        replace(e, country=root_to_entity[nodes.clusters.find(_key("Location", normalise(e.country)))])
        if e.country in countries() and e.kind != "Location"
        else replace(e, country=None)
        for e in entities
    ]
    mention_entity = {mk: root_to_entity[nodes.clusters.find(k)] for mk, k in nodes.mention_key.items()}
    labels = {e.key: e.label for e in entities}
    return Resolution(
        tuple(sorted(entities, key=lambda e: e.key)),
        mention_entity,
        {name: f"operation/{name}" for name in sorted(_operation_names(extractions))},
        _facts(extractions, mention_entity, nodes.leads, nodes.clusters, root_to_entity),
        nodes.merges(root_to_entity),
        tuple(sorted({(nodes.form(a), nodes.form(b), rule) for a, b, rule in nodes.clusters.refused})),
        same_events(extractions, mention_entity, labels) if event_merge else {},
    )


def _key(kind: str, name: str) -> str:
    return f"{kind}:{name}"


class _Nodes:
    """The resolver's state: every mention's name key ("Person:khalifa-haftar"), the clusters joining keys,
    and what each key was printed as, where, and of what kind."""

    def __init__(self, briefs: list[Brief]) -> None:
        self.briefs = briefs
        self.extractions = [b.extraction for b in briefs]
        self.known = {normalise(form): normalise(name) for form, name in organizations().items()}
        self.known_label = {normalise(name): name for name in known_organizations()}
        self.ids = place_keys()
        self.clusters = Clusters()
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)  # name key → surface forms
        self.printed: dict[str, set[str]] = defaultdict(set)  # name key → variants printed around (alt labels)
        self.articles: dict[str, set[str]] = defaultdict(set)
        self.kind_of: dict[str, str] = {}
        self.mention_key: dict[tuple[str, int, int], str] = {}
        self.display: dict[str, str] = {}
        self.roles: dict[str, tuple[str, str | None]] = {}  # key of an actor named by role → (sector, state/people)
        self.unprinted: dict[str, str] = {}
        self.forces: list[tuple[str, Mention, tuple[tuple[str, ...], tuple[str, ...]]]] = []
        self.force_merges: list[tuple[str, str, str, str]] = []  # (cluster key, form, leader, article)
        self.full_by_surname: dict[str, set[str]] = defaultdict(set)
        self.leads: dict[str, set[str]] = defaultdict(set)
        self.voted = self._kinds()

    def form(self, key: str) -> str:
        return form_of(key, self.forms)

    def _kinds(self) -> dict[str, dict[str, str]]:
        """Each name's kind by vote over the corpus: the NER may call a person a place once. A one-word name
        that is the surname of exactly one person named in the same article is that person's surname,
        whatever the NER said ("Al-Masmari" tagged as an organisation), unless the gazetteers know it as a
        place or an organisation."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for ex in self.extractions:
            for m in ex.mentions:
                if not m.leader and m.kind != "Group" and not m.sector and not m.country:
                    votes[normalise(m.text)][m.kind] += 1
        voted = {name: vote(name, kinds) for name, kinds in votes.items()}
        for ex in self.extractions:
            surnames: dict[str, set[str]] = defaultdict(set)
            for m in ex.mentions:
                parts = tokens(normalise(m.text))
                if m.kind == "Person" and len(parts) > 1 and not m.leader:
                    surnames[sound_key(parts[-1])].add(normalise(m.text))
            for m in ex.mentions:
                if m.kind == "Group" or m.sector or m.country:
                    continue
                name = normalise(m.text)
                known = name in self.ids or name in self.known
                alone = m.kind != "Person" and len(tokens(name)) == 1 and not known
                if alone and len(surnames.get(sound_key(name), ())) == 1:
                    voted[name] = {**voted[name], m.kind: "Person"}
        return voted

    def add_mentions(self) -> None:
        """Every mention's key: normalised names (and known aliases) of named mentions, role keys of actors
        named by role, group keys of collectives; "X's forces" wait for ``join_forces``."""
        for brief in self.briefs:
            aid = brief.extraction.article.id
            for m, (written, printed) in zip(brief.extraction.mentions, brief.forms, strict=True):
                if m.leader:
                    self.forces.append((aid, m, (written, printed)))
                    continue
                kind, k = self._key_of(m, aid)
                self.clusters.find(k)
                self.kind_of[k] = kind
                self.mention_key[(aid, m.begin, m.end)] = k
                self.articles[k].add(aid)
                if not m.anaphor:
                    self.forms[k].update(written)
                    self.printed[k].update(printed)
                else:
                    self.unprinted.setdefault(k, m.text)  # its label if no article prints it ("the Saudi-led ...")
                if m.acronym:
                    acr = _key("Organization", normalise(m.acronym))
                    self.clusters.union(k, acr, "acronym")
                    self.kind_of[acr] = "Organization"

    def _key_of(self, m: Mention, aid: str) -> tuple[str, str]:
        if m.sector or m.country:
            kind, k = role_key(m, aid)
            self.roles.setdefault(k, (m.sector or "", m.country))
            return kind, k
        if m.kind == "Group":
            k, label = group_key(m)
            self.display.setdefault(k, label)
            return "Group", k
        name = normalise(m.text)
        kind = self.voted[name][m.kind]
        if kind == "Organization":
            name = org_key(name)
        elif kind == "Location":  # every name of a country is the country ("DRC", "DR Congo")
            name = normalise(country_of(m.text) or without_unit(m.text))
        k = _key(kind, name)
        if kind == "Organization" and name in self.known and self.known[name] != name:
            canonical_key = _key(kind, self.known[name])
            self.kind_of[canonical_key] = kind
            self.clusters.union(canonical_key, k, "known-alias")
        return kind, k

    def join_roles(self) -> None:
        """An actor named by role joins its state's one known body of that sector; its state is a node too
        (kgo:country), named or not."""
        for k, (sector, state) in sorted(self.roles.items()):
            body = known_body(sector, state) if sector and state else None
            if body is not None:
                canonical_key = _key("Organization", normalise(body))
                self.kind_of[canonical_key] = "Organization"
                self.clusters.union(canonical_key, k, "country-and-sector")
            elif sector and state:
                self.display.setdefault(k, actor_label(sector, state))
            if state in countries():
                place = _key("Location", normalise(state))
                self.kind_of.setdefault(place, "Location")
                self.display.setdefault(place, state)
                self.clusters.find(place)
                self.articles[place] |= self.articles[k]  # "Danish troops" mentions Denmark

    def join_places(self) -> None:
        """Places the gazetteer knows under both names ("Kiev"/"Kyiv", "Aleppo"/"Halab")."""
        by_place: dict[str, list[str]] = defaultdict(list)
        for k, kind in sorted(self.kind_of.items()):
            for pid in self.ids.get(k.split(":", 1)[1], ()) if kind == "Location" else ():
                by_place[pid].append(k)
        for _pid, keys in sorted(by_place.items()):
            for other in keys[1:]:
                self.clusters.union(keys[0], other, "gazetteer")

    def join_transliterations(self) -> None:
        """Names blocked by sound key, joined when every word pair is alike; two names the gazetteer knows as
        different places stay apart ("Tirana" is not "Turin")."""
        threshold = name_variation()["min_similarity"]
        blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
        for k, kind in self.kind_of.items():
            if k not in self.roles:
                blocks[(kind, sound_key(k.split(":", 1)[1]))].append(k)
        ids = self.ids
        for (kind, _), keys in sorted(blocks.items()):
            keys.sort()
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    na, nb = a.split(":", 1)[1], b.split(":", 1)[1]
                    if kind == "Location" and na in ids and nb in ids and not ids[na] & ids[nb]:
                        continue
                    score = similar(na, nb)
                    if score >= threshold:
                        self.clusters.union(a, b, "transliteration", round(score, 3))

    def join_surnames(self) -> None:
        """Surname-only mentions join the one full name ending with them (article first, then corpus),
        surnames compared by sound key ("Hafter" → "Khalifa Haftar")."""
        article_full: dict[tuple[str, str], set[str]] = defaultdict(set)
        for k, kind in self.kind_of.items():
            if kind != "Person":
                continue
            parts = tokens(k.split(":", 1)[1])
            if len(parts) > 1:
                for width in (1, 2):
                    if width < len(parts):
                        tail = sound_key("-".join(parts[-width:]))
                        self.full_by_surname[tail].add(k)
                        for aid in self.articles[k]:
                            article_full[(aid, tail)].add(k)
        find = self.clusters.find
        for k, kind in list(self.kind_of.items()):
            if kind != "Person" or len(tokens(k.split(":", 1)[1])) > 2:
                continue
            name = sound_key(k.split(":", 1)[1])
            for aid in sorted(self.articles[k]):
                local = {find(x) for x in article_full.get((aid, name), set())} - {find(k)}
                if len(local) == 1:
                    self.clusters.union(next(iter(local)), k, "surname", 0.9)
            corpus = {find(x) for x in self.full_by_surname.get(name, set())} - {find(k)}
            if len(corpus) == 1:
                self.clusters.union(next(iter(corpus)), k, "surname", 0.8)

    def join_name_parts(self) -> None:
        """Organisation names whose words all recur, in order, in exactly one longer organisation name with
        the same head word: "Derna Shura Council" → "Derna Mujahideen Shura Council" (not "… Council Forces")."""
        words_of = {
            k: org_words(k.split(":", 1)[1])
            for k, kind in self.kind_of.items()
            if kind == "Organization" and k not in self.roles
        }
        postings: dict[tuple[str, str], set[str]] = defaultdict(set)  # (head, word) → names with both
        for k, (head, words) in words_of.items():
            for w in words:
                postings[(head, w)].add(k)
        find = self.clusters.find
        for k, (head, words) in sorted(words_of.items()):
            if len(words) < 2:
                continue
            candidates = set.intersection(*(postings[(head, w)] for w in words))
            longer = {
                find(o) for o in candidates if len(words_of[o][1]) > len(words) and in_order(words, words_of[o][1])
            } - {find(k)}
            if len(longer) == 1:
                self.clusters.union(next(iter(longer)), k, "name-part", 0.7)

    def join_initials(self) -> None:
        """An acronym nobody defined: the initials of exactly one multi-word organisation name, in its own
        article first, else in the corpus ("GNA" = "Government of National Accord")."""
        skips = set(name_variation()["acronym_skips"])
        by_initials: dict[str, set[str]] = defaultdict(set)
        for k, kind in self.kind_of.items():
            words = [w for w in k.split(":", 1)[1].split("-") if w]
            if kind == "Organization" and len(words) > 1 and k not in self.roles:
                by_initials["".join(w[0] for w in words if w not in skips)].add(k)
        find = self.clusters.find
        for k, kind in sorted(self.kind_of.items()):
            surface = self.forms.get(k, Counter())
            if kind != "Organization" or k in self.roles or not surface:
                continue
            if not all(f.isupper() and f.isalpha() for f in surface):
                continue
            named = by_initials.get(k.split(":", 1)[1], set())
            for scope in ({o for o in named if self.articles[o] & self.articles[k]}, named):
                roots = {find(o) for o in scope} - {find(k)}
                if len(roots) == 1:
                    self.clusters.union(next(iter(roots)), k, "initials", 0.8)
                    break
                if len(roots) > 1:
                    break

    def join_forces(self) -> None:
        """ "X’s forces": the organisation X leads, if the corpus says so; else its own organisation."""
        find = self.clusters.find
        for ex in self.extractions:
            for r in ex.relations:
                if r.predicate == "leads" and not r.object.leader:
                    s = self.mention_key.get((ex.article.id, r.subject.begin, r.subject.end))
                    o = self.mention_key.get((ex.article.id, r.object.begin, r.object.end))
                    if s and o:
                        self.leads[find(s)].add(find(o))
        for aid, m, (written, printed) in self.forces:
            leader_name = normalise(m.leader or "")
            named = {find(k) for k in self.full_by_surname.get(sound_key(leader_name), set())}
            leader_key = named.pop() if len(named) == 1 else find(_key("Person", leader_name))
            led = sorted(self.leads.get(leader_key, ()))
            if len(led) == 1:
                k = led[0]
            else:
                k = _key("Organization", leader_key.split(":", 1)[1] + "-forces")
                find(k)
                self.kind_of[k] = "Organization"
                self.display.setdefault(k, f"{_leader_label(leader_key, self.forms, self.clusters)}’s forces")
                self.leads[leader_key].add(k)
            self.mention_key[(aid, m.begin, m.end)] = k
            self.articles[k].add(aid)
            if not m.anaphor:
                self.forms[k].update(written)
                self.printed[k].update(printed)
            self.force_merges.append((k, m.text, m.leader or "", aid))

    def entities(self) -> tuple[list[Entity], dict[str, str]]:
        """One Entity per cluster (its IRI from its label, numbered when two labels slug alike), and each
        cluster root's IRI."""
        members: dict[str, list[str]] = defaultdict(list)
        for k in self.kind_of:
            members[self.clusters.find(k)].append(k)
        entities: list[Entity] = []
        root_to_entity: dict[str, str] = {}
        used: dict[str, int] = {}
        for root, keys in sorted(members.items()):
            kind = self.kind_of[root]
            surface: Counter[str] = Counter()
            for k in keys:
                surface.update(self.forms.get(k, Counter()))
            label = self._label(root, keys, surface)
            iri = f"{PREFIX[kind]}/{slug(strip_titles(label))}"
            used[iri] = used.get(iri, 0) + 1
            if used[iri] > 1:
                iri = f"{iri}-{used[iri]}"
            root_to_entity[root] = iri
            variants = {v for k in keys for v in self.printed.get(k, ())} | label_variants(label)
            alts = tuple(sorted(f for f in set(surface) | variants if f != label))
            arts = tuple(sorted({a for k in keys for a in self.articles[k]}))
            roles = self.roles
            sector, state = next((roles[k] for k in sorted(keys) if k in roles and roles[k][0]), (None, None))
            entities.append(Entity(iri, kind, label, alts, arts, sector=sector, country=state))
        return entities, root_to_entity

    def _label(self, root: str, keys: list[str], surface: Counter[str]) -> str:
        """The gazetteer's name, else a role's or group's display name, else the fullest printed form."""
        return (
            next((self.known_label[k.split(":", 1)[1]] for k in keys if k.split(":", 1)[1] in self.known_label), None)
            or next((self.display[k] for k in keys if k in self.display), None)
            or canonical(surface)
            or next((self.unprinted[k] for k in sorted(keys) if k in self.unprinted), None)
            or root
        )

    def merges(self, root_to_entity: dict[str, str]) -> tuple[Merge, ...]:
        find = self.clusters.find
        out = [
            Merge(
                root_to_entity.get(find(a), a),
                self.form(b),
                self.form(a),
                rule,
                score,
                tuple(sorted(self.articles.get(b, set()) or self.articles.get(a, set()))),
            )
            for a, b, rule, score in self.clusters.why
            if find(a) in root_to_entity
        ]
        out += [
            Merge(root_to_entity[find(k)], form, leader, "leader-force", 0.8, (aid,))
            for k, form, leader, aid in self.force_merges
        ]
        return tuple(sorted(set(out)))


def _operation_names(extractions: list[Extraction]) -> dict[str, Counter[str]]:
    """Normalised operation name → the forms printed for it."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        for op in ex.operations:
            out[normalise(op.name)][op.name] += 1
        for a in ex.attacks:
            if a.operation:
                out[normalise(a.operation)][a.operation] += 1
    return out


def _operations(extractions: list[Extraction]) -> list[Entity]:
    """One Operation node per normalised name."""
    articles: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for name in [op.name for op in ex.operations] + [a.operation for a in ex.attacks if a.operation]:
            articles[normalise(name)].add(ex.article.id)
    out = []
    for name, counter in sorted(_operation_names(extractions).items()):
        label = canonical(counter) or name
        alts = tuple(sorted(f for f in counter if f != label))
        out.append(Entity(f"operation/{name}", "Operation", label, alts, tuple(sorted(articles[name]))))
    return out


def _leader_label(key: str, forms: dict[str, Counter[str]], clusters: Clusters) -> str:
    surface: Counter[str] = Counter()
    for k, counter in forms.items():
        if clusters.find(k) == key:
            surface.update(counter)
    return canonical(surface) or key.split(":", 1)[-1]


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
