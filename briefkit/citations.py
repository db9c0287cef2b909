"""Pandoc-style citations (``[@key]``, ``[see @key, p. 3; @other]``) as footnotes.

An :class:`~markdown.inlinepatterns.InlineProcessor` recognises bracketed
citations and leaves a placeholder; a :class:`~markdown.treeprocessors.Treeprocessor`
then walks the page in reading order, numbers the notes and chooses each
reference's form (full on first citation, short afterwards, « Ibid. » when it
repeats the note just before). Notes use the markup of Python-Markdown's
footnotes, so the theme's footnote styling and tooltips apply.
"""

from __future__ import annotations

import difflib
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from briefkit.bibliography import Bibliography
from briefkit.problems import Problem, line_of
from briefkit.references import full_reference, short_reference, vocabulary

KEY = r"[A-Za-z0-9_](?:[\w:.\-/+]*\w)?"
# A bracket holding an at-sign at the start of a word; not link text.
CITATION_PATTERN = r"\[(?P<body>[^\[\]]*?(?<![^\s;\[])@[^\[\]]*)\](?![(\[:])"
UNCLOSED_PATTERN = r"\[(?P<body>[^\[\]]*?(?<![^\s;\[])@" + KEY + r"[^\[\]]*)(?=\[|$)"
ITEM_RE = re.compile(r"(?P<prefix>.*?)(?<![^\s;])@(?P<key>" + KEY + r")?(?P<locator>.*)", re.S)
PLACEHOLDER = "brief-cite"
TAG_RE = re.compile(r"<[^>]+>")
ESCAPED_RE = re.compile(util.STX + r"(\d+)" + util.ETX)  # a stored backslash escape
# Code, fenced or inline, masked when locating a citation's line in the source.
CODE_RE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]*`", re.S | re.M)
BACK = {"fr": "Retour au texte", "en": "Back to text"}


@dataclass(frozen=True)
class CiteItem:
    """One ``prefix @key locator`` part of a citation."""

    key: str
    prefix: str = ""
    locator: str = ""


@dataclass
class PageState:
    """What one page's conversion found: notes written and problems met."""

    path: str = "<text>"
    source: str = ""
    uses: list[tuple[str, int]] = field(default_factory=list)
    pending: list[list[CiteItem]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _searched: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._prose = CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), self.source)

    def locate(self, raw: str) -> int:
        """Line of the next occurrence of ``raw`` in the page's prose (code is skipped)."""
        start = self._searched.get(raw, 0)
        index = self._prose.find(raw, start)
        if index < 0:
            return 1
        self._searched[raw] = index + len(raw)
        return line_of(self.source, index)

    def report(self, raw: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.locate(raw), message))


def parse_citation(body: str) -> list[CiteItem] | str | None:
    """Items of a citation, an error message, or ``None`` when it is no citation."""
    items: list[CiteItem] = []
    for part in body.split(";"):
        match = ITEM_RE.fullmatch(part.strip())
        if match is None:
            return None if not items else f"'{part.strip()}' has no @key: separate keys with ';'"
        if match["key"] is None:
            return "empty citation key: write [@key] with a key from the .bib files"
        locator = match["locator"].strip().lstrip(",").strip()
        if ITEM_RE.fullmatch(locator) and ITEM_RE.fullmatch(locator)["key"]:
            return f"'{part.strip()}' holds two keys: separate them with ';'"
        items.append(CiteItem(match["key"], " ".join(match["prefix"].split()), locator))
    return items


class CitationInlineProcessor(InlineProcessor):
    """Turns ``[@key]`` into a placeholder element carrying the parsed items."""

    def __init__(self, pattern: str, extension: CitationExtension, md: Markdown) -> None:
        super().__init__(pattern, md)
        self.ext = extension

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[no-untyped-def]
        # Escapes and code spans ran first: their placeholders become plain text again.
        body = ESCAPED_RE.sub(lambda e: chr(int(e[1])), self.unescape(m["body"]))
        parsed = parse_citation(body)
        if parsed is None:
            return None, None, None
        if isinstance(parsed, str):
            self.ext.state.report(m.group(0), f"{parsed} (in {m.group(0)!r})")
            return self._visible_error(m.group(0)), m.start(0), m.end(0)
        unknown = [item.key for item in parsed if item.key not in self.ext.bibliography]
        for key in unknown:
            self.ext.state.report(m.group(0), self.ext.unknown_key_message(key))
        if unknown:
            return self._visible_error(m.group(0)), m.start(0), m.end(0)
        self.ext.state.pending.append(parsed)
        el = etree.Element(
            "span", {"class": PLACEHOLDER, "data-n": str(len(self.ext.state.pending) - 1)}
        )
        return el, m.start(0), m.end(0)

    @staticmethod
    def _visible_error(raw: str) -> etree.Element:
        # Never drop an author's text: a bad citation stays visible and flagged.
        el = etree.Element("span", {"class": "citation-error"})
        el.text = raw
        return el


class UnclosedCitationProcessor(InlineProcessor):
    """Reports ``[@key`` with no closing bracket; the text is left as written."""

    def __init__(self, pattern: str, extension: CitationExtension) -> None:
        super().__init__(pattern)
        self.ext = extension

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[no-untyped-def]
        raw = m.group(0).strip()
        self.ext.state.report(raw, f"unterminated citation {raw[:40]!r}: add the closing ']'")
        return None, None, None


class CitationTreeprocessor(Treeprocessor):
    """Numbers the notes in reading order and writes them at the end of the page."""

    def __init__(self, md: Markdown, extension: CitationExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        notes: list[etree.Element] = []
        previous: list[CiteItem] = []
        seen: set[str] = set()
        for el in [e for e in root.iter("span") if e.get("class") == PLACEHOLDER]:
            number = len(notes) + 1
            items = self.ext.state.pending[int(el.get("data-n", "0"))]
            notes.append(self._note(number, items, previous, seen))
            self._make_call(el, parents[el], number)
            self.ext.state.uses.extend((item.key, number) for item in items)
            seen.update(item.key for item in items)
            previous = items
        if notes and any(d.get("class") == "footnote" for d in root.iter("div")):
            # Both would number notes 1, 2, 3… with the same ids: one list per page.
            self.ext.state.problems.append(
                Problem(
                    self.ext.state.path,
                    1,
                    "this page has both [^footnotes] and citations: "
                    "turn the footnotes into citations or into text",
                )
            )
        if notes:
            div = etree.SubElement(root, "div", {"class": "footnote"})
            etree.SubElement(div, "hr")
            ol = etree.SubElement(div, "ol")
            ol.extend(notes)

    def _note(
        self, number: int, items: list[CiteItem], previous: list[CiteItem], seen: set[str]
    ) -> etree.Element:
        lang = self.ext.lang
        parts = []
        for item in items:
            source = self.ext.bibliography[item.key]
            if len(items) == 1 and len(previous) == 1 and previous[0].key == item.key:
                ibid = vocabulary(lang).ibid
                ref = ibid.lower() if item.prefix else ibid
            elif item.key in seen:
                ref = short_reference(source, lang)
            else:
                ref = full_reference(source, lang)
            prefix = html.escape(item.prefix) + " " if item.prefix else ""
            locator = ", " + html.escape(item.locator) if item.locator else ""
            parts.append(
                f'{prefix}<span class="brief-ref" data-key="{html.escape(item.key)}">'
                f"{ref}</span>{locator}"
            )
        text = _capitalise("; ".join(parts))
        text += "" if plain_text(text).rstrip().endswith((".", "?", "!")) else "."
        li = etree.fromstring(f'<li id="fn:{number}"><p>{text}\u00a0</p></li>')
        back = etree.SubElement(
            li[0],
            "a",
            {
                "class": "footnote-backref",
                "href": f"#fnref:{number}",
                "title": BACK.get(lang, BACK["en"]),
            },
        )
        back.text = "↩"
        return li

    def _make_call(self, el: etree.Element, parent: etree.Element, number: int) -> None:
        # The call sticks to the preceding word: "munitions [@k]." -> "munitions¹."
        index = list(parent).index(el)
        if index == 0:
            parent.text = (parent.text or "").rstrip()
        else:
            sibling = parent[index - 1]
            sibling.tail = (sibling.tail or "").rstrip()
        el.tag, el.attrib = "sup", {"id": f"fnref:{number}"}
        link = etree.SubElement(el, "a", {"class": "footnote-ref", "href": f"#fn:{number}"})
        link.text = str(number)


def plain_text(markup: str) -> str:
    """Markup without its tags, to judge punctuation."""
    return html.unescape(TAG_RE.sub("", markup))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


class CitationExtension(Extension):
    """Citations from a :class:`Bibliography`, formatted in ``lang``."""

    def __init__(self, bibliography: Bibliography, lang: str = "fr", **kwargs: object) -> None:
        self.bibliography = bibliography
        self.lang = lang
        self.state = PageState()
        super().__init__(**kwargs)

    def begin_page(self, path: str, source: str) -> None:
        """Tell the extension which page comes next, for ``file:line`` messages."""
        self.state = PageState(path=path, source=source)

    def unknown_key_message(self, key: str) -> str:
        close = difflib.get_close_matches(key, self.bibliography.keys(), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown citation key '{key}': {hint}add it to a .bib file in bib/ or fix the key"

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")  # so that \@ is a literal at-sign
        # After escapes (180) and code spans (190), before links (160) and references (170).
        md.inlinePatterns.register(
            CitationInlineProcessor(CITATION_PATTERN, self, md), "citation", 175
        )
        md.inlinePatterns.register(
            UnclosedCitationProcessor(UNCLOSED_PATTERN, self), "citation-unclosed", 174
        )
        # After inline processing (20) so that every citation placeholder exists.
        md.treeprocessors.register(CitationTreeprocessor(md, self), "citation-notes", 17)

    def reset(self) -> None:
        self.state = PageState(path=self.state.path, source=self.state.source)
