"""What the generator knows about entry types and fields: data, read by the reader.

Every standard BibTeX type and the biblatex types reference managers export.
Required fields follow BibTeX's documentation (biblatex's manual for its
types), after ``crossref``/``xdata`` inheritance; a tuple means "one of these".
A field a type does not require but its template shows is optional; a field
no template shows (``abstract``, ``file``, ``keywords``…) is kept as written
and never printed.
"""

from __future__ import annotations

Required = list[tuple[str, ...]]

AUTHOR = ("author",)
AUTHOR_OR_EDITOR = ("author", "editor")
TITLE = ("title",)
YEAR = ("year", "date")

TYPES: dict[str, Required] = {
    # BibTeX
    "article": [AUTHOR, TITLE, ("journal", "journaltitle"), YEAR],
    "book": [AUTHOR_OR_EDITOR, TITLE, ("publisher",), YEAR],
    "booklet": [TITLE],
    "inbook": [AUTHOR_OR_EDITOR, TITLE, ("chapter", "pages", "booktitle"), ("publisher",), YEAR],
    "incollection": [AUTHOR, TITLE, ("booktitle",), YEAR],
    "inproceedings": [AUTHOR, TITLE, ("booktitle",), YEAR],
    "manual": [TITLE],
    "mastersthesis": [AUTHOR, TITLE, ("school", "institution"), YEAR],
    "misc": [("title", "note", "howpublished", "author", "key")],
    "phdthesis": [AUTHOR, TITLE, ("school", "institution"), YEAR],
    "proceedings": [TITLE, YEAR],
    "techreport": [("author", "institution"), TITLE, ("institution",), YEAR],
    "unpublished": [AUTHOR, TITLE],
    # biblatex
    "online": [("author", "editor", "organization"), TITLE],  # undated web pages exist
    "report": [("author", "institution"), TITLE, ("institution",), YEAR],
    "thesis": [AUTHOR, TITLE, ("school", "institution"), YEAR],
    "collection": [("editor", "author"), TITLE, YEAR],
    "mvbook": [AUTHOR_OR_EDITOR, TITLE, YEAR],
    "dataset": [("author", "editor", "organization", "institution"), TITLE],
    "software": [("author", "editor", "organization"), TITLE],
    "periodical": [("editor", "title"), TITLE],
    "audio": [TITLE, ("organization", "series", "publisher"), YEAR],
}
# Other names for the types above, as BibTeX, biblatex and exporters write them.
ALIASES = {
    "conference": "inproceedings",
    "electronic": "online",
    "www": "online",
    "mvcollection": "collection",
    "mvproceedings": "proceedings",
    "reference": "collection",
    "mvreference": "collection",
    "inreference": "incollection",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "suppcollection": "incollection",
    "suppperiodical": "article",
    "video": "audio",
    "movie": "audio",
    "music": "audio",
    "standard": "report",
}
# Entries that only lend their fields to others (biblatex); never cited, never listed.
DATA_ONLY = ("xdata",)

PERSON_FIELDS = ("author", "editor", "translator")
# Values used as written: decoding would cut a URL at its "%".
VERBATIM_FIELDS = ("url", "doi", "eprint", "file", "urldate", "date", "isbn", "issn")
# Fields never copied from a parent (biber's rule), plus the links themselves.
NOT_INHERITED = ("ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute",
                 "label", "options", "presort", "related", "relatedtype", "shorthand",
                 "sortkey", "shorttitle", "sorttitle", "indextitle", "indexsorttitle")  # fmt: skip
# Fields some template shows (they are decoded and checked; unknown TeX in them is reported).
SHOWN_FIELDS = frozenset({
    "author", "editor", "translator", "title", "subtitle", "titleaddon", "booktitle",
    "booksubtitle", "maintitle", "mainsubtitle", "journal", "journaltitle", "journalsubtitle",
    "issuetitle", "volume", "number", "issue", "series", "edition", "pages", "chapter",
    "publisher", "address", "location", "institution", "organization", "school", "type",
    "howpublished", "month", "day", "year", "note", "addendum", "version", "eprinttype",
    "archiveprefix", "primaryclass", "eprintclass", "site", "shorttitle", "key", "sortkey",
})  # fmt: skip


def canonical_type(name: str) -> str:
    """The type an entry type stands for: ``@Conference`` -> ``inproceedings``."""
    lower = name.lower()
    return ALIASES.get(lower, lower)


def accepted_types() -> str:
    """Every type the reader accepts, for messages."""
    return ", ".join(sorted([*TYPES, *ALIASES, *DATA_ONLY]))
