"""Actors news names by role rather than by name.

A sector noun (sectors.yaml: "troops", "the ministry", "militants") joined with the state or people it
belongs to ("Nigerian troops", "Sudan's army", "the army of Mali", "Houthi rebels") is one actor per
(country, sector) across the corpus: the mention carries ``sector`` and ``country`` and the resolver keys
it on them. Afterwards a bare sector noun ("the army said", "militants attacked") stands for the latest
actor of that sector the article introduced; with none, a non-state or state one is a group of its article
only, never merged across articles. A capital that acts ("Moscow denied") is its country.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.context import Context, dep
from kg.lexicon import (
    acting_nouns,
    capital_countries,
    countries,
    country_names,
    country_of,
    demonyms,
    lexicon,
    max_sector_words,
    organization,
    peoples,
    places,
    sector_of,
    sectors,
)
from kg.records import Mention, Relation

POSSESSIVE = ("'s", "’s", "'", "’")
AFFILIATION = {"led", "backed", "allied", "aligned", "affiliated", "sponsored", "supported", "controlled"}
# Words before a bare sector noun that make it some of them, not the body itself ("two soldiers").
QUANTIFIERS = {
    *("a", "an", "one", "two", "three", "several", "some", "many", "few", "most", "all", "both", "any", "no"),
    *("other", "more", "dozen", "dozens", "hundreds", "thousands", "scores", "number", "remnant", "remaining"),
}
STILL_VERBS = {"be", "have", "lie", "remain", "sit", "become", "host", "border", "look", "seem"}


def affiliation(text: str) -> str | None:
    """The state (canonical country) or people (its adjective) a word names: "Sudanese", "Sudan", "Kurdish",
    "Houthis"; None for anything else."""
    found = country_of(text)
    if found is not None:
        return found
    people = peoples().get(" ".join(text.split()))
    return people.adjective if people is not None else None


def sector_phrase(words: list[str]) -> tuple[int, str] | None:
    """The longest sector noun of acting bodies ending the words, as (index of its first word, sector key):
    ["Russian", "armed", "forces"] → (1, "military")."""
    for width in range(min(max_sector_words(), len(words)), 0, -1):
        noun = " ".join(words[-width:]).lower()
        if noun in acting_nouns():
            return len(words) - width, sector_of(noun) or ""
    return None


def is_country(m: Mention | None) -> bool:
    """A place mention the gazetteer knows as a country ("Sudan", not "Khartoum")."""
    return m is not None and m.kind == "Location" and places().get(m.text) == "country"


def nationality(doc: Doc, end: int, ctx: Context) -> tuple[int, str] | None:
    """Where the state or people written right before token ``end`` starts, and which it is: "Russian",
    "South Korean", "Houthi", "Sudan's", "Somalia" ("Somalia government")."""
    nations, folk, names = demonyms(), peoples(), country_names()
    for width in (3, 2, 1):  # "South Sudanese", "Houthi", "DR Congo", "DRC" (no mention needed)
        start = end - width
        words = doc[start:end].text if start >= 0 else ""
        if words and (words in nations or words in folk or words in names) and doc[start].text[:1].isupper():
            found = affiliation(doc[start:end].text)
            if found is not None:
                return start, found
    if end > 1 and doc[end - 1].text in POSSESSIVE:
        end -= 1
    m = ctx.mention_at.get(end - 1)
    if m is not None and (is_country(m) or country_of(m.text)):  # "DRC forces", "DRC" tagged a body
        return ctx.tokens_of[m][0], country_of(m.text) or m.text
    return None


def _of_country(doc: Doc, after: int, ctx: Context) -> tuple[int, str] | None:
    """ "... of Nigeria", "... of the Democratic Republic of the Congo": the last token and the country."""
    k = after
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        k += 1 + (doc[k + 1].lower_ == "the")
        m = ctx.mention_at.get(k)
        if is_country(m) and m is not None:
            return ctx.tokens_of[m][-1], country_of(m.text) or m.text
    return None


def groups(ctx: Context) -> list[Relation]:
    """ "Russian forces", "the Syrian government", "Myanmar military", "the army of Mali", "the Saudi-led
    coalition": a state's body or a group named by nationality, one organisation mention (with its sector
    and state when a sector noun names it); "an Israeli airstrike": the state itself, as the attack's author
    (a Location mention under the country's name)."""
    lex = lexicon()
    doc = ctx.doc
    relations: list[Relation] = []
    for tok in doc:
        if tok.i in ctx.mention_at or tok.sent.start not in ctx.sent_index:
            continue
        if not tok.text.islower() and not _titled_sector_of_country(doc, tok, ctx):
            continue
        group = tok.lower_ in lex.group_nouns or tok.lower_ in acting_nouns()
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            group
            and nxt is not None
            and nxt.lower_ in lex.group_nouns
            and doc[tok.i : tok.i + 2].text.lower() in acting_nouns()
        ):
            continue  # not the head of its sector noun: "military junta"
        attack = not group and (tok.lemma_.lower() in lex.attack_nouns or tok.lower_ in lex.attack_nouns)
        if not (group or attack):
            continue
        j = tok.i
        if group:  # the whole sector noun: "military forces", "armed forces"
            window = max(tok.sent.start, tok.i - max_sector_words() + 1)
            noun = sector_phrase([t.text for t in doc[window : tok.i + 1]])
            j = window + noun[0] if noun is not None else j
        adjectives = 0
        while (
            j - 1 >= tok.sent.start
            and (doc[j - 1].tag_ in ("JJ", "VBN") or (doc[j - 1].tag_ == "NN" and dep(doc[j - 1]) == "compound"))
            and doc[j - 1].text.islower()  # "Russia's defence ministry"
            and adjectives < 2
        ):
            if doc[j - 1].lower_ in AFFILIATION and j - 2 >= 0 and doc[j - 2].text in ("-", "–"):
                break
            j -= 1
            adjectives += 1
        if j - 3 >= 0 and doc[j - 1].lower_ in AFFILIATION and doc[j - 2].text in ("-", "–"):
            led = _led(ctx, tok, j) if group else None
            relations += [led] if led is not None else []
            continue
        found = nationality(doc, j, ctx)
        last = tok.i
        if found is None and group and tok.i + 2 < len(doc):
            after = _of_country(doc, tok.i + 1, ctx)  # "the army of Mali"
            if after is not None:
                found, last = (j, after[1]), after[0]
        place = ctx.mention_at.get(j - 1)
        if found is None and tok.lower_ in lex.force_nouns and place is not None and place.kind == "Location":
            found = (ctx.tokens_of[place][0], "")  # "Misrata forces", "Fano fighters": a force named after its home
        if found is None:
            continue
        start, country = found
        if group:
            begin, end = ctx.char_span(start, last + 1)
            noun = sector_phrase([t.text for t in doc[j : tok.i + 1]])
            sector = noun[1] if noun and country else None
            mention = Mention(
                ctx.article.text[begin:end], "Organization", begin, end, ctx.sentence_of(tok),
                sector=sector, country=country if sector else None,
            )  # fmt: skip
            ctx.add(mention, [i for i in range(start, last + 1) if i not in ctx.mention_at or i <= tok.i])
        elif start not in ctx.mention_at:  # "Israeli" as written; the resolver's gazetteer makes it Israel
            begin, end = ctx.char_span(start, j)
            ctx.add(Mention(ctx.article.text[begin:end], "Location", begin, end, ctx.sentence_of(tok)), range(start, j))
    return relations


