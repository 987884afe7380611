"""Who carried out an attack, from the parse of its sentence: the subject of an attack verb, "by X",
"X's drones", "an Israeli airstrike", "X claimed responsibility for", "blamed on X"."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.actors import outlet
from kg.extract.context import AGENT, FINITE, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, is_passive, negated
from kg.extract.triggers import pos, trigger_type
from kg.lexicon import demonyms, lexicon, places
from kg.records import Mention


def governor(tok: Token) -> Token:
    """The word standing for a trigger in its clause: "dozens of rockets" → "dozens"; "a summary killing"
    parsed with "summary" as head → "summary"."""
    head = tok.head
    if dep(tok) in ("acl", "amod") and head.i == tok.i - 1 and head.pos_ in ("NOUN", "ADJ"):
        return head
    quantity = head.pos_ in ("NUM", "NOUN", "PRON") and head.lower_ not in lexicon().attack_nouns
    if dep(tok) in ("nmod", "prep", "pobj") and case_of(tok) == "of" and head.i < tok.i and quantity:
        return head
    return tok


def subject_mention(verb: Token, ctx: Context) -> Mention | None:
    lost = ctx.lost_subject(verb)
    if lost is not None:
        return lost
    for child in verb.children:
        if dep(child) in SUBJ:
            if child.lower_ in ("which", "who", "that") and dep(verb) in ("acl:relcl", "relcl", "acl"):
                return ctx.mention_of(verb.head)  # "the LNA, which launched an offensive"
            owner = next((g for g in child.children if g.tag_ == "PRP$"), None) if child.tag_ == "NNS" else None
            if dep(verb) == "ccomp" and (child.tag_ == "PRP" or owner is not None):
                # "the US military said it carried out an airstrike", "the army said its troops killed two"
                return _reporter(owner or child, verb.head, ctx)
            return ctx.mention_of(child)
        if dep(child) in AGENT or (dep(child) == "obl" and case_of(child) == "by"):
            return ctx.mention_of(child)
    if dep(verb) == "conj" and pos(verb.head) == "VERB" and not is_passive(verb):
        return subject_mention(verb.head, ctx)  # "X shelled A and killed 7 in B": the verbs share X
    return None


def _reporter(pronoun: Token, verb: Token, ctx: Context) -> Mention | None:
    """Who a pronoun opening a reported clause stands for: the speaker of the reporting verb, when the
    pronoun fits them ("it"/"they"/"we" an organisation, "he"/"she" a person)."""
    if verb.lemma_.lower() not in lexicon().statement_verbs:
        return None
    for child in verb.children:
        m = ctx.mention_of(child) if dep(child) in SUBJ else None
        if m is not None and (pronoun.lower_ in ("he", "she", "his", "her")) == (m.kind == "Person"):
            return m
    return None


def _actor_in(tok: Token, ctx: Context) -> Mention | None:
    """The actor a nominal names; for a weapon ("Haftar’s helicopters") the weapon's owner."""
    m = ctx.mention_of(tok)
    if m is not None:
        return m
    if tok.lemma_.lower() in lexicon().weapon_words or tok.pos_ == "NOUN":
        for child in tok.children:
            if dep(child) in ("nmod:poss", "poss", "compound"):
                m = ctx.mention_of(child)
                if m is not None:
                    return m
    return None


def perpetrator(tok: Token, ctx: Context) -> tuple[Mention | None, float]:
    """Who carried out the attack ``tok`` names, as its sentence says; a news outlet never did."""
    m, confidence = _perpetrator(tok, ctx)
    if m is not None and m.kind == "Organization" and outlet(m):
        return None, 0.0  # "the strikes, Shafaq News reported": the outlet tells, it does not strike
    return m, confidence


