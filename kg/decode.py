"""Bytes of an input file → its text: byte-order marks, encodings and HTML pages.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read; any other encoding is named (as
charset-normalizer guesses it) so the user can re-encode the file, never guessed into text that
would put wrong characters in the graph. An HTML page (by suffix or by its first tag) gives its
visible text: scripts, styles, navigation and markup dropped, the title from <title> or <h1>.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
COMMON_ENCODINGS = (  # what non-UTF-8 news text is usually in; a short text fits rarer ones by chance
    "cp1252", "iso8859_15", "cp1250", "cp1251", "koi8_r", "cp1253", "cp1254", "cp1255", "cp1256",
    "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr", "mac_roman",
)  # fmt: skip
HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)


class DecodeError(ValueError):
    """The reason a file holds no text newskg can read, said so a person can act on it."""


def decode(data: bytes) -> str:
    """The text of ``data``; DecodeError naming what the bytes seem to be otherwise."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {name} byte-order mark but is not {name} (byte {err.start})") from err
    if b"\x00" in data[:8192]:
        half = data[:8192]
        if half[1::2].count(0) > 0.4 * len(half) / 2 or half[0::2].count(0) > 0.4 * len(half) / 2:
            raise DecodeError("looks like UTF-16 without a byte-order mark; re-encode it as UTF-8")
        raise DecodeError("binary file (contains NUL bytes); give newskg plain UTF-8 text")
    try:
        # No newline translation: offsets must index the text exactly as stored.
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        guess = _probable_encoding(data)
        seems = f"; it looks like {guess}: `iconv -f {guess} -t utf-8`" if guess else ""
        raise DecodeError(
            f"not UTF-8 (byte {err.start}: {data[err.start : err.start + 1]!r}){seems}; re-encode it as UTF-8"
        ) from err


def _probable_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=list(COMMON_ENCODINGS)).best()
    return best.encoding if best is not None and best.encoding not in ("utf_8", "ascii") else None


def is_html(suffix: str, text: str) -> bool:
    return suffix.lower() in HTML_SUFFIXES or _HTML_START.match(text[:4096]) is not None


SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form", "head"})
BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "main"}
    | {"table", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption", "dd", "dt", "hr", "title"}
)
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})


class _Page(HTMLParser):
    """Collects visible text by block, and the text of the first <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = self.h1 = self.inside = ""
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIP and tag not in VOID:
            self.skipping += 1
        if tag in ("title", "h1") and not getattr(self, tag):
            self.inside = tag
        if tag in BLOCK and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self.skipping:
            self.skipping -= 1
        if tag == self.inside:
            self.inside = ""
        if tag in BLOCK and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.inside:
            setattr(self, self.inside, getattr(self, self.inside) + data)
        if not self.skipping:
            self.parts.append(data)


def html_text(page: str) -> tuple[str, str | None]:
    """The visible text of an HTML page, one paragraph per block, and its title (<title>, else <h1>)."""
    parser = _Page()
    parser.feed(page)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parser.parts).split("\n"))
    text = "\n\n".join(p for p in paragraphs if p)
    title = " ".join(parser.title.split()) or " ".join(parser.h1.split()) or None
    return (text + "\n" if text else ""), title
