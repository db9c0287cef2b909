"""Hostile values in front matter and .bib files stay inert text in every output.

Each value below tries one way out of text: a script, an attribute breakout,
a ``javascript:`` link, an entity-encoded scheme, markup of the BibTeX and
RIS formats, a very long string. The brief is built with all of them and
every output is read back: HTML pages (and their JSON-LD), sitemaps, the
"cite this brief" files; a browser then opens every page and no dialog may
open. (The PDF's own test, with the PDF engine's syntax, is in test_pdf.)
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest

from briefkit.commands.build import build_all
from tests.browser import serve

TITLE = '<script>alert(1)</script>" onmouseover="alert(2)'
DESCRIPTION = '"><img src=x onerror=alert(3)> {\\bf } % # & ~ ^ $ _ \\\\ ]]>'
AUTHOR = "Ève </script><script>alert(4)</script> Mallory"
KEYWORDS = ["javascript:alert(5)", "&#106;avascript:alert(6)", "x" * 3000]
DEFINITION = "<img src=x onerror=alert(7)> défini"


def yaml_quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


def set_front_matter(page: Path, name: str, value: object) -> None:
    text = page.read_text(encoding="utf-8")
    line = f"{name}: {json.dumps(value, ensure_ascii=False)}"
    new, count = re.subn(rf"(?m)^{name}:.*$", lambda _: line, text, count=1)
    assert count == 1, (page, name)
    page.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import ROOT

    brief = tmp_path_factory.mktemp("hostile") / "brief"
    for name in ("docs", "bib"):
        shutil.copytree(ROOT / name, brief / name)
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, brief / config.name)
    for lang in ("fr", "en"):
        docs = brief / "docs" / lang
        set_front_matter(docs / "index.md", "title", TITLE)
        set_front_matter(docs / "index.md", "description", DESCRIPTION)
        set_front_matter(docs / "index.md", "author", AUTHOR)
        set_front_matter(docs / "index.md", "keywords", KEYWORDS)
        set_front_matter(docs / "auteur.md", "title", TITLE)
        term = docs / "glossaire" / "quad.md"
        text = term.read_text(encoding="utf-8")
        term.write_text(
            re.sub(
                r"(?m)^  definition:.*$",
                f"  definition: {yaml_quoted(DEFINITION)}",
                text,
                count=1,
            ),
            encoding="utf-8",
        )
    bib = brief / "bib" / "brief.bib"
    text = bib.read_text(encoding="utf-8")
    text = re.sub(
        r"(@\w+\{cha2023summit,\n(?:.*\n)*?  title = )\{.*\},",
        lambda m: m[1] + '{{<script>alert(8)</script> \\" onload=alert(9)}},',
        text,
        count=1,
    )
    bib.write_text(text, encoding="utf-8")
    site = brief / "site"
    build_all(brief, site, with_pdf=False, site_url="https://example.org/brief/")
    return site


class LiveMarkup(HTMLParser):
    """Elements and attributes the hostile values would have created, had they escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "script" and dict(attrs).get("type") != "application/ld+json":
            self.script = ""

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            if "alert(" in self.script:
                self.found.append(f"<script>{self.script[:40]}")
            self.script = None


def test_no_html_page_carries_live_markup_from_the_sources(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parser = LiveMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page


def test_json_ld_holds_the_values_as_strings(hostile_site: Path) -> None:
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</script" not in raw  # a string cannot close the script element
    data = json.loads(raw)
    assert data["isPartOf"]["name"] == TITLE
    assert data["author"]["name"] == AUTHOR
    assert KEYWORDS[0] in data["keywords"]


def test_sitemaps_are_well_formed(hostile_site: Path) -> None:
    import xml.etree.ElementTree as etree

    for sitemap in hostile_site.rglob("sitemap.xml"):
        etree.parse(sitemap)  # raises on any markup a value could have broken


@pytest.mark.parametrize("sub", ["", "en"])
def test_cite_files_read_back_as_the_same_text(hostile_site: Path, sub: str) -> None:
    folder = hostile_site / sub
    lang = "en" if sub else "fr"
    library = bibtexparser.parse_string((folder / f"brief-{lang}.bib").read_text("utf-8"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert re.fullmatch(r"[a-z0-9]+", entry.key)
    title = entry.fields_dict["title"].value
    assert title.count("{") == title.count("}")  # balanced: nothing leaks into other fields
    ris = (folder / f"brief-{lang}.ris").read_text("utf-8").splitlines()
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in ris)
    assert [line for line in ris if line.startswith("ER  -")] == [ris[-1]]
    (item,) = json.loads((folder / f"brief-{lang}.json").read_text("utf-8"))
    assert item["title"] == TITLE and item["abstract"] == DESCRIPTION


@pytest.mark.browser
def test_no_page_opens_a_dialog(hostile_site: Path, browser: object) -> None:
    dialogs: list[str] = []
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site.parent) as url:
        for page in sorted(hostile_site.rglob("*.html")):
            path = page.relative_to(hostile_site.parent).as_posix()
            tab.goto(url + path.removesuffix("index.html"))
            tab.mouse.move(200, 200)
            for link in tab.locator("a.brief-term, a.footnote-ref").all()[:3]:
                link.hover()
    context.close()
    assert dialogs == []


def test_scholarly_tags_hold_the_values_as_text(hostile_site: Path) -> None:
    from tests.test_scholar import meta_tags, named

    for page in (hostile_site / "index.html", hostile_site / "en" / "vostotchny" / "index.html"):
        tags = meta_tags(page).tags
        assert named(tags, "citation_title") == named(tags, "DC.title") == [TITLE]
        assert named(tags, "citation_abstract") == [DESCRIPTION]
        [author] = named(tags, "citation_author")
        assert "</script><script>alert(4)</script>" in author  # the name, as text
        references = named(tags, "citation_reference")
        assert any("<script>alert(8)</script>" in ref for ref in references)
