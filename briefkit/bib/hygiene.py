"""What a ``.bib`` file must never hold: links, hidden characters, keys that are case twins.

A ``.bib`` file in ``bib/`` is read only if it is the brief's own (never a
symbolic link, which could name any file of the computer). Control
characters and bidirectional overrides anywhere in it are errors at their
line: a key or a title could display as something else than it is. Two keys
that differ only in case are a warning, as BibTeX treats them as one entry.
"""

from __future__ import annotations

from pathlib import Path

from briefkit.bib.library import Bibliography
from briefkit.bib.messages import BLOCK_KEY_RE
from briefkit.core.problems import Problem, relpath
from briefkit.core.text import character_problems


def link_problems(bib_dir: Path) -> list[Problem]:
    """A problem for each ``.bib`` file of ``bib_dir`` that is a symbolic link."""
    return [
        Problem(
            relpath(path),
            1,
            "symbolic link: not read (only the brief's own files are); put the file itself here",
        )
        for path in sorted(bib_dir.glob("*.bib"))
        if path.is_symlink()
    ]


def text_problems(path: Path, text: str) -> list[Problem]:
    """Control characters and bidirectional overrides of a ``.bib`` text, entry named."""
    problems = character_problems(relpath(path), text, "this line")
    if not problems:
        return []
    starts = [(m.start(), m[1]) for m in BLOCK_KEY_RE.finditer(text)]
    named = []
    for problem in problems:
        offset = _offset_of_line(text, problem.line)
        key = next((k for at, k in reversed(starts) if at <= offset), "")
        message = problem.message.replace("this line", f"entry '{key}'" if key else "the file")
        named.append(Problem(problem.path, problem.line, message, problem.col, key=key))
    return named


def _offset_of_line(text: str, line: int) -> int:
    at = 0
    for _ in range(line - 1):
        at = text.find("\n", at) + 1
    return at


def case_twins(bibliography: Bibliography) -> list[Problem]:
    """A warning for each key that differs from an earlier one only in case (read from the
    records: no entry is made for it)."""
    seen: dict[str, str] = {}
    problems = []
    for key, record in bibliography.records.items():
        first = seen.setdefault(key.casefold(), key)
        if first != key:
            other = bibliography.records[first]
            message = (
                f"keys '{key}' and '{first}' (at {other.where}) differ only in case: "
                "BibTeX treats them as one entry; rename one (and its citations)"
            )
            problems.append(Problem(record.path, record.line, message, severity="warning", key=key))
    return problems
