"""References back: a word that stands for an actor the article named before it. "he", "the general" (a person);
"the coalition", "the observatory" (an organisation named with that word); "the army", "the rebels", "the
group" (the one actor of that sector the article introduced); "it", "they" (the body last named as subject);
"the ELN guerrilla group" (a descriptor after a name). No guess when the article named several."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from kg.extract.actors import POSSESSIVE, affiliation, is_country, outlet, sector_phrase
from kg.extract.context import Context, dep
from kg.lexicon import (
    acting_nouns,
    countries,
    country_names,
    country_of,
    lexicon,
    max_sector_words,
    organization,
    sectors,
)
from kg.records import Mention

PRONOUNS = ("he", "his", "him", "she", "her")


def persons(ctx: Context) -> None:
    """ "he/his" and "the general" → the nearest earlier person that fits; "his forces" → that person's forces."""
    lex = lexicon()
    doc = ctx.doc
    persons: list[tuple[int, Mention]] = []
    for tok in doc:
        m = ctx.mention_at.get(tok.i)
        if m is not None and m.kind == "Person" and not m.leader:
            if (not persons or persons[-1][1] is not m) and not _told_to(tok) and not outlet(m):
                persons.append((tok.i, m))  # "X told Radio Y ... he said": the one told is never "he"
            continue
        if tok.lower_ not in PRONOUNS and tok.lower_ not in lex.leader_nouns:
            continue  # no word that refers back to a person (most words)
        if tok.sent.start not in ctx.sent_index or tok.i in ctx.mention_at:
            continue
        recent = [m for i, m in persons if tok.i - i < 80]
        if not recent:
            continue
        antecedent: Mention | None = None
        if tok.lower_ in PRONOUNS:
            antecedent = recent[-1]
        elif (
            tok.lower_ in lex.leader_nouns
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and tok.i + 1 < len(doc)
            and not doc[tok.i + 1].text[:1].isupper()
        ):
            fitting = [m for m in recent if tok.lower_ in f"{m.title or ''} {m.role or ''}".lower()]
            antecedent = fitting[-1] if fitting else None
        if antecedent is None:
            continue
        sent = ctx.sentence_of(tok)
        begin, end = ctx.char_span(tok.i, tok.i + 1)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tok.lower_ in ("his", "her") and nxt is not None and nxt.lower_ in lex.force_nouns:
            begin, end = ctx.char_span(tok.i, tok.i + 2)
            ctx.add(
                Mention(
                    ctx.article.text[begin:end],
                    "Organization",
                    begin,
                    end,
                    sent,
                    leader=antecedent.text,
                    anaphor=True,
                ),
                range(tok.i, tok.i + 2),
            )
        elif tok.lower_ not in ("his", "her") or _before_attack_word(tok):  # "his siege of the city"
            ctx.add(Mention(antecedent.text, "Person", begin, end, sent, anaphor=True), range(tok.i, tok.i + 1))


def _told_to(tok: Token) -> bool:
    """The name is whom something was told ("told Reuters", "told Radio Okapi"): an audience, not a speaker."""
    head = tok
    while dep(head) in ("flat", "flat:name", "compound") and head.head is not head:
        head = head.head
    return dep(head) in ("obj", "iobj", "dobj") and head.head.lemma_.lower() == "tell"


def _before_attack_word(tok: Token) -> bool:
    """ "his [repeated] attacks": a possessive whose noun (adjectives skipped) names an attack."""
    nouns = lexicon().attack_nouns
    for t in tok.doc[tok.i + 1 : tok.i + 4]:
        if t.lemma_.lower() in nouns or t.lower_ in nouns:
            return True
        if t.tag_ not in ("JJ", "VBN", "VBG", "HYPH") and not t.text.islower():
            return False
    return False


