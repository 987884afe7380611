"""evaluate: score a built graph against gold annotations (tests/data/gold/FORMAT.md).

Matching follows the gold's conventions: lists are acceptable answers, an
item matches on ``type`` or any ``alt_types``, a sentence matches the gold
sentence or any ``other_sentences`` (or contains / is contained in it, for
quotes spanning sentences), and ``optional`` items cost nothing either way.
A predicted node matches a gold name when one of its labels is a surface form
the gold lists for that name (in any gold file).
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.queries import load_store

STATEMENT_TYPES = {
    "condemn": "Condemnation",
    "accuse": "Accusation",
    "criticize": "Criticism",
    "praise": "Praise",
    "warn": "Warning",
    "call": "Appeal",
    "deny": "Denial",
    "claim": "Claim",
    "reject": "Rejection",
    "say": "Assertion",
}
KGO = "https://w3id.org/newskg/ontology#"
Q_NAMES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?n ?name WHERE {{ ?n rdfs:label|skos:altLabel ?name . ?n a <{KGO}Actor> }}"""
Q_PLACES = Q_NAMES.replace(f"<{KGO}Actor>", f"<{KGO}Location>")
Q_OPERATIONS = Q_NAMES.replace(f"<{KGO}Actor>", f"<{KGO}Operation>")  # gold lists operations' names too
Q_STATEMENTS = f"""PREFIX kgo: <{KGO}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?s ?type ?speaker ?target ?sentence ?begin ?article WHERE {{
  ?s a kgo:Statement ; kgo:statementType ?type ; kgo:speaker ?speaker ; kgo:evidence ?e .
  ?e nif:anchorOf ?sentence ; nif:referenceContext/dcterms:identifier ?article .
  OPTIONAL {{ ?e nif:beginIndex ?begin }} OPTIONAL {{ ?s kgo:target ?target }} }}"""
Q_ATTACKS = f"""PREFIX kgo: <{KGO}> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?a ?type ?perp ?loc ?killed ?injured ?sentence ?begin ?article WHERE {{
  ?a a kgo:Attack ; kgo:attackType ?type ; kgo:evidence ?e .
  ?e nif:anchorOf ?sentence ; nif:referenceContext/dcterms:identifier ?article .
  OPTIONAL {{ ?e nif:beginIndex ?begin }} OPTIONAL {{ ?a kgo:perpetrator ?perp }} OPTIONAL {{ ?a kgo:location ?loc }}
  OPTIONAL {{ ?a kgo:killed ?killed }} OPTIONAL {{ ?a kgo:injured ?injured }} }}"""


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("“", '"')
    return " ".join(text.replace("”", '"').split())


def _nm(text: str) -> str:
    return norm(text).casefold()


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def load_gold(folder: str | Path) -> list[dict]:
    files = sorted(Path(folder).glob("*.gold.json"))
    if not files:
        raise FileNotFoundError(f"no *.gold.json files in {folder}")
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def _forms(gold: list[dict]) -> dict[str, set[str]]:
    """Canonical gold name → every surface form (normalised) any gold file gives it."""
    forms: dict[str, set[str]] = defaultdict(set)
    for g in gold:
        for item in g.get("actors", []) + g.get("locations", []) + g.get("operations", []):
            forms[item["name"]].add(_nm(item["name"]))
            forms[item["name"]].update(_nm(a) for a in item.get("aliases", []))
    return forms


def _sentence_ok(pred: str | dict, item: dict) -> bool:
    """The prediction (a sentence, or a node with every sentence that tells it) is grounded in the item's."""
    told = pred["sentences"] if isinstance(pred, dict) else [pred]
    for p in map(norm, told):
        for s in [item["sentence"], *item.get("other_sentences", [])]:
            g = norm(s)
            if p == g or (len(p) > 20 and p in g) or (len(g) > 20 and g in p):
                return True
    return False


