"""Numbered figures: captions in the page's language, alt text required."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from briefkit.bib.reader import load_or_raise
from briefkit.commands.check import run_checks
from briefkit.extensions.citations import CitationExtension
from briefkit.extensions.figures import FigureExtension
from tests.conftest import ROOT

FIGURE = """Text about routes.

<figure markdown>
![Map of the rail link and the sea route](assets/map.svg)
<figcaption markdown>Routes of the trade [@byrne2023orient].</figcaption>
</figure>
"""


def convert(source: str, lang: str) -> tuple[str, FigureExtension]:
    figures = FigureExtension(lang=lang)
    citations = CitationExtension(bibliography=load_or_raise(ROOT / "bib"), lang=lang)
    figures.begin_page("docs/x.md", source)
    md = markdown.Markdown(extensions=["md_in_html", "attr_list", citations, figures])
    return md.convert(source), figures


@pytest.mark.parametrize(("lang", "label"), [("fr", "Figure 1 – "), ("en", "Figure 1: ")])
def test_figure_is_numbered_in_the_page_language(lang: str, label: str) -> None:
    html, figures = convert(FIGURE, lang)
    assert '<figure class="brief-figure" id="figure-1">' in html
    assert f'<span class="brief-figure-label">{label}</span>Routes of the trade' in html
    assert 'alt="Map of the rail link and the sea route"' in html
    assert figures.state.problems == []


def test_caption_citations_become_notes() -> None:
    html, _ = convert(FIGURE, "en")
    assert 'href="#fn:1"' in html and "The Orient Express" in html


def test_titled_image_alone_in_its_paragraph_is_a_figure() -> None:
    html, _ = convert('![A map](m.svg "The routes")\n\nSecond ![b](b.png "t") inline.', "en")
    assert html.count("<figure") == 1
    assert '<span class="brief-figure-label">Figure 1: </span>The routes <span' in html


def test_figures_are_numbered_in_reading_order() -> None:
    html, _ = convert('![A](a.svg "One")\n\n![B](b.svg "Two")', "fr")
    assert html.index('id="figure-1"') < html.index('id="figure-2"')
    assert "Figure 2 – </span>Two" in html


def test_figure_without_alt_text_is_reported_at_its_line() -> None:
    _, figures = convert('Intro.\n\n![](assets/map.svg "Routes")\n', "fr")
    [problem] = figures.state.problems
    assert problem.line == 3
    assert "has no alt text" in problem.message


def test_check_command_fails_on_a_figure_without_alt_text(brief_copy: Path) -> None:
    page = brief_copy / "docs" / "en" / "auteur.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n![](x.svg "A figure")\n', "utf-8")
    problems = run_checks(brief_copy)
    assert any(
        "no alt text" in p.message and p.path.endswith("docs/en/auteur.md") for p in problems
    )


@pytest.mark.parametrize(("lang", "label"), [("fr", "Figure 1 – "), ("en", "Figure 1: ")])
def test_route_map_is_on_the_section_page_with_alt_and_caption(
    site: Path, lang: str, label: str
) -> None:
    root = site if lang == "fr" else site / "en"
    html = (root / "vostotchny" / "index.html").read_text(encoding="utf-8")
    figure = html[html.index('<figure class="brief-figure" id="fig-routes">') :]
    figure = figure[: figure.index("</figure>")]
    assert 'src="../assets/route-map.svg"' in figure
    alt = figure.split('alt="', 1)[1].split('"', 1)[0]
    assert len(alt) > 100 and "Tikhoretsk" in alt
    assert label in figure and 'href="#fn:' in figure  # the caption cites its sources
    assert 'href="#fig-routes"' in html  # the text links to the figure, by its label
    assert (root / "assets" / "route-map.svg").is_file()


def test_an_svg_figure_has_its_size_and_opens_full_size(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 60" width="800" height="600"/>'
    )
    (tmp_path / "page.md").write_text(FIGURE)
    figures = FigureExtension(lang="fr", docs_dir=str(tmp_path), page="page.md")
    html = markdown.Markdown(extensions=["md_in_html", figures]).convert(
        FIGURE.replace(" [@byrne2023orient]", "")
    )
    assert 'height="600"' in html and 'width="800"' in html
    assert (
        '<span class="brief-web-only brief-figure-open"><a href="assets/map.svg">'
        "Ouvrir la figure en taille réelle</a></span></figcaption>"
    ) in html


@pytest.mark.parametrize(
    ("svg", "size"),
    [
        ('width="800" height="814" viewBox="0 0 1 1"', (800, 814)),
        ('width="400px" height="300.4px"', (400, 300)),
        ('viewBox="0 0 640 480"', (640, 480)),
        ('width="50%" height="50%"', None),
    ],
)
def test_svg_size_reads_width_and_height_then_the_viewbox(
    tmp_path: Path, svg: str, size: tuple[int, int] | None
) -> None:
    from briefkit.extensions.figures import svg_size

    (tmp_path / "f.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {svg}/>')
    assert svg_size(tmp_path / "f.svg") == size
