"""Assemble an edition: its configuration, sources, glossary and extensions.

One function for every caller. The build, the editors' check, the PDF export
and the MkDocs plugin all start from :func:`assemble`; they differ only in
what they do with :attr:`AssembledEdition.problems` (print them all, stop,
or log them for MkDocs). Nothing here converts a page: that is
:func:`converter`'s job, with exactly the extensions MkDocs would use.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import Extension
from mkdocs.config.defaults import MkDocsConfig

from briefkit.bib import hygiene
from briefkit.bib.reader import Bibliography, bib_files, load_bibliography_dir
from briefkit.content.files import docs_files, svg_problems
from briefkit.content.frontmatter import HOME, front_matter_problems
from briefkit.content.glossary_terms import Glossary, load_glossary
from briefkit.content.pagelist import edition_pages, missing_nav_pages, print_pages
from briefkit.content.parity import check_parity
from briefkit.core.configfile import ConfigReadError, load_data, resolve_names
from briefkit.core.editions import Edition, Publication
from briefkit.core.grammar import cited_keys
from briefkit.core.options import (
    PLUGIN,
    ExtensionOptions,
    PluginOptions,
    extension_options,
    plugin_options,
)
from briefkit.core.problems import BriefError, MessageCollector, Problem, relpath
from briefkit.core.sources import PageSource, read_page, read_text
from briefkit.core.vocabulary import fallback_message, supported, supported_languages
from briefkit.extensions import NAME as EXTENSIONS
from briefkit.extensions import BriefExtensions


@dataclass
class AssembledEdition:
    """An edition ready to convert, and every problem its sources have."""

    edition: Edition
    config: MkDocsConfig
    bibliography: Bibliography
    glossary: Glossary
    pages: dict[str, PageSource]  # every page of the edition, by path relative to docs_dir
    print_order: list[str]
    plugin: PluginOptions
    extension: ExtensionOptions
    problems: list[Problem] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)  # keys the pages cite or nocite names
    source_problems: list[Problem] = field(default_factory=list)  # the .bib's, for ``cited``

    @property
    def options(self) -> dict[str, Any]:
        """The options ``mkdocs.yml`` gives the generator's extensions, validated."""
        return dict(self.extension)

    @property
    def bib_dir(self) -> Path:
        return self.edition.config_file.parent / self.extension.bib_dir

    def converter(self, src: str, *extra: Extension) -> markdown.Markdown:
        """A Markdown converter for page ``src``, configured as MkDocs configures it."""
        names = [e for e in self.config.markdown_extensions if e != EXTENSIONS]
        # Material's !!python/name: values are imported here, for the conversion only.
        configs = {
            k: resolve_names(v) for k, v in self.config.mdx_configs.items() if k != EXTENSIONS
        }
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
    """The edition's MkDocs configuration, read safely, its site URL from the publication.

    Done as MkDocs' ``load_config`` does it, but from data read by the safe
    loader (:mod:`briefkit.core.configfile`); MkDocs' complaints (unknown
    options, strict-mode warnings) become problems at the option's line.
    """
    config = MkDocsConfig(config_file_path=str(edition.config_file))
    try:
        data = load_data(edition.config_file, config)
    except ConfigReadError as err:
        raise BriefError([Problem(relpath(edition.config_file), err.line, err.message)]) from None
    config.load_dict(data)
    config.load_dict({"site_url": edition.site_url})
    logger = logging.getLogger("mkdocs")
    messages, propagate = MessageCollector(), logger.propagate
    saved, logger.handlers = logger.handlers, [messages]
    logger.propagate = False
    try:
        failed, warnings = config.validate()
    finally:
        logger.handlers, logger.propagate = saved, propagate
    problems = [
        Problem(*edition.where(name), f"{name}: {error}: fix the configuration")
        for name, error in [*failed, *(warnings if config.strict else [])]
        if not _ours(name, str(error))
    ]
    if problems:
        raise BriefError(problems)
    return config


