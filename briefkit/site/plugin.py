"""The MkDocs plugin: glue between MkDocs and the generator's engine-free parts.

The pages are converted by the generator's Markdown extensions
(``briefkit.extensions``), which run under any tool that runs
Python-Markdown; the plugin installs them, names each page for them, adds the
theme files and the links between editions, and checks internal links. What
needs every page ("cited in" and "mentioned in" lists, JSON-LD, the "cite
this brief" block and files, sitemaps) is a pass over the built HTML
(:mod:`briefkit.site.finish`), which the plugin runs once MkDocs has written
the edition, and which works as well on pages another engine wrote.
"""

from __future__ import annotations

import logging
import posixpath
import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from briefkit.assembly.crossrefs import Numbering, PageTargets, page_targets
from briefkit.assembly.harvest import harvest
from briefkit.assembly.linkcheck import LinkCollectorExtension, PageLinks, check_links
from briefkit.bib.reader import Bibliography, Source, load_bibliography_dir
from briefkit.content.glossary_terms import load_glossary
from briefkit.content.pagelist import reading_pages
from briefkit.core.editions import Edition, edition_for
from briefkit.core.options import ExtensionOptions, PluginOptions, validate
from briefkit.core.problems import LOGGER, collecting, relpath, report
from briefkit.core.sources import read_page
from briefkit.extensions import NAME as EXTENSIONS
from briefkit.extensions import BriefExtensions
from briefkit.extensions.bibliography_page import listed
from briefkit.site.copies import keep_own_files
from briefkit.site.csp import with_csp
from briefkit.site.finish import JSONLD_MARK, finish_edition
from briefkit.site.metadata import BriefInfo
from briefkit.site.scholar import dublin_core, highwire
from briefkit.site.theme import (
    THEME_DIR,
    alternates,
    palette_words,
    storage_scope,
    template_words,
    valid_toggles,
    with_direction,
)

log = get_plugin_logger(__name__)


class _Forward(logging.Handler):
    """Shows the extensions' problems as MkDocs warnings, so that ``--strict`` counts them."""

    def emit(self, record: logging.LogRecord) -> None:
        problem = getattr(record, "problem", None)
        level = logging.WARNING if record.levelno >= logging.ERROR else logging.INFO
        log.log(level, str(problem) if problem is not None else record.getMessage())


def escape_meta(value: Any) -> Any:
    """Every string of a page's front matter, HTML-escaped (lists and mappings too)."""
    if isinstance(value, str):
        return escape(value, quote=True)
    if isinstance(value, list):
        return [escape_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: escape_meta(item) for key, item in value.items()}
    return value


SOURCE_SET = re.compile(r'(<source [^>]*?\bsrcset=")([^":]+)(")')


def page_relative_sources(html: str, page: Page) -> str:
    """A ``<source>``'s file as MkDocs links an ``<img>``'s: from the page's URL, not its file.

    MkDocs rewrites ``src`` and ``href`` only; a figure's dark variant is a ``srcset``.
    """

    def relink(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match[2]))
        return match[1] + escape(get_relative_url(target, page.url)) + match[3]

    return SOURCE_SET.sub(relink, html)


