"""SVG figures made safe: the one copy the site and the PDF both publish.

An SVG is a document that can run scripts on the site's origin when a reader
opens it full size, load images from other hosts, or, read by a careless
parser, expand entities until memory runs out. It is parsed with
``defusedxml`` (no DTD, no entity, no external reference: such a file is
refused), then cut to drawing: scripts, event handlers, foreign objects,
animations (which can rewrite a link), elements outside the SVG namespace
and every reference to another file or host are removed, each named with the
file and the element. The sanitized bytes are what the site copies and what
Typst prints. Written on ElementTree by hand: no maintained sanitizer knows
SVG (nh3/ammonia is for HTML).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import cache

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from briefkit.core.problems import Problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
DROPPED = {
    "script": "scripts never run on the site",
    "foreignObject": "it can hold HTML, forms and scripts",
    "animate": "animations can rewrite links and are not published",
    "set": "animations can rewrite links and are not published",
    "animateMotion": "animations are not published",
    "animateTransform": "animations are not published",
    "discard": "animations are not published",
    "iframe": "embedded pages are not published",
    "handler": "scripts never run on the site",
    "listener": "scripts never run on the site",
}
# Editors' own bookkeeping (Inkscape, Sodipodi, Illustrator, RDF metadata): inert, dropped quietly.
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
)
# A raster picture may be embedded whole; nothing else may be fetched.
EMBEDDED_IMAGE = re.compile(r"^\s*data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")
URL_REF = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
DANGEROUS_CSS = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:", re.I)
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class CleanSVG:
    """The published bytes (``None``: refused) and what was removed or why it was refused."""

    data: bytes | None
    problems: list[Problem] = field(default_factory=list)


def _local_name(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


class _Cleaner:
    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def removed(self, what: str, why: str) -> None:
        message = f"{what} removed from the SVG figure ({why}): re-export the figure without it"
        if not any(p.message == message for p in self.problems):
            self.problems.append(Problem(self.where, 1, message))

    def element(self, parent: etree.Element) -> None:
        for child in list(parent):
            if not isinstance(child.tag, str):
                parent.remove(child)  # a comment or processing instruction
                continue
            namespace, local = _local_name(child.tag)
            if namespace != SVG or local in DROPPED:
                parent.remove(child)
                if namespace == SVG or not namespace.startswith(EDITOR_NAMESPACES):
                    why = (
                        DROPPED.get(local, "not an SVG element")
                        if namespace == SVG
                        else ("not an SVG element")
                    )
                    self.removed(f"<{local}>", why)
                continue
            self.attributes(child, local)
            if local == "style":
                self.stylesheet(child)
            self.element(child)

    def attributes(self, el: etree.Element, tag: str) -> None:
        for name, value in list(el.attrib.items()):
            namespace, local = _local_name(name)
            if local.lower().startswith("on"):
                del el.attrib[name]
                self.removed(f"event handler '{local}' on <{tag}>", "scripts never run on the site")
            elif local == "href" and namespace in ("", XLINK):
                if not self.href_allowed(tag, value):
                    del el.attrib[name]
                    self.removed(f"the address {value[:60]!r} of <{tag}>", _why_href(tag))
            elif namespace not in ("", XML):
                del el.attrib[name]  # another vocabulary's attribute: inert here, dropped
            elif ("url(" in value.lower() or local == "style") and not _css_is_local(value):
                del el.attrib[name]
                self.removed(f"'{local}' on <{tag}>", "it refers to another file or host")

    def href_allowed(self, tag: str, value: str) -> bool:
        value = value.strip()
        if tag == "image":
            return bool(EMBEDDED_IMAGE.match(value))
        if tag == "a":
            return value.startswith(("#", *LINK_SCHEMES))
        return value.startswith("#")

    def stylesheet(self, el: etree.Element) -> None:
        if el.text and not _css_is_local(el.text):
            el.text = ""
            self.removed("a <style> rule", "it refers to another file or host")


def _why_href(tag: str) -> str:
    if tag == "image":
        return "only an embedded PNG, JPEG, GIF or WebP picture is published, never another file"
    if tag == "a":
        return "a link must be an http(s):// or mailto: address"
    return "it refers to another file or host"


def _css_is_local(css: str) -> bool:
    if DANGEROUS_CSS.search(css):
        return False
    return all(ref[2].strip().startswith("#") for ref in URL_REF.finditer(css))


@cache
def clean_svg(data: bytes, where: str) -> CleanSVG:
    """``data`` (an SVG file's bytes) made safe to publish, or refused with a reason."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        kind = type(err).__name__.removesuffix("Forbidden").lower() or "declaration"
        message = (
            f"an SVG figure may not hold a DOCTYPE, entities or external references ({kind}): "
            "re-export it as plain SVG"
        )
        return CleanSVG(None, [Problem(where, 1, message)])
    except (etree.ParseError, ValueError) as err:
        line = getattr(err, "position", (1, 0))[0]
        message = f"not a well-formed SVG file ({err}): re-export it"
        return CleanSVG(None, [Problem(where, line, message)])
    namespace, local = _local_name(root.tag)
    if (namespace, local) != (SVG, "svg"):
        message = f"not an SVG drawing (its root is <{local}>, not <svg> of {SVG}): re-export it"
        return CleanSVG(None, [Problem(where, 1, message)])
    cleaner = _Cleaner(where)
    cleaner.attributes(root, "svg")
    cleaner.element(root)
    etree.register_namespace("", SVG)
    etree.register_namespace("xlink", XLINK)
    body = etree.tostring(root, encoding="unicode")
    return CleanSVG(('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode(), cleaner.problems)
