"""Checks of single field values and of required fields; each failure is phrased for editors.

Field checks also normalise: a month becomes its canonical form (see
:mod:`briefkit.bib.dates`), a DOI loses its ``https://doi.org/`` or ``doi:``
prefix. Every message names the entry's key and says how to fix the value.
"""

from __future__ import annotations

import re

from briefkit.bib.datamodel import TYPES
from briefkit.bib.dates import normalise_month, parse_date, parse_iso, valid_year

URL_RE = re.compile(r"https?://[^\s<>\"{}|\\^`]+\Z")
DOI_RE = re.compile(r"10\.\d{4,9}/[^\s<>\"{}|\\^`]+\Z")
DOI_PREFIX = re.compile(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
ARXIV_RE = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\Z")


def check_value(key: str, name: str, value: str) -> tuple[str, str]:
    """``(value, message)``: the normalised value and, when it is wrong, what to do."""
    if name == "url" and not URL_RE.match(value):
        return value, (
            f"unsafe or malformed url in '{key}': {value[:60]!r}; "
            "only http:// and https:// addresses without spaces are allowed"
        )
    if name == "doi":
        doi = DOI_PREFIX.sub("", value.strip())
        if not DOI_RE.match(doi):
            return value, f"doi of '{key}' is {value[:60]!r}: write it as 10.1234/abcd"
        return doi, ""
    if name == "month":
        month = normalise_month(value)
        if month is None:
            return value, (
                f"month of '{key}' is {value!r}: use 1-12 or jan-dec "
                '(a range: 6-8 or jun # "--" # aug; a list: 11, 12)'
            )
        return month, ""
    if name == "year" and not valid_year(value):
        return value, f"year of '{key}' is {value!r}: use four digits"
    if name == "day" and not (value.isdigit() and 1 <= int(value) <= 31):
        return value, f"day of '{key}' is {value!r}: use 1-31"
    if name == "urldate" and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and parse_iso(value)):
        return value, f"urldate of '{key}' is {value!r}: use YYYY-MM-DD (a real date)"
    if name == "date" and parse_date(value) is None:
        return value, (
            f"date of '{key}' is {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD "
            "(a range: two of them joined by /)"
        )
    return value, ""


def is_arxiv(fields: dict[str, str]) -> bool:
    """Whether the entry's ``eprint`` is an arXiv identifier that can be linked."""
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").lower()
    return kind == "arxiv" and bool(ARXIV_RE.match(fields.get("eprint", "")))


def missing_required(kind: str, fields: dict[str, str], persons: dict[str, object]) -> list[str]:
    """Each required field (or "a or b") the entry lacks, after inheritance."""
    missing = []
    for options in TYPES.get(kind, []):
        if not any(fields.get(name, "").strip() or persons.get(name) for name in options):
            missing.append(" or ".join(options))
    return missing
