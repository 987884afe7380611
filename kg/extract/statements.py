"""Statements: who condemned, accused, praised, warned or called on whom.

Speech-act verbs and nouns come from the lexicon; the parse gives the speaker
(subject, "by" agent of a passive, or the subject a controlled or coordinated
verb inherits: "took to Facebook to condemn", "was criticized for praising X")
and the target (object, "on X" for appeals). A statement about an attack
targets the attack's perpetrator and links the attack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from kg.extract.actors import outlet
from kg.extract.context import OBJ, Context, dep, negated
from kg.extract.idioms import idiom
from kg.extract.roles import (
    anyone,
    author_of_words,
    co_speakers,
    noun_roles,
    noun_type,
    quote_in,
    reciprocal,
    sides_before,
    target_of,
    verb_roles,
    verb_type,
)
from kg.extract.shallow import lost_acts, name_after_quote
from kg.extract.speech import about_whom, according_to, clause_act, demanded, reported_act, side, side_hit
from kg.lexicon import content_cue, lexicon, places
from kg.records import Attack, Mention, Statement

ANSWERING = {"examine", "investigate", "review", "study", "answer", "address", "respond", "hit", "dismiss"}


@dataclass
class _Told:
    """The statements found so far, with what the later ones are checked against."""

    out: list[Statement] = field(default_factory=list)
    plain: list[bool] = field(default_factory=list)  # whether each one's verb was a plain "said"
    seen: set[tuple[str, str, int, str]] = field(default_factory=set)  # (speaker, type, sentence, target)
    spoke: set[tuple[str, int]] = field(default_factory=set)  # (speaker, trigger token) of each one

    def add(self, statement: Statement, plain: bool) -> None:
        self.out.append(statement)
        self.plain.append(plain)


@dataclass(frozen=True)
class _Act:
    """One speech act as its trigger reads: type, who, at whom, and what was said."""

    stype: str
    speakers: list[Mention]
    aims: list[Mention | None]
    mutual: bool  # "X and Y blamed each other": each aims at the other
    about: Attack | None
    quote: str | None
    confidence: float
    said: bool  # a plain "said", typed by what was said at most
    cue: str | None


def find_statements(ctx: Context, at_token: dict[int, Attack]) -> list[Statement]:
    told = _Told()
    out, plain = told.out, told.plain
    quoted: Statement | None = None  # the latest statement with a quotation, for a quote running on
    quoted_at = 0  # the index of its sentence
    for sent in ctx.doc.sents:
        if sent.start not in ctx.sent_index:
            continue
        before = len(out)
        for tok in sent:
            act = _read(tok, ctx, at_token)
            if act is not None:
                _tell(act, tok, ctx, told)
        _read_lost(sent, ctx, at_token, told, before)
        sourced = _according_to(sent, ctx, at_token, out[before:])
        if sourced is not None:
            out.append(sourced)
            plain.append(sourced.statement_type == "Assertion")
        at = ctx.sent_index[sent.start]
        if len(out) > before:
            latest = next(  # (news text often garbles the opening mark: any quote mark will do)
                (st for st in reversed(out[before:]) if st.quote or any(q in st.sentence.text for q in '“”"')), None
            )
            if latest is not None:
                quoted, quoted_at = latest, at
        elif quoted is not None and at - quoted_at <= 2:
            run_on = _run_on(sent, quoted, ctx)
            if run_on is not None:
                out.append(run_on)
                plain.append(False)
    ctx.voices = list(out)
    # "X stressed that ... and warned that ...": the act a speech verb names says what the plain verb did
    named = {(st.speaker.text, st.sentence.begin) for st, p in zip(out, plain, strict=True) if not p}
    # an outlet reporting what someone said ("X said ..., Reuters reported") is the channel, not a speaker
    voiced = {st.sentence.begin for st in out if not outlet(st.speaker)}
    # a plain report of no one ("the ministry said 23 people were killed", "the army said the blast killed two")
    # is no statement between actors: the sentence stays the event's evidence
    return [
        st
        for st, p in zip(out, plain, strict=True)
        if (not p or (st.speaker.text, st.sentence.begin) not in named)
        and (st.statement_type != "Assertion" or st.target is not None)
        and not (outlet(st.speaker) and st.sentence.begin in voiced)
    ]


def _read_lost(sent: Span, ctx: Context, at_token: dict[int, Attack], told: _Told, before: int) -> None:
    """The speech acts of ``sent`` the parse lost (kg.extract.shallow), unless the speaker's act is read."""
    read = told.out[before:]
    for tok, stype, speaker, target in lost_acts(sent, ctx, {st.trigger_begin for st in read}):
        if any(st.speaker.text == speaker.text and st.statement_type == stype for st in read):
            continue
        about = next((at_token[i] for i in range(tok.i + 1, min(tok.i + 5, sent.end)) if i in at_token), None)
        if target is None and about is not None and stype in ("Condemnation", "Criticism"):
            target = about.perpetrator  # "condemned the attack": its author
        quote = quote_in(ctx.sentence_of(tok).text, tok.idx - ctx.sentence_of(tok).begin)
        _tell(_Act(stype, [speaker], [target], False, about, quote, 0.5, False, None), tok, ctx, told)


