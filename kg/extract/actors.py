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
from functools import cache

from spacy.tokens import Doc, Token

from kg.extract.context import Context, dep
from kg.lexicon import (
    acting_nouns,
    capital_countries,
    countries,
    country_names,
    country_of,
    demonyms,
    endings,
    lexicon,
    max_sector_words,
    organization,
    peoples,
    places,
    sector_of,
)
from kg.records import Mention, Relation

POSSESSIVE = ("'s", "’s", "'", "’")
STILL_VERBS = {"be", "have", "lie", "remain", "sit", "become", "host", "border", "look", "seem"}
ORIGIN = {"made", "built", "supplied", "manufactured", "designed", "produced", "provided"}
AFFILIATION = {"led", "backed", "allied", "aligned", "affiliated", "sponsored", "supported", "controlled"}


def made_in(tok: Token) -> bool:
    """ "Iranian-made", "Russian-built": the adjective says where a weapon comes from, not whose it is."""
    doc = tok.doc
    k = tok.i + 1 + (tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–"))  # "Iranian made" too
    return k < len(doc) and doc[k].lower_ in ORIGIN


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


def outlet(m: Mention) -> bool:
    """A news outlet ("Reuters", "VOA", "state television"): how words reach the public, never an actor
    they are about, never an attacker."""
    body = organization(m.text)
    if body is not None:
        return body.kind in ("media", "platform")  # "wrote on his Facebook page": the channel
    words = m.text.lower().split()
    shaped = len(words) > 1 and (words[0] in ("radio", "tv", "télé") or words[-1] in lexicon().outlet_words)
    return shaped or m.sector in ("media", "state_media")


def is_country(m: Mention | None) -> bool:
    """A place mention the gazetteer knows as a country ("Sudan", not "Khartoum")."""
    return m is not None and m.kind == "Location" and places().get(m.text) == "country"


def nationality(doc: Doc, end: int, ctx: Context) -> tuple[int, str] | None:
    """Where the state or people written right before token ``end`` starts, and which it is: "Russian",
    "South Korean", "Houthi", "Sudan's", "Somalia" ("Somalia government")."""
    nations, folk, names = demonyms(), peoples(), country_names()
    printed = end > 0 and doc[end - 1].text in _name_endings()
    for width in (3, 2, 1) if printed else ():  # "South Sudanese", "Houthi", "DR Congo", "DRC" (no mention needed)
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


@cache
def _name_endings() -> frozenset[str]:
    """``endings`` of the demonyms, peoples' and countries' names."""
    return endings((*demonyms(), *peoples(), *country_names()))


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
        if tok.i in ctx.mention_at:
            continue
        group = tok.lower_ in lex.group_nouns or tok.lower_ in acting_nouns()
        attack = not group and (tok.lemma_.lower() in lex.attack_nouns or tok.lower_ in lex.attack_nouns)
        if not (group or attack) or tok.sent.start not in ctx.sent_index:
            continue  # neither a sector noun nor an attack word (most words)
        if not tok.text.islower() and not _titled_sector_of_country(doc, tok, ctx):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            group
            and nxt is not None
            and nxt.lower_ in lex.group_nouns
            and doc[tok.i : tok.i + 2].text.lower() in acting_nouns()
        ):
            continue  # not the head of its sector noun: "military junta"
        j = tok.i
        if group:  # the whole sector noun: "military forces", "armed forces"
            window = max(tok.sent.start, tok.i - max_sector_words() + 1)
            noun = sector_phrase([t.text for t in doc[window : tok.i + 1]])
            j = window + noun[0] if noun is not None else j
        adjectives = 0
        made = False  # "Iranian-made missiles": where the weapon was made, not who fired it
        while (
            j - 1 >= tok.sent.start
            and (doc[j - 1].tag_ in ("JJ", "VBN") or (doc[j - 1].tag_ == "NN" and dep(doc[j - 1]) == "compound"))
            and doc[j - 1].text.islower()  # "Russia's defence ministry"
            and adjectives < 3
        ):
            hyphen = j - 2 >= 0 and doc[j - 2].text in ("-", "–")
            made = made or doc[j - 1].lower_ in ORIGIN
            if doc[j - 1].lower_ in AFFILIATION and hyphen:
                break
            j -= 1
            adjectives += 1
        if j - 3 >= 0 and doc[j - 1].lower_ in AFFILIATION and doc[j - 2].text in ("-", "–"):
            led = _led(ctx, tok, j) if group else None
            relations += [led] if led is not None else []
            continue
        if made:
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
        named = ctx.mention_at.get(last + 1)
        if group and named is not None and named.kind == "Organization" and ctx.tokens_of[named][0] == last + 1:
            ctx.extend(named, range(start, last + 1))  # "Somali armed group Al Shabaab": the name is the actor
            continue
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


def capitals_acting(ctx: Context) -> None:
    """ "Moscow denied", "Washington urged", "Kyiv's accusation", "accused Kyiv": a capital that speaks or acts,
    or that a speech act addresses, is its state."""
    capitals = capital_countries()
    for m in list(ctx.mentions):
        if m.kind != "Location" or m.text not in capitals or m.anaphor:
            continue
        head = ctx.doc[ctx.tokens_of[m][-1]]
        d = dep(head)
        acting = d == "nsubj" and head.head.pos_ == "VERB" and head.head.lemma_ not in STILL_VERBS
        addressed = d in ("obj", "dobj") and head.head.lemma_.lower() in lexicon().statement_verbs
        if acting or addressed or (d == "nmod:poss" and head.head.pos_ == "NOUN"):
            ctx.replace(m, replace(m, kind="Organization", country=capitals[m.text]))
