"""Names of people and bodies: reading them as BibTeX does, writing and sorting them.

pybtex splits a name list (``and``, braces respected) and each name into
first, von, last and Jr parts by BibTeX's rules; every part is then decoded
from TeX. A name with no first names is written as it is, which is how a
corporate author in braces (``{Centre for Sea Studies}``) stays whole.

The rules, in every language:

- in a note, one to three authors are all named; four or more are the first
  one and « et al. » (:data:`ET_AL_FROM`, as Chicago does); ``and others`` at
  the end of a list is « et al. » wherever it is written;
- the bibliography names every author, the first one inverted and without
  its von part in front: ``Linden, Anna van der``, ``Bermudez Jr., Joseph S.``;
- the bibliography is sorted by family name without the von part (biblatex's
  default), then given names, in the alphabetical order of the page's
  language (:mod:`briefkit.core.collation`, the glossary's too): an accented
  letter sorts with its base letter and only breaks ties (``Élodie`` between
  ``Eli`` and ``Emma``).
"""

from __future__ import annotations

from collections.abc import Callable

from pybtex.database import Person
from pybtex.database.input.bibtex import split_name_list

from briefkit.core.collation import ROOT
from briefkit.core.collation import collation_key as collate
from briefkit.core.name_order import written_family_first
from briefkit.core.vocabulary import Vocabulary

ET_AL_FROM = 4


def read_names(value: str, decode: Callable[[str], str]) -> list[Person]:
    """The people of a name field (still TeX), each part decoded with ``decode``."""
    people = []
    for name in split_name_list(value):
        parsed = Person(name)
        person = Person()
        person.first_names = [decode(n) for n in parsed.first_names]
        person.middle_names = [decode(n) for n in parsed.middle_names]
        person.prelast_names = [decode(n) for n in parsed.prelast_names]
        person.last_names = [decode(n) for n in parsed.last_names]
        person.lineage_names = [decode(n) for n in parsed.lineage_names]
        people.append(person)
    return people


def is_others(person: Person) -> bool:
    """Whether ``person`` is BibTeX's ``others`` (the list goes on)."""
    return not person.first_names and [n.lower() for n in person.last_names] == ["others"]


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


def given(person: Person) -> str:
    return _join(person.first_names + person.middle_names)


def family(person: Person) -> str:
    """``van der Linden``, ``Bermudez Jr.``, ``Centre for Sea Studies``."""
    return _join(person.prelast_names + person.last_names + person.lineage_names)


def full_name(person: Person, family_first: bool = False) -> str:
    """``Anna van der Linden``, ``Joseph S. Bermudez Jr.``; ``한강``, ``Kim Jong-un``.

    The order follows :mod:`briefkit.core.name_order`: a name in Chinese
    characters, Hangul or kana is family-given without a space; ``family_first``
    (its entry's ``nameorder`` option) puts any name family-given.
    """
    if written_family_first(family(person) + given(person)):
        return family(person) + given(person)
    if family_first and given(person):
        return _join([family(person), given(person)])
    return _join([given(person), family(person)])


def inverted_name(person: Person, family_first: bool = False) -> str:
    """``Linden, Anna van der``, ``Bermudez Jr., Joseph S.``; a body stays as written.

    A name shown family name first is never inverted (``한강``, ``Kim Jong-un``).
    """
    if family_first or written_family_first(family(person) + given(person)):
        return full_name(person, family_first)
    last = _join(person.last_names + person.lineage_names)
    rest = _join([given(person), *person.prelast_names])
    return f"{last}, {rest}" if rest and given(person) else family(person)


def name_list(
    people: list[Person],
    words: Vocabulary,
    shorten: bool = False,
    invert_first: bool = False,
    family_first: bool = False,
) -> str:
    """People joined with the language's words; ``shorten`` applies the notes' rule."""
    others = bool(people) and is_others(people[-1])
    real = [p for p in people if not is_others(p)]
    if shorten and len(real) >= ET_AL_FROM:
        real, others = real[:1], True
    names = [
        inverted_name(p, family_first) if i == 0 and invert_first else full_name(p, family_first)
        for i, p in enumerate(real)
    ]
    if others:
        return f"{words.comma.join(names)} {words.et_al}" if names else words.et_al
    if len(names) <= 2:
        return words.and_.join(names)
    return words.comma.join(names[:-1]) + words.and_ + names[-1]


def collation_key(text: str, lang: str = ROOT) -> bytes:
    """Sorts ``text`` as ``lang``'s dictionaries do (:mod:`briefkit.core.collation`)."""
    return collate(text, lang)


def sort_name(person: Person, lang: str = ROOT) -> tuple[bytes, ...]:
    """Family name (without von), given names, von part: collated in ``lang``."""
    return (
        collation_key(_join(person.last_names), lang),
        collation_key(given(person), lang),
        collation_key(_join(person.prelast_names + person.lineage_names), lang),
    )
