"""resolve: mentions across the corpus → one Entity per real-world referent, each merge explained.

Rules (their explanations are in RULES and DIR/aliases.json):
- ``normalised``: same name after Unicode, quote, diacritic, case, title and possessive folding;
- ``acronym``: an acronym the text defines ("Libyan National Army (LNA)");
- ``known-alias``: a name the organisations gazetteer lists for the same body ("UN" = "United Nations");
- ``gazetteer``: two names GeoNames gives one place ("Kiev", "Kyiv");
- ``transliteration``: same consonant skeleton, every word pair alike ("Hafter", "Haftar");
- ``surname``: a surname-only mention joins the one full name that ends with it (in the article, else corpus);
- ``name-part``: an organisation name inside exactly one longer one with the same head word;
- ``leader-force``: "X’s forces" joins the organisation X leads, when the corpus says so;
- ``country-and-sector``: an actor named by role ("Nigerian troops", "the army of Nigeria") is one node per
  state (or people) and sector, joined with the state's one known body of that sector ("Israeli forces" =
  "Israel Defense Forces") or the people's movement ("Houthi rebels" = "Houthis"); without a state it is
  its article's own group.
Constraints: a Person never merges with an Organization or a Location; two full names with one surname and
different given names never share a cluster; two places GeoNames tells apart stay apart.
Then attacks: the same attack in several articles becomes one event (``same_events``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache

from rapidfuzz.distance import JaroWinkler

from kg.cache import disk_cached
from kg.lexicon import (
    acting_nouns,
    actor_label,
    countries,
    country_of,
    demonyms,
    known_organizations,
    lexicon,
    name_variation,
    organizations,
    peoples,
    place_ids,
)
from kg.records import Attack, Entity, Extraction, Mention, Merge, Resolution

PREFIX = {
    "Person": "person",
    "Organization": "organization",
    "Location": "location",
    "Group": "group",
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


@lru_cache(maxsize=1 << 18)
def normalise(name: str) -> str:
    """The key under which spelling variants of one name meet."""
    name = unicodedata.normalize("NFKC", name).replace("\u00a0", " ")
    name = re.sub(r"[’']s\b", "", name)
    name = re.sub(r"^(the|The)\s+", "", name.strip(" \"“”'’"))
    return slug(strip_titles(name))


def tokens(key: str) -> list[str]:
    """A normalised name's words without article particles ("al-masmari" → ["masmari"])."""
    particles = name_variation()["particles"]
    words = [w for w in key.split("-") if w]
    kept = [w for w in words if w not in particles]
    return kept or words


def skeleton(word: str) -> str:
    """A word's consonant skeleton after folding letter groups that romanise one sound.

    "haftar"/"hafter" → "hftr"; "gadhafi"/"qaddafi"/"gaddafi" → "kdf"; "maetig"/"maiteeq" → "mtk".
    """
    nv = name_variation()
    word = re.sub(r"(?<=[aeiou])h$", "", word)  # a final -ah is -a ("Darnah", "Derna")
    for group, sound in nv["correspondences"]:
        word = word.replace(group, sound)
    word = "".join(ch for ch in word if ch not in nv["vowels"])
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1 << 18)
def sound_key(key: str) -> str:
    """The blocking key of a normalised name: its words' skeletons. Short words stay spelled out."""
    short = name_variation()["min_letters"]
    return " ".join(skeleton(w) if len(w) >= short else f"={w}" for w in tokens(key))


