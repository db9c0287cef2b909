"""The PDF's XMP metadata: the brief's identity, as the site's scholarly tags give it.

Typst writes an XMP packet from ``set document(…)``: the title, the
description, keywords, the language of the text, the creation date and what
PDF/UA needs (``pdfuaid:part``). It has no field for the publisher or the
date of the work, and writes several authors as one ``dc:creator`` entry
(``"Tom Dash, Ann Bee"``). :func:`with_identity` completes the packet as the
XMP specification (ISO 16684-1) and its Dublin Core schema define it: one
``rdf:li`` per author in ``dc:creator`` (a ``Seq``), ``dc:date`` (the
edition's date, ISO 8601), ``dc:language`` (BCP 47), ``dc:publisher`` (a
``Bag``). The new packet goes in as an incremental update (pypdf), so every
byte Typst wrote, its tags and PDF/UA structure included, stays as it was,
and the same input gives the same bytes.

The packet is Typst's, made in this process from escaped values, never a
file from the brief; ElementTree reads it back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from pypdf import PdfWriter
from pypdf.generic import StreamObject

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PACKET_START = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
PACKET_END = '<?xpacket end="r"?>'
# What XML 1.0 cannot carry (control characters): never in a packet, whoever wrote it.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Identity:
    """What the XMP says of the brief: the same values as the site's Highwire tags."""

    title: str
    authors: tuple[str, ...]  # "Tom Dash": the names as the cover writes them
    date: dt.date | None  # this edition's
    language: str  # a BCP 47 tag: fr, pt-BR
    publisher: str


def with_identity(pdf: bytes, identity: Identity) -> bytes:
    """``pdf`` with its XMP packet completed from ``identity`` (appended as an update)."""
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    stream = writer.root_object["/Metadata"].get_object()
    assert isinstance(stream, StreamObject)
    stream.set_data(packet(stream.get_data().decode("utf-8"), identity).encode("utf-8"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def packet(xmp: str, identity: Identity) -> str:
    """Typst's XMP packet with the brief's creators, date, language and publisher."""
    xmp = NOT_XML.sub("", xmp)
    for prefix, uri in namespaces(xmp):
        etree.register_namespace(prefix, uri)
    root = etree.fromstring(xmp.encode("utf-8"))
    description = root.find(f"{{{RDF}}}RDF/{{{RDF}}}Description")
    assert description is not None, "Typst's XMP has no rdf:Description"
    date = [identity.date.isoformat()] if identity.date else []
    replace(description, container("title", "Alt", [identity.title], {XML_LANG: "x-default"}))
    replace(description, container("creator", "Seq", identity.authors))
    replace(description, container("date", "Seq", date))
    replace(description, container("language", "Bag", [identity.language]))
    replace(description, container("publisher", "Bag", [identity.publisher]))
    body = etree.tostring(root, encoding="unicode")
    return PACKET_START + body + PACKET_END


def namespaces(xmp: str) -> list[tuple[str, str]]:
    """The prefixes the packet declares, to write it back with the same ones."""
    events = etree.iterparse(io.BytesIO(xmp.encode("utf-8")), events=("start-ns",))
    return [pair for _, pair in events if isinstance(pair, tuple) and pair[0]]


def container(
    name: str, kind: str, items: list[str] | tuple[str, ...], attrib: dict[str, str] | None = None
) -> etree.Element:
    """``<dc:name><rdf:kind><rdf:li>item</rdf:li>…`` (nothing blank)."""
    element = etree.Element(f"{{{DC}}}{name}")
    holder = etree.SubElement(element, f"{{{RDF}}}{kind}")
    for item in items:
        if item.strip():
            etree.SubElement(holder, f"{{{RDF}}}li", attrib or {}).text = NOT_XML.sub("", item)
    return element


def replace(description: etree.Element, element: etree.Element) -> None:
    """Put ``element`` in place of its namesake (or at the end); leave out an empty one."""
    old = description.find(element.tag)
    index = list(description).index(old) if old is not None else len(description)
    if old is not None:
        description.remove(old)
    if len(element[0]):
        description.insert(index, element)
