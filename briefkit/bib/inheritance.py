"""``crossref`` and ``xdata``: an entry takes the fields it lacks from others.

As biber does: the child's own fields win; keys are compared without regard
to case; a parent may itself have a parent. biber's default mapping rules
(biblatex manual, appendix B; data in ``datamodel.yml``) rename fields on the
way: a chapter of a ``@book`` takes its ``title`` as ``booktitle`` and its
``author`` as ``bookauthor`` too, a volume takes the ``@mvbook``'s title as
``maintitle``, an article the ``@periodical``'s as ``journaltitle``. One rule
beyond biber's, for files written for BibTeX: an ``in…`` child whose parent
has no rule for it still takes the parent's title as its ``booktitle`` (and
the parent's own ``booktitle`` first, as BibTeX's styles read it).
``xdata`` entries lend every field, unmapped, and are never listed
themselves. A missing parent or a loop is a warning, as in biber: the entry
is shown with what it has.

Written by hand: pybtex's crossref support copies fields only, without
biber's rules, and works on its own entry model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from briefkit.bib.datamodel import model
from briefkit.bib.model import Source
from briefkit.core.problems import Problem

IN_CHILDREN = ("inbook", "bookinbook", "suppbook", "incollection", "inreference",
               "suppcollection", "inproceedings")  # fmt: skip
BOOK_PARTS = {"title": ("booktitle",), "subtitle": ("booksubtitle",),
              "titleaddon": ("booktitleaddon",)}  # fmt: skip
Mapping = dict[str, tuple[str, ...]]


def mapping(parent: str, child: str) -> tuple[Mapping, frozenset[str]]:
    """Renamed fields and skipped fields when a ``child`` type inherits from a ``parent`` type."""
    fields: Mapping = {}
    skipped: set[str] = set()
    for rule in model().inheritance:
        if parent in rule.parents and child in rule.children:
            fields.update(rule.fields)
            skipped.update(rule.skipped)
    if child in IN_CHILDREN and "title" not in fields:
        fields.update(BOOK_PARTS)
        skipped.update(("shorttitle", "sorttitle", "indextitle", "indexsorttitle"))
    return fields, frozenset(skipped)


def lend(parent: Source, child: Source, renamed: bool = True) -> Source:
    """``child`` with the fields it lacks taken from ``parent`` (``renamed``: crossref rules)."""
    fields, persons, lists = dict(child.fields), dict(child.persons), dict(child.lists)
    rich, sort = dict(child.rich), dict(child.sort)
    names, skipped = mapping(parent.type, child.type) if renamed else ({}, frozenset())
    for name in [*parent.fields, *parent.persons]:
        if name in model().not_inherited or name in skipped:
            continue
        for target in names.get(name, (name,)):
            if target in fields or target in persons or _same_datum(target, fields):
                continue  # the child's own value wins; its year stands for its date too
            if name in parent.persons:
                persons[target] = parent.persons[name]
                continue
            fields[target] = parent.fields[name]
            for store, own in ((rich, parent.rich), (sort, parent.sort), (lists, parent.lists)):
                if name in own:
                    store[target] = own[name]  # type: ignore[index]
    if child.type in IN_CHILDREN and "booktitle" in parent.fields and renamed:
        fields["booktitle"] = child.fields.get("booktitle", parent.fields["booktitle"])
    return dataclasses.replace(
        child, fields=fields, persons=persons, rich=rich, sort=sort, lists=lists
    )


def _same_datum(name: str, fields: dict[str, str]) -> bool:
    if name == "date":
        return "year" in fields
    return name in ("year", "month", "day") and "date" in fields


def keys_of(value: str) -> list[str]:
    """The keys of a separated-values field (``crossref``, ``xdata``, ``related``…)."""
    return [k.strip() for k in value.split(",") if k.strip()]


class Resolver:
    """Gives each entry what it inherits, finding parents through ``find``."""

    def __init__(self, find: Callable[[str], Source | None], broken: dict[str, str]) -> None:
        self.find = find  # a lower-case key -> the parent's source, before inheritance
        self.broken = broken  # lower-case key -> "path:line" of an unreadable entry
        self.done: dict[int, Source] = {}  # by id(): two files may define the same key
        self.problems: list[Problem] = []

    def resolve(self, source: Source, chain: tuple[str, ...] = ()) -> Source:
        """``source`` with everything it inherits."""
        key = source.key.lower()
        if id(source) in self.done:
            return self.done[id(source)]
        if key in chain:
            message = f"crossref/xdata of '{source.key}' loops back to itself: break the loop"
            self._warn(source, message)
            return source
        result = source
        for link in ("crossref", "xdata"):
            for name in keys_of(source.fields.get(link, "")):
                parent = self._parent(source, link, name)
                if parent is not None:
                    parent = self.resolve(parent, (*chain, key))
                    result = lend(parent, result, renamed=link == "crossref")
        for name in keys_of(source.fields.get("xref", "")):
            self._parent(source, "xref", name)
        self.done[id(source)] = result
        return result

    def _parent(self, source: Source, link: str, name: str) -> Source | None:
        parent = self.find(name.lower())
        if parent is not None:
            return parent
        where = self.broken.get(name.lower())
        reason = (
            f"whose entry at {where} cannot be read: fix that entry"
            if where
            else "which is in no .bib file: add that entry or fix the key"
        )
        self._warn(source, f"{link} of '{source.key}' names '{name}', {reason}")
        return None

    def _warn(self, source: Source, message: str) -> None:
        self.problems.append(
            Problem(source.path, source.line, message, severity="warning", key=source.key)
        )
