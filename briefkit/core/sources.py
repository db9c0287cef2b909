"""Source files read once per build, and the one front-matter reader.

Every stage (checks, site, PDF) asks :func:`read_text` for a page or a
``.bib`` file; the text is kept until the file changes (its modification
time or size), so a build reads each source once. During a build the sources
are a snapshot (:func:`snapshot`): every file is read once, up front, and
every stage, forked processes included, uses those bytes, so a file edited
while the brief builds changes nothing in that build. Front matter is delimited
the way MkDocs delimits it (``---`` then ``---`` or ``...``, trailing blanks
allowed), so the generator and MkDocs always agree on where the body starts.
Line endings are made ``\n`` and a byte-order mark dropped (:mod:`briefkit.core.text`).

Front matter is YAML from a stranger: libyaml's safe loader reads it, and a
block whose aliases would expand to more than :data:`YAML_NODES` nodes, or that
nests deeper than :data:`YAML_DEPTH`, is refused before anything is built
from it (a "billion laughs" block is a few hundred bytes).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefkit.core.grammar import FRONT_MATTER_RE as FRONT_MATTER
from briefkit.core.problems import Problem, relpath
from briefkit.core.text import normalise_newlines


class FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader when PyYAML has it (front matter is read for every page)."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # ``date: 2026-13-01`` looks like a date but is none: keep the text, which
    # the front-matter check reports, instead of letting YAML raise ValueError.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
YAML_NODES = 10_000  # far more than any front matter; a few aliases can expand past it
YAML_DEPTH = 64
_TEXTS: dict[Path, tuple[int, int, str]] = {}
_SNAPSHOT: dict[Path, bytes] | None = None  # the build's bytes, while a build runs


def read_text(path: Path) -> str:
    """The file's text, read from disk only when it changed since the last read.

    Raises :class:`UnicodeDecodeError` for a file that is not UTF-8.
    """
    resolved = path.resolve()
    if _SNAPSHOT is not None and resolved in _SNAPSHOT:
        cached = _TEXTS.get(resolved)
        if cached is not None and cached[:2] == (-1, -1):
            return cached[2]
        text = normalise_newlines(_SNAPSHOT[resolved].decode("utf-8-sig"))
        _TEXTS[resolved] = (-1, -1, text)
        return text
    stat = resolved.stat()
    cached = _TEXTS.get(resolved)
    if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    text = normalise_newlines(from_disk(resolved).decode("utf-8-sig"))
    _TEXTS[resolved] = (stat.st_mtime_ns, stat.st_size, text)
    return text


def read_bytes(path: Path) -> bytes:
    """A file's bytes: the build's snapshot of it while a build runs, else the disk's."""
    resolved = path.resolve()
    if _SNAPSHOT is not None and resolved in _SNAPSHOT:
        return _SNAPSHOT[resolved]
    return from_disk(resolved)


def from_disk(path: Path) -> bytes:
    """The one place a source file is read from disk (tests count the calls)."""
    return path.read_bytes()


def files_under(folder: Path) -> Iterator[Path]:
    """Every regular file under ``folder``, links neither followed nor read."""
    for base, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = Path(base) / name
            if not name.startswith(".") and not path.is_symlink() and path.is_file():
                yield path


@contextmanager
def snapshot(folders: Iterable[Path], files: Iterable[Path] = ()) -> Iterator[int]:
    """Every file of ``folders`` (and ``files``) read now; every read inside uses these bytes.

    Yields the number of bytes read. Processes forked inside the block inherit
    the snapshot. Files that appear during the block are read from disk.
    """
    global _SNAPSHOT
    taken: dict[Path, bytes] = {}
    paths = [p for folder in folders if folder.is_dir() for p in files_under(folder)]
    for path in [*paths, *(f for f in files if f.is_file() and not f.is_symlink())]:
        taken[path.resolve()] = from_disk(path)
    previous, _SNAPSHOT = _SNAPSHOT, taken
    try:
        yield sum(len(data) for data in taken.values())
    finally:
        _SNAPSHOT = previous
        for path in taken:  # texts decoded from the snapshot are re-read next time
            if _TEXTS.get(path, (0,))[0] == -1:
                del _TEXTS[path]


def in_snapshot() -> bool:
    """Whether a build's snapshot is in force."""
    return _SNAPSHOT is not None


