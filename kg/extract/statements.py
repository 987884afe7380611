"""Statements: who condemned, accused, praised, warned or called on whom.

Speech-act verbs and nouns come from the lexicon; the parse gives the speaker
(subject, "by" agent of a passive, or the subject a controlled or coordinated
verb inherits: "took to Facebook to condemn", "was criticized for praising X")
and the target (object, "on X" for appeals). A statement about an attack
targets the attack's perpetrator and links the attack.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.actors import outlet
from kg.extract.context import AGENT, FINITE, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, is_passive, negated
from kg.extract.idioms import idiom
from kg.extract.speech import about_whom, according_to, clause_act, reported_act, side, side_hit
from kg.lexicon import content_cue, lexicon, places
from kg.records import Attack, Mention, Statement

QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
ACTOR_KINDS = ("Person", "Organization", "Location", "Group")
ANSWERING = {"examine", "investigate", "review", "study", "answer", "address", "respond", "hit", "dismiss"}


def find_statements(ctx: Context, at_token: dict[int, Attack]) -> list[Statement]:
    out: list[Statement] = []
    plain: list[bool] = []  # whether each statement's verb was a plain "said" (typed by cues at most)
    seen: set[tuple[str, str, int, str]] = set()
    spoke: set[tuple[str, int]] = set()  # (speaker, trigger token) of each statement made
    quoted: Statement | None = None  # the latest statement with a quotation, for a quote running on
    quoted_at = 0  # the index of its sentence
    for sent in ctx.doc.sents:
        if sent.start not in ctx.sent_index:
            continue
        before = len(out)
        for tok in sent:
            phrase = idiom(tok) if tok.pos_ == "VERB" else None  # "held X responsible", "traded blame"
            if phrase is not None:
                stype = phrase[0]
            else:
                stype = _verb_type(tok) if tok.pos_ in ("VERB", "AUX") else _noun_type(tok)
            if stype is None or _unsaid(tok):
                continue
            if tok.pos_ in ("VERB", "AUX"):
                speaker, target_tok, conf = _verb_roles(tok, ctx)
            else:
                speaker, target_tok, conf = _noun_roles(tok, ctx)
            if phrase is not None and (phrase[1] is not None or phrase[2]):
                target_tok = phrase[1]
            reciprocal = (target_tok is not None and _reciprocal(target_tok)) or (phrase is not None and phrase[2])
            sides = _sides_before(tok, ctx) if reciprocal else []
            if speaker is None and len(sides) == 2:  # the parser lost the subject of "X and Y blamed each other"
                speaker, conf = sides[0], 0.6
            if speaker is None:
                continue
            sentence = ctx.sentence_of(tok)
            quote = _quote(sentence.text, tok.idx - sentence.begin)
            said = stype == "Assertion"
            act, cue = None, None
            if said:  # what was said can make "said" a condemnation, an appeal, a warning
                found = content_cue(quote or _complement_text(tok))
                stype, cue = found if found is not None else (stype, None)
            if stype == "Assertion":  # "said Russia had shelled the town": the reported act types it
                act = reported_act(tok, speaker, ctx, at_token)
                if act is not None:
                    stype, cue = act[0], act[2]
            speakers = [speaker, *_co_speakers(speaker, ctx)]
            if reciprocal and len(speakers) == 1 and len(sides) == 2 and sides[0] is speaker:
                speakers.append(sides[1])
            if reciprocal:
                target_tok = None
            target, about = _target(stype, tok, target_tok, ctx, at_token)
            if act is not None:
                target = act[1]
            elif (stype == "Assertion" or cue is not None) and target is None:
                target = about_whom(tok, speaker, ctx)  # "said Somalia must withdraw": whom what was said is about
                if stype == "Assertion" and target is not None and _anyone(target, ctx):
                    target = None  # a plain report about "fighters", "residents": about no one in particular
            # "called on India and Pakistan to ...": one act towards each side named
            aims = [target, *_co_speakers(target, ctx)] if target is not None and not reciprocal else [target]
            for who, named in ((w, a) for w in speakers for a in aims):
                if who.kind == "Location" and places().get(who.text) not in (None, "country"):
                    continue  # a town does not speak ("... placed Derna under siege, in which he accused ...")
                if who.kind == "Location":  # a state speaking acts as an organisation
                    who = Mention(who.text, "Organization", who.begin, who.end, who.sentence)
                aim = named
                if reciprocal:  # "X and Y blamed each other" ("the two countries": two mentions of one word)
                    aim = next((o for o in speakers if o.begin != who.begin or o.text != who.text), None)
                same = aim is not None and (aim.begin, aim.end, aim.text) == (who.begin, who.end, who.text)
                if aim is not None and (same or outlet(aim)):
                    aim = None  # "told Reuters", "said in an interview with Al Jazeera": the channel, not whom
                # one statement per speaker, type, target and sentence ("..., said X, expressing ..." is one act)
                key = (who.text, stype, sentence.begin, aim.text if aim is not None and len(aims) > 1 else "")
                if key in seen or _elaborates(tok, who, spoke):
                    continue
                seen.add(key)
                spoke.add((who.text, tok.i))
                out.append(
                    Statement(
                        statement_type=stype,
                        speaker=who,
                        sentence=sentence,
                        trigger=tok.text,
                        target=aim,
                        about=about,
                        quote=quote,
                        channel=_channel(tok),
                        confidence=round(conf - (0.1 if who.anaphor else 0.0), 2),
                        trigger_begin=tok.idx,
                        cue=cue,
                    )
                )
                plain.append(said)
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
    # "X stressed that ... and warned that ...": the act a speech verb names says what the plain verb did
    named = {(st.speaker.text, st.sentence.begin) for st, p in zip(out, plain, strict=True) if not p}
    # an outlet reporting what someone said ("X said ..., Reuters reported") is the channel, not a speaker
    voiced = {st.sentence.begin for st in out if not outlet(st.speaker)}
    # a plain report of no one ("the ministry said 23 people were killed") is no statement between actors
    return [
        st
        for st, p in zip(out, plain, strict=True)
        if (not p or (st.speaker.text, st.sentence.begin) not in named)
        and (st.statement_type != "Assertion" or st.target is not None or st.about is not None)
        and not (outlet(st.speaker) and st.sentence.begin in voiced)
    ]


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


def _co_speakers(speaker: Mention, ctx: Context) -> list[Mention]:
    """ "X and Y condemned ...": the mentions coordinated with the speaker."""
    if speaker in ctx.partner:
        return [ctx.partner[speaker]]  # "both sides", "the two countries"
    toks = ctx.tokens_of.get(speaker)
    if not toks:
        return []
    doc = ctx.doc
    out: list[Mention] = []
    frontier = [doc[i] for i in toks]
    seen = set(toks)
    while frontier:
        tok = frontier.pop()
        for child in tok.children:
            if dep(child) == "conj" and child.i not in seen:
                seen.add(child.i)
                m = ctx.mention_of(child, ACTOR_KINDS)
                if m is not None and m is not speaker and m not in out:
                    out.append(m)
                    frontier.append(child)
    return out


def _sides_before(verb: Token, ctx: Context) -> list[Mention]:
    """ "X and a militia allied to Y blamed each other": the first actor of the clause before the verb and
    the last one after an "and", when the parse does not coordinate them."""
    start = verb.sent.start_char
    inside = [m for m in ctx.mentions if m.kind in ACTOR_KINDS and start <= m.begin and m.end <= verb.idx]
    found = sorted(  # the widest mention of each stretch: "Haftar’s forces", not "Haftar"
        (m for m in inside if not any(o is not m and o.begin <= m.begin and m.end <= o.end for o in inside)),
        key=lambda m: m.begin,
    )
    if len(found) < 2:
        return []
    first, last = found[0], found[-1]
    joined = any(t.lower_ == "and" and first.end <= t.idx < last.begin for t in verb.sent)
    return [first, last] if joined else []


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


def _reciprocal(tok: Token) -> bool:
    """ "each other", "one another" (however the parse hangs its two words)."""
    words = {t.lower_ for t in tok.subtree}
    if words in ({"each", "other"}, {"one", "another"}):
        return True
    near = " ".join(t.lower_ for t in tok.doc[max(tok.i - 1, 0) : tok.i + 2])
    return tok.lower_ in ("each", "other", "one", "another") and ("each other" in near or "one another" in near)


def _complement_text(verb: Token) -> str:
    """What the speech verb reports: its clausal complement ("said that ...")."""
    parts = [c for c in verb.children if dep(c) in ("ccomp", "parataxis", "xcomp")]
    return " ".join(verb.doc[c.left_edge.i : c.right_edge.i + 1].text for c in parts)


def _verb_type(tok: Token) -> str | None:
    lex = lexicon()
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if dep(child) in ("compound:prt", "prt"):
            particle = child.lower_
        elif dep(child) in ("obl", "nmod", "prep"):
            particle = case_of(child) or (child.lower_ if dep(child) == "prep" else None)
        else:
            continue
        if (lemma, particle) in lex.phrasal:
            return lex.phrasal[(lemma, particle)]
    if lemma in lex.needs_particle:
        return None
    return lex.statement_verbs.get(lemma)


def _noun_type(tok: Token) -> str | None:
    if tok.pos_ != "NOUN":
        return None
    return lexicon().statement_nouns.get(tok.lemma_.lower())


def _elaborates(verb: Token, who: Mention, spoke: set[tuple[str, int]]) -> bool:
    """ "denied the claims, maintaining that ...", "accused X of ..., saying ...": a participle under the
    speaker's own speech act spells that act out; it is not a second one."""
    return (
        verb.tag_ == "VBG"
        and dep(verb) in ("advcl", "xcomp", "conj")
        and verb.head.i != verb.i
        and (who.text, verb.head.i) in spoke
    )