def _perpetrator(tok: Token, ctx: Context) -> tuple[Mention | None, float]:
    lex = lexicon()
    if pos(tok) == "VERB":
        m = subject_mention(tok, ctx)
        return (m, 0.9) if m else (None, 0.0)
    clash = lex.attack_nouns.get(tok.lemma_.lower()) == "ArmedClash"  # "fighting with X" names a side
    cases = ("by", "between", "from", "with") if clash else ("by", "between", "from")
    for child in tok.children:  # airstrikes by X / X’s airstrikes / LNA airstrikes / clashes between X and Y
        if dep(child) in ("nmod", "obl", "nmod:agent") and case_of(child) in cases:
            m = _actor_in(child, ctx)
            if m:
                return m, 0.9
        if dep(child) in ("nmod:poss", "poss", "compound") and child.i < tok.i:  # a possessor comes first
            m = ctx.mention_of(child)
            if m and not _place_not_state(m):  # "the Uri attack", "a Philippines bombing": where, not who
                return m, 0.85
            if child.lower_ in ("its", "their"):  # "the coalition said its bombardment had killed 95"
                m = _clause_owner(tok, ctx)
                if m is not None:
                    return m, 0.8
        if dep(child) in ("amod", "compound", "nmod:poss") and child.i < tok.i:  # "an Israeli airstrike"
            adjectives = (g for g in child.children if dep(g) in ("amod", "compound") and g.text in demonyms())
            # ... or "a Turkish drone strike": the drone's (a nationality only: a place before a weapon word is
            # where it was fired from)
            for word in (child, *(g for g in adjectives if g.i < child.i)):
                m = ctx.mention_at.get(word.i)
                if m is not None and m.kind == "Location" and _state_named(m, tok, ctx):
                    return m, 0.8
        if dep(child) in ("acl", "acl:relcl", "relcl"):  # airstrikes fired/carried out by X
            if child.lemma_.lower() in lex.launch_verbs and not is_passive(child):  # the airstrikes X launched
                m = subject_mention(child, ctx)
                if m:
                    return m, 0.8
            for grand in child.children:
                if dep(grand) in AGENT or (dep(grand) in ("obl", "nmod") and case_of(grand) == "by"):
                    m = _actor_in(grand, ctx)
                    if m:
                        return m, 0.85
    gov = governor(tok)
    head = gov.head
    if dep(gov) in OBJ and head.lemma_ in lex.launch_verbs:  # X launched / carried out (dozens of) airstrikes
        m = subject_mention(head, ctx)
        if m is None and dep(head) in ("acl", "xcomp", "advcl"):  # footage showed X carrying out a killing
            m = ctx.mention_of(head.head) or next(
                (ctx.mention_of(c) for c in head.head.children if dep(c) in OBJ and ctx.mention_of(c)), None
            )
        if m:
            return m, 0.85
    if dep(gov) in ("obl", "nmod") and case_of(gov) == "under" and head.lemma_.lower() in lex.placing_verbs:
        m = subject_mention(head, ctx)  # X placed the city under siege
        if m:
            return m, 0.85
    launched = dep(gov) in SUBJ and head.lemma_.lower() in lex.launch_verbs  # "an attack launched by X" as a clause
    if (dep(gov) in PASS_SUBJ or launched) and head.lemma_.lower() not in lex.statement_verbs:  # carried out by X
        for child in head.children:
            if dep(child) in AGENT or (dep(child) == "obl" and case_of(child) == "by"):
                m = _actor_in(child, ctx)
                if m:
                    return m, 0.8
    m = _attributed(tok, ctx)
    if m:
        return m, 0.75
    m = _by_after(tok, ctx, ("by", "between") if clash else ("by",))
    if m:
        return m, 0.7
    return None, 0.0


