"""The entity rules (``newskg_entities``): the statistical model's PER/ORG/LOC spans corrected and completed
from general knowledge — titles trimmed, kinds decided by head words, a gazetteer of countries, cities and
international organisations, names the text introduces or repeats, a byline's authors, the names of a
title-case headline that the text gives elsewhere."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.lexicon import big_cities, common_words, demonyms, given_names, lexicon, organizations, places
from kg.nameshape import (
    PARTICLES,
    capitalised_runs,
    divided,
    head_kind,
    headline_organisation,
    introduced_kind,
    person_like,
    place_extent,
    placed,
    possesses_force,
    sound,
    span_text,
    titled,
    trim,
)
from kg.newsprint import bylines, known_name, outside_headlines, title_case_lines

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}


@Language.component("newskg_entities")
def entities(doc: Doc) -> Doc:
    """Correct and complete the statistical entities with general rules, in passes that each claim spans
    no earlier pass took (see module docstring)."""
    rules = _Rules(doc)
    for start, end, label in bylines(doc, rules.full):
        rules.claim(start, end, label)
    rules.introduced()
    rules.capitalised()
    rules.statistical()
    rules.defined_acronyms()
    rules.repeated_names()
    rules.headline_names()
    doc.set_ents(sorted(rules.ruled, key=lambda s: s.start), default="outside")
    return doc


class _Rules:
    """One document's entity passes and what they share: the spans claimed so far, the capitalised runs,
    the title-case headlines and the text outside them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.toks = list(doc)  # one Token object per position: doc[i] builds a new one on every access
        self.taken = [False] * len(doc)
        self.ruled: list[Span] = []
        self.full = doc.text  # built from the tokens on every access
        self.stat = doc.ents  # likewise
        self.surnames = {e[-1].text for e in self.stat if e.label_ in ("PER", "PERSON") and len(e) > 1}
        self.runs = list(capitalised_runs(self.toks))
        # a name the text once places ("in Kafr Dael, in northern Hama") is that place everywhere
        self.described = {span_text(self.toks[a:b]) for a, b in self.runs if self._place_after(a, b)}
        self.headlines = title_case_lines(doc, self.toks)
        self.body = outside_headlines(self.full, self.toks, self.headlines) if self.headlines else self.full

    def in_headline(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.headlines)

    def claim(self, start: int, end: int, label: str) -> None:
        toks, taken = self.toks, self.taken
        if label == "PER" and end - start == 1 and toks[start].text in demonyms():
            return  # "Iranian-made missiles": a nationality is nobody's name
        if label == "LOC":
            start, end = place_extent(toks, start, end)  # "eastern Libya", "Abu Salim district"
        elif label == "ORG" and end < len(toks) and toks[end].lower_ == "group" and not taken[end]:
            end += 1  # "the Islamic State group"
        if end > start and not any(taken[start:end]):
            self.ruled.append(Span(self.doc, start, end, label=label))
            for k in range(start, end):
                taken[k] = True

    def introduced(self) -> None:
        """A name the text introduces: "a military group known as the Shura Mujahideen of Derna", "a town
        called Bucha". The described noun gives its kind; the name runs on over "of" + another name."""
        toks, runs = self.toks, self.runs
        for k, (start, end) in enumerate(runs):
            kind = introduced_kind(toks, start)
            if kind is None:
                continue
            if end + 1 < len(toks) and toks[end].lower_ == "of" and k + 1 < len(runs) and runs[k + 1][0] == end + 1:
                end = runs[k + 1][1]
            start, end = trim(toks, start, end)
            self.claim(start, end, kind)

    def capitalised(self) -> None:
        """Capitalised runs: organisation names, head words ("... Council", "Government of ..."), titled
        people, places."""
        toks, geo, orgs, lex = self.toks, places(), organizations(), lexicon()
        for start, end in self.runs:
            start, end = trim(toks, start, end)
            if end <= start:
                continue
            text = span_text(toks[start:end])
            # "Government of National Accord", "Council of Ministers": head word + of + a name without a head.
            opener = (  # "Fighters of al-Shabaab ...": a capitalised common noun opening the sentence
                end - start == 1
                and toks[start].is_sent_start
                and (toks[start].lower_ in common_words() or toks[start].lower_ in lex.force_nouns)
            )
            if end < len(toks) - 1 and toks[end].lower_ in ("of", "for") and not opener:
                # "Government of National Accord", "Syrian Observatory for Human Rights": a head word, "of" or
                # "for", and a name without a head word; or any such whole the organisations gazetteer knows.
                nxt = next(((s, e) for s, e in self.runs if s == end + 1), None)
                whole = span_text(toks[start : nxt[1]]) if nxt else ""
                if nxt and (
                    whole in orgs
                    or head_kind(toks[end - 1].text) == "ORG"
                    and head_kind(toks[nxt[1] - 1].text) is None
                    and span_text(toks[nxt[0] : nxt[1]]) not in geo
                ):
                    self.claim(start, nxt[1], "ORG")
                    continue
            if text in orgs:
                self.claim(start, end, "ORG")
                continue
            label = self._capitalised_label(start, end, text)
            if label:
                self.claim(start, end, label)

    def _capitalised_label(self, start: int, end: int, text: str) -> str | None:
        toks, geo = self.toks, places()
        kind = head_kind(toks[end - 1].text)
        headline = self.in_headline(start)
        if not kind and end - start <= 3 and text not in demonyms() and not headline and divided(toks, start, end):
            return "LOC"  # "Borno state", "the city of Saada" ("the Yemeni city of Saada": no nationality)
        if not kind and end - start <= 3 and text not in demonyms() and not headline and text in self.described:
            return "LOC"  # "went off in Kafr Dael, a town in Hama province"
        if (
            2 <= end - start <= 4
            and not kind
            and text not in geo
            and text not in organizations()
            and self._office_after(end)
        ):
            return "PER"  # "Tariq Arian, the interior ministry spokesman, said": a name with a person's office
        if (
            titled(toks, start)
            and not kind
            and text not in geo
            and end - start <= 4
            and (not headline or known_name(text, self.body))
        ):  # in a title-case headline any word follows a title: "Libya’s General Praised by Trump"
            return "PER"  # "General Khalifa Haftar", "President Zelensky": a title before a name
        if kind and end - start > 1 and text not in geo and (not headline or known_name(text, self.body)):
            return kind  # not a title-case line's run: "Iraqi Forces Retake Town From Militants"; not "West Bank"
        if text not in geo:
            return None
        if (
            geo[text] == "country"
            or toks[start].ent_type_ not in ("PER", "PERSON", "ORG")  # "Google", "Tracy": a town, and more
            or (end - start == 1 and placed(toks, start))
            or (geo[text] == "city" and placed(toks, start, strict=True))  # "in El Fasher", tagged a person
            or (
                end - start == 1
                and toks[start].ent_type_ in ("PER", "PERSON")
                and text in big_cities()
                and text not in given_names()
                and text not in self.surnames
            )
        ):  # "from Khartoum": a big city that is no given name and no surname in the text
            return "LOC"  # a known place; a one-word "person" right after "in" is that place
        return None

    def statistical(self) -> None:
        """Statistical entities that do not clash with the rules, trimmed and relabelled by head word."""
        stat = self.stat
        people = {e.text for e in stat if e.label_ in ("PER", "PERSON")}
        people |= {e[-1].text for e in stat if e.label_ in ("PER", "PERSON") and len(e) > 1}
        self.people = people
        self.people_parts = {t.text for e in stat if e.label_ in ("PER", "PERSON") and len(e) > 1 for t in e}
        self.people_keys = {sound(p) for p in people} - {""}
        self.placed = {s.text for s in self.ruled if s.label_ == "LOC"}
        self.body_people = {  # named as a person outside any title-case headline
            e.text for e in stat if e.label_ in ("PER", "PERSON") and not self.in_headline(e.start)
        }
        for ent in stat:
            found = self._bounded(ent)
            if found:
                start, end, label = found
                self.claim(start, end, self._relabelled(start, end, label))

    def _bounded(self, ent: Span) -> tuple[int, int, str] | None:
        """The entity's span without what is no part of a name (a title, an owner's force, a leading
        country), and its label before the head word decides; None for what names no one."""
        toks, geo, lex = self.toks, places(), lexicon()
        label = LABELS.get(ent.label_)
        if label is None:
            return None
        if self.in_headline(ent.start):
            if not known_name(ent.text, self.body):
                return None  # "Pentagon Prepared" (PER) in a title-case headline: nothing else says it is a name
            if geo.get(ent.text) == "city" and ent.text not in self.body_people:
                label = "LOC"  # title case misleads the model's types as much as its spans
        start, end = trim(toks, ent.start, ent.end)
        cut = next(  # "Haftar's forces" as one entity: the owner is the name; the rules make the force
            (k for k in range(start + 1, end - 1) if toks[k].lower_ in ("'s", "’s") and toks[k + 1].text.islower()),
            None,
        )
        if cut is not None:
            start, end = trim(toks, start, cut)
        while (
            end - start > 1
            and toks[end - 1].text.islower()
            and toks[end - 1].lower_ in lex.force_nouns
            and toks[end - 2].text not in demonyms()  # "Syrian army" is no name with a force after it
            and all(t.text[:1].isupper() for t in toks[start : end - 1])  # "Iraqi security forces" neither
        ):
            end -= 1  # "TDF fighters": the force noun after a name is the force, not its name
        if end <= start:
            return None
        last = toks[end - 1].text
        if last in demonyms() and last not in geo and all(t.text.islower() for t in toks[start : end - 1]):
            return None  # "(northern) Yemeni": a nationality is no name (the extractor reads it as its country)
        if label != "ORG":  # "Libya Martin Kobler": a leading country is not part of a person's name
            stripped = False
            while end - start > 1 and geo.get(toks[start].text) == "country":
                start += 1
                stripped = True
            if stripped and span_text(toks[start:end]) not in geo and not head_kind(toks[end - 1].text):
                label = "PER"  # what stood behind the country was a name
        first = toks[start].lower_
        if (
            label == "PER"
            and end - start == 1
            and toks[start].is_sent_start
            and (first in common_words() or first in lex.attack_nouns or first[:-1] in lex.attack_nouns)
        ):
            return None  # "Airstrikes carried out on ...": a capitalised common word opening a sentence
        if (
            end - start == 1
            and toks[start].is_sent_start
            and (first in lex.force_nouns or first in lex.group_nouns)
            and end < len(toks)
            and toks[end].text.islower()
        ):
            return None  # "Militia leader Ahmed Madobe said": a force noun opening a sentence names no one
        if label == "PER" and start > 1 and toks[start - 1].lower_ == "of" and toks[start - 2].lower_ in lex.loc_heads:
            label = "LOC"  # "the city of Marawi"
        if label == "PER":  # "UN Secretary-General Antonio Guterres": the name is what follows the title
            cut = max((k for k in range(start + 1, end) if titled(toks, k)), default=start)
            start = cut if cut < end else start
            start = self._given_name_before(start)
        if label == "PER" and any(
            not t.text[:1].isupper() and t.lower_ not in PARTICLES and not t.is_punct for t in toks[start:end]
        ):
            return None  # "Alfatayeh in Derna", "Derna the city has": not one person's name
        return start, end, label

    def _place_after(self, start: int, end: int) -> bool:
        """ ", a town in ...", ", a strategic village near ...", ", the provincial capital": a name described in
        apposition by a kind of place; or "in Kafr Dael, in northern Hama": placed, then placed again."""
        toks, lex = self.toks, lexicon()
        if end + 2 >= len(toks) or toks[end].text != ",":
            return False
        where = ("in", "at", "near")
        if start > 0 and toks[start - 1].lower_ in where and toks[end + 1].lower_ in where:
            return True
        if toks[end + 1].lower_ not in ("a", "an", "the"):
            return False
        for k in range(end + 2, min(end + 5, len(toks))):
            if toks[k].lower_ in lex.loc_heads or toks[k].lower_ == "capital":
                after = toks[k + 1].lower_ if k + 1 < len(toks) else ""
                return after in ("in", "of", "near", "on", ",", ".", "north", "south", "east", "west")
            if not (toks[k].is_alpha and toks[k].text.islower()):
                return False
        return False

    def _office_after(self, end: int) -> bool:
        """ ", the district police chief,", ", a spokesman for the army,": a person's office in apposition."""
        toks, lex = self.toks, lexicon()
        if end + 2 >= len(toks) or toks[end].text != "," or toks[end + 1].lower_ not in ("the", "a", "an"):
            return False
        offices = lex.titles | lex.leader_nouns | lex.spokesperson_words
        for k in range(end + 2, min(end + 9, len(toks))):
            if toks[k].text in (",", ".", ";") or not toks[k].is_alpha:
                return False
            if toks[k].lower_ in offices and (k + 1 >= len(toks) or toks[k + 1].text in (",", "of", "for")):
                return all(t.text.islower() or t.text[:1].isupper() for t in toks[end + 2 : k])
        return False

    def _given_name_before(self, start: int) -> int:
        """ "Fawad Saleh" tagged from its surname on: one capitalised word right before a person's name that
        nothing else claims (no title, common word, place, body or nationality) is its given name."""
        if start == 0 or self.taken[start - 1] or titled(self.toks, start - 1):
            return start
        tok = self.toks[start - 1]
        text = tok.text
        if not (tok.is_alpha and text.istitle() and tok.tag_ in ("NNP", "NNPS")) or text.lower() in common_words():
            return start
        if text in places() or text in organizations() or text in demonyms() or tok.lower_ in lexicon().titles:
            return start
        if start > 1 and self.toks[start - 2].is_alpha and self.toks[start - 2].text[:1].isupper():
            return start  # a longer capitalised run: not one given name
        return start - 1

    def _relabelled(self, start: int, end: int, label: str) -> str:
        """The label the text and the gazetteers support over the model's."""
        toks, geo, lex = self.toks, places(), lexicon()
        kind = head_kind(toks[end - 1].text)
        text = span_text(toks[start:end])
        if text in organizations():
            return "ORG"
        if (
            label != "PER"
            and (text in self.people or (end - start == 1 and sound(text) in self.people_keys))  # "Haftar"/"Hafter"
            and text not in geo
            and not kind
            and not text.isupper()
            and not (end - start == 1 and placed(toks, start, strict=True))
            and not (start > 1 and toks[start - 1].lower_ == "of" and toks[start - 2].lower_ in lex.loc_heads)
        ):
            return "PER"  # "Haftar" tagged as a place once, where the text names the person Haftar
        if text in geo and label == "PER" and (geo[text] == "country" or text in self.placed):
            return "LOC"  # a known place the text puts somewhere ("in El Fasher") is a place everywhere
        if kind:
            return kind
        if label == "LOC" and text not in geo and person_like(self.doc[start:end]):
            return "PER"  # "Ali Al-Za’tari" tagged as a place
        if (
            label == "PER"
            and end - start == 1
            and text.isupper()
            and len(text) > 1
            and text.title() not in given_names()
        ):
            return "ORG"  # "LNA", "DMSC": an acronym is not a person ("THOMAS" is)
        if label == "PER" and end < len(toks) and toks[end].text in lex.loc_heads:
            return "LOC"  # "the Abu Salim district": a place word after the name makes it a place
        if label == "PER" and (self._place_after(start, end) or text in self.described):
            return "LOC"  # "in Kafr Dael, a town in Hama province": described as a place
        if label == "PER" and end - start == 1 and text not in self.people_parts and placed(toks, start, strict=True):
            return "LOC"  # "a neighbourhood in Alfatayeh in Derna": one unknown word where places stand
        if label == "LOC" and text not in geo and end < len(toks) and toks[end].lower_ in lex.force_nouns:
            return "ORG"  # "Fano forces", "Wagner fighters": an unknown place before a force noun is the force
        return label

    def defined_acronyms(self) -> None:
        """An acronym a name defines in brackets is that name's kind: "the Tigray Defence Forces (TDF)"."""
        toks = self.toks
        ends = {s.end: s.label_ for s in self.ruled if s.label_ != "PER"}
        for start, end in self.runs:
            if (
                end - start == 1
                and toks[start].is_upper
                and start > 1
                and toks[start - 1].text == "("
                and end < len(toks)
                and toks[end].text == ")"
                and start - 1 in ends
            ):
                self.claim(start, end, ends[start - 1])

    def repeated_names(self) -> None:
        """Surname-only and repeated mentions of a person named in the same text ("Za’tari" after "Ali
        Al-Za’tari"), and a name the text labels one way everywhere else."""
        toks, geo, ruled = self.toks, places(), self.ruled
        names = {s.text for s in ruled if s.label_ == "PER"}
        names |= {s[-1].text for s in ruled if s.label_ == "PER" and len(s) > 1 and s[-1].text[:1].isupper()}
        names |= {s[-3:].text for s in ruled if s.label_ == "PER" and len(s) > 3 and s[-2].text == "-"}
        senses: dict[str, set[str]] = {}  # the labels each name has in the text
        for s in ruled:
            senses.setdefault(s.text, set()).add(s.label_)
        others = {text for text, labels in senses.items() if labels != {"PER"}}
        names = {n for n in names if n not in geo and n not in others}  # not set(geo): that copies the gazetteer
        self.names = names
        keys = {sound(n) for n in names} - {""}
        for start, end in self.runs:
            start, end = trim(toks, start, end)
            if end <= start or any(self.taken[start:end]):
                continue
            text = span_text(toks[start:end])
            if text in names or (
                text not in geo and text.lower() not in common_words() and sound(text) in keys
            ):  # "Hafter" where the text names "Khalifa Haftar"
                self.claim(start, end, "PER")
            elif len(senses.get(text, ())) == 1 and "PER" not in senses[text] and text.lower() not in common_words():
                self.claim(start, end, next(iter(senses[text])))  # "LNA forces" where the text names the LNA
            elif possesses_force(toks, end) and text not in geo and text not in organizations():
                self.claim(start, end, "ORG" if text.isupper() else "PER")  # "Assad's forces": forces have a leader

    def headline_names(self) -> None:
        """In a title-case line every word is capitalised: the names the text gives elsewhere, found inside
        the runs ("Rebels Shell Port City as Haftar Vows Revenge")."""
        toks, geo, orgs = self.toks, places(), organizations()
        known = {n: "PER" for n in self.names} | {s.text: s.label_ for s in self.ruled}
        for a, b in self.headlines:
            for i in range(a, b):
                end = headline_organisation(toks, i, b, self.body)
                if end:
                    self.claim(i, end, "ORG")  # "Libyan Investment Authority Sues ...", "Iraqi Security Forces Retake"
                for width in (4, 3, 2, 1):
                    words = span_text(toks[i : i + width]) if i + width <= b else ""
                    label = known.get(words) or ("LOC" if words in geo else "ORG" if words in orgs else None)
                    if label:
                        self.claim(i, i + width, label)
                        break