def _ours(name: str, error: str) -> bool:
    # The generator's own options are checked by its schemas, with their lines.
    return name == "plugins" and f"Plugin '{PLUGIN}'" in error


def option_problems(edition: Edition) -> tuple[PluginOptions, ExtensionOptions, list[Problem]]:
    """The plugin's and the extensions' options, and the language, checked at their lines."""
    raw = edition.raw
    plugin, problems = plugin_options(raw, lambda n: edition.where("plugins", PLUGIN, n))
    extension, more = extension_options(
        raw, lambda n: edition.where("markdown_extensions", EXTENSIONS, n)
    )
    return plugin, extension, [*problems, *more, *language_problems(edition)]


def language_problems(edition: Edition) -> list[Problem]:
    """``theme.language`` at its line: unknown (an error, with the closest known code),
    or known with some words shown in English (one warning naming them)."""
    where, lang = edition.where("theme", "language"), edition.lang
    if not supported(lang):
        close = difflib.get_close_matches(lang, supported_languages(), n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = (
            f"theme.language '{lang}' is a language briefkit has no data for: {hint}use an "
            "ISO 639 code that CLDR and the CSL locales cover (`briefkit new --list-languages`)"
        )
        return [Problem(*where, message)]
    message = fallback_message(lang)
    return [Problem(*where, message, severity="warning")] if message else []


def assemble(edition: Edition) -> AssembledEdition:
    """Read an edition's configuration and sources; collect every problem they have."""
    plugin, extension, problems = option_problems(edition)
    if any(p.severity == "error" for p in problems):
        raise BriefError(problems)
    config = load_mkdocs_config(edition)
    bib_dir = edition.config_file.parent / extension.bib_dir
    bibliography, bib_problems = load_bibliography_dir(bib_dir)
    if bibliography.records or bibliography.canonical:
        bib_problems = []  # what reading found comes back from check(), with its severity
    exclude = str(edition.raw.get("exclude_docs") or "")
    glossary, glossary_problems = load_glossary(edition.docs_dir, exclude)
    files = docs_files(edition.docs_dir)
    problems += [*bib_problems, *glossary_problems, *missing_nav_pages(edition), *files.problems]
    problems += svg_problems(edition.docs_dir)
    problems += hygiene.case_twins(bibliography)
    pages = {
        src: read_page(edition.docs_dir / src)
        for src in edition_pages(edition)
        if files.allows(src)  # never a link to a file elsewhere
    }
    cited = cited_keys_of(pages, list(extension.nocite or []), bibliography)
    source_problems = bibliography.check(cited) if bibliography.canonical else []
    for src, page in pages.items():
        problems += front_matter_problems(page, is_home=src == HOME)
    if HOME not in pages:
        problems.append(Problem(relpath(edition.docs_dir), 1, "no index.md: add the home page"))
    order, order_problems = print_pages(edition, glossary.term_pages(edition.lang), plugin)
    return AssembledEdition(
        edition,
        config,
        bibliography,
        glossary,
        pages,
        order,
        plugin,
        extension,
        [*problems, *order_problems, *source_problems],
        cited,
        source_problems,
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


def bib_dir_problems(bib_dir: Path) -> list[Problem]:
    """A linked ``.bib`` file (an error) and the hidden characters of each
    (:mod:`briefkit.bib.hygiene`)."""
    problems = hygiene.link_problems(bib_dir)
    for path in bib_files(bib_dir):
        try:
            text = read_text(path)
        except UnicodeDecodeError:
            continue  # reported as an encoding problem
        problems += hygiene.text_problems(path, text)
    return problems


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
    for bib_dir in dict.fromkeys(a.bib_dir.resolve() for a in assembled):
        problems += bib_dir_problems(bib_dir)
    page_lists = {a.edition.docs_dir: list(a.pages) for a in assembled}
    problems += check_parity([(a.edition.lang, a.edition.docs_dir) for a in assembled], page_lists)
    return assembled, sorted(set(problems))
