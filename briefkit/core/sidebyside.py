"""Jobs side by side on several cores: one here, the others in forked processes.

A build does the same work for each edition (a site, a PDF). A forked
process starts with everything this one has already imported, read and
parsed, so it costs almost nothing to start, unlike a fresh interpreter.
Forking is only safe when no other thread is running, native ones included
(a copied lock could never be released); otherwise, and on one core, the
jobs run one after the other. Results come back pickled, so they must be plain data.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

from briefkit.core.oserrors import os_error_message
from briefkit.core.problems import BuildFailed

T = TypeVar("T")


def can_fork() -> bool:
    """Several cores, and no other thread that a fork would leave half-copied.

    Native threads count too (Typst's compiler keeps a pool of them once it
    has run): on Linux the process's own task list says how many there are.
    """
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return False
    tasks = Path("/proc/self/task")
    return len(os.listdir(tasks)) == 1 if tasks.is_dir() else threading.active_count() == 1


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """A killed build stops whole: its forked jobs neither go on writing nor keep its lock."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _in_child(job: Callable[[], object], pipe: Connection, parent: int) -> None:
    _die_with_parent(parent)
    try:
        pipe.send(("done", job()))
    except BuildFailed as failure:
        pipe.send(("failed", str(failure)))
    except OSError as err:  # a full disk in a forked stage: one line, never a traceback
        pipe.send(("failed", os_error_message(err)))
    pipe.close()


def side_by_side(jobs: list[Callable[[], T]]) -> list[T]:
    """Every job's result, in order; a job's :class:`BuildFailed` is raised once all ended."""
    if len(jobs) < 2 or not can_fork():
        return [job() for job in jobs]
    context = multiprocessing.get_context("fork")
    children = []
    for job in jobs[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_in_child, args=(job, send, os.getpid()))
        child.start()
        send.close()
        children.append((child, receive))
    results: list[T] = []
    failures: list[str] = []
    try:
        results.append(jobs[0]())
    except BuildFailed as failure:
        failures.append(str(failure))
    for child, receive in children:
        try:
            outcome, value = receive.recv()
        except EOFError:
            outcome, value = "failed", "a build process ended without a result"
        child.join()
        if outcome == "done":
            results.append(value)
        else:
            failures.append(value)
    if failures:
        raise BuildFailed("\n".join(failures))
    return results