class _Names:
    def __init__(self, store: ox.Store, forms: dict[str, set[str]]) -> None:
        self.names: dict[str, set[str]] = defaultdict(set)
        for q in (Q_NAMES, Q_PLACES, Q_OPERATIONS):
            for row in store.query(q, use_default_graph_as_union=True):
                self.names[row["n"].value].add(_nm(row["name"].value))
        self.forms = forms

    def label(self, node: str | None) -> str | None:
        return min(self.names[node], key=lambda n: (-len(n), n)) if node in self.names else node

    def readable(self, errors: dict) -> dict:
        """Missed gold items as annotated; spurious predictions with node IRIs replaced by a name."""
        return {
            "missed": errors["missed"],
            "spurious": [
                {
                    k: [self.label(x) for x in v] if k in ("speaker", "target", "perp", "loc") else v
                    for k, v in p.items()
                }
                for p in errors["spurious"]
            ],
        }

    def any_matches(self, nodes: list[str], gold_names: list[str]) -> bool:
        return any(self.matches(n, gold_names) for n in nodes)

    def matches(self, node: str | None, gold_names: list[str]) -> bool:
        """A node matches a gold actor by any of its names; a gold description that is no actor
        ("residents interviewed by X") by word containment, as in the frames scorer."""
        if node is None:
            return False
        mine = self.names.get(node, set())
        return any(mine & self.forms[g] if g in self.forms else any(_describes(n, g) for n in mine) for g in gold_names)


def _describes(name: str, description: str) -> bool:
    """ "residents" fits "residents interviewed by Amnesty"; "Derna" does not fit "residents in Derna"."""
    words = _words(description)
    return bool(words) and words[0] in _words(name) and name_matches(name, [description])


def _grouped(store: ox.Store, query: str, var: str, fields: tuple[str, ...]) -> dict[str, list[dict]]:
    """One prediction per node, each field the sorted list of its values (a merged event can have two
    perpetrators: that is one attack, not two); ``sentence`` is its first evidence, ``sentences`` all."""
    groups: dict[tuple[str, str], dict[str, set]] = {}
    for r in store.query(query, use_default_graph_as_union=True):
        key = (r["article"].value, r[var].value)
        group = groups.setdefault(key, {f: set() for f in (*fields, "sentences")})
        group["sentences"].add((int(r["begin"].value) if r["begin"] is not None else 0, r["sentence"].value))
        for f in fields:
            if r[f] is not None:
                value = r[f].value
                group[f].add(
                    value.rsplit("#", 1)[-1] if f == "type" else int(value) if f in ("killed", "injured") else value
                )
    out: dict[str, list[dict]] = defaultdict(list)
    for (article, _), group in sorted(groups.items(), key=lambda kv: (kv[0][0], min(kv[1]["sentences"]))):
        told = [text for _, text in sorted(group.pop("sentences"))]
        out[article].append({**{f: sorted(v) for f, v in group.items()}, "sentence": told[0], "sentences": told})
    return out


def _match(golds: list[dict], preds: list[dict], ok, errors: dict | None = None) -> Score:
    """Greedy one-to-one matching; unmatched gold items and predictions go to ``errors``."""
    used: set[int] = set()
    tp = fn = 0
    missed, found = [], []
    for g in sorted(golds, key=lambda g: bool(g.get("optional"))):
        hit = next((i for i, p in enumerate(preds) if i not in used and ok(g, p)), None)
        if hit is not None:
            used.add(hit)
            found.append(g)
            tp += not g.get("optional")
        elif not g.get("optional"):
            fn += 1
            missed.append(g)
    # The same item told again in one of its other sentences (headline, recap) is a repeat, not an error.
    repeats = {i for i, p in enumerate(preds) if i not in used and any(ok(g, p) for g in found)}
    if errors is not None:
        errors["missed"] = missed
        errors["spurious"] = [p for i, p in enumerate(preds) if i not in used | repeats]
    return Score(tp, len(preds) - len(used) - len(repeats), fn)  # a match to an optional item is no error