def _anyone(m: Mention, ctx: Context) -> bool:
    """A group named by a bare plural ("fighters", "gunmen"), not one the article introduced ("the militants")."""
    return m.kind == "Group" and not ctx.article.text[max(0, m.begin - 4) : m.begin].lower().endswith("the ")


def _document_author(verb: Token, ctx: Context) -> Mention | None:
    """ "put out a statement urging both sides to ...", "a communique condemning ...": a speech verb that
    describes a document speaks for whoever issued it (the document's owner, else the subject that put it out)."""
    doc_noun = verb.head
    if dep(verb) not in ("acl", "acl:relcl") or doc_noun.lower_ not in lexicon().documents:
        return None
    m = _actor(doc_noun, ctx)
    if m is None and dep(doc_noun) in OBJ:
        m, _ = _subject(doc_noun.head, ctx, depth=4)
    return m


def _author_of_words(noun: Token, ctx: Context) -> Mention | None:
    """Whose words a speech noun names: "allegations by Amnesty", "claims from the army", "the report of
    the UN panel": a denial or rejection of them answers that actor."""
    lex = lexicon()
    if noun.lemma_.lower() not in lex.statement_nouns and noun.lower_ not in lex.documents and noun.lemma_ != "report":
        return None
    for child in noun.children:
        if dep(child) in ("nmod", "obl", "prep") and case_of(child) in ("by", "from", "of"):
            m = _actor(child, ctx)
            if m is not None:
                return m
    return None


