"""The spaces a language's typography sets around punctuation, applied at render.

French puts a narrow no-break space (U+202F) before ``; : ! ?`` and inside
« », so that a mark never starts a line. The rule is data, not code: each
language file lists the marks that take the space before them
(``space_before``) and after them (``space_after``); English and German list
none. Sources keep whatever space the author typed (or none): the spaces are
set on the element tree, so the site, the notes and the PDF all get them.

Only text is touched, never attributes; code, URLs and Python-Markdown's
placeholders are left as they are, and an element with its own ``lang``
(an English title in a French note) follows its own language's rule.
No maintained library does this on an element tree (SmartyPants-style
filters work on HTML strings and know no language), hence this module.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import cache
from typing import Any

from markdown import Markdown, util
from markdown.treeprocessors import Treeprocessor

from briefkit.core.vocabulary import vocabulary
from briefkit.extensions.context import BriefExtension

NNBSP = "\u202f"
SPACES = " \u00a0\u2009\u202f"  # spaces an author may have typed around a mark
SKIP_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "math", "svg"}
# Text that is not prose: addresses, and placeholders of stashed HTML and escapes.
PLACEHOLDER = util.STX + "[^" + util.ETX + "]*" + util.ETX
PROTECTED_RE = re.compile(r"(?:https?|ftp|mailto):[^\s<>]+|www\.[^\s<>]+|" + PLACEHOLDER)
# Raw HTML that Python-Markdown stashed, and the language an opening tag sets.
STASHED_RE = re.compile(util.STX + r"wzxhzdk:(\d+)" + util.ETX)
TAG_RE = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>\s*$")
LANG_RE = re.compile(r"""\blang=["']?([\w-]+)""")
# Closing characters after which a mark may follow a word without a space.
WORD_END = r"[\w)\]»”’…%°.]"


@cache
def _rules(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, replacement) pairs for ``lang``; none for a language without such spaces."""
    words = vocabulary(lang)
    rules: list[tuple[re.Pattern[str], str]] = []
    before, after = re.escape(words.space_before), re.escape(words.space_after)
    if words.space_before:
        spaced = rf"(?<=\S)[{SPACES}]+(?=[{before}])"
        # A mark ending a word ("signé:" but not "12:30" or "?!").
        bare = rf"(?<={WORD_END})(?=[{before}](?:$|[\s{before}{after}”’)\].,]))"
        rules += [(re.compile(spaced), NNBSP), (re.compile(bare), NNBSP)]
    if words.space_after:
        rules += [
            (re.compile(rf"(?<=[{after}])[{SPACES}]+(?=\S|$)"), NNBSP),
            (re.compile(rf"(?<=[{after}])(?=\w)"), NNBSP),
        ]
    return rules


def space_text(text: str, lang: str, before: str = "") -> str:
    """``text`` with ``lang``'s spaces around punctuation; ``before`` is the text preceding it."""
    rules = _rules(lang)
    if not rules or not text:
        return text
    out, last = [], 0
    for match in PROTECTED_RE.finditer(text):
        out.append(_apply(text[last : match.start()], rules, before + "".join(out)[-1:]))
        out.append(match.group(0))
        last = match.end()
    out.append(_apply(text[last:], rules, before + "".join(out)[-1:]))
    return "".join(out)


def _apply(segment: str, rules: list[tuple[re.Pattern[str], str]], context: str) -> str:
    # The preceding character takes part in the look-behinds, then is cut off again.
    lead = context[-1:]
    result = lead + segment
    for pattern, replacement in rules:
        result = pattern.sub(replacement, result)
    return result[len(lead) :]


class Spacer:
    """Walks an element tree in reading order, spacing every text in its language."""

    def __init__(self, stash: list[object] | None = None) -> None:
        self.stash = stash or []  # Python-Markdown's stashed raw HTML, if any
        self._previous = ""
        self._inline: list[tuple[str, str]] = []  # (tag, lang) of stashed <span lang="…">

    def walk(self, el: etree.Element, lang: str) -> None:
        lang = el.get("lang") or lang
        if el.tag in SKIP_TAGS:
            self._previous = (el.text or "")[-1:] or self._previous
            return
        if el.text:
            el.text = self._space(el.text, lang)
        for child in el:
            self.walk(child, lang)
            if child.tail:
                child.tail = self._space(child.tail, lang)

    def _space(self, text: str, lang: str) -> str:
        out = []
        for index, part in enumerate(STASHED_RE.split(text)):
            if index % 2:  # a stashed raw HTML tag: it may open or close a language
                self._follow(int(part))
                out.append(STASHED_RE.pattern.replace(r"(\d+)", part))
                continue
            current = self._inline[-1][1] if self._inline else lang
            out.append(space_text(part, current, self._previous))
            self._previous = out[-1][-1:] or self._previous
        spaced = "".join(out)
        return type(text)(spaced) if isinstance(text, util.AtomicString) else spaced

    def _follow(self, index: int) -> None:
        """Tracks ``<em lang="en">…</em>`` written as raw HTML in the Markdown."""
        match = TAG_RE.match(str(self.stash[index])) if index < len(self.stash) else None
        if match is None:
            return
        closing, tag, attributes = match.groups()
        if closing and self._inline and self._inline[-1][0] == tag:
            self._inline.pop()
        elif not closing and (lang := LANG_RE.search(attributes)):
            self._inline.append((tag, lang[1]))


def space_html(fragment: str, lang: str) -> str:
    """An HTML fragment (well-formed, e.g. a reference) with ``lang``'s spaces."""
    root = etree.fromstring(f"<div>{fragment}</div>")
    Spacer().walk(root, lang)
    inner = etree.tostring(root, encoding="unicode", method="html")
    return inner[len("<div>") : -len("</div>")]


class TypographyTreeprocessor(Treeprocessor):
    """Sets the page language's spaces around punctuation in every text of the page."""

    def __init__(self, md: Markdown, extension: TypographyExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        Spacer(self.md.htmlStash.rawHtmlBlocks).walk(root, self.ext.context.lang)


class TypographyExtension(BriefExtension):
    """The page language's typographic spaces (options: see ``context``)."""

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # After citations (17), glossary (15), abbreviations (7) and attribute
        # lists (8), so notes and definitions are spaced and "{ .class }" is
        # gone; before the table of contents (5), which copies heading text.
        md.treeprocessors.register(TypographyTreeprocessor(md, self), "typography", 6)


def makeExtension(**kwargs: Any) -> TypographyExtension:
    return TypographyExtension(**kwargs)
