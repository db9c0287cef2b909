"""Glossary terms: defined in their pages' front matter, read once per change.

A term page is any page whose front matter has a ``glossary`` mapping
(``term``, ``names``, ``aliases``, ``definition``): that one place feeds the
page, the hover text, the index and the PDF.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.content.pagelist import page_files
from briefkit.core.collation import ROOT
from briefkit.core.collation import collation_key as collate
from briefkit.core.locate import Locator
from briefkit.core.problems import Problem
from briefkit.core.sources import read_page

REQUIRED = ("term", "names", "aliases", "definition")


@dataclass(frozen=True)
class Term:
    """One glossary entry, as written in its page's front matter."""

    term: str
    names: tuple[str, ...]
    aliases: tuple[str, ...]
    definition: str
    page: str  # source path relative to docs_dir, e.g. "glossaire/quad.md"
    path: str  # repository-relative path, for messages
    line: int

    @property
    def slug(self) -> str:
        return posixpath.splitext(posixpath.basename(self.page))[0]


@dataclass
class Glossary:
    """Every term of one edition."""

    terms: list[Term] = field(default_factory=list)

    def by_page(self, page: str) -> Term | None:
        return next((t for t in self.terms if t.page == page), None)

    def term_pages(self, lang: str = ROOT) -> list[str]:
        """The term pages in the glossary's order in ``lang`` (the index's, and the PDF's)."""
        return [t.page for t in sorted(self.terms, key=lambda t: collation_key(t.term, lang))]


def read_term(path: Path, docs_dir: Path) -> tuple[Term | None, list[Problem]]:
    """The term defined by ``path``, if it is a glossary page, and its problems.

    Invalid front matter is the front-matter check's to report, not the glossary's.
    """
    page = read_page(path)
    text, where, meta = page.text, page.where, page.meta
    if "glossary" not in meta:
        return None, []
    line = Locator(text).field("glossary")
    entry = meta["glossary"]
    if not isinstance(entry, dict):
        return None, [
            Problem(where, line, "glossary: must be a mapping with " + ", ".join(REQUIRED))
        ]
    missing = [k for k in REQUIRED if not str(entry.get(k) or "").strip()]
    if missing:
        msg = f"glossary entry lacks {', '.join(missing)}: add them to the front matter"
        return None, [Problem(where, line, msg)]
    term = Term(
        str(entry["term"]),
        _strings(entry["names"]),
        _strings(entry["aliases"]),
        " ".join(str(entry["definition"]).split()),
        path.relative_to(docs_dir).as_posix(),
        where,
        line,
    )
    return term, []


def _strings(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(v) for v in items if str(v).strip())


_CACHE: dict[tuple[object, ...], tuple[Glossary, list[Problem]]] = {}


def load_glossary(docs_dir: Path, exclude_docs: str = "") -> tuple[Glossary, list[Problem]]:
    """Every term page of ``docs_dir`` (cached until a page changes), duplicates reported."""
    paths = [docs_dir / page for page in sorted(page_files(docs_dir, exclude_docs))]
    signature = (docs_dir, *((p, p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    if signature not in _CACHE:
        _CACHE[signature] = _load_uncached(docs_dir, paths)
    return _CACHE[signature]


def _load_uncached(docs_dir: Path, paths: list[Path]) -> tuple[Glossary, list[Problem]]:
    glossary, problems = Glossary(), []
    owners: dict[str, Term] = {}
    for path in paths:
        term, found = read_term(path, docs_dir)
        problems.extend(found)
        if term is None:
            continue
        for alias in {term.term, *term.aliases}:
            if alias in owners:
                first = owners[alias]
                problems.append(
                    Problem(
                        term.path,
                        term.line,
                        f"'{alias}' is already defined by "
                        f"{first.path}:{first.line}: keep one definition",
                    )
                )
            owners[alias] = term
        glossary.terms.append(term)
    return glossary, problems


def collation_key(text: str, lang: str = ROOT) -> bytes:
    """Alphabetical order of ``lang``, the bibliography's: « État » under E, « Œuvre » under O."""
    return collate(text, lang)
