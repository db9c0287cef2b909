"""The Markdown side stands alone: plain Python-Markdown, configured by name, no MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

TERM = """---
title: Quad
description: Le Quad.
glossary:
  term: Quad
  names: [Quadrilateral Security Dialogue]
  aliases: [Quad]
  definition: Partenariat diplomatique informel.
---

# Quad
"""
BIB = """@book{doe2020atlas,
  author = {Doe, Jane},
  title = {{Atlas des routes}},
  publisher = {Éditions du Test},
  year = {2020},
}
"""
PAGE = """Le Quad se réunit [@doe2020atlas, p. 4].

<figure markdown>
![Carte des routes](carte.svg)
<figcaption markdown>Les routes [@doe2020atlas].</figcaption>
</figure>

Une clé inconnue [@nope].
"""


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "t.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "docs" / "glossaire").mkdir(parents=True)
    (tmp_path / "docs" / "glossaire" / "quad.md").write_text(TERM, encoding="utf-8")
    (tmp_path / "docs" / "page.md").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_plain_markdown_renders_citations_glossary_and_figures(
    brief: Path, caplog: pytest.LogCaptureFixture
) -> None:
    md = markdown.Markdown(
        extensions=["md_in_html", "briefkit.extensions"],
        extension_configs={
            "briefkit.extensions": {
                "lang": "fr",
                "root": str(brief),
                "bib_dir": "bib",
                "docs_dir": str(brief / "docs"),
                "page": "page.md",
            }
        },
    )
    with caplog.at_level(logging.WARNING, logger="briefkit"):
        html = md.convert(PAGE)
    assert '<a class="footnote-ref" href="#fn:1">\u20601</a>' in html
    assert "Jane Doe, <em>Atlas des routes</em>, Éditions du Test, 2020</span>, p. 4." in html
    assert '<a class="brief-term" data-term="glossaire/quad.md" href="glossaire/quad.md"' in html
    assert '<figure class="brief-figure" id="figure-1">' in html
    assert '<span class="brief-figure-label">Figure 1 – </span>Les routes' in html
    # Problems go to the "briefkit" logger, with the page's file and line.
    assert [r.getMessage() for r in caplog.records] == [
        f"{brief / 'docs' / 'page.md'}:8:1: error: unknown citation key 'nope': "
        "add it to a .bib file in bib/ or fix the key"
    ]


def test_each_extension_also_loads_alone(brief: Path) -> None:
    options = {"lang": "en", "root": str(brief), "docs_dir": str(brief / "docs")}
    html = markdown.Markdown(
        extensions=[
            "briefkit.extensions.citations",
            "briefkit.extensions.glossary",
            "briefkit.extensions.figures",
        ],
        extension_configs={
            name: options
            for name in ("briefkit.extensions.citations", "briefkit.extensions.glossary")
        }
        | {"briefkit.extensions.figures": {"lang": "en"}},
    ).convert("The Quad [@doe2020atlas].")
    assert "Jane Doe, <em>Atlas des routes</em>" in html
    assert 'class="brief-term"' in html


class _RenderingContext(Preprocessor):
    """Zensical's page context as its extensions see it (zensical.extensions.context)."""

    def __init__(self, md: markdown.Markdown, page: object, config: dict[str, object]) -> None:
        super().__init__(md)
        self.page, self.config = page, config

    def run(self, lines: list[str]) -> list[str]:
        return lines


class _EngineContext(Extension):
    def __init__(self, page: object, config: dict[str, object]) -> None:
        super().__init__()
        self.page, self.config_ = page, config

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(
            _RenderingContext(md, self.page, self.config_), "rendering_context", 0
        )


def test_under_an_engine_without_plugins_the_page_is_learnt_from_its_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root / "docs")  # nowhere near the brief: only the context says
    # What Zensical gives extensions: the page's path and its configuration, no plugin.
    page = SimpleNamespace(path="attendre-et-observer.md", url="attendre-et-observer/")
    config = {"root_dir": str(root), "docs_dir": "docs/fr", "theme": {"language": "fr"}}
    source = (root / "docs/fr/attendre-et-observer.md").read_text(encoding="utf-8")
    text = source.split("---\n", 2)[2]
    md = markdown.Markdown(
        extensions=[_EngineContext(page, config), "attr_list", "md_in_html", "briefkit.extensions"]
    )
    html = md.convert(text)
    assert "N.d.É." in html  # the French editors' label: the page is French
    assert 'class="brief-term"' in html  # the edition's glossary was found
    assert 'href="glossaire/' in html
