"""Build the whole publication: French, then English, then search, then PDFs.

Order matters: the French build owns ``site/`` and would delete ``site/en``
if it ran second. Everything is built into a scratch folder next to the
target and moved into place only when every stage succeeded, so a failed
build never leaves a ``site/`` that looks complete.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from briefkit.problems import BriefError

Stage = Callable[[Path], None]


class BuildFailed(Exception):
    """A stage failed; its messages were already printed."""


def languages(root: Path) -> list[tuple[str, Path, str]]:
    """``(lang, config file, sub-folder)`` per edition, the root edition first."""
    editions = [("fr", root / "mkdocs.yml", "")]
    editions += [
        (p.suffixes[0][1:], p, p.suffixes[0][1:]) for p in sorted(root.glob("mkdocs.*.yml"))
    ]
    return editions


class _Collector(logging.Handler):
    """Keeps the warnings and errors MkDocs logs, for the failure's message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_edition(config_file: Path, site_dir: Path) -> None:
    """One language's strict MkDocs build into ``site_dir``."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        mkdocs_build(config)
    except (MkDocsException, BriefError) as err:
        details = "".join(f"\n  {m}" for m in collector.messages)
        raise BuildFailed(f"{config_file.name}: {err}{details}") from None
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


def check_sources(root: Path) -> None:
    """Fail before building when the editions are not translations of each other."""
    from briefkit.parity import check_parity

    problems = check_parity(root / "docs", [lang for lang, _, _ in languages(root)])
    if problems:
        raise BuildFailed("the editions differ:\n" + "\n".join(map(str, problems)))


def _index_search(root: Path, site: Path) -> None:
    from briefkit.search import index_site

    index_site(root, site)


def source_date_epoch(root: Path) -> str:
    """``SOURCE_DATE_EPOCH``, else the last commit's time: every dated output uses it."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    command = ["git", "-C", str(root), "log", "-1", "--format=%ct"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.stdout.strip() or str(int(time.time()))


def build_all(
    root: Path,
    target: Path,
    with_pdf: bool = True,
    site_url: str | None = None,
    with_search: bool = True,
) -> None:
    """Build every edition (and PDFs) into ``target``, atomically and reproducibly."""
    _setup_logging()
    # MkDocs dates the sitemap, WeasyPrint the PDF: one fixed date makes builds repeatable.
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    if site_url:
        os.environ["BRIEF_SITE_URL"] = site_url.rstrip("/") + "/"
        os.environ["BRIEF_SITE_URL_EN"] = site_url.rstrip("/") + "/en/"
    check_sources(root)
    scratch = target.parent / f".{target.name}.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        for lang, config_file, sub in languages(root):
            _stage(
                f"site ({lang})",
                lambda s, c=config_file, d=sub: build_edition(c, s / d if d else s),
                scratch,
            )
        if with_search:
            _stage("search index", lambda s: _index_search(root, s), scratch)
        if with_pdf:
            _stage("PDF", lambda s: _export_pdfs(root, s), scratch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    _swap_into_place(scratch, target)


def _export_pdfs(root: Path, site: Path) -> None:
    from briefkit.pdf_export import export_pdfs

    export_pdfs(root, site)


def _stage(name: str, run: Stage, scratch: Path) -> None:
    started = time.perf_counter()
    print(f"… {name}", flush=True)
    run(scratch)
    print(f"✓ {name} ({time.perf_counter() - started:.1f} s)", flush=True)


def _swap_into_place(scratch: Path, target: Path) -> None:
    old = target.parent / f".{target.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    scratch.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m briefkit.build [--no-pdf] [--site-dir site]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site)")
    parser.add_argument("--site-url", default=None, help="public URL of the French edition")
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
        )
    except BuildFailed as err:
        print(f"error: {err}\nThe previous site (if any) was left untouched.", file=sys.stderr)
        return 1
    print(f"Built {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
