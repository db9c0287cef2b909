"""biblatex's default data model: entry types, type and field aliases, field data types.

The data lives in ``datamodel.yml`` (written from biblatex's manual, §2, and
its ``blx-dm.def``); this module reads it once and answers the reader's and
the style's questions: what type an entry type stands for, how a field is
read (a name list, a literal list, a date, verbatim…), which fields a type
requires after inheritance, and which template renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).with_name("datamodel.yml")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Required = list[tuple[str, ...]]


@dataclass(frozen=True)
class EntryType:
    """One type of the data model: the template that renders it, its required fields."""

    name: str
    template: str
    required: Required


@dataclass(frozen=True)
class TypeAlias:
    """A name biber resolves to a type of the model, with the fields it implies."""

    type: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InheritanceRule:
    """biber's mapping of a parent's fields into a child's (manual, appendix B)."""

    parents: tuple[str, ...]
    children: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]  # parent field -> the child fields it feeds
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataModel:
    """The whole model, as read from ``datamodel.yml``."""

    types: dict[str, EntryType]
    data_only: tuple[str, ...]
    type_aliases: dict[str, TypeAlias]
    field_aliases: dict[str, str]
    kinds: dict[str, str]  # field -> data type ("name", "date", "literal_list"…)
    ignored: dict[str, str]  # field -> why it is never printed
    used: dict[str, str]  # field -> what it is read for
    not_inherited: tuple[str, ...]
    inheritance: tuple[InheritanceRule, ...]
    bibtex_required: dict[str, Required]  # BibTeX type as written -> what BibTeX warns about

    def kind(self, name: str) -> str:
        """The data type of field ``name`` (``""`` for a field outside the model)."""
        return self.kinds.get(name, "")


def _required(spec: list[object]) -> Required:
    return [tuple(item) if isinstance(item, list) else (str(item),) for item in spec]


@cache
def model() -> DataModel:
    """The data model, read once."""
    data = yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=LOADER)
    types = {
        name: EntryType(name, spec["template"], _required(spec["required"]))
        for name, spec in data["types"].items()
    }
    aliases = {
        name: TypeAlias(spec["type"], dict(spec.get("fields", {})))
        for name, spec in data["type_aliases"].items()
    }
    kinds = {name: kind for kind, names in data["fields"].items() for name in names}
    rules = tuple(
        InheritanceRule(
            tuple(rule["parents"]),
            tuple(rule["children"]),
            {name: tuple(targets) for name, targets in rule["fields"].items()},
            tuple(rule.get("skipped", ())),
        )
        for rule in data["inheritance"]
    )
    return DataModel(
        types,
        tuple(data["data_only"]),
        aliases,
        dict(data["field_aliases"]),
        kinds,
        dict(data["ignored"]),
        dict(data["used"]),
        tuple(data["not_inherited"]),
        rules,
        {name: _required(spec) for name, spec in data["bibtex_required"].items()},
    )


@lru_cache(maxsize=512)  # a library has few distinct type names, written again and again
def resolve_type(name: str) -> TypeAlias | None:
    """The type an entry type stands for (``@PhDThesis`` -> thesis of type phdthesis)."""
    lower = name.lower()
    found = model()
    if lower in found.types or lower in found.data_only:
        return TypeAlias(lower)
    return found.type_aliases.get(lower)


def canonical_type(name: str) -> str:
    """The data model's name for an entry type, or the name itself when it is unknown."""
    resolved = resolve_type(name)
    return resolved.type if resolved else name.lower()


def canonical_field(name: str) -> str:
    """The data model's name for a field: ``address`` -> ``location``."""
    lower = name.lower()
    return model().field_aliases.get(lower, lower)


def template_of(kind: str) -> str:
    """The template rendering entry type ``kind`` (``misc`` for a type outside the model)."""
    entry = model().types.get(kind)
    return entry.template if entry else "misc"


def required_fields(kind: str, written: str = "", validate: bool = False) -> Required:
    """The fields an entry must have (each a tuple of alternatives), as BibTeX or biber asks.

    Always what BibTeX's styles warn about for BibTeX's types (``written`` as
    the file writes it); with ``validate``, also the data model's constraints
    for type ``kind``, as ``biber --validate-datamodel`` checks them.
    """
    wanted = list(model().bibtex_required.get(written.lower(), []))
    entry = model().types.get(kind)
    if validate and entry:
        wanted += [options for options in entry.required if options not in wanted]
    return wanted


def accepted_types() -> str:
    """Every type name the reader knows, for messages."""
    found = model()
    return ", ".join(sorted([*found.types, *found.type_aliases, *found.data_only]))


def is_name_field(name: str) -> bool:
    return model().kind(name) == "name"


def is_verbatim(name: str) -> bool:
    """Fields used as written: decoding TeX would cut a URL at its "%"."""
    return model().kind(name) in ("verbatim", "uri", "date", "separated", "entrykey", "code")
