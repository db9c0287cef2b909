"""The content policy: what a page's HTML may hold once it is converted.

A brief's pages may come from a stranger, so the policy is enforced on the
output, not guessed from the input: every page's HTML goes through ``nh3``
(the Rust ``ammonia`` sanitizer, built on the browsers' own HTML5 parser)
against the allowlist in ``html_policy.yml``, whatever route the markup took
(raw HTML, ``attr_list`` attributes, reference links, editors' notes,
``.bib`` values). ammonia says nothing about what it removes, so
:func:`findings` reads the same HTML against the same allowlist and names
each thing that will not be published, with what to write instead; the
check and the build report them at their line.

Embedded data (JSON-LD, Material's configuration) is serialized by
:func:`script_json`, which escapes every character that could end the
``<script>`` element or change how a script reads it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nh3
import yaml

from briefkit.core.problems import line_of

POLICY_FILE = Path(__file__).with_name("html_policy.yml")
# Browsers drop ASCII tabs and newlines anywhere in a URL, and leading and
# trailing control characters and spaces, before they read its scheme
# ("java\tscript:" is a javascript: URL; "java script:" is a relative one).
URL_NOISE = re.compile(r"[\t\n\r]|^[\x00-\x20]+|[\x00-\x20]+$")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Deeper nesting than this (lists in lists, quotes in quotes) is refused: no brief
# needs it, browsers slow down on it, and the PDF engine stops at its parsing depth.
MAX_DEPTH = 40
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # fmt: skip
URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "data", "poster", "srcset"}
)


@dataclass(frozen=True)
class Policy:
    """The allowlist, as nh3 takes it."""

    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]  # by tag, "*" for every tag
    style_properties: frozenset[str]
    url_schemes: frozenset[str]
    fetched: dict[str, frozenset[str]]  # attributes whose address the browser loads by itself
    hints: dict[str, str]

    def allows(self, tag: str, attribute: str) -> bool:
        return attribute in self.attributes.get("*", ()) or attribute in self.attributes.get(
            tag, ()
        )


@cache
def policy() -> Policy:
    """The allowlist of ``html_policy.yml`` (read once)."""
    data: dict[str, Any] = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    attributes = {tag: frozenset(names) for tag, names in data["attributes"].items()}
    attributes["*"] = frozenset(data["global_attributes"])
    return Policy(
        frozenset(data["tags"]),
        attributes,
        frozenset(data["style_properties"]),
        frozenset(data["url_schemes"]),
        {tag: frozenset(names) for tag, names in data["fetched"].items()},
        dict(data["hints"]),
    )


def url_scheme(url: str) -> str:
    """The scheme a browser would read in ``url`` (lower case), "" for a relative one."""
    match = SCHEME.match(URL_NOISE.sub("", url))
    return match[1].lower() if match else ""


def is_remote(url: str) -> bool:
    """An absolute or protocol-relative address: the browser would ask another host."""
    cleaned = URL_NOISE.sub("", url)
    return bool(url_scheme(cleaned)) or cleaned.startswith(("//", "\\\\", "/\\", "\\/"))


def addresses(attribute: str, value: str) -> list[str]:
    """The addresses an attribute holds: ``srcset`` lists candidates (``file 2x, …``)."""
    if attribute != "srcset":
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an allowed attribute: no fetched address from elsewhere, and a
    ``srcset`` (which nh3 does not read as an address) only of the brief's own files."""
    fetched = policy().fetched.get(tag, frozenset())
    urls = addresses(attribute, value)
    if attribute in fetched and any(is_remote(url) for url in urls):
        return None
    if attribute == "srcset" and any(url_scheme(url) for url in urls):
        return None
    return value


def sanitize(html: str) -> str:
    """``html`` with everything the policy does not allow removed (nh3)."""
    rules = policy()
    cleaned = nh3.clean(
        html,
        tags=set(rules.tags),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in rules.attributes.items()},
        attribute_filter=_keep_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(rules.url_schemes),
        filter_style_properties=set(rules.style_properties),
    )
    # html5ever writes the no-break spaces of French typography as entities: the
    # character itself is as safe, and what the rest of the generator reads.
    return cleaned.replace("&nbsp;", "\u00a0")


