"""Cross-references: labels, numbering across the brief, the same in the site and the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest

from briefkit.assembly.crossrefs import Numbering, page_targets
from briefkit.commands.build import build_all
from briefkit.commands.check import run_checks
from briefkit.core.problems import collect
from briefkit.extensions.crossrefs import CrossrefExtension

XREFBRIEF = Path(__file__).resolve().parent / "fixtures" / "xrefbrief"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "briefkit.extensions"]


def convert(source: str, lang: str = "fr") -> tuple[str, list[str]]:
    """One page converted with the generator's extensions, and the problems it reported."""
    md = markdown.Markdown(
        extensions=EXTENSIONS, extension_configs={"briefkit.extensions": {"lang": lang}}
    )
    with collect() as problems:
        out = md.convert(source)
    return out, [p.message for p in problems]


def links(page_html: str) -> list[tuple[str, str]]:
    """(href, words) of every cross-reference of a page."""
    found = re.findall(r'<a class="brief-xref"[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', page_html)
    return [(href, re.sub(r"<[^>]+>", "", words)) for href, words in found]


def hrefs_and_words(page_html: str) -> list[tuple[str, str]]:
    pairs = re.findall(r"<a ([^>]*brief-xref[^>]*)>(.*?)</a>", page_html)
    return [(re.search(r'href="([^"]*)"', attrs)[1], words) for attrs, words in pairs]  # type: ignore[index]


# --- One page: labels and the words of its references -------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", ["figure 1", "tableau 1", "section « Méthode »", "Figure 1"]),
        ("en", ["Figure 1", "Table 1", "section “Méthode”", "Figure 1"]),
        ("de", ["Abbildung 1", "Tabelle 1", "Abschnitt „Méthode“", "Abbildung 1"]),
    ],
)
def test_references_name_what_they_point_at_in_the_pages_language(
    lang: str, expected: list[str]
) -> None:
    source = (
        "## Méthode {#sec-methode}\n\nVoir [](#fig-carte), [](#tbl-chiffres) et "
        "[](#sec-methode). [](#fig-carte) montre tout.\n\n"
        '<figure markdown id="fig-carte">\n![Une carte](c.svg)\n</figure>\n\n'
        "Table: Les chiffres {#tbl-chiffres}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    out, problems = convert(source, lang)
    words = [w.replace("\u202f", " ").replace("\u00a0", " ") for _, w in hrefs_and_words(out)]
    assert words == expected and problems == []
    assert [h for h, _ in hrefs_and_words(out)] == [
        "#fig-carte",
        "#tbl-chiffres",
        "#sec-methode",
        "#fig-carte",
    ]


@pytest.mark.parametrize(
    ("before", "capital"),
    [
        ("", True),  # the paragraph's start
        ("Fin. ", True),
        ("Fin ? ", True),
        ("Fin.) ", True),
        ("la ", False),
        ("*voir* ", False),
        ("*voir*", False),
    ],
)
def test_a_reference_opening_a_sentence_takes_a_capital(before: str, capital: bool) -> None:
    out, _ = convert(f"{before}[](#fig-x) suit.\n\n![Une carte](c.svg){{#fig-x}}\n")
    [(_, words)] = hrefs_and_words(out)
    assert words == ("Figure 1" if capital else "figure 1")


def test_a_caption_before_or_after_a_table_numbers_it_and_may_label_it() -> None:
    source = (
        "Table: Avant [@nokey] {#tbl-avant}\n\n| a |\n|---|\n| 1 |\n\n"
        "| b |\n|---|\n| 2 |\n\n: Après\n\n| c |\n|---|\n| 3 |\n\nTexte.\n"
    )
    out, _ = convert(source)
    captions = re.findall(r'<table id="([^"]*)"><caption>(.*?)</caption>', out)
    assert [(i, re.sub("<[^>]+>", "", c)) for i, c in captions] == [
        ("tbl-avant", "Tableau 1 – Avant [@nokey]"),
        ("table-2", "Tableau 2 – Après"),
    ]
    assert out.count("<caption>") == 2  # the third table has no caption: not numbered


def test_a_labelled_image_alone_becomes_a_figure_its_title_the_caption() -> None:
    out, problems = convert('![Une carte](c.svg "La carte."){#fig-carte}\n')
    assert problems == []
    assert re.search(r'<figure class="brief-figure" id="fig-carte"><img [^>]*>', out)
    assert "Figure 1 – </span>La carte." in out


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        (
            "Un.\n\nUn paragraphe.\n{: #fig-mal}\n",
            "label '{#fig-mal}' is on <p>: put it on a figure",
            4,
        ),
        ("# Titre {#tbl-mal}\n", "label '{#tbl-mal}' is on <h1>: put it on a table", 1),
        ("![a](c.svg){#sec-mal}\n", "label '{#sec-mal}' is on <img>: put it on a heading", 1),
        ("## A {#sec-x}\n\n## B {#sec-x}\n", "label '{#sec-x}' is on this page twice", 3),
    ],
)
def test_a_misplaced_or_doubled_label_is_an_error_at_its_line(
    source: str, message: str, line: int
) -> None:
    md = markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={"briefkit.extensions": {"lang": "fr"}},
    )
    # The extensions of one conversion share their page: naming it for one names it for all.
    part = next(e for e in md.registeredExtensions if isinstance(e, CrossrefExtension))
    part.begin_page("docs/fr/p.md", source, "p.md")
    with collect() as problems:
        md.convert(source)
    assert [(p.line, p.message[: len(message)]) for p in problems] == [(line, message)]