def _titled_sector_of_country(doc: Doc, tok: Token, ctx: Context) -> bool:
    """ "Government of Mali", "Armed Forces of Ukraine" the NER missed: a capitalised sector noun of a country."""
    return tok.text.istitle() and tok.i + 2 < len(doc) and _of_country(doc, tok.i + 1, ctx) is not None


def _led(ctx: Context, tok: Token, j: int) -> Relation | None:
    """ "the Saudi-led coalition", "the Haftar-led LNA forces": one organisation, and its leader (a person,
    a body or the state the adjective names) kgo:leads it."""
    doc = ctx.doc
    owner = ctx.mention_at.get(j - 3)
    found = nationality(doc, j - 2, ctx)
    if owner is not None and owner.kind != "Location":
        start = ctx.tokens_of[owner][0]
    elif found is not None:
        start = found[0]
        begin, end = ctx.char_span(start, j - 2)
        owner = Mention(found[1], "Location", begin, end, ctx.sentence_of(tok), anaphor=True)
        ctx.add(owner, [])  # the state, on no token of its own: the words are the coalition's name
    else:
        return None
    begin, end = ctx.char_span(start, tok.i + 1)
    mention = Mention(ctx.article.text[begin:end], "Organization", begin, end, ctx.sentence_of(tok))
    ctx.add(mention, range(start, tok.i + 1))
    return Relation(owner, "leads", mention, 0.8)


def named_sectors(ctx: Context) -> None:
    """A name the NER found that is a state and a sector noun ("Ukrainian Armed Forces", "Government of
    Mali", "the Armenian Defence Ministry"): the same actor as its lower-case form."""
    for m in list(ctx.mentions):
        if m.kind != "Organization" or m.sector or m.leader:
            continue
        words = m.text.replace("’", "'").split()
        if words and words[0].lower() == "the":
            words = words[1:]
        found = _parse_sector_name(words)
        if found is None:  # "Azerbaijan’s Defence Ministry": the name is a sector noun, its state before it
            noun = sector_phrase(words)
            state = nationality(ctx.doc, ctx.tokens_of[m][0], ctx) if noun is not None and noun[0] == 0 else None
            found = (state[1], noun[1]) if state is not None and noun is not None else None
        if found is not None:
            ctx.replace(m, replace(m, sector=found[1], country=found[0]))