def similar(a: str, b: str) -> float:
    """How alike two normalised names with the same sound key are: the weakest word pair's Jaro-Winkler."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) != len(tb):
        return 0.0
    return min(JaroWinkler.similarity(x, y) for x, y in zip(ta, tb, strict=True))


@disk_cached
def _place_keys() -> dict[str, frozenset[str]]:
    """Normalised place name → GeoNames ids, computed once per process (58,000 names)."""
    ids: dict[str, frozenset[str]] = {}
    for name, found in place_ids().items():
        ids[normalise(name)] = ids.get(normalise(name), frozenset()) | found
    return ids


def different_people(a: Iterable[str], b: Iterable[str]) -> bool:
    """Cannot-link: two full names with one surname but different given names ("Fayez al-Sarraj",
    "Ahmed al-Sarraj") are two people, whatever joins them."""
    threshold = name_variation()["min_similarity"]
    full_a = [t for t in (tokens(k.split(":", 1)[-1]) for k in a) if len(t) > 1]
    full_b = [t for t in (tokens(k.split(":", 1)[-1]) for k in b) if len(t) > 1]
    for ta in full_a:
        for tb in full_b:
            same_surname = sound_key(ta[-1]) == sound_key(tb[-1])
            if same_surname and JaroWinkler.similarity(ta[0], tb[0]) < threshold:
                return True
    return False


def different_bodies(a: Iterable[str], b: Iterable[str]) -> bool:
    """Cannot-link: two bodies the gazetteer knows apart ("Arakan Army", "Arakan Rohingya Salvation Army")."""
    known = _known_keys()
    in_a = {known[k] for k in a if k in known}
    return bool(in_a) and bool({known[k] for k in b if k in known} - in_a)


@cache
def _known_keys() -> dict[str, str]:
    """Organisation key of every gazetteer name → its body's canonical name."""
    return {f"Organization:{normalise(form)}": name for form, name in organizations().items()}


class _Clusters:
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


def _vote(name: str, kinds: Counter[str]) -> dict[str, str]:
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


def compact(ex: Extraction) -> Extraction:
    """What ``resolve`` reads of an article, and all a build keeps in memory per article: its
    mentions, relations, attacks and operations, and the text (for forms printed around names).
    Keep in step with ``resolve``: ``resolve(map(compact, xs)) == resolve(xs)`` is tested."""
    return replace(ex, sentences=(), statements=())


