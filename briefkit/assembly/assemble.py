"""Assemble an edition: its configuration, sources, glossary and extensions.

One function for every caller. The build, the editors' check, the PDF export
and the MkDocs plugin all start from :func:`assemble`; they differ only in
what they do with :attr:`AssembledEdition.problems` (print them all, stop,
or log them for MkDocs). Nothing here converts a page: that is
:func:`converter`'s job, with exactly the extensions MkDocs would use.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import Extension
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from briefkit.bib.reader import Bibliography, load_bibliography_dir
from briefkit.content.frontmatter import HOME, front_matter_problems
from briefkit.content.glossary_terms import Glossary, load_glossary
from briefkit.content.pagelist import all_pages, missing_nav_pages, print_pages
from briefkit.content.parity import check_parity
from briefkit.core.editions import Edition, Publication
from briefkit.core.grammar import cited_keys
from briefkit.core.problems import BriefError, MessageCollector, Problem, relpath
from briefkit.core.sources import PageSource, read_page
from briefkit.extensions import NAME as EXTENSIONS
from briefkit.extensions import BriefExtensions


@dataclass
class AssembledEdition:
    """An edition ready to convert, and every problem its sources have."""

    edition: Edition
    config: MkDocsConfig
    bibliography: Bibliography
    glossary: Glossary
    pages: dict[str, PageSource]  # every page of docs_dir, by path relative to it
    print_order: list[str]
    problems: list[Problem] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)  # keys the pages cite or nocite names
    source_problems: list[Problem] = field(default_factory=list)  # the .bib's, for ``cited``

    @property
    def options(self) -> dict[str, Any]:
        """The options ``mkdocs.yml`` gives the generator's extensions."""
        return dict(self.config.mdx_configs.get(EXTENSIONS, {}))

    @property
    def bib_dir(self) -> Path:
        return self.edition.config_file.parent / str(self.options.get("bib_dir", "bib"))

    def converter(self, src: str, *extra: Extension) -> markdown.Markdown:
        """A Markdown converter for page ``src``, configured as MkDocs configures it."""
        names = [e for e in self.config.markdown_extensions if e != EXTENSIONS]
        configs = {k: v for k, v in self.config.mdx_configs.items() if k != EXTENSIONS}
        options = {
            **self.options,
            "lang": self.edition.lang,
            "page": src,
            "docs_dir": str(self.edition.docs_dir),
            "root": str(self.edition.config_file.parent),
        }
        brief = BriefExtensions(bibliography=self.bibliography, glossary=self.glossary, **options)
        page = self.pages[src]
        brief.begin_page(page.where, page.text, src)
        return markdown.Markdown(extensions=[*names, brief, *extra], extension_configs=configs)


def load_mkdocs_config(edition: Edition) -> MkDocsConfig:
    """The edition's MkDocs configuration, its site URL set from the publication.

    MkDocs' own complaints about the file (unknown options, strict-mode
    warnings) become problems of the configuration file.
    """
    logger = logging.getLogger("mkdocs")
    messages, propagate = MessageCollector(), logger.propagate
    saved, logger.handlers = logger.handlers, [messages]
    logger.propagate = False
    try:
        return load_config(str(edition.config_file), site_url=edition.site_url)
    except (ConfigurationError, Abort) as err:
        where = relpath(edition.config_file)
        lines = messages.messages or [" ".join(str(err).split())]
        raise BriefError([Problem(where, 1, _config_hint(line)) for line in lines]) from None
    finally:
        logger.handlers, logger.propagate = saved, propagate


def _config_hint(line: str) -> str:
    if "Plugin 'briefkit'" in line and ("bib_dir" in line or "groups" in line):
        return (
            f"{line}: bib_dir and groups are options of the briefkit.extensions "
            "Markdown extension now; move them there (see README)"
        )
    return f"{line}: fix the configuration"


def assemble(edition: Edition) -> AssembledEdition:
    """Read an edition's configuration and sources; collect every problem they have."""
    config = load_mkdocs_config(edition)
    options = dict(config.mdx_configs.get(EXTENSIONS, {}))
    bib_dir = edition.config_file.parent / str(options.get("bib_dir", "bib"))
    bibliography, problems = load_bibliography_dir(bib_dir)
    if bibliography.records or bibliography.canonical:
        problems = []  # what reading found comes back from check(), with its severity
    glossary, glossary_problems = load_glossary(edition.docs_dir)
    problems = [*problems, *glossary_problems, *missing_nav_pages(edition)]
    pages = {src: read_page(edition.docs_dir / src) for src in all_pages(edition.docs_dir)}
    cited = cited_keys_of(pages, list(options.get("nocite", [])), bibliography)
    source_problems = bibliography.check(cited) if bibliography.canonical else []
    for src, page in pages.items():
        problems += front_matter_problems(page, is_home=src == HOME)
    if HOME not in pages:
        problems.append(Problem(relpath(edition.docs_dir), 1, "no index.md: add the home page"))
    order, order_problems = print_pages(edition, glossary)
    every = [*problems, *order_problems, *source_problems]
    return AssembledEdition(
        edition, config, bibliography, glossary, pages, order, every, cited, source_problems
    )


def cited_keys_of(
    pages: dict[str, PageSource], nocite: list[str], bibliography: Bibliography
) -> set[str]:
    """Every key the pages cite, with those ``nocite`` names (``*``: every entry)."""
    keys = {key for page in pages.values() for key in cited_keys(page.body)}
    named = {str(key).lstrip("@") for key in nocite}
    if "*" in named:
        return keys | set(bibliography.keys())
    return keys | named


def canonical_form_problems(bibliography: Bibliography) -> list[Problem]:
    """A warning for each ``.bib`` file not in canonical form (review diffs stay small)."""
    message = "not in canonical form: run `briefkit check --fix-bib` and commit the result"
    return [
        Problem(path, 1, message, severity="warning")
        for path, tidy in bibliography.canonical.items()
        if tidy is False
    ]


def assemble_all(
    publication: Publication, validate: bool = False
) -> tuple[list[AssembledEdition], list[Problem]]:
    """Every edition assembled, and every source problem of the brief (sorted, once each).

    ``validate`` also checks biblatex's data model constraints (``--validate-datamodel``).
    """
    assembled = [assemble(edition) for edition in publication.editions]
    problems = [p for a in assembled for p in a.problems if p not in set(a.source_problems)]
    sharing: dict[int, list[AssembledEdition]] = {}
    for edition in assembled:  # editions reading the same .bib files share one bibliography
        sharing.setdefault(id(edition.bibliography), []).append(edition)
    for editions in sharing.values():
        bibliography = editions[0].bibliography
        cited = set().union(*(edition.cited for edition in editions))
        problems += bibliography.check(cited, validate) if bibliography.canonical else []
        problems += canonical_form_problems(bibliography)
    problems += check_parity([(a.edition.lang, a.edition.docs_dir) for a in assembled])
    return assembled, sorted(set(problems))
