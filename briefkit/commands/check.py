"""The editors' check: every content problem, as ``path:line:col: severity: message``.

Runs without building the site: the brief's sources are assembled exactly as
the build assembles them (:func:`briefkit.assembly.assemble.assemble_all`), each page
goes through the same Markdown extensions as the build, then links and
anchors are resolved against the converted pages. A broken ``.bib`` entry
does not stop the page checks: pages are checked against the sound entries.
Exit status: 1 when there is an error, 0 when there are only warnings.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.assembly.assemble import AssembledEdition, assemble_all
from briefkit.assembly.linkcheck import LinkCollectorExtension, PageLinks, check_links
from briefkit.bib.canonical import format_file
from briefkit.bib.reader import bib_files
from briefkit.commands.output import output_problems, source_folders
from briefkit.core.editions import Publication, load_publication
from briefkit.core.oserrors import os_error_message
from briefkit.core.problems import BriefError, Problem, collect, line_of, relpath
from briefkit.pdf.glyphs import glyph_check
from briefkit.translation.check import check_translations


def check_pages(assembled: AssembledEdition) -> list[Problem]:
    """Citations, figures and internal links of every page of one edition."""
    links: dict[str, PageLinks] = {}
    with collect() as problems:
        for src, page in assembled.pages.items():
            if page.problems:
                continue  # unreadable front matter: reported, the body cannot be trusted
            md = assembled.converter(src, LinkCollectorExtension(links, src))
            md.convert(page.body)
    texts = {src: page.text for src, page in assembled.pages.items()}
    return [*problems, *check_links(assembled.edition.docs_dir, links, texts)]


@dataclass
class Report:
    """What a check found, and how many sources it read and the brief cites."""

    problems: list[Problem] = field(default_factory=list)
    entries: int = 0  # entries read from the .bib files (once per bibliography)
    cited: int = 0  # of them, those the brief cites (or nocite names)
    files: int = 0


def check_brief(root: Path, validate: bool = False, notes: list[str] | None = None) -> Report:
    """Every problem of the brief in ``root``, each once, in file order, with counts.

    What could not be checked, and why, is added to ``notes``.
    """
    try:
        publication = load_publication(root)
    except BriefError as err:
        return Report(sorted(set(err.problems)))
    unsafe = site_dir_problems(publication)
    try:
        assembled, problems = assemble_all(publication, validate)
    except BriefError as err:
        # MkDocs refuses some of these too, in its own words: ours say where and why.
        said = [p for p in err.problems if not (unsafe and "'site_dir'" in p.message)]
        return Report(sorted(set(unsafe + said)))
    problems += unsafe
    report = Report()
    for bibliography in {id(a.bibliography): a.bibliography for a in assembled}.values():
        report.entries += len(bibliography.keys())
        report.files += len(bibliography.canonical)
        cited = set().union(*(a.cited for a in assembled if a.bibliography is bibliography))
        report.cited += len({k for k in bibliography.reached(cited) if k in bibliography})
    for edition in assembled:
        problems += check_pages(edition)
    problems += check_translations(publication, [] if notes is None else notes)
    problems += glyph_check(assembled)
    report.problems = sorted(set(problems))
    return report


def run_checks(root: Path, notes: list[str] | None = None, validate: bool = False) -> list[Problem]:
    """Every problem of the brief in ``root``, each once, in file order.

    What could not be checked, and why, is added to ``notes``.
    """
    return check_brief(root, validate, notes).problems


QUOTED = re.compile(r"'[^']*'|@\w+|\\\w+|\b\d+\b")


def kind_of(problem: Problem) -> str:
    """A problem's kind: its message before the fix, with what it quotes left out."""
    head = problem.message.split(": ")[0]
    return QUOTED.sub("…", head)


def grouped(problems: list[Problem]) -> list[str]:
    """Errors in file order, then warnings grouped by kind (each kind headed by its count)."""
    lines = [p.editor() for p in problems if p.severity == "error"]
    kinds: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.severity != "error":
            kinds.setdefault(kind_of(problem), []).append(problem)
    for kind, members in sorted(kinds.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(f"-- {len(members)} warning(s): {kind}")
        lines += [p.editor() for p in members]
    return lines


def site_dir_problems(publication: Publication) -> list[Problem]:
    """``site_dir`` of a configuration may never be, hold or sit inside the sources."""
    sources = source_folders(publication)
    problems = []
    for edition in publication.editions:
        if "site_dir" not in edition.raw:
            continue
        target = edition.config_file.parent / str(edition.raw["site_dir"])
        for message in output_problems(target, publication.root, sources):
            text = edition.config_file.read_text(encoding="utf-8", errors="replace")
            match = re.search(r"(?m)^site_dir\s*:", text)
            line = line_of(text, match.start()) if match else 1
            fix = "the build replaces it whole: give it a folder of its own, e.g. site"
            problems.append(Problem(relpath(edition.config_file), line, f"{message}; {fix}"))
    return problems


def fix_bib(root: Path) -> None:
    """Rewrite every ``.bib`` file of the brief in canonical form."""
    publication = load_publication(root)
    assembled, _ = assemble_all(publication)
    for bib_dir in dict.fromkeys(a.bib_dir.resolve() for a in assembled):
        for path in bib_files(bib_dir):
            if format_file(path):
                print(f"formatted {relpath(path)}")


def main(argv: list[str] | None = None) -> int:
    """``scripts/check [--format text|github] [--fix-bib]``: exit 1 when there is an error."""
    parser = argparse.ArgumentParser(description="Check the brief's content.")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--format", choices=["text", "github"], default="text")
    parser.add_argument("--fix-bib", action="store_true", help="rewrite .bib files canonically")
    parser.add_argument(
        "--validate-datamodel",
        action="store_true",
        help="also warn about fields biblatex's data model requires (as biber's option does)",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.fix_bib:
        with contextlib.suppress(BriefError):  # the check below names the problem
            fix_bib(root)
    notes: list[str] = []
    try:
        report = check_brief(root, args.validate_datamodel, notes)
    except OSError as err:  # a page or source that cannot be read: one line, no traceback
        print(f"error: {os_error_message(err)}", file=sys.stderr)
        return 1
    problems = report.problems
    if args.format == "github":
        for problem in problems:
            print(problem.github())
    else:
        for line in grouped(problems):
            print(line)
    for note in notes:
        if args.format == "github":
            print(f"::notice::{note}")  # workflow commands are read from standard output
        else:
            print(f"note: {note}", file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    if report.files:
        print(
            f"sources: {report.entries} entries read from {report.files} .bib file(s), "
            f"{report.cited} cited",
            file=sys.stderr,
        )
    print(f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
