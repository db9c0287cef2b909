"""Full-text search with Pagefind: one index per edition, stemmed in its language.

Pagefind stems French and English, splits its index by ``<html lang>``, and
downloads nothing until the reader searches. French elision with the
typographic apostrophe (« l’ONU ») is only recognised with a straight one, so
we index a normalised copy of each page while the published page keeps its
typography.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from briefkit.build import languages

BUNDLE = "pagefind"
# Text that is not the brief: permalinks and note back-links.
EXCLUDED = [".headerlink", ".footnote-backref", ".md-source-file"]


def normalise_for_index(html: str) -> str:
    """The page with typographic apostrophes made straight, for elision."""
    return html.replace("’", "'").replace("ʼ", "'")


def edition_pages(edition: Path, nested: list[Path]) -> list[Path]:
    """HTML pages of one edition, leaving out other editions' folders and the 404."""
    pages = []
    for page in sorted(edition.rglob("*.html")):
        if page.name == "404.html" or any(page.is_relative_to(n) for n in nested):
            continue
        pages.append(page)
    return pages


async def _index_edition(edition: Path, nested: list[Path]) -> None:
    config = IndexConfig(root_selector="article", exclude_selectors=EXCLUDED,
                         output_path=str(edition / BUNDLE))
    async with PagefindIndex(config=config) as index:
        for page in edition_pages(edition, nested):
            url = "/" + page.relative_to(edition).as_posix().removesuffix("index.html")
            html = normalise_for_index(page.read_text(encoding="utf-8"))
            await index.add_html_file(content=html, url=url)
        await index.write_files()


def index_site(root: Path, site: Path) -> None:
    """Write a Pagefind bundle into each edition's folder of ``site``."""
    subs = [sub for _, _, sub in languages(root) if sub]
    editions = [site] + [site / sub for sub in subs]
    for edition in editions:
        nested = [site / sub for sub in subs if site / sub != edition]
        asyncio.run(_index_edition(edition, nested))
