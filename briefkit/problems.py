"""Problems found in an editor's input, reported as ``file:line: message``.

Every check in the generator produces :class:`Problem` values instead of
raising on the first error, so that editors see every mistake in one run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, located at ``path:line``."""

    path: str
    line: int
    message: str
    col: int = 1
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def editor(self) -> str:
        """``path:line:col: severity: message``, the form editors' tools jump to."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        """The problem as a GitHub Actions annotation."""
        return f"::{self.severity} file={self.path},line={self.line},col={self.col}::{self.message}"


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
