"""Values written the other way from the page, isolated; an entry's name order.

An Arabic publisher in an English note, a Latin title or URL in an Arabic
one: isolated (HTML's ``<bdi>``; the PDF writes it as Unicode's first-strong
isolate), the punctuation around it keeps the page's order. Only values that
hold letters of the other direction are wrapped, so a French or English
reference is unchanged.
"""

from __future__ import annotations

import string
import unicodedata
from typing import Any

from pybtex.richtext import Tag, Text

from briefkit.bib.model import Source
from briefkit.core.name_order import entry_order

_FORMATTER = string.Formatter()


def runs_other_way(text: str, direction: str) -> bool:
    """Whether ``text`` holds letters written the other way from ``direction``'s."""
    kinds = {unicodedata.bidirectional(c) for c in text}
    return bool(kinds & {"R", "AL"}) if direction == "ltr" else "L" in kinds


def isolated(context: dict[str, Any], part: Any) -> Any:
    """``part`` in ``<bdi>`` when it runs the other way from the page's language."""
    plain = part if isinstance(part, str) else str(part)
    if runs_other_way(plain, context["style"].words.direction):
        return Tag("bdi", part)
    return part


def around(context: dict[str, Any], pattern: str, **parts: Any) -> Text:
    """``pattern`` (``{names} (ed.)``) with each ``{name}`` replaced by its part, isolated."""
    pieces: list[Any] = []
    for literal, name, _spec, _conv in _FORMATTER.parse(pattern):
        if literal:
            pieces.append(literal)
        if name:
            pieces.append(isolated(context, parts[name]))
    return Text(*pieces)


def family_first(source: Source) -> bool:
    """Whether the entry asks for its names family name first (``options = {nameorder=…}``)."""
    return entry_order(source.fields.get("options", "")) == "family-given"
