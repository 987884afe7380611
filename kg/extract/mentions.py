"""Mentions of actors and places, and the facts that hold between them.

Besides named entities this finds name-anchored descriptions of forces
("Haftar’s forces", "forces loyal to Haftar"), acronyms a text defines
("Libyan National Army (LNA)"), roles from titles and appositions ("Ahmed
Maetig, the Vice Chairman of the Presidential Council"), leadership
("Haftar’s Libyan National Army", "the Haftar-led LNA") and containment
("Alfatayeh in Derna"); pronouns and descriptions ("his forces", "the
general") are resolved to the nearest fitting name only.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from kg.extract import actors, pairs, references
from kg.extract.actors import POSSESSIVE, is_country
from kg.extract.context import KIND_OF_LABEL, Context, dep
from kg.lexicon import capitals, country_names, demonyms, lexicon, organizations, places, title_endings
from kg.records import Mention, Relation

LEADS_VERBS = {"command", "lead", "head", "control", "run", "found", "chair"}


def find_mentions(ctx: Context) -> list[Relation]:
    """Fill ``ctx.mentions`` and return the relations stated between mentions."""
    doc = ctx.doc
    lex = lexicon()
    relations: list[Relation] = []
    acronyms: dict[str, Mention] = {}
    for ent in doc.ents:
        kind = KIND_OF_LABEL.get(ent.label_)
        if kind is None or ent.sent.start not in ctx.sent_index:
            continue
        begin, end = ctx.char_span(ent.start, ent.end)
        title = _title_before(ent.start, ctx)
        acronym = _acronym_after(ent.end, ctx) if kind == "Organization" and len(ent) > 1 else None
        mention = Mention(ent.text, kind, begin, end, ctx.sentence_of(ent), title=title, acronym=acronym)
        ctx.add(mention, range(ent.start, ent.end))
        if acronym:
            acronyms[acronym] = mention
    # Acronyms the text defined, wherever they recur untagged.
    for tok in doc:
        if tok.text in acronyms and tok.i not in ctx.mention_at and tok.sent.start in ctx.sent_index:
            begin, end = ctx.char_span(tok.i, tok.i + 1)
            ctx.add(Mention(tok.text, "Organization", begin, end, ctx.sentence_of(tok)), range(tok.i, tok.i + 1))
    _hyphenated(ctx)
    _country_names(ctx)
    _described_places(ctx)
    _datelines(ctx)
    relations += actors.groups(ctx)
    _capitals(ctx)
    _forces(ctx, relations)
    _collectives(ctx)
    actors.named_sectors(ctx)
    references.persons(ctx)
    references.bodies(ctx)
    references.sector_nouns(ctx)
    references.pronouns(ctx)
    pairs.pairs(ctx)
    actors.capitals_acting(ctx)
    for mention in list(ctx.mentions):
        if mention.kind == "Person":
            relations += _roles(mention, ctx, lex.spokesperson_words)
    relations += _leadership(ctx) + _containment(ctx) + _place_parts(ctx)
    ctx.mentions.sort(key=lambda m: (m.begin, m.end))
    return relations


def _country_names(ctx: Context) -> None:
    """ "Democratic Republic of Congo", "Central African Republic": a country's name printed whole is one
    place, whatever pieces of it the NER took; one it passed over ("DRC", "Rwanda") is one too."""
    doc = ctx.doc
    by_first, names = _country_names_by_first_word(), country_names()
    words = [t.text for t in doc]
    i = 0
    while i < len(doc):
        width = next((w for w in by_first.get(words[i], ()) if doc[i : i + w].text in names), 0)
        if not width and i not in ctx.mention_at and words[i] in names and words[i][:1].isupper():
            width = 1  # "DRC accused Rwanda": a country's name the NER passed over
        span = range(i, i + width)
        inside = {ctx.mention_at[k] for k in span if k in ctx.mention_at}
        if width and doc[i].sent == doc[i + width - 1].sent and doc[i].sent.start in ctx.sent_index:
            whole = all(set(ctx.tokens_of[m]) <= set(span) for m in inside)
            if whole and not any(ctx.tokens_of[m] == list(span) and m.kind == "Location" for m in inside):
                for m in inside:
                    ctx.remove(m)
                begin, end = ctx.char_span(i, i + width)
                ctx.add(Mention(doc[i : i + width].text, "Location", begin, end, ctx.sentence_of(doc[i])), span)
        i += max(width, 1)


@cache
def _country_names_by_first_word() -> dict[str, tuple[int, ...]]:
    """First word of a country's name of several words → the widths in tokens to try, longest first."""
    out: dict[str, set[int]] = {}
    for name in country_names():
        words = name.replace("-", " - ").replace("'", " '").split()
        if len(words) > 1 and words[0] != "the":
            out.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(widths, reverse=True)) for first, widths in out.items()}


