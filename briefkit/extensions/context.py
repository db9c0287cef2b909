"""What a Markdown extension of the generator knows about the page it converts.

The extensions load by name from ``markdown_extensions`` with their options
(:class:`briefkit.core.options.ExtensionOptions`), so they run wherever
Python-Markdown runs. They learn the page they convert from whoever drives
the conversion: :meth:`BriefExtension.begin_page` (the check, the PDF export,
and under MkDocs the plugin, from the page MkDocs is converting), else their
``page`` option. The page's edition is the one whose ``docs_dir`` holds it
(option ``docs_dir``, with ``root`` the folder of ``mkdocs.yml``), and its
language is that edition's :attr:`~briefkit.core.editions.Edition.lang`,
unless the ``lang`` option says otherwise; without either, English, an
unnamed page, and ``bib/`` in the working directory. Nothing is read from
the engine's internals.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.util import AtomicString

from briefkit.bib.reader import Bibliography, load_bibliography_dir
from briefkit.content.glossary_terms import Glossary, load_glossary
from briefkit.content.pagelist import edition_pages, page_files
from briefkit.core.editions import Edition, edition_in
from briefkit.core.locate import Locator
from briefkit.core.options import ExtensionOptions, markdown_config
from briefkit.core.problems import relpath
from briefkit.core.sources import read_page
from briefkit.core.vocabulary import FALLBACK, Vocabulary, vocabulary

OPTIONS: dict[str, list[Any]] = markdown_config(ExtensionOptions)


def protect(el: etree.Element) -> etree.Element:
    """Mark the text inside ``el`` as final (``AtomicString``): no later processor, the
    glossary's linking included, touches it. The text after ``el`` stays the author's."""
    for node in el.iter():
        if node.text:
            node.text = AtomicString(node.text)
        if node.tail and node is not el:
            node.tail = AtomicString(node.tail)
    return el


@dataclass
class PageContext:
    """The page being converted and the brief it belongs to."""

    lang: str
    root: Path
    docs_dir: Path | None
    src_uri: str  # relative to docs_dir, "" when unknown
    path: str  # for messages
    source: str  # the whole file, for line numbers; "" when unknown
    edition: Edition | None = None  # the edition whose docs_dir holds the page, when known
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def words(self) -> Vocabulary:
        return vocabulary(self.lang)

    @property
    def locator(self) -> Locator:
        """Where things are in the page's source, shared by the page's extensions."""
        if "locator" not in self._loaded:
            self._loaded["locator"] = Locator(self.source)
        return self._loaded["locator"]

    def href(self, target: str) -> str:
        """A link to the page ``target`` (relative to docs_dir) from this page."""
        return posixpath.relpath(target, posixpath.dirname(self.src_uri) or ".")

    def bibliography(self, bib_dir: str) -> Bibliography:
        """The brief's sources, looked up once per page (each citation asks)."""
        if bib_dir not in self._loaded:
            self._loaded[bib_dir] = load_bibliography_dir(self.root / bib_dir)[0]
        return self._loaded[bib_dir]

    @property
    def pages(self) -> list[str] | None:
        """The edition's pages (its ``exclude_docs`` honoured), ``None`` without a docs_dir."""
        if self.edition is not None:
            return edition_pages(self.edition)
        return page_files(self.docs_dir) if self.docs_dir else None

    def glossary(self) -> Glossary:
        """The edition's terms, looked up once per page."""
        if "glossary" not in self._loaded:
            exclude = str(self.edition.raw.get("exclude_docs") or "") if self.edition else ""
            found = load_glossary(self.docs_dir, exclude)[0] if self.docs_dir else Glossary()
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
        """Resolved at the first use in each conversion: options, then the engine's context."""
        if self.holder.context is None:
            given = {k: v for k, v in self.getConfigs().items() if v not in ("", None)}
            context = resolve({**engine_page(self.md), **given})
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


ENGINE_CONTEXT = "rendering_context"  # Zensical's page context, a preprocessor of this name


def engine_page(md: Markdown | None) -> dict[str, Any]:
    """What the engine converting the page says of it, as options.

    Zensical (which runs Markdown extensions but no MkDocs plugin) registers
    its rendering context as a preprocessor holding the page (``path``) and
    the configuration (``root_dir``, ``docs_dir``, ``theme.language``), for
    extensions to read; MkDocs has no such context: there the plugin names
    the page (:meth:`BriefExtension.begin_page`).
    """
    if md is None or ENGINE_CONTEXT not in md.preprocessors:
        return {}
    processor = md.preprocessors[ENGINE_CONTEXT]
    page, config = getattr(processor, "page", None), getattr(processor, "config", None)
    if page is None or not isinstance(config, dict):
        return {}
    root = Path(str(config.get("root_dir") or Path.cwd()))
    docs_dir = (root / str(config.get("docs_dir") or "docs")).resolve()
    path = Path(str(getattr(page, "path", "") or ""))
    if path.is_absolute() and path.is_relative_to(docs_dir):
        path = path.relative_to(docs_dir)
    theme = config.get("theme")
    lang = theme.get("language") if isinstance(theme, dict) else None
    found = {"root": str(root), "docs_dir": str(docs_dir), "page": path.as_posix()}
    return {**found, "engine_lang": lang} if lang else found


def resolve(options: dict[str, Any]) -> PageContext:
    """The page context from the options: the page, its edition and that edition's language."""
    root = Path(options.get("root") or Path.cwd())
    docs = options.get("docs_dir")
    docs_dir = Path(docs) if docs else None
    edition = edition_in(root, docs_dir) if docs_dir is not None else None
    # The page's language: the option when given, else its edition's, else the engine's.
    lang = options.get("lang") or (edition.lang if edition else None)
    lang = lang or options.get("engine_lang") or FALLBACK
    page = str(options.get("page") or "")
    path, source = "<text>", ""
    if docs_dir is not None and page and (docs_dir / page).is_file():
        path, source = relpath(docs_dir / page), read_page(docs_dir / page).text
    return PageContext(str(lang), root, docs_dir, page, path, source, edition)
