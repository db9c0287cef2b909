"""A brief's sources: every entry read, each made ready to cite when it is cited.

As BibTeX and biber do, the whole library is read (its syntax checked) but
only what the brief cites is taken further: TeX decoded, names read, values
and required fields checked, fields inherited. So a 10,000-entry library
shared by many briefs costs its reading, and its entries nobody cites can
never stop a build:

- a problem of an entry the brief does not cite is a warning;
- a problem of a cited entry keeps its severity: an error only when the
  entry cannot be read (its syntax) or would be unsafe (a ``javascript:``
  address); everything biber only warns about is a warning;
- a required field that is missing, an unknown TeX command (one warning per
  command, however often it is used), a value biblatex cannot read: warnings,
  and the entry is shown with what it has.

"Cited" means cited by a page, named by ``nocite``, or reached from such an
entry through ``crossref``, ``xdata``, ``related`` or ``entryset``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from briefkit.bib.datamodel import model
from briefkit.bib.entries import Made, make_source
from briefkit.bib.fields import missing_required
from briefkit.bib.inheritance import Resolver, keys_of
from briefkit.bib.model import Record, Source
from briefkit.bib.records import FileRecords
from briefkit.bib.tex import Macro, parse_preamble
from briefkit.core.problems import Problem

LINKS = ("crossref", "xdata", "related", "entryset")


class Bibliography:
    """Every entry of a brief's ``.bib`` files, keyed by citation key."""

    def __init__(self, files: Iterable[FileRecords] = ()) -> None:
        self.records: dict[str, Record] = {}
        self.lower: dict[str, str] = {}  # lower-case key -> key (crossref, xdata)
        self.aliases: dict[str, str] = {}  # an ids key -> the entry's key
        self.macros: dict[str, tuple[Macro, ...]] = {}  # file -> its @preamble's commands
        self.problems: list[Problem] = []  # what reading found
        self.broken: dict[str, str] = {}  # key -> "path:line" of an entry that cannot be used
        self.unreadable: list[str] = []  # "path:line" of blocks that are not entries
        self.empty: list[str] = []  # .bib files with no entry, for messages
        self.canonical: dict[str, bool | None] = {}  # file -> in canonical form (None: unreadable)
        self._made: dict[str, Made] = {}
        self._sources: dict[str, Source] = {}
        self._resolver = Resolver(self._parent, {})
        for found in files:
            self.add(found)

    @classmethod
    def from_sources(cls, sources: Iterable[Source]) -> Bibliography:
        """A bibliography of sources already made (tests, a brief's own reference)."""
        made = cls()
        for source in sources:
            record = Record(source.key, source.type, source.type, source.path, source.line)
            made.records.setdefault(source.key, record)
            made.lower.setdefault(source.key.lower(), source.key)
            made._made.setdefault(source.key, Made(source))
            made._sources.setdefault(source.key, source)
        return made

    def add(self, found: FileRecords) -> None:
        """The records and problems of one more file (the first definition of a key stands)."""
        self.macros[found.path] = parse_preamble(found.preamble) if found.preamble else ()
        self.problems += found.problems
        self.unreadable += found.unreadable
        self.canonical[found.path] = found.canonical
        if found.empty:
            self.empty.append(found.path)
        for record in found.records:  # in the file's order (records.read_file sorts them)
            self._add_record(record)
        for problem in found.problems:  # an entry that cannot be read: named by where it starts
            if problem.key and problem.severity == "error":
                record = self.records.get(problem.key)
                where = record.where if record else f"{problem.path}:{problem.line}"
                self.broken.setdefault(problem.key, where)
        self._resolver.broken = {k.lower(): where for k, where in self.broken.items()}

    def _add_record(self, record: Record) -> None:
        if record.key in self.records:
            first = self.records[record.key]
            message = (
                f"duplicate key '{record.key}' (first defined at {first.where}): the first is "
                "used; rename one or merge them"
            )
            self.problems.append(
                Problem(record.path, record.line, message, severity="warning", key=record.key)
            )
            return
        self.records[record.key] = record
        self.lower.setdefault(record.key.lower(), record.key)
        if record.ids:
            for alias in keys_of(record.ids):
                self.aliases.setdefault(alias, record.key)

    # --- looking entries up ------------------------------------------------------------

    def canonical_key(self, key: str) -> str:
        """The entry's own key for ``key`` (an ``ids`` alias is another name for it)."""
        return key if key in self.records else self.aliases.get(key, key)

    def source(self, key: str) -> Source | None:
        """The cited form of entry ``key``; ``None`` when it is unknown, unusable or data-only."""
        key = self.canonical_key(key)
        record = self.records.get(key)
        if record is None or record.type in model().data_only:
            return None
        if key not in self._sources:
            source = self._resolver.resolve(self._make(key))
            self._sources[key] = source
            source.related = self._related(source)
        return None if key in self.broken else self._sources[key]

    def _related(self, source: Source) -> list[Source]:
        """The members of a set, or the entries ``related`` names, in their order."""
        link = "entryset" if source.type == "set" else "related"
        found = []
        for name in keys_of(source.fields.get(link, "")):
            other = self.source(self.lower.get(name.lower(), name))
            if other is None:
                message = (
                    f"{link} of '{source.key}' names '{name}', which cannot be cited: fix the key"
                )
                self._resolver.problems.append(
                    Problem(source.path, source.line, message, severity="warning", key=source.key)
                )
            elif other is not source:
                found.append(other)
        return found

    def _make(self, key: str) -> Source:
        if key not in self._made:
            record = self.records[key]
            made = make_source(record, self.macros.get(record.path, ()))
            self._made[key] = made
            for problem in made.problems:
                if problem.severity == "error":
                    self.broken.setdefault(key, record.where)
        return self._made[key].source

    def _parent(self, lower_key: str) -> Source | None:
        key = self.lower.get(lower_key)
        return self._make(key) if key is not None else None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.source(key) is not None

    def __getitem__(self, key: str) -> Source:
        found = self.source(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def keys(self) -> list[str]:
        """Every key that may be cited (data-only entries are not)."""
        data_only = model().data_only
        return [key for key, record in self.records.items() if record.type not in data_only]

    @property
    def sources(self) -> Mapping[str, Source]:
        """Every citable source, made when it is looked at."""
        return _Sources(self)

    # --- what a brief's citations make of it ------------------------------------------

    def reached(self, cited: Iterable[str]) -> set[str]:
        """The keys ``cited`` names, with every entry they lead to (crossref, related…)."""
        seen: set[str] = set()
        todo = [self.canonical_key(k) for k in cited]
        while todo:
            key = todo.pop()
            if key in seen or key not in self.records:
                continue
            seen.add(key)
            fields = self.records[key].fields
            for link in LINKS:
                todo += [self.lower.get(k.lower(), k) for k in keys_of(fields.get(link, ""))]
        return seen

    def check(self, cited: Iterable[str], validate: bool = False) -> list[Problem]:
        """Every problem of the library, with severities for a brief citing ``cited``.

        ``validate`` also checks the data model's constraints (``--validate-datamodel``).
        """
        cited = [self.canonical_key(k) for k in cited]
        reached = self.reached(cited)
        for key in sorted(reached):
            if self.records[key].type in model().data_only:
                self._make(key)
            else:
                self.source(key)
        concerned = reached | set(cited)  # a cited key may name an entry that cannot be read
        problems = [p if p.key in concerned else _uncited(p) for p in self.problems]
        problems += self._resolver.problems
        for key in sorted(reached):
            problems += self._made[key].problems if key in self._made else []
            problems += self._required(key, validate)
        return problems + self._unknown_commands(reached)

    def _required(self, key: str, validate: bool) -> list[Problem]:
        source = self._sources.get(key)
        if source is None:
            return []
        return [
            Problem(
                source.path,
                source.line,
                f"@{(source.written_type or source.type).lower()} '{source.key}' is missing "
                f"required field {wanted}: it is shown without it",
                severity="warning",
                key=source.key,
            )
            for wanted in missing_required(
                source.type, source.fields, source.persons, source.written_type, validate
            )
        ]

    def _unknown_commands(self, keys: set[str]) -> list[Problem]:
        seen: dict[str, list[tuple[Record, str]]] = {}
        for key in sorted(keys, key=lambda k: (self.records[k].path, self.records[k].line)):
            for command, name in self._made[key].unknown if key in self._made else ():
                seen.setdefault(command, []).append((self.records[key], name))
        problems = []
        for command, uses in sorted(seen.items()):
            record, name = uses[0]
            more = f" (and {len(uses) - 1} more)" if len(uses) > 1 else ""
            message = (
                f"unknown TeX command \\{command} in field '{name}' of '{record.key}'{more}: "
                "only its argument is shown; define it in @preamble or write the text plainly"
            )
            line = record.lines.get(name, record.line)
            problems.append(Problem(record.path, line, message, severity="warning"))
        return problems


def _uncited(problem: Problem) -> Problem:
    if problem.severity == "warning":
        return problem
    return Problem(problem.path, problem.line, problem.message, problem.col, "warning", problem.key)


class _Sources(Mapping[str, Source]):
    """A read-only view of the citable sources, made on access."""

    def __init__(self, bibliography: Bibliography) -> None:
        self.bibliography = bibliography

    def __getitem__(self, key: str) -> Source:
        return self.bibliography[key]

    def __iter__(self) -> Iterator[str]:
        return (k for k in self.bibliography if k in self.bibliography)

    def __len__(self) -> int:
        return sum(1 for _ in self)
