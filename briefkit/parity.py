"""Translation parity between two editions that share file names.

For each page: both languages exist; same number of headings and paragraphs;
the same citation keys in each paragraph; the same front matter fields.
Blocks are split on blank lines outside fenced code, which is how
Python-Markdown splits them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefkit.problems import Problem, relpath

CITED_KEY = re.compile(r"(?<![^\s;\[])@([A-Za-z0-9_](?:[\w:.\-/+]*\w)?)")
BRACKET = re.compile(r"\[[^\[\]]*@[^\[\]]*\](?![(\[:])")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"`[^`]*`")
# libyaml's loader when PyYAML has it: front matter is read for every page.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph-like block, with its first line number."""

    line: int
    heading: bool
    keys: tuple[str, ...]


def split_front_matter(text: str) -> tuple[dict[str, object], int, str]:
    """Front matter, the number of lines before the body, and the body."""
    if not text.startswith("---\n"):
        return {}, 0, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, 0, text
    data = yaml.load(text[4:end], Loader=SAFE_LOADER) or {}
    rest = text[end + 4 :]
    body = rest.lstrip("\n")
    # Lines before the body: the front matter's and the blank ones after it.
    offset = text[: end + 4].count("\n") + len(rest) - len(body)
    return (data if isinstance(data, dict) else {}), offset, body


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
    if FENCE.match(lines[0]):
        return Block(line, False, ())  # code: no heading, no citation
    text = CODE_SPAN.sub("", "\n".join(lines))
    keys = tuple(k for bracket in BRACKET.findall(text) for k in CITED_KEY.findall(bracket))
    return Block(line, lines[0].lstrip().startswith("#"), keys)


def compare_pages(first: Path, second: Path) -> list[Problem]:
    """Problems that make ``second`` not a paragraph-for-paragraph translation of ``first``."""
    where_a, where_b = relpath(first), relpath(second)
    try:
        meta_a, off_a, body_a = split_front_matter(first.read_text(encoding="utf-8"))
        meta_b, off_b, body_b = split_front_matter(second.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = where_a if str(first) in str(getattr(mark, "name", "")) else where_b
        return [
            Problem(
                where, 1, f"front matter is not valid YAML ({' '.join(str(err).split())}): fix it"
            )
        ]
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


def check_parity(docs: Path, languages: list[str]) -> list[Problem]:
    """Compare every edition of ``docs/<lang>/`` with the first one."""
    base = languages[0]
    pages = {
        lang: {p.relative_to(docs / lang) for p in (docs / lang).rglob("*.md")}
        for lang in languages
    }
    problems = []
    for lang in languages[1:]:
        for missing in sorted(pages[base] - pages[lang]):
            problems.append(
                Problem(
                    relpath(docs / base / missing),
                    1,
                    f"no {lang} translation: add {relpath(docs / lang / missing)}",
                )
            )
        for missing in sorted(pages[lang] - pages[base]):
            problems.append(
                Problem(
                    relpath(docs / lang / missing),
                    1,
                    f"no {base} original: add {relpath(docs / base / missing)}",
                )
            )
        for shared in sorted(pages[base] & pages[lang]):
            problems += compare_pages(docs / base / shared, docs / lang / shared)
    return problems
