"""The brief's authors, as the home page's ``author`` names them.

``author`` holds one name (``Tom Dash``), a YAML list of names, or names
joined by BibTeX's ``and`` (``Tom Dash and Ann Bee``); each name is read by
BibTeX's rules (pybtex), so ``Bermudez, Jr., Joseph S.`` and ``van der
Linden, Anna`` keep their parts. Scholarly metadata (one ``citation_author``
per author) and the PDF's XMP (one ``dc:creator`` entry each) are made from
this list, never from the string.
"""

from __future__ import annotations

from pybtex.database import Person
from pybtex.database.input.bibtex import split_name_list
from pybtex.exceptions import PybtexError

from briefkit.bib.names import family, full_name, given, inverted_name


def author_names(value: object) -> list[str]:
    """The names ``author`` holds, each once, in order, without surrounding space."""
    if isinstance(value, list | tuple):
        names = [str(item) for item in value]
    else:
        try:
            names = split_name_list(str(value or ""))
        except PybtexError:  # unbalanced braces: the value is one name
            names = [str(value)]
    return list(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))


def person(name: str) -> Person:
    """A name as pybtex splits it (one pybtex cannot split stays whole, as a body's)."""
    try:
        return Person(name)
    except PybtexError:
        return Person(last=name.replace("{", "").replace("}", ""))


def brief_authors(value: object) -> list[Person]:
    """The authors ``author`` names, in order."""
    return [person(name) for name in author_names(value)]


def sorted_form(author: Person) -> str:
    """``Dash, Tom``, ``Linden, Anna van der``; a body as written (``Centre for Sea Studies``)."""
    return plain(inverted_name(author) if given(author) else family(author))


def natural_form(author: Person) -> str:
    """``Tom Dash``, ``Anna van der Linden``."""
    return plain(full_name(author))


def plain(name: str) -> str:
    """A name without the braces BibTeX uses to keep a body's name whole."""
    return " ".join(name.replace("{", "").replace("}", "").split())