def _read(tok: Token, ctx: Context, at_token: dict[int, Attack]) -> _Act | None:
    """The speech act ``tok`` names, if it names one with a speaker."""
    if tok.lemma_.lower() not in _speech_lemmas():
        return None  # (asked of every word: most name no act, told by one look-up instead of their children)
    phrase = idiom(tok) if tok.pos_ == "VERB" else None  # "held X responsible", "traded blame"
    verb = tok.pos_ in ("VERB", "AUX")
    stype = phrase[0] if phrase is not None else verb_type(tok) if verb else noun_type(tok)
    if stype == "Accusation" and not verb:
        answered = _answered_allegation(tok, ctx)
        if answered is not None:
            return answered
    if stype is None or _unsaid(tok):
        return None
    speaker, target_tok, conf = verb_roles(tok, ctx) if verb else noun_roles(tok, ctx)
    if phrase is not None and (phrase[1] is not None or phrase[2]):
        target_tok = phrase[1]
    mutual = (target_tok is not None and reciprocal(target_tok)) or (phrase is not None and phrase[2])
    sides = sides_before(tok, ctx) if mutual else []
    if speaker is None and len(sides) == 2:  # the parser lost the subject of "X and Y blamed each other"
        speaker, conf = sides[0], 0.6
    if speaker is None:
        speaker, conf = _first_person(tok, ctx), 0.7
    if speaker is None:
        return None
    sentence = ctx.sentence_of(tok)
    quote = quote_in(sentence.text, tok.idx - sentence.begin)
    said = stype == "Assertion"
    act, cue = None, None
    if said:  # what was said can make "said" a condemnation, an appeal, a warning
        found = content_cue(quote or _complement_text(tok))
        stype, cue = found if found is not None else (stype, None)
    if stype in ("Assertion", "Claim"):  # "said Russia had shelled the town": the reported act types it
        act = reported_act(tok, speaker, ctx, at_token)
        if act is None and stype == "Assertion":
            act = demanded(tok, speaker, ctx)  # "the authorities must investigate": a demand on them
        if (
            act is not None
            and act[0] == "Accusation"
            and act[1] is not None
            and anyone(act[1], ctx)
            and not _one_body(act[1], ctx)
        ):
            act = None  # "said armed attackers used machetes": nobody in particular is accused
        if act is not None and (stype == "Assertion" or act[0] == "Accusation"):
            stype, cue = act[0], act[2]  # "claimed Georgian forces had fired first" accuses them
        else:
            act = None
    speakers = [speaker, *co_speakers(speaker, ctx)]
    if mutual and len(speakers) == 1 and len(sides) == 2 and sides[0] is speaker:
        speakers.append(sides[1])
    target, about = target_of(stype, tok, None if mutual else target_tok, ctx, at_token)
    if act is not None:
        target = act[1]
    elif (stype == "Assertion" or cue is not None) and target is None:
        target = about_whom(tok, speaker, ctx)  # "said Somalia must withdraw": whom what was said is about
        if stype == "Assertion" and target is not None and anyone(target, ctx):
            target = None  # a plain report about "fighters", "residents": about no one in particular
    # "called on India and Pakistan to ...": one act towards each side named
    aims = [target, *co_speakers(target, ctx)] if target is not None and not mutual else [target]
    return _Act(stype, speakers, aims, mutual, about, quote, conf, said, cue)