def resolve(extractions: Iterable[Extraction], event_merge: bool = True) -> Resolution:
    known = {normalise(form): normalise(name) for form, name in organizations().items()}
    extractions = list(extractions)
    clusters = _Clusters()
    forms: dict[str, Counter[str]] = defaultdict(Counter)  # name key → surface forms
    printed: dict[str, set[str]] = defaultdict(set)  # name key → variants printed around them (alt labels only)
    articles: dict[str, set[str]] = defaultdict(set)
    kind_of: dict[str, str] = {}
    mention_key: dict[tuple[str, int, int], str] = {}
    display: dict[str, str] = {}

    def key_for(kind: str, name: str) -> str:
        return f"{kind}:{name}"

    # 0. Each name's kind by vote over the corpus: the NER may call a person a place once.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        for m in ex.mentions:
            if not m.leader and m.kind != "Group" and not m.sector and not m.country:
                votes[normalise(m.text)][m.kind] += 1
    voted = {name: _vote(name, kinds) for name, kinds in votes.items()}
    # A one-word name that is the surname of exactly one person named in the same article is that
    # person's surname, whatever the NER said ("Al-Masmari" tagged as an organisation), unless the
    # gazetteers know it as a place or an organisation.
    ids = _place_keys()
    for ex in extractions:
        surnames: dict[str, set[str]] = defaultdict(set)
        for m in ex.mentions:
            parts = tokens(normalise(m.text))
            if m.kind == "Person" and len(parts) > 1 and not m.leader:
                surnames[sound_key(parts[-1])].add(normalise(m.text))
        for m in ex.mentions:
            if m.kind == "Group" or m.sector or m.country:
                continue
            name = normalise(m.text)
            alone = m.kind != "Person" and len(tokens(name)) == 1 and name not in ids and name not in known
            if alone and len(surnames.get(sound_key(name), ())) == 1:
                voted[name] = {**voted[name], m.kind: "Person"}
    # 1. Normalised names (and known aliases) of named mentions.
    forces: list[tuple[str, Mention]] = []
    force_merges: list[tuple[str, str, str, str]] = []  # (cluster key, form, leader, article)
    texts: dict[str, str] = {}
    roles: dict[str, tuple[str, str | None]] = {}  # key of an actor named by role → (sector, state or people)
    known_label = {normalise(name): name for name in known_organizations()}
    unprinted: dict[str, str] = {}
    for ex in extractions:
        aid = ex.article.id
        texts[aid] = ex.article.text
        for m in ex.mentions:
            if m.leader:
                forces.append((aid, m))
                continue
            if m.sector or m.country:
                kind, k = _role_key(m, aid)
                roles.setdefault(k, (m.sector or "", m.country))
            elif m.kind == "Group":
                kind, (k, label) = "Group", _group_key(m)
                display.setdefault(k, label)
            else:
                name = normalise(m.text)
                kind = voted[name][m.kind]
                if kind == "Organization":
                    name = _org_key(name)
                elif kind == "Location":  # every name of a country is the country ("DRC", "DR Congo")
                    name = normalise(country_of(m.text) or _without_unit(m.text))
                k = key_for(kind, name)
                if kind == "Organization" and name in known and known[name] != name:
                    canonical = key_for(kind, known[name])
                    kind_of[canonical] = kind
                    clusters.union(canonical, k, "known-alias")
            clusters.find(k)
            kind_of[k] = kind
            mention_key[(aid, m.begin, m.end)] = k
            articles[k].add(aid)
            if not m.anaphor:
                for form in written_forms(m, ex.article.text):
                    forms[k][form] += 1
                printed[k].update(printed_variants(m, ex.article.text))
            else:
                unprinted.setdefault(k, m.text)  # its label if no article prints the name ("the Saudi-led ...")
            if m.acronym:
                acr = key_for("Organization", normalise(m.acronym))
                clusters.union(k, acr, "acronym")
                kind_of[acr] = "Organization"
    # 2. Places the gazetteer knows under both names ("Kiev"/"Kyiv", "Aleppo"/"Halab"); then
    #    transliteration variants: names blocked by sound key, joined when every word pair is alike.
    #    Two names the gazetteer knows as different places stay apart ("Tirana" is not "Turin").
    for k, (sector, state) in sorted(roles.items()):
        body = _known_body(sector, state) if sector and state else None
        if body is not None:
            canonical = key_for("Organization", normalise(body))
            kind_of[canonical] = "Organization"
            clusters.union(canonical, k, "country-and-sector")
        elif sector and state:
            display.setdefault(k, actor_label(sector, state))
        if state in countries():  # its state is a node too (kgo:country), named or not
            place = key_for("Location", normalise(state))
            kind_of.setdefault(place, "Location")
            display.setdefault(place, state)
            clusters.find(place)
            articles[place] |= articles[k]  # "Danish troops" mentions Denmark
    by_place: dict[str, list[str]] = defaultdict(list)
    for k, kind in sorted(kind_of.items()):
        for pid in ids.get(k.split(":", 1)[1], ()) if kind == "Location" else ():
            by_place[pid].append(k)
    for _pid, keys in sorted(by_place.items()):
        for other in keys[1:]:
            clusters.union(keys[0], other, "gazetteer")
    threshold = name_variation()["min_similarity"]
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k, kind in kind_of.items():
        if k not in roles:
            blocks[(kind, sound_key(k.split(":", 1)[1]))].append(k)
    for (kind, _), keys in sorted(blocks.items()):
        keys.sort()
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                na, nb = a.split(":", 1)[1], b.split(":", 1)[1]
                if kind == "Location" and na in ids and nb in ids and not ids[na] & ids[nb]:
                    continue
                score = similar(na, nb)
                if score >= threshold:
                    clusters.union(a, b, "transliteration", round(score, 3))
    # 3. Surname-only mentions join the one full name ending with them (article first, then corpus),
    #    surnames compared by sound key ("Hafter" → "Khalifa Haftar").
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    article_full: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k, kind in kind_of.items():
        if kind != "Person":
            continue
        parts = tokens(k.split(":", 1)[1])
        if len(parts) > 1:
            for width in (1, 2):
                if width < len(parts):
                    tail = sound_key("-".join(parts[-width:]))
                    full_by_surname[tail].add(k)
                    for aid in articles[k]:
                        article_full[(aid, tail)].add(k)
    for k, kind in list(kind_of.items()):
        if kind != "Person" or len(tokens(k.split(":", 1)[1])) > 2:
            continue
        name = sound_key(k.split(":", 1)[1])
        for aid in sorted(articles[k]):
            local = {clusters.find(x) for x in article_full.get((aid, name), set())} - {clusters.find(k)}
            if len(local) == 1:
                clusters.union(next(iter(local)), k, "surname", 0.9)
        corpus = {clusters.find(x) for x in full_by_surname.get(name, set())} - {clusters.find(k)}
        if len(corpus) == 1:
            clusters.union(next(iter(corpus)), k, "surname", 0.8)
    # Organisation names whose words all recur, in order, in exactly one longer organisation name with
    # the same head word: "Derna Shura Council" → "Derna Mujahideen Shura Council" (not "… Council Forces").
    org_words = {
        k: _org_words(k.split(":", 1)[1]) for k, kind in kind_of.items() if kind == "Organization" and k not in roles
    }
    postings: dict[tuple[str, str], set[str]] = defaultdict(set)  # (head, word) → names with both
    for k, (head, words) in org_words.items():
        for w in words:
            postings[(head, w)].add(k)
    for k, (head, words) in sorted(org_words.items()):
        if len(words) < 2:
            continue
        candidates = set.intersection(*(postings[(head, w)] for w in words))
        longer = {
            clusters.find(o)
            for o in candidates
            if len(org_words[o][1]) > len(words) and _in_order(words, org_words[o][1])
        } - {clusters.find(k)}
        if len(longer) == 1:
            clusters.union(next(iter(longer)), k, "name-part", 0.7)
    # An acronym nobody defined: the initials of exactly one multi-word organisation name, in its
    # own article first, else in the corpus ("GNA" = "Government of National Accord").
    skips = set(name_variation()["acronym_skips"])
    by_initials: dict[str, set[str]] = defaultdict(set)
    for k, kind in kind_of.items():
        words = [w for w in k.split(":", 1)[1].split("-") if w]
        if kind == "Organization" and len(words) > 1 and k not in roles:
            by_initials["".join(w[0] for w in words if w not in skips)].add(k)
    for k, kind in sorted(kind_of.items()):
        surface = forms.get(k, Counter())
        if kind != "Organization" or k in roles or not surface or not all(f.isupper() and f.isalpha() for f in surface):
            continue
        named = by_initials.get(k.split(":", 1)[1], set())
        for scope in ({o for o in named if articles[o] & articles[k]}, named):
            roots = {clusters.find(o) for o in scope} - {clusters.find(k)}
            if len(roots) == 1:
                clusters.union(next(iter(roots)), k, "initials", 0.8)
                break
            if len(roots) > 1:
                break
    # 4. "X’s forces": the organisation X leads, if the corpus says so; else its own organisation.
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
        named = {clusters.find(k) for k in full_by_surname.get(sound_key(leader_name), set())}
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
            forms[k].update(written_forms(m, texts[aid]))
            printed[k].update(printed_variants(m, texts[aid]))
        force_merges.append((k, m.text, m.leader or "", aid))
    # 5. One Entity per cluster.
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
        label = (
            next((known_label[k.split(":", 1)[1]] for k in keys if k.split(":", 1)[1] in known_label), None)
            or next((display[k] for k in keys if k in display), None)
            or _canonical(surface)
            or next((unprinted[k] for k in sorted(keys) if k in unprinted), None)
            or root
        )
        iri = f"{PREFIX[kind]}/{slug(strip_titles(label))}"
        used[iri] = used.get(iri, 0) + 1
        if used[iri] > 1:
            iri = f"{iri}-{used[iri]}"
        root_to_entity[root] = iri
        variants = {v for k in keys for v in printed.get(k, ())} | label_variants(label)
        alts = tuple(sorted(f for f in set(surface) | variants if f != label))
        arts = tuple(sorted({a for k in keys for a in articles[k]}))
        sector, state = next((roles[k] for k in sorted(keys) if k in roles and roles[k][0]), (None, None))
        entities.append(Entity(iri, kind, label, alts, arts, sector=sector, country=state))
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
    entities = [
        replace(e, country=root_to_entity[clusters.find(key_for("Location", normalise(e.country)))])
        if e.country in countries() and e.kind != "Location"
        else replace(e, country=None)
        for e in entities
    ]
    mention_entity = {mk: root_to_entity[clusters.find(k)] for mk, k in mention_key.items()}
    facts = _facts(extractions, mention_entity, leads, clusters, root_to_entity)
    merges = [
        Merge(
            root_to_entity.get(clusters.find(a), a),
            _form_of(b, forms),
            _form_of(a, forms),
            rule,
            score,
            tuple(sorted(articles.get(b, set()) or articles.get(a, set()))),
        )
        for a, b, rule, score in clusters.why
        if clusters.find(a) in root_to_entity
    ]
    merges += [
        Merge(root_to_entity[clusters.find(k)], form, leader, "leader-force", 0.8, (aid,))
        for k, form, leader, aid in force_merges
    ]
    refused = tuple(sorted({(_form_of(a, forms), _form_of(b, forms), rule) for a, b, rule in clusters.refused}))
    labels = {e.key: e.label for e in entities}
    return Resolution(
        tuple(sorted(entities, key=lambda e: e.key)),
        mention_entity,
        op_entity,
        facts,
        tuple(sorted(set(merges))),
        refused,
        same_events(extractions, mention_entity, labels) if event_merge else {},
    )


