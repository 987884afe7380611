"""The reader keeps what it can of any record or file and names the rest: fields checked one by
one, encodings by their byte-order mark, HTML pages by their text. Property tests throw random
and adversarial input at the reader and the number parser."""

from __future__ import annotations

import json
import string

from conftest import kg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from kg.corpus import read
from kg.decode import html_text
from kg.extract.numbers import number_value
from kg.fields import iso_date
from kg.records import Article, ReadFailure, ReadWarning

BODY = "Forces loyal to Khalifa Haftar shelled Derna on Monday, killing two civilians."


def _items(paths):
    items = list(read(paths))
    arts = {i.id: i for i in items if isinstance(i, Article)}
    fails = [f"{i.path}: {i.reason}" for i in items if isinstance(i, ReadFailure)]
    warns = [f"{i.path}: {i.reason}" for i in items if isinstance(i, ReadWarning)]
    return arts, fails, warns


def test_feed_dates_are_parsed_and_bad_fields_dropped_with_a_warning(tmp_path):
    records = [
        {"id": "iso", "text": BODY, "published": "2018-06-01T10:00:00Z", "url": "https://example.org/a"},
        {"id": "rfc", "text": BODY, "published": "Fri, 15 Jun 2018 10:00:00 +0200"},
        {"id": "us", "text": BODY, "published": "June 15, 2018"},
        {"id": "uk", "text": BODY, "published": "15 June 2018"},
        {"id": "bad-date", "text": BODY, "published": "2018-13-45"},
        {"id": "num-url", "text": BODY, "url": 12345},
        {"id": "space-url", "text": BODY, "url": "https://example.org/a b"},
        {"id": "list-title", "text": BODY, "title": ["Shelling", "in Derna"]},
        {"id": "no-text", "title": "Nothing"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    arts, fails, warns = _items([tmp_path])
    assert {k: a.published for k, a in arts.items() if k in ("iso", "rfc", "us", "uk")} == {
        "iso": "2018-06-01",
        "rfc": "2018-06-15",
        "us": "2018-06-15",
        "uk": "2018-06-15",
    }
    assert arts["bad-date"].published is None and arts["num-url"].url is None and arts["space-url"].url is None
    assert arts["iso"].url == "https://example.org/a" and arts["list-title"].title == "Shelling in Derna"
    said = "\n".join(warns)
    assert "feed.jsonl:5: field 'published': '2018-13-45'" in said
    assert "feed.jsonl:6: field 'url': 12345" in said and "feed.jsonl:7: field 'url'" in said
    assert "feed.jsonl:8: field 'title'" in said
    assert fails == [
        f'{tmp_path}/feed.jsonl:9: record has no "text" string (field "text" is missing); the record is skipped'
    ]


def test_a_bad_url_or_date_in_metadata_json_costs_the_field_not_the_build(tmp_path):
    """Was: a url that is a number crashed graph writing (exit 1, nothing written); a timestamp
    or a bad date lost the article."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(f"Shelling in Derna\n\n{BODY}\n")
    meta = {
        "a.txt": {"url": 7, "published": "2018-06-01T10:00:00Z"},
        "b.txt": {"url": "http://example.org/x y", "published": "June 15, 2018"},
        "c.txt": {"title": ["Derna", "shelled"], "published": "2018-13-45"},
    }
    (src / "metadata.json").write_text(json.dumps(meta))
    out = tmp_path / "out"
    proc = kg("build", str(src), "-o", str(out))
    assert "3 articles read, 0 failed" in proc.stdout
    report = json.loads((out / "report.json").read_text())
    fields = sorted(w["reason"].split(":")[0] for w in report["warnings"])
    assert fields == ["field 'published'", "field 'title'", "field 'url'", "field 'url'"]
    trig = (out / "graph.trig").read_text()
    assert "2018-06-01" in trig and "2018-06-15" in trig


def test_utf16_and_utf32_with_a_bom_are_read_and_other_encodings_named(tmp_path):
    text = "Frappes à Derna\n\nL’armée a bombardé Derna.\n"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "u32.txt").write_bytes(text.encode("utf-32"))
    (tmp_path / "u8bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "latin.txt").write_bytes("Frappes à Derna: l'armée a bombardé la ville.\n".encode("cp1252"))
    (tmp_path / "u16nobom.txt").write_bytes(text.encode("utf-16-le"))
    arts, fails, _ = _items([tmp_path])
    assert {k: a.text for k, a in arts.items()} == {"u16.txt": text, "u32.txt": text, "u8bom.txt": text}
    said = "\n".join(fails)
    assert "latin.txt: not UTF-8" in said and "it looks like cp125" in said
    assert "u16nobom.txt: looks like UTF-16 without a byte-order mark" in said


PAGE = """<!DOCTYPE html>
<html><head><title>Floods in Derna</title><script>var tracking = "Tripoli";</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">Benghazi news</a></nav>
<header><h1>Derna floods</h1></header>
<article><p>Rescuers in <b>Derna</b> found 300 bodies &amp; more.</p><p>The UN said aid was coming.</p></article>
<footer>Copyright Sabha Media</footer></body></html>
"""


def test_an_html_page_saved_as_txt_gives_its_text_and_title(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE)
    (tmp_path / "page2.html").write_text(PAGE.replace("<title>Floods in Derna</title>", ""))
    arts, fails, _ = _items([tmp_path])
    assert not fails
    page = arts["page.txt"]
    assert page.title == "Floods in Derna" and arts["page2.html"].title == "Derna floods"
    assert page.text == "Rescuers in Derna found 300 bodies & more.\n\nThe UN said aid was coming.\n"
    for hidden in ("<", "tracking", "Home", "Benghazi", "Sabha", "color"):
        assert hidden not in page.text


# -- property tests --------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={k: JSON_VALUES for k in ("id", "title", "text", "url", "published", "source")}
    | {"text": st.text(max_size=200)},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(RECORDS.map(json.dumps) | st.text(max_size=60) | JSON_VALUES.map(json.dumps), max_size=6))
def test_any_json_lines_are_read_or_reported_never_raised(tmp_path, lines):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
    for item in read([feed]):
        assert isinstance(item, Article | ReadFailure | ReadWarning)
        if isinstance(item, Article):
            assert isinstance(item.title, str) and isinstance(item.text, str) and item.text.strip()
            assert item.published is None or iso_date(item.published) == item.published
            assert item.url is None or (isinstance(item.url, str) and " " not in item.url)
        else:
            assert item.path.startswith(str(feed)) and item.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-16")))
def test_any_bytes_are_read_or_reported_never_raised(tmp_path, data):
    (tmp_path / "x.txt").write_bytes(data)
    items = list(read([tmp_path / "x.txt"]))
    assert items and all(isinstance(i, Article | ReadFailure | ReadWarning) for i in items)


@given(st.text(max_size=40))
def test_any_date_text_is_an_iso_date_or_none(text):
    iso = iso_date(text)
    assert iso is None or (len(iso) == 10 and iso_date(iso) == iso)


@given(st.text(alphabet=string.printable + "<>&;/!-", max_size=300))
def test_any_markup_gives_text_without_raising(page):
    text, title = html_text(page)
    assert isinstance(text, str) and (title is None or isinstance(title, str))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.text(min_size=1, max_size=5000).filter(lambda w: not any(c.isspace() for c in w)))
def test_number_parser_gives_a_count_or_none_for_any_token(nlp, word):
    """Was: a token of thousands of digits raised ValueError (int() refuses > 4,300 digits)."""
    value = number_value(Doc(nlp.vocab, words=[word])[0])
    assert value is None or (isinstance(value, int) and value >= 0)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(min_value=0, max_value=10**12))
def test_number_parser_reads_digits_with_and_without_thousands_separators(nlp, n):
    for form in (str(n), f"{n:,}"):
        assert number_value(Doc(nlp.vocab, words=[form])[0]) == n


def test_number_parser_on_a_huge_numeral(nlp):
    assert number_value(Doc(nlp.vocab, words=["9" * 5000])[0]) is None
