"""Attacks: a trigger word from the lexicon, its perpetrator, place and casualties from the parse.

A definite mention with nothing new ("the continuing airstrikes") refers back to
the latest attack of its type in the article instead of minting another attack;
statements about it still link to that attack.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract.context import AGENT, FINITE, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, is_passive, negated
from kg.extract.numbers import casualties
from kg.lexicon import demonyms, lexicon, places
from kg.records import Attack, Mention

PLACE_CASES = {
    "in",
    "on",
    "at",
    "near",
    "across",
    "around",
    "outside",
    "inside",
    "into",
    "over",
    "against",
    "throughout",
    "from",
    "of",
    "south",
    "north",
    "east",
    "west",
}
ANAPHORIC_DETS = {"the", "these", "this", "those", "such", "that"}
GENERIC = {"OtherAttack"}


NOMINAL = ("obj", "nsubj", "nsubj:pass", "obl", "nmod", "iobj")


def _pos(tok: Token) -> str:
    """The tagger's coarse tag, except that an attack noun it read as a verb in a noun's slot or opening a
    sentence without a subject is a noun ("carried out airstrikes/VBZ", "Clashes/VBZ erupted")."""
    if tok.pos_ != "VERB":
        return tok.pos_
    nouns = lexicon().attack_nouns
    if not any(f in nouns for f in (tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s"))):
        return tok.pos_
    doc = tok.doc
    if tok.tag_ == "VBG" and tok.i > 1 and doc[tok.i - 2].pos_ == "DET" and doc[tok.i - 1].pos_ in ("NOUN", "ADJ"):
        return "NOUN"  # "a summary killing", "a targeted killing"
    headline = tok.is_sent_start and not any(dep(c) in SUBJ for c in tok.children)  # "Clashes erupted in X"
    if (dep(tok) in NOMINAL or headline) and not any(dep(c) in ("aux", "aux:pass") for c in tok.children):
        return "NOUN"
    return tok.pos_


def trigger_type(tok: Token) -> tuple[str, int] | None:
    """(attack type, start token) if ``tok`` heads a word or phrase naming an attack."""
    lex = lexicon()
    if tok.pos_ not in ("NOUN", "VERB", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN":  # only a capitalised common word at a sentence or headline start ("Clashes erupt")
        if not (tok.is_sent_start and tok.i + 1 < len(tok.doc) and not tok.doc[tok.i + 1].text[:1].isupper()):
            return None
        forms = (tok.lower_, tok.lower_.removesuffix("s"), tok.lower_.removesuffix("es"))
        return next(((lex.attack_nouns[f], tok.i) for f in forms if f in lex.attack_nouns), None)
    if tok.i > 0:
        prev = tok.doc[tok.i - 1]
        for joined in (
            f"{prev.lemma_.lower()} {lemma}",
            f"{prev.lower_} {tok.lower_}",
            f"{prev.lower_}{lemma}",
        ):
            if joined in lex.attack_nouns and _pos(tok) == "NOUN":
                return lex.attack_nouns[joined], tok.i - 1
    if _pos(tok) == "NOUN":
        for form in (lemma, tok.lower_, tok.lower_.removesuffix("s")):
            if form in lex.attack_nouns:
                return lex.attack_nouns[form], tok.i
    if _pos(tok) == "VERB" and lemma in lex.attack_verbs:
        return lex.attack_verbs[lemma], tok.i
    return None


def find_attacks(ctx: Context, operations: dict[int, str]) -> tuple[list[Attack], dict[int, Attack]]:
    """Attacks of the article, and a map from each trigger token (anaphoric ones too) to its attack."""
    attacks: list[Attack] = []
    at_token: dict[int, Attack] = {}
    for sent in ctx.doc.sents:
        if sent.start not in ctx.sent_index:
            continue
        found: dict[str, tuple[Attack, list[int]]] = {}
        for tok in sent:
            hit = trigger_type(tok)
            if hit is None or tok.i in ctx.mention_at or tok.i in operations:
                continue
            kind, start = hit
            if _generic(tok) or _backdrop(tok):
                continue  # "attacks on civilians are war crimes": a kind of act; "during fighting": the backdrop
            if dep(tok) == "compound" and trigger_type(tok.head) is not None:
                continue  # "missile" in "the missile attack": the head word names the attack
            if _pos(tok) == "VERB" and (_has_noun_trigger(tok, ctx) or _modifies_trigger(tok)):
                continue  # "airstrikes hit Derna", "airstrikes fired by X": the noun is the attack
            if _pos(tok) == "VERB" and kind == "Killing" and not _subject_mention(tok, ctx):
                continue  # "were killed" alone is a casualty, not an attack
            perp, perp_conf = _perpetrator(tok, ctx)
            place, place_conf = _location(tok, sent, ctx, exclude=perp)
            killed, injured = _casualties(tok, sent)
            op = _operation(tok, sent, operations)
            # "the latest offensive" killed 400; "clashes between the two groups": the author named before
            if perp is None and ((_is_anaphoric(tok) and _pos(tok) == "NOUN") or _between_the_two(tok)):
                earlier = next((a for a in reversed(attacks) if a.attack_type == kind and a.perpetrator), None)
                if earlier is not None:
                    perp, perp_conf = earlier.perpetrator, 0.6
            if perp is None and op is None:  # "Operation Volcano is a siege of Derna": the operation's author
                named = _operation_subject(tok, operations)
                if named is not None:
                    op, perp = named, _owner_in_article(named, operations, ctx)
                    perp_conf = 0.7 if perp else 0.0
            if perp is None and op is not None:  # "as part of Khalifa Haftar’s Operation Volcano"
                perp = _operation_owner(sent, operations, ctx)
                perp_conf = 0.7 if perp else 0.0
            if (perp is None or kind in GENERIC) and place_conf < 0.8 and killed is None and injured is None:
                # "the continuing airstrikes", "these attacks", "the bombing of civilians": an attack told
                # before (the latest of that type, else the latest of any type), not a new one
                antecedent = _antecedent(kind, attacks)
                if antecedent is not None and (_is_anaphoric(tok) or kind in GENERIC) and _pos(tok) == "NOUN":
                    at_token[tok.i] = antecedent
                    continue
                if kind in GENERIC or (_pos(tok) == "VERB" and not _has_patient(tok)):
                    continue
            if _pos(tok) == "NOUN" and killed is None and injured is None and attacks:
                # "Haftar’s attacks", "the airstrikes on civilians in Derna": a vague word, or a definite one
                # that adds nothing the latest attack of its type did not say, refers back to it
                antecedent = next((a for a in reversed(attacks) if a.attack_type == kind), None)
                if kind in GENERIC:
                    antecedent = _antecedent(kind, attacks)
                elif not (_is_anaphoric(tok) and antecedent and _same_or_none(antecedent, perp, place)):
                    antecedent = None
                if antecedent is not None:
                    if perp is not None and antecedent.perpetrator is None and _is_anaphoric(tok):
                        # "al-Shabaab claimed responsibility for the blast": the author of the blast told before
                        filled = replace(antecedent, perpetrator=perp)
                        attacks = [filled if a is antecedent else a for a in attacks]
                        at_token.update({i: filled for i, a in at_token.items() if a is antecedent})
                        antecedent = filled
                    at_token[tok.i] = antecedent
                    continue
            if kind in GENERIC and _pos(tok) == "NOUN" and killed is None and injured is None and place_conf < 0.8:
                continue  # "violence", "attacks" alone, with nothing before them to point to
            if kind in GENERIC and perp is None and killed is None and injured is None:
                continue
            if _unreal(tok):
                continue  # "are not targeting civilians", "threatened to attack", "preparing an offensive"
            conf = min(
                0.95,
                0.45
                + 0.25 * bool(perp) * perp_conf
                + 0.15 * place_conf
                + 0.1 * (killed is not None or injured is not None),
            )
            attack = Attack(
                attack_type=kind,
                trigger=ctx.doc[start : tok.i + 1].text,
                sentence=ctx.sentence_of(tok),
                perpetrator=perp,
                location=place,
                killed=killed,
                injured=injured,
                operation=op,
                confidence=round(conf, 2),
                trigger_begin=ctx.doc[start].idx,
                separate=_separate(tok),
                refers_back=_pos(tok) == "NOUN" and _is_anaphoric(tok),
            )
            if kind in found:  # one attack per type per sentence: merge what the triggers say
                prev, toks = found[kind]
                found[kind] = (_merge(prev, attack), [*toks, tok.i])
            else:
                found[kind] = (attack, [tok.i])
        _killing_in_attack(found, ctx)
        for attack, toks in found.values():
            attacks.append(attack)
            for i in toks:
                at_token[i] = attack
    return attacks, at_token


def _killing_in_attack(found: dict[str, tuple[Attack, list[int]]], ctx: Context) -> None:
    """ "X killed 37 people in an overnight raid": the killing is the raid's toll, one attack of the raid's
    type with the killer as its author."""
    if "Killing" not in found:
        return
    killing, killing_toks = found["Killing"]
    verbs = {i for i in killing_toks if ctx.doc[i].pos_ == "VERB"}
    for kind, (attack, toks) in found.items():
        if kind == "Killing":
            continue
        words = [ctx.doc[i] for i in toks]
        if any(dep(t) in ("obl", "nmod") and t.head.i in verbs and case_of(t) in ("in", "during") for t in words):
            found[kind] = (_merge(attack, killing), [*toks, *killing_toks])
            del found["Killing"]
            return


def _merge(a: Attack, b: Attack) -> Attack:
    return replace(
        a,
        perpetrator=a.perpetrator or b.perpetrator,
        location=a.location or b.location,
        killed=a.killed if a.killed is not None else b.killed,
        injured=a.injured if a.injured is not None else b.injured,
        operation=a.operation or b.operation,
        confidence=max(a.confidence, b.confidence),
    )


SEPARATE = {"separate", "another", "second", "third", "different", "other", "earlier", "previous", "similar"}


def _separate(tok: Token) -> bool:
    """The text tells another event: "a separate attack", "another strike", "In a different incident, ..."."""
    if any(c.lower_ in SEPARATE for c in tok.children if dep(c) in ("amod", "det", "nummod", "advmod")):
        return True
    verb = tok.head
    if any(c.dep_ == "expl" for c in verb.children) and any(c.lower_ == "also" for c in verb.children):
        return True  # "There have also been clashes in Nyala"
    words = [t.lower_ for t in tok.sent[:4]]
    return words[:1] == ["elsewhere"] or (words[:1] == ["in"] and bool(SEPARATE & set(words[1:4])))


def _generic(tok: Token) -> bool:
    """A bare plural that is the subject of a present-tense classification ("direct attacks on civilians
    are war crimes", "indiscriminate attacks amount to war crimes") names a kind of act, not an event."""
    determined = any(dep(c) in ("det", "nmod:poss", "nummod") and c.lower_ != "that" for c in tok.children)
    if tok.tag_ != "NNS" or dep(tok) not in SUBJ or determined:  # "that" before a plural is a complementiser
        return False
    head = tok.head
    cop = next((c for c in head.children if dep(c) == "cop"), None)
    if cop is not None:
        return cop.tag_ in ("VBP", "VBZ")
    return head.tag_ in ("VBP", "VBZ") and head.lemma_.lower() in ("amount", "constitute")


def _unreal(tok: Token) -> bool:
    """An attack denied, negated, foreseen or threatened, not told as done: a negation or a modal on its
    clause, or a verb such as "threaten", "prepare", "deny" above it ("denied that its forces shelled")."""
    lex = lexicon()
    if any(dep(c) == "amod" and c.lower_ in lex.unreal_modifiers for c in tok.children):
        return True
    verb: Token | None = tok
    if _pos(tok) != "VERB":
        gov = _governor(tok)
        nominal = (*OBJ, *SUBJ, *PASS_SUBJ, "obl", "nmod")
        if dep(gov) == "nmod" and gov.head.pos_ == "PROPN" and dep(gov.head) in OBJ:
            gov = gov.head  # "warned Saudi Arabia of further strikes", parsed with the strikes under the addressee
        verb = gov.head if dep(gov) in nominal and gov.head.pos_ in ("VERB", "AUX") else None
    for _ in range(3):
        if verb is None:
            return False
        if verb is not tok and verb.lemma_.lower() in lex.unreal_verbs:
            return True
        if negated(verb) or any(dep(c) == "aux" and c.tag_ == "MD" for c in verb.children):
            return True
        infinitive = dep(verb) == "advcl" and any(c.lower_ == "to" for c in verb.children)  # "called on X to halt"
        verb = verb.head if (dep(verb) in ("xcomp", "ccomp") or infinitive) and verb.head.i != verb.i else None
    return False


def _backdrop(tok: Token) -> bool:
    """ "attacked with rockets during an episode of intense fighting": an attack word inside the time
    adjunct of another attack is when that attack happened, not an attack of its own."""
    node = tok
    while node.head.i != node.i:
        if case_of(node) in ("during", "amid", "amidst"):
            return any(trigger_type(a) is not None for a in node.ancestors)
        node = node.head
    return False


def _antecedent(kind: str, attacks: list[Attack]) -> Attack | None:
    """What a vague attack word points back to: the latest attack of its type, else ("the targeting of
    civilians") the latest whose author is known, else the latest."""
    return next((a for a in reversed(attacks) if a.attack_type == kind), None) or next(
        (a for a in reversed(attacks) if a.perpetrator is not None), attacks[-1] if attacks else None
    )


def _between_the_two(tok: Token) -> bool:
    """ "clashes between the two groups / both sides": the sides are the ones named before."""
    for t in tok.sent[tok.i - tok.sent.start + 1 : tok.i - tok.sent.start + 4]:
        if t.lower_ == "between":
            return any(d.lower_ in ("two", "both") for d in t.head.subtree if d.i < t.head.i)
    return False


def _is_anaphoric(tok: Token) -> bool:
    return any(
        c.lower_ in ANAPHORIC_DETS or c.lower_ in ("continuing", "continued", "repeated", "recent", "latest", "ongoing")
        for c in tok.children
    )


def _same_or_none(a: Attack, perp: Mention | None, place: Mention | None) -> bool:
    """Nothing in (perp, place) contradicts attack ``a`` ("Haftar" and "Khalifa Haftar’s forces" agree)."""
    return (perp is None or a.perpetrator is None or _share_name(perp, a.perpetrator)) and (
        place is None or a.location is None or place.text == a.location.text
    )


def _share_name(a: Mention, b: Mention) -> bool:
    def words(m: Mention) -> set[str]:
        text = f"{m.text} {m.leader or ''}".replace("’s", " ").replace("'s", " ")
        return {w.lower() for w in text.split() if len(w) > 3 and w[:1].isupper()}

    return a.text == b.text or bool(words(a) & words(b))


def _has_patient(verb: Token) -> bool:
    """ "a plant was shelled", "shelled the city": what was hit is stated."""
    return any(dep(c) in (*PASS_SUBJ, *OBJ) for c in verb.children)


def _modifies_trigger(verb: Token) -> bool:
    return dep(verb) in ("acl", "acl:relcl", "relcl", "amod") and trigger_type(verb.head) is not None


def _has_noun_trigger(verb: Token, ctx: Context) -> bool:
    for child in verb.children:
        if dep(child) not in (*SUBJ, *OBJ, *AGENT):
            continue
        joined = (g for g in child.children if (dep(g) in ("nmod", "prep") and case_of(g) == "of") or dep(g) == "conj")
        for t in (child, *joined):  # "fired dozens of rockets", "drones and missiles hit"
            if trigger_type(t) is not None and t.pos_ in ("NOUN", "PROPN") and t.i not in ctx.mention_at:
                return True  # "fired rockets", "fired dozens of rockets" (not "Azerbaijani artillery pounded")
    return False


def _governor(tok: Token) -> Token:
    """The word standing for a trigger in its clause: "dozens of rockets" → "dozens"; "a summary killing"
    parsed with "summary" as head → "summary"."""
    head = tok.head
    if dep(tok) in ("acl", "amod") and head.i == tok.i - 1 and head.pos_ in ("NOUN", "ADJ"):
        return head
    quantity = head.pos_ in ("NUM", "NOUN", "PRON") and head.lower_ not in lexicon().attack_nouns
    if dep(tok) in ("nmod", "prep", "pobj") and case_of(tok) == "of" and head.i < tok.i and quantity:
        return head
    return tok


def _subject_mention(verb: Token, ctx: Context) -> Mention | None:
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


def _perpetrator(tok: Token, ctx: Context) -> tuple[Mention | None, float]:
    lex = lexicon()
    if _pos(tok) == "VERB":
        m = _subject_mention(tok, ctx)
        return (m, 0.9) if m else (None, 0.0)
    clash = lex.attack_nouns.get(tok.lemma_.lower()) == "ArmedClash"  # "fighting with X" names a side
    cases = ("by", "between", "from", "with") if clash else ("by", "between", "from")
    for child in tok.children:  # airstrikes by X / X’s airstrikes / LNA airstrikes / clashes between X and Y
        if dep(child) in ("nmod", "obl", "nmod:agent") and case_of(child) in cases:
            m = _actor_in(child, ctx)
            if m:
                return m, 0.9
        if dep(child) in ("nmod:poss", "poss", "compound"):
            m = ctx.mention_of(child)
            if m:
                return m, 0.85
        if dep(child) in ("amod", "compound", "nmod:poss") and child.i < tok.i:  # "an Israeli airstrike"
            m = ctx.mention_at.get(child.i)
            if m is not None and m.kind == "Location" and (places().get(m.text) == "country" or m.text in demonyms()):
                return m, 0.8
        if dep(child) in ("acl", "acl:relcl", "relcl"):  # airstrikes fired/carried out by X
            if child.lemma_.lower() in lex.launch_verbs and not is_passive(child):  # the airstrikes X launched
                m = _subject_mention(child, ctx)
                if m:
                    return m, 0.8
            for grand in child.children:
                if dep(grand) in AGENT or (dep(grand) in ("obl", "nmod") and case_of(grand) == "by"):
                    m = _actor_in(grand, ctx)
                    if m:
                        return m, 0.85
    gov = _governor(tok)
    head = gov.head
    if dep(gov) in OBJ and head.lemma_ in lex.launch_verbs:  # X launched / carried out (dozens of) airstrikes
        m = _subject_mention(head, ctx)
        if m is None and dep(head) in ("acl", "xcomp", "advcl"):  # footage showed X carrying out a killing
            m = ctx.mention_of(head.head) or next(
                (ctx.mention_of(c) for c in head.head.children if dep(c) in OBJ and ctx.mention_of(c)), None
            )
        if m:
            return m, 0.85
    if dep(gov) in ("obl", "nmod") and case_of(gov) == "under" and head.lemma_.lower() in lex.placing_verbs:
        m = _subject_mention(head, ctx)  # X placed the city under siege
        if m:
            return m, 0.85
    if dep(gov) in PASS_SUBJ:  # airstrikes were carried out by X
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
    node = tok
    for _ in range(3):
        head = node.head
        if node.lower_ == "responsibility":  # the verb may be parsed as a modifier of it: "claimed/amod"
            verb = head if head.pos_ == "VERB" else next((c for c in node.children if c.tag_ in FINITE), None)
            return _subject_mention(verb, ctx) if verb is not None and verb.lemma_.lower() in lex.claim_verbs else None
        if head.i == node.i:
            return None
        if head.pos_ == "VERB" and dep(node) in ("obl", "nmod") and case_of(node) in ("for", "of"):
            lemma = head.lemma_.lower()
            if lemma in lex.blame_verbs:  # "blamed X for", "accused X of"
                obj = next((c for c in head.children if dep(c) in OBJ), None)
                return ctx.mention_of(obj) if obj is not None else None
        if head.pos_ == "VERB":
            verbs = [head, *(c for c in head.children if dep(c) == "conj" and c.pos_ == "VERB")]
            for verb in (v for v in verbs if v.lemma_.lower() in lex.attribution_verbs):
                for child in verb.children:
                    if dep(child) in ("obl", "nmod") and case_of(child) in ("to", "on"):
                        m = _actor_in(child, ctx) or ctx.possessor(child)
                        if m:
                            return m
            return None
        node = head
    return None


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
        if finite or t.tag_ in ("WDT", "WP") or t.text in (";", ":") or trigger_type(t):
            return None
        if t.lower_ in cases:
            for k in range(j + 1, min(j + 6, sent_end)):
                m = ctx.mention_at.get(k)
                if m is not None and m.kind in ("Person", "Organization"):
                    force = next((f for f in map(ctx.mention_at.get, range(k + 1, k + 4)) if f and f.leader), None)
                    return force if force is not None and force.leader == m.text else m
                if doc[k].pos_ in ("VERB", "ADP") or doc[k].text in (",", ";"):
                    break
            return None
        j += 1
    return None


def _place_in(tok: Token, ctx: Context, depth: int = 0) -> Mention | None:
    """The most specific place attached under ``tok`` ("in Alfatayeh in Derna" → Alfatayeh)."""
    for child in tok.children:
        if (
            dep(child)
            in (
                "nmod",
                "obl",
                "obl:npmod",
                "nmod:npmod",
                "advmod",
                "pobj",
                "prep",
                "obj",
                "compound",
                "acl:relcl",
                "acl",
            )
            or dep(child) in PASS_SUBJ
        ):
            m = ctx.mention_at.get(child.i)
            if (
                m is not None
                and m.kind == "Location"
                and (case_of(child) in PLACE_CASES or dep(child) in ("obj", "compound", "prep", "pobj"))
            ):
                return m
            if depth < 2:
                found = _place_in(child, ctx, depth + 1)
                if found:
                    return found
    return None


def _location(tok: Token, sent: Span, ctx: Context, exclude: Mention | None = None) -> tuple[Mention | None, float]:
    """The most specific place under the trigger, else under its head, else named in the sentence
    (never the perpetrator itself: "the US bombing of IS in Sirte")."""
    m = _place_in(tok, ctx)
    if m and m is not exclude:
        return m, 1.0
    head = tok.head
    if head is not tok:
        m = _place_in(head, ctx)
        if m and m is not exclude:
            return m, 0.8
    roles = {r for r in ctx.mentions if r.role}
    role_text = " ".join(r.role or "" for r in roles)
    found = [ctx.mention_at[t.i] for t in sent if t.i in ctx.mention_at and ctx.mention_at[t.i].kind == "Location"]
    found = [p for p in found if p.text not in role_text and not _reference_point(p, ctx) and p is not exclude]
    geo = places()
    found.sort(key=lambda p: geo.get(p.text) == "country")  # a town before its country
    if found:
        return found[0], 0.5
    return None, 0.0


DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "outskirts",
}