def _parse_sector_name(words: list[str]) -> tuple[str, str] | None:
    for width in (1, 2, 3, 4):  # "[Somalia's|South Sudanese|Democratic Republic of Congo] army"
        head = " ".join(words[:width])
        head = head[:-2] if head.endswith("'s") else head
        state = affiliation(head)
        noun = sector_phrase(words[width:]) if state and len(words) > width else None
        if state and noun is not None and noun[0] == 0:
            return state, noun[1]
    if "of" in words:  # "Government of Mali", "Armed Forces of Ukraine"
        k = words.index("of")
        noun = sector_phrase(words[:k])
        state = affiliation(" ".join(w for w in words[k + 1 :] if w != "the"))
        if noun is not None and noun[0] == 0 and state and state in countries():
            return state, noun[1]
    return None


def references(ctx: Context) -> None:
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
        if antecedent is not None:
            mention = Mention(
                antecedent.text, "Organization", begin, end, sent, anaphor=True,
                sector=antecedent.sector, country=antecedent.country,
            )  # fmt: skip
        else:
            mention = Mention(ctx.article.text[begin:end], "Group", begin, end, sent, sector=sector)
        ctx.add(mention, range(start, tok.i + 1))


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
    return _sector_and_broader(sector) if sector else []


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


def _sector_and_broader(sector: str) -> list[str]:
    out = [sector]
    while (broader := sectors()[out[-1]].broader) is not None:
        out.append(broader)
    return out


def _bare_sector(doc: Doc, tok: Token) -> tuple[int, str] | None:
    """A sector noun phrase ending at ``tok`` with no state and no number: "the army", "suspected militants"."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ in ("NN", "NNS")):
        return None
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
    while first > tok.sent.start and doc[first - 1].tag_ in ("JJ", "VBN") and doc[first - 1].text.islower():
        first -= 1  # "suspected militants", "unidentified gunmen"
    if any(c.i < tok.i and (c.like_num or c.lower_ in QUANTIFIERS or dep(c) == "nummod") for c in tok.subtree):
        return None  # "a few dozen fighters", "all factions": some of them, not the body
    before = doc[first - 1] if first > tok.sent.start else None
    if before is not None and (before.lower_ in QUANTIFIERS or before.like_num or before.tag_ in ("CD", "PRP$", "NNP")):
        return None
    if before is not None and (before.text in POSSESSIVE or before.text in ("-", "–")):
        return None  # "its troops" is taken by the possessor's rules, "al-Qaeda-linked militants" by affiliation
    return first, noun[1]


def _descriptor_of_name(ctx: Context, tok: Token) -> bool:
    """ "the ELN guerrilla group", "Hamas militants", "the M23 rebel movement": a non-state sector noun right
    after an organisation's name describes it; its words stand for the name (a speaker or author found at the noun is
    the named body, not a group of its own)."""
    if tok.pos_ not in ("NOUN", "PROPN") or (tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].tag_ in ("NN", "NNS")):
        return False
    start = max(tok.sent.start, tok.i - max_sector_words() + 1)
    noun = sector_phrase([t.text for t in ctx.doc[start : tok.i + 1]])
    if noun is None or sectors()[noun[1]].kind != "nonstate":
        return False  # "UN envoy Martin Kobler", "LNA forces": a person's office, a force the leader rules read
    first = start + noun[0]
    name = ctx.mention_at.get(first - 1)
    if name is None or name.kind != "Organization" or name.leader or ctx.tokens_of[name][-1] != first - 1:
        return False
    ctx.extend(name, range(first, tok.i + 1))
    return True


def _headline_victims(tok: Token) -> bool:
    """ "Soldiers killed in ambush": the subject of a killing or wounding verb with no object is its victim
    (news drops the "were"), not a body that acts."""
    lex = lexicon()
    verb = tok.head
    harm = verb.lemma_.lower() in lex.killed_words or verb.lemma_.lower() in lex.injured_words
    return dep(tok) == "nsubj" and harm and not any(dep(c) == "obj" for c in verb.children)


def capitals_acting(ctx: Context) -> None:
    """ "Moscow denied", "Washington urged", "Kyiv's accusation": a capital that speaks or acts is its state."""
    capitals = capital_countries()
    for m in list(ctx.mentions):
        if m.kind != "Location" or m.text not in capitals or m.anaphor:
            continue
        head = ctx.doc[ctx.tokens_of[m][-1]]
        d = dep(head)
        acting = d == "nsubj" and head.head.pos_ == "VERB" and head.head.lemma_ not in STILL_VERBS
        if acting or (d == "nmod:poss" and head.head.pos_ == "NOUN"):
            ctx.replace(m, replace(m, kind="Organization", country=capitals[m.text]))


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
        if dep(tok.head) in ("ccomp", "xcomp", "advcl", "csubj"):
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
        head = ctx.doc[ctx.tokens_of[m][-1]] if m in ctx.tokens_of else None
        if head is None or dep(head) not in ("nsubj", "nsubj:pass") or not (m.kind != "Group" or m.sector):
            return None  # the last body named is the topic only as a subject
        return m
    return None
