"""Assemble an edition: its configuration, sources, glossary and extensions.

One function for every caller. The build, the editors' check, the PDF export
and the MkDocs plugin all start from :func:`assemble`; they differ only in
what they do with :attr:`AssembledEdition.problems` (print them all, stop,
or log them for MkDocs). Nothing here converts a page: that is
:func:`converter`'s job, with exactly the extensions MkDocs would use.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import Extension
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from briefkit.bib.canonical import canonical
from briefkit.bib.reader import Bibliography, bib_files, load_bibliography_dir
from briefkit.content.frontmatter import HOME, front_matter_problems
from briefkit.content.glossary_terms import Glossary, load_glossary
from briefkit.content.pagelist import all_pages, missing_nav_pages, print_pages
from briefkit.content.parity import check_parity
from briefkit.core.editions import Edition, Publication
from briefkit.core.problems import BriefError, MessageCollector, Problem, line_of, relpath
from briefkit.core.sources import PageSource, read_page, read_text
from briefkit.core.vocabulary import fallback_message, supported
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
    glossary, glossary_problems = load_glossary(edition.docs_dir)
    problems = [*problems, *glossary_problems, *missing_nav_pages(edition)]
    pages = {src: read_page(edition.docs_dir / src) for src in all_pages(edition.docs_dir)}
    for src, page in pages.items():
        problems += front_matter_problems(page, is_home=src == HOME)
    if HOME not in pages:
        problems.append(Problem(relpath(edition.docs_dir), 1, "no index.md: add the home page"))
    problems += language_problems(edition)
    order, order_problems = print_pages(edition, glossary)
    assembled = AssembledEdition(
        edition, config, bibliography, glossary, pages, order, [*problems, *order_problems]
    )
    return assembled


def language_problems(edition: Edition) -> list[Problem]:
    """An unknown language (an error), or one warning naming the words shown in English."""
    where, lang = relpath(edition.config_file), edition.lang
    line = language_line(edition.config_file)
    if not supported(lang):
        message = (
            f"theme.language '{lang}' is a language briefkit has no data for: use an ISO 639 "
            "code that CLDR and the CSL locales cover (`briefkit new --list-languages`)"
        )
        return [Problem(where, line, message)]
    message = fallback_message(lang)
    return [Problem(where, line, message, severity="warning")] if message else []


def language_line(config_file: Path) -> int:
    """The line of ``language:`` in a configuration (1 when it inherits its language)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    match = re.search(r"(?m)^\s+language\s*:", text)
    return line_of(text, match.start()) if match else 1


def canonical_form_problems(bib_dir: Path) -> list[Problem]:
    """A warning for each ``.bib`` file not in canonical form (review diffs stay small)."""
    problems = []
    for path in bib_files(bib_dir):
        try:
            text = read_text(path)
        except UnicodeDecodeError:
            continue  # reported as an encoding problem
        formatted = canonical(text)
        if formatted is not None and formatted != text:
            problems.append(
                Problem(
                    relpath(path),
                    1,
                    "not in canonical form: run `scripts/check --fix-bib` and commit the result",
                    severity="warning",
                )
            )
    return problems


def assemble_all(publication: Publication) -> tuple[list[AssembledEdition], list[Problem]]:
    """Every edition assembled, and every source problem of the brief (sorted, once each)."""
    assembled = [assemble(edition) for edition in publication.editions]
    problems = [p for a in assembled for p in a.problems]
    for bib_dir in dict.fromkeys(a.bib_dir.resolve() for a in assembled):
        problems += canonical_form_problems(bib_dir)
    problems += check_parity([(a.edition.lang, a.edition.docs_dir) for a in assembled])
    return assembled, sorted(set(problems))
