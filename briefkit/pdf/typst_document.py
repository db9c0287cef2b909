"""An edition as one Typst document: settings, cover, contents, then every page.

The pages come as print trees (:mod:`briefkit.pdf.print_tree`); each is written
by :mod:`briefkit.pdf.typst_writer` behind a ``#chapter`` call of ``brief.typ``,
the design this module puts in front of them. The cover and the document's
metadata come from the home page's front matter, the configuration and the
edition's vocabulary.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.assembly.assemble import AssembledEdition
from briefkit.content.authors import brief_authors, natural_form
from briefkit.content.dates import BriefDates
from briefkit.content.frontmatter import HOME
from briefkit.content.identity import BriefIdentity
from briefkit.core.editions import Edition
from briefkit.core.locate import locate
from briefkit.core.problems import Problem, relpath
from briefkit.core.vocabulary import base_language
from briefkit.pdf.fonts import FontSettings, default_settings, glyph_problems
from briefkit.pdf.print_tree import PrintPage, slug
from briefkit.pdf.typst_writer import (
    TypstWriter,
    anchors_of,
    arguments,
    escape,
    label,
    notes_in,
    string,
)
from briefkit.pdf.xmp import Identity

TEMPLATE = Path(__file__).with_name("brief.typ")
NESTING = frozenset({"dl", "ol", "ul", "table", "div", "blockquote"})  # blocks of blocks


@dataclass
class Cover:
    """What the cover and the document's metadata say, in the edition's words."""

    title: str
    author: str
    description: str
    keywords: list[str]
    dates: list[str]
    language: str
    publisher: str
    running: str


def identity_of(assembled: AssembledEdition, home: dict[str, object]) -> BriefIdentity:
    """The brief's identity for this edition (the cite files' own reading of it)."""
    edition = assembled.edition
    publisher = str(assembled.plugin.publisher.get(edition.lang, ""))
    return BriefIdentity.from_meta(home, edition.site_url, edition.lang, edition.raw, publisher)


def cover_of(assembled: AssembledEdition, home: dict[str, object]) -> Cover:
    """The cover: title, author, when it was written and this edition's date, language."""
    identity, words = identity_of(assembled, home), assembled.edition.words
    return Cover(
        title=identity.title,
        author=identity.author,
        description=identity.description,
        keywords=list(identity.keywords),
        dates=identity.dates.lines(words),
        language=words.language_name,
        publisher=identity.publisher,
        running=identity.site_name,
    )


def xmp_identity_of(assembled: AssembledEdition) -> Identity:
    """What the PDF's XMP says of the brief: the cover's title, authors and publisher."""
    home = assembled.pages[HOME].meta
    cover = cover_of(assembled, home)
    return Identity(
        title=cover.title,
        authors=tuple(natural_form(a) for a in brief_authors(home.get("author") or cover.author)),
        date=BriefDates.from_meta(home).edition,
        language=assembled.edition.tag,
        publisher=cover.publisher,
    )


def font_settings(assembled: AssembledEdition) -> FontSettings:
    """The fonts the edition's configuration names (folders relative to it), else fonts.yml's."""
    edition = assembled.edition
    where = relpath(edition.config_file)
    automatic = default_settings(edition.lang, where)
    dirs, families = list(assembled.plugin.pdf_font_dirs), list(assembled.plugin.pdf_fonts)
    if not dirs and not families:
        return automatic
    base = edition.config_file.parent
    return FontSettings(
        tuple((base / str(d)).resolve() for d in dirs) or automatic.dirs,
        tuple(str(f) for f in families) or automatic.families,
        where,
    )


def front(edition: Edition, cover: Cover, fonts: FontSettings, title: str = "") -> str:
    """The document's settings, cover and table of contents, as Typst calls.

    ``title`` is the cover's title as markup (the home page's heading, subtitle
    included); the metadata's title is the front matter's.
    """
    settings = arguments(
        lang=base_language(edition.lang),
        dir=edition.words.direction,
        fonts=fonts.for_lang(edition.lang),
        title=cover.title,
        author=cover.author,
        description=cover.description,
        keywords=cover.keywords,
        running=cover.running,
    )
    page = arguments(
        author=cover.author,
        dates=cover.dates,
        language=cover.language,
        publisher=cover.publisher,
    )
    return (
        f"#show: brief.with({settings})\n#cover([{title or escape(cover.title)}], {page})\n"
        f"#contents({string(edition.words.toc_heading)})\n"
    )


