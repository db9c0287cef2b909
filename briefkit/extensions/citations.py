"""Pandoc-style citations (``[@key]``, ``[see @key, p. 3; @other]``) as footnotes.

An :class:`~markdown.inlinepatterns.InlineProcessor` recognises bracketed
citations and leaves a placeholder; a :class:`~markdown.treeprocessors.Treeprocessor`
then walks the page in reading order, numbers the notes and chooses each
reference's form (full on first citation, short afterwards, « Ibid. » when it
repeats the note just before). Notes use the markup of Python-Markdown's
footnotes, so the theme's footnote styling and tooltips apply.
"""

from __future__ import annotations

import dataclasses
import difflib
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

from markdown import Markdown, util
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from briefkit.core.grammar import CITATION_PATTERN, UNCLOSED_PATTERN, CiteItem, parse_citation
from briefkit.core.locate import Locator
from briefkit.core.problems import Problem, report
from briefkit.extensions.context import BriefExtension, protect
from briefkit.style.notes import Cited
from briefkit.style.references import inline_html, note_html

PLACEHOLDER = "brief-cite"
WORD_JOINER = "\u2060"  # no line break on either side (UAX #14, class WJ)
ESCAPED_RE = re.compile(util.STX + r"(\d+)" + util.ETX)  # a stored backslash escape


@dataclass
class PageState:
    """What one page's conversion found: the citations met, in order."""

    path: str = "<text>"
    source: str = ""
    pending: list[list[CiteItem]] = field(default_factory=list)
    uses: list[tuple[str, int]] = field(default_factory=list)  # (key, note) in order
    problems: list[Problem] = field(default_factory=list)
    locator: Locator = field(init=False)

    def __post_init__(self) -> None:
        self.locator = Locator(self.source)

    def locate(self, raw: str) -> int:
        """Line of the next occurrence of ``raw`` in the page's prose (code is skipped)."""
        # What follows a placeholder (an escape, a code span) is not in the source as such.
        return self.locator.line(raw.split(util.STX)[0])

    def report(self, raw: str, message: str) -> None:
        problem = Problem(self.path, self.locate(raw), message)
        self.problems.append(problem)
        report(problem)


# What an inline processor returns: the element (or text) and the span it replaces.
Match = tuple[etree.Element | str | None, int | None, int | None]


class CitationInlineProcessor(InlineProcessor):
    """Turns ``[@key]`` into a placeholder element carrying the parsed items."""

    def __init__(self, pattern: str, extension: CitationExtension, md: Markdown) -> None:
        super().__init__(pattern, md)
        self.ext = extension

    def handleMatch(self, m: re.Match[str], data: str) -> Match:
        # Escapes and code spans ran first: their placeholders become plain text again.
        body = ESCAPED_RE.sub(lambda e: chr(int(e[1])), self.unescape(m["body"]))
        parsed = parse_citation(body)
        if parsed is None:
            return None, None, None
        if isinstance(parsed, str):
            self.ext.start().report(m.group(0), f"{parsed} (in {m.group(0)!r})")
            return self._visible_error(m.group(0)), m.start(0), m.end(0)
        unknown = [item.key for item in parsed if item.key not in self.ext.bibliography]
        for key in unknown:
            self.ext.start().report(m.group(0), self.ext.unknown_key_message(key))
        if unknown:
            return self._visible_error(m.group(0)), m.start(0), m.end(0)
        # A key of an entry's ids field is another name for it: notes use the entry's own.
        bib = self.ext.bibliography
        parsed = [dataclasses.replace(item, key=bib.canonical_key(item.key)) for item in parsed]
        self.ext.start().pending.append(parsed)
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

    def handleMatch(self, m: re.Match[str], data: str) -> Match:
        raw = m.group(0).strip()
        self.ext.start().report(raw, f"unterminated citation {raw[:40]!r}: add the closing ']'")
        # The bracket stays as written, as text: link patterns, which would look
        # for its closing bracket to the paragraph's end, never see it.
        return "[", m.start(0), m.start(0) + 1


