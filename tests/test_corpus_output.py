"""The hostile corpus built into a site and a PDF: nothing runnable, nothing from elsewhere.

The check stops ``briefkit build`` on every one of these inputs; but MkDocs
itself (``mkdocs build``, ``mkdocs serve``) still builds them, and a mistake
in the check must not publish anything. So every hostile page, figure, file,
front-matter and ``.bib`` value of the corpus goes into one tiny brief, which
plain MkDocs builds (not strict) with the generator's plugin and extensions;
then every output is read back: pages (and their JSON-LD), the search index,
the cite files, the copied files and SVGs, and the PDF.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path

import bibtexparser
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from briefkit.content.svg_figures import clean_svg
from briefkit.core.editions import load_publication
from briefkit.site.audit import audit_html, audit_site
from briefkit.site.search import index_site
from tests.corpus_cases import EXECUTABLE, REMOTE, SVG_CASES
from tests.tinybrief import FILES, RUCHES, write_brief

TITLE = '<script>alert("t")</script><!--<script>'
BIB_TITLE = "</script><script>alert('b')</script>\u2028<!"


def hostile_brief(root: Path) -> Path:
    """Every hostile page snippet, figure and file of the corpus in one brief."""
    snippets = [text for case in EXECUTABLE + REMOTE for text in _snippets(case)]
    figures = {f"docs/fr/assets/f{i}.svg": case.changes[next(iter(case.changes))]
               for i, case in enumerate(SVG_CASES)}  # fmt: skip
    shown = "\n\n".join(f"![figure {i}](assets/f{i}.svg)" for i in range(len(SVG_CASES)))
    page = RUCHES.replace("title: Les ruches", f"title: {json.dumps(TITLE)}")
    # One page per snippet: an unclosed element of one cannot turn the next into text.
    pages = {
        f"docs/fr/h{i}.md": f"---\ntitle: H{i}\ndescription: Cas {i}.\n---\n\n{text}\n"
        for i, text in enumerate(snippets)
    }
    changes: dict[str, str | bytes | None] = {
        **pages,
        "docs/fr/ruches.md": page + "\n" + shown + "\n",
        "docs/fr/evil.html": "<script>alert('html')</script>",
        "docs/fr/assets/evil.js": "alert('js')",
        "bib/sources.bib": str(FILES["bib/sources.bib"]).replace(
            "{{Les essaims perdus du plateau}}", "{{" + BIB_TITLE + "}}"
        ),
        **figures,
    }
    write_brief(root, changes)
    os.symlink("/etc/passwd", root / "docs/fr/assets/passwd.txt")
    os.symlink("/etc", root / "docs/fr/etc")
    return root


def _snippets(case: object) -> list[str]:
    changes = getattr(case, "changes", {})
    text = changes.get("docs/fr/ruches.md")
    return [text.removeprefix(RUCHES).strip()] if isinstance(text, str) else []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_brief(tmp_path_factory.mktemp("hostile-output") / "brief")
    config = load_config(str(root / "mkdocs.yml"), strict=False)
    mkdocs_build(config)
    index_site(load_publication(root), root / "site")
    return root


def test_no_output_holds_anything_runnable_or_remote(built: Path) -> None:
    site = built / "site"
    assert (site / "ruches" / "index.html").is_file()
    assert audit_site(site, "https://example.org/ruches/") == []


def test_the_page_text_is_there_and_its_markup_is_gone(built: Path) -> None:
    html = (built / "site" / "ruches" / "index.html").read_text(encoding="utf-8")
    assert "a vidé un tiers des ruches" in html
    pages = sorted((built / "site").glob("h*/index.html"))
    assert len(pages) == sum(len(_snippets(case)) for case in EXECUTABLE + REMOTE) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        assert audit_html(article) == ["no Content-Security-Policy"]  # the page's is outside
        for marker in ("<script", "<iframe", "<form", "<object", "<embed", "<base", " on"):
            assert marker not in article, (page, marker)
        assert not re.search(r'(src|href)="[^"]*evil\.example/(p|x)', article), page


def test_json_ld_holds_hostile_values_as_strings(built: Path) -> None:
    for page in (built / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in block and "\u2028" not in block
            data = json.loads(block)
            if page.parent.name == "ruches":
                assert data["headline"] == TITLE
                assert BIB_TITLE in [work["name"] for work in data["citation"]]


def test_only_the_brief_s_own_files_are_copied_and_svgs_are_clean(built: Path) -> None:
    site = built / "site"
    assert not (site / "evil.html").exists() and not (site / "assets" / "evil.js").exists()
    assert not (site / "assets" / "passwd.txt").exists() and not (site / "etc").exists()
    svgs = sorted((site / "assets").glob("f*.svg"))
    published = {p.name for p in svgs}
    for path in svgs:
        data = path.read_bytes()
        assert clean_svg(data, path.name).problems == []
        assert b"<script" not in data and b"javascript:" not in data and b"evil.example" not in data
    assert "f0.svg" in published  # a cleaned figure is published; refused ones are not
    assert "f5.svg" not in published  # the billion laughs


def test_the_search_index_holds_no_markup_or_address_from_the_corpus(built: Path) -> None:
    fragments = sorted((built / "site" / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    for path in fragments:
        data = json.loads(zlib.decompress(path.read_bytes(), 16 + zlib.MAX_WBITS)[12:])
        # Text stays text (the search script escapes it); no address leads anywhere else.
        assert not data["url"].startswith(("javascript:", "data:", "//", "http"))
        assert all(not str(a.get("id", "")).startswith("javascript") for a in data["anchors"])


def test_cite_files_read_back(built: Path) -> None:
    site = built / "site"
    library = bibtexparser.parse_string((site / "brief-fr.bib").read_text("utf-8"))
    assert not library.failed_blocks and len(library.entries) == 1
    (item,) = json.loads((site / "brief-fr.json").read_text("utf-8"))
    assert item["title"] == "Les ruches de Valdrenne"


@pytest.mark.slow
def test_the_pdf_of_the_hostile_brief_has_no_action_but_links(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib
    import datetime as dt

    from pypdf import PdfReader

    import briefkit.pdf.print_tree
    from briefkit.assembly.assemble import assemble
    from briefkit.core.htmltree import parse_html
    from briefkit.pdf.export import compile_pdf
    from briefkit.pdf.print_tree import convert_pages
    from briefkit.pdf.typst_document import Typeset, font_settings

    # The export refuses this brief (its problems are errors): print it anyway.
    monkeypatch.setattr(briefkit.pdf.print_tree, "collect", lambda: contextlib.nullcontext([]))
    publication = load_publication(built)
    assembled = assemble(publication.main)
    pages = convert_pages(assembled)
    trees = [parse_html(page.body) for page in pages]
    typeset = Typeset(assembled, pages, trees, font_settings(assembled))
    pdf, _ = compile_pdf(typeset, dt.datetime(2024, 5, 2, tzinfo=dt.UTC))
    for marker in (b"/JavaScript", b"/JS ", b"/Launch", b"/SubmitForm", b"/EmbeddedFile"):
        assert marker not in pdf
    reader = PdfReader(__import__("io").BytesIO(pdf))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                assert str(action["/URI"]).startswith(("https://", "http://", "mailto:"))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "essaimage" in text  # hostile values print as text; no action, no file from elsewhere
