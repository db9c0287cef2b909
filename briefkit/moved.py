"""Module names of briefkit 0.2, which had one flat folder, kept working after the move into layers.

``import briefkit.citations`` (a Markdown extension name in someone's
``mkdocs.yml``) or ``python -m briefkit.build`` still work: the old name is an
alias of the module in its new place, and a :class:`DeprecationWarning` names
that place, so a brief's configuration can be updated at leisure.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import warnings
from types import CodeType, ModuleType

# Old module (``briefkit.<old>``) -> its place since 0.3 (``briefkit.<new>``).
MOVED: dict[str, str] = {
    "problems": "core.problems",
    "sources": "core.sources",
    "vocabulary": "core.vocabulary",
    "editions": "core.editions",
    "grammar": "core.grammar",
    "sidebyside": "core.sidebyside",
    "htmltree": "core.htmltree",
    "bibliography": "bib.reader",
    "bibformat": "bib.canonical",
    "bibvalues": "bib.values",
    "texdecode": "bib.tex",
    "names": "bib.names",
    "inheritance": "bib.inheritance",
    "bibcheck": "bib.fields",
    "bibmessages": "bib.messages",
    "bibtypes": "bib.datamodel",
    "bibdates": "bib.dates",
    "bibmodel": "bib.model",
    "bibstyle": "style.templates",
    "bibnodes": "style.nodes",
    "references": "style.references",
    "titlelang": "style.titlelang",
    "frontmatter": "content.frontmatter",
    "glossary_terms": "content.glossary_terms",
    "pagelist": "content.pagelist",
    "parity": "content.parity",
    "context": "extensions.context",
    "citations": "extensions.citations",
    "editor_notes": "extensions.editor_notes",
    "bibliography_page": "extensions.bibliography_page",
    "glossary": "extensions.glossary",
    "figures": "extensions.figures",
    "typography": "extensions.typography",
    "passages": "extensions.passages",
    "links": "extensions.links",
    "dates": "extensions.dates",
    "assemble": "assembly.assemble",
    "harvest": "assembly.harvest",
    "linkcheck": "assembly.linkcheck",
    "plugin": "site.plugin",
    "theme": "site.theme",
    "search": "site.search",
    "metadata": "site.metadata",
    "print_html": "pdf.print_tree",
    "typst_writer": "pdf.typst_writer",
    "typst_document": "pdf.typst_document",
    "fonts": "pdf.fonts",
    "pdf_export": "pdf.export",
    "build": "commands.build",
    "checks": "commands.check",
    "new": "commands.new",
    "cli": "commands.cli",
    "svg": "maps.svg",
    "svgmap": "maps.svgmap",
}


class _Alias(importlib.abc.Loader):
    """Loads an old name as the module at its new place (the same module object)."""

    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:
        """The module was executed under its new name: nothing to run again."""

    def get_code(self, fullname: str) -> CodeType | None:
        # ``python -m briefkit.build`` runs the new module's code as ``__main__``.
        spec = importlib.util.find_spec(self.new)
        loader = spec.loader if spec else None
        return (
            loader.get_code(self.new) if isinstance(loader, importlib.abc.InspectLoader) else None
        )


class _MovedFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        prefix, _, old = fullname.partition(".")
        if prefix != "briefkit" or old not in MOVED:
            return None
        new = "briefkit." + MOVED[old]
        warnings.warn(
            f"{fullname} moved to {new} in briefkit 0.3: use the new name",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.machinery.ModuleSpec(fullname, _Alias(new), origin=new)


def install() -> None:
    """Let the old names load (once per interpreter)."""
    if not any(isinstance(finder, _MovedFinder) for finder in sys.meta_path):
        sys.meta_path.append(_MovedFinder())
