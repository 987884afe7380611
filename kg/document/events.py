"""Attack mentions → the events an article reports.

News tells one event many times: the headline, the lead, "the blast" three paragraphs down, a toll
sentence with no attack word, a claim of responsibility at the end. The extractor sees each telling;
this module joins the tellings that fit together (same or compatible type, place, author, toll and
date), keeps apart what the text tells as several events (two towns, "a separate attack"), and fills
each event's slots from all its tellings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kg.containment import breadth
from kg.lexicon import lexicon
from kg.records import Attack, Extraction, Mention, Sentence, Statement, Toll

# Types that say nothing of the weapon: they join any event and yield to its more specific type.
GENERIC = ("OtherAttack", "Killing", "ArmedClash")
# Types one event is often told by: an air strike's missiles, a clash's gunfire.
KINDRED = {
    frozenset(p)
    for p in (
        ("Airstrike", "RocketAttack"),
        ("Shelling", "RocketAttack"),
        ("Shooting", "ArmedClash"),
        ("Airstrike", "Bombing"),  # "drones dropped bombs"
        ("Airstrike", "Shelling"),  # "the bombardment" of an air campaign
    )
}
SPECIFICITY = {"OtherAttack": 0, "Killing": 1, "ArmedClash": 2}  # every weapon type ranks 3
PAST_DAYS = 30  # an event dated this long before the report is context, not news of it
YEAR = re.compile(r"\b(?:in|of|since|during)\s+(?:the\s+\w+\s+of\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


@dataclass
class _Event:
    members: list[Attack] = field(default_factory=list)
    tolls: list[Toll] = field(default_factory=list)

    def first(self) -> Attack:
        return self.members[0]

    def last_begin(self) -> int:
        return max(s.begin for a in self.members for s in (a.sentence, *a.evidence))


def events(ex: Extraction) -> Extraction:
    """The extraction with one Attack per reported event and statements pointing at the events."""
    # a state of things ("the clans have feuded for decades") is no event at all; a past event is context
    attacks_told = [a for a in ex.attacks if not _habitual(a)]
    background = [a for a in attacks_told if _is_background(a, ex)]
    told = sorted((a for a in attacks_told if not any(a is b for b in background)), key=_order)
    clusters: list[_Event] = []
    headline = deck_end(ex)
    spelled = {m.acronym: m for m in ex.mentions if m.acronym}  # "ISGS" → its long name's mention
    for attack in told:
        # "In a different encounter, ...": another event than those told before, but maybe one the headline told
        heads = (
            [ev for ev in clusters if ev.last_begin() < headline <= attack.sentence.begin]
            if attack.separate
            else clusters
        )
        best = _best_event(attack, heads, ex, spelled, headline)
        if best is None:
            clusters.append(_Event([attack]))
        else:
            best.members.append(attack)
    for toll in ex.tolls:
        home = _toll_event(toll, clusters)
        if home is not None:
            home.tolls.append(toll)
    folded = [(ev, _fold(ev, ex)) for ev in clusters]
    by_member: dict[int, Attack] = {id(m): event for ev, event in folded for m in ev.members}
    # a past event stays, marked as context, when the text names it ("the Beslan siege", "the 7 October
    # attack"); an unnamed one ("last month, security forces killed four") is no event of this report
    kept_background = {id(a): replace(a, background=True) for a in background if _named(a)}
    by_member.update(kept_background)
    attacks = [event for _, event in folded] + list(kept_background.values())
    statements = [_about(s, by_member, attacks) for s in ex.statements]
    attacks, statements = _authors_from_statements(attacks, statements)
    return replace(ex, attacks=tuple(sorted(attacks, key=_order)), statements=tuple(statements))


def _about(s: Statement, by_member: dict[int, Attack], attacks: list[Attack]) -> Statement:
    """The event a statement is about: the one its attack word was, or, for a claim or an accusation,
    the event its sentence tells again ("X claimed responsibility for the attack")."""
    if s.about is not None:
        return replace(s, about=by_member.get(id(s.about)))
    if s.statement_type not in ("Claim", "Accusation"):
        return s
    event = next((a for a in attacks if s.sentence in a.evidence or s.sentence == a.sentence), None)
    return replace(s, about=event) if event is not None else s


def _order(a: Attack) -> tuple[int, int]:
    return (a.sentence.begin, a.trigger_begin)


def _is_background(a: Attack, ex: Extraction) -> bool:
    """Told as history: dated well before the report ("in 2020", "last year's offensive", "last month"); a
    siege or blockade begun then lasts, and is news until the text says it ended."""
    if a.attack_type == "Siege":
        return False
    if _cued(a.sentence.text, lexicon().past_cues):
        return True
    published = _iso(ex.article.published)
    if published is None:
        return False
    when = _iso(a.date)
    if when is not None and when < published - timedelta(days=PAST_DAYS):
        return True
    month = _month(a)  # "In February" in a June report: a month name alone, long before
    if when is None and month is not None and (published.month - month) % 12 >= 2:
        return True
    return any(int(y) < published.year for y in YEAR.findall(a.sentence.text))


def _habitual(a: Attack) -> bool:
    """Violence told as a state of things, with no toll of its own: "the two clans have long been at war",
    "years of fighting", "a spiral of reprisals"."""
    return _habitual_text(a.sentence.text) and a.killed is None and a.injured is None


def _named(a: Attack) -> bool:
    """An attack the text names by a place, a date or a name written before its word: "the Beslan siege", "the
    7 October attack", "the September 11 attacks", "Operation X"."""
    at = a.trigger_begin - a.sentence.begin
    before = a.sentence.text[max(0, at - 40) : at].split()
    if a.operation:
        return True
    if not before or before[-1].lower() in ("the", "a", "an", "this", "that"):
        return False
    word = before[-1].rstrip("’'s")
    first = len(before) == 1 and at <= len(before[0]) + 1  # the sentence's first word is capitalised anyway
    return not first and (word[:1].isupper() or word[:1].isdigit())


