"""One canonical form for ``.bib`` files, so that a review diff shows only real changes.

Entries sorted by key, fields in a fixed order, two-space indent, values in
braces. Values are copied exactly as written (only ``"…"`` delimiters become
``{…}``), so formatting never alters what a field says. A comment block before
the first entry is kept as the file's header.
"""

from __future__ import annotations

from pathlib import Path

import bibtexparser
from bibtexparser import model

FIELD_ORDER = (
    "author", "editor", "title", "shorttitle", "journal", "booktitle", "series", "volume",
    "number", "pages", "organization", "institution", "publisher", "school", "year", "month",
    "urldate", "url", "doi", "site", "language", "note", "group",
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


def canonical(text: str) -> str | None:
    """The canonical form of a ``.bib`` text, or ``None`` when it does not parse cleanly.

    A comment block before every entry stays at the top; any other comment,
    ``@comment`` or ``@preamble`` travels with the entry that follows it, so
    sorting never loses an editor's note.
    """
    library = bibtexparser.parse_string(text, parse_stack=[])
    if library.failed_blocks:
        return None
    header, pending, entries = [], [], []
    for block in library.blocks:
        if isinstance(block, model.String):
            continue
        if isinstance(block, model.Entry):
            entries.append((block, pending))
            pending = []
        elif not entries and isinstance(block, model.ImplicitComment) and not header:
            header.append(block.raw.strip())
        else:
            pending.append(block.raw.strip())
    strings = sorted(library.strings, key=lambda s: s.key.lower())
    parts = [f"@string{{{s.key} = {_braced(s.value)}}}" for s in strings]
    for entry, notes in sorted(entries, key=lambda pair: pair[0].key.lower()):
        parts.append("\n".join([*notes, format_entry(entry)]))
    parts += pending  # comments after the last entry stay at the end
    return "".join(h + "\n\n" for h in header) + "\n\n".join(parts) + "\n"


def format_file(path: Path) -> bool:
    """Rewrite ``path`` in canonical form; say whether it changed."""
    text = path.read_text(encoding="utf-8")
    formatted = canonical(text)
    if formatted is None or formatted == text:
        return False
    path.write_text(formatted, encoding="utf-8")
    return True
