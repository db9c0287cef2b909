"""Glossary terms across editions: the agreed translation of each term.

A term is one glossary page, with the same file name in every edition, so
its names in each edition are its agreed translations. A source passage that
mentions a term (one of the aliases the glossary links, matched as the
glossary extension matches them) should use one of the term's names in its
translation; the check warns when it uses none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefkit.content.glossary_terms import Term, load_glossary
from briefkit.core.editions import Publication
from briefkit.core.problems import Problem, relpath
from briefkit.extensions.glossary import alias_pattern
from briefkit.translation.passages import Passage
from briefkit.translation.status import BriefStatus, State


@dataclass(frozen=True)
class Concept:
    """One glossary page and its term in each edition (by language)."""

    page: str
    terms: dict[str, Term]

    def names(self, lang: str) -> tuple[str, ...]:
        """Every agreed spelling in ``lang``: the term, its names, its aliases."""
        term = self.terms.get(lang)
        if term is None:
            return ()
        return tuple(dict.fromkeys((term.term, *term.names, *term.aliases)))


def concepts(publication: Publication) -> list[Concept]:
    """Every glossary term of the root edition, with its pages in the other editions."""
    glossaries = {
        e.lang: load_glossary(e.docs_dir, str(e.raw.get("exclude_docs") or ""))[0]
        for e in publication.editions
    }
    base = glossaries[publication.main.lang]
    return [
        Concept(
            term.page, {lang: t for lang, g in glossaries.items() if (t := g.by_page(term.page))}
        )
        for term in base.terms
    ]


def mentioned(text: str, concepts: list[Concept], lang: str) -> list[Concept]:
    """The concepts whose linked aliases (in ``lang``) occur in ``text``, in order."""
    found = []
    for concept in concepts:
        term = concept.terms.get(lang)
        pattern = alias_pattern([term]) if term else None
        if pattern and pattern.search(text):
            found.append(concept)
    return found


def uses_one_of(text: str, names: tuple[str, ...]) -> bool:
    words = [re.escape(n) for n in names if n.strip()]
    if not words:
        return True
    return re.search(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", text, re.I) is not None


def term_problems(status: BriefStatus, publication: Publication) -> list[Problem]:
    """A warning for each translated passage lacking the agreed name of a term its source uses."""
    known = concepts(publication)
    problems = []
    for page in status.pages:
        for passage in page.passages:
            source, target = passage.source, passage.target
            if source is None or target is None or passage.state == State.ORPHANED:
                continue
            if source.key.startswith("glossary."):
                continue  # a term page's own names list every language's spelling
            for concept in mentioned(source.text, known, status.source_lang):
                names = concept.names(page.lang)
                if names and not uses_one_of(target.text, names):
                    problems.append(
                        _problem(
                            page.target_path, page.source_path, source, target, concept, page.lang
                        )
                    )
    return problems


def _problem(
    here: Path, there: Path, source: Passage, target: Passage, concept: Concept, lang: str
) -> Problem:
    term = next(iter(concept.terms.values()))
    glossary_page = concept.terms[lang].path
    agreed = ", ".join(f"'{n}'" for n in concept.names(lang))
    message = (
        f"{relpath(there)}:{source.line} mentions the glossary term '{term.term}', but this "
        f"{target.kind} uses none of its agreed names ({agreed}): use one, or add the name "
        f"you use to names in {glossary_page}"
    )
    return Problem(relpath(here), target.line, message, severity="warning")
