"""PDF export: one print-quality PDF per language with WeasyPrint.

Markdown -> the site's extensions -> one print HTML per language -> WeasyPrint.
Run it with ``python -m briefkit.pdf_export`` (or as the last stage of the
build). Nothing is fetched from the network: a stray remote URL is an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from briefkit.assemble import AssembledEdition, assemble
from briefkit.editions import Publication, load_publication, source_date_epoch
from briefkit.print_html import PrintPage, convert_pages, slug, table_of_contents
from briefkit.problems import BriefError, BuildFailed

STYLESHEET = Path(__file__).with_name("print.css")


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


def document(assembled: AssembledEdition, pages: list[PrintPage], when: dt.datetime) -> str:
    """The whole print HTML: metadata, cover, table of contents, chapters."""
    edition, config = assembled.edition, assembled.config
    words = edition.words
    home = pages[0].meta
    title = str(home.get("title") or config.site_name)
    author = str(home.get("author") or config.site_author or "")
    date = home.get("date")
    date_text = words.date(date) if isinstance(date, dt.date) else str(date or "")
    plugin = config.plugins.get("briefkit")
    publishers = plugin.config.publisher if plugin is not None else {}  # type: ignore[attr-defined]
    publisher = str(publishers.get(edition.lang, ""))
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
    toc = table_of_contents(pages, words.toc_heading, skip=pages[0].src)
    chapters = "".join(
        f'<section class="brief-chapter" id="{slug(p.src)}">{p.body}</section>' for p in pages
    )
    return (
        f'<!doctype html><html lang="{e(edition.lang)}"><head>{head}</head>'
        f'<body data-running-title="{e(str(config.site_name))}">'
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
    root: Path, site_url: str, config_file: Path, site: Path, when: dt.datetime
) -> Path:
    """One edition's PDF, in that edition's folder of ``site`` (run in its own process)."""
    started = time.perf_counter()
    try:
        edition = load_publication(root, site_url).for_config(config_file)
        assert edition is not None
        assembled = assemble(edition)
        errors = [p for p in assembled.problems if p.severity == "error"]
        if errors:
            raise BriefError(errors)
        pages = convert_pages(assembled)
    except BriefError as err:
        listing = "\n".join(p.editor() for p in err.problems)
        raise BuildFailed(f"PDF ({config_file.name}):\n{listing}") from None
    target = edition.site_dir(site) / edition.pdf_name
    target.parent.mkdir(parents=True, exist_ok=True)
    render_pdf(root, document(assembled, pages, when), target)
    elapsed = time.perf_counter() - started
    print(f"  {target.name}: {len(pages)} pages of Markdown, {elapsed:.1f} s", flush=True)
    return target


def export_pdfs(publication: Publication, site: Path) -> list[Path]:
    """Every edition's PDF, rendered side by side (the PDF engine keeps one core busy)."""
    when = build_date(publication.root)
    editions = publication.editions
    # Fresh interpreters, not forks: callers may be running threads (servers, browsers).
    context = multiprocessing.get_context("spawn")
    workers = max(1, min(len(editions), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [
            pool.submit(
                export_edition, publication.root, publication.site_url, e.config_file, site, when
            )
            for e in editions
        ]
        return [job.result() for job in jobs]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m briefkit.pdf_export [--out DIR] [--site-url URL]``."""
    parser = argparse.ArgumentParser(description="Export one PDF per language.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    parser.add_argument("--out", type=Path, default=Path("site"), help="output folder")
    parser.add_argument("--site-url", default=None, help="public URL of the root edition")
    args = parser.parse_args(argv)
    try:
        publication = load_publication(args.root.resolve(), args.site_url)
        for path in export_pdfs(publication, args.out.resolve()):
            print(f"✓ {path}")
    except BriefError as err:
        print("\n".join(p.editor() for p in err.problems), file=sys.stderr)
        return 1
    except BuildFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