def same_events(
    extractions: list[Extraction], entity_of: dict[tuple[str, int, int], str], labels: dict[str, str]
) -> dict[tuple[str, int], tuple[str, str, float]]:
    """Cross-document event coreference: attacks in different articles with the same type,
    perpetrator and place, and no conflicting date or casualty count, are one attack.

    Attacks without a resolved perpetrator and place are never merged: too little to go on.
    """
    groups: dict[tuple[str, str, str], list[list[tuple[str, Attack]]]] = defaultdict(list)
    for ex in extractions:
        aid = ex.article.id
        for a in ex.attacks:
            perp = a.perpetrator and entity_of.get((aid, a.perpetrator.begin, a.perpetrator.end))
            place = a.location and entity_of.get((aid, a.location.begin, a.location.end))
            if not (perp and place):
                continue
            clusters = groups[(a.attack_type, perp, place)]
            home = next((c for c in clusters if all(_compatible(aid, a, bid, b) for bid, b in c)), None)
            if home is None:
                clusters.append([(aid, a)])
            else:
                home.append((aid, a))
    out: dict[tuple[str, int], tuple[str, str, float]] = {}
    for (kind, perp, place), clusters in sorted(groups.items()):
        for c in clusters:
            if len({aid for aid, _ in c}) < 2:
                continue
            first = min(c, key=lambda x: (x[0], x[1].trigger_begin))
            digest = hashlib.sha1(f"{first[0]}|{first[1].trigger_begin}|{kind}".encode()).hexdigest()[:16]
            label = f"{first[1].trigger} by {labels[perp]} in {labels[place]}"
            confidence = max(a.confidence for _, a in c)
            for aid, a in c:
                out[(aid, a.trigger_begin)] = (f"attack/{digest}", label, confidence)
    return out


