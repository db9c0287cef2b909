"""The one page list: the navigation orders the site and the PDF alike.

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

from briefkit.content.glossary_terms import Glossary, collation_key
from briefkit.core.editions import Edition
from briefkit.core.problems import Problem, relpath
from briefkit.core.sources import read_text

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


def all_pages(docs_dir: Path) -> list[str]:
    """Every page of ``docs_dir``, home page first, then in path order (MkDocs' default nav)."""
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return sorted(pages, key=lambda page: page != "index.md")


def site_pages(raw: dict[str, Any], docs_dir: Path) -> list[str]:
    """The reading order: ``nav`` when the configuration has one, else every page."""
    nav = raw.get("nav")
    return nav_pages(nav) if nav else all_pages(docs_dir)


def plugin_options(raw: dict[str, Any], name: str = "briefkit") -> dict[str, Any]:
    """The options a configuration gives the plugin ``name`` (empty when it gives none)."""
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        entries = [next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins]
    return next((dict(options or {}) for key, options in entries if key == name), {})


def missing_nav_pages(edition: Edition) -> list[Problem]:
    """Pages the nav names that do not exist."""
    where = relpath(edition.config_file)
    return [
        Problem(
            where, 1, f"nav names '{page}', which is not in {relpath(edition.docs_dir)}: fix it"
        )
        for page in nav_pages(edition.raw.get("nav"))
        if not (edition.docs_dir / page).is_file()
    ]


def print_pages(edition: Edition, glossary: Glossary) -> tuple[list[str], list[Problem]]:
    """The PDF's pages in order, and what an editor must know about that order."""
    raw, docs_dir, plugin = edition.raw, edition.docs_dir, plugin_options(edition.raw)
    where = relpath(edition.config_file)
    every = all_pages(docs_dir)
    patterns = plugin.get("pdf_pages") or []
    if not patterns:
        pages = [p for p in site_pages(raw, docs_dir) if (docs_dir / p).is_file()]
        return _with_terms(pages, docs_dir, glossary, edition.lang), []
    ordered: list[str] = []
    problems = []
    for pattern in patterns:
        matched = [p for p in every if fnmatch.fnmatch(p, str(pattern))]
        if not matched:
            problems.append(
                Problem(where, 1, f"pdf_pages names '{pattern}', which matches no page: fix it")
            )
        ordered += [p for p in matched if p not in ordered]
    excluded = {str(p) for p in plugin.get("pdf_exclude") or []}
    for page in site_pages(raw, docs_dir):
        if (docs_dir / page).is_file() and page not in ordered and page not in excluded:
            message = (
                f"'{page}' is in the nav but not in pdf_pages: add it, or list it "
                "under pdf_exclude to leave it out of the PDF on purpose"
            )
            problems.append(Problem(where, 1, message, severity="warning"))
    return ordered, problems


def _with_terms(pages: list[str], docs_dir: Path, glossary: Glossary, lang: str) -> list[str]:
    terms = sorted(glossary.terms, key=lambda t: collation_key(t.term, lang))
    extra = [t.page for t in terms if t.page not in pages]
    if not extra:
        return pages
    index = next(
        (i for i, page in enumerate(pages) if GLOSSARY_MARKER in read_text(docs_dir / page)),
        len(pages) - 1,
    )
    return [*pages[: index + 1], *extra, *pages[index + 1 :]]
