"""The model of a brief's sources: entries as read (:class:`Record`) and as cited (:class:`Source`).

A :class:`Record` is what reading a ``.bib`` file gives at once for every
entry: its key, type, place and field values with their macros resolved,
still TeX. A :class:`Source` is a record made ready to cite: TeX decoded,
names read, values checked, fields inherited (see
:mod:`briefkit.bib.library`, which makes one when an entry is cited, as
BibTeX reads only the entries a document cites).

A source's fields are plain Unicode: any module may print them as text. What
plain text cannot carry is kept beside them: emphasis, sub- and superscripts
and quotations written in TeX (:attr:`Source.rich`), sort hints such as
``{\\noopsort{…}}`` (:attr:`Source.sort`), the items of list fields
(:attr:`Source.lists`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.database import Person

Runs = tuple[tuple[str, str], ...]  # (text, "" | "em" | "strong" | "sub" | "sup" | "q-open"…)


@dataclass(slots=True)  # a library may hold 50,000 of them
class Record:
    """One entry as read: values resolved (``@string``, ``#``) but still TeX."""

    key: str
    type: str  # the data model's type (``thesis`` for ``@phdthesis``)
    written_type: str  # as written (``PhDThesis``)
    path: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)  # data model names
    lines: dict[str, int] = field(default_factory=dict)  # where each field is written

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(eq=False)  # identity hash: formatted references are cached per Source object
class Source:
    """One validated bibliography entry and where it was written."""

    key: str
    type: str
    fields: dict[str, str]
    persons: dict[str, list[Person]]
    path: str
    line: int
    rich: dict[str, Runs] = field(default_factory=dict)  # fields holding markup
    sort: dict[str, str] = field(default_factory=dict)  # sort text, where it differs
    lists: dict[str, list[str]] = field(default_factory=dict)  # items of literal lists
    related: list[Source] = field(default_factory=list)  # related/entryset entries, in order
    written_type: str = ""  # the type as the file writes it (@phdthesis), for BibTeX's rules

    @property
    def group(self) -> str:
        return self.fields.get("group", "")

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"
