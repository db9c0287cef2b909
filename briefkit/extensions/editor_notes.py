"""Editors' notes: ``^[ed: text]``, the editors' word beside the author's text.

An editor's note corrects or completes a statement without changing the
author's words: « ^[ed: L'accord-cadre fut signé le 21 octobre 1994
[@aca2016agreed].] ». It is numbered apart from the author's source notes
(a, b, c…), opens with the language's label (« N.d.É. », "Ed."), and any
citation inside it is written out in the note itself, in parentheses, instead
of becoming a numbered note. The site shows it as a second list of notes
with hover previews; the PDF prints it at the foot of the page.
"""

from __future__ import annotations

import html
import re
import string
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, util
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from briefkit.core.grammar import EDITOR_NOTE_START, closing_bracket
from briefkit.core.problems import Problem, report
from briefkit.extensions.citations import (
    PLACEHOLDER,
    CitationExtension,
    Match,
    Place,
    make_call,
    places_of,
)
from briefkit.extensions.context import BriefExtension, protect

MARK = "brief-editor-placeholder"
START = EDITOR_NOTE_START  # the old name; the syntax is core.grammar's


def mark(number: int) -> str:
    """The note's mark: a … z, then aa, ab…"""
    letters = string.ascii_lowercase
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = letters[rest] + text
    return text


class EditorNoteInlineProcessor(InlineProcessor):
    """``^[ed: …]`` becomes a placeholder holding the note's text (converted further)."""

    def __init__(self, extension: EditorNoteExtension, md: Markdown) -> None:
        super().__init__(EDITOR_NOTE_START, md)
        self.ext = extension
        self.visited = 0  # characters read looking for closing brackets, for tests of the cost

    def handleMatch(self, m: re.Match[str], data: str) -> Match:
        end, read = closing_bracket(data, m.end())
        self.visited += read
        if end < 0:
            self.ext.problem(m, data, "unterminated editor's note: add the closing ']'")
            # Left as written, as text: link patterns never look for its closing bracket.
            return m.group(0), m.start(0), m.end(0)
        body = data[m.end() : end].strip()
        if not body:
            self.ext.problem(m, data, "empty editor's note: write ^[ed: the note's text]")
            return None, None, None
        el = etree.Element("span", {"class": MARK})
        el.text = body
        return el, m.start(0), end + 1


class EditorNoteTreeprocessor(Treeprocessor):
    """Marks the notes a, b, c… and lists them after the page, with the editors' label."""

    def __init__(self, md: Markdown, extension: EditorNoteExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        places = places_of(root)
        placeholders = [e for e in root.iter("span") if e.get("class") == MARK]
        if not placeholders:
            return
        citations = self.ext.citations()
        notes = []
        for number, el in enumerate(placeholders, 1):
            keys = self._inline_citations(el, citations)
            notes.append(self._note(number, el, keys))
            self._make_call(el, places[el], number)
        div = etree.Element("div", {"class": "footnote brief-editor-notes"})
        self.ext.pending_list = div  # placed after the author's notes (see EditorNoteListProcessor)
        etree.SubElement(div, "hr")
        title = etree.SubElement(div, "p", {"class": "brief-editor-notes-title"})
        title.text = self.ext.context.words.editor_note_title
        ol = etree.SubElement(div, "ol", {"type": "a"})
        ol.extend(notes)
        protect(div)  # the editors' words: no glossary link inside a note

    def _inline_citations(
        self, note: etree.Element, citations: CitationExtension | None
    ) -> list[str]:
        """Citations inside the note, written out in parentheses; their keys."""
        keys: list[str] = []
        for el in [e for e in note.iter("span") if e.get("class") == PLACEHOLDER]:
            if citations is None:
                continue
            items = citations.state.pending[int(el.get("data-n", "0"))]
            ref = citations.inline_reference(items)
            replacement = etree.fromstring(f"<span>({ref})</span>")
            el.attrib.clear()
            el.set("class", "brief-editor-source")
            el.text, el[:] = replacement.text, list(replacement)
            keys += [item.key for item in items]
        return keys

    def _note(self, number: int, el: etree.Element, keys: list[str]) -> etree.Element:
        words = self.ext.context.words
        li = etree.Element(
            "li",
            {"id": f"ed:{number}", "class": "brief-editor-note", "data-mark": mark(number)},
        )
        if keys:
            li.set("data-editor-cites", " ".join(dict.fromkeys(keys)))
        paragraph = etree.SubElement(li, "p")
        label = etree.SubElement(paragraph, "span", {"class": "brief-editor-label"})
        label.text = words.editor_note_label
        label.tail = "\u00a0" + (el.text or "")
        paragraph.extend(list(el))
        back = etree.SubElement(
            paragraph,
            "a",
            {"class": "footnote-backref", "href": f"#edref:{number}", "title": words.back_to_text},
        )
        back.text = "↩"
        before_back = paragraph[-2]  # the label, or the note's last element
        before_back.tail = (before_back.tail or "").rstrip() + "\u00a0"
        return li

    @staticmethod
    def _make_call(el: etree.Element, place: Place, number: int) -> None:
        attrib = {"id": f"edref:{number}", "class": "brief-editor-call"}
        make_call(el, place, attrib, f"#ed:{number}", mark(number), "footnote-ref brief-editor-ref")


class EditorNoteListProcessor(Treeprocessor):
    """Appends the editors' notes after the author's notes."""

    def __init__(self, md: Markdown, extension: EditorNoteExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        if self.ext.pending_list is not None:
            root.append(self.ext.pending_list)
            self.ext.pending_list = None


class EditorNoteExtension(BriefExtension):
    """Editors' notes, numbered a, b, c… apart from the author's notes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending_list: etree.Element | None = None

    def reset(self) -> None:
        super().reset()
        self.pending_list = None

    def citations(self) -> CitationExtension | None:
        """The citation extension of the same conversion, for citations inside notes."""
        assert self.md is not None
        found = [e for e in self.md.registeredExtensions if isinstance(e, CitationExtension)]
        return found[0] if found else None

    def problem(self, m: re.Match[str], data: str, message: str) -> None:
        """Report a problem of the note ``m`` found in ``data``, at its line."""
        context, raw = self.context, m.group(0)
        # The note's start and the words after it, as far as they are the source's own.
        needle = re.split(f"[\n{util.STX}]", data[m.start() : m.end() + 30])[0]
        line = context.locator.line(needle)
        report(Problem(context.path, line, f"{message} (in {html.unescape(raw)!r})"))

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Before citations (175), so that a citation inside a note stays inside it.
        md.inlinePatterns.register(EditorNoteInlineProcessor(self, md), "editor-note", 176)
        # Before the citation notes (17), which must not number the notes' own citations.
        md.treeprocessors.register(EditorNoteTreeprocessor(md, self), "editor-notes", 17.5)
        md.treeprocessors.register(EditorNoteListProcessor(md, self), "editor-notes-list", 16.9)


def makeExtension(**kwargs: Any) -> EditorNoteExtension:  # Python-Markdown's name
    return EditorNoteExtension(**kwargs)
