"""The parsed library kept on disk between runs, keyed by the ``.bib`` files' content.

Reading a 10,000-entry export is mostly bibtexparser's parsing; a build whose
``.bib`` files have not changed reads its records back instead, from
``.cache/briefkit/`` under the brief (outside ``site/``; safe to delete at any
time). The key is a SHA-256 of every file's name and bytes and of the reading
code's own version, so a changed file, a moved working directory or a new
generator never reads stale records.

The cache is JSON, never pickle: a brief may come from a stranger, and so
may a cache file in it; JSON can only give records back, which are checked
like any ``.bib`` value when an entry is cited. Each record's fields stay one
JSON text until they are looked at: most entries of a large library never
are. A cache that cannot be read
is ignored; one that cannot be written (a read-only brief, a folder that is
a link out of the brief) is skipped.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from briefkit.bib.model import Record
from briefkit.bib.records import FileRecords
from briefkit.core.problems import Problem

VERSION = "2"
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # a message never carries terminal controls
FOLDER = Path(".cache") / "briefkit"
CODE = ("records.py", "values.py", "messages.py", "datamodel.py", "datamodel.yml",
        "canonical.py", "cache.py", "model.py")  # fmt: skip


@cache
def _code_version() -> str:
    digest = hashlib.sha256(VERSION.encode())
    for name in CODE:
        digest.update((Path(__file__).with_name(name)).read_bytes())
    return digest.hexdigest()


def content_key(paths: list[Path], names: list[str]) -> str:
    """A digest of the reading code and of every file's name and bytes."""
    digest = hashlib.sha256(_code_version().encode())
    for path, name in zip(paths, names, strict=True):
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cache_dir(root: Path) -> Path | None:
    """Where the cache of the brief at ``root`` lives, if it stays inside the brief."""
    folder = root / FOLDER
    try:
        inside = folder.resolve().is_relative_to(root.resolve())
    except OSError:
        return None
    return folder if inside else None


def load(folder: Path | None, key: str) -> list[FileRecords] | None:
    """The cached records for ``key``, or ``None`` (absent, unreadable, from another version)."""
    if folder is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # many small objects, none freed: the collector would only walk them
    try:
        data = json.loads((folder / f"bib-{key}.json").read_text(encoding="utf-8"))
        blob = (folder / f"bib-{key}.fields").read_bytes()
        if len(blob) != data["size"]:
            return None
        return [_file(item, blob) for item in data["files"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    finally:
        if collecting:
            gc.enable()


def save(folder: Path | None, key: str, files: list[FileRecords]) -> None:
    """Keep ``files`` under ``key`` (replacing older entries); a failure only skips caching.

    Two files: the records' fields, one JSON text after the other
    (``bib-KEY.fields``), and an index of the records with where their fields
    are in it (``bib-KEY.json``); reading it back decodes only the index.
    """
    if folder is None:
        return
    blob = bytearray()
    plain = [_plain(f, blob) for f in files]
    text = json.dumps({"files": plain, "size": len(blob)}, ensure_ascii=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("bib-*"):
            old.unlink(missing_ok=True)
        _write(folder / f"bib-{key}.fields", bytes(blob))
        _write(folder / f"bib-{key}.json", text.encode("utf-8", "surrogatepass"))
    except OSError:
        return


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def _plain(found: FileRecords, blob: bytearray) -> dict[str, Any]:
    records = []
    for r in found.records:
        start = len(blob)
        blob += r.packed()
        records.append([r.key, r.type, r.written_type, r.path, r.line, r.ids, start, len(blob)])
    return {
        "path": found.path,
        "records": records,
        "preamble": found.preamble,
        "problems": [[p.path, p.line, p.message, p.col, p.severity, p.key] for p in found.problems],
        "unreadable": found.unreadable,
        "empty": found.empty,
        "canonical": found.canonical,
    }


def _file(item: dict[str, Any], blob: bytes) -> FileRecords:
    records = [
        Record(str(k), str(t), str(w), str(p), int(n), None, None, blob[a:b], str(i))
        for k, t, w, p, n, i, a, b in item["records"]
    ]
    problems = [Problem(str(p), int(n), CONTROL.sub("", str(m)), int(c), str(s), str(k))
                for p, n, m, c, s, k in item["problems"]]  # fmt: skip
    return FileRecords(
        str(item["path"]),
        records,
        str(item["preamble"]),
        problems,
        [str(u) for u in item["unreadable"]],
        bool(item["empty"]),
        item["canonical"] if item["canonical"] in (True, False, None) else None,
    )
