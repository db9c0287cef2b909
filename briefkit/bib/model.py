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

import json
from dataclasses import dataclass, field

from pybtex.database import Person

_ENCODE = json.JSONEncoder().encode  # one encoder for 50,000 records; ASCII (escapes) only
Runs = tuple[tuple[str, str], ...]  # (text, "" | "em" | "strong" | "sub" | "sup" | "q-open"…)


class Record:
    """One entry as read: values resolved (``@string``, ``#``) but still TeX.

    A library may hold 50,000 of them, most never cited: read back from the
    disk cache, a record keeps its fields packed (one JSON text) until they
    are looked at.
    """

    __slots__ = ("_fields", "_ids", "_lines", "_packed", "key", "line", "path", "type",
                 "written_type")  # fmt: skip

    def __init__(
        self,
        key: str,
        type: str,  # the data model's type (``thesis`` for ``@phdthesis``)
        written_type: str,  # as written (``PhDThesis``)
        path: str,
        line: int,
        fields: dict[str, str] | None = None,  # data model names
        lines: dict[str, int] | None = None,  # where each field is written
        packed: bytes | None = None,  # fields and lines as JSON, decoded when first needed
        ids: str = "",  # with ``packed``: the ``ids`` field, needed before the rest
    ) -> None:
        self.key, self.type, self.written_type = key, type, written_type
        self.path, self.line = path, line
        self._fields = {} if fields is None and packed is None else fields
        self._lines = {} if lines is None and packed is None else lines
        self._packed = packed
        self._ids = ids

    @property
    def fields(self) -> dict[str, str]:
        if self._fields is None:
            self._unpack()
        return self._fields  # type: ignore[return-value]

    @property
    def lines(self) -> dict[str, int]:
        if self._lines is None:
            self._unpack()
        return self._lines  # type: ignore[return-value]

    @property
    def ids(self) -> str:
        """The ``ids`` field (other keys of the entry), without unpacking the rest."""
        if self._fields is None:
            return self._ids
        return self._fields.get("ids", "")

    def _unpack(self) -> None:
        """Decode the packed fields; what is not strings (a forged cache) is made strings."""
        try:
            fields, lines = json.loads(self._packed or b"")
            self._fields = {str(k): str(v) for k, v in dict(fields).items()}
            self._lines = {str(k): int(v) for k, v in dict(lines).items()}
        except (ValueError, TypeError):
            self._fields, self._lines = {}, {}
        self._packed = None

    def packed(self) -> bytes:
        """The fields and lines as one JSON text (what the disk cache keeps)."""
        if self._packed is not None:
            return self._packed
        return _ENCODE([self._fields, self._lines]).encode("ascii")

    def __repr__(self) -> str:
        return f"Record({self.key!r}, {self.type!r}, {self.where!r})"

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