def _actor(tok: Token | None, ctx: Context) -> Mention | None:
    return ctx.mention_of(tok, ACTOR_KINDS) if tok is not None else None


def _speaker(tok: Token, ctx: Context) -> Mention | None:
    """The actor a subject names; for a title phrase the parser split up ("Deputy Special Representative
    ... for Libya Ali Al-Za’tari condemned"), the person whose name ends the phrase right before the verb."""
    m = _actor(tok, ctx)
    if m is not None:
        return m
    doc = tok.doc
    verb = tok.head
    end = verb.i - 1
    while end > tok.i and (doc[end].pos_ in ("AUX", "ADV", "PUNCT") or doc[end].tag_ == "MD"):
        end -= 1
    last = ctx.mention_at.get(end)
    if (
        last is not None
        and last.kind == "Person"
        and tok.i < end
        and not any(doc[k].pos_ == "VERB" for k in range(tok.i, end))
    ):
        return last
    return None


def _subject(verb: Token, ctx: Context, depth: int = 0) -> tuple[Mention | None, float]:
    """Who performs ``verb``: its subject, a passive's agent, or what a controlled/coordinated verb inherits."""
    passive = is_passive(verb)
    for child in verb.children:
        if passive and (dep(child) in AGENT or (dep(child) == "obl" and case_of(child) == "by")):
            return _actor(child, ctx), 0.85
        if not passive and dep(child) in SUBJ:
            if child.lower_ in ("who", "which", "that") and dep(verb) in ("acl:relcl", "relcl"):
                if _object_relative(verb):
                    continue  # "the offensive, which X had criticized": the pronoun is the object
                return _actor(verb.head, ctx), 0.8
            m = _speaker(child, ctx) if child.i < verb.i else _actor(child, ctx)
            if m is None and any(dep(c) in SUBJ for c in verb.children if c.i > child.i and c.i < verb.i):
                continue  # the parser gave two subjects ("Deputy ... Representative ... condemned"): try the next
            return m, 0.85
    m = _document_author(verb, ctx) if not passive else None
    if m is not None:
        return m, 0.75
    m = ctx.lost_subject(verb) if not passive else None
    if m is not None:
        return m, 0.6
    if not passive and dep(verb) == "ROOT" and not any(dep(c) in SUBJ for c in verb.children):
        # "In August, Ali Al-Za’tari, Libya’s envoy, condemned ...": the parser lost the subject
        for t in verb.sent:
            if t.i >= verb.i:
                break
            m = ctx.mention_at.get(t.i)
            if m is not None and m.kind in ("Person", "Organization"):
                return m, 0.6
    if passive or depth > 3:
        return None, 0.0
    if dep(verb) in ("xcomp", "advcl", "conj") and verb.head is not verb:
        head = verb.head
        if is_passive(head) and dep(verb) != "conj":  # "X was criticized for praising Y": X praised
            subj = next((c for c in head.children if dep(c) in PASS_SUBJ), None)
            return _actor(subj, ctx), 0.7
        m, conf = _subject(head, ctx, depth + 1)
        if m is None and dep(verb) == "conj" and dep(head) == "ccomp" and _verb_type(head.head) is not None:
            # "X stressed that all parties had to ... and warned that ...": the parser hung the second
            # speech verb inside the first one's clause; no actor there, so the speaker is X
            m, conf = _subject(head.head, ctx, depth + 1)
        if m is not None:
            return m, conf * 0.9
    if verb.tag_ in FINITE and not any(dep(c) in SUBJ for c in verb.children):
        # no subject at all ("..., witnesses told reporters" has one, though no actor)
        m = _shared_subject(verb, ctx)
        if m is not None:
            return m, 0.55
    return None, 0.0


