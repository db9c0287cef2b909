"""One page list: the nav orders the site and the PDF; a PDF-only order is checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from briefkit.content.glossary_terms import load_glossary
from briefkit.content.pagelist import print_pages
from briefkit.core.editions import load_publication
from tests.conftest import ROOT

MINIBRIEF = Path(__file__).resolve().parent / "fixtures" / "minibrief"


def pdf_order(root: Path) -> tuple[list[str], list[str]]:
    edition = load_publication(root).main
    pages, problems = print_pages(edition, load_glossary(edition.docs_dir)[0].term_pages())
    return pages, [f"{p.severity}: {p.message}" for p in problems]


def test_the_brief_prints_its_nav_with_the_terms_after_the_glossary_index() -> None:
    pages, problems = pdf_order(ROOT)
    assert problems == []
    assert pages == [
        "index.md",
        "vostotchny.md",
        "partenariat-inegal.md",
        "attendre-et-observer.md",
        "glossaire/index.md",
        "glossaire/camp-david.md",
        "glossaire/hwasong-18.md",
        "glossaire/kn-25.md",
        "glossaire/quad.md",
        "auteur.md",
        "bibliographie.md",
    ]


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    shutil.copytree(MINIBRIEF, tmp_path / "brief")
    return tmp_path / "brief"


def configure(root: Path, **plugin: object) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - briefkit\n", "")
    options = yaml.safe_dump({"plugins": [{"briefkit": plugin}]}, allow_unicode=True)
    config.write_text(text.replace("plugins:\n", options), encoding="utf-8")


def test_a_page_added_to_the_nav_is_printed_without_touching_anything_else(brief: Path) -> None:
    for lang in ("fr", "en"):
        (brief / "docs" / lang / "nouveau.md").write_text("---\ntitle: N\n---\n\n# N\n", "utf-8")
    config = brief / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - ruches.md\n", "  - ruches.md\n  - nouveau.md\n"), "utf-8")
    pages, problems = pdf_order(brief)
    assert pages.index("nouveau.md") == pages.index("ruches.md") + 1
    assert problems == []


def test_a_pdf_order_is_checked_against_the_pages_and_the_nav(brief: Path) -> None:
    configure(brief, pdf_pages=["index.md", "ruches.md", "absente.md", "glossaire/*.md"])
    pages, problems = pdf_order(brief)
    assert pages == ["index.md", "ruches.md", "glossaire/terme.md"]
    assert problems == [
        "error: pdf_pages names 'absente.md', which matches no page: fix it",
        "warning: 'bibliographie.md' is in the nav but not in pdf_pages: add it, or list it "
        "under pdf_exclude to leave it out of the PDF on purpose",
    ]


def test_pdf_exclude_says_a_page_is_left_out_on_purpose(brief: Path) -> None:
    configure(brief, pdf_pages=["index.md", "ruches.md"], pdf_exclude=["bibliographie.md"])
    assert pdf_order(brief) == (["index.md", "ruches.md"], [])
