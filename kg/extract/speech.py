"""What a neutral "said" reported: the act in the reported clause types the statement.

News gives most accusations and claims as plain reports: "the ministry said Russia had shelled the
town" accuses Russia; "the army said it had downed two enemy drones" claims a hostile act against the
drones' side. The clause a speech verb reports (its complement, or the clause a trailing "..., X said"
hangs on) is read for a hostile act and who did it: the speaker's own side is a Claim against the
side the act hit, another actor is accused. Failing an act, the first actor the clause names is what
the report is about (its target), so a plain Assertion still says of whom it speaks.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import AGENT, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, is_passive, negated
from kg.lexicon import country_names, demonyms, hostile_verbs, lexicon, places, self_nouns
from kg.records import Attack, Mention

ACTOR_KINDS = ("Person", "Organization", "Location", "Group")
# Words by which a report's speaker names itself or its side inside what it reports.
SELF_WORDS = frozenset({"it", "they", "we", "he", "she", "i", "our", "its", "their", "us"})


def reported_clauses(verb: Token) -> list[Token]:
    """The clause heads a speech verb reports: its complement ("said that ..."), or, for a trailing
    attribution ("..., the ministry said"), the clause it is hung on."""
    out = [c for c in verb.children if dep(c) in ("ccomp", "parataxis")]
    if not out and dep(verb) in ("parataxis", "ccomp", "advcl") and verb.head is not verb:
        out.append(verb.head)  # "X said it had downed ..." parsed with "said" hung on "downed" too
    if not out and dep(verb) == "ROOT":  # "“...,” he said": the quotation parsed as the verb's own dependents
        out = [c for c in verb.children if dep(c) in ("advcl", "xcomp") and c.i < verb.i]
    for head in list(out):
        out.extend(c for c in head.children if dep(c) == "conj" and c.pos_ in ("VERB", "AUX"))
    return out


def side(m: Mention | None) -> str | None:
    """The state or body a mention speaks or acts for: its country, else the country its words name
    ("Armenian Defense Ministry" → Armenia), else its own text."""
    if m is None:
        return None
    if m.country:
        return m.country
    names, adjectives = country_names(), demonyms()
    for word in m.text.replace("’", "'").replace("'s", "").split():
        if word in adjectives:
            return adjectives[word]
        if word in names:
            return names[word]
    return names.get(m.text, m.text.lower())


def _actor_in(tok: Token, ctx: Context) -> Mention | None:
    """The actor a phrase names: its head, a possessor ("Russia's forces"), a nationality adjective
    ("Azerbaijani helicopters") or a name inside it."""
    m = ctx.mention_of(tok, ACTOR_KINDS) or ctx.possessor(tok)
    if m is not None:
        return m
    for t in tok.subtree:
        m = ctx.mention_at.get(t.i)
        if m is not None and m.kind in ACTOR_KINDS:
            return m
    nations = demonyms()
    for t in tok.subtree:  # "two Russian jets": the state the adjective names, as a mention of it
        if t.text in nations and dep(t) in ("amod", "compound") and t.i not in ctx.mention_at:
            begin, end = ctx.char_span(t.i, t.i + 1)
            m = Mention(nations[t.text], "Location", begin, end, ctx.sentence_of(t), anaphor=True)
            ctx.add(m, [t.i])
            return m
    return None


def _own(tok: Token, speaker: Mention, ctx: Context) -> bool:
    """Whether a subject names the speaker itself: "it", "they", "the group", "our fighters"."""
    words = {t.lower_ for t in tok.subtree}
    if tok.lower_ in SELF_WORDS or words & {"our", "its", "their"} and tok.lemma_.lower() in self_nouns():
        return True
    if tok.lemma_.lower() in self_nouns() and any(t.lower_ == "the" for t in tok.children):
        return ctx.mention_at.get(tok.i) is None
    return False


def _hostile(v: Token, at_token: dict[int, Attack]) -> bool:
    """A verb naming a hostile act: an attack word, or a verb launching one ("launched shelling")."""
    lemma = v.lemma_.lower()
    if v.i in at_token or lemma in lexicon().attack_verbs or lemma in hostile_verbs():
        return True
    if lemma in lexicon().launch_verbs:
        nouns = lexicon().attack_nouns  # "launched shelling", "carried out an air strike"
        return any(c.i in at_token or c.lemma_.lower() in nouns for c in v.children if dep(c) in (*OBJ, "obl"))
    return False


def reported_act(
    verb: Token, speaker: Mention, ctx: Context, at_token: dict[int, Attack]
) -> tuple[str, Mention | None, str] | None:
    """(type, target, cue) for a neutral speech verb whose reported clause tells a hostile act:
    the speaker's side acting is a Claim against the side hit, another actor acting is accused."""
    own_side = side(speaker)
    for clause in reported_clauses(verb):
        if clause.pos_ not in ("VERB", "AUX") or negated(clause) or not _hostile(clause, at_token):
            continue
        passive = is_passive(clause)
        doer_tok = next(
            (
                c
                for c in clause.children
                if (passive and (dep(c) in AGENT or dep(c) in ("obl", "nmod") and case_of(c) == "by"))
                or (not passive and dep(c) in SUBJ)
            ),
            None,
        )
        hit_tok = next((c for c in clause.children if dep(c) in (PASS_SUBJ if passive else OBJ)), None)
        hit = _actor_in(hit_tok, ctx) if hit_tok is not None else None
        attack = at_token.get(clause.i)
        if doer_tok is not None and _own(doer_tok, speaker, ctx):
            doer = speaker
        else:
            doer = _actor_in(doer_tok, ctx) if doer_tok is not None else None
            if doer is None and attack is not None:
                doer = attack.perpetrator
        if doer is None:
            continue
        if side(doer) == own_side:
            if hit is not None and side(hit) != own_side:
                return "Claim", hit, clause.text
            continue
        return "Accusation", doer, clause.text
    return None


def about_whom(verb: Token, speaker: Mention, ctx: Context) -> Mention | None:
    """The first actor a reported clause names other than the speaker's side: whom a plain report is about."""
    own_side = side(speaker)
    mine = {t.i for t in verb.subtree if not any(t.i == c.i or c.is_ancestor(t) for c in reported_clauses(verb))}
    for clause in reported_clauses(verb):
        for t in sorted(clause.subtree, key=lambda t: t.i):
            if t.i in mine and clause.i not in mine:
                continue  # the attribution itself ("..., the ministry told Reuters")
            m = ctx.mention_at.get(t.i)
            if m is None or m.kind not in ACTOR_KINDS or m is speaker or side(m) == own_side:
                continue
            if m.kind == "Location" and places().get(m.text) not in (None, "country"):
                continue  # a town is where, not whom ("... were killed in El Fasher")
            return m
    return None
