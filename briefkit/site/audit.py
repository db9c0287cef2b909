"""The last look before a site is published: every output file against an allowlist.

The content policy sanitizes what the pages say and the templates escape
what the front matter says; this reads what was actually written, whatever
route a value took, and names anything a browser could run or fetch from
elsewhere: an element that embeds or redirects (``<base>``, frames,
objects, forms), an event handler, a ``javascript:``/``data:``/``vbscript:``
address, a resource from another host, an inline script the page's
Content-Security-Policy does not allow by hash, a data block a value could
close; SVG files with anything the SVG sanitizer removes; files of a type a
brief does not publish. The build stops on any of them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from briefkit.content.files import publishable
from briefkit.content.policy import addresses, is_remote, url_scheme
from briefkit.content.svg_figures import clean_svg
from briefkit.site.csp import inline_script_hashes

FORBIDDEN = frozenset({
    "base", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "portal",
    "foreignobject",
})  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "data", "srcset"})
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
# Elements whose address the browser fetches by itself (a link is followed only when clicked).
FETCHED = {"script": "src", "img": "src", "source": "src", "video": "src", "audio": "src",
           "track": "src", "input": "src", "image": "href", "use": "href"}  # fmt: skip
FETCHED_LINKS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "prefetch",
                           "manifest", "apple-touch-icon"})  # fmt: skip
DATA_BLOCK = re.compile(r"application/(ld\+)?json", re.I)
# The theme's own files: the generator's templates and Material's assets.
OWN_TYPES = frozenset({".html", ".js", ".css", ".map", ".xml", ".woff2", ".woff", ".ttf",
                       ".pf_meta", ".pf_index", ".pf_fragment", ".pagefind", ".wasm",
                       ".svg", ".png", ".ico", ".gz"})  # fmt: skip


def _theme_form(tag: str, values: dict[str, str]) -> bool:
    """Material's colour-scheme toggle: a form of radio buttons that submits nowhere.

    Pages cannot make one: the content policy publishes no ``<form>`` and no
    ``data-md-component`` attribute.
    """
    return (
        tag == "form"
        and values.get("data-md-component") == "palette"
        and not ({"action", "method", "target"} & values.keys())
    )


class _Page(HTMLParser):
    def __init__(self, site_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site_url = site_url
        self.found: list[str] = []
        self.block: str | None = None  # text of the data block being read

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN and not _theme_form(tag, values):
            self.found.append(f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                for url in value.split(",") if name == "srcset" else [value]:
                    if url_scheme(url) not in SAFE_SCHEMES:
                        self.found.append(f"<{tag} {name}={url.strip()[:60]!r}>")
        fetched = values.get(FETCHED.get(tag, ""), "")
        if tag == "source" and not fetched:  # <picture><source srcset="a.svg, b.svg 2x">
            fetched = next(
                (u for u in addresses("srcset", values.get("srcset", "")) if is_remote(u)), ""
            )
        if tag == "link" and FETCHED_LINKS.intersection(values.get("rel", "").lower().split()):
            fetched = values.get("href", "")
        if fetched and is_remote(fetched) and not fetched.startswith(self.site_url):
            self.found.append(f"<{tag}> loads {fetched[:80]!r} from another site")
        if tag == "script" and DATA_BLOCK.search(values.get("type", "")):
            self.block = ""

    def handle_data(self, data: str) -> None:
        if self.block is not None:
            self.block += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.block is not None:
            if re.search(r"[<>\u2028\u2029]", self.block):
                self.found.append("a data block holds an unescaped '<', '>' or line separator")
            self.block = None


def audit_html(html: str, site_url: str = "") -> list[str]:
    """What in one page a browser could run or fetch from another site."""
    reader = _Page(site_url)
    reader.feed(html)
    reader.close()
    found = reader.found
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    if policy is None:
        return [*found, "no Content-Security-Policy"]
    allowed = set(re.findall(r"'sha256-[^']+'", policy[1]))
    if "'unsafe-inline'" in policy[1].split("script-src", 1)[-1].split(";")[0]:
        found.append("the policy allows inline scripts")
    found += [
        f"an inline script the policy does not allow ({digest})"
        for digest in inline_script_hashes(html)
        if digest not in allowed
    ]
    return found


def audit_site(site: Path, site_url: str = "") -> list[str]:
    """``path: what`` for every output file of ``site`` that breaks the allowlist."""
    problems = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        where = path.relative_to(site).as_posix()
        if path.is_symlink():
            problems.append(f"{where}: a symbolic link")
        elif path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{where}: {what}" for what in audit_html(text, site_url)]
        elif path.suffix == ".svg":
            problems += [
                f"{where}: {p.message}" for p in clean_svg(path.read_bytes(), where).problems
            ]
        elif not (publishable(path.name) or path.suffix in OWN_TYPES):
            problems.append(f"{where}: a file of type {path.suffix or '(none)'}")
    return problems
