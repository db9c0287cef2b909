"""Checks of single field values and of required fields, with biber's severities.

Only an unsafe address (``javascript:``, ``data:``…) is an error: it would
run or load something in a reader's browser. Everything biber accepts is
accepted; what biber only warns about is a warning, and the value is then
left out, or shown as text when a reader may still use it (two addresses in
one ``url``). Checks also normalise:

- a URL is percent-encoded as RFC 3986 asks (spaces, ``|``, ``<``, ``>``,
  non-ASCII characters; existing ``%XX`` kept; the host in IDNA), as biber
  escapes a URL that is not yet escaped;
- a DOI loses ``https://doi.org/`` or ``doi:``; it is valid when the DOI
  Handbook says so (§2.2: ``10.``, a registrant code, ``/``, any printable
  suffix: ``10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P``);
- a month becomes its canonical form (see :mod:`briefkit.bib.dates`).

Messages name the entry's key, quote the whole value (middle-shortened when
long) and say what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from briefkit.bib.datamodel import required_fields
from briefkit.bib.dates import normalise_month
from briefkit.bib.edtf import parse_edtf

DOI_RE = re.compile(r"10\.[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*/[^\s\x00-\x1f\x7f]+\Z")
DOI_PREFIX = re.compile(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)")
ARXIV_RE = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\Z")
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file", "blob", "about", "filesystem")
LINKED_SCHEMES = ("http", "https")
# RFC 3986: reserved and unreserved characters stay; "%" stays before two hex digits.
URL_SAFE = ":/?#[]@!$&'()*+,;=-._~"
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
DOI_SAFE = "/:@!$&'()*+,;=-._~"
MAX_SHOWN = 120


@dataclass(frozen=True)
class Checked:
    """A field's value after checking: ``None`` when it is left out, and what to say."""

    value: str | None
    message: str = ""
    severity: str = "warning"


def shown(value: str, limit: int = MAX_SHOWN) -> str:
    """``value`` quoted for a message: whole, or its start and end around an ellipsis."""
    if len(value) > limit:
        half = (limit - 1) // 2
        value = value[:half] + "…" + value[-half:]
    return repr(value)


def percent_encoded(url: str) -> str:
    """``url`` with every character RFC 3986 does not allow percent-encoded (UTF-8)."""
    parts = urlsplit(url)
    host = parts.netloc
    if not host.isascii():
        user, at, place = host.rpartition("@")
        try:
            host = user + at + place.encode("idna").decode("ascii")
        except UnicodeError:
            host = quote(host, safe=URL_SAFE)
    rest = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    rest = quote(LONE_PERCENT.sub("%25", rest), safe=URL_SAFE + "%")
    return f"{parts.scheme}://{host}{rest}" if parts.scheme else rest


def check_url(key: str, url: str) -> Checked:
    """An address as a link target: percent-encoded http(s), unsafe refused, others as text."""
    url = url.strip()
    words = url.split()
    if len(words) > 1 and any("://" in w for w in words[1:]):
        return Checked(
            url,
            f"url of '{key}' holds several addresses ({shown(url)}): "
            "it is shown as text, not linked; keep one address per url field",
        )
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    if scheme in UNSAFE_SCHEMES or re.match(r"(?i)\s*(?:java|vb)script:", url):
        return Checked(None, f"unsafe url in '{key}': {shown(url)}; only http:// and https:// "
                             "addresses are linked: copy the address from the browser",
                       severity="error")  # fmt: skip
    if scheme not in LINKED_SCHEMES or not urlsplit(url).netloc:
        return Checked(
            url,
            f"url of '{key}' is {shown(url)}, not an http:// or https:// "
            "address: it is shown as text, not linked",
        )
    return Checked(percent_encoded(url))


def check_doi(key: str, value: str) -> Checked:
    doi = DOI_PREFIX.sub("", value.strip())
    if not DOI_RE.match(doi):
        return Checked(
            None,
            f"doi of '{key}' is {shown(value)}, not a DOI (10.<registrant>/"
            "<suffix>): it is left out; copy it again from the publisher",
        )
    return Checked(doi)


def doi_href(doi: str) -> str:
    """The resolver's address of a DOI, its suffix percent-encoded (``<``, ``#``, ``?``…)."""
    return "https://doi.org/" + quote(doi, safe=DOI_SAFE)


def check_value(key: str, name: str, value: str) -> Checked:
    """The normalised value and, when it is wrong, what to do (see the module's docstring)."""
    if not value.strip():
        return Checked(None)  # an empty field is an absent one, as in biber
    if name == "url":
        return check_url(key, value)
    if name == "doi":
        return check_doi(key, value)
    if name == "month":
        month = normalise_month(value)
        if month is None:
            return Checked(
                None,
                f"month of '{key}' is {shown(value)}, not a month: it is left "
                'out; use 1-12 or jan-dec (a range: 6-8 or jun # "--" # aug)',
            )
        return Checked(month)
    if name == "day" and not (value.strip().isdigit() and 1 <= int(value) <= 31):
        return Checked(None, f"day of '{key}' is {shown(value)}: it is left out; use 1-31")
    if name in ("date", "origdate", "eventdate", "urldate") and parse_edtf(value) is None:
        return Checked(
            None,
            f"{name} of '{key}' is {shown(value)}, which biblatex cannot read: "
            "it is left out; write YYYY, YYYY-MM or YYYY-MM-DD "
            "(a range: two joined by /; see CONTRIBUTING)",
        )
    return Checked(value)


def is_arxiv(fields: dict[str, str]) -> bool:
    """Whether the entry's ``eprint`` is an arXiv identifier that can be linked."""
    kind = (fields.get("eprinttype") or "").lower()
    return kind == "arxiv" and bool(ARXIV_RE.match(fields.get("eprint", "")))


def missing_required(
    kind: str,
    fields: dict[str, str],
    persons: dict[str, object],
    written: str = "",
    validate: bool = False,
) -> list[str]:
    """Each required field (or "a or b") the entry lacks, after inheritance."""
    missing = []
    for options in required_fields(kind, written, validate):
        if not any(fields.get(name, "").strip() or persons.get(name) for name in options):
            missing.append(" or ".join(options))
    return missing
