"""``crossref`` and ``xdata``: an entry takes the fields it lacks from others.

As BibTeX and biber do: the child's own fields win; keys are compared without
regard to case; a parent may itself have a parent (biber). Biber's mapping
rules apply where BibTeX would leave a field unused: an ``in*`` child takes
the parent's ``title`` as its ``booktitle``, an article the title of its
``@periodical`` as its journal, a volume the title of its ``@mvbook`` as its
``maintitle``. ``xdata`` entries lend every field, unmapped, and are never
listed themselves. Written by hand: pybtex's crossref support copies fields
only, without biber's rules, and works on its own entry model.
"""

from __future__ import annotations

import dataclasses

from briefkit.bib.datamodel import NOT_INHERITED
from briefkit.bib.model import Source
from briefkit.core.problems import Problem

IN_CHILDREN = ("inbook", "incollection", "inproceedings")
TITLE_PARTS = ("title", "subtitle", "titleaddon")


def _prefixed(prefix: str) -> dict[str, str]:
    """``{title: booktitle, subtitle: booksubtitle, titleaddon: booktitleaddon}``."""
    return {part: prefix + part for part in TITLE_PARTS}


# (parent types or None for any, child types, {parent field: child field})
MAPPINGS = [
    (("mvbook", "collection", "proceedings"), ("book", "collection", "proceedings"),
     _prefixed("main")),
    (None, IN_CHILDREN, _prefixed("book")),
    (("periodical",), ("article",), {"title": "journaltitle", "subtitle": "journalsubtitle"}),
]  # fmt: skip


def _mapping(parent: Source, child: Source) -> dict[str, str]:
    for parents, children, mapping in MAPPINGS:
        if child.type in children and (parents is None or parent.type in parents):
            return mapping
    return {}


def _lend(parent: Source, child: Source, mapping: dict[str, str]) -> Source:
    """``child`` with the fields it lacks taken from ``parent``."""
    fields, persons = dict(child.fields), dict(child.persons)
    rich, sort = dict(child.rich), dict(child.sort)
    for name in [*parent.fields, *parent.persons]:
        target = mapping.get(name, name if name not in mapping.values() else "")
        if name in NOT_INHERITED or not target or target in fields or target in persons:
            continue
        if _same_datum(target, fields):
            continue  # a child's year stands for the date too, and its date for the year
        if name in parent.persons:
            persons[target] = parent.persons[name]
            continue
        fields[target] = parent.fields[name]
        if name in parent.rich:
            rich[target] = parent.rich[name]
        if name in parent.sort:
            sort[target] = parent.sort[name]
    if child.type in IN_CHILDREN and "title" in mapping and "booktitle" in parent.fields:
        fields["booktitle"] = child.fields.get("booktitle", parent.fields["booktitle"])
    return dataclasses.replace(child, fields=fields, persons=persons, rich=rich, sort=sort)


def _same_datum(name: str, fields: dict[str, str]) -> bool:
    if name == "date":
        return "year" in fields
    return name in ("year", "month", "day") and "date" in fields


class Resolver:
    """Resolves every entry's parents once, reporting missing keys and loops."""

    def __init__(self, entries: list[Source], broken: dict[str, str]) -> None:
        self.by_key: dict[str, Source] = {}
        for source in entries:
            self.by_key.setdefault(source.key.lower(), source)  # the first definition stands
        self.broken = {k.lower(): where for k, where in broken.items()}
        self.done: dict[int, Source] = {}  # by id(): two files may define the same key
        self.problems: list[Problem] = []
        self.failed: set[str] = set()

    def resolve(self, source: Source, chain: tuple[str, ...] = ()) -> Source:
        """``source`` with everything it inherits; failures are recorded in ``failed``."""
        key = source.key.lower()
        if id(source) in self.done:
            return self.done[id(source)]
        if key in chain:
            self._fail(
                source, f"crossref/xdata of '{source.key}' loops back to itself: break the loop"
            )
            return source
        result = source
        for link in ("crossref", "xdata"):
            for name in _keys(source.fields.get(link, "")):
                parent = self._parent(source, link, name)
                if parent is not None:
                    parent = self.resolve(parent, (*chain, key))
                    mapping = _mapping(parent, result) if link == "crossref" else {}
                    result = _lend(parent, result, mapping)
        if source.fields.get("xref"):
            for name in _keys(source.fields["xref"]):
                self._parent(source, "xref", name)
        self.done[id(source)] = result
        return result

    def _parent(self, source: Source, link: str, name: str) -> Source | None:
        parent = self.by_key.get(name.lower())
        if parent is not None:
            return parent
        where = self.broken.get(name.lower())
        reason = (
            f"whose entry at {where} has errors: fix that entry"
            if where
            else "which is in no .bib file: add that entry or fix the key"
        )
        self._fail(source, f"{link} of '{source.key}' names '{name}', {reason}")
        return None

    def _fail(self, source: Source, message: str) -> None:
        self.failed.add(source.key)
        self.problems.append(Problem(source.path, source.line, message, key=source.key))


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def inherit(entries: list[Source], broken: dict[str, str]) -> tuple[list[Source], list[Problem]]:
    """Every entry with its inherited fields; a missing parent is an error naming both keys."""
    resolver = Resolver(entries, broken)
    resolved = [resolver.resolve(source) for source in entries]
    return resolved, resolver.problems


def parents(entries: list[Source]) -> set[str]:
    """Keys (lower case) that other entries name in ``crossref``: stores of shared fields."""
    return {k.lower() for s in entries for k in _keys(s.fields.get("crossref", ""))}
