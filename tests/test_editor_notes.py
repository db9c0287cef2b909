"""Editors' notes: ``^[ed: …]`` is the editors' word, apart from the author's notes."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from briefkit.bib.reader import Bibliography, Source
from briefkit.content.parity import check_parity
from briefkit.core.problems import collect
from briefkit.extensions import BriefExtensions
from briefkit.pdf.print_tree import PrintContext, PrintExtension
from tests.conftest import ROOT

BIB = Bibliography.from_sources(
    [Source("doe2020", "misc", {"title": "Atlas", "year": "2020"}, {}, "bib/t.bib", 1)]
)


def convert(text: str, lang: str = "fr", *extra: object) -> tuple[str, list[str]]:
    brief = BriefExtensions(bibliography=BIB, lang=lang)
    brief.begin_page("docs/fr/p.md", text, "p.md")
    with collect() as problems:
        html = markdown.Markdown(extensions=["attr_list", brief, *extra]).convert(text)
    return html, [p.editor() for p in problems]


def test_a_note_gets_a_letter_call_and_its_own_list_after_the_author_s_notes() -> None:
    html, problems = convert("En 1993 ^[ed: En 1994.] puis [@doe2020] et ^[ed: Autre.] fin.")
    assert problems == []
    assert re.findall(r'<sup class="brief-editor-call" id="edref:(\d)">', html) == ["1", "2"]
    assert '<a class="footnote-ref brief-editor-ref" href="#ed:1">\u2060a</a>' in html
    assert '<a class="footnote-ref brief-editor-ref" href="#ed:2">\u2060b</a>' in html
    assert html.index('<div class="footnote">') < html.index("brief-editor-notes")
    assert '<p id="p-1">En 1993<sup' in html  # the call sticks to the word, the text goes on
    assert "</sup> puis<sup" in html
    assert '<p class="brief-editor-notes-title">Notes de la rédaction</p>' in html
    assert re.search(r'<span class="brief-editor-label">N\.d\.É\.</span>\u00a0En 1994\.', html)
    assert 'href="#fn:1"' in html  # the author's note keeps number 1


def test_english_label_and_title() -> None:
    html, _ = convert("In 1993 ^[ed: In 1994.].", "en")
    assert '<span class="brief-editor-label">Ed.</span>\u00a0In 1994.' in html
    assert "Editors’ notes" in html


def test_a_citation_inside_a_note_is_written_out_not_numbered() -> None:
    html, problems = convert("Texte ^[ed: Voir la carte [@doe2020, p. 3].] suite.")
    assert problems == []
    assert 'class="footnote-ref" href="#fn:' not in html  # no author's note was made
    assert re.search(
        r'<span class="brief-editor-source">\(<span class="brief-ref" data-key="doe2020">'
        r"[^<]*Atlas[^<]*</span>, p\. 3\)</span>",
        html,
    )
    assert 'data-editor-cites="doe2020"' in html


def test_markup_inside_a_note_is_markdown_and_text_stays_text() -> None:
    html, _ = convert("A ^[ed: *vu* <script>x</script> [lien](https://example.org).] b")
    assert "<em>vu</em>" in html
    assert '<a href="https://example.org" rel="noopener">lien</a>' in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Texte ^[ed: jamais fermée.\n\nSuite.", "unterminated editor's note"),
        ("Texte ^[ed: ] suite.", "empty editor's note"),
    ],
)
def test_broken_notes_are_reported_and_the_text_kept(text: str, message: str) -> None:
    html, problems = convert(text)
    assert len(problems) == 1 and message in problems[0]
    assert problems[0].startswith("docs/fr/p.md:1:1: error:")
    assert "^[ed" in html  # as written (typography may space the colon)


def test_print_moves_editor_notes_to_their_call_with_their_mark() -> None:
    context = PrintContext(["p.md"], current="p.md")
    html, _ = convert("A ^[ed: Une note.] et [@doe2020].", "fr", PrintExtension(context))
    # The serializer writes attributes in name order.
    assert (
        '<p id="p--p-1">A<span class="brief-note brief-editor-note" data-mark="a" id="p--ed:1">'
        '<span class="brief-editor-label">N.d.É.</span>\u00a0Une note.</span> et'
    ) in html
    assert "brief-editor-notes" not in html  # the list is gone: every note is at its call
    assert '<span class="brief-note" data-cites="doe2020" id="p--fn:1">' in html


def test_parity_counts_editor_notes_per_paragraph(tmp_path: Path) -> None:
    for lang, text in (("fr", "A ^[ed: n.] b.\n"), ("en", "A b.\n")):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "p.md").write_text(text, encoding="utf-8")
    (problem,) = check_parity([("fr", tmp_path / "fr"), ("en", tmp_path / "en")])
    assert "0 editors' note(s) but" in problem.message and problem.line == 1


def test_the_brief_s_editor_notes_are_in_both_editions(site: Path) -> None:
    for sub, label in (("", "N.d.É."), ("en", "Ed.")):
        page = (site / sub / "partenariat-inegal" / "index.html").read_text(encoding="utf-8")
        assert page.count('class="brief-editor-call"') == 5
        assert f'<span class="brief-editor-label">{label}</span>' in page
        assert "21 octobre 1994" in page or "21 October 1994" in page
    assert ROOT.exists()
