"""A speech act's type and roles: the verb, noun or phrase that names it, who performs it (a subject, an
agent, an author of a document, the voice of an institution), and whom it is aimed at (an object, a
possessor, the author of words answered, the actor of a reported clause or attack)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.context import AGENT, FINITE, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, is_passive
from kg.lexicon import lexicon
from kg.records import Attack, Mention

QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")

ACTOR_KINDS = ("Person", "Organization", "Location", "Group")


def co_speakers(speaker: Mention, ctx: Context) -> list[Mention]:
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


def sides_before(verb: Token, ctx: Context) -> list[Mention]:
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


def reciprocal(tok: Token) -> bool:
    """ "each other", "one another" (however the parse hangs its two words)."""
    words = {t.lower_ for t in tok.subtree}
    if words in ({"each", "other"}, {"one", "another"}):
        return True
    near = " ".join(t.lower_ for t in tok.doc[max(tok.i - 1, 0) : tok.i + 2])
    return tok.lower_ in ("each", "other", "one", "another") and ("each other" in near or "one another" in near)


def verb_type(tok: Token) -> str | None:
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


def noun_type(tok: Token) -> str | None:
    if tok.pos_ != "NOUN":
        return None
    return lexicon().statement_nouns.get(tok.lemma_.lower())


def anyone(m: Mention, ctx: Context) -> bool:
    """A group named by a bare plural ("fighters", "gunmen"), not one the article introduced ("the militants")."""
    return m.kind == "Group" and not ctx.article.text[max(0, m.begin - 4) : m.begin].lower().endswith("the ")


def _document_author(verb: Token, ctx: Context) -> Mention | None:
    """ "put out a statement urging both sides to ...", "a communique condemning ...": a speech verb that
    describes a document speaks for whoever issued it (the document's owner, else the subject that put it out)."""
    doc_noun = verb.head
    if dep(verb) not in ("acl", "acl:relcl") or doc_noun.lower_ not in lexicon().documents:
        return None
    m = actor(doc_noun, ctx)
    if m is None and dep(doc_noun) in OBJ:
        m, _ = subject(doc_noun.head, ctx, depth=4)
    return m


def author_of_words(noun: Token, ctx: Context) -> Mention | None:
    """Whose words a speech noun names: "allegations by Amnesty", "claims from the army", "the report of
    the UN panel": a denial or rejection of them answers that actor."""
    lex = lexicon()
    if noun.lemma_.lower() not in lex.statement_nouns and noun.lower_ not in lex.documents and noun.lemma_ != "report":
        return None
    for child in noun.children:
        if dep(child) in ("nmod", "obl", "prep") and case_of(child) in ("by", "from", "of"):
            m = actor(child, ctx)
            if m is not None:
                return m
        if dep(child) == "acl" and child.tag_ == "VBN":  # "allegations levelled by Y", "claims made by Y"
            agent = next((c for c in child.children if dep(c) in AGENT or case_of(c) == "by"), None)
            if agent is not None and actor(agent, ctx) is not None:
                return actor(agent, ctx)
    return None


def actor(tok: Token | None, ctx: Context) -> Mention | None:
    return ctx.mention_of(tok, ACTOR_KINDS) if tok is not None else None


def _speaker(tok: Token, ctx: Context) -> Mention | None:
    """The actor a subject names; for a title phrase the parser split up ("Deputy Special Representative
    ... for Libya Ali Al-Za’tari condemned"), the person whose name ends the phrase right before the verb."""
    m = actor(tok, ctx)
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


def subject(verb: Token, ctx: Context, depth: int = 0) -> tuple[Mention | None, float]:
    """Who performs ``verb``: its subject, a passive's agent, or what a controlled/coordinated verb inherits."""
    passive = is_passive(verb)
    for child in verb.children:
        if passive and (dep(child) in AGENT or (dep(child) == "obl" and case_of(child) == "by")):
            return actor(child, ctx), 0.85
        if not passive and dep(child) in SUBJ:
            if child.lower_ in ("who", "which", "that") and dep(verb) in ("acl:relcl", "relcl"):
                if _object_relative(verb):
                    continue  # "the offensive, which X had criticized": the pronoun is the object
                return actor(verb.head, ctx), 0.8
            m = _speaker(child, ctx) if child.i < verb.i else actor(child, ctx)
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
            return actor(subj, ctx), 0.7
        m, conf = subject(head, ctx, depth + 1)
        if m is None and dep(verb) == "conj" and dep(head) == "ccomp" and verb_type(head.head) is not None:
            # "X stressed that all parties had to ... and warned that ...": the parser hung the second
            # speech verb inside the first one's clause; no actor there, so the speaker is X
            m, conf = subject(head.head, ctx, depth + 1)
        if m is not None:
            return m, conf * 0.9
    if verb.tag_ in FINITE and not any(dep(c) in SUBJ for c in verb.children):
        # no subject at all ("..., witnesses told reporters" has one, though no actor)
        m = _shared_subject(verb, ctx)
        if m is not None:
            return m, 0.55
    return None, 0.0


def verb_roles(verb: Token, ctx: Context) -> tuple[Mention | None, Token | None, float]:
    speaker, conf = subject(verb, ctx)
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


def noun_roles(noun: Token, ctx: Context) -> tuple[Mention | None, Token | None, float]:
    """ "the GNA’s rejection of X", "condemnation by the UN of X"."""
    speaker = target_tok = None
    for child in noun.children:
        if dep(child) in ("nmod:poss", "poss") or (dep(child) in ("nmod", "obl") and case_of(child) == "by"):
            speaker = actor(child, ctx)
        elif dep(child) in ("nmod", "prep") and case_of(child) in ("of", "against", "to", "for"):
            target_tok = child
    return speaker, target_tok, 0.6


def attack_under(tok: Token, at_token: dict[int, Attack]) -> Attack | None:
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


def target_of(
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
        m = actor(cand, ctx)
        attack = attack_under(cand, at_token)
        if m is not None and stype in lex.target_is_object and cand.i not in at_token:
            return m, attack  # "warned Saudi Arabia of further strikes": the addressee is named
        if attack is not None and attack.perpetrator is not None:
            return attack.perpetrator, attack
        first_attack = first_attack or attack
        owner = ctx.possessor(cand) or author_of_words(cand, ctx)
        if owner is not None and stype in lex.target_is_object:
            return owner, attack  # "rejection of Haftar’s violence", "denied allegations by Amnesty"
        for child in cand.children:  # "called on all parties, including the LNA"
            included = actor(child, ctx) if case_of(child) == "including" else None
            if included is not None and dep(child) in ("nmod", "obl", "prep"):
                return included, attack
    # What the clause or quotation is about: "said that the targeting of civilians was intolerable".
    for child in trigger.children:
        if dep(child) in ("parataxis", "advcl") and any(
            dep(c) in SUBJ and actor(c, ctx) is not None for c in child.children
        ):
            continue  # "X praised the army, while the US warned the RSF that further attacks ...": another actor's act
        if dep(child) in ("ccomp", "xcomp", "parataxis", "advcl"):
            about = attack_under(child, at_token)
            if about is not None:
                return about.perpetrator, about
            if stype in lex.target_is_object and verb_type(child) == stype:
                # '"We have warned residents in Derna ...," X said': the quoted act names whom
                obj = next((c for c in child.children if dep(c) in OBJ), None)
                m = actor(obj, ctx)
                if m is not None:
                    return m, None
            if stype in ("Claim", "Accusation", "Warning"):  # "warned that Russia was preparing an offensive"
                subj = next((c for c in child.children if dep(c) in (*SUBJ, *PASS_SUBJ)), None)
                m = actor(subj, ctx)
                if m is not None:
                    return m, None
    if stype in ("Condemnation", "Criticism") and first_attack is None:
        # "We condemn with all our strength these massacres": the act it names, however the parse hung it
        later = next((at_token[t.i] for t in trigger.subtree if t.i > trigger.i and t.i in at_token), None)
        if later is not None:
            return later.perpetrator, later
    sent = trigger.sent
    m = QUOTE.search(sent.text)
    if m is not None and quote_in(sent.text, trigger.idx - sent.start_char):
        for t in sent:  # an attack the quotation itself speaks of
            if t.i in at_token and m.start() <= t.idx - sent.start_char < m.end():
                a = at_token[t.i]
                return a.perpetrator, a
    return None, first_attack


def quote_in(text: str, position: int) -> str | None:
    """The quotation in the sentence, unless the speech verb itself stands inside it."""
    m = QUOTE.search(text)
    if m is None or m.start() <= position < m.end():
        return None
    return m.group(1).strip().rstrip(",")