@dataclass(frozen=True)
class Finding:
    """One thing of a page's HTML that is not published; a ``needle`` finds it in the source."""

    needles: tuple[str, ...]
    message: str


class _Reader(HTMLParser):
    def __init__(self, rules: Policy) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.found: list[Finding] = []
        self.depth = 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth -= 0 if tag in VOID else 1  # handle_starttag counts it; nothing closes it
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 0 if tag in VOID else 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rules = self.rules
        self.depth += 0 if tag in VOID else 1
        if self.depth == MAX_DEPTH + 1:
            message = (
                f"the page nests blocks more than {MAX_DEPTH} levels deep (lists in lists, "
                "quotes in quotes): flatten it; the PDF cannot print it"
            )
            self.found.append(Finding((" " * (MAX_DEPTH // 2) + "-", ">" * 8), message))
        if tag not in rules.tags:
            hint = rules.hints.get(tag, rules.hints["default"])
            self.found.append(Finding((f"<{tag}",), f"raw HTML <{tag}> is not published: {hint}"))
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if not self.rules.allows(tag, name):
            if name == "style":
                self._style(tag, value, every=True)
            elif name.startswith("on"):
                why = f"event handler '{name}' on <{tag}> is not published: scripts never run"
                self.found.append(Finding((name,), f"{why} on the site; remove it"))
            else:
                message = f"attribute '{name}' on <{tag}> is not published: remove it"
                self.found.append(Finding((name,), message))
            return
        if name == "style":
            self._style(tag, value)
        elif name in URL_ATTRIBUTES:
            self._url(tag, name, value)

    def _url(self, tag: str, name: str, value: str) -> None:
        for url in addresses(name, value):
            self._address(tag, name, url)

    def _address(self, tag: str, name: str, value: str) -> None:
        scheme = url_scheme(value)
        if scheme and scheme not in self.rules.url_schemes:
            allowed = ", ".join(f"{s}:" for s in sorted(self.rules.url_schemes))
            self.found.append(
                Finding(
                    (value.strip()[:40], value.partition(":")[2][:30], f"{scheme}:", name),
                    f"'{scheme}:' address in <{tag} {name}> is not published: link to a page "
                    f"of the brief or to a {allowed} address",
                )
            )
        elif name in self.rules.fetched.get(tag, ()) and is_remote(value):
            self.found.append(
                Finding(
                    (value.strip()[:40], name),
                    f"<{tag}> would load {value.strip()[:80]!r} from another site (readers "
                    "never request a third party): save the file in docs/ and give its path",
                )
            )

    def _style(self, tag: str, value: str, every: bool = False) -> None:
        for declaration in filter(None, (d.strip() for d in value.split(";"))):
            prop = declaration.partition(":")[0].strip().lower()
            if every or prop not in self.rules.style_properties:
                message = f"style '{prop}' on <{tag}> is not published: the theme sets the look"
                self.found.append(Finding((prop, "style"), message))


def findings(html: str) -> list[Finding]:
    """What :func:`sanitize` removes from ``html``, each with what to write instead."""
    if "<" not in html:
        return []
    reader = _Reader(policy())
    reader.feed(html)
    reader.close()
    return reader.found


def find_in(source: str, needles: tuple[str, ...], start: int = 0) -> int:
    """Offset in ``source`` of the first needle found (case aside) from ``start``; -1 if none."""
    lowered = source.lower()
    for needle in filter(None, needles):
        at = lowered.find(needle.lower(), start)
        if at >= 0:
            return at
    return -1


def line_in(source: str, needles: tuple[str, ...], start: int = 0) -> int:
    """The line of ``source`` where the first needle found appears; 1 if none."""
    at = find_in(source, needles, start)
    return line_of(source, at) if at >= 0 else 1


# Characters that end a script element, start a comment or an entity inside
# one, or end a line for a JavaScript reader: escaped as JSON escapes.
SCRIPT_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
})  # fmt: skip


def script_json(data: object, indent: int | None = None) -> str:
    """``data`` as JSON that can sit inside ``<script>`` whatever its strings hold."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(SCRIPT_ESCAPES)
