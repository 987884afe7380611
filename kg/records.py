"""Frozen records: the only contract between the stages.

Nothing past extraction sees a spaCy object. Offsets are character offsets into
``Article.text`` exactly as read, so every fact can be traced to its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

KINDS = ("Person", "Organization", "Location")


@dataclass(frozen=True)
class Article:
    """One source document. ``id`` is the file name (or the JSON Lines record id)."""

    id: str
    text: str
    title: str
    url: str | None = None
    published: str | None = None  # ISO date, when known
    source: str | None = None


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read, with a reason a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True)
class ReadWarning:
    """A field of an input that was dropped or mended; the article itself was read."""

    path: str
    reason: str


@dataclass(frozen=True)
class Problem:
    """An extractor that raised on one sentence (``begin`` its first character; None: the whole
    article): that frame of that sentence is lost, the rest of the article is kept."""

    stage: str
    begin: int | None
    sentence: str | None
    error: str


@dataclass(frozen=True, order=True)
class Sentence:
    begin: int
    end: int
    text: str


@dataclass(frozen=True, order=True)
class Mention:
    """A name (or a name-anchored description) in one sentence of one article.

    ``kind`` is Person, Organization, Location or Group (an unnamed collective of a named place,
    "residents in Derna": ``place`` is the place as written). ``leader`` is set for
    descriptions of a force by its leader ("Haftar's forces": leader "Haftar").
    ``acronym`` is the short form a text defines for it ("Libyan National Army (LNA)").
    """

    text: str
    kind: str
    begin: int
    end: int
    sentence: Sentence
    leader: str | None = None
    acronym: str | None = None
    title: str | None = None  # rank or title printed before the name ("General")
    role: str | None = None  # office as written ("Vice Chairman of the Presidential Council")
    anaphor: bool = False  # a pronoun or description resolved to a name: not a surface form of it
    place: str | None = None  # a Group's place ("Derna" for "Derna residents")
    # An actor named by role (kg.extract.actors): the sector its noun names (a key of sectors.yaml,
    # "military" for "troops") and the state it belongs to (a canonical country of countries.yaml) or,
    # for a people's force, the people's adjective ("Kurdish").
    sector: str | None = None
    country: str | None = None


@dataclass(frozen=True, order=True)
class Relation:
    """A fact between two mentions: leads, memberOf, spokespersonFor, locatedIn."""

    subject: Mention
    predicate: str
    object: Mention
    confidence: float = 0.7


@dataclass(frozen=True)
class Attack:
    attack_type: str  # one of namespaces.ATTACK_TYPES
    trigger: str  # the word(s) naming the attack, as written
    sentence: Sentence
    perpetrator: Mention | None = None
    location: Mention | None = None
    killed: int | None = None
    injured: int | None = None
    victims: str | None = None
    date_text: str | None = None
    date: str | None = None
    operation: str | None = None  # name of the Operation it is part of
    confidence: float = 0.5
    trigger_begin: int = 0
    place_confidence: float = 0.0  # 1.0 attached to the attack word, 0.8 to its head, 0.5 only in its sentence
    # The document stage's view of the event: every further sentence that tells it (the first telling
    # is ``sentence``), whether it is context rather than news of this report, how the perpetrator is
    # known (stated | claimed | alleged), whether the text marks it as another event ("a separate
    # attack", "another strike") so that it never joins the one told before, and whether the words
    # point back to one told before ("the blast", "these strikes").
    evidence: tuple[Sentence, ...] = ()
    background: bool = False
    perpetrator_status: str | None = None
    separate: bool = False
    refers_back: bool = False


@dataclass(frozen=True)
class Toll:
    """A casualty count stated without an attack word ("The death toll rose to 17"); the document
    stage gives it to the event it belongs to. ``update`` marks a revised figure ("rose to")."""

    sentence: Sentence
    killed: int | None = None
    injured: int | None = None
    update: bool = False


@dataclass(frozen=True)
class Statement:
    statement_type: str  # one of namespaces.STATEMENT_TYPES
    speaker: Mention
    sentence: Sentence
    trigger: str
    target: Mention | None = None
    about: Attack | None = None
    quote: str | None = None
    channel: str | None = None
    location: Mention | None = None
    date_text: str | None = None
    date: str | None = None
    confidence: float = 0.5
    trigger_begin: int = 0
    cue: str | None = None  # the words that typed it when not its trigger ("war crime" of a plain "said")
    evidence: tuple[Sentence, ...] = ()  # other sentences telling it (the headline over its lead)


@dataclass(frozen=True)
class Operation:
    name: str
    sentence: Sentence
    begin: int
    launched_by: Mention | None = None
    part_of: str | None = None
    location: Mention | None = None
    date_text: str | None = None
    date: str | None = None
    confidence: float = 0.6


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    attacks: tuple[Attack, ...] = ()
    statements: tuple[Statement, ...] = ()
    operations: tuple[Operation, ...] = ()
    tolls: tuple[Toll, ...] = ()
    main_place: Mention | None = None  # the place the article is about (the dateline's, or its most named)
    problems: tuple[Problem, ...] = ()  # extractors that failed on a sentence, see kg.extract.guard


@dataclass(frozen=True)
class Brief:
    """What the corpus-wide steps (alias resolution, event merging) read of one article, and all a build
    keeps of it for them (``kg.resolve.compact``): its extraction without statements, sentences or text,
    and for each of its mentions what the text prints around it (written forms, printed variants:
    ``kg.resolve.forms``), found where the text is (a worker) so resolution never reads the text."""

    extraction: Extraction
    forms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # per mention: (written, printed)


@dataclass(frozen=True)
class Entity:
    """One real-world referent after alias resolution, across the corpus."""

    key: str  # IRI path, e.g. "person/khalifa-haftar"
    kind: str  # Person | Organization | Location | Operation
    label: str
    alt_labels: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    sector: str | None = None  # an actor named by role: its sector key ("military")
    country: str | None = None  # ... and the canonical country it belongs to


@dataclass(frozen=True, order=True)
class Merge:
    """Why two surface forms ended on one node (written to aliases.json)."""

    entity: str
    form: str
    joined_to: str
    rule: str
    score: float
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The resolve stage's output: entities, and which entity each mention is."""

    entities: tuple[Entity, ...]
    mention_entity: dict[tuple[str, int, int], str] = field(hash=False)  # (article, begin, end) → key
    operation_entity: dict[str, str] = field(hash=False)  # normalised operation name → key
    facts: tuple[tuple[str, str, str], ...] = ()  # (entity key, predicate, entity key) between entities
    merges: tuple[Merge, ...] = ()
    refused: tuple[tuple[str, str, str], ...] = ()  # (form, form, rule): unions a cannot-link blocked
    # (article id, attack trigger offset) → (event key, label, confidence) for attacks several
    # articles report: one kgo:Attack node for all of them
    events: dict[tuple[str, int], tuple[str, str, float]] = field(default_factory=dict, hash=False)

    @cached_property
    def kind_of(self) -> dict[str, str]:
        """Entity key → kind, computed once (every article's graph asks)."""
        return {e.key: e.kind for e in self.entities}

    @cached_property
    def country_of(self) -> dict[str, str]:
        """Entity key of an actor named by role → its country's entity key ("Nigerian troops" → Nigeria)."""
        return {e.key: e.country for e in self.entities if e.country}

    def entity_of(self, article_id: str, mention: Mention | None) -> str | None:
        if mention is None:
            return None
        return self.mention_entity.get((article_id, mention.begin, mention.end))
