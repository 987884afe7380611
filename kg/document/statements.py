"""Statements as the article tells them: a headline tells again what its lead reports.

"Group says it was behind the attack" over "JNIM said it carried out the assault ..." is one claim, told
twice; a headline statement joins the first statement of the opening paragraphs with the same act whose
speaker and target fit, which keeps its own sentence and gains the headline as evidence. A headline whose
act the opening does not report stays a statement of its own.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.references import sector_and_broader
from kg.extract.speech import side
from kg.lexicon import organization, sectors
from kg.records import Extraction, Mention, Statement

LEAD_SENTENCES = 4  # how far into the body a headline's act is looked for


ANSWERS = ("Denial", "Rejection")
ALLEGATIONS = ("Accusation", "Claim", "Criticism", "Condemnation")


def answered(ex: Extraction) -> Extraction:
    """A denial or rejection that names no one ("Belarus denies arming the rebels", "the army rejected
    the allegation") answers whoever the article last reported alleging or claiming it: the latest earlier
    accusation, claim or criticism by another side aimed at the denier's side, else the latest aimed at no one."""
    out = list(ex.statements)
    order = _in_order(out)
    for n, i in enumerate(order):
        s = out[i]
        if s.statement_type not in ANSWERS or s.target is not None:
            continue
        before = [out[j] for j in order[:n] if out[j].sentence.begin < s.sentence.begin]
        others = [a for a in before if a.statement_type in ALLEGATIONS and not _same_side(a.speaker, s.speaker)]
        at_me = [a for a in others if a.target is not None and _same_side(a.target, s.speaker)]
        unaimed = [a for a in others if a.target is None]  # aimed at a third party: not what it answers
        alleged = (at_me or unaimed)[-1:]
        if alleged:
            out[i] = replace(s, target=alleged[0].speaker)
    return replace(ex, statements=tuple(out))


AIMED = ("Condemnation", "Criticism", "Accusation")
CARRY = 3  # how many sentences back a speaker's target carries on


def carried_on(ex: Extraction) -> Extraction:
    """A judgement that names no one, told right after the same speaker named whom ('... Serbia's incursion,
    the ministry said. "Such conduct is shameful," the statement went on'): the speaker goes on about them."""
    out = list(ex.statements)
    index = {t.begin: i for i, t in enumerate(ex.sentences)}
    order = _in_order(out)
    for n, i in enumerate(order):
        s = out[i]
        if s.statement_type not in AIMED or s.target is not None or s.about is not None:
            continue
        here = index.get(s.sentence.begin, 0)
        before = [
            out[j]
            for j in order[:n]
            if out[j].target is not None
            and here - CARRY <= index.get(out[j].sentence.begin, -99) < here
            and _same_side(out[j].speaker, s.speaker)
        ]
        if before:
            out[i] = replace(s, target=before[-1].target)
    return replace(ex, statements=tuple(out))


def _in_order(statements: list[Statement]) -> list[int]:
    """Indices of the statements in the order the article tells them."""
    return sorted(range(len(statements)), key=lambda i: (statements[i].sentence.begin, statements[i].trigger_begin))


def _same_side(a: Mention, b: Mention) -> bool:
    """One actor or one side: one name inside the other ("Okello", "John Okello"), or one state's."""
    x, y = set(a.text.lower().split()), set(b.text.lower().split())
    return x <= y or y <= x or side(a) == side(b)


def headline_tellings(ex: Extraction, headline_end: int) -> Extraction:
    """The extraction with each headline statement folded into the lead statement that tells it again."""
    if headline_end == 0:
        return ex
    heads = [s for s in ex.statements if s.sentence.end <= headline_end]
    if not heads:
        return ex
    body = [s for s in ex.statements if s.sentence.begin >= headline_end]
    opening = {t.begin for t in sorted({s.sentence for s in body}, key=lambda t: t.begin)[:LEAD_SENTENCES]}
    lead = [s for s in body if s.sentence.begin in opening]
    told: dict[int, Statement] = {}  # id of a lead statement → it with the headline as evidence
    folded: set[int] = set()
    for head in heads:
        again = next((s for s in lead if _tells_again(head, told.get(id(s), s))), None)
        if again is None:
            continue
        current = told.get(id(again), again)
        target = current.target if current.target is not None else head.target
        told[id(again)] = replace(current, evidence=(*current.evidence, head.sentence), target=target)
        folded.add(id(head))
    statements = tuple(told.get(id(s), s) for s in ex.statements if id(s) not in folded)
    return replace(ex, statements=statements)


def _tells_again(head: Statement, s: Statement) -> bool:
    return head.statement_type == s.statement_type and _fits(head.speaker, s.speaker) and _fits(head.target, s.target)


def _fits(a: Mention | None, b: Mention | None) -> bool:
    """The same actor as a headline names it: one side, one name inside the other, or a description
    ("Group", "Rebels") where the lead gives the name; no one on one side fits anyone."""
    if a is None or b is None:
        return True
    if side(a) == side(b):
        return True
    x, y = a.text.lower(), b.text.lower()
    if a.text in (b.acronym, b.text) or b.text == a.acronym:
        return True  # "EUFOR" over "European Union Force (EUFOR)"
    return x in y or y in x or _describes(a, b) or _describes(b, a)


def _describes(group: Mention, named: Mention) -> bool:
    """ "Group", "Rebels", "Militants" in a headline for the body the lead names: its sector and the named
    body's (by the role it was named in or the gazetteer's) are one or share a broader one (armed groups)."""
    if group.kind != "Group" or not group.sector or named.kind == "Location":
        return False
    body = organization(named.text)
    sector = named.sector or (body.sector if body is not None else None)
    if sector is None:  # a name nothing classifies: a non-state description ("Rebels", "Militants") fits it
        return named.kind == "Organization" and body is None and sectors()[group.sector].kind == "nonstate"
    return bool(set(sector_and_broader(group.sector)) & set(sector_and_broader(sector)))  # rebels, militants