def _reference_point(m: Mention, ctx: Context) -> bool:
    """ "300 kilometers east of Benghazi": a place named only to locate another one."""
    toks = ctx.tokens_of.get(m)
    if not toks or toks[0] < 2:
        return False
    doc = ctx.doc
    return doc[toks[0] - 1].lower_ in ("of", "from") and doc[toks[0] - 2].lower_.rstrip(".") in DIRECTIONS


def main_place(ctx: Context) -> Mention | None:
    """The place the article is about: its most mentioned place that is not a whole country."""
    geo = places()
    counts = Counter(m.text for m in ctx.mentions if m.kind == "Location" and geo.get(m.text) != "country")
    if not counts:
        return None
    best, n = counts.most_common(1)[0]
    if n < 2:
        return None
    return next(m for m in ctx.mentions if m.text == best)


def _casualties(tok: Token, sent: Span) -> tuple[int | None, int | None]:
    """Counts stated by casualty verbs tied to this trigger, else by those in its sentence."""
    killed = injured = None
    for t in sent:
        result = casualties(t)
        if result is None:
            continue
        kind, count = result
        if count is None:
            continue
        if kind == "killed" and killed is None:
            killed = count
        elif kind == "injured" and injured is None:
            injured = count
    return killed, injured


def _operation_owner(sent: Span, operations: dict[int, str], ctx: Context) -> Mention | None:
    """Whose the operation named in the sentence is: "X’s Operation Y", "his Operation Y"."""
    for i in sorted(i for i in operations if sent.start <= i < sent.end):
        m = ctx.possessor(ctx.doc[i])
        if m is not None:
            return m
    return None


def _operation_subject(tok: Token, operations: dict[int, str]) -> str | None:
    """The operation an attack noun predicates on: "Operation Volcano is a siege of ..."."""
    for child in tok.children:
        if dep(child) in SUBJ and any(dep(c) == "cop" for c in tok.children):
            return next(
                (operations[i] for i in range(child.left_edge.i, child.right_edge.i + 1) if i in operations), None
            )
    return None


def _owner_in_article(name: str, operations: dict[int, str], ctx: Context) -> Mention | None:
    """Whose an operation is, wherever the article says so ("Khalifa Haftar’s Operation Volcano")."""
    for i in sorted(i for i, n in operations.items() if n == name):
        m = ctx.possessor(ctx.doc[i])
        if m is not None:
            return m
    return None


def _operation(tok: Token, sent: Span, operations: dict[int, str]) -> str | None:
    """ "as part of Operation X", "during Operation X": the operation named in the same sentence."""
    names = {name for i, name in operations.items() if sent.start <= i < sent.end}
    if len(names) == 1 and any(t.lower_ in ("part", "during", "within", "under") for t in sent):
        return names.pop()
    return None