def evaluate(graph: str | Path, gold_dir: str | Path) -> dict:
    """Precision/recall/F1 of statements and attacks, casualty accuracy and alias B-cubed."""
    store = load_store(graph)
    gold = load_gold(gold_dir)
    forms = _forms(gold)
    names = _Names(store, forms)
    statements = _grouped(store, Q_STATEMENTS, "s", ("type", "speaker", "target"))
    attacks = _grouped(store, Q_ATTACKS, "a", ("perp", "loc", "killed", "injured"))

    def statement_ok(g: dict, p: dict) -> bool:
        types = {STATEMENT_TYPES[t] for t in [g["type"], *g.get("alt_types", [])]}
        target_ok = names.any_matches(p["target"], g["target"]) if g["target"] else not p["target"]
        return (
            bool(types & set(p["type"]))
            and names.any_matches(p["speaker"], g["speaker"])
            and target_ok
            and _sentence_ok(p, g)
        )

    def attack_ok(g: dict, p: dict) -> bool:
        perp_ok = names.any_matches(p["perp"], g["perpetrator"]) if g["perpetrator"] else not p["perp"]
        loc_ok = names.any_matches(p["loc"], g["location"]) if g["location"] else True
        return perp_ok and loc_ok and _sentence_ok(p, g)

    totals = {"statements": [0, 0, 0], "attacks": [0, 0, 0]}
    per_article = {}
    errors: dict[str, dict] = {}
    casualty_right = casualty_total = 0
    for g in gold:
        art = g["article"]
        s_err: dict = {}
        a_err: dict = {}
        s = _match(g["statements"], statements.get(art, []), statement_ok, s_err)
        a = _match(g["attacks"], attacks.get(art, []), attack_ok, a_err)
        per_article[art] = {"statements": s.as_dict(), "attacks": a.as_dict()}
        errors[art] = {"statements": names.readable(s_err), "attacks": names.readable(a_err)}
        for key, sc in (("statements", s), ("attacks", a)):
            totals[key][0] += sc.tp
            totals[key][1] += sc.fp
            totals[key][2] += sc.fn
        for ga in g["attacks"]:
            if ga.get("optional"):
                continue
            grounded = [p for p in attacks.get(art, []) if _sentence_ok(p, ga)]
            for field in ("killed", "injured"):
                if ga.get(field) is None:
                    continue
                casualty_total += 1
                accepted = {ga[field], *(ga.get("killed_alt", []) if field == "killed" else [])}
                casualty_right += any(accepted & set(p[field]) for p in grounded)
    return {
        "statements": Score(*totals["statements"]).as_dict(),
        "attacks": Score(*totals["attacks"]).as_dict(),
        "casualties": {
            "exact": round(casualty_right / casualty_total, 3) if casualty_total else 0.0,
            "right": casualty_right,
            "total": casualty_total,
        },
        "aliases": _bcubed(gold, names),
        "articles": per_article,
        "errors": errors,
    }


def bcubed(gold_of: dict[str, str], pred_of: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering of items (item → cluster id) against gold."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for f in gold_of:
        by_pred[pred_of[f]].add(f)
        by_gold[gold_of[f]].add(f)
    p = r = 0.0
    for f in gold_of:
        same = by_pred[pred_of[f]] & by_gold[gold_of[f]]
        p += len(same) / len(by_pred[pred_of[f]])
        r += len(same) / len(by_gold[gold_of[f]])
    p, r = p / len(gold_of), r / len(gold_of)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _surface_forms(gold: list[dict]) -> dict[str, str]:
    """Every form the articles print (gold `aliases`) → its canonical name. A canonical name no
    article prints ("Muammar Gaddafi" where the text only says "Gaddafi's regime") is the
    annotator's knowledge, not a mention, so it is not an item to cluster."""
    gold_of: dict[str, str] = {}
    for g in gold:
        for item in g.get("actors", []) + g.get("locations", []) + g.get("operations", []):
            printed = [_nm(a) for a in item.get("aliases", [])]
            name = _nm(item["name"])
            for f in printed + ([name] if any(name in a for a in printed) else []):
                gold_of.setdefault(f, item["name"])
    return gold_of


def _bcubed(gold: list[dict], names: _Names) -> dict:
    """B-cubed over every printed gold form: the predicted cluster of a form is the node bearing it."""
    gold_of = _surface_forms(gold)
    node_of: dict[str, str] = {}
    for node in sorted(names.names):
        for f in names.names[node]:
            node_of.setdefault(f, node)
    pred_of = {f: node_of.get(f, f"unfound:{f}") for f in gold_of}
    p, r, _ = bcubed(gold_of, pred_of)
    found = sum(1 for f in gold_of if f in node_of)
    split: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for f, canonical in sorted(gold_of.items()):
        split[canonical][pred_of[f]].append(f)
    merged: dict[str, set[str]] = defaultdict(set)
    for f, node in pred_of.items():
        merged[node].add(gold_of[f])
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "forms": len(gold_of),
        "forms_found": found,
        "unfound": sorted(f for f in gold_of if f not in node_of),
        "split": {  # gold referents whose found forms sit on more than one node
            c: sorted(sorted(fs) for n, fs in nodes.items() if not n.startswith("unfound:"))
            for c, nodes in sorted(split.items())
            if sum(not n.startswith("unfound:") for n in nodes) > 1
        },
        "false_merges": sorted(sorted(gs) for gs in merged.values() if len(gs) > 1),
    }