def _attributed(tok: Token, ctx: Context) -> Mention | None:
    """ "shootings ... attributed to X", "attacks blamed on X", "blamed X for the bombing", "X claimed
    responsibility for the attack": the verb governing the noun names the author."""
    lex = lexicon()
    m = _behind_or_responsible(tok, ctx)
    if m is not None:
        return m
    node = tok
    for _ in range(3):
        head = node.head
        if node.lower_ == "responsibility":  # the verb may be parsed as a modifier of it: "claimed/amod"
            verb = head if head.pos_ == "VERB" else next((c for c in node.children if c.tag_ in FINITE), None)
            return subject_mention(verb, ctx) if verb is not None and verb.lemma_.lower() in lex.claim_verbs else None
        if head.i == node.i:
            return None
        if head.pos_ == "VERB" and dep(node) in ("obl", "nmod") and case_of(node) in ("for", "of"):
            lemma = head.lemma_.lower()
            if lemma in lex.blame_verbs:  # "blamed X for", "accused X of"
                obj = next((c for c in head.children if dep(c) in OBJ), None)
                return ctx.mention_of(obj) if obj is not None else None
        if head.lemma_.lower() in lex.claim_verbs and any(c.lower_ == "responsibility" for c in head.children):
            return None if _denied(head) else subject_mention(head, ctx)  # "X took responsibility for the blast"
        passive_blame = head.pos_ in ("VERB", "ADJ") and head.lemma_.lower() in lex.blame_verbs
        if passive_blame and dep(node) in ("obl", "nmod") and case_of(node) == "for" and not _denied(head):
            subj = next((c for c in head.children if dep(c) in PASS_SUBJ), None)  # "X was blamed for the attack"
            if subj is not None and ctx.mention_of(subj) is not None:
                return ctx.mention_of(subj)
        if head.pos_ == "VERB":
            verbs = [head, *(c for c in head.children if dep(c) == "conj" and c.pos_ == "VERB")]
            for verb in (v for v in verbs if v.lemma_.lower() in lex.attribution_verbs):
                if node is tok and dep(tok) in OBJ:  # "pinned the attack on X", the "on" phrase under the noun
                    for child in tok.children:
                        if dep(child) in ("obl", "nmod") and case_of(child) in ("to", "on"):
                            m = _actor_in(child, ctx) or ctx.possessor(child)
                            if m:
                                return m
                for child in verb.children:
                    if dep(child) in ("obl", "nmod") and case_of(child) in ("to", "on"):
                        m = _actor_in(child, ctx) or ctx.possessor(child)
                        if m:
                            return m
            return None
        node = head
    return None


def _behind_or_responsible(tok: Token, ctx: Context) -> Mention | None:
    """ "X was behind the attack", "X is responsible for the attack", "officials held X responsible for
    the attack": the author named by a predicate on the attack noun, unless denied ("X denied it was
    behind the attack", "X was not responsible for")."""
    if any(dep(c) == "case" and c.lower_ == "behind" for c in tok.children):
        subj = next((c for c in tok.children if dep(c) in SUBJ), None)
        if subj is None or not any(dep(c) == "cop" for c in tok.children) or _denied(tok):
            return None
        if subj.tag_ == "PRP" and dep(tok) == "ccomp":  # "X said it was behind the attack"
            return _reporter(subj, tok.head, ctx)
        if subj.lower_ in ("that", "which", "who") and dep(tok) in ("acl:relcl", "relcl", "acl"):
            subj = tok.head  # "a cell that was behind the bombing"
            subj = next((c for c in subj.children if dep(c) == "compound" and _agent(c, ctx)), subj)
        return _agent(subj, ctx)
    head = tok.head
    if head.lower_ != "responsible" or case_of(tok) != "for" or _denied(head):
        return None
    subj = next((c for c in head.children if dep(c) in SUBJ), None)
    if subj is not None and subj.tag_ == "PRP" and dep(head) == "ccomp":  # "X said it was responsible for"
        return _reporter(subj, head.head, ctx)
    if subj is None and dep(head) in ("amod", "xcomp"):  # "held X responsible", parsed either way
        verb = head.head.head if dep(head) == "amod" else head.head
        if verb.lemma_.lower() in lexicon().blame_verbs:
            subj = head.head if dep(head) == "amod" else next((c for c in verb.children if dep(c) in OBJ), None)
    return _agent(subj, ctx) if subj is not None else None


def _agent(tok: Token, ctx: Context) -> Mention | None:
    """The actor a token names, a country included ("Russia was behind the strikes")."""
    m = ctx.mention_of(tok)
    if m is None:
        m = ctx.mention_at.get(tok.i)
        m = m if m is not None and m.kind == "Location" and not _place_not_state(m) else None
    return m


STATE_WEAPONS = {"Airstrike", "Shelling", "RocketAttack", "Siege"}


def _state_owner(child: Token, ctx: Context) -> Mention | None:
    """A country as possessor: "Israel's attacks", "Russia's shelling" are the state's."""
    m = ctx.mention_at.get(child.i)
    possessive = dep(child) == "nmod:poss"
    return m if possessive and m is not None and m.kind == "Location" and places().get(m.text) == "country" else None


def _clause_owner(tok: Token, ctx: Context) -> Mention | None:
    """Whom "its"/"their" before an attack word stands for: the subject of the nearest verb above it that is
    not the attack itself (an actor, not a person for "its")."""
    for verb in tok.ancestors:
        if pos(verb) != "VERB":
            continue
        for child in verb.children:
            if dep(child) in SUBJ and child.i != tok.i and not any(a.i == tok.i for a in child.ancestors):
                m = ctx.mention_of(child) or _state_owner(child, ctx)
                if m is not None and m.kind != "Person":
                    return m
    return None