def _hyphenated(ctx: Context) -> None:
    """ "Nagorno-Karabakh" tagged "Nagorno", "Guinea-Bissau" tagged "Guinea": a name goes on over a hyphen
    joined to a capitalised word; a place joined to "anti-" or "pro-" ("anti-Houthi") is a stance, not where."""
    doc = ctx.doc
    for m in list(ctx.mentions):
        tokens = ctx.tokens_of[m]
        first, last = tokens[0], tokens[-1]
        before = doc[first - 2 : first] if first >= 2 else None
        if m.kind == "Location" and before is not None and _joined(before) and before[0].lower_ in ("anti", "pro"):
            ctx.remove(m)
            continue
        end = last
        while end + 2 < len(doc) and _joined(doc[end : end + 3]) and doc[end + 2].text[:1].isupper():
            if end + 2 in ctx.mention_at or end + 1 in ctx.mention_at:
                break
            end += 2
        if end == last:
            continue
        begin, stop = ctx.char_span(first, end + 1)
        ctx.remove(m)
        grown = Mention(ctx.article.text[begin:stop], m.kind, begin, stop, m.sentence, title=m.title, acronym=m.acronym)
        ctx.add(grown, range(first, end + 1))


def _joined(words) -> bool:
    """Words written as one with a hyphen between them ("Nagorno-Karabakh"): no space on either side of it."""
    hyphen = next((t for t in words if t.text in ("-", "–")), None)
    return hyphen is not None and not hyphen.whitespace_ and not hyphen.nbor(-1).whitespace_


def _described_places(ctx: Context) -> None:
    """ "a Pashtun village", "an Alawite neighbourhood": a name between "a" and a kind of place describes the
    place (whose people it is), it does not name it; it is no place of its own."""
    lex, doc = lexicon(), ctx.doc
    for m in [m for m in ctx.mentions if m.kind == "Location"]:
        tokens = ctx.tokens_of[m]
        before = doc[tokens[0] - 1] if tokens[0] > 0 else None
        after = doc[tokens[-1] + 1] if tokens[-1] + 1 < len(doc) else None
        if before is None or after is None or before.lower_ not in ("a", "an") or not after.text.islower():
            continue
        if after.lower_ in lex.loc_heads or after.lower_ in lex.divisions:
            ctx.remove(m)


DATELINE_MARKS = (",", ":", "(", "—", "–", "-")


def _datelines(ctx: Context) -> None:
    """ "KABUL:", "BEIRUT (Reuters) -", "RABAT, Morocco (AP) —": the capitalised place heading a paragraph is
    where the report was filed from, a place and never a speaker or an actor; the first is the article's."""
    doc = ctx.doc
    for tok in doc:
        if tok.i > 0 and not (doc[tok.i - 1].is_space or "\n" in doc[tok.i - 1].whitespace_):
            continue
        j = tok.i
        while j < len(doc) and j - tok.i < 4 and doc[j].text.isupper() and any(c.isalpha() for c in doc[j].text):
            j += 1
        if j == tok.i or j >= len(doc) or doc[j].text not in DATELINE_MARKS or tok.sent.start not in ctx.sent_index:
            continue
        name = doc[tok.i : j].text
        if name in organizations() or (places().get(name.title()) is None and doc[j].text in (",", "(")):
            continue  # "NATO (...)", "UNICEF, the children's agency": a body, not a dateline
        for i in range(tok.i, j):
            if i in ctx.mention_at:
                ctx.remove(ctx.mention_at[i])
        begin, end = ctx.char_span(tok.i, j)
        place = Mention(name, "Location", begin, end, ctx.sentence_of(tok))
        ctx.add(place, range(tok.i, j))
        ctx.dateline = ctx.dateline or place


def _title_before(start: int, ctx: Context) -> str | None:
    """A military rank or title printed right before a name ("General", "Field Marshal")."""
    titles = lexicon().titles
    doc = ctx.doc
    if start == 0 or doc[start - 1].lower_ not in title_endings():
        return None  # no title ends with the word before the name (most names)
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        words = doc[start - width : start]
        if words.text.lower() in titles and words[0].text[:1].isupper():
            return words.text
    return None