def _compatible(aid: str, a: Attack, bid: str, b: Attack) -> bool:
    """Another article's report of the same attack: no date or count says otherwise."""
    if aid == bid:
        return False
    pairs = ((a.date, b.date), (a.killed, b.killed), (a.injured, b.injured))
    return all(x is None or y is None or x == y for x, y in pairs)


def aliases_report(resolution: Resolution, base: str) -> dict:
    """DIR/aliases.json: every node with its forms, and every merge with the rule or score that made it."""
    merges: dict[str, list[Merge]] = defaultdict(list)
    for mg in resolution.merges:
        merges[mg.entity].append(mg)
    entities = [
        {
            "iri": base + e.key,
            "kind": e.kind,
            "label": e.label,
            "forms": sorted({e.label, *e.alt_labels}),
            "articles": list(e.articles),
            "merges": [
                {
                    "form": mg.form,
                    "joined_to": mg.joined_to,
                    "rule": mg.rule,
                    "score": mg.score,
                    "articles": list(mg.articles),
                }  # fmt: skip
                for mg in merges.get(e.key, [])
            ],
        }
        for e in resolution.entities
    ]
    refused = [
        {"forms": [a, b], "rule": rule, "why": "different given names with one surname: two people"}
        for a, b, rule in resolution.refused
    ]
    return {"rules": RULES, "entities": entities, "refused": refused}


