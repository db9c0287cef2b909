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

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser import model

from briefkit.bib.canonical import is_canonical, parse_library
from briefkit.bib.datamodel import accepted_types, resolve_type
from briefkit.bib.datamodel import model as data_model
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
    if raw.find("}") == len(raw) - 1 and raw.find("{", 1) < 0:
        return raw[1:-1]  # one pair of braces, nothing inside: most values
    depth = 0
    for match in BRACE.finditer(raw):
        depth += 1 if match.group() == "{" else -1
        if depth == 0 and match.end() != len(raw):
            return None  # "{a} # {b}": the first brace closes early
    return raw[1:-1] if depth == 0 else None


def read_file(path: Path) -> FileRecords:
    """Every entry of ``path`` as a record, and every problem of the file's syntax."""
    # Reading makes a few objects per field and frees none: the cyclic garbage collector
    # would walk them all again and again (a third of the time on 10,000 entries).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_file(path)
    finally:
        if collecting:
            gc.enable()


def _read_file(path: Path) -> FileRecords:
    where = relpath(path)
    text, problems = read_bib_text(path)
    if text is None:  # its entries cannot be used: an error for a brief citing one
        return FileRecords(where, problems=problems)
    if not text.strip():
        message = "empty .bib file: add entries or delete the file"
        return FileRecords(where, problems=[Problem(where, 1, message, severity="warning")],
                           empty=True)  # fmt: skip
    library = parse_library(text)
    strings = resolve_strings([(s.key, s.value) for s in library.strings])
    result = FileRecords(
        where, problems=[_warning(p) for p in string_problems(where, library, strings)]
    )
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
    result.canonical = is_canonical(text)
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
    if not entry.key.strip():
        message = f"entry at line {line} has no key, so it cannot be cited: give it one"
        result.problems.append(Problem(where, line, message, severity="warning"))
        return
    if not CITABLE_KEY.match(entry.key):
        message = (
            f"entry at line {line} has the key {shown(entry.key)}, which cannot be cited: "
            "a key has no spaces, commas, braces, quotes or # % ~ = \\"
        )
        result.problems.append(Problem(where, line, message, severity="warning", key=entry.key))
    aliases, fields, lines = data_model().field_aliases, record.fields, record.lines
    written: dict[str, str] = {}  # data model name -> the name the file used
    for fld in entry.fields:  # the loop every field of a library goes through: kept lean
        raw, as_written = fld.value, fld.key.lower()
        name = aliases.get(as_written, as_written)
        if raw[:1] == "{" and raw.find("}") == len(raw) - 1 and raw.find("{", 1) < 0:
            value = raw[1:-1]  # one pair of braces, nothing inside: most values
        else:
            value = _value(result, record, fld, as_written, strings)
        if name in fields and not _keep_second(result, record, fld, name, as_written, written):
            continue
        fields[name], lines[name], written[name] = value, fld.start_line + 1, as_written
    if resolved is not None:
        for name, value in resolved.fields.items():
            record.fields.setdefault(name, value)  # @phdthesis: a thesis of type phdthesis
    result.records.append(record)


def _value(
    result: FileRecords,
    record: Record,
    fld: model.Field,
    written: str,
    strings: dict[str, Resolved],
) -> str:
    """A value that is not one plain ``{…}``: macros, ``#`` joins, quotes, nested braces."""
    value = _simple(fld.value)
    if value is not None:
        return value
    line = fld.start_line + 1
    resolved = resolve(fld.value, strings)
    for macro in resolved.undefined:
        problem = undefined_macro(record.path, line, record.key, written, macro,
                                  resolved.through.get(macro, ""))  # fmt: skip
        result.problems.append(_warning(problem, record.key))
    if resolved.error:
        at = line + fld.value[: resolved.offset].count("\n")
        message = f"entry '{record.key}', field '{written}': {resolved.error}"
        result.problems.append(Problem(record.path, at, message, key=record.key))
    return resolved.value


def _keep_second(
    result: FileRecords,
    record: Record,
    fld: model.Field,
    name: str,
    written: str,
    names: dict[str, str],
) -> bool:
    """A field met twice (``title`` and ``Title``, ``journal`` and ``journaltitle``): warn;
    the data model's own name wins, else the first."""
    first = names[name]
    if first == written:
        message = f"entry '{record.key}' has field {written} twice: the first is used; keep one"
    else:
        message = (
            f"entry '{record.key}' has both {first} and {written}, which biblatex reads as "
            f"one field: {name} is used; keep one"
        )
    result.problems.append(Problem(record.path, fld.start_line + 1, message,
                                   severity="warning", key=record.key))  # fmt: skip
    return first != written and first != name
