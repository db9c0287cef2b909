"""Which files under an edition's ``docs_dir`` are the brief's own, and may be published.

Only the brief's own files are published: never a symbolic link (it could
name ``/etc/passwd``, a folder elsewhere, or ``.git/config``), never a path
that climbs out of the edition's folder, and, beside the pages, only the
kinds of files listed in ``published_files.yml`` (images, PDFs, data files).
The check names every other one; the site build and the PDF resolve images
with the same :func:`local_file`, so both print exactly the same files.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from briefkit.content.svg_figures import clean_svg
from briefkit.core.problems import Problem, relpath
from briefkit.core.sources import read_bytes
from briefkit.core.text import name_problem

TYPES_FILE = Path(__file__).with_name("published_files.yml")
PAGE = ".md"


@cache
def published_types() -> dict[str, frozenset[str]]:
    """``{kind: {suffix, …}}`` as ``published_files.yml`` lists them."""
    data = yaml.safe_load(TYPES_FILE.read_text(encoding="utf-8"))
    return {kind: frozenset(suffixes) for kind, suffixes in data.items()}


def publishable(name: str) -> bool:
    """A page, or a kind of file a brief may offer."""
    suffix = Path(name).suffix.lower()
    types = published_types()
    return suffix == PAGE or any(suffix in types[k] for k in ("images", "documents", "data"))


def sanitized(name: str) -> bool:
    """Published only once made safe (an SVG can hold scripts)."""
    return Path(name).suffix.lower() in published_types()["sanitized"]


@dataclass
class DocsFiles:
    """The files of one ``docs_dir`` that may be published, and why others may not."""

    pages: list[str] = field(default_factory=list)  # relative, posix
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def allows(self, src: str) -> bool:
        return src in self.pages or src in self.files


def _hidden(name: str) -> bool:
    return name.startswith(".")  # MkDocs' own default: never published


def scan(docs_dir: Path) -> DocsFiles:
    """Walk ``docs_dir`` without following links; sort what it holds."""
    found = DocsFiles()
    for folder, dirs, names in os.walk(docs_dir, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                found.problems.append(_link_problem(base / name))
        dirs[:] = sorted(d for d in dirs if not _hidden(d) and not (base / d).is_symlink())
        for name in sorted(n for n in names if not _hidden(n)):
            _sort(found, docs_dir, base / name)
    return found


def _sort(found: DocsFiles, docs_dir: Path, path: Path) -> None:
    src = path.relative_to(docs_dir).as_posix()
    problem = name_problem(relpath(path), path.name)
    if problem is not None:
        found.problems.append(problem)
    elif path.is_symlink():
        found.problems.append(_link_problem(path))
    elif not path.is_file():
        return  # a socket or a device: nothing to publish
    elif path.suffix.lower() == PAGE:
        found.pages.append(src)
    elif publishable(path.name):
        found.files.append(src)
    else:
        suffix = path.suffix or "(no ending)"
        message = (
            f"files of type {suffix} are not published: a brief offers pages (.md), images, "
            "PDFs and data files (see README, 'Files a brief may publish'); remove it or "
            "convert it"
        )
        found.problems.append(Problem(relpath(path), 1, message))


def _link_problem(path: Path) -> Problem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return Problem(
        relpath(path),
        1,
        f"symbolic link to {target!r} is not published (only the brief's own files are): "
        "put the file itself here",
    )


def docs_files(docs_dir: Path) -> DocsFiles:
    """:func:`scan` of ``docs_dir`` (a few hundred files at most: read afresh each time, so
    ``mkdocs serve`` sees a figure added a moment ago)."""
    return scan(docs_dir)


def local_file(docs_dir: Path, page: str, src: str) -> Path | None:
    """The file an image or link of page ``page`` names, if it is the brief's own.

    ``src`` is the address as written (percent-encoding allowed); ``None`` for
    a remote address, a path that climbs out of ``docs_dir`` or one that
    passes through a symbolic link.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path.lstrip("/")))
    if joined.startswith("../") or joined == ".." or posixpath.isabs(joined):
        return None
    target = docs_dir / joined
    resolved_docs = docs_dir.resolve()
    if target.resolve() != resolved_docs / joined:
        return None  # a symbolic link on the way
    return target


def climbs_out(page: str, src: str) -> bool:
    """Whether a relative address of page ``page`` leaves the edition's folder."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return joined == ".." or joined.startswith("../")


def published_bytes(path: Path) -> bytes | None:
    """What the site and the PDF publish for the file at ``path`` (``None``: refused).

    The build's snapshot of it; an SVG sanitized (:mod:`briefkit.content.svg_figures`).
    """
    data = read_bytes(path)
    if sanitized(path.name):
        return clean_svg(data, relpath(path)).data
    return data


def svg_problems(docs_dir: Path) -> list[Problem]:
    """What the sanitizer removes from, or refuses in, each SVG figure of ``docs_dir``."""
    problems = []
    for src in docs_files(docs_dir).files:
        if sanitized(src):
            path = docs_dir / src
            problems += clean_svg(read_bytes(path), relpath(path)).problems
    return problems
