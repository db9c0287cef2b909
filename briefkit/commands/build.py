"""Build the whole publication: every edition, then search, then the PDFs.

The root edition is built first (MkDocs empties its ``site_dir``, which holds
the other editions' folders). Everything is built into a scratch folder next
to the target and swapped into place in one step only when every stage
succeeded (:mod:`briefkit.commands.output`), so a failed or interrupted build
never leaves a ``site/`` that is not complete; one build at a time, never
into the sources; every source read once, up front (a snapshot).

Before anything is published, the build gathers every problem the editors'
check finds (sources, translations, citations, links), each edition's
included, prints them all, and stops if one is an error.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from briefkit.assembly.assemble import AssembledEdition, assemble_all, load_mkdocs_config
from briefkit.commands.output import (
    build_lock,
    refuse_output,
    source_folders,
    swap,
)
from briefkit.core.configfile import resolve_names
from briefkit.core.editions import Edition, Publication, load_publication, source_date_epoch
from briefkit.core.oserrors import os_error_message
from briefkit.core.problems import BriefError, BuildFailed, MessageCollector, Problem, collect
from briefkit.core.sidebyside import side_by_side
from briefkit.core.sources import snapshot
from briefkit.site.audit import audit_site
from briefkit.site.search import index_site

Stage = Callable[[Path], None]
ABSOLUTE_URL_OUTPUTS = (
    "canonical links, hreflang alternates, og:url, JSON-LD, sitemap.xml "
    "and the 'cite this brief' files (brief-<lang>.bib/.ris/.json)"
)


def build_edition(edition: Edition, site_dir: Path, config: MkDocsConfig | None = None) -> None:
    """One edition's strict MkDocs build into ``site_dir`` (with its loaded config, if given)."""
    collector = MessageCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        if config is None:
            config = load_mkdocs_config(edition)
        config["site_dir"], config["strict"] = str(site_dir), True
        # Material's !!python/name: values, kept as names while checking, imported to build.
        config["mdx_configs"] = resolve_names(config.mdx_configs)
        mkdocs_build(config)
    except MkDocsException as err:
        details = "".join(f"\n  {m}" for m in collector.messages)
        raise BuildFailed(f"{edition.config_file.name}: {err}{details}") from None
    finally:
        logger.removeHandler(collector)


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def open_publication(root: Path, site_url: str | None, publish: bool) -> Publication:
    """The brief's editions; a publishing build must have a real address."""
    try:
        publication = load_publication(root, site_url)
    except BriefError as err:
        raise BuildFailed(_listing(err.problems)) from None
    if publication.url_is_local:
        message = (
            f"no site URL: absolute links point at {publication.site_url} in "
            f"{ABSOLUTE_URL_OUTPUTS}; pass --site-url https://… (or set site_url in "
            "mkdocs.yml) for a site you publish"
        )
        if publish:
            raise BuildFailed(message)
        print(f"warning: {message}", file=sys.stderr)
    return publication


