"""The one page list: which pages an edition has, and the order of the site and the PDF.

An edition's pages are the Markdown files of its ``docs_dir`` that MkDocs
builds: its default exclusions (dot files and folders, ``/templates/``) and
the configuration's ``exclude_docs`` (gitignore patterns, read by pathspec
as MkDocs reads them) left out. Every reader of pages (the glossary, the
bibliography's cited keys, parity, the check, the PDF) takes them from here.

The PDF prints the pages of ``nav`` in order (every page, in file order, when
there is no ``nav``), and the glossary's term pages right after the page that
holds the glossary index (``[GLOSSARY]``), or at the end. A brief may still
give the PDF its own order (``pdf_pages`` of the plugin, glob patterns
allowed); then a pattern that matches no page is an error, and a nav page it
leaves out is a warning unless ``pdf_exclude`` names it.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

from pathspec.gitignore import GitIgnoreSpec

from briefkit.core.editions import Edition
from briefkit.core.options import PLUGIN, PluginOptions, plugin_options
from briefkit.core.problems import Problem, relpath
from briefkit.core.sources import read_page

# MkDocs' own exclusions (mkdocs.structure.files), before a configuration's exclude_docs.
DEFAULT_EXCLUDE = (".*", "/templates/")

GLOSSARY_MARKER = "[GLOSSARY]"


def nav_pages(nav: Any) -> list[str]:
    """The page files of a ``nav`` setting, in order (links and sections skipped)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    return []


def page_files(docs_dir: Path, exclude_docs: str = "") -> list[str]:
    """The pages of ``docs_dir`` MkDocs builds, home page first, then in path order."""
    spec = GitIgnoreSpec.from_lines([*DEFAULT_EXCLUDE, *exclude_docs.splitlines()])
    found = (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    pages = sorted(page for page in found if not spec.match_file(page))
    return sorted(pages, key=lambda page: page != "index.md")


def edition_pages(edition: Edition) -> list[str]:
    """The pages of ``edition`` (its ``exclude_docs`` honoured)."""
    return page_files(edition.docs_dir, str(edition.raw.get("exclude_docs") or ""))


def all_pages(docs_dir: Path) -> list[str]:
    """Every page of ``docs_dir`` (MkDocs' default exclusions only)."""
    return page_files(docs_dir)


def site_pages(edition: Edition) -> list[str]:
    """The reading order: ``nav`` when the configuration has one, else every page."""
    nav = edition.raw.get("nav")
    return nav_pages(nav) if nav else edition_pages(edition)


def missing_nav_pages(edition: Edition) -> list[Problem]:
    """Pages the nav names that do not exist (or that ``exclude_docs`` leaves out)."""
    pages = set(edition_pages(edition))
    return [
        Problem(
            *edition.where("nav", page),
            f"nav names '{page}', which is not in {relpath(edition.docs_dir)}: fix it"
            if not (edition.docs_dir / page).is_file()
            else f"nav names '{page}', which exclude_docs leaves out: fix one of them",
        )
        for page in nav_pages(edition.raw.get("nav"))
        if page not in pages
    ]


def print_pages(
    edition: Edition, term_pages: list[str], plugin: PluginOptions | None = None
) -> tuple[list[str], list[Problem]]:
    """The PDF's pages in order, and what an editor must know about that order.

    ``term_pages`` are the glossary's term pages in the glossary's order.
    """
    if plugin is None:  # not assembled: read (and check) them here
        plugin = plugin_options(edition.raw, lambda n: edition.where("plugins", PLUGIN, n))[0]
    every = edition_pages(edition)
    patterns = list(plugin.pdf_pages or [])
    if not patterns:
        pages = [p for p in site_pages(edition) if p in every]
        return _with_terms(pages, edition.docs_dir, term_pages), []
    ordered: list[str] = []
    problems = []
    where = edition.where("plugins", PLUGIN, "pdf_pages")
    for pattern in patterns:
        matched = [p for p in every if fnmatch.fnmatch(p, str(pattern))]
        if not matched:
            message = f"pdf_pages names '{pattern}', which matches no page: fix it"
            problems.append(Problem(*where, message))
        ordered += [p for p in matched if p not in ordered]
    excluded = {str(p) for p in plugin.pdf_exclude or []}
    for page in site_pages(edition):
        if page in every and page not in ordered and page not in excluded:
            message = (
                f"'{page}' is in the nav but not in pdf_pages: add it, or list it "
                "under pdf_exclude to leave it out of the PDF on purpose"
            )
            problems.append(Problem(*where, message, severity="warning"))
    return ordered, problems


def reading_pages(edition: Edition, term_pages: list[str]) -> list[str]:
    """Every page in the site's reading order: the nav's, the terms after the glossary, the rest.

    ``term_pages`` are the glossary's term pages in the glossary's order. Figures
    and tables are numbered in this order, for the site and the PDF alike (a PDF
    with its own page order keeps the site's numbers).
    """
    every = edition_pages(edition)
    nav = [p for p in site_pages(edition) if p in every]
    pages = _with_terms(nav, edition.docs_dir, term_pages)
    return [*pages, *(p for p in every if p not in pages)]


def _with_terms(pages: list[str], docs_dir: Path, term_pages: list[str]) -> list[str]:
    extra = [page for page in term_pages if page not in pages]
    if not extra:
        return pages
    index = next(
        (i for i, page in enumerate(pages) if GLOSSARY_MARKER in read_page(docs_dir / page).text),
        len(pages) - 1,
    )
    return [*pages[: index + 1], *extra, *pages[index + 1 :]]