def _verb_roles(verb: Token, ctx: Context) -> tuple[Mention | None, Token | None, float]:
    speaker, conf = _subject(verb, ctx)
    target_tok: Token | None = None
    if is_passive(verb):
        target_tok = next((c for c in verb.children if dep(c) in PASS_SUBJ), None)
        if (
            target_tok is not None
            and target_tok.lower_ in ("who", "which", "that")
            and dep(verb) in ("acl:relcl", "relcl")
        ):
            target_tok = verb.head
    else:
        target_tok = next((c for c in verb.children if dep(c) in OBJ), None)
        if target_tok is None and _object_relative(verb):
            target_tok = verb.head
    return speaker, target_tok, conf


def _shared_subject(verb: Token, ctx: Context) -> Mention | None:
    """The actor of a finite verb the parser left without one, from the sentence's shape. An
    apposition between a name and its verb is where our parser loses the subject most ("The RSF, led
    by X, known as Y, denied ...", "The NUG, the shadow government formed by ..., condemned ...").
    Finite verbs coordinated with it share its subject; failing that, a verb after "and" shares the
    actor of the nearest finite verb before it that has one ("The spokesman, X, said ... and accused ...")."""
    first = verb
    while dep(first) == "conj" and first.head.i < first.i and first.head.tag_ in FINITE:
        first = first.head
    m = ctx.opening_actor(first)
    if m is not None:
        return m
    if not any(dep(c) == "cc" and c.lower_ == "and" for c in verb.children):
        return None
    for tok in reversed(list(verb.sent)[: verb.i - verb.sent.start]):
        if tok.tag_ in FINITE and tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if dep(c) in SUBJ), None)
            m = _speaker(subj, ctx) if subj is not None else ctx.opening_actor(tok)
            if m is not None:
                return m
    return None


def _object_relative(verb: Token) -> bool:
    """A relative clause whose pronoun the parser made a subject though another subject follows it:
    "which Secretary of State Mike Pompeo had criticized" — the pronoun is the object."""
    if dep(verb) not in ("acl:relcl", "relcl"):
        return False
    subjects = [c for c in verb.children if dep(c) in SUBJ and c.i < verb.i]
    return len(subjects) > 1 and subjects[0].lower_ in ("which", "that", "who", "whom")


