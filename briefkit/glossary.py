"""The glossary: terms defined in their pages' front matter, linked from the text.

A term page is any page whose front matter has a ``glossary`` mapping
(``term``, ``names``, ``aliases``, ``definition``): that one place feeds the
page, the hover text, the index and the PDF. The tree processor, on the model
of Python-Markdown's ``abbr.py``, builds one regular expression of every alias,
longest first, bounded so that a term inside another word is never matched,
and links the first occurrence of each term per page.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from briefkit.parity import split_front_matter
from briefkit.problems import Problem, line_of, relpath

REQUIRED = ("term", "names", "aliases", "definition")
INDEX_MARKER = "[GLOSSARY]"
# Never link inside these: headings, links, code, notes, abbreviations.
SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "sup", "script"}
SKIP_CLASSES = {"footnote", "brief-bibliography", "brief-glossary", "brief-mentioned-in"}
MENTIONED = {"fr": "Mentionné dans\u00a0:", "en": "Mentioned in:"}
MENTION_RE = re.compile(r'<div class="brief-mentioned-in" data-term="([^"]+)"></div>')


@dataclass(frozen=True)
class Term:
    """One glossary entry, as written in its page's front matter."""

    term: str
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    definition: str
    page: str  # source path relative to docs_dir, e.g. "glossaire/quad.md"
    path: str  # repository-relative path, for messages
    line: int

    @property
    def slug(self) -> str:
        return posixpath.splitext(posixpath.basename(self.page))[0]


@dataclass
class Glossary:
    """Every term of one edition."""

    terms: list[Term] = field(default_factory=list)

    def by_page(self, page: str) -> Term | None:
        return next((t for t in self.terms if t.page == page), None)


def read_term(path: Path, docs_dir: Path) -> tuple[Term | None, list[Problem]]:
    """The term defined by ``path``, if it is a glossary page, and its problems."""
    text = path.read_text(encoding="utf-8")
    where = relpath(path)
    try:
        meta = split_front_matter(text)[0]
    except yaml.YAMLError as err:
        error = " ".join(str(err).split())
        return None, [Problem(where, 1, f"front matter is not valid YAML ({error}): fix it")]
    if "glossary" not in meta:
        return None, []
    key = re.search(r"^glossary:", text, re.M)
    line = line_of(text, key.start()) if key else 1
    entry = meta["glossary"]
    if not isinstance(entry, dict):
        return None, [
            Problem(where, line, "glossary: must be a mapping with " + ", ".join(REQUIRED))
        ]
    missing = [k for k in REQUIRED if not str(entry.get(k) or "").strip()]
    if missing:
        msg = f"glossary entry lacks {', '.join(missing)}: add them to the front matter"
        return None, [Problem(where, line, msg)]
    names, aliases = _strings(entry["names"]), _strings(entry["aliases"])
    term = Term(
        str(entry["term"]),
        names,
        aliases,
        " ".join(str(entry["definition"]).split()),
        path.relative_to(docs_dir).as_posix(),
        where,
        line,
    )
    return term, []


def _strings(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(v) for v in items if str(v).strip())


def load_glossary(docs_dir: Path) -> tuple[Glossary, list[Problem]]:
    """Every term page of ``docs_dir``, with duplicate terms and aliases reported."""
    glossary, problems = Glossary(), []
    owners: dict[str, Term] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        term, found = read_term(path, docs_dir)
        problems.extend(found)
        if term is None:
            continue
        for alias in {term.term, *term.aliases}:
            if alias in owners:
                first = owners[alias]
                problems.append(
                    Problem(
                        term.path,
                        term.line,
                        f"'{alias}' is already defined by "
                        f"{first.path}:{first.line}: keep one definition",
                    )
                )
            owners[alias] = term
        glossary.terms.append(term)
    return glossary, problems


