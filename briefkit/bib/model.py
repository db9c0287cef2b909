"""The model of a brief's sources: one :class:`Source` per entry, one :class:`Bibliography`.

A source's fields are plain Unicode, already decoded from TeX: any module may
print them as text. What plain text cannot carry is kept beside them:
emphasis written in TeX (:attr:`Source.rich`) and sort hints such as
``{\\noopsort{…}}`` (:attr:`Source.sort`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.database import Person

Runs = tuple[tuple[str, str], ...]  # (text, "" | "em" | "strong")


@dataclass(eq=False)  # identity hash: formatted references are cached per Source object
class Source:
    """One validated bibliography entry and where it was written."""

    key: str
    type: str
    fields: dict[str, str]
    persons: dict[str, list[Person]]
    path: str
    line: int
    rich: dict[str, Runs] = field(default_factory=dict)  # fields holding emphasis
    sort: dict[str, str] = field(default_factory=dict)  # sort text, where it differs

    @property
    def group(self) -> str:
        return self.fields.get("group", "")

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Bibliography:
    """Every source of a brief, keyed by citation key."""

    sources: dict[str, Source] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # key -> "path:line" of a bad entry
    empty: list[str] = field(default_factory=list)  # .bib files with no entry, for messages

    def __contains__(self, key: str) -> bool:
        return key in self.sources

    def __getitem__(self, key: str) -> Source:
        return self.sources[key]

    def keys(self) -> list[str]:
        return list(self.sources)