def _acronym_after(end: int, ctx: Context) -> str | None:
    """``Name (ACR)``: the parenthesised capitals after an organisation name, if they are its initials."""
    doc = ctx.doc
    i = end
    if i < len(doc) and doc[i].text in ("”", '"', "’"):
        i += 1
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        cand = doc[i + 1].text
        if re.fullmatch(r"[A-Z][A-Za-z]{1,7}", cand) and sum(c.isupper() for c in cand) >= 2:
            return cand
    return None


def _forces(ctx: Context, relations: list[Relation]) -> None:
    """ "X’s forces", "forces loyal to X", "X forces": an organisation anchored on its leader X."""
    doc = ctx.doc
    lex = lexicon()
    for tok in doc:
        low = tok.lower_
        if tok.i in ctx.mention_at or low not in lex.force_nouns and low not in lex.group_nouns:
            continue  # neither a force nor a group noun (most words)
        if tok.sent.start not in ctx.sent_index:
            continue
        if low not in lex.force_nouns:
            if tok.lower_ in lex.group_nouns and tok.i > 0:  # "Houthi rebels", "Hamas officials": the group itself
                owner = ctx.mention_at.get(tok.i - 1)
                if owner is not None and owner.kind == "Organization" and not owner.leader:
                    ctx.mention_at[tok.i] = owner
            continue
        leader: Mention | None = None
        start = tok.i
        # X’s [adjectives] forces  /  X forces
        j = tok.i - 1
        while j >= tok.sent.start and doc[j].tag_ in ("JJ", "NNP", "NN", "VBN") and j not in ctx.mention_at:
            j -= 1
        if j >= tok.sent.start and doc[j].text in POSSESSIVE:
            j -= 1
        owner = ctx.mention_at.get(j) if j >= tok.sent.start else None
        if owner is not None and (owner.kind == "Organization" and not owner.leader or is_country(owner)):
            ctx.mention_at[tok.i] = owner  # "LNA forces", "the GNA’s forces", "Russia's troops": the body itself
            continue
        if owner is not None and owner.kind == "Person":
            leader = owner
            start = ctx.tokens_of[owner][0]
            end = tok.i + 1
        else:
            # forces loyal to X / forces of X / forces under X / forces led by X
            k = tok.i + 1
            if k < len(doc) and doc[k].lower_ in ("loyal", "led", "commanded", "allied"):
                k += 1
            if k < len(doc) and doc[k].lower_ in ("to", "of", "under", "by"):
                k += 1
                if k < len(doc) and doc[k].lower_ == "the" and k + 1 in ctx.mention_at:
                    k += 1
                owner = ctx.mention_at.get(k)
                if owner is not None and owner.kind == "Organization" and not owner.leader:
                    ctx.mention_at[tok.i] = owner  # "forces of the GNA" are the GNA
                elif owner is not None and owner.kind == "Person":
                    leader = owner
                    end = ctx.tokens_of[owner][-1] + 1
        if leader is None:
            continue
        begin, end_char = ctx.char_span(start, end)
        text = ctx.article.text[begin:end_char]
        force = Mention(text, "Organization", begin, end_char, ctx.sentence_of(tok), leader=leader.text)
        span = [i for i in range(start, end) if i not in ctx.mention_at or ctx.mention_at[i] is not leader]
        ctx.add(force, span)
        relations.append(Relation(leader, "leads", force, 0.8))


def _collectives(ctx: Context) -> None:
    """ "residents in the city of Derna", "Derna residents", "Gaza's civilians": an unnamed collective
    tied to a named place is an actor one can warn or accuse. Only the collective noun points to it;
    the place keeps its own mention. Without a named place right there, no node: "civilians" alone is
    nobody in particular."""
    lex = lexicon()
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ not in lex.collectives or tok.i in ctx.mention_at or tok.sent.start not in ctx.sent_index:
            continue
        place, first, last = None, tok.i, tok.i
        before = tok.i - 2 if tok.i > 1 and doc[tok.i - 1].text in POSSESSIVE else tok.i - 1
        if before >= tok.sent.start and before in ctx.mention_at and ctx.mention_at[before].kind == "Location":
            place = ctx.mention_at[before]
            first = ctx.tokens_of[place][0]
        else:
            j = tok.i + 1
            if j < tok.sent.end and doc[j].lower_ in ("in", "of", "from"):
                j += 1
                if j < tok.sent.end and doc[j].lower_ == "the":
                    j += 1
                if j + 1 < tok.sent.end and doc[j].lower_ in lex.loc_heads and doc[j + 1].lower_ == "of":
                    j += 2  # "residents in the city of Derna"
                m = ctx.mention_at.get(j)
                if m is not None and m.kind == "Location":
                    place, last = m, ctx.tokens_of[m][-1]
        if place is None:
            continue
        begin, end = ctx.char_span(first, last + 1)
        group = Mention(ctx.article.text[begin:end], "Group", begin, end, ctx.sentence_of(tok), place=place.text)
        ctx.add(group, [tok.i])
        if first < tok.i:
            ctx.group_of[place] = group