def _noun_roles(noun: Token, ctx: Context) -> tuple[Mention | None, Token | None, float]:
    """ "the GNA’s rejection of X", "condemnation by the UN of X"."""
    speaker = target_tok = None
    for child in noun.children:
        if dep(child) in ("nmod:poss", "poss") or (dep(child) in ("nmod", "obl") and case_of(child) == "by"):
            speaker = _actor(child, ctx)
        elif dep(child) in ("nmod", "prep") and case_of(child) in ("of", "against", "to", "for"):
            target_tok = child
    return speaker, target_tok, 0.6


def _attack_under(tok: Token, at_token: dict[int, Attack]) -> Attack | None:
    """The attack a phrase or clause speaks of, nearest the top of the tree first."""
    frontier = [tok]
    while frontier:
        nxt: list[Token] = []
        for t in frontier:
            if t.i in at_token:
                return at_token[t.i]
            nxt.extend(t.children)
        frontier = nxt
    return None


def _target(
    stype: str, trigger: Token, target_tok: Token | None, ctx: Context, at_token: dict[int, Attack]
) -> tuple[Mention | None, Attack | None]:
    lex = lexicon()
    candidates: list[Token] = []
    if target_tok is not None:
        candidates.append(target_tok)
    for child in trigger.children:
        if dep(child) in ("obl", "nmod", "prep") and case_of(child) in ("on", "upon", "against", "of", "for"):
            candidates.append(child)
    about: Attack | None = None
    first_attack: Attack | None = None
    for cand in candidates:
        m = _actor(cand, ctx)
        attack = _attack_under(cand, at_token)
        if m is not None and stype in lex.target_is_object and cand.i not in at_token:
            return m, attack  # "warned Saudi Arabia of further strikes": the addressee is named
        if attack is not None and attack.perpetrator is not None:
            return attack.perpetrator, attack
        first_attack = first_attack or attack
        owner = ctx.possessor(cand) or _author_of_words(cand, ctx)
        if owner is not None and stype in lex.target_is_object:
            return owner, attack  # "rejection of Haftar’s violence", "denied allegations by Amnesty"
        for child in cand.children:  # "called on all parties, including the LNA"
            included = _actor(child, ctx) if case_of(child) == "including" else None
            if included is not None and dep(child) in ("nmod", "obl", "prep"):
                return included, attack
    # What the clause or quotation is about: "said that the targeting of civilians was intolerable".
    for child in trigger.children:
        if dep(child) in ("parataxis", "advcl") and any(
            dep(c) in SUBJ and _actor(c, ctx) is not None for c in child.children
        ):
            continue  # "X praised the army, while the US warned the RSF that further attacks ...": another actor's act
        if dep(child) in ("ccomp", "xcomp", "parataxis", "advcl"):
            about = _attack_under(child, at_token)
            if about is not None:
                return about.perpetrator, about
            if stype in lex.target_is_object and _verb_type(child) == stype:
                # '"We have warned residents in Derna ...," X said': the quoted act names whom
                obj = next((c for c in child.children if dep(c) in OBJ), None)
                m = _actor(obj, ctx)
                if m is not None:
                    return m, None
            if stype in ("Claim", "Accusation", "Warning"):  # "warned that Russia was preparing an offensive"
                subj = next((c for c in child.children if dep(c) in (*SUBJ, *PASS_SUBJ)), None)
                m = _actor(subj, ctx)
                if m is not None:
                    return m, None
    sent = trigger.sent
    m = QUOTE.search(sent.text)
    if m is not None and _quote(sent.text, trigger.idx - sent.start_char):
        for t in sent:  # an attack the quotation itself speaks of
            if t.i in at_token and m.start() <= t.idx - sent.start_char < m.end():
                a = at_token[t.i]
                return a.perpetrator, a
    return None, first_attack


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


def _quote(text: str, position: int) -> str | None:
    """The quotation in the sentence, unless the speech verb itself stands inside it."""
    m = QUOTE.search(text)
    if m is None or m.start() <= position < m.end():
        return None
    return m.group(1).strip().rstrip(",")


def _channel(verb: Token) -> str | None:
    lex = lexicon()
    for t in verb.sent:
        if t.lower_ in lex.channels and t.text[:1].isupper() and t.lower_ not in ("x", "tv"):
            return t.text
    return None
