"""Reading and validating ``.bib`` files with bibtexparser 2.

The parser runs with no middleware so that we see values exactly as written:
braces, quotes and bare ``@string`` references. We then resolve strings,
decode LaTeX (never in ``url``/``doi``: decoding cuts URLs at ``%``) and check
every entry, collecting :class:`~briefkit.problems.Problem` values.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import bibtexparser
from bibtexparser import model
from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import split_name_list

from briefkit.grammar import KEY_RE
from briefkit.problems import BriefError, Problem, line_of, relpath
from briefkit.sources import read_text

# Entry type -> required fields; a tuple means "one of these".
REQUIRED_FIELDS: dict[str, list[tuple[str, ...]]] = {
    "article": [("author",), ("title",), ("journal",), ("year",)],
    "online": [("author", "organization"), ("title",)],  # undated web pages exist
    "report": [("author", "institution"), ("title",), ("institution",), ("year",)],
    "techreport": [("author", "institution"), ("title",), ("institution",), ("year",)],
    "audio": [("title",), ("organization", "series"), ("year",)],
    "book": [("author", "editor"), ("title",), ("publisher",), ("year",)],
    "incollection": [("author",), ("title",), ("booktitle",), ("year",)],
    "inproceedings": [("author",), ("title",), ("booktitle",), ("year",)],
    "phdthesis": [("author",), ("title",), ("school",), ("year",)],
    "mastersthesis": [("author",), ("title",), ("school",), ("year",)],
    "unpublished": [("author",), ("title",)],
    "misc": [("title",)],
}
PERSON_FIELDS = ("author", "editor")
VERBATIM_FIELDS = ("url", "doi")
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
URL_RE = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")
# bibtexparser logs each failed block itself; we report them as Problems instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
BLOCK_KEY_RE = re.compile(r"@\s*\w+\s*[{(]\s*([^\s,{}()]+)\s*,")


@dataclass(eq=False)  # identity hash: formatted references are cached per Source object
class Source:
    """One validated bibliography entry and where it was written."""

    key: str
    type: str
    fields: dict[str, str]
    persons: dict[str, list[Person]]
    path: str
    line: int

    @property
    def group(self) -> str:
        return self.fields.get("group", "")

    def to_pybtex(self) -> Entry:
        """The entry as pybtex needs it for formatting."""
        return Entry(self.type, fields=dict(self.fields), persons=dict(self.persons))


@dataclass
class Bibliography:
    """Every source of a brief, keyed by citation key."""

    sources: dict[str, Source] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # key -> "path:line" of a bad entry

    def __contains__(self, key: str) -> bool:
        return key in self.sources

    def __getitem__(self, key: str) -> Source:
        return self.sources[key]

    def keys(self) -> list[str]:
        return list(self.sources)


def read_bib_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying how to fix its encoding."""
    try:
        return read_text(path), []
    except UnicodeDecodeError as err:
        data = path.read_bytes()
        line = data.count(b"\n", 0, err.start) + 1
        msg = (
            f"not UTF-8 (byte 0x{data[err.start]:02x}): re-save the file as UTF-8 "
            "(for example `iconv -f latin1 -t utf-8`)"
        )
        return None, [Problem(relpath(path), line, msg)]


def parse_bib_file(path: Path) -> tuple[list[Source], list[Problem]]:
    """Parse and validate one ``.bib`` file."""
    text, problems = read_bib_text(path)
    if text is None:
        return [], problems
    where = relpath(path)
    if not text.strip():
        return [], [Problem(where, 1, "empty .bib file: add entries or delete the file")]
    library = bibtexparser.parse_string(text, parse_stack=[])
    strings = {s.key.lower(): _unquote(s.value)[0] for s in library.strings}
    for block in library.failed_blocks:
        problem = _failed_block_problem(where, text, block)
        key = BLOCK_KEY_RE.search(block.raw or "")
        if key and not isinstance(block, model.DuplicateBlockKeyBlock):
            problem = dataclasses.replace(problem, key=key[1])  # the first definition stands
        problems.append(problem)
    sources = []
    for entry in library.entries:
        source, entry_problems = _make_source(where, entry, strings)
        problems.extend(dataclasses.replace(p, key=entry.key) for p in entry_problems)
        if source is not None:
            sources.append(source)
    if not library.entries and not library.failed_blocks:
        problems.append(Problem(where, 1, "no entries found: add entries or delete the file"))
    return sources, problems


