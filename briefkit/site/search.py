"""Full-text search with Pagefind: one index per edition, stemmed in its language.

Pagefind stems French and English, splits its index by ``<html lang>``, and
downloads nothing until the reader searches. Only reading text is indexed:
not the navigation, permalinks, note calls and back-links, the "cite this
brief" block, the lists of passages citing a source, nor the addresses in
notes and the bibliography (:data:`EXCLUDED`).

Pagefind splits words on ASCII punctuation only, so « l’ONU » written with the
typographic apostrophe would be one word that « ONU » does not find. We index a
copy of each page where an apostrophe between letters is followed by a word
joiner (U+2060, invisible) and a space: Pagefind then sees two words, and
stores « l’\u2060 ONU » as the page's text, which the site's search script
shows as « l’ONU » again (it removes every word joiner and the space after
it). Readers see the page's own typography in excerpts; nothing is made
straight. Each page's blocks carry passage anchors (``briefkit.extensions.passages``),
which Pagefind records, so a result can link to the passage that matched.

The copy is indexed by Pagefind's command-line binary (shipped in the
``pagefind_bin`` wheel): its Python service answers one request per 100 ms,
which made indexing page by page twenty times slower.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from briefkit.core.editions import Publication
from briefkit.core.problems import BuildFailed

BUNDLE = "pagefind"
# Text that is not reading text: permalinks, note calls and back-links, the
# "cite this brief" block, lists of passages citing a source or mentioning a
# term, web-only navigation (the home page's contents), and addresses.
EXCLUDED = [
    ".headerlink",
    ".footnote-ref",
    ".footnote-backref",
    ".brief-cite",
    ".brief-cited-in",
    ".brief-mentioned-in",
    ".brief-web-only",
    ".brief-figure-open",
    ".footnote a[href^='http']",
    ".brief-bibliography a[href^='http']",
]
WORD_JOINER = "\u2060"
# An apostrophe inside a word (elision: l’ONU, d’une, aujourd’hui, Korea’s).
ELISION_RE = re.compile(r"(?<=\w)([’ʼ'])(?=\w)")
# Text between tags, where the apostrophes to split are (never inside a tag).
TEXT_RE = re.compile(r">([^<]+)<")


def prepare(html: str) -> str:
    """The copy of a page that is indexed: elisions split, images' alt text indexed in place.

    A figure's alt text describes it to readers who cannot see it; indexing it
    where the figure stands lets a search for what the figure shows lead there.
    """
    return split_elisions(html).replace("<img ", '<img data-pagefind-index-attrs="alt" ')


def split_elisions(html: str) -> str:
    """``html`` with a word joiner and a space after every apostrophe inside a word."""

    def text(match: re.Match[str]) -> str:
        return ">" + ELISION_RE.sub(rf"\1{WORD_JOINER} ", match[1]) + "<"

    return TEXT_RE.sub(text, html)


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
            target.write_text(prepare(page.read_text(encoding="utf-8")), "utf-8")
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