def bodies(ctx: Context) -> None:
    """ "the coalition", "the observatory", "the council": a definite body word names the organisation before
    it whose name ends in that word or has it as its head ("the Saudi-led coalition", "the Syrian Observatory
    for Human Rights"), when the article named one such organisation; two ("the Sovereign Council", "the
    Security Council") leave the reader, and newskg, no way to tell."""
    lex = lexicon()
    words = lex.group_nouns | lex.org_heads
    doc = ctx.doc
    named: dict[str, dict[str, Mention]] = {}  # a body word → the organisations named with it, by name
    for tok in doc:
        m = ctx.mention_at.get(tok.i)
        if m is not None:
            if m.kind == "Organization" and not m.anaphor and not m.sector and ctx.tokens_of[m][-1] == tok.i:
                for word in _body_words(m.text):  # (an actor named by role: sector_nouns)
                    named.setdefault(word, {})[m.text] = m
            continue
        if (
            len(named.get(tok.lower_, ())) == 1
            and tok.text.islower()
            and tok.lower_ in words
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and tok.sent.start in ctx.sent_index
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper())  # "the army chief Min Aung"
        ):
            antecedent = next(iter(named[tok.lower_].values()))
            begin, end = ctx.char_span(tok.i, tok.i + 1)
            mention = Mention(
                antecedent.text, "Organization", begin, end, ctx.sentence_of(tok), anaphor=True,
                sector=antecedent.sector, country=antecedent.country,
            )  # fmt: skip
            ctx.add(mention, [tok.i])


def _body_words(name: str) -> set[str]:
    """The words a later "the ..." may use for a body: its name's last word and its head, the word before
    "of", "for" or "in" ("Ministry of Defence" → defence, ministry)."""
    words = name.lower().split()
    out = {words[-1]} if words else set()
    for k, word in enumerate(words[1:], 1):
        if word in ("of", "for", "in"):
            out.add(words[k - 1])
            break
    return out


def sector_nouns(ctx: Context) -> None:
    """ "the army said", "militants attacked", "the rebels": a bare sector noun is the actor of its sector (or
    a narrower one: "the ministry" for the foreign ministry) the article introduced, when it introduced one
    ("Nigerian troops", "M23 rebels", the gazetteer's sector of a known name); with none, or several, a group
    of this article ("gunmen", "suspected militants"), never the same node as another article's."""
    doc = ctx.doc
    seen: dict[str, dict[tuple[str, str | None], Mention]] = {}  # sector → the actors of it so far
    for tok in doc:
        m = ctx.mention_at.get(tok.i)
        if m is not None and ctx.tokens_of[m][-1] == tok.i and not (m.sector or m.country or m.anaphor):
            m = _generic_name(ctx, m, _unique(seen))  # "the Ministry of Defence", "National Police": whose?
        elif m is not None and ctx.tokens_of[m][-1] == tok.i and m.sector and m.country and not m.anaphor:
            m = _narrowed(ctx, m, seen)  # "the Azerbaijani ministry" after its defence ministry
        if m is not None:
            if ctx.tokens_of[m][-1] == tok.i and not m.anaphor:
                for key in _introduced(ctx, m, tok):
                    seen.setdefault(key, {})[(m.country or m.text, m.sector)] = m
            continue
        if tok.lower_ not in _sector_ends():
            continue  # no sector noun ends here (what the two below would find, and most words)
        if tok.sent.start not in ctx.sent_index or not tok.text[:1].islower() and tok.i != tok.sent.start:
            continue
        if _descriptor_of_name(ctx, tok):
            continue
        found = _bare_sector(doc, tok)
        if found is None:
            continue
        start, sector = found
        antecedent = _unique(seen).get(sector)
        if sectors()[sector].kind == "civil" and (antecedent is None or not _definite(doc, start, tok)):
            continue  # "aid groups said", "witnesses": nobody in particular ("the rights group": the one named)
        if any(i in ctx.mention_at for i in range(start, tok.i + 1)) or _after_a_name(ctx, start):
            continue
        begin, end = ctx.char_span(start, tok.i + 1)
        sent = ctx.sentence_of(tok)
        official = "government" in ctx.article.text[begin:end].lower() and sectors()[sector].kind == "state"
        state = _main_state(ctx) if antecedent is None and official else None
        if state is not None:  # "government forces" in a report about one state: that state's
            mention = Mention(
                ctx.article.text[begin:end], "Organization", begin, end, sent, sector=sector, country=state
            )
            ctx.add(mention, range(start, tok.i + 1))
            continue
        if antecedent is not None:
            mention = Mention(
                antecedent.text, "Organization", begin, end, sent, anaphor=True,
                sector=antecedent.sector, country=antecedent.country,
            )  # fmt: skip
        else:
            mention = Mention(ctx.article.text[begin:end], "Group", begin, end, sent, sector=sector)
        ctx.add(mention, range(start, tok.i + 1))


