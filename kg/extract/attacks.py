"""Attacks: a trigger word from the lexicon, its perpetrator, place and casualties from the parse.

A definite mention with nothing new ("the continuing airstrikes") refers back to
the latest attack of its type in the article instead of minting another attack;
statements about it still link to that attack.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from kg.containment import breadth
from kg.extract.attack_places import location, main_place
from kg.extract.authors import governor, how_known, perpetrator, subject_mention
from kg.extract.context import AGENT, OBJ, PASS_SUBJ, SUBJ, Context, case_of, dep, negated
from kg.extract.numbers import casualties
from kg.extract.triggers import pos, trigger_type
from kg.lexicon import lexicon
from kg.records import Attack, Mention

__all__ = ["find_attacks", "main_place", "trigger_type"]

ANAPHORIC_DETS = {"the", "these", "this", "those", "such", "that"}
GENERIC = {"OtherAttack"}


def find_attacks(ctx: Context, operations: dict[int, str]) -> tuple[list[Attack], dict[int, Attack]]:
    """Attacks of the article, and a map from each trigger token (anaphoric ones too) to its attack."""
    attacks: list[Attack] = []
    at_token: dict[int, Attack] = {}
    for sent in ctx.doc.sents:
        if sent.start not in ctx.sent_index:
            continue
        found: dict[str, tuple[Attack, list[int]]] = {}
        for tok in sent:
            trigger = _trigger(tok, ctx, operations)
            if trigger is None:
                continue
            kind, start = trigger
            stated = _stated_author(tok, ctx)
            place, place_conf = location(tok, sent, ctx, exclude=stated[0])
            perp, perp_conf, op = _author(tok, kind, sent, stated, ctx, operations, attacks)
            killed, injured = _casualties(tok, sent)
            if (perp is None or kind in GENERIC) and place_conf < 0.8 and killed is None and injured is None:
                # "the continuing airstrikes", "these attacks", "the bombing of civilians": an attack told
                # before (the latest of that type, else the latest of any type), not a new one
                if kind in GENERIC and found and pos(tok) == "NOUN":  # "killed 12 soldiers in an ambush": this
                    key = next(reversed(found))  # sentence's own attack, not one told before
                    prev, toks = found[key]
                    told = replace(prev, perpetrator=perp, location=place, place_confidence=place_conf)
                    found[key] = (_merge(prev, told), [*toks, tok.i])
                    continue
                antecedent = _antecedent(kind, attacks)
                if antecedent is not None and (_is_anaphoric(tok) or kind in GENERIC) and pos(tok) == "NOUN":
                    attacks = _point_back(tok, antecedent, (perp, place, place_conf), attacks, at_token, ctx)
                    continue
                if kind in GENERIC or (pos(tok) == "VERB" and not _has_patient(tok)):
                    continue
            if pos(tok) == "NOUN" and killed is None and injured is None and attacks:
                # "Haftar’s attacks", "the airstrikes on civilians in Derna": a vague word, or a definite one
                # that adds nothing the latest attack of its type did not say, refers back to it
                antecedent = next((a for a in reversed(attacks) if a.attack_type == kind), None)
                if kind in GENERIC:
                    antecedent = _antecedent(kind, attacks)
                elif not (_is_anaphoric(tok) and antecedent and _same_or_none(antecedent, perp, place)):
                    antecedent = None
                if antecedent is not None:
                    attacks = _point_back(tok, antecedent, (perp, place, place_conf), attacks, at_token, ctx)
                    continue
            told = killed is not None or injured is not None
            if _no_attack(tok, kind, perp is not None, told, place_conf):
                continue
            conf = min(0.95, 0.45 + 0.25 * bool(perp) * perp_conf + 0.15 * place_conf + 0.1 * told)
            attack = Attack(
                attack_type=kind,
                trigger=ctx.doc[start : tok.i + 1].text,
                sentence=ctx.sentence_of(tok),
                perpetrator=perp,
                perpetrator_status=how_known(tok, perp, ctx) if perp is not None else None,
                location=place,
                place_confidence=place_conf,
                killed=killed,
                injured=injured,
                operation=op,
                confidence=round(conf, 2),
                trigger_begin=ctx.doc[start].idx,
                separate=_separate(tok),
                refers_back=pos(tok) == "NOUN" and _is_anaphoric(tok),
            )
            _found(found, attack, tok.i)
        _killing_in_attack(found, ctx)
        for attack, toks in found.values():
            attacks.append(attack)
            for i in toks:
                at_token[i] = attack
    return attacks, at_token


def _no_attack(tok: Token, kind: str, has_author: bool, told: bool, place_conf: float) -> bool:
    """Whether a trigger that points back to no attack told before names none of its own either (``told``:
    it has a toll)."""
    if kind in GENERIC and not told and ((pos(tok) == "NOUN" and place_conf < 0.8) or not has_author):
        return True  # "violence", "attacks" alone, with nothing before them to point to
    if not told and _unexploded(tok):
        return True  # "laying mines", "defused a bomb", "police found explosives"
    # "the blast was put down to a gas leak"; "are not targeting civilians", "threatened to attack"
    return _accident(tok, kind) or _unreal(tok)


def _found(found: dict[str, tuple[Attack, list[int]]], attack: Attack, i: int) -> None:
    """Add the attack of trigger token ``i`` to the sentence's: one per type, its triggers' facts merged,
    unless it happened elsewhere ("killed 12 in A and seven more in B")."""
    kind = attack.attack_type
    if kind in found and _elsewhere(found[kind][0], attack):
        found[f"{kind} {i}"] = (replace(attack, perpetrator=attack.perpetrator or found[kind][0].perpetrator), [i])
    elif kind in found:
        prev, toks = found[kind]
        found[kind] = (_merge(prev, attack), [*toks, i])
    else:
        found[kind] = (attack, [i])


def _trigger(tok: Token, ctx: Context, operations: dict[int, str]) -> tuple[str, int] | None:
    """(type, first token) of the attack ``tok`` names, unless it names none here: a kind of act, the
    backdrop, a weapon word before its attack word, a verb whose noun is the attack, a killing with no killer."""
    hit = trigger_type(tok)
    if hit is None or tok.i in ctx.mention_at or tok.i in operations:
        return None
    kind, start = _weapon_named(tok, *hit)
    if _generic(tok) or _backdrop(tok):
        return None  # "attacks on civilians are war crimes": a kind of act; "during fighting": the backdrop
    if dep(tok) == "compound" and trigger_type(tok.head) is not None:
        return None  # "missile" in "the missile attack": the head word names the attack
    if dep(tok) == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in lexicon().equipment:
        return None  # "the missile defence system", "a rocket launcher", "bomb shelters": things, no attack
    if pos(tok) == "VERB" and (_has_noun_trigger(tok, ctx) or _modifies_trigger(tok)):
        return None  # "airstrikes hit Derna", "airstrikes fired by X": the noun is the attack
    if pos(tok) == "VERB" and kind == "Killing" and not subject_mention(tok, ctx):
        return None  # "were killed" alone is a casualty, not an attack
    if _shot_down(tok):
        return None  # "drones were shot down over the city": air defence, no attack of its own
    if tok.tag_ == "VBG" and dep(tok) == "amod":
        return None  # "the surrounding villages", "attacking forces": a participle describing a noun
    return kind, start


def _shot_down(tok: Token) -> bool:
    """ "shot down", "shoot down": downing what was fired or flown, not a shooting."""
    return tok.lemma_.lower() == "shoot" and any(c.lower_ == "down" for c in tok.children)


def _stated_author(tok: Token, ctx: Context) -> tuple[Mention | None, float]:
    perp, perp_conf = perpetrator(tok, ctx)
    if perp is not None and _names_an_attack(perp):
        return None, 0.0  # "Bomb kills 9" read as a name: the weapon, not an author
    return perp, perp_conf


def _author(
    tok: Token,
    kind: str,
    sent: Span,
    stated: tuple[Mention | None, float],
    ctx: Context,
    operations: dict[int, str],
    attacks: list[Attack],
) -> tuple[Mention | None, float, str | None]:
    """(author, confidence, operation) of an attack: as its sentence states it, else the author of the
    attack it refers back to, else the owner of the operation it belongs to."""
    perp, perp_conf = stated
    op = _operation(tok, sent, operations)
    # "the latest offensive" killed 400; "clashes between the two groups": the author named before
    if perp is None and ((_is_anaphoric(tok) and pos(tok) == "NOUN") or _between_the_two(tok)):
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
    return perp, perp_conf, op


CAUSE_CASES = {"on", "by", "to", "from", "of"}


def _accident(tok: Token, kind: str) -> bool:
    """An explosion the sentence puts down to a fire, a gas leak or an accident ("blamed on a burst boiler",
    "caused by a gas leak", "due to the heat"): no attack, whatever the word."""
    if kind != "Bombing" or pos(tok) != "NOUN":
        return False
    causes = lexicon().accident_causes
    described = (c for c in tok.children if dep(c) in ("acl", "acl:relcl", "relcl"))  # "a blast caused by ..."
    for word in (tok, governor(tok).head, *described):
        for child in word.children:
            if dep(child) in ("obl", "nmod", "obl:agent", "advcl") and child.lemma_.lower() in causes:
                return case_of(child) in CAUSE_CASES or any(c.lower_ in ("due", "because") for c in child.children)
    return False


def _unexploded(tok: Token) -> bool:
    """A weapon placed, found, defused or seized: the object (or passive subject) of such a verb."""
    if pos(tok) != "NOUN":
        return False
    gov = governor(tok)
    verb = gov.head
    lemma = verb.lemma_.lower()
    return dep(gov) in (*OBJ, *PASS_SUBJ) and bool({lemma, lemma + "e"} & lexicon().unexploded_verbs)


def _names_an_attack(m: Mention) -> bool:
    nouns = lexicon().attack_nouns
    word = m.text.lower()
    return word in nouns or word.removesuffix("s") in nouns


def _weapon_named(tok: Token, kind: str, start: int) -> tuple[str, int]:
    """ "a suicide bombing attack", "the car bomb attack": a generic attack word takes the type of the
    weapon word before it."""
    if kind not in GENERIC:
        return kind, start
    for child in tok.children:
        if dep(child) in ("compound", "amod") and child.i < tok.i:
            hit = trigger_type(child)
            if hit is not None and hit[0] not in GENERIC:
                return hit[0], min(hit[1], start)
    return kind, start


def _point_back(
    tok: Token,
    antecedent: Attack,
    told: tuple[Mention | None, Mention | None, float],
    attacks: list[Attack],
    at_token: dict[int, Attack],
    ctx: Context,
) -> list[Attack]:
    """``tok`` tells ``antecedent`` again; what the telling states of it (author, place and how firmly
    the place is attached) fills what the first telling left open: "al-Shabaab claimed responsibility
    for the blast", "police said X was behind the attack", "the attack happened in the city's northern
    district". Returns the attacks with the antecedent so filled."""
    perp, place, place_conf = told
    filled = antecedent
    first_author = antecedent.perpetrator
    described = first_author is None or (first_author.kind == "Group" and perp is not None and perp.kind != "Group")
    if perp is not None and described and _is_anaphoric(tok):
        filled = replace(filled, perpetrator=perp, perpetrator_status=how_known(tok, perp, ctx))
    first = antecedent.location
    narrower = first is None or breadth(place.text) < breadth(first.text) if place is not None else False
    attached = place_conf >= 1.0 or place_conf >= 0.8 and _is_anaphoric(tok)  # not "fled violence, reaching X"
    if place is not None and attached and narrower:
        filled = replace(filled, location=place, place_confidence=place_conf)
    if filled is not antecedent:
        attacks = [filled if a is antecedent else a for a in attacks]
        at_token.update({i: filled for i, a in at_token.items() if a is antecedent})
    at_token[tok.i] = filled
    return attacks


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


