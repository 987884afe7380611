"""The alias reasoner on name variants written for it (tests/data/aliases/variants.yaml)."""

from __future__ import annotations

import json

import yaml
from conftest import ROOT, kg

from kg.evaluate import bcubed
from kg.records import Article, Extraction, Mention, Sentence
from kg.resolve import aliases_report, explain, resolve, skeleton, sound_key

DATA = yaml.safe_load((ROOT / "tests" / "data" / "aliases" / "variants.yaml").read_text(encoding="utf-8"))


def variant_extractions() -> list[Extraction]:
    """Every form as a mention, forms of one cluster spread over three articles."""
    by_article: dict[str, list[Mention]] = {f"art{i}": [] for i in range(3)}
    offsets = dict.fromkeys(by_article, 0)
    for _name, cluster in sorted(DATA["clusters"].items()):
        defines = cluster.get("defines", {})
        for i, form in enumerate(cluster["forms"]):
            aid = f"art{i % 3}"
            begin = offsets[aid]
            s = Sentence(begin, begin + len(form), form)
            by_article[aid].append(Mention(form, cluster["kind"], begin, begin + len(form), s,
                                           acronym=defines.get(form)))  # fmt: skip
            offsets[aid] += len(form) + 1
    return [Extraction(Article(aid, "", aid), (), tuple(ms)) for aid, ms in by_article.items()]


def clustering():
    res = resolve(variant_extractions())
    node_of = {}
    for e in res.entities:
        for form in (e.label, *e.alt_labels):
            node_of.setdefault(form, e.key)
    gold_of = {form: name for name, c in DATA["clusters"].items() for form in c["forms"]}
    return res, gold_of, {f: node_of.get(f, f"unfound:{f}") for f in gold_of}


def test_variant_set_is_big_and_varied():
    forms = [f for c in DATA["clusters"].values() for f in c["forms"]]
    assert len(forms) >= 60
    assert {c["kind"] for c in DATA["clusters"].values()} == {"Person", "Organization", "Location"}


def test_variants_b_cubed_at_least_095():
    _, gold_of, pred_of = clustering()
    p, r, f = bcubed(gold_of, pred_of)
    wrong = sorted({(gold_of[x], pred_of[x]) for x in gold_of} - {(g, min(p_ for y, p_ in pred_of.items()
                    if gold_of[y] == g)) for g in set(gold_of.values())})  # fmt: skip
    print(f"variants: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}; split or merged: {wrong}")
    assert f >= 0.95, (p, r, wrong)


def test_cannot_link_and_type_constraints_hold():
    _, gold_of, pred_of = clustering()
    node = {name: {pred_of[f] for f, g in gold_of.items() if g == name} for name in DATA["clusters"]}
    for a, b in DATA["apart"]:
        assert not node[a] & node[b], (a, b)


def test_transliteration_keys():
    assert skeleton("gadhafi") == skeleton("qaddafi") == skeleton("gaddafi")
    assert skeleton("haftar") == skeleton("hafter") == "hftr"
    assert sound_key("al-masmari") == sound_key("al-mismari") == sound_key("mesmari")
    assert sound_key("ali") != sound_key("ala")  # short words are spelled out


def test_every_merge_is_explained():
    res = resolve(variant_extractions())
    report = aliases_report(res, "https://w3id.org/newskg/id/")
    rules = {m["rule"] for e in report["entities"] for m in e["merges"]}
    assert {"transliteration", "surname", "acronym", "gazetteer", "known-alias", "name-part"} <= rules
    assert rules <= set(report["rules"])
    why = explain(report, "Qaddafi")
    assert why.startswith("'Qaddafi' → ")
    assert "surname" in why or "transliteration" in why
    assert "Aleppo" in explain(report, "Halab") and "gazetteer" in explain(report, "Halab")
    assert explain(report, "Nobody Atall").startswith("no node has the name")


def test_kg_explain_on_a_build(built):
    report = json.loads((built / "aliases.json").read_text(encoding="utf-8"))
    haftar = next(e for e in report["entities"] if e["label"] == "Khalifa Haftar")
    assert "Khalifa Hafter" in haftar["forms"] and "Haftar" in haftar["forms"]
    proc = kg("explain", "Khalifa Hafter", str(built))
    assert "→ Khalifa Haftar (Person)" in proc.stdout and "transliteration" in proc.stdout
    assert "004_c1e418e0bd2aa12f.txt" in proc.stdout
    proc = kg("explain", "Khalifa Hafterr", str(built), check=False)
    assert proc.returncode == 1 and "nearest: Khalifa Hafter" in proc.stdout
    proc = kg("explain", "Haftar", str(built / "nowhere"), check=False)
    assert proc.returncode == 2 and "run `kg build" in proc.stderr
