"""Translation parity between two editions that share file names.

For each page: both languages exist; same number of headings and paragraphs;
the same citation keys and editors' notes in each paragraph; the same front
matter fields.
Blocks are split on blank lines outside fenced code, which is how
Python-Markdown splits them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefkit.content.pagelist import page_files
from briefkit.core.grammar import FENCE_RE as FENCE
from briefkit.core.grammar import cited_keys, editor_notes
from briefkit.core.problems import Problem, relpath
from briefkit.core.sources import read_page


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph-like block, with its first line number."""

    line: int
    heading: bool
    keys: tuple[str, ...]
    editor_notes: int = 0
    # The block's Markdown (lines joined by "\n") and whether it is fenced code:
    # what the translation status reads; blocks compare by their structure only.
    text: str = field(default="", compare=False)
    code: bool = field(default=False, compare=False)


def blocks(body: str, first_line: int) -> list[Block]:
    """Headings and paragraphs of a Markdown body (fenced code counts as one block)."""
    result: list[Block] = []
    current: list[str] = []
    start, fence = first_line, ""
    for number, line in enumerate(body.splitlines(), first_line):
        marker = FENCE.match(line)
        if marker and not fence:
            fence = marker[1]
        elif marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence):
            fence = ""  # closed by the same character, at least as long (as Python-Markdown)
        if not line.strip() and not fence:
            if current:
                result.append(_block(start, current))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        result.append(_block(start, current))
    return result


def _block(line: int, lines: list[str]) -> Block:
    text = "\n".join(lines)
    if FENCE.match(lines[0]):
        return Block(line, False, (), text=text, code=True)  # code: no heading, no citation
    heading = lines[0].lstrip().startswith("#")
    return Block(line, heading, cited_keys(text), editor_notes(text), text)


def compare_pages(first: Path, second: Path) -> list[Problem]:
    """Problems that make ``second`` not a paragraph-for-paragraph translation of ``first``."""
    page_a, page_b = read_page(first), read_page(second)
    where_a, where_b = page_a.where, page_b.where
    if page_a.problems or page_b.problems:
        return []  # unreadable front matter: reported by the front-matter check
    meta_a, meta_b = page_a.meta, page_b.meta
    body_a, body_b = page_a.body, page_b.body
    off_a, off_b = page_a.body_line - 1, page_b.body_line - 1
    problems = [
        Problem(where_b, 1, f"front matter lacks '{k}' (present in {where_a}): translate it")
        for k in meta_a
        if k not in meta_b
    ]
    problems += [
        Problem(where_a, 1, f"front matter lacks '{k}' (present in {where_b}): translate it")
        for k in meta_b
        if k not in meta_a
    ]
    blocks_a, blocks_b = blocks(body_a, off_a + 1), blocks(body_b, off_b + 1)
    for kind, is_heading in (("headings", True), ("paragraphs", False)):
        count_a = sum(b.heading == is_heading for b in blocks_a)
        count_b = sum(b.heading == is_heading for b in blocks_b)
        if count_a != count_b:
            problems.append(
                Problem(
                    where_b,
                    off_b + 1,
                    f"{count_b} {kind} but {where_a} has "
                    f"{count_a}: translate paragraph for paragraph",
                )
            )
    for a, b in zip(blocks_a, blocks_b, strict=False):
        if a.editor_notes != b.editor_notes:
            problems.append(
                Problem(
                    where_b,
                    b.line,
                    f"{b.editor_notes} editors' note(s) but {where_a}:{a.line} has "
                    f"{a.editor_notes}: translate every ^[ed: …] note",
                )
            )
        if a.keys != b.keys:
            problems.append(
                Problem(
                    where_b,
                    b.line,
                    f"citations {list(b.keys)} differ from "
                    f"{where_a}:{a.line} {list(a.keys)}: cite the same sources",
                )
            )
    return problems


def check_parity(
    editions: list[tuple[str, Path]], page_lists: dict[Path, list[str]] | None = None
) -> list[Problem]:
    """Compare each edition's pages (``(language, docs_dir)``) with the first edition's.

    ``page_lists`` gives each ``docs_dir``'s pages (default: all its pages).
    """
    base_lang, base = editions[0]
    lists = page_lists or {}
    pages = {d: {Path(p) for p in lists.get(d) or page_files(d)} for _, d in editions}
    problems = []
    for lang, other in editions[1:]:
        for missing in sorted(pages[base] - pages[other]):
            problems.append(
                Problem(
                    relpath(base / missing),
                    1,
                    f"no {lang} translation: add {relpath(other / missing)}",
                )
            )
        for missing in sorted(pages[other] - pages[base]):
            problems.append(
                Problem(
                    relpath(other / missing),
                    1,
                    f"no {base_lang} original: add {relpath(base / missing)}",
                )
            )
        for shared in sorted(pages[base] & pages[other]):
            problems += compare_pages(base / shared, other / shared)
    return problems