def _failed_block_problem(where: str, text: str, block: model.Block) -> Problem:
    line = block.start_line + 1
    if isinstance(block, model.DuplicateBlockKeyBlock):
        first = _first_line_of_key(text, block.key)
        return Problem(
            where,
            line,
            f"duplicate key '{block.key}' (first defined at {where}:{first}): "
            "rename one of the two entries or merge them",
        )
    reason = " ".join(str(getattr(block.error, "abort_reason", "")).split()).rstrip(".")
    hint = "check that every { has its } and that fields are separated by commas"
    return Problem(where, line, f"this entry cannot be read ({reason}): {hint}")


def _first_line_of_key(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return line_of(text, match.start()) if match else 1


def _unquote(raw: str) -> tuple[str, bool]:
    """Strip one level of ``{}`` or ``""``; say whether the value was enclosed."""
    value = raw.strip()
    if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
        return value[1:-1], True
    return value, False


def _resolve(raw: str, strings: dict[str, str]) -> tuple[str, list[str]]:
    """Resolve ``#`` concatenation and ``@string`` references; list undefined ones."""
    parts, undefined = [], []
    for piece in _split_concatenation(raw):
        value, enclosed = _unquote(piece)
        if enclosed or value.isdigit():
            parts.append(value)
        elif value.lower() in strings:
            parts.append(strings[value.lower()])
        elif value.lower() in MONTH_NAMES:
            parts.append(str(MONTH_NAMES.index(value.lower()) + 1))
        else:
            undefined.append(value)
    return "".join(parts), undefined


def _split_concatenation(raw: str) -> list[str]:
    pieces, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:i])
            start = i + 1
    pieces.append(raw[start:])
    return [p for p in pieces if p.strip()]


def _make_source(
    where: str, entry: model.Entry, strings: dict[str, str]
) -> tuple[Source | None, list[Problem]]:
    line = entry.start_line + 1
    problems: list[Problem] = []
    kind = entry.entry_type.lower()
    if kind not in REQUIRED_FIELDS:
        known = ", ".join(sorted(REQUIRED_FIELDS))
        msg = f"entry '{entry.key}' has unknown type @{entry.entry_type}: use one of {known}"
        return None, [Problem(where, line, msg)]
    if not KEY_RE.match(entry.key):
        problems.append(
            Problem(where, line, f"invalid key '{entry.key}': use letters, digits, _ - : .")
        )
    fields: dict[str, str] = {}
    for fld in entry.fields:
        name = fld.key.lower()
        value, undefined = _resolve(fld.value, strings)
        fline = fld.start_line + 1
        for name_ref in undefined:
            problems.append(
                Problem(
                    where,
                    fline,
                    f"undefined @string '{name_ref}' in field '{name}' of "
                    f"'{entry.key}': define it with @string or put the value in braces",
                )
            )
        fields[name] = value if name in VERBATIM_FIELDS else _plain(name, decode_latex(value))
        problems.extend(_check_field(where, fline, entry.key, name, fields[name]))
    problems.extend(_check_required(where, line, entry.key, kind, fields))
    persons = {
        role: [Person(name) for name in split_name_list(fields.pop(role))]
        for role in PERSON_FIELDS
        if role in fields
    }
    return Source(entry.key, kind, fields, persons, where, line), problems


def _plain(name: str, value: str) -> str:
    """Drop case-protecting braces: we never change case, so they carry nothing."""
    if name in PERSON_FIELDS:
        return value  # pybtex needs them to keep corporate names whole
    return " ".join(value.replace("{", "").replace("}", "").split())