def _state_named(m: Mention, tok: Token, ctx: Context) -> bool:
    """A nationality word before an attack word names its author ("an Israeli airstrike"); a country's
    name does when the act is a state's."""
    return m.text in demonyms() or places().get(m.text) == "country" and _state_act(tok, m, ctx)


def _state_act(tok: Token, country: Mention, ctx: Context) -> bool:
    """A country's name before an attack word names its author when the attack happened elsewhere ("the US
    bombing of IS in Sirte") or is one of a state's arms ("a Russia airstrike"); alone before a bombing, a
    massacre or "attack" it names where it happened ("Kenya attack: gunmen kill 12")."""
    found = trigger_type(tok)
    if found is not None and found[0] in STATE_WEAPONS:
        return True
    if any(dep(c) in ("nmod", "obl") and case_of(c) in ("of", "on", "against", "in") for c in tok.children):
        return True
    places_here = (ctx.mention_at.get(t.i) for t in tok.sent)
    return any(m is not None and m.kind == "Location" and m is not country for m in places_here)


def _place_not_state(m: Mention) -> bool:
    """A place that is no country: it can locate an attack but not carry one out."""
    return m.kind == "Location" and places().get(m.text) != "country" and m.text not in demonyms()


DENIAL_VERBS = {"deny", "reject", "dismiss", "refute"}


def _denied(node: Token) -> bool:
    """The predicate is negated or under a denial ("denied that it was behind", "was not behind")."""
    for _ in range(3):
        if negated(node) or node.lemma_.lower() in DENIAL_VERBS:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _by_after(tok: Token, ctx: Context, cases: tuple[str, ...] = ("by",)) -> Mention | None:
    """ "airstrikes in a residential area by X’s forces", "clashes have been ongoing in the area between X
    and Y": a "by" (or "between") phrase later in the same clause, whatever the parser attached it to.
    Stops at a finite verb that is not an auxiliary, a relative pronoun or another attack word."""
    doc = tok.doc
    sent_end = tok.sent.end
    j = tok.i + 1
    while j < sent_end and j - tok.i <= 12:
        t = doc[j]
        finite = t.tag_ in ("VBD", "VBZ", "VBP", "MD") and dep(t) not in ("aux", "aux:pass", "cop")
        spoken = t.pos_ == "VERB" and t.lemma_.lower() in lexicon().statement_verbs  # "... denounced by X"
        if finite or spoken or t.tag_ in ("WDT", "WP") or t.text in (";", ":") or trigger_type(t):
            return None
        if t.lower_ in cases:
            for k in range(j + 1, min(j + 6, sent_end)):
                m = ctx.mention_at.get(k)
                if m is not None and m.kind in ("Person", "Organization"):
                    force = next((f for f in map(ctx.mention_at.get, range(k + 1, k + 4)) if f and f.leader), None)
                    return force if force is not None and force.leader == m.text else m
                if doc[k].pos_ in ("VERB", "ADP") and doc[k].tag_ not in ("VBN", "JJ") or doc[k].text in (",", ";"):
                    break  # but "by suspected ADF militants", "by unidentified gunmen" go on
            return None
        j += 1
    return None


def how_known(tok: Token, author: Mention, ctx: Context) -> str:
    """How the text knows who carried out the attack ``tok`` names: "claimed" when the author says so
    ("X claimed responsibility for", "X said it was behind"), "alleged" when others attribute it ("police
    said X was behind", "officials blamed X for"), else "stated"."""
    if _attributed(tok, ctx) is not author:
        return "stated"
    lex = lexicon()
    for t in tok.sent:
        claims = t.lemma_.lower() in lex.claim_verbs and any(c.lower_ == "responsibility" for c in t.children)
        if (claims or t.lemma_.lower() == "claim") and any(ctx.mention_of(c) is author for c in t.children):
            return "claimed"
        if t.tag_ == "PRP" and dep(t) in SUBJ and dep(t.head) == "ccomp" and _reporter(t, t.head.head, ctx) is author:
            return "claimed"
    return "alleged"
