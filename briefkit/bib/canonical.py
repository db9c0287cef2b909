"""One canonical form for ``.bib`` files, so that a review diff shows only real changes.

Entries sorted by key, fields in a fixed order, two-space indent, values in
braces. Values are copied exactly as written (only ``"…"`` delimiters become
``{…}``), so formatting never alters what a field says, and every comment
stays with the entry it was written against (see :func:`canonical`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import bibtexparser
from bibtexparser import model
from bibtexparser.library import Library

FIELD_ORDER = (
    "author", "editor", "translator", "title", "subtitle", "titleaddon", "shorttitle", "journal",
    "journaltitle", "booktitle", "maintitle", "issuetitle", "series", "edition", "volume",
    "number", "issue", "chapter", "pages", "type", "howpublished", "organization", "institution",
    "publisher", "school", "address", "location", "year", "month", "day", "date", "urldate", "url",
    "doi", "eprint", "eprinttype", "archiveprefix", "eprintclass", "primaryclass", "version",
    "crossref", "xdata", "key", "site", "language", "note", "addendum", "group",
)  # fmt: skip


def _braced(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"' and "#" not in value:
        return "{" + value[1:-1] + "}"
    return value


def _field_rank(name: str) -> tuple[int, str]:
    lower = name.lower()
    return (FIELD_ORDER.index(lower) if lower in FIELD_ORDER else len(FIELD_ORDER), lower)


def format_entry(entry: model.Entry) -> str:
    """``@type{key,`` then one ``  field = {value},`` line per field, canonical order."""
    lines = [f"@{entry.entry_type.lower()}{{{entry.key},"]
    for fld in sorted(entry.fields, key=lambda f: _field_rank(f.key)):
        lines.append(f"  {fld.key.lower()} = {_braced(fld.value)},")
    lines.append("}")
    return "\n".join(lines)


def _last_line(block: model.Block) -> int:
    return block.start_line + (block.raw or "").rstrip("\n").count("\n")


def _comment_runs(blocks: list[model.Block]) -> list[tuple[int, list[model.Block]]]:
    """Runs of consecutive non-entry blocks, each with the index of the entry after it."""
    runs: list[tuple[int, list[model.Block]]] = []
    current: list[model.Block] = []
    for index, block in enumerate(blocks):
        if type(block) is model.Entry:
            if current:
                runs.append((index, current))
            current = []
        else:
            current.append(block)
    if current:
        runs.append((len(blocks), current))
    return runs


# bibtexparser takes any block starting "@comment" for a comment, biblatex's @commentary
# entries too: they are renamed, same length (same lines and offsets), while it parses.
COMMENTARY = re.compile(r"(?i)@commentary(?=\s*[{(])")  # starts with "@": a fast search
WORDLIKE = re.compile(r"[\w@]")


def _protected(text: str) -> str:
    """``text`` with each ``@commentary`` entry renamed ``@c_mmentary`` (same length)."""

    def rename(match: re.Match[str]) -> str:
        start = match.start()
        return match[0] if start and WORDLIKE.match(text[start - 1]) else "@c_mmentary"

    return COMMENTARY.sub(rename, text)


INSIDE = re.compile(r"[,{][ \t]*\Z")  # a line an entry's next field may follow
COMMENTED_ENTRY = re.compile(r"[ \t]*%[ \t%]*@\w+[ \t]*[{(]")
TRAILING = re.compile(r"^([ \t]*[A-Za-z][\w:.-]*[ \t]*=.*?[}\"\w][ \t]*,?)[ \t]+%.*$")


def _complete(field: str) -> bool:
    """Whether ``name = value,`` ends its value (the ``%`` after it is not inside it)."""
    value = field.split("=", 1)[1].strip().rstrip(",").strip()
    balanced = value.count("{") == value.count("}")
    return balanced and (value.endswith("}") or value.endswith('"') or value.isalnum())


def _percent_lines(text: str) -> Iterator[tuple[int, int]]:
    """Where each line holding a ``%`` starts and ends (found by ``str.find``: fast)."""
    found = text.find("%")
    while found != -1:
        end = text.find("\n", found)
        end = len(text) if end == -1 else end
        yield text.rfind("\n", 0, found) + 1, end
        found = text.find("%", end)


def _without_inner_comments(text: str) -> str:
    """``text`` with the ``%`` comments biber skips inside entries made blank.

    biber skips a ``%`` line between an entry's fields, a ``% note`` after a
    field's value and an entry commented out line by line; bibtexparser would
    take them for the start of a field or an entry. Lines stay where they
    were; a comment outside entries (after a ``}``, before an ``@``) stays.
    Only the lines holding a ``%`` are looked at (a large export has few).
    """
    if "%" not in text:
        return text
    pieces: list[str] = []
    kept = 0  # text[:kept] is in pieces
    edited: dict[int, str] = {}  # line start -> the line as it now reads
    commented_until = -2  # end of the last line blanked as part of a commented-out entry
    comment_until, inside = -2, False  # the last comment line, and whether it is in an entry
    for begin, end in _percent_lines(text):
        line = text[begin:end]
        stripped = line.strip()
        if stripped.startswith("%"):
            commented = commented_until == begin - 1 or bool(COMMENTED_ENTRY.match(line))
            if not commented and comment_until != begin - 1:  # else as the comment above it
                inside = _inside(text, begin, edited)
            comment_until = end
            if commented or inside:
                pieces += [text[kept:begin], ""]
                kept = end
                commented_until = end if commented else -2
            continue
        if " %" not in line and "\t%" not in line:
            continue  # no comment after a value (a URL's "%20", "50\\%")
        trailing = TRAILING.match(line)
        if trailing and "\\%" not in line and _complete(trailing[1]):
            pieces += [text[kept:begin], trailing[1]]
            kept = end
            edited[begin] = trailing[1]
    if not pieces:
        return text
    return "".join(pieces) + text[kept:]


def _inside(text: str, begin: int, edited: dict[int, str]) -> bool:
    """Whether the last line before ``begin`` that is neither blank nor a comment opens a field."""
    end = begin - 1
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = edited.get(start, text[start:end]).strip()
        if line and not line.startswith("%"):
            return bool(INSIDE.search(line))
        end = start - 1
    return False


@lru_cache(maxsize=16)
def parse_library(text: str) -> Library:
    """bibtexparser's raw reading of ``text`` (no middleware), read-only.

    Cached by content: validating a file and checking its canonical form read
    the same text, and a build does both.
    """
    protected = _protected(text)
    cleared = _without_inner_comments(protected)
    library = bibtexparser.parse_string(cleared, parse_stack=[])
    library.briefkit_inner_comments = cleared is not protected  # type: ignore[attr-defined]
    if protected is not text:
        for entry in library.entries:
            if entry.entry_type.lower() == "c_mmentary":
                entry.entry_type = "commentary"
    return library


def canonical(text: str) -> str | None:
    """The canonical form of a ``.bib`` text, or ``None`` when it does not parse cleanly."""
    parts = _canonical_parts(text)
    return None if parts is None else "\n\n".join(parts) + "\n"


def is_canonical(text: str) -> bool | None:
    """Whether ``text`` is in canonical form (``None`` when it does not parse cleanly).

    Compares as it formats, so a file that is not tidy is known at its first
    difference, without formatting the rest.
    """
    parts = _canonical_parts(text)
    if parts is None:
        return None
    position = 0
    for index, part in enumerate(parts):
        piece = part if index == 0 else "\n\n" + part
        if not text.startswith(piece, position):
            return False
        position += len(piece)
    return text[position:] == "\n"


def _canonical_parts(text: str) -> Iterator[str] | None:
    """The parts of the canonical form, in order, made one by one; ``None`` if unreadable.

    Comments (``%`` lines, ``@comment``) stay with the entry they touch: one
    written on the lines right before an entry leads it, one right after an
    entry (and not touching the next) trails it; a comment before every entry
    and apart from it is the file's header, one after every entry its footer.
    ``@string`` and ``@preamble`` come first, as BibTeX needs them before use.
    """
    library = parse_library(text)
    if library.failed_blocks or getattr(library, "briefkit_inner_comments", False):
        return None  # tidying would lose what cannot be read, or comments between fields
    aside = (model.String, model.Preamble)  # type() is much faster than isinstance() here
    blocks = [b for b in library.blocks if type(b) not in aside]
    leading: dict[int, list[str]] = {}
    trailing: dict[int, list[str]] = {}
    header, footer = [], []
    for after, run in _comment_runs(blocks):
        raws = [b.raw.strip() for b in run if b.raw.strip()]
        before = blocks[after - len(run) - 1] if after - len(run) > 0 else None
        touches_next = after < len(blocks) and blocks[after].start_line == _last_line(run[-1]) + 1
        touches_previous = before is not None and run[0].start_line == _last_line(before) + 1
        if touches_next or (before is not None and after < len(blocks) and not touches_previous):
            leading.setdefault(after, []).extend(raws)
        elif touches_previous:
            trailing.setdefault(after - len(run) - 1, []).extend(raws)
        elif before is None:
            header += raws
        else:
            footer += raws
    entries = [(i, b) for i, b in enumerate(blocks) if type(b) is model.Entry]
    top = [p.raw.strip() for p in library.preambles]
    strings = sorted(library.strings, key=lambda s: s.key.lower())
    top += [f"@string{{{s.key} = {_braced(s.value)}}}" for s in strings]
    ordered = sorted(entries, key=lambda pair: pair[1].key.lower())

    def parts() -> Iterator[str]:
        yield from (*header, *top)
        for index, entry in ordered:
            yield "\n".join(
                [*leading.get(index, []), format_entry(entry), *trailing.get(index, [])]
            )
        yield from footer

    return parts()


def format_file(path: Path) -> bool:
    """Rewrite ``path`` in canonical form; say whether it changed."""
    text = path.read_text(encoding="utf-8")
    formatted = canonical(text)
    if formatted is None or formatted == text:
        return False
    path.write_text(formatted, encoding="utf-8")
    return True