def _habitual_text(text: str) -> bool:
    return _cued(text, lexicon().habitual_cues)


def _cued(text: str, cues: tuple[str, ...]) -> bool:
    low = " " + re.sub(r"[^\w'-]+", " ", text.lower()) + " "
    return any(f" {cue} " in low or f" {cue}-" in low for cue in cues)


def _iso(text: str | None) -> date | None:
    if not text or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _best_event(
    a: Attack, clusters: list[_Event], ex: Extraction, spelled: dict[str, Mention], headline: int
) -> _Event | None:
    """The event told before that this mention fits best (among equals, the one told last before it), if any."""
    fits = ((_fit(a, ev, ex, spelled, headline), ev.last_begin(), n) for n, ev in enumerate(clusters))
    scored = [fit for fit in fits if fit[0] is not None]
    return clusters[max(scored)[2]] if scored else None


def _fit(a: Attack, ev: _Event, ex: Extraction, spelled: dict[str, Mention], headline: int) -> float | None:
    """How well a mention fits an event; None when something the text states differs, or when nothing
    says it is the same event: it points back ("the blast"), one of them is the headline, or it states
    the event's place or toll again. ``headline`` is where the headline and its deck end (``deck_end``)."""
    restated = a.refers_back or a.sentence.end <= headline or ev.first().sentence.end <= headline
    score = 0.0
    inside = {(r.subject.text, r.object.text) for r in ex.relations if r.predicate == "locatedIn"}
    for m in ev.members:
        restated = restated or _restates(a, m, inside)
        if _month(a) and _month(m) and _month(a) != _month(m):
            return None
        if not _types_fit(a.attack_type, m.attack_type) or _countered(a) != _countered(m):
            return None
        if a.perpetrator and m.perpetrator:
            if not _same_actor(a.perpetrator, m.perpetrator, spelled):
                return None
            score += 2
        if a.location and m.location:
            if not _places_fit(a.location, m.location, ex):
                return None
            score += 2 if a.location.text == m.location.text else 1
        for key in ("killed", "injured"):
            x, y = getattr(a, key), getattr(m, key)
            if x is not None and y is not None:
                if x != y:
                    return None
                score += 1
        if a.date and m.date and a.date != m.date:
            return None
        score += a.attack_type == m.attack_type
    return score if restated else None


