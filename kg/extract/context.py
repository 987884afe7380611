"""Per-article working state shared by the frame extractors (spaCy objects stay in here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from kg.lexicon import lexicon
from kg.records import Article, Mention, Sentence

KIND_OF_LABEL = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}
SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubj:pass", "nsubjpass", "csubj:pass")
OBJ = ("obj", "dobj", "iobj")
AGENT = ("obl:agent", "agent")
FINITE = ("VBD", "VBZ", "VBP")  # Penn tags of a verb that needs a subject of its own
ADDRESSING = ("tell", "inform", "assure", "warn", "remind", "brief", "urge", "ask", "notify", "promise")
MEMO = "newskg.memo"  # doc.user_data key: per_token's answers
_UNSET = object()
T = TypeVar("T")
CLAUSE_LINKS = ("xcomp", "advcl", "conj", "ccomp", "acl", "acl:relcl", "relcl", "parataxis")


def with_sentence_index(doc: Doc) -> Doc:
    """``doc``, its ``Token.sent`` answered from a table made once, and ready for ``per_token``: spaCy's own
    ``sent`` walks the tokens to the sentence's ends and builds two spans on every call, and the extractors
    ask it for nearly every token of every loop. Same sentences as ``doc.sents``. The spans kept tie the
    doc in a reference cycle until ``release``."""
    spans = list(doc.sents)
    of_token = [0] * len(doc)
    for n, sent in enumerate(spans):
        of_token[sent.start : sent.end] = [n] * len(sent)
    doc.user_token_hooks["sent"] = lambda tok: spans[of_token[tok.i]]
    doc.user_data[MEMO] = {}
    return doc


def release(doc: Doc) -> None:
    """Drop what ``with_sentence_index`` put on ``doc``, so a worker's docs go as soon as extraction ends
    instead of waiting for the garbage collector."""
    doc.user_token_hooks.pop("sent", None)
    doc.user_data.pop(MEMO, None)


def per_token(fn: Callable[[Token], T]) -> Callable[[Token], T]:
    """``fn`` worked out once per token of a doc between ``with_sentence_index`` and ``release`` (on
    any other doc, every time): for pure functions of the parse that the extractors ask again and
    again about the same tokens. What ``fn`` returns must be immutable."""

    @wraps(fn)
    def once(tok: Token) -> T:
        memo = tok.doc.user_data.get(MEMO)
        if memo is None:
            return fn(tok)
        table = memo.get(once)
        if table is None:
            table = memo[once] = [_UNSET] * len(tok.doc)
        value = table[tok.i]
        if value is _UNSET:
            value = table[tok.i] = fn(tok)
        return value

    return once


@per_token
def is_passive(verb: Token) -> bool:
    """A participle with a form of "be"/"get" as auxiliary: "was criticized", "have been killed"."""
    if any(c.dep_ in ("aux:pass", "auxpass", "nsubj:pass", "nsubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ in ("be", "get") for c in verb.children)


def negated(verb: Token) -> bool:
    """ "did not condemn", "were not targeting", "never praised"."""
    return any(dep(c) == "neg" or (dep(c) == "advmod" and c.lower_ in ("not", "n't", "never")) for c in verb.children)


@per_token
def dep(tok: Token) -> str:
    """The dependency label with UD subtypes, derived from structure where the parser gives none.

    Models differ: ours predicts plain UD relations, spaCy's English ones the ClearNLP
    scheme. The extractors ask this function instead of ``tok.dep_``.
    """
    d = tok.dep_
    if d in ("poss", "nmod:poss"):
        return "nmod:poss"
    if d == "nmod" and (tok.tag_ == "PRP$" or any(c.tag_ == "POS" for c in tok.children)):
        return "nmod:poss"
    if d in ("nsubj", "nsubjpass", "nsubj:pass") and (d != "nsubj" or is_passive(tok.head)):
        return "nsubj:pass"
    if d in ("obl", "nmod", "agent", "obl:agent") and (d in ("agent", "obl:agent") or case_of(tok) == "by"):
        return "obl:agent" if tok.head.tag_ == "VBN" else d
    if d in ("dobj",):
        return "obj"
    if d in ("prt", "compound") and tok.tag_ == "RP":
        return "compound:prt"
    return d


@per_token
def case_of(tok: Token) -> str | None:
    """The preposition governing a nominal ("by" in "by X") in UD or in spaCy's English scheme.

    Reads the raw labels: ``dep`` of a nominal asks this function, so asking ``dep`` here
    recursed once per level of nesting and looped forever on an nmod under an nmod, neither
    with a preposition (a RecursionError that lost the article).
    """
    for child in tok.children:
        if child.dep_ == "case" and child.tag_ != "POS":
            return child.lower_
    if tok.head.dep_ == "prep" and tok.dep_ == "pobj":
        return tok.head.lower_
    return None


@dataclass
class Context:
    article: Article
    doc: Doc
    sentences: list[Sentence] = field(default_factory=list)
    sent_index: dict[int, int] = field(default_factory=dict)  # doc sent start token → index in sentences
    mentions: list[Mention] = field(default_factory=list)
    mention_at: dict[int, Mention] = field(default_factory=dict)  # token index → mention
    tokens_of: dict[Mention, list[int]] = field(default_factory=dict)  # mention → its token indices
    group_of: dict[Mention, Mention] = field(default_factory=dict)  # "Gaza" in "Gaza residents" → the Group
    partner: dict[Mention, Mention] = field(default_factory=dict)  # "both sides": one side → the other
    dateline: Mention | None = None  # "KABUL:", "BEIRUT (Reuters) -": where the report was filed from
    # every speech act read, a plain "said" too: who speaks in each sentence (the owners of quotations)
    voices: list = field(default_factory=list)
    main_state: str | None = None  # the one state the report is about ("" when none stands out), once counted

    def sentence_of(self, tok: Token | Span) -> Sentence:
        sent = tok.sent
        return self.sentences[self.sent_index[sent.start]]

    def mention_of(self, tok: Token, kinds: tuple[str, ...] = ("Person", "Organization")) -> Mention | None:
        """The mention a token belongs to, or the name a common noun stands beside ("envoy Martin Kobler")."""
        m = self.mention_at.get(tok.i)
        if m is not None and m in self.group_of and "Group" in kinds:
            return self.group_of[m]  # "warned Gaza residents", parsed with "Gaza" as the head
        if m is not None and (m.kind in kinds or m.kind == "Group" and m.sector and "Organization" in kinds):
            return m  # "gunmen attacked": a group named by its sector acts as a body does
        # "the UN envoy, Martin Kobler,": the person in apposition, before the organisation in the compound
        doc = tok.doc
        for child in tok.children:
            d = dep(child)
            if d == "appos" or (d == "conj" and child.i > 0 and doc[child.i - 1].text == "," and tok.pos_ == "NOUN"):
                m = self.mention_at.get(child.i)
                if m is not None and m.kind == "Person" and "Person" in kinds:
                    return m
        # a name after the noun ("the militant group al-Shabaab") before one modifying it ("the UN envoy")
        for child in sorted(tok.children, key=lambda c: c.i < tok.i):
            if dep(child) in ("appos", "compound", "flat", "flat:name"):
                m = self.mention_at.get(child.i)
                if m is not None and m.kind in kinds:
                    return m
        return self._spoken_for(tok, kinds) or self._members_of(tok, kinds)

    def _members_of(self, tok: Token, kinds: tuple[str, ...]) -> Mention | None:
        """ "members of the X ethnic group", "fighters from the Y movement": some of a body's people act for it."""
        if tok.lower_ not in lexicon().members or "Organization" not in kinds:
            return None
        for child in tok.children:
            if dep(child) in ("nmod", "obl") and case_of(child) in ("of", "from"):
                m = self.mention_at.get(child.i)
                if m is not None and (m.kind == "Organization" or m.kind == "Group" and m.sector):
                    return m
        return None

    def _spoken_for(self, tok: Token, kinds: tuple[str, ...]) -> Mention | None:
        """ "a spokesman for the army", "the ministry's spokeswoman", "a spokesperson of the UN", "a ministry
        statement", "a statement by the UN": a speaker given only as the voice or the document of an institution
        is that institution."""
        lex = lexicon()
        document = tok.lower_ in lex.documents  # "a ministry statement", "a statement by the UN"
        if not (document or tok.lower_ in lex.spokesperson_words) or "Organization" not in kinds:
            return None
        cases = ("for", "of", "by", "from") if document else ("for", "of")
        for child in tok.children:
            if (
                dep(child) == "nmod:poss"
                or (dep(child) in ("nmod", "obl") and case_of(child) in cases)
                or (document and dep(child) == "compound")
            ):
                m = self.mention_at.get(child.i)
                if m is not None and (m.kind in ("Organization", "Location") or m.kind == "Group" and m.sector):
                    return m  # "a spokesman for Azerbaijan" speaks for the state
        return None

    def possessor(self, tok: Token) -> Mention | None:
        """Whose the thing is: "Haftar’s violence", "Haftar’s Operation Dignity" → Haftar."""
        for child in tok.children:
            if dep(child) in ("nmod:poss", "poss"):
                m = self.mention_of(child)
                if m is not None:
                    return m
        return None

    def lost_subject(self, verb: Token) -> Mention | None:
        """The actor right before a verb the parser hung on a noun phrase, when no verb stands above it:
        "The UN special envoy to Libya Martin Kobler called for ...", "Hafter placed Derna under siege"; or
        on the reporting verb, when the reported clause has no subject: "officials said the Red Hand, a
        splinter group, had carried out the raid" parsed with "the Red Hand" as the object of "said"."""
        if verb.pos_ == "VERB" and dep(verb) != "acl":
            return self._subject_as_object(verb)
        if dep(verb) != "acl" or verb.head.i > verb.i or any(a.pos_ not in ("NOUN", "PROPN") for a in verb.ancestors):
            return None
        end = verb.i - 1
        while end > verb.head.i and verb.doc[end].pos_ in ("ADV", "AUX", "PUNCT"):
            end -= 1
        m = self.mention_at.get(end)
        return m if m is not None and m.kind in ("Person", "Organization") else None

    def _subject_as_object(self, verb: Token) -> Mention | None:
        """The reported clause's subject the parser hung on a verb of saying as its object. Only a verb
        that takes no addressee ("said", "added", not "told"), and only when the clause has no subject."""
        if any(dep(c) in (*SUBJ, *PASS_SUBJ, "expl") for c in verb.children):
            return None
        said = (c for c in verb.children if dep(c) in ("advcl", "parataxis") and c.i < verb.i)
        unjoined = dep(verb) == "conj" and not any(dep(c) == "cc" for c in verb.children)  # no "and": misparsed
        say = verb.head if dep(verb) == "ccomp" or unjoined else next(said, None)  # or "said" below the clause
        verbs = lexicon().statement_verbs
        if say is None or say.lemma_.lower() not in verbs or say.lemma_.lower() in ADDRESSING:
            return None
        for child in say.children:
            if dep(child) in OBJ and child.i < verb.i:
                m = self.mention_of(child)
                return m if m is not None and m.kind in ("Person", "Organization") else None
        return None

    def opening_actor(self, verb: Token) -> Mention | None:
        """The actor that opens the sentence, when only an apposition or participle phrase set off by
        commas stands between it and ``verb``: "(In May,) the NUG, the shadow government formed by
        ousted lawmakers, condemned", "Hezbollah, the movement that dominates X, denied". A finite verb
        outside a relative clause in between says the actor is not the verb's."""
        sent, doc = verb.sent, verb.doc
        i = sent.start
        while i < verb.i and (doc[i].is_space or doc[i].is_quote):
            i += 1
        if doc[i].pos_ in ("ADP", "SCONJ", "ADV"):  # "In May, ...", "On Sunday, ..."
            comma = next((k for k in range(i, verb.i) if doc[k].text == ","), None)
            if comma is None:
                return None
            i = comma + 1
        opening = i
        if i < verb.i and doc[i].tag_ == "DT":
            i += 1
        m = self.mention_at.get(i)
        if m is None or m.kind not in ("Person", "Organization") or self.tokens_of[m][0] not in (opening, i):
            return None
        end = self.tokens_of[m][-1] + 1
        if end == verb.i:
            return m
        if end > verb.i or doc[end].text != "," or doc[verb.i - 1].text != ",":
            return None
        relative = False  # a finite verb in a relative clause is the apposition's ("..., that dominates X,")
        for k in range(end, verb.i):
            if doc[k].text == ",":
                relative = False
            elif doc[k].lower_ in ("who", "which", "that", "whose"):
                relative = True
            elif (doc[k].tag_ in FINITE or doc[k].tag_ == "MD") and not relative:
                return None
        return m

    def add(self, mention: Mention, tokens: range | list[int]) -> None:
        self.mentions.append(mention)
        self.tokens_of[mention] = list(tokens)
        for i in tokens:
            self.mention_at[i] = mention

    def extend(self, mention: Mention, tokens: range | list[int]) -> None:
        """Give a mention more words that stand for it ("guerrilla group" in "the ELN guerrilla group"); its
        printed span stays the name."""
        self.tokens_of[mention] = sorted({*self.tokens_of[mention], *tokens})
        for i in tokens:
            self.mention_at[i] = mention

    def remove(self, mention: Mention) -> None:
        """Drop a mention the rules found wrong ("Somali" tagged a person) from every index."""
        self.mentions.remove(mention)
        for i in self.tokens_of.pop(mention):
            del self.mention_at[i]

    def replace(self, old: Mention, new: Mention) -> None:
        """Swap a mention for an enriched copy (e.g. with its role) everywhere it is indexed."""
        self.mentions[self.mentions.index(old)] = new
        self.tokens_of[new] = self.tokens_of.pop(old)
        for i in self.tokens_of[new]:
            self.mention_at[i] = new

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)
