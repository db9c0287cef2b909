r"""Problems found in an editor's input, reported as ``file:line: message``.

Every check in the generator produces :class:`Problem` values instead of
raising on the first error, so that editors see every mistake in one run.
Code that runs inside a Markdown conversion (where nothing can be returned)
:func:`report`\ s them on the ``briefkit`` logger; whoever drives the
conversion (the build, the check, the PDF export, the MkDocs plugin)
:func:`collect`\ s them from there.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOGGER = "briefkit"
log = logging.getLogger(LOGGER)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, located at ``path:line``."""

    path: str
    line: int
    message: str
    col: int = 1
    severity: str = "error"
    key: str = ""  # the .bib entry or citation key concerned, when there is one
    # Where a pull-request annotation belongs when not here: (path, line, end line,
    # message); a stale translation is annotated on the source lines that changed.
    annotate: tuple[str, int, int, str] | tuple[()] = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def editor(self) -> str:
        """``path:line:col: severity: message``, the form editors' tools jump to."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        """The problem as a GitHub Actions annotation."""
        if self.annotate:
            path, line, end, message = self.annotate
            return f"::{self.severity} file={path},line={line},endLine={end}::{message}"
        return f"::{self.severity} file={self.path},line={self.line},col={self.col}::{self.message}"


class BuildFailed(Exception):
    """A build stage failed; its message says why, for people."""


class BriefError(Exception):
    """Input that cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def relpath(path: str | Path) -> str:
    """``path`` relative to the working directory when inside it, for short messages."""
    absolute = os.path.abspath(path)
    try:
        return Path(absolute).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(absolute).as_posix()


def line_of(text: str, offset: int) -> int:
    """1-based line number of character ``offset`` in ``text``."""
    return text.count("\n", 0, max(offset, 0)) + 1


def report(problem: Problem) -> None:
    """Log ``problem`` on the ``briefkit`` logger, the object attached for collectors."""
    level = logging.ERROR if problem.severity == "error" else logging.WARNING
    log.log(level, "%s", problem.editor(), extra={"problem": problem})


class MessageCollector(logging.Handler):
    """Keeps the warnings and errors a library logs (MkDocs), one line each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


class ProblemCollector(logging.Handler):
    """Keeps every :class:`Problem` reported while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        problem = getattr(record, "problem", None)
        if isinstance(problem, Problem):
            self.problems.append(problem)


@contextmanager
def collect(echo: bool = False) -> Iterator[list[Problem]]:
    """Gather the problems reported inside the ``with`` block (not printed unless ``echo``)."""
    collector = ProblemCollector()
    propagate = log.propagate
    log.addHandler(collector)
    log.propagate = echo
    try:
        yield collector.problems
    finally:
        log.removeHandler(collector)
        log.propagate = propagate


def collecting() -> bool:
    """Whether a :func:`collect` block is gathering problems right now."""
    return any(isinstance(h, ProblemCollector) for h in log.handlers)