def collation_key(text: str) -> str:
    """Alphabetical order that files « État » under E, as dictionaries do."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def alias_pattern(terms: list[Term]) -> re.Pattern[str] | None:
    """One regex of every alias, longest first, not inside a longer word."""
    aliases = sorted({a for t in terms for a in (*t.aliases, t.term)}, key=len, reverse=True)
    if not aliases:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, aliases)) + r")(?![\w-])")


class GlossaryTreeprocessor(Treeprocessor):
    """Links the first occurrence per page of each term to its glossary page."""

    def __init__(self, md: Markdown, extension: GlossaryExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        ext = self.ext
        own = ext.glossary.by_page(ext.page)
        self.terms = {
            a: t for t in ext.glossary.terms if t is not own for a in (*t.aliases, t.term)
        }
        self.pattern = alias_pattern([t for t in ext.glossary.terms if t is not own])
        self.done: set[str] = set()
        if self.pattern is not None:
            self._walk(root)
        self._markers(root, own)

    def _walk(self, el: etree.Element) -> None:
        # Reading order: the element's own text, then each child and its tail.
        self._link_in(el, None, "text")
        for child in list(el):
            skip = child.tag in SKIP_TAGS or set((child.get("class") or "").split()) & SKIP_CLASSES
            if not skip:
                self._walk(child)
            self._link_in(el, child, "tail")

    def _link_in(self, parent: etree.Element, child: etree.Element | None, attr: str) -> None:
        holder = parent if child is None else child
        text = getattr(holder, attr) or ""
        match = self._first_new(text)
        if match is None:
            return
        term = self.terms[match[1]]
        self.done.add(term.page)
        self.ext.mentions.append(term.page)
        link = etree.Element(
            "a",
            {
                "href": self.ext.href(term),
                "title": term.definition,
                "class": "brief-term",
                "id": f"term-{term.slug}",
            },
        )
        link.text, link.tail = match[1], text[match.end() :]
        setattr(holder, attr, text[: match.start()])
        index = 0 if child is None else list(parent).index(child) + 1
        parent.insert(index, link)
        self._link_in(parent, link, "tail")

    def _first_new(self, text: str) -> re.Match[str] | None:
        assert self.pattern is not None
        for match in self.pattern.finditer(text):
            if self.terms[match[1]].page not in self.done:
                return match
        return None

    def _markers(self, root: etree.Element, own: Term | None) -> None:
        for index, el in enumerate(list(root)):
            if el.tag == "p" and len(el) == 0 and (el.text or "").strip() == INDEX_MARKER:
                root.remove(el)
                root.insert(index, self._index_list())
        if own is not None:
            etree.SubElement(root, "div", {"class": "brief-mentioned-in", "data-term": own.page})

    def _index_list(self) -> etree.Element:
        dl = etree.Element("dl", {"class": "brief-glossary"})
        for term in sorted(self.ext.glossary.terms, key=lambda t: collation_key(t.term)):
            dt = etree.SubElement(dl, "dt")
            link = etree.SubElement(dt, "a", {"href": self.ext.href(term)})
            link.text = term.term
            etree.SubElement(dl, "dd").text = term.definition
        return dl


class GlossaryExtension(Extension):
    """Glossary linking for one edition; ``begin_page`` names the page converted next."""

    def __init__(self, glossary: Glossary, lang: str = "fr", **kwargs: object) -> None:
        self.glossary, self.lang = glossary, lang
        self.page = ""
        self.mentions: list[str] = []
        super().__init__(**kwargs)

    def begin_page(self, page: str) -> None:
        self.page, self.mentions = page, []

    def href(self, term: Term) -> str:
        """Link to the term's page, relative to the current page's source file."""
        return posixpath.relpath(term.page, posixpath.dirname(self.page) or ".")

    def extendMarkdown(self, md: Markdown) -> None:
        # After citations (17) and the bibliography (16): notes exist and are skipped.
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 15)


def fill_mentions(
    page_html: str,
    mentions: dict[str, list[tuple[str, str]]],
    lang: str,
    target: Callable[[str, str], str],
) -> str:
    """Fill a term page's "mentioned in" placeholder; ``target(page_url, anchor)`` makes hrefs."""

    def replace(match: re.Match[str]) -> str:
        term_page = html.unescape(match[1])
        places = mentions.get(term_page, [])
        if not places:
            return ""
        slug = posixpath.splitext(posixpath.basename(term_page))[0]
        items = "".join(
            f'<li><a href="{html.escape(target(url, "term-" + slug))}">'
            f"{html.escape(title)}</a></li>"
            for url, title in places
        )
        return (
            f'<div class="brief-mentioned-in"><p>{MENTIONED.get(lang, "Mentioned in:")}</p>'
            f"<ul>{items}</ul></div>"
        )

    return MENTION_RE.sub(replace, page_html)