def _main_state(ctx: Context) -> str | None:
    """The one state a report is about, when it names one far more than any other (three times at least, twice
    as often as the next): whose "government forces" and "government soldiers" a bare noun means."""
    if ctx.main_state is None:
        counts = Counter(
            country_of(m.text) or m.country
            for m in ctx.mentions
            if (m.kind == "Location" and is_country(m)) or (m.country and m.country in countries())
        )
        ranked = [(c, n) for c, n in counts.most_common(2) if c]
        top = (
            ranked[0]
            if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
            else None
        )
        ctx.main_state = top[0] if top else ""
    return ctx.main_state or None


@cache
def _sector_ends() -> frozenset[str]:
    """The last word of each sector noun of acting bodies ("forces" of "armed forces")."""
    return frozenset(noun.split(" ")[-1] for noun in acting_nouns())


def _definite(doc: Doc, start: int, tok: Token) -> bool:
    """ "the rights group", "the human rights organisation": one body, singular and definite."""
    return start > tok.sent.start and doc[start - 1].lower_ == "the" and tok.tag_ in ("NN", "NNP")


def _introduced(ctx: Context, m: Mention, last: Token) -> list[str]:
    """The sectors (each with its broader ones) an organisation mention makes a later bare noun refer to:
    its own ("Nigerian troops"), the noun printed after the name ("M23 rebels"), or the gazetteer's."""
    if m.kind != "Organization":
        return []
    sector = m.sector if m.country else None
    if sector is None:
        after = [t.text for t in ctx.doc[last.i + 1 : last.i + 3] if t.text.islower()]
        noun = next((sector_phrase(after[:w]) for w in (2, 1) if len(after) >= w and sector_phrase(after[:w])), None)
        body = organization(m.text)
        sector = noun[1] if noun is not None and noun[0] == 0 else (body.sector if body else None)
    return sector_and_broader(sector) if sector else []


def _narrowed(ctx: Context, m: Mention, seen: dict[str, dict[tuple[str, str | None], Mention]]) -> Mention:
    """A state's body named by a broad sector ("the Azerbaijani ministry") is the one narrower body of that
    state and sector the article introduced (its defence ministry); with none or several it stays broad."""
    narrower = {sector for (country, sector), _ in seen.get(m.sector or "", {}).items() if country == m.country}
    narrower.discard(m.sector)
    if len(narrower) != 1:
        return m
    new = replace(m, sector=narrower.pop())
    ctx.replace(m, new)
    return new


def _unique(seen: dict[str, dict[tuple[str, str | None], Mention]]) -> dict[str, Mention]:
    """Each sector's actor, where the article introduced exactly one ("the forces" after Russian and Ukrainian
    forces is no guess)."""
    return {key: next(iter(actors.values())) for key, actors in seen.items() if len(actors) == 1}


def _generic_name(ctx: Context, m: Mention, latest: dict[str, Mention]) -> Mention:
    """A name that is only a sector noun ("Ministry of Defence", "the Foreign Office") is that sector's
    actor the article introduced, else its article's own: never one node for every state's ministry."""
    if m.kind != "Organization":
        return m
    words = m.text.split()
    words = words[1:] if words and words[0].lower() == "the" else words
    noun = sector_phrase(words)
    if noun is None or noun[0] != 0:
        return m
    antecedent = latest.get(noun[1])
    if antecedent is not None and antecedent.country:
        new = replace(m, sector=antecedent.sector, country=antecedent.country)
    else:
        new = replace(m, kind="Group", sector=noun[1])
    ctx.replace(m, new)
    return new


def _after_a_name(ctx: Context, start: int) -> bool:
    """ "The NUG, the shadow government formed by ...": an apposition to the name just before it."""
    i = start - 1
    if i >= 0 and ctx.doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    before = ctx.mention_at.get(i - 1) if i > 0 and ctx.doc[i].text == "," else None
    return before is not None and before.kind != "Location"  # "In Nondin, soldiers killed": no apposition


def sector_and_broader(sector: str) -> list[str]:
    out = [sector]
    while (broader := sectors()[out[-1]].broader) is not None:
        out.append(broader)
    return out


