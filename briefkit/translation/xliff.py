"""XLIFF 2 documents: written with ElementTree, read with defusedxml, checked by the schema.

translate-toolkit was the library to use, but its XLIFF 2 writer (3.20.4,
``translate.storage.xliff2``) puts ``<notes>`` and ``xml:space`` on
``<segment>``, which the XLIFF 2 schema forbids, and has no XLIFF 2 inline
codes (its placeables write XLIFF 1.2's ``<g>``/``<x>`` without namespace);
the tree here is small, so it is written directly, and every document written
or read is validated against the OASIS core schema (``schema/``) with
``xmlschema``. Reading goes through defusedxml: no DTD, no entity, no
external reference is ever resolved.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import defusedxml.ElementTree as safe
import xmlschema
from defusedxml.common import DefusedXmlException

from briefkit.translation.inline import Code, Node, codes, equivalent

NS = "urn:oasis:names:tc:xliff:document:2.0"
BK = "urn:briefkit:translation:1"  # our extension attributes on <unit>
SCHEMA = Path(__file__).with_name("schema") / "xliff_core_2.0.xsd"
VERSION = "2.0"  # what translators' tools read most widely; 2.1 is accepted on import
MAX_BYTES = 50_000_000
etree.register_namespace("", NS)
etree.register_namespace("bk", BK)

# kind: (element's type, subType, whether translators may delete it)
CODE_TYPES: dict[str, tuple[str, str, bool]] = {
    "cite": ("other", "briefkit:cite", False),
    "note-call": ("other", "briefkit:note-call", False),
    "ed-note": ("other", "briefkit:editor-note", False),
    "link": ("link", "", False),
    "image": ("image", "", False),
    "strong": ("fmt", "xlf:b", True),
    "em": ("fmt", "xlf:i", True),
    "code": ("other", "briefkit:code", False),
    "html": ("fmt", "", False),
    "attrs": ("other", "briefkit:attributes", True),
    "escape": ("other", "briefkit:escape", True),
    "entity": ("other", "briefkit:entity", True),
}
PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}  # line breaks are text
NO_COPY = {"cite", "note-call", "ed-note", "link", "image"}


@dataclass
class Unit:
    """One passage: its source, the current translation and what the translator should know."""

    id: str
    name: str
    source: list[Node]
    target: list[Node] | None
    state: str
    notes: list[tuple[str, str]] = field(default_factory=list)  # (category, text)
    extra: dict[str, str] = field(default_factory=dict)  # bk: attributes


@dataclass
class File:
    id: str
    original: str
    units: list[Unit] = field(default_factory=list)


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def document(files: list[File], source_lang: str, target_lang: str) -> bytes:
    """The XLIFF 2 document of ``files``, validated against the schema."""
    root = etree.Element(q("xliff"), version=VERSION, srcLang=source_lang, trgLang=target_lang)
    for file in files:
        element = etree.SubElement(root, q("file"), id=file.id, original=file.original)
        for unit in file.units:
            element.append(_unit(unit))
    _indent(root, 0)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="utf-8")
    errors = schema_errors(data)
    if errors:  # our own bug: never hand a translator an invalid file
        raise ValueError("invalid XLIFF written: " + "; ".join(errors[:3]))
    return data + b"\n"


CONTAINERS = {q(t) for t in ("xliff", "file", "unit", "notes", "originalData", "segment")}


def _indent(element: etree.Element, level: int) -> None:
    """Line up the structure; text (source, target, note, data) is never touched."""
    if element.tag not in CONTAINERS or not len(element):
        return
    element.text = "\n" + " " * (level + 1)
    for child in element:
        _indent(child, level + 1)
        child.tail = "\n" + " " * (level + 1)
    element[-1].tail = "\n" + " " * level


def _unit(unit: Unit) -> etree.Element:
    element = etree.Element(q("unit"), id=unit.id, name=unit.name, canResegment="no")
    for key, value in unit.extra.items():
        element.set(f"{{{BK}}}{key}", value)
    if unit.notes:
        notes = etree.SubElement(element, q("notes"))
        for category, text in unit.notes:
            etree.SubElement(notes, q("note"), category=category).text = text
    data: dict[str, str] = {}
    segment = etree.Element(q("segment"), state=unit.state)
    source = etree.SubElement(segment, q("source"), PRESERVE)
    _fill(source, unit.source, data)
    if unit.target is not None:
        target = etree.SubElement(segment, q("target"), PRESERVE)
        _fill(target, unit.target, data)
    if data:
        original = etree.SubElement(element, q("originalData"))
        for key, value in data.items():
            etree.SubElement(original, q("data"), id=key).text = value
    element.append(segment)
    return element


def _fill(parent: etree.Element, nodes: list[Node], data: dict[str, str]) -> None:
    last: etree.Element | None = None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                parent.text = (parent.text or "") + node
            else:
                last.tail = (last.tail or "") + node
            continue
        last = _code(parent, node, data)


def _code(parent: etree.Element, code: Code, data: dict[str, str]) -> etree.Element:
    kind, subtype, deletable = CODE_TYPES[code.kind]
    attributes = {"id": code.id, "type": kind}
    if subtype:
        attributes["subType"] = subtype
    if not deletable:
        attributes["canDelete"] = "no"
    if code.kind in NO_COPY:
        attributes["canCopy"] = "no"
    if code.end is None:
        data.setdefault(f"d{code.id}", code.start)
        attributes |= {"dataRef": f"d{code.id}", "disp": code.start}
        if equiv := equivalent(code):
            attributes["equiv"] = equiv
        return etree.SubElement(parent, q("ph"), attributes)
    data.setdefault(f"d{code.id}s", code.start)
    data.setdefault(f"d{code.id}e", code.end)
    attributes |= {
        "dataRefStart": f"d{code.id}s",
        "dataRefEnd": f"d{code.id}e",
        "dispStart": code.start,
        "dispEnd": code.end,
    }
    element = etree.SubElement(parent, q("pc"), attributes)
    _fill(element, code.children, data)
    return element


@cache
def _schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMA))


def schema_errors(data: bytes | etree.Element) -> list[str]:
    """What the OASIS XLIFF 2 core schema finds wrong with ``data`` (empty: valid)."""
    try:
        return [f"{e.reason} (at {e.path})" for e in _schema().iter_errors(data)][:20]
    except etree.ParseError as err:
        return [f"not well-formed XML: {err}"]


def read(path: Path) -> etree.Element:
    """A translator's file, parsed safely; :class:`ValueError` says why it cannot be read."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES:,} bytes")
    try:
        root = safe.parse(str(path), forbid_dtd=True).getroot()
    except (etree.ParseError, DefusedXmlException) as err:
        raise ValueError(f"not an XML file this tool will read ({err})") from None
    if root.tag != q("xliff") or not str(root.get("version", "")).startswith("2."):
        raise ValueError("not an XLIFF 2 document (xliff version 2.x, namespace " + NS + ")")
    errors = schema_errors(root)
    if errors:
        raise ValueError("not valid XLIFF 2: " + "; ".join(errors[:3]))
    return root


__all__ = ["BK", "NS", "File", "Unit", "codes", "document", "q", "read", "schema_errors"]
