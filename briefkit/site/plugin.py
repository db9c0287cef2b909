"""The MkDocs plugin: only what needs every page, or every edition.

The pages themselves are converted by the generator's Markdown extensions
(``briefkit.extensions``), which load by name and run without this plugin,
under any tool that runs Python-Markdown. The plugin adds what one page
cannot know: "cited in" and "mentioned in" lists, each page's JSON-LD, the
"cite this brief" files, the links between editions, the internal-link
check, and the generator's theme files.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from html import escape, unescape
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from briefkit.assembly.harvest import harvest
from briefkit.assembly.linkcheck import LinkCollectorExtension, PageLinks, check_links
from briefkit.bib.reader import Bibliography, load_bibliography_dir
from briefkit.core.editions import Edition, edition_for
from briefkit.core.grammar import CITE_MARKER
from briefkit.core.problems import LOGGER, collecting, report
from briefkit.core.sources import read_page, read_text
from briefkit.extensions import NAME as EXTENSIONS
from briefkit.extensions.bibliography_page import Citing, fill_cited_in
from briefkit.extensions.glossary import fill_mentions
from briefkit.site.metadata import BriefInfo, bibtex, cite_block, csl_json, json_ld, ris
from briefkit.site.theme import (
    THEME_DIR,
    alternates,
    folder_sitemaps,
    template_words,
    valid_toggles,
    with_direction,
)

log = get_plugin_logger(__name__)


class BriefConfig(base.Config):
    """Options of the ``briefkit`` plugin in ``mkdocs.yml``."""

    publisher = c.Type(dict, default={})
    """The PDF cover's publisher line per language: ``{fr: …, en: …}``."""

    pdf_pages = c.Type(list, default=[])
    """The PDF's own page order (glob patterns allowed); default: the nav."""

    pdf_exclude = c.Type(list, default=[])
    """Nav pages left out of ``pdf_pages`` on purpose."""

    pdf_fonts = c.Type(list, default=[])
    """The PDF's font families, in order of preference (the first is the text face);
    default: a face per script (briefkit/pdf/fonts.yml)."""

    pdf_font_dirs = c.Type(list, default=[])
    """Folders holding every font the PDF may use (relative to mkdocs.yml, or absolute);
    default: those of briefkit/pdf/fonts.yml's faces."""


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


def plain_title(page: Page) -> str:
    """The page's title as text (MkDocs' title is HTML once the front matter is escaped)."""
    return unescape(str(page.title or page.file.src_uri))


class BriefPlugin(BasePlugin[BriefConfig]):
    """Cited-in and mentioned-in lists, JSON-LD, cite files, editions and theme."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        path = Path(config.config_file_path or "mkdocs.yml")
        self.edition: Edition = edition_for(path, config.site_url, config.theme["language"])
        self.publication_editions = alternates(path, self.edition)
        config.extra["alternate"] = self.publication_editions
        config.extra["brief"] = template_words(self.edition)
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if "assets/brief.css" not in config.extra_css:
            config.extra_css.insert(0, "assets/brief.css")
        if "assets/brief.js" not in config.extra_javascript:
            config.extra_javascript.append("assets/brief.js")
        if EXTENSIONS not in config.markdown_extensions:
            config.markdown_extensions.append(EXTENSIONS)
        # The generator checks links, anchors and the nav itself, naming file and line:
        # MkDocs' own messages would repeat them without either.
        config.validation.links.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
        config.validation.nav.not_found = logging.INFO
        self.links: dict[str, PageLinks] = {}
        config.markdown_extensions.append(LinkCollectorExtension(self.links))
        options = config.mdx_configs.get(EXTENSIONS, {})
        self.bibliography: Bibliography = load_bibliography_dir(
            path.parent / str(options.get("bib_dir", "bib"))
        )[0]
        home = read_page(Path(config.docs_dir) / "index.md").meta
        self.info = BriefInfo.from_meta(home, config.site_url or "", self.edition.lang)
        self.page_urls: list[str] = []
        self.cited: dict[str, list[str]] = {}
        self.citing: dict[str, list[Citing]] = defaultdict(list)
        self.mentions: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.forward = None if collecting() else _Forward()
        if self.forward is not None:  # run by `mkdocs` itself, not by the generator's build
            logging.getLogger(LOGGER).addHandler(self.forward)
        return config

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # The build read every page already (checks, assembly): MkDocs gets that text.
        return read_text(Path(config.docs_dir) / page.file.src_uri)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Material prints front-matter values (title, description…) as HTML: make them text.
        page.meta = escape_meta(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        facts = harvest(html)
        self.cited[page.file.src_uri] = facts.cited
        if page.is_homepage:
            stem = Path(self.edition.pdf_name).stem
            files = {
                name: get_relative_url(f"{stem}.{suffix}", page.url)
                for name, suffix in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))
            }
            html = html.replace(f"<p>{CITE_MARKER}</p>", cite_block(self.info, files))
        title = plain_title(page)
        for key, note in facts.uses:
            self.citing[key].append(Citing(page.url, title, note))
        for term_page in facts.mentions:
            self.mentions[term_page].append((page.url, title))
        return html

    def on_page_context(
        self,
        context: dict,  # type: ignore[type-arg]
        *,
        page: Page,
        config: MkDocsConfig,
        nav: object,
    ) -> dict:  # type: ignore[type-arg]
        cited = self.cited.get(page.file.src_uri, [])
        sources = [self.bibliography[k] for k in cited if k in self.bibliography]
        description = unescape(str(page.meta.get("description") or config.site_description or ""))
        url = page.canonical_url or config.site_url or ""
        context["brief_jsonld"] = json_ld(self.info, plain_title(page), url, description, sources)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        def target(url: str, anchor: object) -> str:
            fragment = f"fn:{anchor}" if isinstance(anchor, int) else str(anchor)
            return f"{get_relative_url(url, page.url)}#{fragment}"

        if page.url != "404.html":
            self.page_urls.append(page.url)
        output = valid_toggles(output)
        words = self.edition.words
        output = with_direction(output, words.direction)
        if "brief-cited-in" in output:
            output = fill_cited_in(output, self.citing, words, target)
        if "brief-mentioned-in" in output:
            output = fill_mentions(output, self.mentions, words, target)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # The 404 page, rendered without a Page.
        return with_direction(valid_toggles(output_content), self.edition.words.direction)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        docs = Path(config.docs_dir)
        sources = {src: read_page(docs / src).text for src in self.links if (docs / src).is_file()}
        for problem in check_links(docs, self.links, sources):
            report(problem)
        # "Cite this brief" files beside the edition's PDF; never without an author
        # (the front-matter check names the missing field).
        site = Path(config.site_dir)
        stem = Path(self.edition.pdf_name).stem
        if self.info.author.strip():
            (site / f"{stem}.bib").write_text(bibtex(self.info), encoding="utf-8")
            (site / f"{stem}.ris").write_text(ris(self.info), encoding="utf-8")
            (site / f"{stem}.json").write_text(csl_json(self.info), encoding="utf-8")
        # Where Material's language selector looks for sitemaps (see briefkit.site.theme).
        own = self.edition.site_url
        for folder, text in folder_sitemaps(self.page_urls, self.publication_editions, own).items():
            (site / folder / "sitemap.xml").write_text(text, encoding="utf-8")
        self._stop_forwarding()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_forwarding()

    def _stop_forwarding(self) -> None:
        if self.forward is not None:
            logging.getLogger(LOGGER).removeHandler(self.forward)
            self.forward = None