def _answered_allegation(noun: Token, ctx: Context) -> _Act | None:
    """ "X denied allegations by HRW that ...", "X hit back at charges levelled by Y": the answer reports
    the allegation too, Y's accusation of the one who answers it."""
    head = noun.head
    if head.pos_ != "VERB" or dep(noun) not in OBJ + ("obl", "nmod"):
        return None
    answer = idiom(head)
    answer_type = answer[0] if answer is not None else verb_type(head)
    if answer_type not in ("Denial", "Rejection") and head.lemma_.lower() not in ANSWERING:
        return None
    author = ctx.possessor(noun) or author_of_words(noun, ctx)
    answering, _, _ = verb_roles(head, ctx)
    if author is None or answering is None or side(author) == side(answering):
        return None
    quote = quote_in(noun.sent.text, noun.idx - noun.sent.start_char)
    return _Act("Accusation", [author], [answering], False, None, quote, 0.6, False, None)


@cache
def _speech_lemmas() -> frozenset[str]:
    """Every lemma that can name a speech act: a verb, a phrasal verb's, an idiom's first word, a noun."""
    lex = lexicon()
    phrasal, idioms = (verb for verb, _ in lex.phrasal), (words[0] for words in lex.idioms)
    return frozenset({*lex.statement_verbs, *lex.statement_nouns, *phrasal, *idioms})


def _one_body(m: Mention, ctx: Context) -> bool:
    """ "a Buddhist militia": one body described, not a bare plural."""
    return ctx.article.text[max(0, m.begin - 3) : m.begin].lower().endswith(("a ", "an "))


def _first_person(verb: Token, ctx: Context) -> Mention | None:
    """'"I firmly reject the attack," Petro wrote': "I" or "we" inside a quotation is whoever the sentence
    says spoke it (the subject of its verb of speech outside the quotation)."""
    if not any(dep(c) in ("nsubj", "nsubj:pass") and c.lower_ in ("i", "we") for c in verb.children):
        return None
    text, at = verb.sent.text, verb.idx - verb.sent.start_char
    if text[:at].count("“") <= text[:at].count("”") and text[:at].count('"') % 2 == 0:
        return None  # not inside a quotation
    for tok in verb.sent:
        if tok.i != verb.i and tok.pos_ == "VERB" and tok.lemma_.lower() in ("say", "write", "tell", "add", "state"):
            speaker, _, _ = verb_roles(tok, ctx)
            if speaker is None:
                speaker = name_after_quote(tok, ctx)
            if speaker is not None:
                return speaker
    return None


def _tell(act: _Act, tok: Token, ctx: Context, told: _Told) -> None:
    """One statement per speaker and aim of the act, unless the sentence already has it."""
    sentence = ctx.sentence_of(tok)
    for who, named in ((w, a) for w in act.speakers for a in act.aims):
        if who.kind == "Location" and places().get(who.text) not in (None, "country"):
            continue  # a town does not speak ("... placed Derna under siege, in which he accused ...")
        if who.kind == "Location":  # a state speaking acts as an organisation
            who = Mention(who.text, "Organization", who.begin, who.end, who.sentence)
        aim = named
        if act.mutual:  # "X and Y blamed each other" ("the two countries": two mentions of one word)
            aim = next((o for o in act.speakers if o.begin != who.begin or o.text != who.text), None)
        same = aim is not None and (aim.begin, aim.end, aim.text) == (who.begin, who.end, who.text)
        if aim is not None and (same or outlet(aim) or not _addressable(aim, who, act.stype)):
            aim = None  # "told Reuters", "said in an interview with Al Jazeera": the channel, not whom
        # one statement per speaker, type, target and sentence ("..., said X, expressing ..." is one act)
        key = (who.text, act.stype, sentence.begin, aim.text if aim is not None and len(act.aims) > 1 else "")
        if key in told.seen or _elaborates(tok, who, told.spoke):
            continue
        told.seen.add(key)
        told.spoke.add((who.text, tok.i))
        statement = Statement(
            statement_type=act.stype,
            speaker=who,
            sentence=sentence,
            trigger=tok.text,
            target=aim,
            about=act.about,
            quote=act.quote,
            channel=_channel(tok),
            confidence=round(act.confidence - (0.1 if who.anaphor else 0.0), 2),
            trigger_begin=tok.idx,
            cue=act.cue,
        )
        told.add(statement, act.said)


def _addressable(aim: Mention, who: Mention, stype: str) -> bool:
    """Whether a statement can be aimed at ``aim``: an actor, not a town ("says it has taken Kidal"), and for a
    plain report not the speaker's own side ("the UN said UN peacekeepers were hit" is about, not at, itself)."""
    if aim.kind == "Location" and places().get(aim.text) not in (None, "country"):
        return False
    return stype != "Assertion" or side(aim) != side(who) or who.kind == "Person"


