"""Named operations ("Operation Volcano"): who launched them, what they are part of, where."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import OBJ, SUBJ, Context, case_of, dep
from kg.lexicon import lexicon
from kg.records import Operation

PART_WORDS = {"extension", "part", "phase", "continuation", "component", "stage"}


def operation_names(ctx: Context) -> dict[int, str]:
    """Token index → operation name, for every "Operation X" (capitalised words after the keyword)."""
    doc = ctx.doc
    names: dict[int, str] = {}
    for tok in doc:
        if tok.text != "Operation" or tok.i + 1 >= len(doc):
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end].text[:1].isupper() and not doc[end].is_punct:
            end += 1
        if end > tok.i + 1:
            name = doc[tok.i : end].text
            for i in range(tok.i, end):
                names[i] = name
    return names


def find_operations(ctx: Context, names: dict[int, str]) -> list[Operation]:
    """One Operation record per named mention, with what its sentence says about it."""
    lex = lexicon()
    out: list[Operation] = []
    doc = ctx.doc
    for i, name in sorted(names.items()):
        if i > 0 and names.get(i - 1) == name:
            continue
        tok = doc[i]
        if tok.sent.start not in ctx.sent_index:
            continue
        end = i
        while end < len(doc) and names.get(end) == name:
            end += 1
        head_tok = doc[i:end].root
        launched_by = None
        for k in range(i, head_tok.i + 1):  # Haftar's Operation Volcano
            for child in doc[k].children:
                if dep(child) in ("nmod:poss", "poss"):
                    launched_by = ctx.mention_of(child)
        verb = head_tok.head
        if launched_by is None and dep(head_tok) in OBJ and verb.lemma_ in lex.launch_verbs | {"lead", "command"}:
            subj = next((c for c in verb.children if dep(c) in SUBJ), None)
            launched_by = ctx.mention_of(subj) if subj is not None else None
        place = _place(verb, ctx) if dep(head_tok) in OBJ else None
        part_of = _part_of(head_tok, names)
        out.append(
            Operation(
                name=name,
                sentence=ctx.sentence_of(tok),
                begin=tok.idx,
                launched_by=launched_by,
                part_of=part_of,
                location=place,
                confidence=0.9 if launched_by or part_of else 0.7,
            )
        )
    return out


def _place(verb: Token, ctx: Context):
    for child in verb.children:
        m = ctx.mention_at.get(child.i)
        if m is not None and m.kind == "Location" and case_of(child) in ("in", "on", "against", "at"):
            return m
    return None


def _part_of(tok: Token, names: dict[int, str]) -> str | None:
    """ "Operation Volcano, an extension of Operation Dignity" / "as part of Operation Dignity"."""
    for child in tok.children:
        if dep(child) == "appos" and child.lemma_ in PART_WORDS:
            for grand in child.subtree:
                if grand.i in names and names[grand.i] != names.get(tok.i):
                    return names[grand.i]
    return None