RULES = {
    "normalised": "same name after Unicode, quotes, diacritics, case, titles and possessives are folded",
    "acronym": "an acronym the text defines in parentheses",
    "known-alias": "another name of the same body in the organisations gazetteer",
    "gazetteer": "GeoNames lists both names for one place",
    "transliteration": "same consonant skeleton after folding romanisation variants; score = weakest word pair's "
    "Jaro-Winkler similarity",
    "surname": "a surname-only mention and the one full name ending with it (0.9 in the article, 0.8 in the corpus)",
    "name-part": "every word, in order, of exactly one longer organisation name with the same head word",
    "leader-force": "'X’s forces': the organisation X leads, or X’s own forces node",
}


def explain(report: dict, name: str) -> str:
    """Why ``name`` ended on its node: the chain of merges from the form to the node's label."""
    from rapidfuzz import process

    wanted = normalise(name)
    hits = [e for e in report["entities"] if any(f == name for f in e["forms"])]
    hits = hits or [e for e in report["entities"] if any(normalise(f) == wanted for f in e["forms"])]
    if not hits:
        forms = sorted({f for e in report["entities"] for f in e["forms"]})
        near = [m[0] for m in process.extract(name, forms, limit=3, score_cutoff=60)]
        return f"no node has the name {name!r}" + (f"; nearest: {', '.join(near)}" if near else "")
    lines = []
    for e in hits:
        lines.append(f"{name!r} → {e['label']} ({e['kind']}) <{e['iri']}>")
        lines.append(f"  all names: {'; '.join(e['forms'])}")
        lines.append(f"  in {len(e['articles'])} articles: {', '.join(e['articles'])}")
        path = _path(e, name)
        if not path:
            lines.append("  it is the node's own label" if name == e["label"] else "  same name after normalisation")
        for mg in path:
            lines.append(
                f"  {mg['form']!r} joined {mg['joined_to']!r} by {mg['rule']} (score {mg['score']}): "
                f"{report['rules'].get(mg['rule'], '')} [{', '.join(mg['articles'])}]"
            )
    for r in report.get("refused", []):
        if name in r["forms"]:
            lines.append(f"  kept apart from {[f for f in r['forms'] if f != name][0]!r}: {r['why']}")
    return "\n".join(lines)


def _path(entity: dict, name: str) -> list[dict]:
    """The merges linking ``name`` to the entity's label (breadth-first over merge edges)."""
    edges: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for mg in entity["merges"]:
        edges[mg["form"]].append((mg["joined_to"], mg))
        edges[mg["joined_to"]].append((mg["form"], mg))
    start = name if name in edges else next((f for f in edges if normalise(f) == normalise(name)), name)
    seen, queue = {start: []}, [start]
    while queue:
        here = queue.pop(0)
        if normalise(here) == normalise(entity["label"]):
            return seen[here]
        for there, mg in edges.get(here, []):
            if there not in seen:
                seen[there] = [*seen[here], mg]
                queue.append(there)
    return []


