"""Reading name lists and literal lists as BibTeX and biber do.

A list is split on the word ``and`` (any case) between white space of any
kind (spaces, tabs, line breaks) outside braces; pybtex's own splitter wants
plain spaces around it, so a list broken after ``and`` would merge two names
(hence this splitter, written by hand). Each name is then read:

- in biber's extended name format when it names its parts
  (``family=Heuvel, given=Charles, prefix=van den, useprefix=false``; a part
  holding a comma is protected by quotes or braces); per-name options such
  as ``useprefix`` are kept, other options are read and ignored;
- otherwise by BibTeX's rules (pybtex's :class:`~pybtex.database.Person`:
  First von Last, von Last, First, von Last, Jr, First).

An item that is only an option (``useprefix=true``) sets it for the whole
list, as biber's per-namelist options do. A name that cannot be read (too
many commas) is kept whole, as the text written, and reported: nothing is
dropped and nothing is merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pybtex.database import Person
from pybtex.exceptions import PybtexError

SEPARATOR = re.compile(r"[{}]|\s+and\s+", re.I)
NAME_PARTS = ("family", "given", "prefix", "suffix")
XNAME = re.compile(r"(?:^|,)\s*\"?\s*(?:family|given|prefix|suffix)(?:-i)?\s*=", re.I)
OPTION = re.compile(r"^\s*([A-Za-z]+)\s*=\s*(\S*)\s*$")
TRUE = ("true", "1", "")


class Name(Person):  # type: ignore[misc]
    """A person, with biblatex's ``useprefix`` when the data says it (else ``None``)."""

    useprefix: bool | None = None


@dataclass
class NameList:
    """The names of a field, and the items that could not be read (as written)."""

    people: list[Person] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def split_list(value: str) -> list[str]:
    """The items of a list field: split on ``and`` at brace depth 0, stripped."""
    items, depth, start = [], 0, 0
    for match in SEPARATOR.finditer(value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            items.append(value[start : match.start()])
            start = match.end()
    items.append(value[start:])
    return [item.strip() for item in items if item.strip()]


def split_parts(name: str) -> list[str]:
    """Comma-separated parts of an extended name; quotes and braces protect commas."""
    parts, depth, quoted, current = [], 0, False, []
    for char in name:
        if char == '"' and depth == 0:
            quoted = not quoted
            continue
        depth += (char == "{") - (char == "}")
        if char == "," and depth <= 0 and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _unbraced(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == "{" and text[-1] == "}":
        return text[1:-1]
    return text


def _option(value: str) -> bool:
    return value.strip().lower() in TRUE


def extended_name(name: str, decode: Callable[[str], str]) -> Name:
    """A name in biber's extended format; unknown parts and options are ignored."""
    person = Name()
    for part in split_parts(name):
        key, _, value = part.partition("=")
        key = key.strip().lower()
        if key == "useprefix":
            person.useprefix = _option(value)
            continue
        if key not in NAME_PARTS:
            continue  # initials (-i), id and other per-name options
        words = [decode(w) for w in _unbraced(value).split()] if value.strip() else []
        if key == "family":
            person.last_names = [decode(_unbraced(value))] if value.strip() else []
        elif key == "given":
            person.first_names, person.middle_names = words[:1], words[1:]
        elif key == "prefix":
            person.prelast_names = words
        else:
            person.lineage_names = words
    return person


def bibtex_name(name: str, decode: Callable[[str], str]) -> Name:
    """A name by BibTeX's rules, each part decoded from TeX."""
    parsed = Person(name)
    person = Name()
    person.first_names = [decode(n) for n in parsed.first_names]
    person.middle_names = [decode(n) for n in parsed.middle_names]
    person.prelast_names = [decode(n) for n in parsed.prelast_names]
    person.last_names = [decode(n) for n in parsed.last_names]
    person.lineage_names = [decode(n) for n in parsed.lineage_names]
    return person


def read_names(value: str, decode: Callable[[str], str], useprefix: bool | None = None) -> NameList:
    """The people of a name field (still TeX); ``useprefix`` is the entry's option."""
    result = NameList()
    for item in split_list(value):
        option = OPTION.match(item)
        if option and option[1].lower() not in NAME_PARTS and not XNAME.search(item):
            if option[1].lower() == "useprefix":
                useprefix = _option(option[2])
            continue  # a per-namelist option, not a name
        try:
            person = (
                extended_name(item, decode) if XNAME.search(item) else bibtex_name(item, decode)
            )
        except PybtexError:
            result.unreadable.append(item)
            person = Name()
            person.last_names = [decode(item)]
        if person.useprefix is None:
            person.useprefix = useprefix
        result.people.append(person)
    return result


def entry_useprefix(options: str) -> bool | None:
    """``useprefix`` from an entry's ``options`` field (``useprefix=true, …``)."""
    for item in options.split(","):
        key, _, value = item.partition("=")
        if key.strip().lower() == "useprefix":
            return _option(value)
    return None
