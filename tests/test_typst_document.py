"""An edition as one Typst document: cover words, and the second try for parted notes."""

from __future__ import annotations

import datetime as dt

from briefkit.assembly.assemble import AssembledEdition, assemble
from briefkit.core.editions import load_publication
from briefkit.core.htmltree import parse_html
from briefkit.pdf.fonts import FontSettings
from briefkit.pdf.print_tree import PrintPage
from briefkit.pdf.typst_document import Typeset, cover_of
from briefkit.pdf.typst_writer import label_name
from tests.conftest import ROOT


def test_cover_gives_when_written_and_this_edition() -> None:
    assembled = assemble(load_publication(ROOT).edition("fr"))
    home = {"title": "T", "date": dt.date(2026, 11, 27), "written": "2023-10"}
    cover = cover_of(assembled, home)
    assert cover.dates == ["Rédigé en octobre 2023", "Édition du 27 novembre 2026"]
    assert cover.language == "français"  # CLDR: the name as the language writes it
    assert cover.publisher.startswith("Note d’analyse")


def test_the_cover_shows_the_home_heading_and_its_page_does_not() -> None:
    html = '<h1 id="index--t">Title, <span class="brief-subtitle">the rest</span></h1><p>x</p>'
    typeset = typeset_of({"index.md": html})
    assert typeset.title is not None and "".join(typeset.title.itertext()) == "Title, the rest"
    assert [el.tag for el in typeset.trees[0]] == ["p"]


def test_a_parted_note_in_a_paragraph_starts_a_page_one_in_a_list_loosens_first() -> None:
    html = (
        '<p>a<span class="brief-note" id="p--fn:1">n</span></p>'
        '<ul><li>b<span class="brief-note" id="p--fn:2">n</span></li></ul>'
    )
    typeset = typeset_of({"p.md": html})
    paragraph, item = label_name("p--fn:1"), label_name("p--fn:2")
    assert typeset.remedy(frozenset({paragraph, item}))
    assert (typeset.kept, typeset.loose) == ({paragraph}, {item})
    assert typeset.remedy(frozenset({item}))  # still parted: its list starts a page
    assert typeset.kept == {paragraph, item}
    assert not typeset.remedy(frozenset({item}))  # nothing left to try


def typeset_of(pages: dict[str, str]) -> Typeset:
    printed = [PrintPage(src, {}, src, html) for src, html in pages.items()]
    fonts = FontSettings((), ())
    assembled: AssembledEdition = None  # type: ignore[assignment]  # not read by these
    return Typeset(assembled, printed, [parse_html(p.body) for p in printed], fonts)