def _org_words(name: str) -> tuple[str, list[str]]:
    """An organisation name's head word (the last before "of"/"in"/"for") and its content words."""
    words = name.split("-")
    preps = ("of", "in", "for", "on")
    cut = next((i for i, w in enumerate(words) if w in preps and i > 0), len(words))
    return words[cut - 1], [w for w in words if w not in (*preps, "the", "and")]


def _group_key(m: Mention) -> tuple[str, str]:
    """One node per collective noun and place across the corpus: "Derna residents" and "residents in the
    city of Derna" are "residents of Derna"."""
    collectives = lexicon().collectives
    noun = next((w for w in re.findall(r"\w+", m.text.lower()) if w in collectives), m.text.lower())
    place = m.place or ""
    return f"Group:{noun}-of-{normalise(place)}", f"{noun} of {place}"


def _role_key(m: Mention, article: str) -> tuple[str, str]:
    """The kind and key of an actor named by role: a state's or people's sector ("Organization:@nigeria@military"),
    a capital acting for its state (the state's place key), or a sector with no state, its article's own."""
    if m.sector and m.country:
        sector = m.sector
        if m.country not in countries() and sector in ROLE_SECTORS_NONSTATE:
            sector = "armed"  # a people's "rebels", "militants", "fighters": news varies the word, not the group
        return "Organization", f"Organization:@{normalise(m.country)}@{sector}"
    if m.country:
        return "Location", f"Location:{normalise(m.country)}"
    return "Group", f"Group:@{article}@{m.sector}"


def label_variants(label: str) -> set[str]:
    """Other names of a node's label: a known body's gazetteer names, and each spelled out ("UN Mission in
    South Sudan" → "United Nations Mission in South Sudan") or in the other English ("Ministry of Defence" →
    "Ministry of Defense")."""
    body = known_organizations().get(label)
    names = {label, *(body.aliases if body else ())}
    variation = name_variation()
    short = variation["abbreviations"]
    spellings = {**variation["spellings"], **{b: a for a, b in variation["spellings"].items()}}
    out = set(names)
    for name in names:
        first, _, rest = name.partition(" ")
        if first in short and rest:
            out.add(f"{short[first]} {rest}")
        out.add(" ".join(spellings.get(w, w) for w in name.split()))
    return out - {label}


def _known_body(sector: str, state: str) -> str | None:
    """The gazetteer body an actor named by role is: a state's one army or police ("Israeli troops" are the
    Israel Defense Forces), a people's movement for its fighters ("Houthi rebels" are the Houthis)."""
    people = peoples().get(state)
    if people is not None:
        nonstate = sector in ROLE_SECTORS_NONSTATE
        return people.organization if people.organization and nonstate else None
    bodies = _bodies_by_role().get((state, sector), [])
    return bodies[0] if len(bodies) == 1 else None


# Sectors whose state has one body news means by them (its government's labels change with regimes,
# its intelligence and security services are many): the army, the police.
ROLE_SECTORS_STATE = ("military", "police")
# A people has no state's army: its "forces" are its fighters, one actor with its rebels and militants.
ROLE_SECTORS_NONSTATE = ("rebels", "militants", "militia", "separatists", "armed_group", "gunmen", "military")


@cache
def _bodies_by_role() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for body in known_organizations().values():
        if body.kind == "state" and body.country and body.sector in ROLE_SECTORS_STATE and not body.part_of:
            out[(body.country, body.sector)].append(body.name)
    return dict(out)


def _org_key(name: str) -> str:
    """An organisation's key without a generic last word: "islamic-state-group" → "islamic-state"."""
    words = name.split("-")
    if len(words) > 1 and words[-1] in name_variation()["org_generic_suffixes"]:
        return "-".join(words[:-1])
    return name


