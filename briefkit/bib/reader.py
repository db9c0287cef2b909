"""Reading and validating ``.bib`` files: bibtexparser 2 parses, this module checks.

The parser runs with no middleware so that we see values exactly as written;
:mod:`briefkit.bib.values` resolves them, :mod:`briefkit.bib.tex` decodes
their TeX, :mod:`briefkit.bib.names` reads names, :mod:`briefkit.bib.inheritance`
follows ``crossref``/``xdata`` across every file of the brief, and
:mod:`briefkit.bib.fields` checks values. Every mistake is a
:class:`~briefkit.core.problems.Problem` naming the file, the line and the entry's
key; an entry with an error is recorded in :attr:`Bibliography.broken`, so
that pages are still checked against the sound entries.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser import model

from briefkit.bib.canonical import parse_library
from briefkit.bib.datamodel import (
    DATA_ONLY,
    PERSON_FIELDS,
    SHOWN_FIELDS,
    TYPES,
    VERBATIM_FIELDS,
    accepted_types,
    canonical_type,
)
from briefkit.bib.fields import check_value, missing_required
from briefkit.bib.inheritance import inherit, parents
from briefkit.bib.messages import (
    failed_block_problem,
    read_bib_text,
    stray_text_problems,
    string_problems,
    undefined_macro,
    unknown_command,
)
from briefkit.bib.model import Bibliography, Source
from briefkit.bib.names import read_names
from briefkit.bib.tex import Macro, decode, parse_preamble, runs
from briefkit.bib.values import Resolved, resolve, resolve_strings
from briefkit.core.grammar import KEY_RE
from briefkit.core.problems import BriefError, Problem, relpath

__all__ = [
    "Bibliography",
    "Source",
    "bib_files",
    "load_bibliography",
    "load_bibliography_dir",
    "load_or_raise",
    "parse_bib_file",
    "read_bib_text",
]
# bibtexparser logs each failed block itself; we report them as Problems instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


@dataclass
class BibFile:
    """What one file holds before inheritance: entries, data-only entries, problems."""

    entries: list[Source] = field(default_factory=list)
    data: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    empty: bool = False


def read_bib_file(path: Path) -> BibFile:
    """Parse one file and check each entry on its own (inheritance comes later)."""
    text, problems = read_bib_text(path)
    where = relpath(path)
    if text is None:
        return BibFile(problems=problems)
    if not text.strip():
        return BibFile(
            problems=[Problem(where, 1, "empty .bib file: add entries or delete the file")],
            empty=True,
        )
    library = parse_library(text)
    strings = resolve_strings([(s.key, s.value) for s in library.strings])
    result = BibFile(problems=string_problems(where, library, strings))
    preamble = "".join(resolve(p.value, strings).value for p in library.preambles)
    macros = parse_preamble(preamble)
    for block in library.failed_blocks:
        result.problems.append(failed_block_problem(where, text, block))
    result.problems += stray_text_problems(where, library)
    for entry in library.entries:
        source, entry_problems = _make_source(where, entry, strings, macros)
        result.problems += [dataclasses.replace(p, key=entry.key) for p in entry_problems]
        if source is not None:
            (result.data if source.type in DATA_ONLY else result.entries).append(source)
    if not library.entries and not library.failed_blocks:
        result.problems.append(
            Problem(where, 1, "no entries found: add entries or delete the file")
        )
        result.empty = True
    return result


def _make_source(
    where: str, entry: model.Entry, strings: dict[str, Resolved], macros: tuple[Macro, ...]
) -> tuple[Source | None, list[Problem]]:
    line = entry.start_line + 1
    kind = canonical_type(entry.entry_type)
    if kind not in TYPES and kind not in DATA_ONLY:
        msg = (
            f"entry '{entry.key}' has unknown type @{entry.entry_type}: "
            f"use one of {accepted_types()}"
        )
        return None, [Problem(where, line, msg)]
    problems = []
    if not KEY_RE.match(entry.key):
        problems.append(
            Problem(where, line, f"invalid key '{entry.key}': use letters, digits, _ - : .")
        )
    source = Source(entry.key, kind, {}, {}, where, line)
    for fld in entry.fields:
        problems += _read_field(source, fld, strings, macros)
    return source, problems


def _read_field(
    source: Source, fld: model.Field, strings: dict[str, Resolved], macros: tuple[Macro, ...]
) -> list[Problem]:
    name, line, key = fld.key.lower(), fld.start_line + 1, source.key
    resolved = resolve(fld.value, strings)
    problems = [
        undefined_macro(source.path, line, key, name, macro, resolved.through.get(macro, ""))
        for macro in resolved.undefined
    ]
    if resolved.error:
        at = line + fld.value[: resolved.offset].count("\n")
        problems.append(
            Problem(source.path, at, f"entry '{key}', field '{name}': {resolved.error}")
        )
    value = resolved.value
    if name in PERSON_FIELDS:
        source.persons[name] = read_names(value, lambda part: decode(part, macros).text)
        return problems
    if name not in VERBATIM_FIELDS:
        decoded = decode(value, macros)
        if decoded.raw:
            message = (
                f"field '{name}' of '{key}' holds TeX that cannot be read ({value[:40]!r}): "
                "write \\# for #, and balance every { and }"
            )
            problems.append(Problem(source.path, line, message))
        if name in SHOWN_FIELDS:
            problems += [unknown_command(source.path, line, key, name, c) for c in decoded.unknown]
        value = decoded.text
        if decoded.marked != value:
            source.rich[name] = runs(decoded.marked)
        if "noopsort" in resolved.value:
            source.sort[name] = decode(resolved.value, macros, sort=True).text
    value, message = check_value(key, name, value)
    if message:
        problems.append(Problem(source.path, line, message))
    source.fields[name] = value
    return problems


def complete(entries: list[Source], broken: dict[str, str]) -> tuple[list[Source], list[Problem]]:
    """Entries with their inherited fields, checked for required fields."""
    resolved, problems = inherit(entries, broken)
    stores = parents(entries)
    for source in resolved:
        for wanted in missing_required(source.type, source.fields, source.persons):
            # A crossref parent may only hold shared fields, as BibTeX allows: a warning.
            severity = "warning" if source.key.lower() in stores else "error"
            message = f"@{source.type} '{source.key}' is missing required field {wanted}"
            problems.append(
                Problem(source.path, source.line, message, severity=severity, key=source.key)
            )
    return resolved, problems


def parse_bib_file(path: Path) -> tuple[list[Source], list[Problem]]:
    """Parse and validate one ``.bib`` file on its own (crossrefs within it)."""
    bib = read_bib_file(path)
    sources, problems = complete(bib.entries + bib.data, {})
    sources = [s for s in sources if s.type not in DATA_ONLY]
    return sources, bib.problems + problems


_CACHE: dict[tuple[tuple[str, int, int], ...], tuple[Bibliography, list[Problem]]] = {}


def load_bibliography(paths: list[Path]) -> tuple[Bibliography, list[Problem]]:
    """Parse every ``.bib`` file once per content version (cached by mtime and size)."""
    # Resolved paths: the check, the plugin and the extensions name the same files differently.
    paths = sorted(p.resolve() for p in paths)
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if signature not in _CACHE:
        _CACHE.clear()
        _CACHE[signature] = _load_uncached(paths)
    return _CACHE[signature]


def _load_uncached(paths: list[Path]) -> tuple[Bibliography, list[Problem]]:
    bibliography, problems, entries = Bibliography(), [], []
    for path in paths:
        bib = read_bib_file(path)
        problems += bib.problems
        entries += bib.entries + bib.data
        if bib.empty:
            bibliography.empty.append(relpath(path))
    _mark_broken(bibliography, problems, entries)
    sources, more = complete(entries, bibliography.broken)
    problems += more
    _mark_broken(bibliography, more, entries)
    for source in sources:
        if source.key in bibliography.broken or source.type in DATA_ONLY:
            continue  # pages are checked against the entries that are sound
        if source.key in bibliography:
            first = bibliography[source.key]
            message = f"duplicate key '{source.key}' (first defined at {first.where}): rename one"
            problems.append(Problem(source.path, source.line, message))
            continue
        bibliography.sources[source.key] = source
    return bibliography, problems


def _mark_broken(
    bibliography: Bibliography, problems: list[Problem], entries: list[Source]
) -> None:
    starts = {source.key: source.where for source in entries}
    for problem in problems:
        if problem.key and problem.severity == "error":
            where = starts.get(problem.key, f"{problem.path}:{problem.line}")
            bibliography.broken.setdefault(problem.key, where)


def load_bibliography_dir(bib_dir: Path) -> tuple[Bibliography, list[Problem]]:
    """Every ``.bib`` file of ``bib_dir``, parsed once per content version."""
    paths = bib_files(bib_dir)
    if not paths:
        return Bibliography(), [
            Problem(relpath(bib_dir), 1, "no .bib file found: add one (see README)")
        ]
    return load_bibliography(paths)


def bib_files(bib_dir: Path) -> list[Path]:
    """All ``.bib`` files of a brief, in a stable order (never a link: see bib.hygiene)."""
    return sorted(path for path in bib_dir.glob("*.bib") if not path.is_symlink())


def load_or_raise(bib_dir: Path) -> Bibliography:
    """The brief's bibliography, or :class:`BriefError` listing every problem."""
    bibliography, problems = load_bibliography_dir(bib_dir)
    if any(p.severity == "error" for p in problems):
        raise BriefError(problems)
    return bibliography