class BriefPlugin(BasePlugin[PluginOptions]):
    """Cited-in and mentioned-in lists, JSON-LD, cite files, numbering, editions and theme.

    Every hook first checks the ``enabled`` option; the Markdown extensions
    are the plugin's own instance, told which page MkDocs converts.
    """

    def __init__(self) -> None:
        super().__init__()
        self.edition: Edition | None = None
        self.publication_editions: list[dict[str, str]] = []
        self.extensions: BriefExtensions | None = None
        self.links: dict[str, PageLinks] = {}
        self.link_collector = LinkCollectorExtension(self.links)
        self.bibliography = Bibliography({})
        self.info: BriefInfo | None = None
        self.forward: _Forward | None = None
        self.cited: dict[str, list[str]] = {}  # page -> the keys it cites (scholarly tags)
        self.reading_order: list[str] = []
        self.targets: dict[str, PageTargets] = {}  # page -> its figures, tables, sections
        self.url_of: dict[str, str] = {}
        self.numbering: Numbering | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """MkDocs' ``config`` event: the edition, the theme files, the extensions, the state."""
        if not self.config.enabled:
            return config
        path = Path(config.config_file_path or "mkdocs.yml")
        self.edition = edition_for(path, config.site_url, config.theme["language"])
        self.publication_editions = alternates(path, self.edition)
        config.extra["alternate"] = self.publication_editions
        config.extra["brief"] = template_words(self.edition)
        self._set_up_schemes(config)
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if "assets/brief.css" not in config.extra_css:
            config.extra_css.insert(0, "assets/brief.css")
        if "assets/brief.js" not in config.extra_javascript:
            config.extra_javascript.append("assets/brief.js")
        self._install_extensions(config, path)
        # The generator checks links, anchors and the nav itself, naming file and line:
        # MkDocs' own messages would repeat them without either.
        config.validation.links.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
        config.validation.nav.not_found = logging.INFO
        self.links.clear()
        config.markdown_extensions.append(self.link_collector)
        options = config.mdx_configs.get(EXTENSIONS, {})
        bib_dir = path.parent / str(options.get("bib_dir", "bib"))
        self.bibliography = load_bibliography_dir(bib_dir)[0]
        home = read_page(Path(config.docs_dir) / "index.md").meta
        publisher = str(self.config.publisher.get(self.edition.lang, ""))
        self.info = BriefInfo.from_meta(
            home, config.site_url or "", self.edition.lang, dict(config), publisher
        )
        self.cited.clear()
        self._start_numbering(config)
        self.forward = None if collecting() else _Forward()
        if self.forward is not None:  # run by `mkdocs` itself, not by the generator's build
            logging.getLogger(LOGGER).addHandler(self.forward)
        return config

    def _install_extensions(self, config: MkDocsConfig, path: Path) -> None:
        """The extensions as an instance of the plugin's, in their place in the list."""
        assert self.edition is not None
        edition = self.edition
        given = config.mdx_configs.get(EXTENSIONS, {})
        where = lambda name: edition.where("markdown_extensions", EXTENSIONS, name)  # noqa: E731
        valid, problems = validate(ExtensionOptions, given, f"extension '{EXTENSIONS}'", where)
        for problem in problems:  # the check names them too, before any build
            log.warning(str(problem))
        options = {
            **dict(valid),
            "lang": self.edition.lang,
            "docs_dir": str(config.docs_dir),
            "root": str(path.parent),
        }
        self.extensions = BriefExtensions(**options)
        names = config.markdown_extensions
        if EXTENSIONS in names:
            names[names.index(EXTENSIONS)] = self.extensions
        else:
            names.append(self.extensions)

    def _set_up_schemes(self, config: MkDocsConfig) -> None:
        """The palette toggle in the edition's words; the reader's choice kept for all editions."""
        assert self.edition is not None
        palette_words(config.theme.get("palette"), self.edition)
        config.extra.setdefault("scope", storage_scope(self.edition))

    def _start_numbering(self, config: MkDocsConfig) -> None:
        """Cross-references: each page's targets, numbered once every page is converted."""
        assert self.edition is not None
        glossary = load_glossary(Path(config.docs_dir))[0]
        self.reading_order = reading_pages(self.edition, glossary.term_pages(self.edition.lang))
        self.targets.clear()
        self.url_of.clear()
        self.numbering = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """MkDocs' ``files`` event: only the brief's own files, with the bytes the build
        read (SVGs sanitized)."""
        if not self.config.enabled:
            return files
        return keep_own_files(files, Path(config.docs_dir))

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """MkDocs' ``page_read_source`` event: the text the build already read."""
        if not self.config.enabled:
            return None
        return read_page(Path(config.docs_dir) / page.file.src_uri).text

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """MkDocs' ``page_markdown`` event: name the page for the extensions; escape its meta."""
        if not self.config.enabled or self.extensions is None:
            return markdown
        path = Path(config.docs_dir) / page.file.src_uri
        self.extensions.begin_page(relpath(path), read_page(path).text, page.file.src_uri)
        self.link_collector.page = page.file.src_uri
        # Material prints front-matter values (title, description…) as HTML: make them text.
        page.meta = escape_meta(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """MkDocs' ``page_content`` event: what the page cites and the targets it offers."""
        if not self.config.enabled:
            return html
        html = page_relative_sources(html, page)
        self.cited[page.file.src_uri] = harvest(html).cited
        self.targets[page.file.src_uri] = page_targets(html)
        self.url_of[page.file.src_uri] = page.url
        return html

    def on_page_context(
        self,
        context: TemplateContext,
        *,
        page: Page,
        config: MkDocsConfig,
        nav: Navigation,
    ) -> TemplateContext:
        """MkDocs' ``page_context`` event: the mark where the pass writes the JSON-LD,
        and the scholarly meta tags."""
        if self.config.enabled:
            context["brief_jsonld"] = JSONLD_MARK
            cited = self.cited.get(page.file.src_uri, [])
            sources = [self.bibliography[k] for k in cited if k in self.bibliography]
            context["brief_scholar"] = self._scholar_tags(config, page, sources)
        return context

    def _scholar_tags(
        self, config: MkDocsConfig, page: Page, cited: list[Source]
    ) -> list[tuple[str, str]]:
        """The brief's Highwire and Dublin Core tags, and the works the page refers to.

        The home page, which describes the brief, lists every work of its
        bibliography; another page, the works it cites.
        """
        assert self.edition is not None and self.info is not None
        if page.is_homepage:
            options = config.mdx_configs.get(EXTENSIONS, {})
            cited = listed(self.bibliography, Path(config.docs_dir), options.get("nocite", []))
        publisher = str(self.config.publisher.get(self.edition.lang, ""))
        pdf_url = self.edition.site_url + self.edition.pdf_name
        return highwire(self.info, publisher, pdf_url, cited) + dublin_core(self.info, publisher)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """MkDocs' ``post_page`` event: Material's toggles made valid, the page's direction
        and policy set.

        The policy is set while the page's content stands as converted: scripts in
        it are never hashed, so none of them can run."""
        if not self.config.enabled:
            return output
        output = self._number(valid_toggles(output), page)
        if self.edition is not None:
            output = with_direction(output, self.edition.words.direction)
        return with_csp(output, page.content or "")

    def _number(self, output: str, page: Page) -> str:
        """Figures, tables and cross-references numbered across the edition (every page is read)."""
        if self.edition is None:  # no edition configured: nothing to number
            return output
        if self.numbering is None:
            self.numbering = Numbering.of(self.edition.lang, self.reading_order, self.targets)

        def href(src: str, anchor: str) -> str:
            same = src == page.file.src_uri or src not in self.url_of
            return ("" if same else get_relative_url(self.url_of[src], page.url)) + "#" + anchor

        return self.numbering.fill(page.file.src_uri, output, href)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """MkDocs' ``post_template`` event: the 404 page's toggles made valid, its direction
        and policy set."""
        if not self.config.enabled:
            return output_content
        if not template_name.endswith(".html"):  # sitemap.xml is no HTML: no policy
            return output_content
        # The 404 page, rendered without a Page.
        output = valid_toggles(output_content)
        if self.edition is not None:
            output = with_direction(output, self.edition.words.direction)
        return with_csp(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """MkDocs' ``post_build`` event: the link check, then the pass over the built pages."""
        if not self.config.enabled or self.edition is None or self.info is None:
            return
        docs = Path(config.docs_dir)
        sources = {src: read_page(docs / src).text for src in self.links if (docs / src).is_file()}
        for problem in check_links(docs, self.links, sources):
            report(problem)
        # The cross-page work, on the built pages: what any engine's build needs too.
        site, alternate = Path(config.site_dir), self.publication_editions
        finish_edition(self.edition, site, self.info, self.bibliography, alternate)
        self._stop_forwarding()

    def on_build_error(self, *, error: Exception) -> None:
        """MkDocs' ``build_error`` event: stop forwarding the extensions' problems."""
        self._stop_forwarding()

    def _stop_forwarding(self) -> None:
        if self.forward is not None:
            logging.getLogger(LOGGER).removeHandler(self.forward)
            self.forward = None
