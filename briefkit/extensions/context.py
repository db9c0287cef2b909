"""What a Markdown extension of the generator knows about the page it converts.

The extensions load by name from ``markdown_extensions`` with their options,
so they run wherever Python-Markdown runs. They learn the page they convert,
its language and the brief's folders from, in this order:

1. their own options (``lang``, ``page``, ``docs_dir``, ``root``, ``bib_dir``),
   which the generator's check and PDF export set for every page;
2. MkDocs, when MkDocs converts the page: its link-rewriting processor
   (``relpath``) carries the page's file and the site's configuration;
3. defaults: English, an unnamed page, ``bib/`` in the working directory.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from briefkit.bib.reader import Bibliography, load_bibliography_dir
from briefkit.content.glossary_terms import Glossary, load_glossary
from briefkit.core.problems import relpath
from briefkit.core.sources import read_page
from briefkit.core.vocabulary import FALLBACK, Vocabulary, vocabulary

OPTIONS: dict[str, list[Any]] = {
    "lang": ["", "Language of the page (default: MkDocs' theme.language, else English)"],
    "page": ["", "The page's path relative to docs_dir, e.g. 'glossary/quad.md'"],
    "docs_dir": ["", "Folder of the edition's pages (default: MkDocs' docs_dir)"],
    "root": ["", "Folder holding mkdocs.yml; bib_dir is relative to it (default: cwd)"],
    "bib_dir": ["bib", "Folder of the brief's .bib files, relative to root"],
    "groups": [{}, "Bibliography groups in order: {id: {lang: heading}}"],
    "nocite": [[], "Keys the bibliography lists though no page cites them; '*': every entry"],
}


@dataclass
class PageContext:
    """The page being converted and the brief it belongs to."""

    lang: str
    root: Path
    docs_dir: Path | None
    src_uri: str  # relative to docs_dir, "" when unknown
    path: str  # for messages
    source: str  # the whole file, for line numbers; "" when unknown
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def words(self) -> Vocabulary:
        return vocabulary(self.lang)

    def href(self, target: str) -> str:
        """A link to the page ``target`` (relative to docs_dir) from this page."""
        return posixpath.relpath(target, posixpath.dirname(self.src_uri) or ".")

    def bibliography(self, bib_dir: str) -> Bibliography:
        """The brief's sources, looked up once per page (each citation asks)."""
        if bib_dir not in self._loaded:
            self._loaded[bib_dir] = load_bibliography_dir(self.root / bib_dir)[0]
        return self._loaded[bib_dir]

    def glossary(self) -> Glossary:
        """The edition's terms, looked up once per page."""
        if "glossary" not in self._loaded:
            found = load_glossary(self.docs_dir)[0] if self.docs_dir else Glossary()
            self._loaded["glossary"] = found
        return self._loaded["glossary"]


@dataclass
class Holder:
    """One page context, shared by the extensions that convert a page together."""

    context: PageContext | None = None
    page: tuple[str, str, str] | None = None


class BriefExtension(Extension):
    """Base of the generator's extensions: options, and the page context per conversion.

    Programs may hand over an already loaded ``bibliography`` and ``glossary``
    (the check and the PDF export do), and name the page with :meth:`begin_page`.
    """

    def __init__(
        self,
        bibliography: Bibliography | None = None,
        glossary: Glossary | None = None,
        holder: Holder | None = None,
        **kwargs: Any,
    ) -> None:
        self.config = {name: list(default) for name, default in OPTIONS.items()}
        super().__init__(**kwargs)
        self._bibliography, self._glossary = bibliography, glossary
        self.md: Markdown | None = None
        self.holder = holder or Holder()

    def extendMarkdown(self, md: Markdown) -> None:
        self.md = md
        md.registerExtension(self)

    def reset(self) -> None:
        self.holder.context = None

    def begin_page(self, path: str, source: str = "", src_uri: str = "") -> None:
        """Name the page converted next: ``path`` for messages, ``src_uri`` for links."""
        self.holder.page = (path, source, src_uri)
        self.holder.context = None

    @property
    def context(self) -> PageContext:
        """Resolved at the first use in each conversion (MkDocs adds its processor late)."""
        if self.holder.context is None:
            context = resolve(self.md, self.getConfigs())
            if self.holder.page is not None:
                path, source, src_uri = self.holder.page
                context.path, context.source = path, source
                context.src_uri = src_uri or context.src_uri
            self.holder.context = context
        return self.holder.context

    @property
    def bibliography(self) -> Bibliography:
        if self._bibliography is not None:
            return self._bibliography
        return self.context.bibliography(self.getConfig("bib_dir"))

    @property
    def glossary(self) -> Glossary:
        return self._glossary if self._glossary is not None else self.context.glossary()


def resolve(md: Markdown | None, options: dict[str, Any]) -> PageContext:
    """The page context from the options, then MkDocs, then defaults."""
    mkdocs = _mkdocs_page(md)
    lang = options.get("lang") or mkdocs.get("lang") or FALLBACK
    root = Path(options.get("root") or mkdocs.get("root") or Path.cwd())
    docs = options.get("docs_dir") or mkdocs.get("docs_dir")
    docs_dir = Path(docs) if docs else None
    page = str(options.get("page") or mkdocs.get("page") or "")
    path, source = "<text>", ""
    if docs_dir is not None and page and (docs_dir / page).is_file():
        path, source = relpath(docs_dir / page), read_page(docs_dir / page).text
    return PageContext(str(lang), root, docs_dir, page, path, source)


def _mkdocs_page(md: Markdown | None) -> dict[str, Any]:
    """What MkDocs' link processor knows, when MkDocs drives the conversion."""
    if md is None or "relpath" not in md.treeprocessors:
        return {}
    processor = md.treeprocessors["relpath"]
    config, file = getattr(processor, "config", None), getattr(processor, "file", None)
    if config is None or file is None:
        return {}
    theme = config.get("theme")
    lang = theme["language"] if theme is not None and "language" in theme else None
    config_file = config.get("config_file_path")
    return {
        "lang": lang,
        "root": Path(config_file).parent if config_file else None,
        "docs_dir": config.get("docs_dir"),
        "page": file.src_uri,
    }
