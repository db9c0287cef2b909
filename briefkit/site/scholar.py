"""Metadata that scholars' tools read: Highwire Press tags and Dublin Core.

Google Scholar's inclusion guidelines (scholar.google.com/intl/en/scholar/
inclusion.html#indexing) define the Highwire Press tags it reads: one
``citation_title``; one ``citation_author`` per author ("Smith, John" or
"John Smith", nothing else in it); ``citation_publication_date``, the date
others cite, and ``citation_online_date``, written "2010/5/12" or a year
alone; ``citation_technical_report_institution`` (and ``_number``) for a
report; ``citation_pdf_url``, the absolute address of the full text. Zotero's
"Embedded Metadata" translator reads the same tags, and takes the item for a
report when ``citation_technical_report_institution`` is there.

``citation_reference`` lists the works referred to, one tag each (the home
page, which describes the brief, every work of its bibliography; another
page, the works it cites), as
``name=value`` pairs of the same tags joined by ``"; "`` (HighWire's own
form, which Quarto's ``google-scholar`` writes too). Dublin Core (DCMI's
"Expressing Dublin Core metadata using HTML/XHTML meta and link elements")
comes after, as the guidelines' last resort: title, creators, date (W3CDTF,
``2026-11-27``), language (BCP 47), publisher. Its ``<link rel="schema.DC">``
is left out: it would be the pages' only address on another host, and the
readers (Google Scholar, Zotero) know the ``DC.`` prefix without it.

Every page of an edition describes the brief itself, the work a reader
cites (the page is part of it). The values are text: the template escapes
them.
"""

from __future__ import annotations

import datetime as dt
import re

from briefkit.bib.edtf import parse_edtf
from briefkit.bib.names import is_others
from briefkit.bib.reader import Source
from briefkit.content.authors import brief_authors, sorted_form
from briefkit.core.vocabulary import base_language
from briefkit.site.metadata import BriefInfo

Tag = tuple[str, str]
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
PAGES = re.compile(r"\s*(?:–|—|-{1,3})\s*")
# Where each entry type appeared, as Highwire names it (the first of the fields found).
Container = list[tuple[str, tuple[str, ...]]]
REPORT: Container = [
    ("citation_technical_report_institution", ("institution",)),
    ("citation_technical_report_number", ("number",)),
]
THESIS: Container = [("citation_dissertation_institution", ("school", "institution"))]
IN_BOOK: Container = [("citation_book_title", ("booktitle",))]
CONTAINERS: dict[str, Container] = {
    "article": [("citation_journal_title", ("journaltitle", "journal"))],
    "inproceedings": [("citation_conference_title", ("booktitle",))],
    "incollection": IN_BOOK,
    "inbook": IN_BOOK,
    "report": REPORT,
    "techreport": REPORT,
    "thesis": THESIS,
    "phdthesis": THESIS,
    "mastersthesis": THESIS,
}
SERIAL = [("citation_volume", "volume"), ("citation_issue", "number"), ("citation_issue", "issue")]
IDENTIFIERS = [
    ("citation_doi", "doi"),
    ("citation_isbn", "isbn"),
    ("citation_issn", "issn"),
    ("citation_fulltext_html_url", "url"),
]


def text(value: str) -> str:
    """A value on one line, without control characters."""
    return " ".join(CONTROL.sub(" ", value).split())


def scholar_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """``2010/5/12`` when the day is known, else the year alone (the guidelines' two forms)."""
    return f"{year}/{month}/{day}" if month and day else str(year)


def highwire(info: BriefInfo, publisher: str, pdf_url: str, cited: list[Source]) -> list[Tag]:
    """The brief's Highwire Press tags, then one ``citation_reference`` per work in ``cited``."""
    date = scholar_date(info.date.year, info.date.month, info.date.day)
    tags = [("citation_title", text(info.title))]
    tags += [("citation_author", sorted_form(a)) for a in brief_authors(info.author)]
    tags += [
        ("citation_publication_date", date),
        ("citation_online_date", date),
        ("citation_language", base_language(info.lang)),
    ]
    if publisher.strip():
        tags += [
            ("citation_technical_report_institution", text(publisher)),
            ("citation_publisher", text(publisher)),
        ]
    if info.description:
        tags.append(("citation_abstract", text(info.description)))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if info.url:
        tags.append(("citation_abstract_html_url", info.url))
    return tags + [("citation_reference", reference(source)) for source in cited]


def dublin_core(info: BriefInfo, publisher: str) -> list[Tag]:
    """The brief in Dublin Core (``DC.*`` names)."""
    tags = [("DC.title", text(info.title))]
    tags += [("DC.creator", sorted_form(a)) for a in brief_authors(info.author)]
    tags += [("DC.date", info.date.isoformat()), ("DC.language", base_language(info.lang))]
    if publisher.strip():
        tags.append(("DC.publisher", text(publisher)))
    if info.description:
        tags.append(("DC.description", text(info.description)))
    return tags


def reference(source: Source) -> str:
    """One cited work as ``citation_title=…; citation_author=…; …``."""
    pairs = reference_pairs(source)
    # ";" separates the pairs: inside a value it would cut the value short.
    return "; ".join(f"{name}={value.replace(';', ',')}" for name, value in pairs)


def reference_pairs(source: Source) -> list[Tag]:
    """The Highwire tags of a cited work, in the order of the brief's own tags."""
    fields = source.fields
    pairs = [("citation_title", text(fields["title"]))] if fields.get("title") else []
    people = source.persons.get("author") or source.persons.get("editor") or []
    pairs += [("citation_author", sorted_form(p)) for p in people if not is_others(p)]
    if date := source_date(fields):
        pairs.append(("citation_publication_date", date))
    for name, candidates in CONTAINERS.get(source.type, []):
        value = next((fields[f] for f in candidates if fields.get(f)), "")
        if value:
            pairs.append((name, text(value)))
    publisher = fields.get("publisher") or fields.get("organization")
    if publisher and CONTAINERS.get(source.type) is not REPORT:
        pairs.append(("citation_publisher", text(publisher)))
    if source.type == "article":
        pairs += [(name, text(fields[f])) for name, f in SERIAL if fields.get(f)]
    pairs += page_range(fields.get("pages", ""))
    pairs += [(name, text(fields[f])) for name, f in IDENTIFIERS if fields.get(f)]
    return pairs


def source_date(fields: dict[str, str]) -> str:
    """When a cited work appeared, in the guidelines' form (its start, for a range)."""
    if fields.get("date"):
        parsed = parse_edtf(fields["date"])
        start = (parsed.start or parsed.end) if parsed else None
        return scholar_date(*start.parts) if start else ""
    year = fields.get("year", "")
    if not re.fullmatch(r"\d{4}", year):
        return year[:4] if re.match(r"\d{4}", year) else ""
    month, day = fields.get("month", ""), fields.get("day", "")
    if re.fullmatch(r"\d{1,2} \d{1,2}", month):  # the reader's "day month"
        day, month = month.split()
    if month.isdigit() and day.isdigit():
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return year
        return scholar_date(int(year), int(month), int(day))
    return year


def page_range(pages: str) -> list[Tag]:
    """``citation_firstpage`` and ``citation_lastpage`` of ``12–19``."""
    parts = [p for p in PAGES.split(text(pages)) if p]
    if not parts:
        return []
    found = [("citation_firstpage", parts[0])]
    return found + ([("citation_lastpage", parts[-1])] if len(parts) > 1 else [])