@dataclass
class Typeset:
    """An edition ready to typeset: its pages as trees, and how to write them."""

    assembled: AssembledEdition
    pages: list[PrintPage]
    trees: list[etree.Element]
    fonts: FontSettings
    loose: frozenset[str] = frozenset()  # notes whose block may leave a widow
    kept: frozenset[str] = frozenset()  # notes whose block starts a page
    title: etree.Element | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        # The home page's heading goes on the cover, not on a page of its own.
        for page, tree in zip(self.pages, self.trees, strict=True):
            heading = next((el for el in tree if el.tag == "h1"), None)
            if page.src == HOME and heading is not None:
                tree.remove(heading)
                self.title = heading

    def source(self) -> tuple[str, list[Problem]]:
        """The edition's Typst source, and what cannot be printed as it stands."""
        assembled = self.assembled
        cover = cover_of(assembled, assembled.pages[HOME].meta)
        writer = TypstWriter(
            assembled.edition.config_file.parent.resolve(),
            anchors_of(self.trees) | {slug(page.src) for page in self.pages},
            loose=self.loose,
            kept=self.kept,
            lang=assembled.edition.lang,
            fonts_for=self.fonts.for_lang,
        )
        title = writer.content(self.title).strip() if self.title is not None else ""
        parts = [front(assembled.edition, cover, self.fonts, title)]
        problems, headless = [], False
        for page, tree in zip(self.pages, self.trees, strict=True):
            heading = next(tree.iter("h1"), None)
            running = "".join(heading.itertext()) if heading is not None else ""
            anchor = f"[#metadata(none){label(slug(page.src))}]"
            layout = arguments(new_page=not headless)  # a page without a heading runs on
            writer.shift, writer.problems = int(bool(assembled.glossary.by_page(page.src))), []
            parts.append(f"\n#chapter({string(running)}, {anchor}, {layout})\n{writer.page(tree)}")
            source = assembled.pages[page.src]
            problems += [
                Problem(source.where, locate(source.text, needle, code=True), message)
                for needle, message in writer.problems
            ]
            headless = heading is None
        return TEMPLATE.read_text(encoding="utf-8") + "".join(parts), problems

    def remedy(self, parted: frozenset[str]) -> bool:
        """Typeset the blocks of notes Typst parted from their call differently next time.

        A paragraph of the page starts a new page; a note deeper down (in a
        list, a definition) first loses its paragraph's widow and orphan
        control, then, if still parted, its top-level block starts a new page.
        Returns whether anything is left to try.
        """
        nested = {
            note
            for tree in self.trees
            for child in tree
            if child.tag in NESTING
            for note in notes_in(child)
        }
        kept = {note for note in parted if note in self.loose or note not in nested}
        loose = set(parted) - kept
        changed = not (kept <= self.kept and loose <= self.loose)
        self.kept, self.loose = self.kept | kept, self.loose | loose
        return changed

    def glyph_problems(self) -> list[Problem]:
        """Characters of the text, the cover's included, that no configured font draws."""
        texts = {}
        for page, tree in zip(self.pages, self.trees, strict=True):
            source = self.assembled.pages[page.src]
            texts[str(source.path)] = ("".join(tree.itertext()), source.text)
        home = self.assembled.pages[HOME]
        cover = cover_of(self.assembled, home.meta)
        title = "".join(self.title.itertext()) if self.title is not None else ""
        words = [title, cover.author, *cover.dates, cover.language, cover.publisher, cover.running]
        words.append(self.assembled.edition.words.toc_heading)
        printed = texts.get(str(home.path), ("", ""))[0]
        texts[str(home.path)] = (printed + " ".join(words), home.text)
        return glyph_problems(texts, self.fonts)