def _bare_sector(doc: Doc, tok: Token) -> tuple[int, str] | None:
    """A sector noun phrase ending at ``tok`` with no state and no number: "the army", "suspected militants"."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if tok.pos_ not in ("NOUN", "PROPN") or (
        nxt is not None and nxt.tag_ in ("NN", "NNS") and nxt.lower_ not in lexicon().documents
    ):
        return None  # "army base" is no army; "a ministry statement" is the ministry's
    if dep(tok) == "appos" or any(dep(c) in ("appos", "flat", "compound") and c.i > tok.i for c in tok.children):
        return None  # "the NUG, the shadow government,", "the militant group al-Shabaab": the name is the actor
    if _headline_victims(tok):
        return None
    start = max(tok.sent.start, tok.i - max_sector_words() + 1)
    words = [t.text for t in doc[start : tok.i + 1]]
    noun = sector_phrase(words)
    if noun is None:
        return None
    first = start + noun[0]
    while first > tok.sent.start and _describing(doc[first - 1]):
        first -= 1  # "suspected militants", "unidentified gunmen", "a Buddhist militia"
    one_body = tok.lower_ in lexicon().bodies  # "a jihadist group" is an actor, "a soldier" one of many
    if any(
        c.i < tok.i and (c.like_num or c.lower_ in QUANTIFIERS or dep(c) == "nummod")
        for c in tok.subtree
        if not (one_body and c.lower_ in ("a", "an"))
    ):
        return None  # "a few dozen fighters", "all factions": some of them, not the body
    before = doc[first - 1] if first > tok.sent.start else None
    if one_body and before is not None and before.lower_ in ("a", "an"):
        return first, noun[1]
    document = (
        nxt is not None and nxt.lower_ in lexicon().documents and before is not None and before.lower_ in ("a", "an")
    )
    if (
        before is not None
        and not document
        and (before.lower_ in QUANTIFIERS or before.like_num or before.tag_ in ("CD", "PRP$", "NNP"))
    ):
        return None  # "a soldier", "two militias"; but "a ministry statement" is the ministry's
    if before is not None and (before.text in POSSESSIVE or before.text in ("-", "–")):
        return None  # "its troops" is taken by the possessor's rules, "al-Qaeda-linked militants" by affiliation
    return first, noun[1]


def _describing(word: Token) -> bool:
    """A word describing a sector noun without naming a state or people: "suspected", "unidentified", or a
    capitalised adjective of faith or creed ("Christian", "Islamist") that no gazetteer makes an actor's side."""
    if word.text.islower():
        return word.tag_ in ("JJ", "VBN")
    known = affiliation(word.text) is not None or word.text in country_names()
    return (word.tag_ == "JJ" or word.ent_type_ == "NORP") and not known


NAMING = (("of",), ("from",), ("belonging", "to"), ("called",), ("named",), ("dubbed",), ("known", "as"))


def _named_after(ctx: Context, tok: Token) -> Mention | None:
    """The name a description is given right after it: "fighters of al-Shabaab", "a militia calling itself the
    Dawn Brigade", "an armed group known as the ADF"."""
    doc = ctx.doc
    for words in NAMING:
        k = tok.i + 1
        if [t.lower_ for t in doc[k : k + len(words)]] != list(words):
            continue
        k += len(words)
        k += k < len(doc) and doc[k].lower_ == "the"
        return ctx.mention_at.get(k)
    return None


