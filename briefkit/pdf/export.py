"""PDF export: one print-quality PDF per language, typeset by Typst.

Markdown -> the site's extensions -> one print tree per page
(:mod:`briefkit.pdf.print_tree`) -> one Typst document per edition
(:mod:`briefkit.pdf.typst_document`, :mod:`briefkit.pdf.typst_writer`, ``brief.typ``)
-> the ``typst`` compiler, in this process (it is a library: no program to
start, no network, fonts only from the configured folders). Run it with
``python -m briefkit.pdf.export`` (or as the last stage of the build).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import typst

from briefkit.assembly.assemble import assemble
from briefkit.content.files import docs_files, published_bytes
from briefkit.core.editions import Edition, Publication, load_publication, source_date_epoch
from briefkit.core.htmltree import parse_html
from briefkit.core.problems import BriefError, BuildFailed
from briefkit.core.sidebyside import can_fork, side_by_side
from briefkit.pdf.fonts import settings_problems, typst_fonts
from briefkit.pdf.print_tree import convert_pages
from briefkit.pdf.typst_document import Typeset, font_settings, xmp_identity_of
from briefkit.pdf.xmp import with_identity


def build_date(root: Path) -> dt.datetime:
    """The documents' date: same sources, same bytes (see ``source_date_epoch``)."""
    return dt.datetime.fromtimestamp(int(source_date_epoch(root)), dt.UTC)


def prepare(edition: Edition) -> Typeset:
    """An edition's pages converted for print and checked; :class:`BriefError` else."""
    assembled = assemble(edition)
    errors = [p for p in assembled.problems if p.severity == "error"]
    if errors:
        raise BriefError(errors)
    fonts = font_settings(assembled)
    if problems := settings_problems(fonts):
        raise BriefError(problems)
    pages = convert_pages(assembled)
    typeset = Typeset(assembled, pages, [parse_html(page.body) for page in pages], fonts)
    problems = typeset.source()[1] + typeset.glyph_problems()
    if problems:
        raise BriefError(problems)
    return typeset


def compile_pdf(typeset: Typeset, when: dt.datetime) -> tuple[bytes, list[str]]:
    """The PDF, and what Typst warns about: notes still parted from their call
    (none, but for Typst bugs) and its own warnings.

    Typst may move a line to the next page for widow or orphan control after
    placing the notes it calls (typst/typst#5314), and keeps only the first
    note of a line with its call: the other notes land on another page. Each
    layout is checked, and the blocks holding a parted note are typeset again
    (see :meth:`Typeset.remedy`) until every note is on its call's page.
    """
    with tempfile.TemporaryDirectory(prefix="briefkit-print-") as root:
        print_root(typeset.assembled.edition, Path(root))
        return _compile(typeset, when, root)


def print_root(edition: Edition, folder: Path) -> None:
    """The brief's images as the site publishes them (snapshot bytes, SVGs sanitized),
    at their paths in the brief: Typst reads them from there, never from ``docs/``."""
    root = edition.config_file.parent.resolve()
    for src in docs_files(edition.docs_dir).files:
        path = (edition.docs_dir / src).resolve()
        data = published_bytes(path) if path.is_relative_to(root) else None
        if data is not None:
            target = folder / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _compile(typeset: Typeset, when: dt.datetime, root: str) -> tuple[bytes, list[str]]:
    for _ in range(4):
        source = typeset.source()[0].encode("utf-8")
        # The query lays the document out; the compile then reuses that layout.
        compiler = typst.Compiler(input=source, root=root, font_paths=typst_fonts(typeset.fonts))
        parted = misplaced_notes(compiler)
        if not parted or not typeset.remedy(parted):
            break
    pdf, warnings = compiler.compile_with_warnings(
        input=source, format="pdf", pdf_standards=["ua-1"], timestamp=when
    )
    assert isinstance(pdf, bytes)
    pdf = with_identity(pdf, xmp_identity_of(typeset.assembled))
    notes = [f"note {name} is not on the page of its call" for name in sorted(parted)]
    return pdf, notes + [f"Typst: {w.message}" for w in warnings]


def misplaced_notes(compiler: typst.Compiler) -> frozenset[str]:
    """Labels of the notes printed on another page than their call."""
    entries = json.loads(compiler.query("<brief-entry>", field="value"))
    return frozenset(name for name, call, entry in entries if call != entry)


def prepared(edition: Edition) -> Typeset:
    """:func:`prepare`, its problems listed in one :class:`BuildFailed`."""
    try:
        return prepare(edition)
    except BriefError as err:
        listing = "\n".join(p.editor() for p in err.problems)
        raise BuildFailed(f"PDF ({edition.config_file.name}):\n{listing}") from None


def write_pdf(typeset: Typeset, site: Path, when: dt.datetime, started: float) -> Path:
    """Typeset one edition into its folder of ``site``."""
    edition = typeset.assembled.edition
    try:
        pdf, warnings = compile_pdf(typeset, when)
    except typst.TypstError as err:
        hints = "".join(f"\n  hint: {h}" for h in err.hints)
        raise BuildFailed(
            f"PDF ({edition.config_file.name}): Typst: {err.message}{hints}"
        ) from None
    except RuntimeError as err:  # the query's errors, e.g. Typst's depth limits
        said = ", ".join(dict.fromkeys(part.strip() for part in str(err).split(",")))
        hint = "; a page nests lists or quotes too deeply: flatten it" if "depth" in said else ""
        raise BuildFailed(f"PDF ({edition.config_file.name}): Typst: {said}{hint}") from None
    target = edition.site_dir(site) / edition.pdf_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    for warning in warnings:
        print(f"warning: {target.name}: {warning}", flush=True)
    print(f"  {target.name}: {time.perf_counter() - started:.1f} s", flush=True)
    return target


def export_pdfs(publication: Publication, site: Path) -> list[Path]:
    """Every edition's PDF, the editions side by side on several cores.

    With several cores and no other thread, each edition is prepared and
    typeset in a process of its own (forked: it starts with everything already
    read). Otherwise each is prepared here and typeset in a thread: Typst
    releases the GIL while it lays a document out, so one edition is typeset
    while the next one is prepared.
    """
    when = build_date(publication.root)
    if can_fork():
        return side_by_side(
            [lambda e=e: export_edition(e, site, when) for e in publication.editions]
        )
    with ThreadPoolExecutor(max_workers=len(publication.editions)) as pool:
        jobs = []
        for edition in publication.editions:
            started = time.perf_counter()
            jobs.append(pool.submit(write_pdf, prepared(edition), site, when, started))
        return [job.result() for job in jobs]


def export_edition(edition: Edition, site: Path, when: dt.datetime) -> Path:
    """One edition's PDF, prepared and typeset."""
    started = time.perf_counter()
    return write_pdf(prepared(edition), site, when, started)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m briefkit.pdf.export [--out DIR] [--site-url URL]``."""
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
