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


def _header(text: str) -> str:
    """Comment lines before the first block: the file's own explanation."""
    kept = []
    for line in text.splitlines():
        if line.startswith("@"):
            break
        kept.append(line)
    header = "\n".join(kept).strip()
    return header + "\n\n" if header else ""


def canonical(text: str) -> str | None:
    """The canonical form of a ``.bib`` text, or ``None`` when it does not parse cleanly."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    if library.failed_blocks:
        return None
    strings = sorted(library.strings, key=lambda s: s.key.lower())
    parts = [f"@string{{{s.key} = {_braced(s.value)}}}" for s in strings]
    parts += [format_entry(e) for e in sorted(library.entries, key=lambda e: e.key.lower())]
    return _header(text) + "\n\n".join(parts) + "\n"


def format_file(path: Path) -> bool:
    """Rewrite ``path`` in canonical form; say whether it changed."""
    text = path.read_text(encoding="utf-8")
    formatted = canonical(text)
    if formatted is None or formatted == text:
        return False
    path.write_text(formatted, encoding="utf-8")
    return True