def _without_unit(name: str) -> str:
    """A place name without the lower-case unit printed after it: "Abu Salim district" → "Abu Salim"."""
    rest, _, unit = name.rpartition(" ")
    return rest if rest and unit.islower() and unit in lexicon().loc_heads else name


def _in_order(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def written_forms(m: Mention, text: str) -> list[str]:
    """The mention as written, a place's name without its unit, and the longer forms printed around it:
    with its military rank ("Field Marshal Khalifa Haftar"; offices go to kgo:role instead) and with the
    acronym the text defines ("Libyan National Army (LNA)")."""
    out = [m.text]
    if m.kind == "Location" and _without_unit(m.text) != m.text:
        out.append(_without_unit(m.text))  # "Abu Salim" in "the Abu Salim district": the place's name
    rank = _rank_before(text, m.begin)
    if rank is not None:  # "General Khalifa Haftar", "General Khalifa Haftar’s forces"
        out.append(text[rank : m.end])
    if m.acronym:
        after = re.match(r"\s*\(\s*" + re.escape(m.acronym) + r"\s*\)", text[m.end : m.end + len(m.acronym) + 8])
        if after:
            out.append(text[m.begin : m.end + after.end()])
    return out


AFFILIATED = re.compile(
    r"((?:[A-Z][\w’'.]*\s+)*[A-Z][\w’'.]*)-(?:led|backed|allied|aligned|affiliated|sponsored|supported)\s+$"
)


def _rank_before(text: str, begin: int) -> int | None:
    """Where a military rank printed right before ``begin`` starts ("General Khalifa Haftar’s forces")."""
    words = list(re.finditer(r"\S+", text[max(0, begin - 40) : begin]))
    base = max(0, begin - 40)
    for width in (3, 2, 1):
        if len(words) >= width and text[base + words[-width].start() : begin].endswith(" "):
            phrase = " ".join(w.group() for w in words[-width:])
            if phrase.lower() in lexicon().military_titles and phrase[:1].isupper():
                return base + words[-width].start()
    return None


def printed_variants(m: Mention, text: str) -> list[str]:
    """Longer or shorter forms the article prints around a mention, kept as skos:altLabel but never a
    canonical label: a nationality before a rank ("Libyan General Khalifa Haftar"), an affiliation prefix
    ("the Haftar-led LNA", "United Nations-backed Government of National Accord"), an organisation's own
    forces ("LNA forces")."""
    out: list[str] = []
    rank = _rank_before(text, m.begin)
    if rank is not None:
        before = text[max(0, rank - 30) : rank]
        for width in (2, 1):
            nation = " ".join(before.split()[-width:])
            if len(before.split()) >= width and before.endswith(" ") and nation in demonyms():
                out.append(f"{nation} {text[rank : m.end]}")
                break
    if m.kind == "Organization" and not m.leader:
        window = max(0, m.begin - 60)
        affiliated = AFFILIATED.search(text[window : m.begin])
        if affiliated:
            start = window + affiliated.start(1)
            start += len(re.match(r"(?:(?:The|A|An)\s+)?", text[start : m.begin]).group())  # "The Burhan-led SAF"
            out.append(text[start : m.end])
        force = re.match(r"\s+([a-z]+)(\s+[a-z]+)?", text[m.end : m.end + 30])
        if force and force.group(2) and f"{force.group(1)}{force.group(2)}" in acting_nouns():
            out.append(text[m.begin : m.end + force.end()])  # "M23 rebel group"
        elif force and (force.group(1) in lexicon().force_nouns or force.group(1) in acting_nouns()):
            out.append(text[m.begin : m.end + force.end(1)])  # "LNA forces", "ADF rebels"
    return out


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
    plain = [
        f for f in surface if strip_titles(f) == f and _without_unit(f) == f and not re.search(r"[’']s\b|\(", f)
    ] or list(surface)
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
