"""What a name looks like in a token list: capitalised runs with their particles, head words that give
a kind, titles before a person, a place's extent and the words that put a name somewhere. Plain functions
over ``list[Token]`` (one Token object per position), shared by the entity rules."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from kg.lexicon import common_words, demonyms, given_names, lexicon, places, title_endings
from kg.newsprint import known_name

PARTICLES = {
    "al",
    "el",
    "ad",
    "as",
    "ash",
    "an",
    "ar",
    "az",
    "bin",
    "ibn",
    "bint",
    "abu",
    "abd",
    "ben",
    "de",
    "del",
    "della",
    "der",
    "di",
    "da",
    "du",
    "dos",
    "van",
    "von",
    "le",
    "la",
}
COLLECTIVE_OWNERS = {"people", "peoples", "workers", "women", "children", "men", "veterans"}  # inside names
ARTICLES = {"al", "el"}  # Arabic name articles, which open names written in lower case


def name_like(tok: Token) -> bool:
    text = tok.text
    if not text[:1].isupper():
        return False
    if tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN" or text.isupper():
        return True
    return text.lower() not in common_words()


def span_text(toks: list[Token]) -> str:
    """What ``Span.text`` gives, for a slice of a token list (no Span is built)."""
    return "".join(t.text_with_ws for t in toks[:-1]) + toks[-1].text if toks else ""


def capitalised_runs(toks: list[Token]) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised tokens, joined by hyphens and Arabic/European name particles."""
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        article = (  # "al Qaeda", "al-Shabaab": a lower-case Arabic article opens the name
            tok.lower_ in ARTICLES
            and i + 2 < n
            and (toks[i + 1].text[:1].isupper() or (toks[i + 1].text == "-" and toks[i + 2].text[:1].isupper()))
        )
        if (tok.text[:1].isupper() and not tok.is_punct) or article:
            j = i + 1
            while j < n:
                t = toks[j]
                if t.text[:1].isupper() and not t.is_punct and not t.is_space:
                    j += 1
                elif (
                    t.text in ("-", "’", "'")
                    and j + 1 < n
                    and not toks[j - 1].whitespace_
                    and not t.whitespace_
                    and toks[j + 1].text[:1].isupper()
                ):
                    j += 2
                elif (
                    t.lower_ in PARTICLES and j + 1 < n and (toks[j + 1].text[:1].isupper() or toks[j + 1].text == "-")
                ):
                    j += 1
                elif (
                    t.tag_ == "POS"
                    and toks[j - 1].lower_ in COLLECTIVE_OWNERS
                    and j + 1 < n
                    and toks[j + 1].text[:1].isupper()
                ):
                    j += 1  # "Tigray People's Liberation Front", "Children's Hospital"
                else:
                    break
            yield i, j
            i = j
        else:
            i += 1


def head_kind(word: str) -> str | None:
    lex = lexicon()
    low = word.lower()
    if low in lex.org_heads:
        return "ORG"
    if low in lex.loc_heads:
        return "LOC"
    return None


def trim(toks: list[Token], start: int, end: int) -> tuple[int, int]:
    """Drop leading titles, determiners and lower-case words, and trailing possessives/punctuation."""
    titles = lexicon().titles
    while start < end:
        tok = toks[start]
        two = f"{tok.lower_} {toks[start + 1].lower_}" if start + 1 < end else ""
        if two in titles:
            start += 2
        elif tok.text in demonyms() and start + 1 < end and toks[start + 1].lower_ in titles:
            start += 1  # "Libyan General Khalifa Haftar": the nationality before a title
        elif (
            start > 0
            and tok.lower_ in title_endings()
            and span_text(toks[max(start - 2, 0) : start + 1]).lower() in titles
        ):
            start += 1  # the end of a title that began before the span: "Secretary of State"
        elif tok.tag_ in ("VBG", "VBD", "VBZ", "VBP", "VB", "RB", "PRP", "PRP$", "WP", "CC", "IN", "MD") or (
            tok.lower_ in titles
            or tok.lower_ in ("the", "a", "an")
            or tok.is_punct
            or (not tok.text[:1].isupper() and tok.lower_ not in PARTICLES)
        ):
            start += 1
        else:
            break
    while end > start and (
        toks[end - 1].lower_ in ("'s", "’s", "'", "’") or toks[end - 1].is_punct or toks[end - 1].is_space
    ):
        end -= 1
    return start, end


def divided(toks: list[Token], start: int, end: int) -> bool:
    """A lower-case division word names the run a place: "Borno state", "the city of Saada"."""
    divisions = lexicon().divisions
    if end < len(toks) and toks[end].text in divisions:
        return True
    return start > 1 and toks[start - 1].text == "of" and toks[start - 2].text in divisions


def titled(toks: list[Token], start: int) -> bool:
    """A person's title or rank ends right before ``start``."""
    titles = lexicon().titles
    first = max(start - 3, 0)
    before = [toks[k].lower_ for k in range(first, start)]
    return any(
        " ".join(before[k:]) in titles and not (first + k > 0 and toks[first + k - 1].text[:1].isdigit())  # "03:16 PM"
        for k in range(len(before))
    )


NAME_LINKS = {"al", "el", "bin", "ibn", "bint", "abu", "ould", "ben"}


