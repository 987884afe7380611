"""What a neutral "said" reported: the act in the reported clause types the statement.

News gives most accusations and claims as plain reports: "the ministry said Russia had shelled the
town" accuses Russia; "the army said it had downed two enemy drones" claims a hostile act against the
drones' side. The clause a speech verb reports (its complement, or the clause a trailing "..., X said"
hangs on) is read for a hostile act and who did it: the speaker's own side is a Claim against the
side the act hit, another actor is accused. Failing an act, the first actor the clause names is what
the report is about (its target), so a plain Assertion still says of whom it speaks.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.actors import made_in
from kg.extract.context import AGENT, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, is_passive, negated
from kg.lexicon import country_names, demonyms, hostile_verbs, lexicon, places, self_nouns
from kg.nameshape import base_forms
from kg.records import Attack, Mention

ACTOR_KINDS = ("Person", "Organization", "Location", "Group")
# Words by which a report's speaker names itself or its side inside what it reports.
SELF_WORDS = frozenset({"it", "they", "we", "he", "she", "i", "us"})
OWN_POSSESSIVES = frozenset({"our", "its", "their", "his", "her", "my"})


def reported_clauses(verb: Token) -> list[Token]:
    """The clause heads a speech verb reports: its complement ("said that ..."), or, for a trailing
    attribution ("..., the ministry said"), the clause it is hung on."""
    out = [c for c in verb.children if dep(c) in ("ccomp", "parataxis")]
    if not out and dep(verb) in ("parataxis", "ccomp", "advcl") and verb.head is not verb:
        out.append(verb.head)  # "X said it had downed ..." parsed with "said" hung on "downed" too
    if not out:  # "said the Rapid Support Forces killed ...", parsed as a second subject the verb qualifies
        out = [a for c in verb.children if dep(c) in SUBJ and c.i > verb.i for a in c.children if dep(a) == "acl"]
    if not out:  # "said X, a ..., had carried out ...": the clause parsed as a second verb with no "and"
        out = [c for c in verb.children if dep(c) == "conj" and c.i > verb.i and not _joined_or_subjected(c)]
    if not out and dep(verb) == "ROOT":  # "“...,” he said": the quotation parsed as the verb's own dependents
        out = [c for c in verb.children if dep(c) in ("advcl", "xcomp") and c.i < verb.i]
    for head in list(out):
        out.extend(c for c in head.children if dep(c) == "conj" and c.pos_ in ("VERB", "AUX"))
    return out


def _joined_or_subjected(verb: Token) -> bool:
    return any(dep(c) in ("cc", *SUBJ, *PASS_SUBJ) for c in verb.children)


def side(m: Mention | None) -> str | None:
    """The state or body a mention speaks or acts for: its country, else the country its words name
    ("Armenian Defense Ministry" → Armenia), else its own text."""
    if m is None:
        return None
    if m.country:
        return m.country
    if m.kind == "Group" and m.sector:
        return f"@{m.sector}"  # "soldiers ..., the army said": one article's unnamed army is one actor
    names, adjectives = country_names(), demonyms()
    for word in m.text.replace("’", "'").replace("'s", "").split():
        if word in adjectives:
            return adjectives[word]
        if word in names:
            return names[word]
    return names.get(m.text, m.text.lower())


def _country(m: Mention) -> bool:
    """A state, not a town: only a state is an actor among places."""
    return places().get(m.text) == "country" or m.text in country_names()


def _actor_in(tok: Token, ctx: Context) -> Mention | None:
    """The actor a phrase names: its head, a possessor ("Russia's forces"), a nationality adjective
    ("Azerbaijani helicopters") or a name inside it."""
    m = ctx.mention_of(tok, ACTOR_KINDS) or ctx.possessor(tok)
    if m is not None:
        return m
    for t in tok.subtree:  # a place inside the phrase is where it happened ("an explosion in Cauca"), not who
        m = ctx.mention_at.get(t.i)
        if m is not None and m.kind in ("Person", "Organization", "Group"):
            return m
    nations = demonyms()
    for t in tok.subtree:  # "two Russian jets": the state the adjective names, as a mention of it
        if t.text in nations and dep(t) in ("amod", "compound") and t.i not in ctx.mention_at and not made_in(t):
            begin, end = ctx.char_span(t.i, t.i + 1)
            m = Mention(nations[t.text], "Location", begin, end, ctx.sentence_of(t), anaphor=True)
            ctx.add(m, [t.i])
            return m
    return None


def _own(tok: Token, speaker: Mention, ctx: Context) -> bool:
    """Whether a subject names the speaker itself: "it", "they", "the group", "our fighters", "its operation"."""
    if tok.lower_ in SELF_WORDS:
        return True
    if any(dep(c) in ("nmod:poss", "poss") and c.lower_ in OWN_POSSESSIVES for c in tok.children):
        return True
    if tok.lemma_.lower() in self_nouns() and any(t.lower_ == "the" for t in tok.children):
        m = ctx.mention_at.get(tok.i)  # "the group" alone, not "the Wagner group"
        return m is None or m.text.lower() == tok.lower_
    return False


def _hostile(v: Token, at_token: dict[int, Attack]) -> bool:
    """A word naming a hostile act: an attack word, a verb launching one ("launched shelling", "the attack
    was carried out by"), or responsibility ("bears responsibility for", "was behind", "is responsible")."""
    lemma, lex = v.lemma_.lower(), lexicon()
    if any(dep(c) == "cop" for c in v.children):  # "X was behind the attack", "X is responsible for it"
        return lemma == "responsible" or case_of(v) == "behind"
    if v.pos_ not in ("VERB", "AUX"):
        return False
    if v.i in at_token or lemma in lex.attack_verbs or lemma in hostile_verbs():
        return True
    roles = (*OBJ, *PASS_SUBJ, "obl")
    if lemma in lex.launch_verbs:
        nouns = lex.attack_nouns  # "launched shelling", "carried out an air strike"
        return any(c.i in at_token or c.lemma_.lower() in nouns for c in v.children if dep(c) in roles)
    if lemma in lex.claim_verbs:  # "bears responsibility for", "took responsibility for"
        return any(c.lemma_.lower() == "responsibility" for c in v.children if dep(c) in OBJ)
    if lemma in ("lay", "plant", "bury"):  # "has been laying mines", "planted explosives": arming for an attack
        return any(c.lemma_.lower() in MINES for c in v.children if dep(c) in OBJ)
    return False


MINES = {"mine", "landmine", "explosive", "ied", "device", "bomb", "booby-trap", "booby trap"}


def _doer(clause: Token) -> Token | None:
    """Who did what a clause tells: its subject, or a passive's agent ("was carried out by his group")."""
    if is_passive(clause):
        return next(
            (c for c in clause.children if dep(c) in AGENT or dep(c) in ("obl", "nmod") and case_of(c) == "by"), None
        )
    subj = next((c for c in clause.children if dep(c) in SUBJ), None)
    if subj is None and dep(clause) == "acl" and clause.head.i < clause.i:
        return clause.head  # the noun a misparsed clause hangs on is its subject
    return subj


def side_hit(clause: Token, own_side: str | None, ctx: Context) -> Mention | None:
    """The side a hostile act hit: its object's actor, else the first actor of another side the clause names
    ("seized the town after fighting with government forces"); a town is where, not whom."""
    obj = next((c for c in clause.children if dep(c) in (PASS_SUBJ if is_passive(clause) else OBJ)), None)
    first = _actor_in(obj, ctx) if obj is not None else None
    candidates = [first] if first is not None else []
    doer = _doer(clause)
    own = ctx.mention_at.get(doer.i) if doer is not None and doer.i != clause.i else None  # "the group" did it
    candidates += [ctx.mention_at.get(t.i) for t in sorted(clause.subtree, key=lambda t: t.i)]
    for m in candidates:
        if m is not None and m is own:
            continue
        if m is None or m.kind not in ACTOR_KINDS or side(m) == own_side:
            continue
        if m.kind == "Location" and not _country(m):
            continue
        return m
    return None


def reported_act(
    verb: Token, speaker: Mention, ctx: Context, at_token: dict[int, Attack]
) -> tuple[str, Mention | None, str] | None:
    """(type, target, cue) for a neutral speech verb whose reported clause tells a hostile act:
    the speaker's side acting is a Claim against the side hit, another actor acting is accused."""
    for clause in reported_clauses(verb):
        act = clause_act(clause, speaker, ctx, at_token)
        if act is not None:
            return act
    return _object_acting(verb, speaker, ctx)


def _object_acting(verb: Token, speaker: Mention, ctx: Context) -> tuple[str, Mention | None, str] | None:
    """ "X says FDLR rebels shelled posts near Y", parsed with the rebels (or "posts") as what X says and
    "struck" as a modifier: the actor right after the verb and a hostile verb right after it are the clause."""
    doc = verb.doc
    k = verb.i + 1 + (verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("that", "the"))
    m = ctx.mention_at.get(k) if k < verb.sent.end else None
    if m is None or m.kind not in ("Organization", "Group") and not (m.kind == "Location" and _country(m)):
        return None
    if m.kind == "Group" and doc[ctx.tokens_of[m][0] - 1].lower_ != "the":
        return None  # "said armed attackers used machetes": nobody in particular is accused
    after = max(i for i, n in ctx.mention_at.items() if n is m and i >= k) + 1
    while after < verb.sent.end and doc[after].lower_ in lexicon().members:
        after += 1  # "FDLR rebels", "ADF fighters"
    word = doc[after] if after < verb.sent.end else None
    if word is None or not _hostile_past(word):
        return None
    return ("Claim", None, word.text) if side(m) == side(speaker) else ("Accusation", m, word.text)


IRREGULAR_PAST = {"struck": "strike", "shot": "shoot", "hit": "hit", "fought": "fight", "overran": "overrun",
                  "stormed": "storm", "blew": "blow", "drove": "drive", "beat": "beat", "took": "take"}  # fmt: skip


def _hostile_past(word: Token) -> bool:
    """A past-tense form of an attack or hostile verb, however it was tagged ("struck" as a proper noun)."""
    low = word.lower_
    verbs = set(lexicon().attack_verbs) | hostile_verbs()
    if low in IRREGULAR_PAST:
        return IRREGULAR_PAST[low] in verbs
    return low.endswith("ed") and any(stem in verbs for stem in base_forms(low))  # "shelled", "seized"


def demanded(verb: Token, speaker: Mention, ctx: Context) -> tuple[str, Mention, str] | None:
    """'"The police must open an inquiry without delay," said the rights group': what
    another actor must or should do, in what a plain verb reports, is a demand on that actor."""
    for tok in verb.sent:
        if tok.lemma_.lower() not in ("must", "should") or tok.tag_ != "MD" or tok.head is verb:
            continue
        subj = next((c for c in tok.head.children if dep(c) in (*SUBJ, *PASS_SUBJ)), None)
        if subj is None or subj.lower_ in SELF_WORDS:
            continue
        m = ctx.mention_of(subj, ACTOR_KINDS)
        if m is not None and side(m) != side(speaker):
            return "Appeal", m, tok.text.lower()
    return None


def clause_act(
    clause: Token, speaker: Mention, ctx: Context, at_token: dict[int, Attack]
) -> tuple[str, Mention | None, str] | None:
    """(type, target, cue) for one reported clause that tells a hostile act, else None."""
    own_side = side(speaker)
    if not negated(clause) and _hostile(clause, at_token):
        doer_tok = _doer(clause)
        attack = at_token.get(clause.i)
        if doer_tok is not None and _own(doer_tok, speaker, ctx):
            doer: Mention | None = speaker
        else:
            doer = _actor_in(doer_tok, ctx) if doer_tok is not None else ctx.lost_subject(clause)
            if doer is None and attack is not None:
                doer = attack.perpetrator
        speaks_for = doer is not None and doer.text in (speaker.role or "")
        if doer is not None and (side(doer) == own_side or speaks_for):  # "the group's spokesman said it ..."
            return "Claim", side_hit(clause, own_side, ctx), clause.text
        if doer is not None:
            return "Accusation", doer, clause.text
    return None


def according_to(sent: Span, ctx: Context, at_token: dict[int, Attack]) -> tuple[Token, Mention, Token] | None:
    """ "According to the ministry, X shelled Y", "X shelled Y, according to a statement by the army": the
    "according" token, the source named after it (a person or a body, not a place) and the clause it vouches for."""
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
            continue
        noun = tok.head if dep(tok) == "case" else next((c for c in tok.children if dep(c) in ("pobj", "obl")), None)
        if noun is None:
            continue
        source = next(
            (
                m
                for t in sorted(noun.subtree, key=lambda t: t.i)
                if (m := ctx.mention_at.get(t.i)) is not None and m.kind in ("Person", "Organization")
            ),
            None,
        )
        clause = noun.head if noun.head is not noun else None
        if source is not None and clause is not None and clause.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            return tok, source, clause
    return None


def about_whom(verb: Token, speaker: Mention, ctx: Context) -> Mention | None:
    """The first actor a reported clause names other than the speaker's side: whom a plain report is about."""
    own_side = side(speaker)
    mine = {t.i for t in verb.subtree if not any(t.i == c.i or c.is_ancestor(t) for c in reported_clauses(verb))}
    objects = [c for c in verb.children if dep(c) in OBJ]  # "declared victory over X"
    for clause in [*reported_clauses(verb), *objects]:
        for t in sorted(clause.subtree, key=lambda t: t.i):
            if t.i in mine and clause.i not in mine:
                continue  # the attribution itself ("..., the ministry told Reuters")
            m = ctx.mention_at.get(t.i)
            if m is None or m.kind not in ACTOR_KINDS or m is speaker or side(m) == own_side:
                continue
            if m.kind == "Location" and not _country(m):
                continue  # a town is where, not whom ("... were killed in El Fasher")
            return m
    return None
