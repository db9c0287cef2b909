"""Reading a brief's ``.bib`` files: the entry point of the ``bib`` layer.

:func:`load_bibliography_dir` reads every file of a brief's ``bib/`` folder
once per content version (in memory by modification time and size, on disk
by content: :mod:`briefkit.bib.cache`) into a
:class:`~briefkit.bib.library.Bibliography`. Reading checks syntax only;
:meth:`Bibliography.check` then checks what the brief cites, as BibTeX does.
Every mistake is a :class:`~briefkit.core.problems.Problem` naming the file,
the line and the entry's key, so that pages are still checked against the
sound entries.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefkit.bib import cache
from briefkit.bib.library import Bibliography
from briefkit.bib.messages import read_bib_text
from briefkit.bib.model import Source
from briefkit.bib.records import FileRecords, read_file
from briefkit.core.problems import BriefError, Problem, relpath

__all__ = [
    "Bibliography",
    "Source",
    "bib_files",
    "load_bibliography",
    "load_bibliography_dir",
    "load_or_raise",
    "parse_bib_file",
    "read_bib_text",
]
# bibtexparser logs each failed block itself; we report them as Problems instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

_CACHE: dict[tuple[tuple[str, int, int], ...], tuple[Bibliography, list[Problem]]] = {}


def read_files(paths: list[Path], folder: Path | None) -> list[FileRecords]:
    """The records of every file, from the disk cache when the contents are the same."""
    names = [relpath(p) for p in paths]
    key = cache.content_key(paths, names)
    found = cache.load(folder, key)
    if found is None:
        found = [read_file(path) for path in paths]
        cache.save(folder, key, found)
    return found


def load_bibliography(
    paths: list[Path], root: Path | None = None
) -> tuple[Bibliography, list[Problem]]:
    """Every ``.bib`` file read once per content version; the problems reading found.

    ``root`` is the brief's folder, where the disk cache lives (none without it).
    """
    # Resolved paths: the check, the plugin and the extensions name the same files differently.
    paths = sorted(p.resolve() for p in paths)
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if signature not in _CACHE:
        _CACHE.clear()
        folder = cache.cache_dir(root) if root is not None else None
        bibliography = Bibliography(read_files(paths, folder))
        _CACHE[signature] = (bibliography, bibliography.problems)
    return _CACHE[signature]


def load_bibliography_dir(bib_dir: Path) -> tuple[Bibliography, list[Problem]]:
    """Every ``.bib`` file of ``bib_dir`` (the brief is its parent folder)."""
    paths = bib_files(bib_dir)
    if not paths:
        return Bibliography(), [
            Problem(relpath(bib_dir), 1, "no .bib file found: add one (see README)")
        ]
    return load_bibliography(paths, root=bib_dir.parent)


def bib_files(bib_dir: Path) -> list[Path]:
    """All ``.bib`` files of a brief, in a stable order (never a link: see bib.hygiene)."""
    return sorted(path for path in bib_dir.glob("*.bib") if not path.is_symlink())


def parse_bib_file(path: Path) -> tuple[list[Source], list[Problem]]:
    """One ``.bib`` file on its own, every entry checked as if cited (crossrefs within it)."""
    bibliography = Bibliography([read_file(path)])
    problems = bibliography.check(_every_key(bibliography))
    return [s for k in bibliography if (s := bibliography.source(k))], problems


def _every_key(bibliography: Bibliography) -> list[str]:
    """Every key, those of entries that cannot be read included: all checked as if cited."""
    return [*bibliography.keys(), *(p.key for p in bibliography.problems if p.key)]


def load_or_raise(bib_dir: Path) -> Bibliography:
    """The brief's bibliography, every entry checked; :class:`BriefError` lists every error."""
    bibliography, problems = load_bibliography_dir(bib_dir)
    problems = (
        problems if not bibliography.canonical else bibliography.check(_every_key(bibliography))
    )
    if any(p.severity == "error" for p in problems):
        raise BriefError(problems)
    return bibliography
