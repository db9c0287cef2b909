"""A record made ready to cite: TeX decoded, names read, values checked (before inheritance).

Each field is read by its data type in biblatex's data model
(:mod:`briefkit.bib.datamodel`): name lists by :mod:`briefkit.bib.namelist`,
literal lists split on ``and``, verbatim and URI fields used as written and
checked (:mod:`briefkit.bib.fields`), the rest decoded from TeX
(:mod:`briefkit.bib.tex`). Fields no template prints (``abstract``, ``file``…)
and fields outside the data model are kept as written, undecoded: nobody
reads them, so nothing is spent on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefkit.bib.datamodel import model
from briefkit.bib.fields import check_value, shown
from briefkit.bib.model import Record, Source
from briefkit.bib.namelist import entry_useprefix, read_names, split_list
from briefkit.bib.tex import Macro, decode, runs
from briefkit.core.problems import Problem

AS_WRITTEN = ("verbatim", "uri", "date", "separated", "entrykey", "code", "")
# Literal lists whose items are split on "and" and joined with the language's words.
# Places only: publisher, institution and organization are kept whole, for their "and" is
# nearly always part of a name ("Springer Science and Business Media", "Harper and Row"),
# which biblatex would print « … et … » in French; a name is never translated.
SPLIT = ("location", "origlocation", "language", "origlanguage")
CHECKED = ("url", "doi", "month", "day", "date", "origdate", "eventdate", "urldate")


@dataclass
class Made:
    """A source, the problems of its fields, and the unknown TeX commands met."""

    source: Source
    problems: list[Problem] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (command, field)


def make_source(record: Record, macros: tuple[Macro, ...]) -> Made:
    """The source of ``record``, its fields decoded and checked."""
    source = Source(record.key, record.type, {}, {}, record.path, record.line)
    source.written_type = record.written_type
    made = Made(source)
    useprefix = entry_useprefix(record.fields.get("options", ""))
    for name, value in record.fields.items():
        line = record.lines.get(name, record.line)
        kind = model().kind(name)
        if kind == "name":
            _names(made, name, value, line, macros, useprefix)
        elif kind in AS_WRITTEN or name in model().ignored:
            _as_written(made, name, value, line)
        else:
            _decoded(made, name, value, line, macros)
    return made


def _problem(made: Made, line: int, message: str, severity: str = "warning") -> None:
    source = made.source
    made.problems.append(Problem(source.path, line, message, severity=severity, key=source.key))


def _names(
    made: Made, name: str, value: str, line: int, macros: tuple[Macro, ...], useprefix: bool | None
) -> None:
    def text(part: str) -> str:
        decoded = decode(part, macros)
        made.unknown += [(command, name) for command in decoded.unknown]
        return decoded.text

    found = read_names(value, text, useprefix)
    for item in found.unreadable:
        _problem(
            made,
            line,
            f"{name} of '{made.source.key}' holds a name that cannot be read ({shown(item)}): "
            "it is shown as written; write Family, Given and join names with 'and'",
        )
    if found.people:
        made.source.persons[name] = found.people


def _as_written(made: Made, name: str, value: str, line: int) -> None:
    value = value.strip()
    if name in CHECKED:
        checked = check_value(made.source.key, name, value)
        if checked.message:
            _problem(made, line, checked.message, checked.severity)
        if checked.value is None:
            return
        value = checked.value
    if value:
        made.source.fields[name] = value


def _decoded(made: Made, name: str, value: str, line: int, macros: tuple[Macro, ...]) -> None:
    source = made.source
    decoded = decode(value, macros)
    made.unknown += [(command, name) for command in decoded.unknown]
    if decoded.raw:
        _problem(
            made,
            line,
            f"field '{name}' of '{source.key}' holds TeX that cannot be read ({shown(value)}): "
            "it is shown without its braces and backslashes; balance every { and }",
        )
    text = decoded.text
    if name in CHECKED:
        checked = check_value(source.key, name, text)
        if checked.message:
            _problem(made, line, checked.message, checked.severity)
        if checked.value is None:
            return
        text = checked.value
    if not text:
        return
    source.fields[name] = text
    if decoded.marked != decoded.text:
        source.rich[name] = runs(decoded.marked)
    if "noopsort" in value:
        source.sort[name] = decode(value, macros, sort=True).text
    if name in SPLIT:
        items = [decode(item, macros).text for item in split_list(value)]
        source.lists[name] = [item for item in items if item]
