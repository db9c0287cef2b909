"""A passage pair as an XLIFF unit's content, and the unit's codes as Markdown again.

The source's codes are numbered 1, 2, 3… in reading order. A code of the
translation takes the number of the source code it corresponds to (the same
kind, the same rank among its kind: the parity check already makes citations
and editors' notes correspond), and shows the source's markup, as XLIFF asks
of corresponding codes; its own markup (a link whose anchor is translated, a
citation's translated "see") is kept by briefkit, never taken from the file.
A code the source lacks gets ``t1``, ``t2``…
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass

from briefkit.translation.inline import Code, Node, codes, number, tokenize
from briefkit.translation.passages import Passage
from briefkit.translation.xliff import CODE_TYPES, NO_COPY


@dataclass(frozen=True)
class Markup:
    """What a code id stands for in the translation, as briefkit will write it."""

    kind: str
    start: str
    end: str | None
    deletable: bool
    copyable: bool


def unit_id(passage: Passage, body: list[Passage]) -> str:
    """``fm.title`` for a front-matter value, ``b7`` for the 7th block of the body."""
    if passage.kind == "field":
        return "fm." + "".join(c if c.isalnum() or c in "._-" else "_" for c in passage.key)
    return f"b{body.index(passage) + 1}"


def source_nodes(text: str) -> list[Node]:
    return number(tokenize(text))


def target_nodes(source: list[Node], text: str) -> list[Node]:
    """The translation's nodes, its codes numbered after their source counterparts."""
    nodes = tokenize(text)
    ranks: dict[str, list[Code]] = defaultdict(list)
    for code in codes(source):
        ranks[code.kind].append(code)
    seen: dict[str, int] = defaultdict(int)
    extra = 0
    for code in codes(nodes):
        rank = seen[code.kind]
        seen[code.kind] += 1
        if rank < len(ranks[code.kind]):
            code.id = ranks[code.kind][rank].id
        else:
            extra += 1
            code.id = f"t{extra}"
    return nodes


def shown(source: list[Node], target: list[Node]) -> list[Node]:
    """``target`` as the file shows it: corresponding codes carry the source's markup."""
    by_id = {c.id: c for c in codes(source)}
    shown_nodes = copy.deepcopy(target)
    for code in codes(shown_nodes):
        if code.id in by_id:
            code.start, code.end = by_id[code.id].start, by_id[code.id].end
    return shown_nodes


def markup(source: list[Node], target: list[Node] | None) -> dict[str, Markup]:
    """Every code id a returned translation may hold, and the markup briefkit writes for it."""
    found: dict[str, Markup] = {}
    for code in codes(source):
        found[code.id] = _markup(code, CODE_TYPES[code.kind][2], code.kind not in NO_COPY)
    for code in codes(target or []):
        deletable = found[code.id].deletable if code.id in found else True
        found[code.id] = _markup(code, deletable, code.kind not in NO_COPY)
    return found


def _markup(code: Code, deletable: bool, copyable: bool) -> Markup:
    return Markup(code.kind, code.start, code.end, deletable, copyable)
