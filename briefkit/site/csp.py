"""The Content-Security-Policy of every page: the browser's own guard against injected script.

The content policy (:mod:`briefkit.content.policy`) removes scripts from the
pages; this is the second line: should one get through, the browser refuses
to run it. The policy is a ``<meta http-equiv>`` placed first in ``<head>``
(a static site has no headers of its own), its directives read from
``csp.yml``, each with its reason. Scripts may come only from the site's own
files and from the inline scripts the theme writes, allowed by their SHA-256
hashes, computed for each page as it is written; an inline script inside the
page's content is never hashed, so it never runs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import yaml

CSP_FILE = Path(__file__).with_name("csp.yml")
# An inline script: no src, and a type browsers run (data blocks such as
# application/json and application/ld+json are never run, so need no hash).
SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
# After <meta charset> (which must come within the first bytes), else right after <head>.
HEAD = re.compile(r"<head(?:\s[^>]*)?>\s*(?:<meta charset=[^>]*>)?", re.I)


@cache
def directives() -> dict[str, str]:
    """``{directive: value}`` as ``csp.yml`` lists them."""
    data = yaml.safe_load(CSP_FILE.read_text(encoding="utf-8"))
    return {name: str(entry["value"]) for name, entry in data.items()}


def inline_script_hashes(html: str, content: str = "") -> list[str]:
    """``'sha256-…'`` of each inline script of ``html`` outside ``content`` (the page's text)."""
    outside = html.replace(content, "") if content else html
    hashes = []
    for match in SCRIPT.finditer(outside):
        attrs = match["attrs"] or ""
        if re.search(r"\bsrc\s*=", attrs, re.I) or DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def policy_text(hashes: list[str]) -> str:
    """The policy, the page's script hashes in place."""
    parts = []
    for name, value in directives().items():
        filled = " ".join(value.replace("{scripts}", " ".join(hashes)).split())
        parts.append(f"{name} {filled}")
    return "; ".join(parts)


def with_csp(html: str, content: str = "") -> str:
    """``html`` with its Content-Security-Policy first in ``<head>``."""
    head = HEAD.search(html)
    if head is None:
        return html
    meta = (
        '<meta http-equiv="Content-Security-Policy" content="'
        + policy_text(inline_script_hashes(html, content))
        + '">'
    )
    return html[: head.end()] + meta + html[head.end() :]