class CitationTreeprocessor(Treeprocessor):
    """Numbers the notes in reading order and writes them at the end of the page."""

    def __init__(self, md: Markdown, extension: CitationExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        places = places_of(root)
        notes: list[etree.Element] = []
        previous: list[CiteItem] = []
        seen: set[str] = set()
        for el in [e for e in root.iter("span") if e.get("class") == PLACEHOLDER]:
            number = len(notes) + 1
            items = self.ext.state.pending[int(el.get("data-n", "0"))]
            notes.append(self._note(number, items, previous, seen))
            self._make_call(el, places[el], number)
            self.ext.state.uses.extend((item.key, number) for item in items)
            seen.update(item.key for item in items)
            previous = items
        if notes and any(d.get("class") == "footnote" for d in root.iter("div")):
            # Both would number notes 1, 2, 3… with the same ids: one list per page.
            problem = Problem(
                self.ext.start().path,
                1,
                "this page has both [^footnotes] and citations: "
                "turn the footnotes into citations or into text",
            )
            self.ext.start().problems.append(problem)
            report(problem)
        if notes:
            div = etree.SubElement(root, "div", {"class": "footnote"})
            etree.SubElement(div, "hr")
            ol = etree.SubElement(div, "ol")
            ol.extend(notes)
            protect(div)  # references are final: no glossary link inside a note

    def _note(
        self, number: int, items: list[CiteItem], previous: list[CiteItem], seen: set[str]
    ) -> etree.Element:
        context = self.ext.context
        words = context.words
        cited = []
        for item in items:
            source = self.ext.bibliography[item.key]
            if len(items) == 1 and len(previous) == 1 and previous[0].key == item.key:
                form = "ibid"
            else:
                form = "short" if item.key in seen else "full"
            cited.append(Cited(source, form, item.prefix, item.locator))
        text = note_html(cited, context.lang)
        cites = html.escape(" ".join(dict.fromkeys(item.key for item in items)))
        li = etree.fromstring(f'<li id="fn:{number}" data-cites="{cites}"><p>{text}\u00a0</p></li>')
        back = etree.SubElement(
            li[0],
            "a",
            {"class": "footnote-backref", "href": f"#fnref:{number}", "title": words.back_to_text},
        )
        back.text = words.term("back-mark")
        return li

    def _make_call(self, el: etree.Element, place: Place, number: int) -> None:
        make_call(el, place, {"id": f"fnref:{number}"}, f"#fn:{number}", str(number))


# An element's parent and the sibling before it (None for a first child).
Place = tuple[etree.Element, etree.Element | None]


def places_of(root: etree.Element) -> dict[etree.Element, Place]:
    """Every element's :data:`Place`, found in one walk (not one search per note)."""
    places: dict[etree.Element, Place] = {}
    for parent in root.iter():
        previous = None
        for child in parent:
            places[child] = (parent, previous)
            previous = child
    return places


def make_call(
    el: etree.Element,
    place: Place,
    attrib: dict[str, str],
    href: str,
    mark: str,
    link_class: str = "footnote-ref",
) -> None:
    """Turn the placeholder ``el`` into a note call: a raised link to ``href``.

    The call sticks to the preceding word ("munitions [@k]." -> "munitions¹."),
    in Chinese and Japanese too, where a line may break between any two
    characters: the link's text opens with a word joiner (U+2060, invisible,
    out of the search index with the call). The text after the placeholder
    (its tail) is the author's and stays.
    """
    parent, sibling = place
    if sibling is None:
        parent.text = (parent.text or "").rstrip()
    else:
        sibling.tail = (sibling.tail or "").rstrip()
    tail = el.tail
    el.clear()
    el.tag, el.tail = "sup", tail
    el.attrib.update(attrib)
    link = etree.SubElement(el, "a", {"class": link_class, "href": href})
    link.text = AtomicString(WORD_JOINER + mark)


class CitationExtension(BriefExtension):
    """Citations of the brief's ``.bib`` files as numbered notes (options: see ``context``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = PageState()

    def reset(self) -> None:
        super().reset()
        self.state = PageState()

    def start(self) -> PageState:
        """The page's state, named after the page at the conversion's first citation."""
        context = self.context
        if (self.state.path, self.state.source) != (context.path, context.source):
            self.state = PageState(path=context.path, source=context.source)
        return self.state

    def inline_reference(self, items: list[CiteItem]) -> str:
        """Full references of ``items`` as HTML, for a citation written out in running text."""
        cited = [
            Cited(self.bibliography[item.key], "full", item.prefix, item.locator) for item in items
        ]
        return inline_html(cited, self.context.lang)

    def unknown_key_message(self, key: str) -> str:
        broken = self.bibliography.broken.get(key)
        if broken:
            return f"citation of '{key}', whose entry at {broken} has errors: fix that entry"
        close = difflib.get_close_matches(key, self.bibliography.keys(), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        if self.bibliography.empty:  # perhaps the entry belonged in a file left empty
            hint += f"({', '.join(self.bibliography.empty)} has no entries) "
        unreadable = getattr(self.bibliography, "unreadable", [])
        if unreadable:  # perhaps it is the entry that could not be read
            shown = ", ".join(unreadable[:3]) + (", …" if len(unreadable) > 3 else "")
            hint += f"(the entries at {shown} cannot be read) "
        return f"unknown citation key '{key}': {hint}add it to a .bib file in bib/ or fix the key"

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
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


def makeExtension(**kwargs: Any) -> CitationExtension:
    return CitationExtension(**kwargs)
