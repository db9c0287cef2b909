"""Invented ``.bib`` libraries shaped like reference managers' exports, of any size.

Entries look like Zotero's Better BibLaTeX, JabRef's and Mendeley's exports:
``{Protected} {Capitals}``, Unicode and TeX accents, ``\\&`` and ``\\%``,
abstracts, keywords, ``file`` paths, DOIs, ISBNs, ``langid``, ``urldate``,
extended names, crossrefs, ``@string`` macros. The names, titles and
numbers are made up from the entry's index, so a library is the same every
time; ``broken`` entries (unreadable syntax, unsafe addresses, wrong dates,
missing fields) can be mixed in at chosen places.
"""

from __future__ import annotations

GIVEN = ["Anna", "Jérôme", "Chidi", "Mei", "Olga", "Søren", "Ana", "Yann", "Ibrahim", "Élodie"]
FAMILY = ["M{\\\"u}ller", "van der Berg", "Okonkwo", "Zhang", "Ivanova", "Kierkegaard",
          "Šimić", "Le Goff", "Al-Hassan", "Morvan"]  # fmt: skip
JOURNALS = ["Journal of Imaginary Geography", "Revue des {\\'E}tudes Portuaires",
            "Zeitschrift f{\\\"u}r Leuchtt{\\\"u}rme", "Harbour Review"]  # fmt: skip
ABSTRACT = ("We study the lights of the archipelago over {{one}} century, with 50\\% of the "
            "keepers' logs, and find that fog {\\&} wind explain most outages. ") * 3  # fmt: skip


def _person(i: int, j: int) -> str:
    family, given = FAMILY[(i + j) % len(FAMILY)], GIVEN[(i * 3 + j) % len(GIVEN)]
    if (i + j) % 17 == 0:
        return f"family={family}, given={given}, prefix=de, useprefix=false"
    return f"{family}, {given}"


def _authors(i: int) -> str:
    count = 1 + i % 4
    separator = " and\n    " if i % 5 == 0 else " and "
    return separator.join(_person(i, j) for j in range(count))


def article(i: int) -> str:
    return (
        f"@article{{art{i},\n  author = {{{_authors(i)}}},\n"
        f"  title = {{{{On the {{Lights}} of Harbour {i}: A {{Survey}}}}}},\n"
        f"  journaltitle = {{{JOURNALS[i % len(JOURNALS)]}}},\n  volume = {{{i % 40 + 1}}},\n"
        f"  number = {{{i % 6 + 1}}},\n  pages = {{{i % 300}--{i % 300 + 14}}},\n"
        f"  date = {{20{i % 24:02d}-{i % 12 + 1:02d}}},\n  doi = {{10.5555/ihr.{i}}},\n"
        f"  issn = {{1234-5678}},\n  langid = {{english}},\n  abstract = {{{ABSTRACT}}},\n"
        f"  keywords = {{lights, fog, harbours}},\n"
        f"  file = {{/home/u/Zotero/storage/{i}.pdf}},\n}}\n"
    )


def book(i: int) -> str:
    return (
        f"@book{{book{i},\n  author = {{{_authors(i)}}},\n"
        f"  title = {{Gardiens de lumi{{\\`e}}re {i}}},\n"
        f"  subtitle = {{Vies de gardiens}},\n  edition = {{{i % 4 + 1}}},\n"
        f"  publisher = {{Presses du Ponant and Éditions de l'Île}},\n"
        f"  location = {{Brest and Paris}},\n  date = {{19{i % 100:02d}}},\n"
        f"  isbn = {{978-2-07-0{i % 100000:05d}-1}},\n  langid = {{french}},\n"
        f"  series = {{Histoire maritime}},\n  number = {{{i % 30}}},\n}}\n"
    )


def chapter(i: int, parent: int) -> str:
    return (
        f"@incollection{{chap{i},\n  author = {{{_authors(i)}}},\n  title = {{Feux fixes {i}}},\n"
        f"  crossref = {{book{parent}}},\n  pages = {{{i % 200}-{i % 200 + 9}}},\n}}\n"
    )


def online(i: int) -> str:
    return (
        f"@online{{web{i},\n  author = {{{{Centre for Sea Studies}}}},\n"
        f"  title = {{Report {i} on {{NATO}} \\& the Sea}},\n  organization = {{CSS}},\n"
        f"  url = {{https://example.org/reports/{i}?lang=en&page=2}},\n"
        f"  urldate = {{2023-10-{i % 28 + 1:02d}}},\n  date = {{2023-{i % 12 + 1:02d}-05}},\n"
        f"  langid = {{english}},\n}}\n"
    )


def thesis(i: int) -> str:
    return (
        f"@phdthesis{{thesis{i},\n  author = {{{_person(i, 0)}}},\n"
        f"  title = {{Signal Lights {i}}},\n  school = {{Université du Ponant}},\n"
        f"  address = {{Brest}},\n  year = {{2015}},\n  month = dec,\n}}\n"
    )


KINDS = (article, book, chapter, online, thesis)
# Broken entries, each a different fault; the first three cannot be read or are unsafe.
BROKEN = (
    "@article{{broken{i},\n  author = {{Doe, Jane}},\n  title = {{Unclosed {{brace}},\n"
    "  year = {{2020}},\n}}\n",
    "@online{{broken{i},\n  title = {{Bad}},\n  url = {{javascript:alert({i})}},\n}}\n",
    "@misc{{broken{i},\n  title = {{No comma}}\n  year = {{2020}},\n}}\n",
    "@book{{broken{i},\n  title = {{No publisher}},\n  date = {{2020-13-45}},\n}}\n",
    "@article{{broken{i},\n  author = {{A, B, C, D}},\n  title = {{Commas}},\n"
    "  doi = {{not a doi}},\n}}\n",
)


def entry(i: int) -> str:
    """The ``i``-th entry of a library (a chapter's parent book comes earlier)."""
    kind = KINDS[i % len(KINDS)]
    if kind is chapter:
        return chapter(i, i - i % len(KINDS) + 1)
    return kind(i)


def library(size: int, broken: tuple[int, ...] = ()) -> str:
    """A library of ``size`` entries; those at the indices ``broken`` are broken ones."""
    parts = ['@string{ponant = "Presses du Ponant"}\n\n']
    faults = set(broken)
    for i in range(size):
        if i in faults:
            parts.append(BROKEN[len([b for b in broken if b < i]) % len(BROKEN)].format(i=i))
        else:
            parts.append(entry(i))
        parts.append("\n")
    return "".join(parts)


def good_keys(size: int, broken: tuple[int, ...] = ()) -> list[str]:
    """The keys of the sound entries of :func:`library`."""
    names = {article: "art", book: "book", chapter: "chap", online: "web", thesis: "thesis"}
    return [f"{names[KINDS[i % len(KINDS)]]}{i}" for i in range(size) if i not in set(broken)]
