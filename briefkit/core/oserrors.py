"""Operating-system errors (a full or read-only disk, a permission) as one line for people.

A build writes thousands of files, in this process and in forked ones; any
write may meet a full disk. Whichever stage meets it, the editor reads the
path, what the system said and what to do, never a traceback.
"""

from __future__ import annotations

import errno

from briefkit.core.problems import relpath

ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, then build again",
    errno.EDQUOT: "your disk quota is used up: free some space, then build again",
    errno.EROFS: "the disk is read-only: build into a folder on a writable disk (--site-dir)",
    errno.EACCES: "you may not write there: fix the folder's permissions or choose another "
    "--site-dir",
    errno.EPERM: "you may not write there: fix the folder's permissions or choose another "
    "--site-dir",
    errno.ENOENT: "it does not exist: check the path",
    errno.EMFILE: "too many files are open: close other programs, then build again",
}


def os_error_message(err: OSError) -> str:
    """One line: the path, what the system said and what to do."""
    # A copy names its source first and its target second: the target is what failed.
    path = err.filename2 or err.filename or "?"
    what = err.strerror or str(err)
    advice = ADVICE.get(err.errno or 0, "fix the cause, then build again")
    return f"{relpath(str(path))}: {what}: {advice}"
