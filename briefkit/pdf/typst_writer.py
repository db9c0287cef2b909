"""A page's element tree written as Typst markup: the one place content becomes Typst.

Everything a page says reaches Typst through three doors, so that nothing in
it can become Typst code: text nodes through :func:`escape` (a backslash
before every ASCII punctuation mark, the line breaks folded into spaces),
attribute values (URLs, alt text, marks, class names) through :func:`string`
(a Typst string literal), and ids through :func:`label` (a label whose
unsafe characters are spelt out). Only ``http(s)`` URLs become links; a link
to an id the document does not hold keeps its words and loses the link.

The tags and classes are mapped to functions of ``brief.typ``; their look is
defined there, not here. No library writes Typst from HTML (Pandoc would, as
a separate program), hence this module.
"""

from __future__ import annotations

import posixpath
import re
import string as ascii_text
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from briefkit.content.files import published_bytes
from briefkit.core.vocabulary import direction

ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"  # FSI and PDI: <bdi>'s isolation in Unicode
LANG_TAG = re.compile(r"[A-Za-z]{2,3}")
PUNCTUATION = re.compile(f"([{re.escape(ascii_text.punctuation)}])")
LINE_BREAKS = re.compile("[ \t\n\x0b\x0c\r\x85\u2028\u2029]+")
UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
UNSAFE_IN_STRING = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029]')
UNSAFE_IN_LABEL = re.compile("[^A-Za-z0-9:-]")
NOT_URI = re.compile("[^\x21-\x7e]")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = HEADINGS | {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figure",
    "footer", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip
STYLED = frozenset({"blockquote", "dd", "dt"})  # tags with a style of their own in brief.typ
DROPPED = frozenset({"head", "link", "meta", "noscript", "script", "style", "template", "title"})
INLINE = {
    "b": "strong",
    "del": "strike",
    "em": "emph",
    "i": "emph",
    "ins": "underline",
    "s": "strike",
    "strong": "strong",
    "sub": "sub",
    "sup": "super",
    "u": "underline",
}


def escape(text: str) -> str:
    """``text`` as Typst markup that prints exactly it (runs of white space as one space)."""
    return PUNCTUATION.sub(r"\\\1", LINE_BREAKS.sub(" ", UNPRINTABLE.sub("", text)))


def string(text: str) -> str:
    """``text`` as a Typst string literal."""
    text = re.sub("[\ud800-\udfff]", "", text)
    return '"' + UNSAFE_IN_STRING.sub(lambda m: f"\\u{{{ord(m[0]):x}}}", text) + '"'


def label_name(anchor: str) -> str:
    """The name of the Typst label of the HTML id ``anchor`` (one name per id, any id)."""
    return "b-" + UNSAFE_IN_LABEL.sub(lambda m: f"_{ord(m[0]):x}_", anchor)


def label(anchor: str) -> str:
    """The Typst label of the HTML id ``anchor``."""
    return f"<{label_name(anchor)}>"


def value(item: object) -> str:
    """A Python value as a Typst literal: text as a string, lists as arrays."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if item is None:
        return "none"
    if isinstance(item, list | tuple):
        return "(" + "".join(f"{value(x)}, " for x in item) + ")"
    return string(str(item))


def arguments(**values: object) -> str:
    """Named arguments of a Typst call (``new_page`` is written ``new-page``)."""
    return ", ".join(f"{name.replace('_', '-')}: {value(v)}" for name, v in values.items())


def anchors_of(trees: Iterable[etree.Element]) -> frozenset[str]:
    """The ids that occur exactly once in ``trees``: those a link may point at."""
    counts = Counter(el.get("id", "") for tree in trees for el in tree.iter() if el.get("id"))
    return frozenset(anchor for anchor, count in counts.items() if count == 1)


@dataclass
class TypstWriter:
    """Writes pages of one document; records what cannot be printed in ``problems``."""

    root: Path  # images must be inside this folder (the brief's)
    anchors: frozenset[str] = frozenset()  # the document's ids, for internal links
    shift: int = 0  # added to heading levels (glossary terms print as sections)
    loose: frozenset[str] = frozenset()  # label names of notes whose block may leave widows
    kept: frozenset[str] = frozenset()  # label names of notes whose block starts a page
    problems: list[tuple[str, str]] = field(default_factory=list)  # (words to find, message)
    lang: str = ""  # the document's language
    fonts_for: Callable[[str], tuple[str, ...]] | None = None  # families for text in a language
    handlers: dict[str, Callable[[etree.Element], str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.handlers = {
            "a": self.link,
            "bdi": lambda el: f"{ISOLATE_START}{self.content(el)}{ISOLATE_END}",
            "br": lambda el: "#linebreak()",
            "code": lambda el: f"#raw({string(''.join(el.itertext()))})",
            "figure": self.figure,
            "hr": lambda el: "#line(length: 100%, stroke: 0.5pt)",
            "img": lambda el: f"#box({image})" if (image := self.image(el)) else "",
            "ol": self.listing,
            "pre": lambda el: f"#raw(block: true, {string(''.join(el.itertext()))})",
            "span": self.span,
            "table": self.table,
            "ul": self.listing,
            **dict.fromkeys(HEADINGS, self.heading),
        }
        for tag, function in INLINE.items():
            self.handlers[tag] = lambda el, f=function: f"#{f}[{self.content(el)}]"

    def page(self, tree: etree.Element) -> str:
        """The markup of a page's tree (its root's content)."""
        parts = [escape(tree.text or "")]
        for child in tree:
            if self.kept & notes_in(child):
                parts.append("\n\n#pagebreak(weak: true)\n\n")
            parts += [self.element(child), escape(child.tail or "")]
        return "".join(parts).strip() + "\n"

    def content(self, el: etree.Element) -> str:
        """The markup of an element's text and children (not of the element itself)."""
        parts = [escape(el.text or "")]
        for child in el:
            parts += [self.element(child), escape(child.tail or "")]
        return "".join(parts)

    def element(self, el: etree.Element) -> str:
        """The markup of one element, its id kept as a label."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in DROPPED or not tag:
            return ""
        handler = self.handlers.get(tag)
        out = handler(el) if handler else self.styled(el, self.content(el))
        out = self.in_language(el, out)
        if el.get("id") and tag not in {"figure", "li"} and not _self_labelled(el):
            out = self.anchor(el) + out
        if self.loose & notes_in(el) and tag in BLOCKS and _innermost_block(el):
            out = f'#el({string(tag)}, "brief-loose-lines")[{out}]'
        return f"\n\n{out}\n\n" if tag in BLOCKS else out

    def in_language(self, el: etree.Element, body: str) -> str:
        """``body`` set in the element's own language (its hyphenation, its CJK forms).

        An element of another direction (``dir``, or a language written the other
        way) is isolated as ``<bdi>`` is on the web: FSI … PDI around it.
        """
        lang = (el.get("lang") or "").replace("_", "-")
        code = lang.split("-")[0].lower()
        isolated = el.get("dir") in ("ltr", "rtl", "auto") and el.tag != "bdi"
        if isolated:
            body = f"{ISOLATE_START}{body}{ISOLATE_END}"
        if not LANG_TAG.fullmatch(code) or code == self.lang.split("-")[0].lower():
            return body
        fonts = f", font: {value(self.fonts_for(lang))}" if self.fonts_for else ""
        # The direction is CLDR's: Typst's guess from the language takes pa for Shahmukhi.
        settings = f"lang: {string(code)}, dir: {direction(lang)}{fonts}"
        if el.tag in BLOCKS:
            return f"#[#set text({settings})\n{body}]"
        return f"#text({settings})[{body}]"

    def styled(self, el: etree.Element, body: str) -> str:
        """``body`` in the style brief.typ gives the element's tag and classes."""
        classes = " ".join((el.get("class") or "").split())
        if not classes and el.tag not in STYLED:
            return body
        return f"#el({string(str(el.tag))}, {string(classes)})[{body}]"

    def anchor(self, el: etree.Element) -> str:
        """An invisible mark carrying the element's id, for links to it."""
        return f"#metadata(none){label(el.get('id', ''))}" if el.get("id") else ""

    def heading(self, el: etree.Element) -> str:
        level = min(int(str(el.tag)[1]) + self.shift, 6)
        own = label(el.get("id", "")) if el.get("id") else ""
        return f"#heading(level: {level})[{self.content(el).strip()}]{own}"

    def span(self, el: etree.Element) -> str:
        classes = (el.get("class") or "").split()
        if "brief-note" not in classes:
            return self.styled(el, self.content(el))
        own = label(el.get("id", "")) if el.get("id") else ""
        mark = el.get("data-mark") or (el.get("id") or "").rpartition(":")[2]
        function = "ednote" if "brief-editor-note" in classes else "note"
        return f"#{function}({string(mark)})[{self.content(el).strip()}]{own}"

    def link(self, el: etree.Element) -> str:
        href, body = el.get("href") or "", self.content(el)
        if href.startswith("#") and href[1:] in self.anchors:
            return f"#link({label(href[1:])})[{body}]"
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.netloc:
            # A PDF's URIs are ASCII: other characters go percent-encoded, as browsers send them.
            address = NOT_URI.sub(lambda m: quote(m[0], safe=""), href)
            return f"#link({string(address)})[{body}]"
        return body

    def listing(self, el: etree.Element) -> str:
        items = [f"[{self.anchor(li)}{self.content(li).strip()}]" for li in el if li.tag == "li"]
        start = el.get("start") or ""
        first = f"start: {int(start)}, " if start.isdigit() else ""
        function = "enum" if el.tag == "ol" else "list"
        return self.styled(el, f"#{function}({first}{', '.join(items)})")

    def figure(self, el: etree.Element) -> str:
        caption = next(el.iter("figcaption"), None)
        body = "".join(f"#{image}" for img in el.iter("img") if (image := self.image(img, "100%")))
        words = f", caption: [{self.content(caption).strip()}]" if caption is not None else ""
        own = label(el.get("id", "")) if el.get("id") else ""
        return f"#figure([{body}]{words}, kind: image, numbering: none, placement: auto){own}"

    def image(self, el: etree.Element, width: str = "auto") -> str:
        """An image of the brief's own files, with its alt text; else a problem."""
        src, alt = el.get("src") or "", (el.get("alt") or "").strip()
        parts = urlsplit(src)
        local = parts.scheme in ("", "file") and posixpath.isabs(unquote(parts.path))
        path = Path(unquote(parts.path)).resolve() if local else None
        name = posixpath.basename(parts.path) or src
        if path is None or not path.is_relative_to(self.root):
            message = f"image {src}: the PDF prints only files inside the brief; ship the file"
            self.problems.append((name, message))
            return ""
        if published_bytes(path) is None:  # a refused figure: its own message says why
            self.problems.append((name, f"image {name} is not published: see its message"))
            return ""
        if not alt:
            message = f"image {name} has no alt text: write ![what it shows]({name})"
            self.problems.append((name, message))
            return ""
        where = "/" + path.relative_to(self.root).as_posix()
        return f"image({string(where)}, alt: {string(alt)}, width: {width})"

    def table(self, el: etree.Element) -> str:
        rows = [[c for c in row if c.tag in ("td", "th")] for row in el.iter("tr")]
        rows = [row for row in rows if row]
        head = rows[:1] if rows and all(c.tag == "th" for c in rows[0]) else []
        width = max((len(row) for row in rows), default=1)
        header = [f"table.header({self._cells(row)})" for row in head]
        body = [self._cells(row) for row in rows[len(head) :]]
        grid = f"table(columns: {width}, {', '.join(header + body)})"
        caption = el.find("caption")
        if caption is None:
            return f"#{grid}"
        # A captioned table is numbered like a figure: its caption (number included) above it.
        words = self.content(caption).strip()
        own = label(el.get("id", "")) if el.get("id") else ""
        return f"#figure({grid}, caption: [{words}], kind: table, numbering: none){own}"

    def _cells(self, row: list[etree.Element]) -> str:
        return ", ".join(f"[{self.content(cell).strip()}]" for cell in row)


def _self_labelled(el: etree.Element) -> bool:
    """Headings, notes and captioned tables carry their id as their own label."""
    return (
        el.tag in HEADINGS
        or (el.tag == "span" and "brief-note" in (el.get("class") or "").split())
        or (el.tag == "table" and el.find("caption") is not None)
    )


def notes_in(el: etree.Element) -> set[str]:
    """The label names of the notes in ``el``."""
    return {
        label_name(span.get("id") or "")
        for span in el.iter("span")
        if "brief-note" in (span.get("class") or "").split()
    }


def _innermost_block(el: etree.Element) -> bool:
    return not any(child.tag in BLOCKS for child in el.iter() if child is not el)
