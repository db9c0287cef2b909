"""The glossary as a termbase: TBX-Basic (ISO 30042:2019, DCA style) or CSV.

One concept per glossary page; for each edition, its ``term`` as the
preferred term, its other names and aliases as admitted terms, and its
definition. Translators' tools import either form as a terminology list.
TBX is written with ElementTree (no library writes TBX v3: translate-toolkit's
``tbx`` module writes the 2008 ``martif`` format); every value is text, so
nothing in a page's front matter can become markup.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as etree

from briefkit.translation.terms import Concept

TBX = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"


def _q(tag: str) -> str:
    return f"{{{TBX}}}{tag}"


def tbx(concepts: list[Concept], langs: list[str]) -> bytes:
    """The termbase as a TBX-Basic document in the source language (``langs[0]``)."""
    etree.register_namespace("", TBX)
    root = etree.Element(_q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: langs[0]})
    header = etree.SubElement(etree.SubElement(root, _q("tbxHeader")), _q("fileDesc"))
    source = etree.SubElement(etree.SubElement(header, _q("sourceDesc")), _q("p"))
    source.text = "The brief's glossary: one concept per glossary page, written by briefkit."
    body = etree.SubElement(etree.SubElement(root, _q("text")), _q("body"))
    for concept in concepts:
        entry = etree.SubElement(body, _q("conceptEntry"), id=_identifier(concept.page))
        for lang in langs:
            term = concept.terms.get(lang)
            if term is None:
                continue
            section = etree.SubElement(entry, _q("langSec"), {XML_LANG: lang})
            etree.SubElement(section, _q("descrip"), type="definition").text = term.definition
            for name in concept.names(lang):
                term_section = etree.SubElement(section, _q("termSec"))
                etree.SubElement(term_section, _q("term")).text = name
                status = PREFERRED if name == term.term else ADMITTED
                note = etree.SubElement(term_section, _q("termNote"), type="administrativeStatus")
                note.text = status
    etree.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, "utf-8") + b"\n"


def _identifier(page: str) -> str:
    """An XML ID from the page's path (``glossaire/quad.md`` → ``c-glossaire-quad``)."""
    return "c-" + re.sub(r"[^\w.-]", "-", page.removesuffix(".md"), flags=re.ASCII)


def csv_text(concepts: list[Concept], langs: list[str]) -> bytes:
    """One row per concept: for each language its term, other names (`` | ``) and definition."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["concept", *(f"{lang} {col}" for lang in langs for col in COLUMNS)])
    for concept in concepts:
        row = [concept.page]
        for lang in langs:
            term = concept.terms.get(lang)
            names = [n for n in concept.names(lang) if term and n != term.term]
            row += [term.term, " | ".join(names), term.definition] if term else ["", "", ""]
        writer.writerow([_no_formula(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


COLUMNS = ("term", "other names", "definition")


def _no_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
