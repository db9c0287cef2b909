"""Full-text search with Pagefind: one index per edition, stemmed in its language.

Pagefind stems French and English, splits its index by ``<html lang>``, and
downloads nothing until the reader searches. French elision with the
typographic apostrophe (« l’ONU ») is only recognised with a straight one, so
we index a normalised copy of each page while the published page keeps its
typography. The copy is indexed by Pagefind's command-line binary (shipped in
the ``pagefind_bin`` wheel): its Python service answers one request per
100 ms, which made indexing page by page twenty times slower.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from briefkit.editions import Publication
from briefkit.problems import BuildFailed

BUNDLE = "pagefind"
# Text that is not the brief: permalinks and note back-links.
EXCLUDED = [".headerlink", ".footnote-backref"]


def normalise_for_index(html: str) -> str:
    """The page with typographic apostrophes made straight, for elision."""
    return html.replace("’", "'").replace("ʼ", "'")


def edition_pages(edition: Path, nested: list[Path]) -> list[Path]:
    """HTML pages of one edition, leaving out other editions' folders and the 404."""
    return [
        page
        for page in sorted(edition.rglob("*.html"))
        if page.name != "404.html" and not any(page.is_relative_to(n) for n in nested)
    ]


def index_edition(edition: Path, nested: list[Path]) -> None:
    """Index a normalised copy of ``edition``; write the bundle into ``edition/pagefind``."""
    # Imported here: Pagefind's Python service costs a site build time it does not use.
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise BuildFailed("Pagefind's binary is missing: run scripts/setup (pagefind[bin])")
    with tempfile.TemporaryDirectory(prefix="briefkit-search-") as copy:
        for page in edition_pages(edition, nested):
            target = Path(copy) / page.relative_to(edition)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(normalise_for_index(page.read_text(encoding="utf-8")), "utf-8")
        command = [
            str(binary),
            "--site",
            copy,
            "--output-path",
            str(edition / BUNDLE),
            "--root-selector",
            "article",
            "--exclude-selectors",
            ", ".join(EXCLUDED),
            "--quiet",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"Pagefind failed on {edition.name}:\n{result.stdout}{result.stderr}")


def index_site(publication: Publication, site: Path) -> None:
    """Write a Pagefind bundle into each edition's folder of ``site``."""
    folders = [edition.site_dir(site) for edition in publication.editions]
    for folder in folders:
        index_edition(folder, [f for f in folders if f != folder and f.is_relative_to(folder)])