def decode_latex(value: str) -> str:
    """Turn LaTeX accents and commands into Unicode; plain text passes unchanged."""
    if "\\" not in value:
        return value
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(keep_braced_groups=True).latex_to_text(value)


def _check_field(where: str, line: int, key: str, name: str, value: str) -> list[Problem]:
    if name == "url" and not URL_RE.match(value):
        return [
            Problem(
                where,
                line,
                f"unsafe or malformed url in '{key}': {value[:60]!r}; "
                "only http:// and https:// addresses without spaces are allowed",
            )
        ]
    if name == "month" and not (value.isdigit() and 1 <= int(value) <= 12):
        return [Problem(where, line, f"month of '{key}' is {value!r}: use 1-12 or jan-dec")]
    if name == "year" and not re.fullmatch(r"\d{4}", value):
        return [Problem(where, line, f"year of '{key}' is {value!r}: use four digits")]
    if name == "urldate" and not _is_iso_date(value):
        return [
            Problem(where, line, f"urldate of '{key}' is {value!r}: use YYYY-MM-DD (a real date)")
        ]
    return []


def _is_iso_date(value: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _check_required(
    where: str, line: int, key: str, kind: str, fields: dict[str, str]
) -> list[Problem]:
    problems = []
    for options in REQUIRED_FIELDS[kind]:
        if not any(fields.get(name, "").strip() for name in options):
            wanted = " or ".join(options)
            problems.append(
                Problem(where, line, f"@{kind} '{key}' is missing required field {wanted}")
            )
    return problems


_CACHE: dict[tuple[tuple[str, int, int], ...], tuple[Bibliography, list[Problem]]] = {}


def load_bibliography(paths: list[Path]) -> tuple[Bibliography, list[Problem]]:
    """Parse every ``.bib`` file once per content version (cached by mtime and size)."""
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(paths))
    if signature not in _CACHE:
        _CACHE.clear()
        _CACHE[signature] = _load_uncached(sorted(paths))
    return _CACHE[signature]


def _load_uncached(paths: list[Path]) -> tuple[Bibliography, list[Problem]]:
    bibliography, problems = Bibliography(), []
    for path in paths:
        sources, file_problems = parse_bib_file(path)
        problems.extend(file_problems)
        starts = {source.key: source.line for source in sources}
        for problem in file_problems:
            if problem.key and problem.severity == "error":
                line = starts.get(problem.key, problem.line)
                bibliography.broken.setdefault(problem.key, f"{problem.path}:{line}")
        for source in sources:
            if source.key in bibliography.broken:
                continue  # pages are checked against the entries that are sound
            if source.key in bibliography:
                first = bibliography[source.key]
                problems.append(
                    Problem(
                        source.path,
                        source.line,
                        f"duplicate key '{source.key}' "
                        f"(first defined at {first.path}:{first.line}): rename one",
                    )
                )
                continue
            bibliography.sources[source.key] = source
    return bibliography, problems


def load_bibliography_dir(bib_dir: Path) -> tuple[Bibliography, list[Problem]]:
    """Every ``.bib`` file of ``bib_dir``, parsed once per content version."""
    paths = bib_files(bib_dir)
    if not paths:
        return Bibliography(), [
            Problem(relpath(bib_dir), 1, "no .bib file found: add one (see README)")
        ]
    return load_bibliography(paths)


def bib_files(bib_dir: Path) -> list[Path]:
    """All ``.bib`` files of a brief, in a stable order."""
    return sorted(bib_dir.glob("*.bib"))


def load_or_raise(bib_dir: Path) -> Bibliography:
    """The brief's bibliography, or :class:`BriefError` listing every problem."""
    bibliography, problems = load_bibliography_dir(bib_dir)
    if any(p.severity == "error" for p in problems):
        raise BriefError(problems)
    return bibliography
