"""Where a reader finds a work: DOI, URL, eprint, ISBN and the like, and when it was consulted.

Only links checked on reading are made: ``https://doi.org/`` with the DOI's
suffix percent-encoded, arXiv identifiers, and ``url`` values that are
``http(s)`` addresses (percent-encoded as RFC 3986 asks; shown as written,
but for characters a reader could not see); any other ``url`` is shown as
text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from pybtex.richtext import HRef, Text
from pybtex.style.template import FieldIsMissing, node

from briefkit.bib.dates import point_text, range_text
from briefkit.bib.edtf import parse_edtf
from briefkit.bib.fields import doi_href, is_arxiv
from briefkit.style.isolation import isolated
from briefkit.style.nodes import _entry, _words, value

DOI_HOST = re.compile(r"(?i)https?://(dx\.)?doi\.org/")
ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
KEPT_ESCAPED = ("%", " ", "\u00a0")  # shown escaped, so that the address reads as one
LINKED = re.compile(r"https?://")


def readable(url: str) -> str:
    """A percent-encoded address shown as a browser's address bar shows it (``Наджин_(станция)``).

    Only the text changes; the link keeps the encoded address.
    """

    def decode(match: re.Match[str]) -> str:
        try:
            text = unquote(match.group(), errors="strict")
        except UnicodeDecodeError:
            return match.group()
        if not text.isprintable() or any(c in text for c in KEPT_ESCAPED):
            return match.group()
        return text

    return ESCAPES.sub(decode, url)


@node
def doi_link(children, context):  # type: ignore[no-untyped-def]
    """``https://doi.org/10.…`` as a link (the DOI was checked on reading)."""
    doi = value(_entry(context), "doi")
    return Text(isolated(context, HRef(doi_href(doi), Text("https://doi.org/" + doi))))


@node
def url_link(children, context):  # type: ignore[no-untyped-def]
    """The ``url`` field as a link showing itself; an address that is not http(s), as text."""
    source = _entry(context)
    url = value(source, "url")
    if source.fields.get("doi") and DOI_HOST.match(url):
        raise FieldIsMissing("url", source)  # the DOI's own link already leads there
    if not LINKED.match(url) or " " in url:
        return Text(url)
    return Text(isolated(context, HRef(url, Text(readable(url)))))


@node
def eprint(children, context):  # type: ignore[no-untyped-def]
    """``arXiv: 2101.01234 [cs.CL]`` (arXiv linked), ``JSTOR: 123``, or the identifier."""
    source, words = _entry(context), _words(context)
    ident = value(source, "eprint")
    kind = source.fields.get("eprinttype", "").strip()
    label = words.eprint_types.get(kind.lower(), kind)
    klass = source.fields.get("eprintclass")
    shown = Text(f"{label}: " if label else "", ident, f" [{klass}]" if klass else "")
    if is_arxiv(source.fields):
        return Text(isolated(context, HRef(f"https://arxiv.org/abs/{ident}", shown)))
    return shown


@node
def number_of(children, context, name):  # type: ignore[no-untyped-def]
    """``ISBN 978-2-07-036822-8``, ``ISSN …``, ``ISRN …`` (biblatex prints them)."""
    source, words = _entry(context), _words(context)
    return Text(f"{words.bibstring(name) or name.upper()} {value(source, name)}")


@node
def accessed(children, context):  # type: ignore[no-untyped-def]
    """``consulté le 23 octobre 2023`` from ``urldate``; « consulté en octobre 2023 » if no day."""
    source, words = _entry(context), _words(context)
    parsed = parse_edtf(value(source, "urldate"))
    if parsed is None or parsed.start is None:
        raise FieldIsMissing("urldate", source)
    if parsed.is_range and parsed.start != parsed.end:
        return Text(f"{words.accessed} {range_text(words, parsed)}")
    word = words.accessed if parsed.start.day else words.bibstring("accessedin") or words.accessed
    return Text(f"{word} {point_text(words, parsed.start)}")
