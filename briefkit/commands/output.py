"""Where a build may write, one build at a time, and the new site swapped in at once.

The sources are sacred: the output folder is replaced whole, so it may never
be, hold or sit inside the project root, ``.git``, a ``docs_dir`` or a
``bib_dir`` (:func:`output_problems`). A lock on the project's folder keeps
two builds from writing at once (:func:`build_lock`). The new site is built
in a scratch folder beside the target and exchanged with the old one in one
step (:func:`swap`: ``renameat2(RENAME_EXCHANGE)`` on Linux), so that at every
instant the target is a complete site, the old one or the new one. Every
operating-system error becomes one line naming the path and what to do
(:func:`briefkit.core.oserrors.os_error_message`).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefkit.core.editions import Publication
from briefkit.core.options import extension_options
from briefkit.core.problems import BuildFailed, relpath

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


def source_folders(publication: Publication) -> list[Path]:
    """Each edition's docs_dir and bib_dir: what the build reads and must never write."""
    folders = []
    for edition in publication.editions:
        options, _ = extension_options(edition.raw, edition.where)  # problems: the check's
        folders += [edition.docs_dir, edition.config_file.parent / options.bib_dir]
    return list(dict.fromkeys(f.resolve() for f in folders))


def output_problems(target: Path, root: Path, sources: list[Path]) -> list[str]:
    """Why ``target`` may not be the output folder of the brief in ``root`` (empty: it may).

    ``sources`` are the brief's source folders (each edition's docs_dir, the bib_dir).
    """
    target, root = target.resolve(), root.resolve()
    guarded = [("the project's folder", root), ("its .git folder", root / ".git")]
    guarded += [(f"the sources in {relpath(s)}", s.resolve()) for s in sources]
    for what, folder in guarded:
        if target == folder:
            return [f"the output folder {relpath(target)} would replace {what}"]
        if folder.is_relative_to(target):
            return [f"the output folder {relpath(target)} holds {what}"]
        if target.is_relative_to(folder) and folder != root:
            return [f"the output folder {relpath(target)} is inside {what}"]
    return []


def refuse_output(target: Path, root: Path, sources: list[Path]) -> None:
    """:class:`BuildFailed` when ``target`` may not be written (nothing is touched)."""
    problems = output_problems(target, root, sources)
    if problems:
        raise BuildFailed(
            f"{problems[0]}: the build replaces its output folder whole; choose a folder of "
            "its own, e.g. --site-dir site"
        )


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the brief's build lock (a lock on its folder); refuse when another build has it."""
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(
                f"another build of {relpath(root)} is running: wait for it to end, then build again"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; ``False`` where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system that cannot exchange
    raise OSError(code, os.strerror(code), str(b))


def swap(scratch: Path, target: Path) -> None:
    """Put the finished ``scratch`` in ``target``'s place in one step; remove the old site."""
    if not target.exists():
        scratch.rename(target)
        return
    if _exchange(scratch, target):
        shutil.rmtree(scratch, ignore_errors=True)  # now the old site
        return
    # No exchange here: two renames, the old site kept aside until the new one is in place.
    old = target.parent / f".{target.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    try:
        scratch.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
