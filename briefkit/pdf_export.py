"""PDF export: one print-quality PDF per language with WeasyPrint.

Markdown -> the site's extensions -> one print HTML per language -> WeasyPrint.
Run it with ``python -m briefkit.pdf_export`` (or as the last stage of the
build). Nothing is fetched from the network: a stray remote URL is an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import html
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import load_config
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from briefkit.bibliography import load_or_raise
from briefkit.build import BuildFailed, languages, source_date_epoch
from briefkit.extensions import make_extensions
from briefkit.glossary import load_glossary
from briefkit.print_html import Edition, PrintPage, convert_pages, slug, table_of_contents
from briefkit.problems import BriefError
from briefkit.references import vocabulary

STYLESHEET = Path(__file__).with_name("print.css")
TOC_HEADING = {"fr": "Table des matières", "en": "Contents"}


class LocalOnlyFetcher(URLFetcher):
    """Fetches files inside the project and ``data:`` URLs; anything else stops the export."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if not path.is_relative_to(self.root):
                raise FatalURLFetchingError(f"refusing to read {path}: outside the project")
        elif not url.startswith("data:"):
            raise FatalURLFetchingError(
                f"refusing to fetch {url}: the PDF export works offline; "
                "remove the remote reference or ship the file"
            )
        return super().fetch(url, headers)


def build_date(root: Path) -> dt.datetime:
    """The documents' date: same sources, same bytes (see ``source_date_epoch``)."""
    return dt.datetime.fromtimestamp(int(source_date_epoch(root)), dt.UTC)


def load_edition(config_file: Path, lang: str) -> tuple[Edition, object]:
    """Read an edition's MkDocs configuration and prepare its extensions."""
    config = load_config(str(config_file))
    plugin = config.plugins["briefkit"].config  # type: ignore[union-attr]
    root = config_file.parent
    bibliography = load_or_raise(root / plugin.bib_dir)
    docs_dir = Path(config.docs_dir)
    glossary, problems = load_glossary(docs_dir)
    if problems:
        raise BriefError(problems)
    pages = print_pages(config, docs_dir, plugin.pdf_pages)
    extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
    edition = Edition(
        lang,
        docs_dir,
        pages,
        extensions,
        dict(config.mdx_configs),
        make_extensions(bibliography, glossary, plugin.groups, lang),
    )
    return edition, config


def print_pages(config: object, docs_dir: Path, patterns: list[str]) -> list[str]:
    """Pages in print order: the configured patterns, else the navigation order."""
    every = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    if not patterns:
        patterns = [p for p in _nav_files(config.nav or [])]  # type: ignore[attr-defined]
    ordered: list[str] = []
    for pattern in patterns:
        ordered += [p for p in every if fnmatch.fnmatch(p, pattern) and p not in ordered]
    return ordered


def _nav_files(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    return []


def document(edition: Edition, config: object, pages: list[PrintPage], when: dt.datetime) -> str:
    """The whole print HTML: metadata, cover, table of contents, chapters."""
    months = vocabulary(edition.lang).months
    home = pages[0].meta
    title = str(home.get("title") or config.site_name)  # type: ignore[attr-defined]
    author = str(home.get("author") or config.site_author or "")  # type: ignore[attr-defined]
    date = home.get("date")
    date_text = (
        f"{date.day} {months[date.month - 1]} {date.year}"
        if isinstance(date, dt.date)
        else str(date or "")
    )
    publisher = config.plugins["briefkit"].config.publisher.get(edition.lang, "")  # type: ignore
    keywords = ", ".join(str(k) for k in home.get("keywords", []) or [])
    e = html.escape
    head = (
        f'<meta charset="utf-8"><title>{e(title)}</title>'
        f'<meta name="author" content="{e(author)}">'
        f'<meta name="description" content="{e(str(home.get("description", "")))}">'
        f'<meta name="keywords" content="{e(keywords)}">'
        f'<meta name="generator" content="briefkit">'
        f'<meta name="dcterms.created" content="{when.isoformat()}">'
        f'<meta name="dcterms.modified" content="{when.isoformat()}">'
    )
    cover = (
        f'<section class="brief-cover"><p class="brief-cover-title">{e(title)}</p>'
        f'<p class="brief-cover-author">{e(author)}</p>'
        f'<p class="brief-cover-date">{e(date_text)}</p>'
        f'<p class="brief-cover-publisher">{e(publisher)}</p></section>'
    )
    heading = TOC_HEADING.get(edition.lang, TOC_HEADING["en"])
    toc = table_of_contents(pages, heading, skip=pages[0].src)
    chapters = "".join(
        f'<section class="brief-chapter" id="{slug(p.src)}">{p.body}</section>' for p in pages
    )
    return (
        f'<!doctype html><html lang="{e(edition.lang)}"><head>{head}</head>'
        f'<body data-running-title="{e(str(config.site_name))}">'  # type: ignore
        f"{cover}{toc}{chapters}</body></html>"
    )


def render_pdf(root: Path, source: str, target: Path) -> None:
    """Write ``source`` (print HTML) as a tagged PDF with embedded fonts."""
    document_ = HTML(string=source, base_url=str(root) + "/", url_fetcher=LocalOnlyFetcher(root))
    stylesheet = CSS(filename=str(STYLESHEET), url_fetcher=LocalOnlyFetcher(root))
    document_.write_pdf(
        target,
        stylesheets=[stylesheet],
        pdf_variant="pdf/ua-1",
        pdf_identifier=b"briefkit",
        custom_metadata=True,
    )


def export_edition(
    root: Path, site: Path, lang: str, config_file: Path, sub: str, when: dt.datetime
) -> Path:
    """One language's PDF, ``brief-<lang>.pdf`` in that edition's folder of ``site``."""
    started = time.perf_counter()
    try:
        edition, config = load_edition(config_file, lang)
        pages = convert_pages(edition)
    except BriefError as err:
        raise BuildFailed(f"PDF ({lang}): {err}") from None
    target = (site / sub if sub else site) / f"brief-{lang}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    render_pdf(root, document(edition, config, pages, when), target)
    elapsed = time.perf_counter() - started
    print(f"  {target.name}: {len(pages)} pages of Markdown, {elapsed:.1f} s", flush=True)
    return target


def export_pdfs(root: Path, site: Path) -> list[Path]:
    """Every language's PDF, rendered side by side (WeasyPrint keeps one core busy)."""
    when = build_date(root)
    editions = languages(root)
    # Fresh interpreters, not forks: callers may be running threads (servers, browsers).
    context = multiprocessing.get_context("spawn")
    workers = max(1, min(len(editions), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [
            pool.submit(export_edition, root, site, lang, config_file, sub, when)
            for lang, config_file, sub in editions
        ]
        return [job.result() for job in jobs]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m briefkit.pdf_export [--out DIR]``."""
    parser = argparse.ArgumentParser(description="Export one PDF per language.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    parser.add_argument("--out", type=Path, default=Path("site"), help="output folder")
    args = parser.parse_args(argv)
    try:
        for path in export_pdfs(args.root.resolve(), args.out.resolve()):
            print(f"✓ {path}")
    except BuildFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