def _restates(a: Attack, m: Attack, inside: set[tuple[str, str]]) -> bool:
    """``a`` tells ``m`` again: the same place (or one the text puts inside the other: "in the Shibis
    district of Mogadishu"), the same toll, the same author and weapon, or nothing new at all."""
    places_ = (a.location.text, m.location.text) if a.location is not None and m.location is not None else None
    same_place = places_ is not None and (places_[0] == places_[1] or places_ in inside or places_[::-1] in inside)
    same_author = a.perpetrator is not None and m.perpetrator is not None and a.attack_type == m.attack_type
    nothing_new = a.location is None and a.killed is None and a.injured is None
    return same_place or same_author or nothing_new or (a.killed is not None and a.killed == m.killed)


def headline_end(ex: Extraction) -> int:
    """Where the article's headline (its title as the first line of the text) ends, else 0."""
    text, title = ex.article.text, ex.article.title
    start = len(text) - len(text.lstrip())
    return start + len(title) if title and text[start:].startswith(title) else 0


def deck_end(ex: Extraction) -> int:
    """Where the headline ends with the lines under it that end with no full stop (a deck, bullet points, a
    byline: "Two gunmen also shot dead by police"): what they tell, the body tells again."""
    start = end = headline_end(ex)
    if end == 0:
        return 0
    for line in re.finditer(r"[^\n]+", ex.article.text[start:]):
        if line.group().rstrip().endswith(SENTENCE_ENDS):
            break
        end = start + line.end()
    return end


SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ":")


MONTHS = {
    m: i + 1
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
        ]
    )
}


def _month(a: Attack) -> int | None:
    """The month an attack is dated in, from its date or a month name in its date words ("in August")."""
    if a.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", a.date):
        return int(a.date[5:7])
    words = (a.date_text or "").lower().split()
    return next((MONTHS[w] for w in words if w in MONTHS), None)


def _types_fit(x: str, y: str) -> bool:
    return x == y or x in GENERIC or y in GENERIC or frozenset((x, y)) in KINDRED


def _countered(a: Attack) -> bool:
    return "counter" in a.trigger.lower()


