"""Source files read once per build, and the one front-matter reader.

Every stage (checks, site, PDF) asks :func:`read_text` for a page or a
``.bib`` file; the text is kept until the file changes (its modification
time or size), so a build reads each source once. Front matter is delimited
the way MkDocs delimits it (``---`` then ``---`` or ``...``, trailing blanks
allowed), so the generator and MkDocs always agree on where the body starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefkit.core.grammar import FRONT_MATTER_RE as FRONT_MATTER
from briefkit.core.problems import Problem, relpath


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
_TEXTS: dict[Path, tuple[int, int, str]] = {}


def read_text(path: Path) -> str:
    """The file's text, read from disk only when it changed since the last read."""
    resolved = path.resolve()
    stat = resolved.stat()
    cached = _TEXTS.get(resolved)
    if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    text = from_disk(resolved).decode("utf-8-sig")
    _TEXTS[resolved] = (stat.st_mtime_ns, stat.st_size, text)
    return text


def from_disk(path: Path) -> bytes:
    """The one place a source file is read from disk (tests count the calls)."""
    return path.read_bytes()


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
    data = yaml.load(match[1], Loader=FrontMatterLoader) or {}
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    offset = text[: match.end()].count("\n") + len(rest) - len(body)
    return (data if isinstance(data, dict) else {}), offset, body


_PAGES: dict[Path, tuple[str, PageSource]] = {}


def read_page(path: Path) -> PageSource:
    """A page with its front matter parsed once per content version.

    Invalid YAML becomes a located problem, never an exception.
    """
    text = read_text(path)
    cached = _PAGES.get(path.resolve())
    if cached is not None and cached[0] is text:
        return cached[1]
    page = _parse_page(path, text)
    _PAGES[path.resolve()] = (text, page)
    return page


def page_from_text(path: Path, text: str) -> PageSource:
    """``text`` read as the page ``path`` (an older version of it, say), never cached."""
    return _parse_page(path, text)


def _parse_page(path: Path, text: str) -> PageSource:
    page = PageSource(path, text, body=text)
    try:
        page.meta, offset, page.body = split_front_matter(text)
    except yaml.YAMLError as err:
        page.problems.append(yaml_problem(page.where, err))
        match = FRONT_MATTER.match(text)
        offset = text[: match.end()].count("\n") if match else 0
        page.body = text[match.end() :] if match else text
    page.body_line = offset + 1
    return page


def yaml_problem(where: str, err: yaml.YAMLError) -> Problem:
    """Invalid front matter at YAML's own line and column, with a hint."""
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
    col = mark.column + 1 if mark is not None else 1
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
