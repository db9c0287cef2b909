"""Reading one ``.bib`` file into :class:`~briefkit.bib.model.Record` values, fast.

bibtexparser 2 parses (no middleware, so values come as written); this
module resolves each value's macros and ``#`` joins (:mod:`briefkit.bib.values`),
maps types and fields to the data model's names (:mod:`briefkit.bib.datamodel`)
and names what cannot be read. It decodes no TeX: that waits until an entry
is cited (:mod:`briefkit.bib.entries`), so a 10,000-entry library costs
little more than its parsing. Problems carry the entry's key: whether one
stops the build depends on whether the entry is cited (see
:mod:`briefkit.bib.library`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser import model

from briefkit.bib.canonical import canonical, parse_library
from briefkit.bib.datamodel import accepted_types, canonical_field, resolve_type
from briefkit.bib.fields import shown
from briefkit.bib.messages import (
    failed_block_problem,
    read_bib_text,
    stray_text_problems,
    string_problems,
    undefined_macro,
)
from briefkit.bib.model import Record
from briefkit.bib.values import Resolved, resolve, resolve_strings
from briefkit.core.problems import Problem, relpath

BRACE = re.compile(r"[{}]")
CITABLE_KEY = re.compile(r"[^\s,{}()\"'#%~=\\]+\Z")


@dataclass
class FileRecords:
    """What one file holds: its entries, its preamble, and what could not be read."""

    path: str
    records: list[Record] = field(default_factory=list)
    preamble: str = ""
    problems: list[Problem] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "path:line" of blocks not read
    empty: bool = False
    canonical: bool | None = None  # in canonical form? None when it cannot be formatted


def _simple(raw: str) -> str | None:
    """The value of a plain ``{…}`` or number, without the general resolver (fast path)."""
    if raw.isdigit():
        return raw
    if len(raw) < 2 or raw[0] != "{" or raw[-1] != "}":
        return None
    depth = 0
    for match in BRACE.finditer(raw):
        depth += 1 if match.group() == "{" else -1
        if depth == 0 and match.end() != len(raw):
            return None  # "{a} # {b}": the first brace closes early
    return raw[1:-1] if depth == 0 else None


def read_file(path: Path) -> FileRecords:
    """Every entry of ``path`` as a record, and every problem of the file's syntax."""
    where = relpath(path)
    text, problems = read_bib_text(path)
    if text is None:
        return FileRecords(where, problems=[_warning(p) for p in problems])
    if not text.strip():
        message = "empty .bib file: add entries or delete the file"
        return FileRecords(where, problems=[Problem(where, 1, message, severity="warning")],
                           empty=True)  # fmt: skip
    library = parse_library(text)
    strings = resolve_strings([(s.key, s.value) for s in library.strings])
    result = FileRecords(where, problems=[_warning(p) for p in string_problems(where, library, strings)])
    result.preamble = "".join(resolve(p.value, strings).value for p in library.preambles)
    for block in library.failed_blocks:
        entry = getattr(block, "ignore_error_block", None)
        if isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(entry, model.Entry):
            _add_entry(result, entry, strings)  # the field read twice is named there
            continue
        problem = failed_block_problem(where, text, block)
        if isinstance(block, model.DuplicateBlockKeyBlock):
            result.problems.append(_warning(problem, block.key))
            continue
        result.problems.append(problem)
        result.unreadable.append(f"{where}:{block.start_line + 1}")
    result.problems += [_warning(p) for p in stray_text_problems(where, library)]
    for entry in library.entries:
        _add_entry(result, entry, strings)
    if not library.entries and not library.failed_blocks:
        message = "no entries found: add entries or delete the file"
        result.problems.append(Problem(where, 1, message, severity="warning"))
        result.empty = True
    formatted = canonical(text)
    result.canonical = None if formatted is None else formatted == text
    result.records.sort(key=lambda record: record.line)
    return result


def _warning(problem: Problem, key: str | None = None) -> Problem:
    return Problem(problem.path, problem.line, problem.message, problem.col, "warning",
                   problem.key if key is None else key)  # fmt: skip


def _add_entry(result: FileRecords, entry: model.Entry, strings: dict[str, Resolved]) -> None:
    where, line = result.path, entry.start_line + 1
    resolved = resolve_type(entry.entry_type)
    kind = resolved.type if resolved else "misc"
    record = Record(entry.key, kind, entry.entry_type, where, line)
    if resolved is None:
        message = (
            f"entry '{entry.key}' has unknown type @{entry.entry_type}: it is shown as @misc; "
            f"use one of {accepted_types()}"
        )
        result.problems.append(Problem(where, line, message, severity="warning", key=entry.key))
    if not CITABLE_KEY.match(entry.key):
        message = (
            f"entry at line {line} has the key {shown(entry.key)}, which cannot be cited: "
            "a key has no spaces, commas, braces, quotes or # % ~ = \\"
        )
        result.problems.append(Problem(where, line, message, severity="warning", key=entry.key))
    written: dict[str, str] = {}  # data model name -> the name the file used
    for fld in entry.fields:
        _add_field(result, record, fld, strings, written)
    if resolved is not None:
        for name, value in resolved.fields.items():
            record.fields.setdefault(name, value)  # @phdthesis: a thesis of type phdthesis
    result.records.append(record)


def _add_field(
    result: FileRecords,
    record: Record,
    fld: model.Field,
    strings: dict[str, Resolved],
    names: dict[str, str],
) -> None:
    written, line = fld.key.lower(), fld.start_line + 1
    name = canonical_field(written)
    value = _simple(fld.value)
    if value is None:
        resolved = resolve(fld.value, strings)
        value = resolved.value
        for macro in resolved.undefined:
            problem = undefined_macro(record.path, line, record.key, written, macro,
                                      resolved.through.get(macro, ""))  # fmt: skip
            result.problems.append(_warning(problem, record.key))
        if resolved.error:
            at = line + fld.value[: resolved.offset].count("\n")
            message = f"entry '{record.key}', field '{written}': {resolved.error}"
            result.problems.append(Problem(record.path, at, message, key=record.key))
    if name in record.fields:
        first = names[name]
        if first == written:
            message = f"entry '{record.key}' has field {written} twice: the first is used; keep one"
        else:
            message = (
                f"entry '{record.key}' has both {first} and {written}, which biblatex reads as "
                f"one field: {name} is used; keep one"
            )
        result.problems.append(Problem(record.path, line, message, severity="warning",
                                       key=record.key))  # fmt: skip
        if first == written or first == name:
            return
    record.fields[name] = value
    record.lines[name] = line
    names[name] = written