def _words(m: Mention) -> set[str]:
    """The capitalised words of a name, a plural's "s" dropped ("Separatists" in a headline, "Separatist
    fighters" in the lead)."""
    text = f"{m.text} {m.leader or ''}".replace("’s", " ").replace("'s", " ")
    words = (w.lower() for w in re.split(r"[\s-]+", text) if len(w) > 2 and w[:1].isupper())
    return {w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def _same_actor(a: Mention, b: Mention, spelled: dict[str, Mention]) -> bool:
    """One name, a word of one name in the other, or an acronym the article defined for a name sharing a word:
    "ISGS" (Islamic State in the Greater Sahara) and "the Islamic State group"."""
    words_a = _words(a) | (_words(spelled[a.text]) if a.text in spelled else set())
    words_b = _words(b) | (_words(spelled[b.text]) if b.text in spelled else set())
    if a.text == b.text or words_a & words_b:
        return True
    # "Rebels" in a headline over "Karen rebels" in the lead: a group named by the same noun
    tail_a, tail_b = a.text.lower().split()[-1:], b.text.lower().split()[-1:]
    return "Group" in (a.kind, b.kind) and tail_a == tail_b


def _area(m: Mention) -> bool:
    """A country, a region or a province: a place that holds the towns events happen in."""
    return breadth(m.text) > 0


def _places_fit(a: Mention, b: Mention, ex: Extraction) -> bool:
    if a.text == b.text or _words(a) & _words(b) or _area(a) or _area(b):
        return True
    inside = {(r.subject.text, r.object.text) for r in ex.relations if r.predicate == "locatedIn"}
    return (a.text, b.text) in inside or (b.text, a.text) in inside


def _toll_event(toll: Toll, clusters: list[_Event]) -> _Event | None:
    """The event a toll sentence counts: the one told last before it, else the first told after it."""
    before = [ev for ev in clusters if ev.first().sentence.begin < toll.sentence.begin]
    if before:
        return max(before, key=lambda ev: max(s.begin for s in _sentences(ev) if s.begin < toll.sentence.begin))
    return clusters[0] if clusters else None


def _sentences(ev: _Event) -> list[Sentence]:
    """Every sentence that tells the event; one that only refers back to it as a state of things ("the clans have
    long been at war") does not."""
    return [s for a in ev.members for s in (a.sentence, *(e for e in a.evidence if not _habitual_text(e.text)))]


def _fold(ev: _Event, ex: Extraction) -> Attack:
    """One Attack for the event: the first telling's sentence, each slot from the telling that says most."""
    first = ev.first()
    members = ev.members
    kind = max(members, key=lambda a: SPECIFICITY.get(a.attack_type, 3)).attack_type
    authors = [a for a in members if a.perpetrator]
    author = min(authors, key=lambda a: a.perpetrator.kind == "Group", default=None)  # a name before "gunmen"
    perp = author.perpetrator if author is not None else None
    place = _most_specific([a for a in members if a.location]) or ex.main_place
    killed = _first_value(members, "killed")
    injured = _first_value(members, "injured")
    for toll in ev.tolls:
        killed = _counted(killed, toll.killed, toll.update)
        injured = _counted(injured, toll.injured, toll.update)
    evidence = {s for s in _sentences(ev)} | {t.sentence for t in ev.tolls}
    evidence.discard(first.sentence)
    return replace(
        first,
        attack_type=kind,
        trigger=next(a.trigger for a in members if a.attack_type == kind),
        perpetrator=perp,
        perpetrator_status=(author.perpetrator_status or "stated") if author is not None else None,
        location=place,
        killed=killed,
        injured=injured,
        victims=next((a.victims for a in members if a.victims), None),
        date_text=next((a.date_text for a in members if a.date), first.date_text),
        date=next((a.date for a in members if a.date), None),
        operation=next((a.operation for a in members if a.operation), None),
        confidence=max(a.confidence for a in members),
        evidence=tuple(sorted(evidence)),
    )


def _most_specific(tellings: list[Attack]) -> Mention | None:
    """The place the tellings name: a country only when no telling names a place within one ("Nigeria attack:"
    in the headline, the town in the lead), then one attached to an attack word before one only in its
    sentence, a town before a region, the most named, the first telling's among equals."""
    votes = Counter(a.location.text for a in tellings if a.location)

    def rank(a: Attack) -> tuple:
        width = breadth(a.location.text)
        return width == 2, a.place_confidence < 0.8, width, -votes[a.location.text]

    best = min(tellings, key=rank, default=None)
    return best.location if best is not None else None


def _first_value(members: list[Attack], key: str) -> int | None:
    return next((getattr(a, key) for a in members if getattr(a, key) is not None), None)


def _counted(current: int | None, stated: int | None, update: bool) -> int | None:
    if stated is None:
        return current
    return stated if current is None or update else current


def _authors_from_statements(
    attacks: list[Attack], statements: list[Statement]
) -> tuple[list[Attack], list[Statement]]:
    """An event's author as claimed ("X claimed responsibility for the attack") or alleged ("officials
    blamed X"), when no telling states it; a condemnation of an event with no target condemns its author."""
    authored: dict[int, Attack] = {}
    for kind, status, who in (("Claim", "claimed", _speaker), ("Accusation", "alleged", _target)):
        for s in statements:
            event = authored.get(id(s.about), s.about)
            if event is None or event.perpetrator is not None or s.statement_type != kind:
                continue
            author = who(s)
            if author is None:
                continue
            filled = replace(event, perpetrator=author, perpetrator_status=status)
            authored[id(s.about)] = authored[id(event)] = filled
    attacks = [authored.get(id(a), a) for a in attacks]
    out = []
    for s in statements:
        event = authored.get(id(s.about), s.about)
        condemns = s.statement_type in ("Condemnation", "Criticism") and s.target is None
        if condemns and event is not None and event.perpetrator_status in ("stated", "claimed", "alleged"):
            s = replace(s, target=event.perpetrator)
        out.append(replace(s, about=event) if event is not s.about else s)
    return attacks, out


def _speaker(s: Statement) -> Mention | None:
    return s.speaker if _responsibility(s) else None


def _target(s: Statement) -> Mention | None:
    return s.target


def _responsibility(s: Statement) -> bool:
    return "responsib" in s.sentence.text.lower() or s.trigger.lower().startswith("claim")