def _descriptor_of_name(ctx: Context, tok: Token) -> bool:
    """ "the ELN guerrilla group", "Hamas militants", "the M23 rebel movement", "rebels of the TPLF": a
    non-state sector noun right after (or "of") an organisation's name describes it; its words stand for the
    name (a speaker or author found at the noun is the named body, not a group of its own)."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].tag_ in ("NN", "NNS")):
        return False
    start = max(tok.sent.start, tok.i - max_sector_words() + 1)
    noun = sector_phrase([t.text for t in ctx.doc[start : tok.i + 1]])
    if noun is None or sectors()[noun[1]].kind != "nonstate":
        return False  # "UN envoy Martin Kobler", "LNA forces": a person's office, a force the leader rules read
    first = start + noun[0]
    end = first - 1
    doc = ctx.doc
    owner = _named_after(ctx, tok)
    if owner is not None and owner.kind == "Organization" and not owner.leader:
        ctx.extend(owner, range(first, tok.i + 1))  # "Rebels of the TPLF", "a militia called the Dawn Brigade"
        return True
    if end >= 2 and doc[end].text == ")" and doc[end - 2].text == "(":
        end -= 3  # "Islamic State (IS) militants": past the acronym the name defines
    name = ctx.mention_at.get(end)
    if name is None or name.kind != "Organization" or name.leader or ctx.tokens_of[name][-1] != end:
        return False
    ctx.extend(name, range(end + 1, tok.i + 1))
    return True


def _headline_victims(tok: Token) -> bool:
    """ "Soldiers killed in ambush": the subject of a killing or wounding verb with no object is its victim
    (news drops the "were"), not a body that acts."""
    lex = lexicon()
    verb = tok.head
    harm = verb.lemma_.lower() in lex.killed_words or verb.lemma_.lower() in lex.injured_words
    return dep(tok) == "nsubj" and harm and not any(dep(c) == "obj" for c in verb.children)


# Words before a bare sector noun that make it some of them, not the body itself ("two soldiers").
QUANTIFIERS = {
    *("a", "an", "one", "two", "three", "several", "some", "many", "few", "most", "all", "both", "any", "no"),
    *("other", "more", "dozen", "dozens", "hundreds", "thousands", "scores", "number", "remnant", "remaining"),
}


def pronouns(ctx: Context) -> None:
    """ "it said in a statement", "they claimed the attack", "The Taliban say they ...": "it" or "they" as the
    subject of a verb of speech or attack is the organisation (or group) last named within two sentences, when
    it was named as a subject and is no news agency; anything else (a person, a place, "it is") is no guess."""
    lex = lexicon()
    acts = set(lex.statement_verbs) | set(lex.attack_verbs) | lex.claim_verbs | lex.blame_verbs
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ not in ("it", "they") or tok.i in ctx.mention_at or tok.sent.start not in ctx.sent_index:
            continue
        if dep(tok) != "nsubj" or tok.head.lemma_.lower() not in acts:
            continue
        if dep(tok.head) in ("ccomp", "xcomp", "advcl", "csubj") or _reported(tok.head):
            continue  # inside what someone said ("X claimed that they were not targeting"): the speaker's own word
        antecedent = _last_body(ctx, tok)
        if antecedent is None:
            continue
        begin, end = ctx.char_span(tok.i, tok.i + 1)
        mention = replace(antecedent, begin=begin, end=end, sentence=ctx.sentence_of(tok), anaphor=True)
        ctx.add(mention, [tok.i])


def _last_body(ctx: Context, tok: Token) -> Mention | None:
    here = ctx.sent_index[tok.sent.start]
    for m in sorted(ctx.mentions, key=lambda m: m.begin, reverse=True):
        country = m.kind == "Location" and tok.lower_ == "it" and is_country(m)  # "Rwanda denied ... It said"
        if m.begin >= ctx.char_span(tok.i, tok.i + 1)[0] or m.kind == "Person" or m.kind == "Location" and not country:
            continue
        if here - ctx.sentences.index(m.sentence) > 2:
            return None
        body = organization(m.text)
        if body is not None and body.kind == "media" or m.text in lexicon().newsroom_words:
            continue
        head = _span_root(ctx, m)
        if head is not None and dep(head) in ("nsubj", "nsubj:pass") and _reported(head.head):
            continue  # "X said Somali troops had shelled the town. '...,' it said": X speaks again, not the troops
        if head is None or dep(head) not in ("nsubj", "nsubj:pass") or not (m.kind != "Group" or m.sector):
            return None  # the last body named is the topic only as a subject
        return m
    return None


def _reported(verb: Token) -> bool:
    """A verb inside what someone said: a clause under a verb of speech (not an adverbial one: "While the army
    gave no figures, they said ...")."""
    speech = lexicon().statement_verbs
    while dep(verb) in ("ccomp", "conj", "parataxis") and verb.head is not verb:
        if verb.head.lemma_.lower() in speech:
            return True
        verb = verb.head
    return False


def _span_root(ctx: Context, m: Mention) -> Token | None:
    """The token of a mention the rest of the sentence hangs it by (its head is outside the mention)."""
    toks = ctx.tokens_of.get(m)
    if not toks:
        return None
    inside = set(toks)
    return next((ctx.doc[i] for i in toks if ctx.doc[i].head.i not in inside or ctx.doc[i].head.i == i), None)
