"""A brief's MkDocs configuration read as data, safely, with the line of every option.

MkDocs reads ``mkdocs.yml`` with PyYAML's full loader, where a
``!!python/object`` tag runs code. The generator reads it with PyYAML's safe
loader extended by MkDocs' own tags, through MkDocs' own functions
(``get_yaml_loader``, ``yaml_load``, which also merge ``INHERIT``): ``!ENV``
(read from the environment), ``!relative`` (a placeholder MkDocs resolves),
and Material's ``!!python/name:module.attribute`` kept as a
:class:`PythonName`, data that names an attribute and is never imported while
the configuration is read. Any other tag is an error at its line.

Each option's line is read from the files' YAML nodes (an inherited file's,
unless the file itself sets the option), so a problem with an option points
at ``mkdocs.yml:LINE``, not at the file's first line.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from briefkit.core.problems import relpath

PYTHON_NAME = "tag:yaml.org,2002:python/name:"
Path_ = tuple[str, ...]


@dataclass(frozen=True)
class PythonName:
    """``!!python/name:module.attribute``, kept as the name it is."""

    name: str

    def resolve(self) -> object:
        """The named attribute (imported: only for a conversion, never while reading)."""
        module, _, attribute = self.name.rpartition(".")
        return getattr(importlib.import_module(module), attribute)

    def __str__(self) -> str:
        return f"!!python/name:{self.name}"


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


def safe_loader(config: MkDocsConfig | None = None) -> type[yaml.SafeLoader]:
    """PyYAML's safe loader with MkDocs' ``!ENV`` and ``!relative`` and ``!!python/name:``."""
    loader: type[yaml.SafeLoader] = get_yaml_loader(
        yaml.SafeLoader, config or MkDocsConfig(config_file_path=None)
    )
    loader.add_multi_constructor(PYTHON_NAME, _python_name)
    return loader


@dataclass
class ConfigLines:
    """The file and line of each option, by path (``plugins``, ``briefkit``, ``pdf_pages``)."""

    default: tuple[Path, int]
    lines: dict[Path_, tuple[Path, int]] = field(default_factory=dict)

    def of(self, *path: str) -> tuple[Path, int]:
        """Where the option ``path`` is set, else the nearest setting above it."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return self.default

    def where(self, *path: str) -> tuple[str, int]:
        """``(file for messages, line)`` of the option ``path``."""
        file, line = self.of(*path)
        return relpath(file), line


def _walk(node: yaml.Node, path: Path_, file: Path, lines: dict[Path_, tuple[Path, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                here = (*path, str(key.value))
                lines[here] = (file, key.start_mark.line + 1)
                _walk(value, here, file, lines)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            # ``- name`` or ``- name: {options}``: the item is known by its name.
            if isinstance(item, yaml.ScalarNode):
                lines[(*path, str(item.value))] = (file, item.start_mark.line + 1)
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                _walk(item, path, file, lines)


def _lines_of(path: Path, lines: dict[Path_, tuple[Path, int]]) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # the reading reports it
    if isinstance(root, yaml.MappingNode):
        inherit = next(
            (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "INHERIT"),
            None,
        )
        if isinstance(inherit, yaml.ScalarNode):
            parent = (path.parent / str(inherit.value)).resolve()
            if parent.is_file() and parent != path.resolve():
                _lines_of(parent, lines)
        _walk(root, (), path, lines)


def config_lines(path: Path) -> ConfigLines:
    """Where each option of the configuration ``path`` (``INHERIT`` followed) is set."""
    lines: dict[Path_, tuple[Path, int]] = {}
    _lines_of(path, lines)
    return ConfigLines((path, 1), lines)


class ConfigReadError(Exception):
    """The configuration cannot be read; ``line`` is where the reader stopped."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def load_data(path: Path, config: MkDocsConfig | None = None) -> dict[str, Any]:
    """The configuration as data, ``INHERIT`` merged; :class:`ConfigReadError` else."""
    try:
        with path.open("rb") as handle:
            # The stubs type MkDocs' parameter as BaseLoader; any loader class works.
            data = yaml_load(handle, cast("type[yaml.BaseLoader]", safe_loader(config)))
    except FileNotFoundError:
        raise ConfigReadError("no such file: create it (see README, 'Start a new brief')") from None
    except ConfigurationError as err:
        cause = err.__context__
        mark = getattr(cause, "problem_mark", None) or getattr(cause, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(cause, "problem", None) or " ".join(str(err).split())
        raise ConfigReadError(f"cannot be read: {problem}", line) from None
    return data if isinstance(data, dict) else {}


def resolve_names(value: Any) -> Any:
    """``value`` with every :class:`PythonName` imported (for a conversion or a build)."""
    if isinstance(value, PythonName):
        return value.resolve()
    if isinstance(value, dict):
        return {key: resolve_names(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_names(item) for item in value]
    return value