def _capitals(ctx: Context) -> None:
    """ "the Somali capital", "Libya's capital", "the capital of Sudan": the country's capital city, a
    description resolved to its name."""
    doc = ctx.doc
    nations, capital_of = demonyms(), capitals()
    for tok in doc:
        if tok.lower_ != "capital" or tok.i < 1 or tok.sent.start not in ctx.sent_index:
            continue
        before, country = doc[tok.i - 1], None
        if before.text in nations:
            country = nations[before.text]
        elif before.text in POSSESSIVE and tok.i > 1:
            m = ctx.mention_at.get(tok.i - 2)
            country = m.text if m is not None and is_country(m) else None
        elif tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
            m = ctx.mention_at.get(tok.i + 2)
            country = m.text if m is not None and is_country(m) else None
        capital = capital_of.get(country) if country else None
        named = ctx.mention_at.get(tok.i + 1)  # "the Libyan capital Tripoli" names it
        if capital is None or (named is not None and named.kind == "Location"):
            continue
        wrong = ctx.mention_at.get(tok.i - 1)  # "Somali" tagged a person
        if wrong is not None and wrong.kind != "Location" and wrong.text in nations:
            ctx.remove(wrong)
        begin, stop = ctx.char_span(tok.i, tok.i + 1)
        ctx.add(Mention(capital, "Location", begin, stop, ctx.sentence_of(tok), anaphor=True), [tok.i])


def _role_phrase(tokens: list[Token]) -> str:
    while tokens and (tokens[0].lower_ in ("the", "a", "an", ",") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("the", "a", "an", "and")):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # (Doc.text joins the whole article's words)


def _roles(person: Mention, ctx: Context, spokes: frozenset[str]) -> list[Relation]:
    """Role from the title phrase before a name or the apposition after it; memberOf its organisation."""
    lex = lexicon()
    doc = ctx.doc
    toks = [doc[i] for i in ctx.tokens_of.get(person, [])]
    if not toks or person.anaphor:
        return []
    first, last = toks[0].i, toks[-1].i
    sent = toks[0].sent
    phrase: list[Token] = []
    # Before: "UN envoy to Libya Martin Kobler", "Libya’s Deputy Special Representative ... Ali Al-Za’tari"
    j = first - 1
    if person.title:  # the title's tokens ("Secretary-General" is three)
        j = next((k for k in range(first - 1, max(first - 8, sent.start - 1), -1)
                  if doc[k:first].text.lower() == person.title.lower()), first - 1) - 1  # fmt: skip
    title = list(doc[j + 1 : first])
    while j >= sent.start:
        t = doc[j]
        if (
            t.tag_ in ("JJ", "NN", "NNP", "NNPS", "NNS", "POS", "HYPH", "DT")
            or t.lower_ in ("of", "for", "to", "-")
            or j in ctx.mention_at
        ):
            phrase.insert(0, t)
            j -= 1
        else:
            break
    if phrase or title:
        phrase += title  # the role runs on to the title the name carries ("UN Secretary-General")
    if not any(t.lower_ in lex.titles or t.lower_ in spokes for t in phrase) or phrase == title:
        phrase = []
        # After: "Name, the Vice Chairman of the Presidential Council,"
        k = last + 1
        if k < sent.end and doc[k].text == ",":
            k += 1
            while (
                k < sent.end
                and doc[k].text not in (",", ";", ".", "(", ")")
                and doc[k].pos_ != "VERB"
                and doc[k].tag_ not in ("VBD", "VBZ", "VBP", "MD")
            ):
                phrase.append(doc[k])
                k += 1
            if not any(t.lower_ in lex.titles or t.lower_ in spokes for t in phrase):
                phrase = []
    if not phrase:
        return []
    role = _role_phrase(phrase)
    if not role:
        return []
    out = []
    orgs = []
    for t in phrase:
        m = ctx.mention_at.get(t.i)
        if m is not None and m.kind == "Organization" and m not in orgs:
            orgs.append(m)
    is_spokes = any(t.lower_ in spokes for t in phrase)
    updated = Mention(
        person.text, person.kind, person.begin, person.end, person.sentence, title=person.title, role=role
    )
    ctx.replace(person, updated)
    for org in orgs[:1]:
        out.append(Relation(updated, "spokespersonFor" if is_spokes else "memberOf", org, 0.7))
    return out