def _listing(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    lines = "\n".join(p.editor() for p in sorted(set(problems)))
    return f"{errors} error(s) in the brief:\n{lines}"


def build_sites(publication: Publication, scratch: Path, with_pdf: bool = False) -> None:
    """Check, then build every edition; stop with every problem if there is an error.

    With the PDFs to make, characters no PDF font draws are errors of the check
    too, named where they are written, before any PDF is typeset.
    """
    try:
        assembled, problems = assemble_all(publication)
    except BriefError as err:
        raise BuildFailed(_listing(err.problems)) from None
    if with_pdf:
        problems += _glyph_check(assembled)
    page_problems, failures = build_editions(assembled, scratch)
    everything = sorted(set(problems + page_problems))
    if failures or any(p.severity == "error" for p in everything):
        listing = [_listing(everything)] if everything else []
        raise BuildFailed("\n".join([*listing, *failures]))
    for problem in everything:
        print(problem.editor(), file=sys.stderr)


EditionResult = tuple[list[Problem], list[str]]


def _build_one(assembled: AssembledEdition, site_dir: Path) -> EditionResult:
    """One edition built, with the problems its pages reported and its failure, if any."""
    edition, started = assembled.edition, time.perf_counter()
    print(f"… site ({edition.lang})", flush=True)
    with collect() as problems:
        try:
            build_edition(edition, site_dir, assembled.config)
        except BuildFailed as err:
            return list(problems), [str(err)]
        except OSError as err:  # in a forked process too: one line, never a traceback
            return list(problems), [os_error_message(err)]
    print(f"✓ site ({edition.lang}) ({time.perf_counter() - started:.1f} s)", flush=True)
    return list(problems), []


def build_editions(assembled: list[AssembledEdition], scratch: Path) -> EditionResult:
    """Every edition into ``scratch``, side by side when the machine allows it.

    The root edition is built here; each other one into a folder of its own
    (MkDocs empties the root edition's folder first), moved into place after.
    """
    parts = scratch.parent / f"{scratch.name}.editions"
    shutil.rmtree(parts, ignore_errors=True)  # left by a build that was killed
    jobs = [lambda a=a: _build_one(a, parts / a.edition.lang) for a in assembled[1:]]
    results = side_by_side([lambda: _build_one(assembled[0], scratch), *jobs])
    for other, (_, failed) in zip(assembled[1:], results[1:], strict=True):
        built = parts / other.edition.lang
        if built.is_dir() and not failed:
            built.rename(other.edition.site_dir(scratch))
    shutil.rmtree(parts, ignore_errors=True)
    return _merge(results)


def _merge(results: list[EditionResult]) -> EditionResult:
    return [p for found, _ in results for p in found], [f for _, fails in results for f in fails]


def build_all(
    root: Path,
    target: Path,
    with_pdf: bool = True,
    site_url: str | None = None,
    with_search: bool = True,
    publish: bool = False,
) -> None:
    """Build every edition (and PDFs) into ``target``, atomically and reproducibly."""
    _setup_logging()
    # MkDocs dates the sitemap, the PDF engine the PDF: one fixed date makes builds repeatable.
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    publication = open_publication(root, site_url, publish)
    sources = source_folders(publication)
    refuse_output(target, root, sources)
    configs = [e.config_file for e in publication.editions]
    with build_lock(root), snapshot(sources, configs):
        _build_and_swap(publication, target, with_pdf, with_search)


def _build_and_swap(
    publication: Publication, target: Path, with_pdf: bool, with_search: bool
) -> None:
    scratch = target.parent / f".{target.name}.partial"
    leftovers = [scratch, scratch.parent / f"{scratch.name}.editions"]
    for folder in leftovers:  # left by a build that was killed
        shutil.rmtree(folder, ignore_errors=True)
    try:
        build_sites(publication, scratch, with_pdf)
        if with_search:
            _stage("search index", lambda s: index_site(publication, s), scratch)
        if with_pdf:
            _stage("PDF", lambda s: _export_pdfs(publication, s), scratch)
        _stage("output check", lambda s: _audit(publication, s), scratch)
        fault_point("before-swap")
        swap(scratch, target)
    finally:  # on any failure, a full disk or an interruption included
        for folder in leftovers:
            shutil.rmtree(folder, ignore_errors=True)


def _audit(publication: Publication, site: Path) -> None:
    """Stop before publishing anything a browser could run or fetch from elsewhere."""
    found = audit_site(site, publication.site_url)
    if found:
        raise BuildFailed(
            "the built site holds what may not be published (nothing was published):\n"
            + "\n".join(f"  {line}" for line in found)
        )


def fault_point(name: str) -> None:
    """Where the fault-injection tests kill a build (``BRIEFKIT_FAULT=name``) or hold it
    for a few seconds (``BRIEFKIT_FAULT=hold:name``); nothing else reads it."""
    fault = os.environ.get("BRIEFKIT_FAULT", "")
    if fault == name:
        os.kill(os.getpid(), signal.SIGKILL)
    elif fault == f"hold:{name}":
        time.sleep(5)


def _glyph_check(assembled: list[AssembledEdition]) -> list[Problem]:
    # Imported here, not at the top: the PDF engine's start-up is not a site build's cost.
    from briefkit.pdf.glyphs import glyph_check

    return glyph_check(assembled)


def _export_pdfs(publication: Publication, site: Path) -> None:
    # Imported here, not at the top: the PDF engine's start-up is not a site build's cost.
    from briefkit.pdf.export import export_pdfs

    export_pdfs(publication, site)


def _stage(name: str, run: Stage, scratch: Path) -> None:
    started = time.perf_counter()
    print(f"… {name}", flush=True)
    run(scratch)
    print(f"✓ {name} ({time.perf_counter() - started:.1f} s)", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``briefkit build [--no-pdf] [--site-url URL] [--publish]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site)")
    parser.add_argument("--site-url", default=None, help="public URL of the root edition")
    parser.add_argument(
        "--publish", action="store_true", help="fail unless a real site URL is known"
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF export")
    parser.add_argument("--no-search", action="store_true", help="skip the search index")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    target = (args.site_dir or root / "site").resolve()
    try:
        build_all(
            root,
            target,
            with_pdf=not args.no_pdf,
            site_url=args.site_url,
            with_search=not args.no_search,
            publish=args.publish,
        )
    except BuildFailed as err:
        print(f"error: {err}\nThe previous site (if any) was left untouched.", file=sys.stderr)
        return 1
    except OSError as err:
        message = os_error_message(err)
        print(f"error: {message}\nThe previous site (if any) was left untouched.", file=sys.stderr)
        return 1
    print(f"Built {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
