"""The hostile and faulty corpus: inputs a stranger or an unlucky editor could send.

Each case is a few files of the tiny brief (``tests/tinybrief.py``) changed,
and the messages the check must print, each at its ``file:line``.
``test_corpus_check`` runs them through the check; ``test_corpus_output``
builds the hostile ones into a site and reads every output back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.tinybrief import FILES, RUCHES

PAGE = "docs/fr/ruches.md"
BIB = "bib/sources.bib"
HOME = "docs/fr/index.md"


@dataclass(frozen=True)
class Expect:
    """A message expected at the first line of ``path`` holding ``at`` (or line ``at``)."""

    path: str
    at: str | int
    says: str  # a piece of the message
    severity: str = "error"


@dataclass(frozen=True)
class Case:
    name: str
    changes: dict[str, str | bytes | None]
    expect: tuple[Expect, ...] = ()
    setup: Callable[[Path], None] | None = None


def body(text: str) -> dict[str, str | bytes | None]:
    """The section page with ``text`` as a paragraph of its own at its end."""
    return {PAGE: RUCHES + "\n" + text + "\n"}


def html(text: str, at: str, says: str) -> Case:
    return Case(text[:40], body(text), (Expect(PAGE, at, says),))


def bib_with(old: str, new: str) -> dict[str, str | bytes | None]:
    source = str(FILES[BIB])
    assert old in source
    return {BIB: source.replace(old, new, 1)}


def home_with(old: str, new: str) -> dict[str, str | bytes | None]:
    source = str(FILES[HOME])
    assert old in source
    return {HOME: source.replace(old, new, 1)}


def svg(text: str) -> dict[str, str | bytes | None]:
    return {"docs/fr/assets/carte.svg": text}


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
FIGURE = "docs/fr/assets/carte.svg"
NOT_PUBLISHED = "is not published"


def link(path: str, target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / path)

    return make


EXECUTABLE = [
    html("<script>alert(1)</script>", "<script", "raw HTML <script> is not published"),
    html('<iframe src="https://evil.example/"></iframe>', "<iframe", "raw HTML <iframe>"),
    html('<img src="assets/carte.svg" alt="c" onerror="alert(1)">', "onerror", "event handler"),
    html('<form action="https://evil.example/"><input name="q"></form>', "<form", "<form>"),
    html('<object data="assets/carte.svg"></object>', "<object", "raw HTML <object>"),
    html('<embed src="assets/carte.svg">', "<embed", "raw HTML <embed>"),
    html('<base href="https://evil.example/">', "<base", "raw HTML <base>"),
    html('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta", "<meta>"),
    html('<link rel="stylesheet" href="https://evil.example/x.css">', "<link", "<link>"),
    html("<style>body{background:url(https://evil.example/)}</style>", "<style", "<style>"),
    html('<svg onload="alert(1)"><circle r="3"/></svg>', "<svg", "raw HTML <svg>"),
    html('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "<math", "<math>"),
    html("<details open ontoggle=alert(1)>x</details>", "ontoggle", "event handler 'ontoggle'"),
    html('<video><source src="x.mp4" onerror="alert(1)"></video>', "<video", "<video>"),
    html('<p style="position:fixed;top:0">x</p>', "position", "style 'position'"),
    html('<a href="#" style="background:url(https://e.example/)">x</a>', "background", "style"),
    html(
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "<noscript", "<noscript>"
    ),
    html('<a href="&#106;avascript:alert(1)">x</a>', "avascript", "'javascript:' address"),
    html("<textarea>x</textarea><button>y</button>", "<textarea", "<textarea>"),
    html('<p data-md-component="x">x</p>', "data-md", "attribute 'data-md-component'"),
    html("[clic](javascript:alert(1))", "javascript:", "'javascript:' address in <a href>"),
    html("[clic](JaVaScRiPt:alert(1))", "JaVaScRiPt", "'javascript:' address"),
    html('<a href="java&#9;script:alert(1)">x</a>', "java&#9;", "'javascript:' address"),
    html('<a href=" &#10;javascript:alert(1)">x</a>', "&#10;", "'javascript:' address"),
    html("[clic](data:text/html;base64,PHNjcmlwdD4=)", "data:", "'data:' address"),
    html("[clic](vbscript:msgbox(1))", "vbscript:", "'vbscript:' address"),
    html("![x](javascript:alert(1))", "javascript:", "'javascript:' address in <img src>"),
    html("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data:", "'data:' address in <img src>"),
    html('Texte soigné.\n{: onclick="alert(1)" }', "onclick", "event handler 'onclick'"),
    html("## Titre { onmouseover=alert(1) }", "onmouseover", "event handler 'onmouseover'"),
    html("Un [lien][r].\n\n[r]: javascript:alert(1)", "javascript:", "'javascript:' address"),
    html("Fait ^[ed: <script>alert(1)</script>].", "<script", "raw HTML <script>"),
    html("Fait ^[ed: voir [ici](javascript:alert(1))].", "javascript:", "'javascript:'"),
    html("Fait[^n].\n\n[^n]: <img src=x onerror=alert(1)>", "onerror", "event handler"),
    html('!!! note "<img src=x onerror=alert(1)>"\n    Texte.', "onerror", "event handler"),
    html("| a |\n|---|\n| <script>alert(1)</script> |", "<script", "raw HTML <script>"),
    html("# Titre <img src=x onerror=alert(1)>", "onerror", "event handler 'onerror'"),
    html("<custom-element>x</custom-element>", "<custom", "raw HTML <custom-element>"),
    Case(
        "bib url javascript",
        bib_with("https://example.org/valdrenne/essaims", "javascript:alert(1)"),
        (Expect(BIB, "javascript:", "unsafe url in"),),
    ),
]

REMOTE = [
    html("![ruche](https://evil.example/pixel.png)", "evil.example", "from another site"),
    html("![ruche](//evil.example/pixel.png)", "evil.example", "from another site"),
    html('<img src="https://evil.example/p.png" alt="p">', "evil.example", "from another site"),
    html('<img src="http:evil.example/p.png" alt="p">', "evil.example", "from another site"),
    Case(
        "svg remote image",
        svg(SVG_OPEN + '<image href="https://evil.example/x.png"/></svg>'),
        (Expect(FIGURE, 1, "the address 'https://evil.example/x.png' of <image> removed"),),
    ),
    Case(
        "svg css import",
        svg(SVG_OPEN + "<style>@import url(https://evil.example/x.css);</style></svg>"),
        (Expect(FIGURE, 1, "a <style> rule removed"),),
    ),
    Case(
        "svg remote fill",
        svg(SVG_OPEN + '<rect fill="url(https://evil.example/p#a)" width="3"/></svg>'),
        (Expect(FIGURE, 1, "'fill' on <rect> removed"),),
    ),
    Case(
        "svg external use",
        svg(SVG_OPEN + '<use href="https://evil.example/s.svg#a"/></svg>'),
        (Expect(FIGURE, 1, "of <use> removed"),),
    ),
]

SVG_CASES = [
    Case(
        "svg script",
        svg(SVG_OPEN + "<script>alert(1)</script></svg>"),
        (Expect(FIGURE, 1, "<script> removed from the SVG figure"),),
    ),
    Case(
        "svg onload",
        svg(SVG_OPEN.replace(">", ' onload="alert(1)">', 1) + "</svg>"),
        (Expect(FIGURE, 1, "event handler 'onload' on <svg> removed"),),
    ),
    Case(
        "svg foreignObject",
        svg(SVG_OPEN + "<foreignObject><p>x</p></foreignObject></svg>"),
        (Expect(FIGURE, 1, "<foreignObject> removed"),),
    ),
    Case(
        "svg javascript link",
        svg(SVG_OPEN + '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
        (Expect(FIGURE, 1, "the address 'javascript:alert(1)' of <a> removed"),),
    ),
    Case(
        "svg animation rewriting a link",
        svg(
            SVG_OPEN + '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>'
        ),
        (Expect(FIGURE, 1, "<set> removed"),),
    ),
    Case(
        "svg billion laughs",
        svg(
            '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            + SVG_OPEN
            + "<text>&b;</text></svg>"
        ),
        (Expect(FIGURE, 1, "may not hold a DOCTYPE, entities or external references"),),
    ),
    Case(
        "svg external entity",
        svg(
            '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + SVG_OPEN
            + "<text>&x;</text></svg>"
        ),
        (Expect(FIGURE, 1, "may not hold a DOCTYPE"),),
    ),
    Case(
        "svg malformed",
        svg(SVG_OPEN + "<rect></svg>"),
        (Expect(FIGURE, 1, "not a well-formed SVG file"),),
    ),
    Case(
        "svg that is html",
        svg("<html><body><script>alert(1)</script></body></html>"),
        (Expect(FIGURE, 1, "not an SVG drawing"),),
    ),
    Case(
        "svg xhtml script",
        svg(
            SVG_OPEN + '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>'
        ),
        (Expect(FIGURE, 1, "<script> removed"),),
    ),
]

FILES_CASES = [
    Case(
        "html file",
        {"docs/fr/evil.html": "<script>alert(1)</script>"},
        (Expect("docs/fr/evil.html", 1, "files of type .html are not published"),),
    ),
    Case(
        "js file",
        {"docs/fr/assets/evil.js": "alert(1)"},
        (Expect("docs/fr/assets/evil.js", 1, "files of type .js are not published"),),
    ),
    Case(
        "xml file",
        {"docs/fr/data.xml": "<x/>"},
        (Expect("docs/fr/data.xml", 1, "files of type .xml"),),
    ),
    Case(
        "file without ending",
        {"docs/fr/LISEZMOI": "x"},
        (Expect("docs/fr/LISEZMOI", 1, "files of type (no ending)"),),
    ),
    Case(
        "symlink to passwd",
        {},
        (Expect("docs/fr/assets/passwd.txt", 1, "symbolic link to '/etc/passwd'"),),
        setup=link("docs/fr/assets/passwd.txt", "/etc/passwd"),
    ),
    Case(
        "symlinked folder",
        {},
        (Expect("docs/fr/etc", 1, "symbolic link to '/etc'"),),
        setup=link("docs/fr/etc", "/etc"),
    ),
    Case(
        "symlinked page",
        {},
        (Expect("docs/fr/alias.md", 1, "symbolic link to 'ruches.md'"),),
        setup=link("docs/fr/alias.md", "ruches.md"),
    ),
    Case(
        "symlinked bib",
        {},
        (Expect("bib/passwd.bib", 1, "symbolic link: not read"),),
        setup=link("bib/passwd.bib", "/etc/passwd"),
    ),
    Case(
        "image climbing out",
        {**body("![secret](../../secret.png)"), "secret.png": b"\x89PNG\r\n\x1a\n"},
        (Expect(PAGE, "../../secret.png", "leads out of docs/fr"),),
    ),
    Case(
        "link climbing out",
        body("[config](../../mkdocs.yml)"),
        (Expect(PAGE, "../../mkdocs.yml", "leads out of docs/fr"),),
    ),
    Case(
        "image from the root",
        body("![passwd](/etc/passwd)"),
        (Expect(PAGE, "/etc/passwd", "leads out of docs/fr"),),
    ),
    Case(
        "file name with an override",
        {"docs/fr/assets/\u202egnp.svg": str(FILES["docs/fr/assets/carte.svg"])},
        (Expect("docs/fr/assets/\u202egnp.svg", 1, "the file's name holds U+202E"),),
    ),
]

OUTPUT_DIR = [
    Case(
        "site_dir is docs",
        {"mkdocs.yml": str(FILES["mkdocs.yml"]).replace("site_dir: site", "site_dir: docs")},
        (Expect("mkdocs.yml", "site_dir", "holds the sources in docs/fr"),),
    ),
    Case(
        "site_dir is the root",
        {"mkdocs.yml": str(FILES["mkdocs.yml"]).replace("site_dir: site", "site_dir: .")},
        (Expect("mkdocs.yml", "site_dir", "would replace the project's folder"),),
    ),
    Case(
        "site_dir in bib",
        {"mkdocs.yml": str(FILES["mkdocs.yml"]).replace("site_dir: site", "site_dir: bib/out")},
        (Expect("mkdocs.yml", "site_dir", "is inside the sources in bib"),),
    ),
]


def _bomb(levels: int = 6) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines)


def _strings(levels: int = 30) -> str:
    chain = ['@string{s0 = "' + "x" * 64 + '"}']
    chain += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, levels)]
    return "\n".join(chain) + f"\n@misc{{longue, title = s{levels - 1}}}\n"


def _nested(levels: int) -> str:
    return "\n".join("    " * i + f"- niveau {i}" for i in range(levels))


EXHAUSTION = [
    Case(
        "yaml alias bomb",
        home_with("author: ", _bomb() + "\nauthor: "),
        (Expect(HOME, "a3:", "its aliases expand to more than 10000 values"),),
    ),
    Case(
        "yaml recursive alias",
        home_with("author: ", "boucle: &b [*b]\nauthor: "),
        (Expect(HOME, "boucle", "front matter is not valid YAML"),),
    ),
    Case(
        "yaml deep nesting",
        home_with("author: ", "profond: " + "[" * 80 + "]" * 80 + "\nauthor: "),
        (Expect(HOME, "profond", "nested more than 64 levels deep"),),
    ),
    Case(
        "string doubling chain",
        {BIB: str(FILES[BIB]) + _strings()},
        # a reading problem of a source nobody cites: a warning (BibTeX's and biber's severities)
        (Expect(BIB, "@string{s11 ", "expands to more than 100,000 characters", "warning"),),
    ),
    Case(
        "200 nested list levels",
        body(_nested(200)),
        (Expect(PAGE, " " * 20 + "- niveau", "nests blocks more than 40 levels deep"),),
    ),
]

TEXT = [
    Case("crlf", {p: str(t).replace("\n", "\r\n") for p, t in FILES.items() if p.endswith(".md")}),
    Case("cr only", {p: str(t).replace("\n", "\r") for p, t in FILES.items() if p.endswith(".md")}),
    Case("bom", {p: "\ufeff" + str(t) for p, t in FILES.items() if p.endswith((".md", ".bib"))}),
    Case("crlf bib", {BIB: str(FILES[BIB]).replace("\n", "\r\n")}),
    Case(
        "latin-1 page",
        {PAGE: RUCHES.replace("vidé", "vid\xe9").encode("latin-1", errors="replace")},
        (Expect(PAGE, "description", "not UTF-8 (byte 0xe9)"),),
    ),
    Case(
        "utf-16 page",
        {PAGE: RUCHES.encode("utf-16")},
        (Expect(PAGE, 1, "not UTF-8 (saved as UTF-16)"),),
    ),
    Case(
        "latin-1 bib",
        {BIB: str(FILES[BIB]).encode("latin-1", errors="replace")},
        (
            Expect(BIB, "Coop", "not UTF-8 (byte 0xe9)", "warning"),
            Expect(BIB, 1, "entry 'ccav2022bilan': not UTF-8 (byte 0xe9)"),  # cited: unusable
        ),
    ),
    Case("nul in text", body("Un octet nul\x00 ici."), (Expect(PAGE, "nul", "U+0000"),)),
    Case(
        "escape in title",
        {PAGE: RUCHES.replace("title: Les ruches", "title: Les \x1b[31mruches")},
        (Expect(PAGE, "title", "the front matter holds U+001B"),),
    ),
    Case(
        "override in title",
        {PAGE: RUCHES.replace("title: Les ruches", "title: Les \u202eruches")},
        (Expect(PAGE, "title", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),),
    ),
    Case(
        "isolate in bib title",
        bib_with("{{Les essaims", "{{\u2066Les\u2069 essaims"),
        (Expect(BIB, "essaims perdus", "entry 'morvan2021essaims' holds U+2066"),),
    ),
    Case(
        "override in bib key",
        {BIB: str(FILES[BIB]) + "\n@misc{cl\u00e9\u202e, title = {x}}\n"},
        (Expect(BIB, "@misc{cl", "U+202E"),),
    ),
    Case(
        "c1 control in bib",
        bib_with("Gazette", "Gaz\x85ette"),
        (Expect(BIB, "Gaz", "U+0085"),),
    ),
    Case(
        "override in text is a warning",
        body("Texte \u202dinversé\u202c ici."),
        (Expect(PAGE, "Texte", "the text holds U+202D", "warning"),),
    ),
    Case(
        "keys differing in case",
        {BIB: str(FILES[BIB]) + "\n@misc{CCAV2022bilan, title = {Autre}}\n"},
        (Expect(BIB, "CCAV2022bilan", "differ only in case", "warning"),),
    ),
]