def summary_table(result: dict) -> str:
    lines = [f"{'':12} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for key in ("statements", "attacks"):
        s = result[key]
        lines.append(
            f"{key:12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}   {s['tp']}/{s['fp']}/{s['fn']}"
        )
    a = result.get("aliases")
    if a:
        lines.append(
            f"{'aliases':12} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f}   "
            f"B-cubed over {a['forms']} gold forms ({a['forms_found']} found)"
        )
    c = result["casualties"]
    lines.append(f"casualties   exact {c['exact']:.3f} ({c['right']}/{c['total']} gold counts)")
    return "\n".join(lines)


def errors_report(result: dict) -> str:
    """Every missed gold item and every spurious prediction, article by article."""

    def show(item: dict, keys: tuple[str, ...]) -> str:
        parts = [f"{k}={item.get(k)}" for k in keys if item.get(k) not in (None, [], "")]
        sentence = norm(item.get("sentence", ""))
        return "  ".join(parts) + f"\n      “{sentence[:110]}{'…' if len(sentence) > 110 else ''}”"

    keys = {"statements": ("type", "speaker", "target"), "attacks": ("type", "perpetrator", "perp", "location", "loc")}
    lines = []
    for art, kinds in sorted(result["errors"].items()):
        for kind, err in kinds.items():
            for label, items in (("missed", err["missed"]), ("spurious", err["spurious"])):
                for item in items:
                    lines.append(f"{art} {kind} {label}: {show(item, keys[kind])}")
    aliases = result["aliases"]
    lines += [f"aliases unfound: {f}" for f in aliases.get("unfound", [])]
    lines += [
        f"aliases split: {c}: {' | '.join(map(', '.join, groups))}" for c, groups in aliases.get("split", {}).items()
    ]
    lines += [f"aliases false merge: {' + '.join(gs)}" for gs in aliases.get("false_merges", [])]
    return "\n".join(lines)


# --------------------------------------------------------------------------- frames of single sentences

ATTACK_TYPES = {
    "airstrike": "Airstrike",
    "shelling": "Shelling",
    "rocket": "RocketAttack",
    "clash": "ArmedClash",
    "shooting": "Shooting",
    "killing": "Killing",
    "bombing": "Bombing",
    "siege": "Siege",
    "other": "OtherAttack",
}


def _words(name: str) -> tuple[str, ...]:
    text = _nm(name).replace("'s", "").replace("the ", " ")
    return tuple(w for w in "".join(c if c.isalnum() or c == "-" else " " for c in text).split() if w)


def name_matches(predicted: str | None, acceptable: list[str]) -> bool:
    """A predicted name fits when its words contain, or are contained in, an acceptable name's words
    ("Kobler" ~ "Martin Kobler", "Russian forces" ~ "Russian forces")."""
    if predicted is None:
        return False
    mine = _words(predicted)
    for name in acceptable:
        theirs = _words(name)
        if not mine or not theirs:
            continue
        short, long = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        if all(w in long for w in short):
            return True
    return False


def evaluate_frames(cases: list[dict], extractions: list) -> dict:
    """Score extractions of hand-written cases (tests/data/frames/*.yaml) frame by frame.

    ``extractions[i]`` is the Extraction of ``cases[i]["text"]``. Statements match on type, speaker and
    target; attacks on type, perpetrator and location; casualty counts are scored on matched attacks.
    """
    totals = {"statements": [0, 0, 0], "attacks": [0, 0, 0]}
    right = total = 0
    errors: list[str] = []
    for case, ex in zip(cases, extractions, strict=True):
        preds_s = [
            {"type": s.statement_type, "speaker": s.speaker.text, "target": s.target.text if s.target else None}
            for s in ex.statements
        ]
        preds_a = [
            {
                "type": a.attack_type,
                "perp": a.perpetrator.text if a.perpetrator else None,
                "loc": a.location.text if a.location else None,
                "killed": a.killed,
                "injured": a.injured,
            }
            for a in ex.attacks
        ]

        def statement_ok(g: dict, p: dict) -> bool:
            types = {STATEMENT_TYPES[t] for t in [g["type"], *g.get("alt_types", [])]}
            target_ok = name_matches(p["target"], g["target"]) if g["target"] else p["target"] is None
            return p["type"] in types and name_matches(p["speaker"], g["speaker"]) and target_ok

        def attack_ok(g: dict, p: dict) -> bool:
            types = {ATTACK_TYPES[t] for t in [g["type"], *g.get("alt_types", [])]}
            perp_ok = name_matches(p["perp"], g["perpetrator"]) if g["perpetrator"] else p["perp"] is None
            loc_ok = name_matches(p["loc"], g["location"]) if g.get("location") else True
            return p["type"] in types and perp_ok and loc_ok

        for kind, golds, preds, ok in (
            ("statements", case.get("statements", []), preds_s, statement_ok),
            ("attacks", case.get("attacks", []), preds_a, attack_ok),
        ):
            err: dict = {}
            score = _match(golds, preds, ok, err)
            for i, n in enumerate((score.tp, score.fp, score.fn)):
                totals[kind][i] += n
            errors += [f"missed {kind[:-1]} {g} in: {case['text']}" for g in err["missed"]]
            errors += [f"spurious {kind[:-1]} {p} in: {case['text']}" for p in err["spurious"]]
        for g in case.get("attacks", []):
            for field in ("killed", "injured"):
                if g.get(field) is None or g.get("optional"):
                    continue
                total += 1
                hit = any(attack_ok(g, p) and p[field] == g[field] for p in preds_a)
                right += hit
                if not hit:
                    errors.append(f"wrong {field} (want {g[field]}) in: {case['text']}")
    return {
        "statements": Score(*totals["statements"]).as_dict(),
        "attacks": Score(*totals["attacks"]).as_dict(),
        "casualties": {"exact": round(right / total, 3) if total else 0.0, "right": right, "total": total},
        "cases": len(cases),
        "errors": errors,
    }


def evaluate_frames_file(path: str | Path, model: str | None = None) -> dict:
    """Run the pipeline and the extractors over a frames YAML file and score them."""
    import yaml

    from kg.document import document
    from kg.extract import extract
    from kg.nlp import load
    from kg.records import Article

    cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(cases, list) or not all(isinstance(c, dict) and "text" in c for c in cases):
        raise ValueError(f"{path}: expected a YAML list of cases, each with a 'text' (see tests/data/frames/)")
    nlp = load(model).nlp
    articles = [
        Article(f"case-{i}", c["text"], c["text"][:60], published=str(c["published"]) if c.get("published") else None)
        for i, c in enumerate(cases)
    ]
    docs = nlp.pipe(a.text for a in articles)
    extractions = [document(extract(a, doc)) for a, doc in zip(articles, docs, strict=True)]
    return evaluate_frames(cases, extractions)