@dataclass
class PageSource:
    """A Markdown page split into its front matter and body."""

    path: Path
    text: str
    meta: dict[str, object] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    problems: list[Problem] = field(default_factory=list)

    @property
    def where(self) -> str:
        return relpath(self.path)


def split_front_matter(text: str) -> tuple[dict[str, object], int, str]:
    """Front matter, the number of lines before the body, and the body.

    Raises :class:`yaml.YAMLError` when the block is not valid YAML; the
    error's ``problem_mark`` line is relative to the block's first line.
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, 0, text
    data = load_yaml(match[1]) or {}
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    offset = text[: match.end()].count("\n") + len(rest) - len(body)
    return (data if isinstance(data, dict) else {}), offset, body


class YAMLTooLarge(yaml.YAMLError):
    """A block that would expand past the budget (aliases) or nest too deep."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


def load_yaml(text: str) -> object:
    """One YAML document, read safely and within :data:`YAML_NODES` and :data:`YAML_DEPTH`."""
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _within_budget(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _within_budget(root: yaml.Node) -> None:
    """Count the nodes the document expands to, aliases included, without expanding it."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        if depth > YAML_DEPTH:
            raise YAMLTooLarge(f"nested more than {YAML_DEPTH} levels deep", node.start_mark)
        children = _children(node)
        if done:
            on_path.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[id(node)] > YAML_NODES:
                raise YAMLTooLarge(
                    f"its aliases expand to more than {YAML_NODES} values", node.start_mark
                )
            continue
        if id(node) in sizes:
            continue
        if id(node) in on_path:
            raise YAMLTooLarge("an alias refers to the value that holds it", node.start_mark)
        on_path.add(id(node))
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


_PAGES: dict[Path, tuple[str, PageSource]] = {}


def read_page(path: Path) -> PageSource:
    """A page with its front matter parsed once per content version.

    Invalid YAML becomes a located problem, never an exception; so does a
    file that is not UTF-8 (its text then holds U+FFFD where the bytes were).
    """
    try:
        text = read_text(path)
    except UnicodeDecodeError as err:
        return _undecodable(path, err)
    cached = _PAGES.get(path.resolve())
    if cached is not None and cached[0] is text:
        return cached[1]
    page = _parse_page(path, text)
    _PAGES[path.resolve()] = (text, page)
    return page


def page_from_text(path: Path, text: str) -> PageSource:
    """``text`` read as the page ``path`` (an older version of it, say), never cached."""
    return _parse_page(path, text)


def _undecodable(path: Path, err: UnicodeDecodeError) -> PageSource:
    data = read_bytes(path)
    text = normalise_newlines(data.decode("utf-8", errors="replace"))
    line = data.count(b"\n", 0, err.start) + 1
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    kind = "saved as UTF-16" if utf16 else f"byte 0x{data[err.start]:02x}"
    message = (
        f"not UTF-8 ({kind}): re-save the file as UTF-8 in your editor "
        f"(for example `iconv -f {'utf-16' if utf16 else 'latin1'} -t utf-8`)"
    )
    page = PageSource(path, text, body=text)
    page.problems.append(Problem(page.where, line, message))
    return page


def _parse_page(path: Path, text: str) -> PageSource:
    page = PageSource(path, text, body=text)
    try:
        page.meta, offset, page.body = split_front_matter(text)
    except yaml.YAMLError as err:
        match = FRONT_MATTER.match(text)
        page.problems.append(yaml_problem(page.where, err, match[1] if match else None))
        offset = text[: match.end()].count("\n") if match else 0
        page.body = text[match.end() :] if match else text
    page.body_line = offset + 1
    return page


def yaml_problem(where: str, err: yaml.YAMLError, block: str | None = None) -> Problem:
    """Invalid front matter at YAML's own line and column, with a hint."""
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
    col = mark.column + 1 if mark is not None else 1
    if isinstance(err, yaml.reader.ReaderError) and block is not None:
        line = block.count("\n", 0, err.position) + 2  # a character YAML refuses
        col = err.position - block.rfind("\n", 0, err.position)
    what = getattr(err, "problem", None) or str(err).splitlines()[0]
    hint = "put values holding ': ', '#', '[' or '{' in quotes"
    return Problem(where, line, f"front matter is not valid YAML ({what}): {hint}", col)


def parse_date(value: object) -> dt.date | None:
    """A front-matter date (YAML reads ``2026-11-27`` as a date already)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