def test_hostile_labels_and_references_stay_text() -> None:
    out, _ = convert('## <b>x</b> "quoted" {#sec-a}\n\n[](#sec-a) [](#fig-"><script>)\n')
    assert "<script>" not in out
    numbering = Numbering.of("fr", ["p.md"], {"p.md": page_targets(out)})
    filled = numbering.fill("p.md", out, lambda page, anchor: f"#{anchor}")
    assert "<script>" not in filled and "&quot;quoted&quot;" in filled


# --- Across pages: one numbering -------------------------------------------------------


def test_numbers_run_across_pages_in_reading_order() -> None:
    first, _ = convert("![A](a.svg){#fig-a}\n\n![B](b.svg){#fig-b}\n")
    second, _ = convert("Voir [](#fig-a) et [](#fig-c).\n\n![C](c.svg){#fig-c}\n")
    pages = {"one.md": page_targets(first), "two.md": page_targets(second)}
    numbering = Numbering.of("fr", ["two.md", "one.md"], pages)  # the reading order wins
    filled = numbering.fill("two.md", second, lambda page, anchor: f"{page}#{anchor}")
    assert links(filled) == [("one.md#fig-a", "figure 2"), ("two.md#fig-c", "figure 1")]
    assert "Figure 1 – " in filled
    assert "Figure 2 – " in numbering.fill("one.md", first, lambda p, a: a)
    assert "Figure 3 – " in numbering.fill("one.md", first, lambda p, a: a)


def xref_copy(tmp_path: Path) -> Path:
    shutil.copytree(XREFBRIEF, tmp_path / "brief")
    return tmp_path / "brief"


def test_the_check_names_a_reference_to_a_missing_label_and_a_label_on_two_pages(
    tmp_path: Path,
) -> None:
    root = xref_copy(tmp_path)
    index = root / "docs" / "fr" / "index.md"
    index.write_text(index.read_text().replace("(#sec-gardiens)", "(#sec-absente)"))
    feux = root / "docs" / "fr" / "feux.md"
    feux.write_text(feux.read_text() + "\n## Encore {#sec-gardiens}\n")
    messages = [f"{p.path}:{p.line}: {p.message}" for p in run_checks(root)]
    assert any(
        m.endswith("index.md:10: unknown cross-reference '#sec-absente': no page of "
                   f"{root / 'docs' / 'fr'} has the label {{#sec-absente}}; put it on a "
                   "heading, or fix the reference")
        for m in messages
    ), messages  # fmt: skip
    assert any("gardiens.md:8: label '{#sec-gardiens}' is also on" in m for m in messages)


def test_the_fixture_checks_clean() -> None:
    assert run_checks(XREFBRIEF) == []


@pytest.mark.slow
def test_the_site_and_the_pdf_give_the_same_numbers_and_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_all(XREFBRIEF, site, with_pdf=True, with_search=False)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert links(home) == [
        ("feux/#fig-carte", "figure 2"),
        ("gardiens/#tbl-conso", "tableau 1"),
        ("gardiens/#sec-gardiens", "section «\u202fLes gardiens du Ponant\u202f»"),
        ("feux/#fig-carte", "Figure 2"),
        ("feux/#fig-carte", "la carte"),
    ]
    feux = (site / "feux" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'brief-figure-label">([^<]*)<', feux) == ["Figure 1 – ", "Figure 2 – "]
    assert 'id="fig-carte"' in feux
    gardiens = (site / "gardiens" / "index.html").read_text(encoding="utf-8")
    assert links(gardiens) == [("../feux/#fig-carte", "figure 2")]
    assert "Tableau 1 – " in gardiens and gardiens.count("<caption>") == 1
    text = subprocess.run(
        ["pdftotext", str(site / "brief-fr.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.replace("\u202f", " ").split())
    for words in (
        "La carte des feux est figure 2, leur consommation au tableau 1",
        "Figure 2 situe chaque feu",
        "La carte suit (figure 2)",
        "Comme le montre figure 2",
        "Figure 1 – Un carré",
        "Figure 2 – La carte des feux",
        "Tableau 1 – Consommation des feux",
    ):
        assert words in flat, words
    pdf = (site / "brief-fr.pdf").read_bytes()
    assert b"b-feux--fig-carte" in pdf or pdf.count(b"/Link") >= 6  # internal links
