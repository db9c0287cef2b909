"""The generator's options: one typed schema each for the plugin and the extensions.

Both are MkDocs ``Config`` classes, so MkDocs validates the plugin's options
as it validates its own, the extensions validate theirs the same way, and
the check validates both before anything is built, naming the file, the line
and, for a misspelt option, the closest name. Options that moved from the
plugin to the extensions are ``Deprecated(message=…)``. Everyone reads them
through :func:`plugin_options` and :func:`extension_options` (the assembled
edition holds both): nothing else looks at the raw configuration for them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from briefkit.core.problems import Problem

PLUGIN = "briefkit"
EXTENSIONS = "briefkit.extensions"
MOVED = (
    "{} is an option of the briefkit.extensions Markdown extension now: "
    "move it there, under markdown_extensions (see README)"
)


class PluginOptions(base.Config):
    """Options of the ``briefkit`` plugin (``plugins:`` in ``mkdocs.yml``)."""

    enabled = c.Type(bool, default=True)
    """Whether the plugin runs (``false`` builds the site without its cross-page features)."""

    publisher = c.DictOfItems(c.Type(str), default={})
    """The PDF cover's publisher line per language: ``{fr: …, en: …}``."""

    pdf_pages = c.ListOfItems(c.Type(str), default=[])
    """The PDF's own page order (glob patterns allowed); default: the nav."""

    pdf_exclude = c.ListOfItems(c.Type(str), default=[])
    """Nav pages left out of ``pdf_pages`` on purpose."""

    pdf_fonts = c.ListOfItems(c.Type(str), default=[])
    """The PDF's font families, in order of preference (the first is the text face);
    empty: a face per script and language from ``briefkit/pdf/fonts.yml``."""

    pdf_font_dirs = c.ListOfItems(c.Type(str), default=[])
    """Folders holding every font the PDF may use (relative to mkdocs.yml, or absolute);
    empty: the Debian font folders ``briefkit/pdf/fonts.yml`` names."""

    bib_dir = c.Deprecated(message=MOVED)
    """Moved to the extensions in briefkit 0.2."""

    groups = c.Deprecated(message=MOVED)
    """Moved to the extensions in briefkit 0.2."""


class ExtensionOptions(base.Config):
    """Options of the ``briefkit.extensions`` Markdown extensions."""

    lang = c.Type(str, default="")
    """Language of the page (default: the edition's ``theme.language``, else English)."""

    page = c.Type(str, default="")
    """The page's path relative to ``docs_dir``, e.g. ``glossary/quad.md``."""

    docs_dir = c.Type(str, default="")
    """Folder of the edition's pages (default: the edition's ``docs_dir``)."""

    root = c.Type(str, default="")
    """Folder holding ``mkdocs.yml``; ``bib_dir`` is relative to it (default: cwd)."""

    bib_dir = c.Type(str, default="bib")
    """Folder of the brief's ``.bib`` files, relative to ``root``."""

    groups = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})
    """Bibliography groups in order, each heading per language: ``{id: {lang: heading}}``."""

    nocite = c.ListOfItems(c.Type(str), default=[])
    """Keys the bibliography lists though no page cites them; ``'*'``: every entry."""


Options = TypeVar("Options", bound=base.Config)
Where = Callable[[str], tuple[str, int]]  # an option's name -> (file, line)


def validate(
    schema: type[Options], given: dict[str, Any], owner: str, where: Where
) -> tuple[Options, list[Problem]]:
    """``given`` checked against ``schema``; every problem at its option's line.

    Unknown names are errors with the closest known name (MkDocs only warns,
    and ``strict`` then stops the build without saying where).
    """
    options = schema()
    known = [name for name, _ in schema._schema]
    problems = []
    for name in given:
        if name not in known:
            close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(
                Problem(
                    *where(str(name)),
                    f"{owner} has no option '{name}': {hint}use one of {', '.join(known)}",
                )
            )
    options.load_dict({k: v for k, v in given.items() if k in known})
    failed, warnings = options.validate()
    for name, error in [*failed, *warnings]:
        problems.append(Problem(*where(name), f"{owner} option '{name}': {error}"))
    return options, problems


def plugin_entry(raw: dict[str, Any], name: str = PLUGIN) -> dict[str, Any] | None:
    """The options a configuration gives the plugin ``name`` (``None`` when it is not used)."""
    return _entry(raw.get("plugins"), name)


def extension_entry(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The options a configuration gives the extensions (``None`` when it does not load them)."""
    return _entry(raw.get("markdown_extensions"), EXTENSIONS)


def _entry(items: Any, name: str) -> dict[str, Any] | None:
    if isinstance(items, dict):
        pairs = list(items.items())
    elif isinstance(items, list):
        pairs = [next(iter(i.items())) if isinstance(i, dict) and i else (i, None) for i in items]
    else:
        return None
    for key, options in pairs:
        if key == name:
            return dict(options) if isinstance(options, dict) else {}
    return None


def plugin_options(raw: dict[str, Any], where: Where) -> tuple[PluginOptions, list[Problem]]:
    """The plugin's options, validated (defaults when the plugin is not used)."""
    given = plugin_entry(raw) or {}
    return validate(PluginOptions, given, f"plugin '{PLUGIN}'", where)


def extension_options(raw: dict[str, Any], where: Where) -> tuple[ExtensionOptions, list[Problem]]:
    """The extensions' options, validated (defaults when they are not loaded)."""
    given = extension_entry(raw) or {}
    return validate(ExtensionOptions, given, f"extension '{EXTENSIONS}'", where)


def markdown_config(schema: type[base.Config]) -> dict[str, list[Any]]:
    """The schema as Python-Markdown's ``Extension.config`` (``{name: [default, doc]}``)."""
    return {
        name: [option.default, name.replace("_", " ")]
        for name, option in schema._schema
        if not isinstance(option, c.Deprecated)
    }