def _according_to(sent: Span, ctx: Context, at_token: dict[int, Attack], told: list[Statement]) -> Statement | None:
    """ "According to the army, rebels shelled the town": the source's statement of the clause it vouches for,
    unless a speech act of the sentence already typed it, or names another speaker ("X said ..., according
    to Reuters": the reporter's source, not the speaker)."""
    found = according_to(sent, ctx, at_token)
    if found is None or any(st.speaker.text != found[1].text or st.statement_type != "Assertion" for st in told):
        return None
    tok, source, clause = found
    stype, target, cue = clause_act(clause, source, ctx, at_token) or ("Assertion", None, None)
    if stype == "Assertion":
        content = content_cue(sent.text)
        if content is None:
            return None  # a source vouching for a plain fact is the reporter's, not a statement between actors
        stype, cue = content
        target = side_hit(clause, side(source), ctx)
    return Statement(
        statement_type=stype,
        speaker=source,
        sentence=ctx.sentence_of(tok),
        trigger="according to",
        target=target,
        confidence=0.6,
        trigger_begin=tok.idx,
        cue=cue,
    )


def _unsaid(verb: Token) -> bool:
    """ "did not condemn", "never praised", "avoided calling out X", "refused to condemn", "stopped short of
    blaming": no such act; nor "allegations" or "claims" someone else answers ("denied allegations by X",
    "would examine X's claims"): the answer is the act the sentence reports."""
    if negated(verb):
        return True
    before = " ".join(t.lower_ for t in verb.doc[max(verb.sent.start, verb.i - 2) : verb.i])
    if before.endswith("short of"):
        return True
    if verb.lemma_.lower() == "claim" and any(dep(c) in OBJ and c.lower_ in ("life", "lives") for c in verb.children):
        return True  # "the clashes claimed the lives of 20 soldiers": they killed, nobody spoke
    if verb.pos_ == "NOUN" and dep(verb) in OBJ + ("obl", "nmod") and verb.head.pos_ == "VERB":
        return verb.head.lemma_.lower() in lexicon().statement_verbs or verb.head.lemma_.lower() in ANSWERING
    unsaid_by = lexicon().unsaid_by
    if verb.lemma_.lower() in unsaid_by and any(dep(c) == "xcomp" for c in verb.children):
        return True  # "refused to condemn" is no rejection either
    return dep(verb) in ("xcomp", "ccomp") and verb.head.lemma_.lower() in unsaid_by


def _complement_text(verb: Token) -> str:
    """What the speech verb reports: its clausal complement ("said that ...")."""
    parts = [c for c in verb.children if dep(c) in ("ccomp", "parataxis", "xcomp")]
    return " ".join(verb.doc[c.left_edge.i : c.right_edge.i + 1].text for c in parts)


def _elaborates(verb: Token, who: Mention, spoke: set[tuple[str, int]]) -> bool:
    """ "denied the claims, maintaining that ...", "accused X of ..., saying ...": a participle under the
    speaker's own speech act spells that act out; it is not a second one."""
    return (
        verb.tag_ == "VBG"
        and dep(verb) in ("advcl", "xcomp", "conj")
        and verb.head.i != verb.i
        and (who.text, verb.head.i) in spoke
    )


def _run_on(sent: Span, quoted: Statement, ctx: Context) -> Statement | None:
    """A quotation running on into a new paragraph, closed at its end with no speech verb, is still
    the last quoted speaker's; it counts when what it says types it ("Such attacks could have devastating
    consequences.”")."""
    text = sent.text.strip()
    gap = ctx.article.text[quoted.sentence.end : sent.start_char]
    if not text.endswith(("”", '"')) or "“" in text or "\n" not in gap + sent.text[:1]:
        return None  # not a paragraph of its own: the same quotation as the statement before
    found = content_cue(text)
    if found is None:
        return None
    stype, cue = found
    first = next(t for t in sent if not t.is_space)
    return Statement(
        statement_type=stype,
        speaker=quoted.speaker,
        sentence=ctx.sentence_of(sent),
        trigger=first.text,
        quote=text.rstrip('”"').strip(),
        confidence=0.5,
        trigger_begin=first.idx,
        cue=cue,
    )


def _channel(verb: Token) -> str | None:
    lex = lexicon()
    for t in verb.sent:
        if t.lower_ in lex.channels and t.text[:1].isupper() and t.lower_ not in ("x", "tv"):
            return t.text
    return None
