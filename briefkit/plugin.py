"""The MkDocs plugin: a thin adapter around the generator's Markdown extensions.

Each hook is a few lines: the work is done by the extensions and by plain
functions that run without MkDocs (and so under Zensical, which runs
Python-Markdown extensions but no MkDocs plugins).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from briefkit.bibliography import load_or_raise
from briefkit.bibliography_page import Citing, fill_cited_in
from briefkit.extensions import make_extensions
from briefkit.glossary import fill_mentions, load_glossary
from briefkit.metadata import BriefInfo, bibtex, cite_block, csl_json, json_ld, ris
from briefkit.parity import split_front_matter
from briefkit.problems import BriefError, relpath

log = get_plugin_logger(__name__)
CITE_MARKER = "[CITE]"


class BriefConfig(base.Config):
    """Options of the ``briefkit`` plugin in ``mkdocs.yml``."""

    bib_dir = c.Type(str, default="bib")
    """Folder holding the brief's ``.bib`` files, relative to ``mkdocs.yml``."""

    groups = c.Type(dict, default={})
    """Bibliography groups in display order: ``id: {fr: heading, en: heading}``;
    an entry's ``group`` field names its group."""

    # PDF export
    pdf_pages = c.Type(list, default=[])
    """Pages of the PDF in order (glob patterns allowed); default: the navigation."""

    publisher = c.Type(dict, default={})
    """The PDF cover's publisher line per language: ``{fr: …, en: …}``."""


class BriefPlugin(BasePlugin[BriefConfig]):
    """Citations, bibliography, glossary and figures for an analytical brief."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = str(config.theme["language"]).split("_")[0]
        root = Path(config.config_file_path or "mkdocs.yml").parent
        try:
            bibliography = load_or_raise(root / self.config.bib_dir)
        except BriefError as err:
            raise PluginError(f"the bibliography has errors:\n{err}") from None
        glossary, problems = load_glossary(Path(config.docs_dir))
        if problems:
            raise PluginError("the glossary has errors:\n" + "\n".join(map(str, problems)))
        self.ext = make_extensions(bibliography, glossary, self.config.groups, self.lang)
        config.markdown_extensions.extend(self.ext.all())
        self.bibliography = bibliography
        home = split_front_matter((Path(config.docs_dir) / "index.md").read_text("utf-8"))[0]
        self.info = BriefInfo.from_meta(home, config.site_url or "", self.lang)
        self.cited: dict[str, list[str]] = {}
        self.citing: dict[str, list[Citing]] = defaultdict(list)
        self.mentions: dict[str, list[tuple[str, str]]] = defaultdict(list)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.citing.clear()  # a rebuild under `mkdocs serve` starts afresh
        self.mentions.clear()
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        path = page.file.abs_src_path or page.file.src_uri
        source = Path(path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
        self.ext.begin_page(relpath(path), source, page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        keys = dict.fromkeys(key for key, _ in self.ext.citations.state.uses)
        self.cited[page.file.src_uri] = list(keys)
        if page.is_homepage:
            html = html.replace(f"<p>{CITE_MARKER}</p>", cite_block(self.info))
        for problem in self.ext.problems():
            log.warning(str(problem))
        title = page.title or page.file.src_uri
        for key, note in self.ext.citations.state.uses:
            self.citing[key].append(Citing(page.url, str(title), note))
        for term_page in self.ext.glossary.mentions:
            self.mentions[term_page].append((page.url, str(title)))
        return html

    def on_page_context(
        self,
        context: dict,
        *,
        page: Page,
        config: MkDocsConfig,  # type: ignore[type-arg]
        nav: object,
    ) -> dict:  # type: ignore[type-arg]
        sources = [self.bibliography[k] for k in self.cited.get(page.file.src_uri, [])]
        description = str(page.meta.get("description") or config.site_description or "")
        url = page.canonical_url or config.site_url or ""
        context["brief_jsonld"] = json_ld(self.info, str(page.title), url, description, sources)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # "Cite this brief" files beside the edition's PDF.
        site = Path(config.site_dir)
        stem = f"brief-{self.lang}"
        (site / f"{stem}.bib").write_text(bibtex(self.info), encoding="utf-8")
        (site / f"{stem}.ris").write_text(ris(self.info), encoding="utf-8")
        (site / f"{stem}.json").write_text(csl_json(self.info), encoding="utf-8")

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        def target(url: str, anchor: object) -> str:
            fragment = f"fn:{anchor}" if isinstance(anchor, int) else str(anchor)
            return f"{get_relative_url(url, page.url)}#{fragment}"

        if "brief-cited-in" in output:
            output = fill_cited_in(output, self.citing, self.lang, target)
        if "brief-mentioned-in" in output:
            output = fill_mentions(output, self.mentions, self.lang, target)
        return output