def _elsewhere(a: Attack, b: Attack) -> bool:
    """Two tellings of one type in a sentence are two events when each names its own place and its own
    toll: "gunmen killed 12 villagers in Bantou and killed seven more in Koudi"."""
    if a.location is None or b.location is None or min(a.place_confidence, b.place_confidence) < 0.8:
        return False
    counted = (a.killed, a.injured) != (None, None) and (b.killed, b.injured) != (None, None)
    return counted and a.location.text != b.location.text and (a.killed, a.injured) != (b.killed, b.injured)


def _merge(a: Attack, b: Attack) -> Attack:
    return replace(
        a,
        perpetrator=a.perpetrator or b.perpetrator,
        perpetrator_status=a.perpetrator_status if a.perpetrator else b.perpetrator_status,
        location=a.location or b.location,
        place_confidence=a.place_confidence if a.location else b.place_confidence,
        killed=a.killed if a.killed is not None else b.killed,
        injured=a.injured if a.injured is not None else b.injured,
        operation=a.operation or b.operation,
        confidence=max(a.confidence, b.confidence),
    )


SEPARATE = {"separate", "another", "second", "third", "different", "other", "earlier", "previous", "similar"}


def _separate(tok: Token) -> bool:
    """The text tells another event: "a separate attack", "another strike", "In a different incident, ..."."""
    modifiers = {c.lower_ for c in tok.children if dep(c) in ("amod", "det", "nummod", "advmod")}
    if "such" in modifiers and not modifiers & {"another", "other", "separate", "different"}:
        return False  # "the third such raid this month": this one, counted in a series
    if modifiers & SEPARATE:
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
    if pos(tok) != "VERB":
        gov = governor(tok)
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


def _casualties(tok: Token, sent: Span) -> tuple[int | None, int | None]:
    """Counts stated by casualty verbs tied to this trigger ("shelled A, killing 12, and B, killing 7"), else by
    those in its sentence."""
    killed = injured = None
    own = [tok, *(c for c in tok.children if dep(c) in ("advcl", "xcomp", "acl", "acl:relcl", "relcl"))]
    for t in (*own, *sent):
        result = casualties(t)
        if result is None:
            continue
        kind, count = result
        if count is None:
            continue
        if kind in ("killed", "both") and killed is None:
            killed = count
        if kind in ("injured", "both") and injured is None:
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
