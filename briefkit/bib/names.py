"""Names of people and bodies: reading them as BibTeX does, writing and sorting them.

Names are read by :mod:`briefkit.bib.namelist` (BibTeX's rules and biber's
extended name format); this module writes and sorts them. A name with no
first names is written as it is, which is how a corporate author in braces
(``{Centre for Sea Studies}``) stays whole. biblatex's ``useprefix`` is
honoured where the data gives it: true, the von part leads the family name
everywhere (``van den Heuvel, Charles``, sorted under V); false, short forms
name the family without it (``Heuvel``).

The rules, in every language:

- in a note, one to three authors are all named; four or more are the first
  one and « et al. » (as Chicago does; :mod:`briefkit.style.persons` joins
  the lists); ``and others`` at the end of a list is « et al. » wherever it is
  written;
- the bibliography names every author, the first one inverted and without
  its von part in front: ``Linden, Anna van der``, ``Bermudez Jr., Joseph S.``;
- the bibliography is sorted by family name without the von part (biblatex's
  default), then given names, accents and case collated as French and English
  dictionaries do: an accented letter sorts with its base letter and only
  breaks ties (``Élodie`` between ``Eli`` and ``Emma``).

Collation is written here by hand: the Unicode Collation Algorithm (PyICU,
pyuca) would add a dependency to give the same order on Latin-script names.
"""

from __future__ import annotations

import unicodedata

from pybtex.database import Person

# Letters Unicode does not decompose into a base letter and an accent.
SPECIAL_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                                 "ð": "d", "þ": "th", "ı": "i", "ŀ": "l"})  # fmt: skip


def is_others(person: Person) -> bool:
    """Whether ``person`` is BibTeX's ``others`` (the list goes on)."""
    return not person.first_names and [n.lower() for n in person.last_names] == ["others"]


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


def given(person: Person) -> str:
    return _join(person.first_names + person.middle_names)


def _useprefix(person: Person) -> bool | None:
    return getattr(person, "useprefix", None)


def family(person: Person) -> str:
    """``van der Linden``, ``Bermudez Jr.``, ``Centre for Sea Studies``."""
    prefix = [] if _useprefix(person) is False else person.prelast_names
    return _join(prefix + person.last_names + person.lineage_names)


def full_name(person: Person) -> str:
    """``Anna van der Linden``, ``Joseph S. Bermudez Jr.`` (whatever ``useprefix`` says)."""
    return _join([given(person), _whole_family(person)])


def _whole_family(person: Person) -> str:
    return _join(person.prelast_names + person.last_names + person.lineage_names)


def inverted_name(person: Person) -> str:
    """``Linden, Anna van der``, ``Bermudez Jr., Joseph S.``; a body stays as written."""
    leading = person.prelast_names if _useprefix(person) else []
    last = _join(leading + person.last_names + person.lineage_names)
    rest = _join([given(person), *([] if leading else person.prelast_names)])
    return f"{last}, {rest}" if rest and given(person) else _whole_family(person)


def collation_key(text: str) -> tuple[str, str]:
    """Sorts ``text`` as dictionaries do: base letters first, then accents and case."""
    folded = text.casefold().translate(SPECIAL_LETTERS)
    base = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    primary = "".join(c for c in base if c.isalnum() or c == " ")
    return " ".join(primary.split()), text


def sort_name(person: Person) -> tuple[tuple[str, str], ...]:
    """Family name (without von), given names, von part: collated."""
    if _useprefix(person):
        return (
            collation_key(_join(person.prelast_names + person.last_names)),
            collation_key(given(person)),
            collation_key(_join(person.lineage_names)),
        )
    return (
        collation_key(_join(person.last_names)),
        collation_key(given(person)),
        collation_key(_join(person.prelast_names + person.lineage_names)),
    )
