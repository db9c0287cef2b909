"""``briefkit translations``: the status table, ``ack``, ``export``, ``import`` and ``termbase``.

- ``briefkit translations`` prints, per page and language, how many passages
  are up to date, stale, missing or orphaned (a Markdown table: the
  pull-request workflow writes it into the job summary).
- ``briefkit translations ack docs/en/page.md:12 …`` records that the stale
  passage at that line still says what its changed source says.
- ``briefkit translations export --to en`` writes XLIFF 2 files for
  translators; ``briefkit translations import FILE…`` writes their
  translations back; ``briefkit translations termbase`` writes the glossary
  as a TBX (or CSV) termbase.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefkit.core.editions import load_publication
from briefkit.core.problems import BriefError, relpath
from briefkit.translation import exchange, importer
from briefkit.translation.report import table
from briefkit.translation.status import BriefStatus, PageStatus, PassageStatus, State, brief_status


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``briefkit translations [ack|export|import|termbase] …``."""
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    try:
        publication = load_publication(root)
    except BriefError as err:
        for problem in err.problems:
            print(problem.editor(), file=sys.stderr)
        return 1
    if len(publication.editions) < 2:
        print("this brief has one edition: there is nothing to translate", file=sys.stderr)
        return 0
    if args.command == "ack":
        return acknowledge(brief_status(publication), args.passages)
    if args.command == "export":
        return exchange.export(publication, args.to, args.out, args.per)
    if args.command == "import":
        return importer.import_all(publication, args.files)
    if args.command == "termbase":
        return exchange.termbase(publication, args.out, args.format)
    print(table(brief_status(publication)), end="")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefkit translations", description="Translation status and translators' files."
    )
    parser.add_argument("--root", type=Path, default=Path.cwd())
    commands = parser.add_subparsers(dest="command")
    ack = commands.add_parser("ack", help="record that stale passages still say the same")
    ack.add_argument("passages", nargs="+", help="FILE:LINE of a stale passage (or FILE: all)")
    export = commands.add_parser("export", help="write XLIFF 2 files for translators")
    export.add_argument("--to", required=True, help="the language to translate into")
    export.add_argument("--out", type=Path, default=Path("xliff"), help="folder (default xliff/)")
    export.add_argument("--per", choices=["page", "brief"], default="page")
    imported = commands.add_parser("import", help="write translated XLIFF files back")
    imported.add_argument("files", nargs="+", type=Path)
    termbase = commands.add_parser("termbase", help="write the glossary as a termbase")
    termbase.add_argument("--out", type=Path, default=Path("xliff"), help="folder (default xliff/)")
    termbase.add_argument("--format", choices=["tbx", "csv"], default="tbx")
    return parser


def acknowledge(status: BriefStatus, wanted: list[str]) -> int:
    """Record each stale passage named ``FILE:LINE`` (either side) as checked."""
    failed, touched = 0, set()
    for name in wanted:
        path, _, line = (
            name.rpartition(":") if name.rpartition(":")[2].isdigit() else (name, "", "")
        )
        found = [
            (page, p)
            for page in status.pages
            for p in page.passages
            if p.state == State.STALE and _names(page, p, Path(path).resolve(), line)
        ]
        if not found:
            print(f"{name}: no stale passage there: run `briefkit translations` to list them")
            failed += 1
        for page, passage in found:
            assert passage.source and passage.target
            record = status.records[page.lang]
            touched.add(page.lang)
            record.acknowledge(
                page.page,
                passage.target.anchor,
                passage.source.fingerprint,
                passage.target.fingerprint,
            )
            print(
                f"acknowledged {relpath(page.target_path)}:{passage.target.line} "
                f"({passage.target.label}) as checked against {relpath(page.source_path)}:"
                f"{passage.source.line}: commit {relpath(record.path)}"
            )
    for lang in touched:
        record = status.records[lang]
        for page in (p for p in status.pages if p.lang == lang):
            record.keep_only(page.page, {p.target.fingerprint for p in page.passages if p.target})
        record.save()
    return 1 if failed else 0


def _names(page: PageStatus, passage: PassageStatus, path: Path, line: str) -> bool:
    """Whether ``path[:line]`` is this passage, on the translation's side or the source's."""
    for side, where in ((passage.target, page.target_path), (passage.source, page.source_path)):
        if side and where.resolve() == path and (not line or side.line <= int(line) <= side.end):
            return True
    return False


if __name__ == "__main__":
    raise SystemExit(main())
