"""Problems with a ``.bib`` file's structure, phrased for editors: where, which entry, what to do.

bibtexparser reports a block it cannot read with its own words; these
functions name the file, the line and the entry's key (and the field, where
one is concerned), and add how to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path

from bibtexparser import model

from briefkit.bib.values import Resolved
from briefkit.core.problems import Problem, line_of, relpath
from briefkit.core.sources import read_text

BLOCK_KEY_RE = re.compile(r"@\s*\w+\s*[{(]\s*([^\s,{}()=]+)\s*,")
STRAY_FIELD = re.compile(r"\b([A-Za-z][\w\-]*)\s*=\s*[{\"\w]")


def read_bib_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying how to fix its encoding (keys named)."""
    try:
        return read_text(path), []
    except UnicodeDecodeError as err:
        data = path.read_bytes()
        line = data.count(b"\n", 0, err.start) + 1
        msg = (
            f"not UTF-8 (byte 0x{data[err.start]:02x}): re-save the file as UTF-8 "
            "(for example `iconv -f latin1 -t utf-8`)"
        )
        text = data.decode("utf-8", errors="replace")
        problems = [Problem(relpath(path), line, msg)]
        problems += [  # so that citations of its entries say where the trouble is
            Problem(relpath(path), line_of(text, m.start()), f"entry '{m[1]}': {msg}", key=m[1])
            for m in BLOCK_KEY_RE.finditer(text)
        ]
        return None, problems


def string_problems(
    where: str, library: model.Library, strings: dict[str, Resolved]
) -> list[Problem]:
    problems = []
    for string in library.strings:
        resolved = strings[string.key.lower()]
        for name in resolved.undefined:
            message = (
                f"undefined macro '{name}' in @string '{string.key}': "
                "define it with @string or put the value in braces"
            )
            problems.append(Problem(where, string.start_line + 1, message))
        if resolved.error:
            problems.append(
                Problem(where, string.start_line + 1, f"@string '{string.key}': {resolved.error}")
            )
    return problems


def failed_block_problem(where: str, text: str, block: model.Block) -> Problem:
    line = block.start_line + 1
    if isinstance(block, model.DuplicateBlockKeyBlock):
        first = _first_line_of_key(text, block.key)
        return Problem(
            where,
            line,
            f"duplicate key '{block.key}' (first defined at {where}:{first}): "
            "rename one of the two entries or merge them",
        )  # no key: the first definition stands
    if isinstance(block, model.DuplicateFieldKeyBlock):
        key = block.ignore_error_block.key
        names = ", ".join(sorted(block.duplicate_keys))
        return Problem(where, line, f"entry '{key}' has field {names} twice: keep one", key=key)
    found = BLOCK_KEY_RE.match(block.raw or "")
    key = found[1] if found else ""
    error = getattr(block, "error", None)
    reason = " ".join(str(getattr(error, "abort_reason", "") or error or "").split()).rstrip(".")
    end = getattr(error, "end_index", None)
    noticed = ""
    if isinstance(end, int) and end < len(text.rstrip()):  # at the end of file, the file says it
        noticed = f", noticed at line {line_of(text, end)}"
    hint = "check that every { has its } and that fields are separated by commas"
    name = f"entry '{key}'" if key else "this entry"
    return Problem(where, line, f"{name} cannot be read ({reason}{noticed}): {hint}", key=key)


def stray_text_problems(where: str, library: model.Library) -> list[Problem]:
    """Fields outside any entry: a ``}`` closed the entry before them."""
    problems = []
    for block in library.blocks:
        if isinstance(block, model.ImplicitComment) and STRAY_FIELD.search(block.raw):
            found = STRAY_FIELD.search(block.raw)
            assert found is not None
            line = block.start_line + 1 + block.raw[: found.start()].count("\n")
            problems.append(
                Problem(
                    where,
                    line,
                    f"field '{found[1]}' is outside any entry: "
                    "a } closes the entry above too early",
                )
            )
    return problems


def _first_line_of_key(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text)
    return line_of(text, match.start()) if match else 1


def undefined_macro(path: str, line: int, key: str, name: str, macro: str, through: str) -> Problem:
    via = f" (used by @string '{through}')" if through else ""
    return Problem(
        path,
        line,
        f"undefined @string '{macro}'{via} in field '{name}' of '{key}': "
        "define it with @string or put the value in braces",
    )
