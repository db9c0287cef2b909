"""What git knows about the brief's files: who last changed each line, and when.

Only three git commands are used, each reading (never writing) the
repository: ``rev-parse`` (is there a repository, is it a shallow clone),
``blame --porcelain`` on the working tree (the commit that last changed each
line; lines not committed yet belong to no commit) and ``cat-file --batch``
(a file as it was at a commit). git runs with a time limit, without a pager,
prompts or the user's configuration, so a hostile repository cannot make it
hang or run a program.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

UNCOMMITTED = "0" * 40
TIMEOUT = 60  # seconds for one git command
# No pager, prompt, editor or configuration of the user's or the system's.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
}


@dataclass(frozen=True)
class Commit:
    """The commit that last changed a line (``UNCOMMITTED`` for the working tree's)."""

    sha: str
    time: int  # committer time, seconds since the epoch
    summary: str = ""

    @property
    def committed(self) -> bool:
        return self.sha != UNCOMMITTED

    @property
    def date(self) -> str:
        if not self.committed:
            return "not committed yet"
        return dt.datetime.fromtimestamp(self.time, dt.UTC).date().isoformat()

    @property
    def short(self) -> str:
        return self.sha[:7]


WORKING_TREE = Commit(UNCOMMITTED, 2**62)


class History:
    """The git history of the repository holding ``root``."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._files: dict[tuple[str, str], str | None] = {}
        self._blames: dict[Path, list[Commit] | None] = {}

    def git(self, *args: str, data: str | None = None) -> subprocess.CompletedProcess[str]:
        return _git(self.top, *args, data=data)

    def blame(self, path: Path) -> list[Commit] | None:
        """The commit of each line of ``path`` as it is now (index 0 is line 1).

        ``None`` when git does not track the file: every line is new.
        """
        if path not in self._blames:
            self._blames[path] = self._blame(path)
        return self._blames[path]

    def _blame(self, path: Path) -> list[Commit] | None:
        result = self.git("blame", "--porcelain", "--", str(path))
        if result.returncode != 0:
            return None
        return parse_porcelain(result.stdout)

    def files_at(self, wanted: list[tuple[str, Path]]) -> None:
        """Read many ``(commit, path)`` versions with one ``git cat-file --batch``."""
        todo = [(sha, self.relative(p)) for sha, p in wanted]
        todo = [key for key in dict.fromkeys(todo) if key not in self._files]
        if not todo:
            return
        names = "".join(f"{sha}:{path}\n" for sha, path in todo).encode("utf-8")
        output = _git_bytes(self.top, "cat-file", "--batch", data=names)
        self._files.update(zip(todo, _batch_contents(output, len(todo)), strict=True))

    def file_at(self, sha: str, path: Path) -> str | None:
        """The text of ``path`` at commit ``sha``, or ``None`` when it did not exist."""
        self.files_at([(sha, path)])
        return self._files.get((sha, self.relative(path)))

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.top).as_posix()


def open_history(root: Path) -> tuple[History | None, str]:
    """The history of ``root``'s repository, or ``None`` and why there is none to read."""
    if shutil.which("git") is None:
        return None, "git is not installed"
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or not top.stdout.strip():
        return None, "the brief is not in a git repository"
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow.stdout.strip() == "true":
        return None, "this is a shallow clone (fetch the whole history: fetch-depth: 0)"
    return History(Path(top.stdout.strip()).resolve()), ""


def _git(cwd: Path, *args: str, data: str | None = None) -> subprocess.CompletedProcess[str]:
    result = _run(cwd, args, data.encode("utf-8") if data is not None else None)
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def _git_bytes(cwd: Path, *args: str, data: bytes) -> bytes:
    result = _run(cwd, args, data)
    return result.stdout if result.returncode == 0 else b""


def _run(
    cwd: Path, args: tuple[str, ...], data: bytes | None
) -> subprocess.CompletedProcess[bytes]:
    command = ["git", "-c", "core.quotePath=false", "--no-pager", *args]
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            input=data,
            capture_output=True,
            env={**os.environ, **GIT_ENV},
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return subprocess.CompletedProcess(command, 1, b"", str(err).encode())


def parse_porcelain(text: str) -> list[Commit]:
    """The commit of each final line, from ``git blame --porcelain`` output."""
    commits: dict[str, Commit] = {}
    times: dict[str, int] = {}
    summaries: dict[str, str] = {}
    lines: list[str] = []
    current = ""
    for row in text.split("\n"):
        if row.startswith("\t"):
            lines.append(current)
        elif row.startswith("committer-time "):
            times[current] = int(row.split()[1])
        elif row.startswith("summary "):
            summaries[current] = row[len("summary ") :]
        elif len(row) > 40 and row[40] == " " and _is_sha(row[:40]):
            current = row[:40]
    for sha in dict.fromkeys(lines):
        commits[sha] = (
            WORKING_TREE
            if sha == UNCOMMITTED
            else Commit(sha, times.get(sha, 0), summaries.get(sha, ""))
        )
    return [commits[sha] for sha in lines]


def _is_sha(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _batch_contents(data: bytes, count: int) -> list[str | None]:
    """Split ``git cat-file --batch`` output into each object's text (``None``: missing)."""
    contents: list[str | None] = []
    position = 0
    while len(contents) < count and position < len(data):
        newline = data.index(b"\n", position)
        header = data[position:newline].decode("utf-8", "replace").split()
        position = newline + 1
        if len(header) < 3 or header[1] != "blob":
            contents.append(None)  # "<name> missing", or a tree
            if len(header) >= 3 and header[2].isdigit():
                position += int(header[2]) + 1
            continue
        size = int(header[2])
        contents.append(data[position : position + size].decode("utf-8-sig", "replace"))
        position += size + 1
    return contents + [None] * (count - len(contents))