def _leadership(ctx: Context) -> list[Relation]:
    """ "X’s Libyan National Army", "the X-led LNA", "X commands the LNA", "the LNA, led by X"."""
    doc = ctx.doc
    out: list[Relation] = []
    for tok in doc:
        m = ctx.mention_at.get(tok.i)
        if m is None:
            continue
        # X’s ORG (possessive directly before an organisation name)
        if m.kind == "Person" and not m.anaphor and tok.i + 2 < len(doc) and doc[tok.i + 1].text in POSSESSIVE:
            k = tok.i + 2
            while (
                k < len(doc)
                and (
                    doc[k].tag_ in ("JJ", "VBN", "HYPH", "``", "''")
                    or doc[k].text in '“”"-'
                    or doc[k].lower_ in ("self", "proclaimed", "so", "called")
                )
                and k not in ctx.mention_at
            ):
                k += 1
            org = ctx.mention_at.get(k)
            if org is not None and org.kind == "Organization" and not org.leader:
                out.append(Relation(m, "leads", org, 0.75))
        # X-led ORG
        if (
            m.kind == "Person"
            and tok.i + 3 < len(doc)
            and doc[tok.i + 1].text == "-"
            and doc[tok.i + 2].lower_ in ("led", "commanded", "controlled")
        ):
            org = ctx.mention_at.get(tok.i + 3)
            if org is not None and org.kind == "Organization":
                out.append(Relation(m, "leads", org, 0.8))
        # X commands / leads the ORG
        if tok.lemma_ in LEADS_VERBS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if dep(c) in ("nsubj",)), None)
            obj = next((c for c in tok.children if dep(c) in ("obj", "dobj")), None)
            s = ctx.mention_of(subj, ("Person",)) if subj is not None else None
            o = ctx.mention_of(obj, ("Organization",)) if obj is not None else None
            if s and o and not s.anaphor:
                out.append(Relation(s, "leads", o, 0.8))
    return out


def _containment(ctx: Context) -> list[Relation]:
    """ "Alfatayeh in Derna", "Sirte, Libya", "the Abu Salim district of Tripoli": the first place lies in the
    second."""
    geo, lex = places(), lexicon()
    out: list[Relation] = []
    doc = ctx.doc
    for tok in doc:
        inner = ctx.mention_at.get(tok.i)
        if inner is None or inner.kind != "Location" or tok.i + 2 >= len(doc):
            continue
        if ctx.mention_at.get(tok.i + 1) is inner:
            continue
        part = tok.lower_ in lex.divisions or tok.lower_ in lex.loc_heads  # "... district of Tripoli"
        if doc[tok.i + 1].lower_ in ("in", ",") or (part and doc[tok.i + 1].lower_ == "of"):
            outer = ctx.mention_at.get(tok.i + 2)
            kinds = (geo.get(inner.text), geo.get(outer.text) if outer else None)
            if doc[tok.i + 1].text == "," and kinds != (None, "country") and kinds != ("city", "country"):
                continue  # "Saudi Arabia, Egypt" is a list, "Sirte, Libya" is containment
            if outer is not None and outer.kind == "Location" and outer is not inner and kinds[0] != "country":
                out.append(Relation(inner, "locatedIn", outer, 0.7))
    return out


def _place_parts(ctx: Context) -> list[Relation]:
    """ "eastern Libya", "southern Tripoli": a part of the named place, which gets a mention of its own."""
    sides = lexicon().place_sides
    out: list[Relation] = []
    for m in list(ctx.mentions):
        side, _, rest = m.text.partition(" ")
        if m.kind == "Location" and side in sides and rest:
            whole = Mention(rest, "Location", m.end - len(rest), m.end, m.sentence)
            ctx.mentions.append(whole)
            out.append(Relation(m, "locatedIn", whole, 0.9))
    return out