def person_like(span: Span) -> bool:
    """A multi-word name that starts with a known given name or has a name particle inside."""
    if len(span) < 2:
        return False
    inner = {t.lower_ for t in span[1:]}
    return span[0].text in given_names() or bool(inner & NAME_LINKS)


LOCATIVE = {"in", "near", "at", "outside", "around", "across", "inside", "into", "towards", "toward", "on"}
PLACE_UNITS = {
    "district",
    "province",
    "region",
    "governorate",
    "valley",
    "neighbourhood",
    "neighborhood",
    "state",
    "county",
    "oblast",
    "municipality",
    "prefecture",
    "camp",
    "refugee camp",
}


DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
PLACE_PREPOSITIONS = {"in", "near", "outside", "inside"}


def placed(toks: list[Token], i: int, strict: bool = False) -> bool:
    """The word at ``i`` stands where places stand: after a locative preposition ("in X") or a
    direction ("300 km east of X"). ``strict`` keeps to the prepositions people rarely follow (not
    "on", "at", "towards": "an attack on X", "a swipe at X") and wants no possessive after it."""
    if i == 0:
        return False
    before = toks[i - 1].lower_
    after = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    if before == "of" and i > 1 and toks[i - 2].lower_ in DIRECTIONS:
        return True
    if strict:
        return before in PLACE_PREPOSITIONS and after not in ("'s", "’s", "’", "'")
    return before in LOCATIVE


def place_extent(toks: list[Token], start: int, end: int) -> tuple[int, int]:
    """ "eastern Libya", "Abu Salim district": a side before a place and a unit after it belong to it."""
    if start > 0 and toks[start - 1].lower_ in lexicon().place_sides and toks[start - 1].text.islower():
        start -= 1
    if end < len(toks) and toks[end].lower_ in PLACE_UNITS and toks[end].text.islower():
        end += 1
    return start, end


def sound(name: str) -> str:
    """The transliteration key of a name (kg.resolve), so "Hafter" meets "Haftar"."""
    from kg.resolve import normalise, sound_key

    key = sound_key(normalise(name))
    return key if key and "=" not in key else ""


def possesses_force(toks: list[Token], end: int) -> bool:
    """ "X's forces", "X’s loyalist troops": a possessive before a force noun."""
    if end + 1 >= len(toks) or toks[end].text not in ("'s", "’s", "'", "’"):
        return False
    forces = lexicon().force_nouns
    return any(t.lower_ in forces for t in toks[end + 1 : end + 3])


NAMING = ("known as", "called", "named", "dubbed", "calling itself", "calling themselves", "styled")
NAMING_LAST = {phrase.split()[-1] for phrase in NAMING}


def introduced_kind(toks: list[Token], start: int) -> str | None:
    """ORG or LOC when the capitalised run at ``start`` follows "<group/town> known as / called (the)"."""
    i = start - 1 if start > 0 and toks[start - 1].lower_ == "the" else start
    if i < 2 or toks[i - 1].lower_ not in NAMING_LAST:
        return None
    lex = lexicon()
    for phrase in NAMING:
        n = phrase.count(" ") + 1
        if i - n < 1 or span_text(toks[i - n : i]).lower() != phrase:
            continue
        j = i - n - 1
        if toks[j].text == ",":
            j -= 1
        word = toks[j].lower_
        if word in lex.org_heads or word in lex.group_nouns:
            return "ORG"
        if word in lex.loc_heads:
            return "LOC"
    return None


def headline_organisation(toks: list[Token], i: int, end: int, body: str) -> int | None:
    """In a title-case line, the end of "<known name> <Words> <organisation head>" starting at ``i``
    ("Libyan Investment Authority Sues ...", "Derna Shura Council Forces"): where every word is
    capitalised, a name shows by its two ends, a nationality or a name the text gives elsewhere and a
    head word, with no function word ("To", "From") between."""
    first = toks[i].text
    if not first[:1].isupper() or toks[i].lower_ in STOP_WORDS:
        return None
    if not (first in demonyms() or first in places() or (toks[i].is_alpha and known_name(first, body))):
        return None
    found = None
    for j in range(i + 1, min(i + 5, end)):
        tok = toks[j]
        if not (tok.is_alpha and tok.text[:1].isupper()) or tok.lower_ in STOP_WORDS:
            break
        if head_kind(tok.text) == "ORG":
            found = j + 1
        elif news_verb(tok.lower_):
            break  # "Nigerian Army Denies Amnesty International ...": the verb ends the name before it
    return found


def news_verb(word: str) -> bool:
    """A verb of saying, attacking or harming in any regular inflection ("denies", "kills", "urges"): in a
    title-case line it is the verb, never a word of a name."""
    lex = lexicon()
    verbs = (lex.statement_verbs, lex.attack_verbs, lex.killed_words, lex.injured_words)
    return any(form in vocab for form in (word, *base_forms(word)) for vocab in verbs)


def base_forms(word: str) -> list[str]:
    """English base forms a regular inflection can come from: "blamed" → blam, blame; "shelled" → shell."""
    out = []
    for suffix, add in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
                        ("s", ""), ("d", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + add
            out.append(stem)
            if not add and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "shelling" → shell, "targetted" → target
    return out
