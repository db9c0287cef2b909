"""Tree -> Typst markup: nothing a page says can become Typst code.

The properties compile what the writer makes with the real compiler and read
the PDF back: text prints literally, attributes (URLs, ids, alt text, the
document's metadata) arrive as given, and only http(s) URLs become links.
"""

from __future__ import annotations

import html as html_text
import io
import string as ascii_text
from pathlib import Path
from urllib.parse import unquote

import pytest
import typst
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefkit.core.editions import Edition
from briefkit.core.htmltree import parse_html
from briefkit.pdf.fonts import FontSettings, typst_fonts
from briefkit.pdf.typst_document import TEMPLATE, Cover, front
from briefkit.pdf.typst_writer import TypstWriter, escape, label_name
from tests.conftest import ROOT

FONTS = FontSettings(
    (Path("/usr/share/fonts/opentype/linux-libertine"),), ("Linux Libertine O",), "mkdocs.yml"
)
PLAIN = TEMPLATE.read_text(encoding="utf-8") + (
    "#set page(width: 40cm, height: auto, margin: 1cm)\n"
    '#set text(font: "Linux Libertine O", lang: "en", hyphenate: false, ligatures: false)\n'
    '#set document(title: "t")\n'
)
HOSTILE = [
    '#read("/etc/passwd")',
    '#import "@preview/x:1.0.0": *',
    "$x^2$",
    "*bold* _it_ `raw` <label> @ref",
    "\\u{41} \\ \\\\ // line /* block */",
    "= heading\n- item\n+ item\n/ term: x\n1. one",
    "~ -- --- ... -? 'q' \"q\" https://example.org",
    "#{1 + 1}#[x]#(y)",
]
LATIN = ascii_text.ascii_letters + ascii_text.digits + ascii_text.punctuation + "àéçÉ«»’–—"
TEXT = st.text(st.sampled_from([*LATIN, " ", "\n", "\t"]), max_size=60)
ATTRIBUTE = st.text(st.sampled_from([*LATIN, " "]), min_size=1, max_size=40)


def compile_pdf(source: str, root: Path = ROOT, ua: bool = False) -> PdfReader:
    compiler = typst.Compiler(root=str(root), font_paths=typst_fonts(FONTS))
    standards = ["ua-1"] if ua else []
    pdf = compiler.compile(input=source.encode(), format="pdf", pdf_standards=standards)
    assert isinstance(pdf, bytes)
    return PdfReader(io.BytesIO(pdf))


def squeezed(text: str) -> str:
    return "".join(text.split())


def write(html: str, anchors: frozenset[str] = frozenset(), root: Path = ROOT) -> str:
    return TypstWriter(root, anchors).page(parse_html(html))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
@example("".join(HOSTILE))
@example("\\")
@example("a\u2028= b\u2029- c\x85+ d\x00e")
def test_text_prints_literally(text: str) -> None:
    reader = compile_pdf(PLAIN + escape(text))
    printed = "".join(page.extract_text() for page in reader.pages)
    expected = "".join(c for c in text if c.isprintable() or c.isspace())
    assert squeezed(printed) == squeezed(expected)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_inside_elements_prints_literally(hostile: str) -> None:
    text = html_text.escape(hostile)
    html = f"<h2>{text}</h2><p><em>{text}</em> <strong>{text}</strong></p>"
    html += f'<ul><li>{text}</li></ul><p class="{text}">{text}</p>'
    reader = compile_pdf(PLAIN + write(html))
    printed = squeezed(reader.pages[0].extract_text())
    assert printed.count(squeezed(hostile)) == 5


@settings(max_examples=30, deadline=None)
@given(ATTRIBUTE)
@example('x") #read("/etc/passwd") #("')
def test_link_urls_arrive_as_written(tail: str) -> None:
    url = "https://example.org/" + tail.replace(" ", "%20")
    html = f'<p><a href="{html_text.escape(url)}">go</a></p>'
    reader = compile_pdf(PLAIN + write(html))
    [annotation] = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert unquote(annotation["/A"]["/URI"]) == unquote(url)  # non-ASCII goes percent-encoded


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "file:///etc/passwd", "mailto:a@b.c", "data:text/html,x", "//x.org"],
)
def test_only_http_urls_become_links(href: str) -> None:
    markup = write(f'<p><a href="{href}">words</a></p>')
    assert "link" not in markup
    assert "words" in compile_pdf(PLAIN + markup).pages[0].extract_text()


@settings(max_examples=30, deadline=None)
@given(ATTRIBUTE)
@example('a"> <b-x> #panic()')
def test_any_id_is_a_label_that_links_resolve(anchor: str) -> None:
    html = f'<p id="{html_text.escape(anchor)}">here</p>'
    html += f'<p><a href="#{html_text.escape(anchor)}">go</a></p>'
    reader = compile_pdf(PLAIN + write(html, frozenset({anchor})))
    [annotation] = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert "/Dest" in annotation or annotation["/A"]["/S"] == "/GoTo"


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
def test_labels_are_one_per_id(one: str, other: str) -> None:
    assert (label_name(one) == label_name(other)) == (one == other)


def test_a_link_to_an_id_the_document_lacks_keeps_its_words() -> None:
    markup = write('<p><a href="#nowhere">words</a></p>')
    assert "link" not in markup and "words" in markup


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ATTRIBUTE)
@example('") #read("/etc/passwd") #("')
def test_alt_text_arrives_as_written(alt: str) -> None:
    svg = ROOT / "docs" / "fr" / "assets" / "route-map.svg"
    html = f'<figure><img alt="{html_text.escape(alt)}" '
    html += f'src="{svg.as_uri()}"/><figcaption>c</figcaption></figure>'
    reader = compile_pdf(PLAIN + write(html), ua=True)
    assert alt.strip() in alt_texts(reader.trailer["/Root"]["/StructTreeRoot"])


def alt_texts(node: object, seen: set[int] | None = None) -> list[str]:
    """Every /Alt of a structure tree."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if id(node) in seen:
        return []
    seen.add(id(node))
    found = []
    if isinstance(node, dict):
        found += [str(node["/Alt"])] if "/Alt" in node else []
        for key, value in node.items():
            if key not in ("/P", "/Pg", "/Parent"):
                found += alt_texts(value, seen)
    elif isinstance(node, list):
        for value in node:
            found += alt_texts(value, seen)
    return found


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<img alt="x" src="https://example.org/a.png">', "only files inside the brief"),
        ('<img alt="x" src="file:///etc/hosts">', "only files inside the brief"),
        (f'<img alt=" " src="{(ROOT / "docs/fr/assets/route-map.svg").as_uri()}">', "no alt"),
    ],
)
def test_images_outside_the_brief_or_without_alt_text_are_problems(html: str, problem: str) -> None:
    writer = TypstWriter(ROOT)
    assert "image" not in writer.page(parse_html(f"<p>{html}</p>"))
    [(name, message)] = writer.problems
    assert problem in message and name in html


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ATTRIBUTE, ATTRIBUTE, st.lists(ATTRIBUTE, max_size=3))
@example('T") #read("/etc/passwd") #("', "$a$ *b*", ["#x", "]"])
def test_metadata_arrives_as_written(title: str, author: str, keywords: list[str]) -> None:
    title, author = title.strip() or "t", author.strip() or "a"
    keywords = [k.strip() for k in keywords if k.strip()]
    edition = Edition("fr", ROOT / "mkdocs.yml", ROOT / "docs" / "fr", "", "http://x/", {})
    cover = Cover(title, author, title, keywords, [author], author, title, title)
    reader = compile_pdf(TEMPLATE.read_text() + front(edition, cover, FONTS), ua=True)
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (title, author, title)
    assert meta.get("/Keywords", "") == ", ".join(keywords)
    assert squeezed(title) in squeezed(reader.pages[0].extract_text())


def test_editors_notes_have_their_own_marks_and_style() -> None:
    html = (
        '<p>Text<span class="brief-note" id="p--fn:1">Author’s note.</span> and more'
        '<span class="brief-note brief-editor-note" id="p--ed:1" data-mark="a">'
        "N.d.É. The editors’ note.</span> then<span class='brief-note' id='p--fn:2'>Second."
        "</span></p>"
    )
    edition = Edition("fr", ROOT / "mkdocs.yml", ROOT / "docs" / "fr", "", "http://x/", {})
    cover = Cover("T", "A", "D", [], [], "Français", "P", "T")
    source = TEMPLATE.read_text() + front(edition, cover, FONTS) + "#pagebreak()\n" + write(html)
    page = compile_pdf(source).pages[-1]
    runs: list[tuple[float, str, str]] = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append(
            (round(size, 1), text, str(font.get("/BaseFont", "")) if font else "")
        )
    )
    calls = [text for size, text, _ in runs if size == 6.6]
    assert calls == ["1", "a", "2"]  # the author's numbers untouched by the editors' mark
    notes = "".join(text for size, text, _ in runs if size == 8.5 and "\n" not in text)
    assert "1.\xa0 Author’s note.a.\xa0 N.d.É. The editors’ note.2.\xa0 Second." in notes
    italic = {text.strip() for _, text, font in runs if "LinLibertineOI" in font}
    assert {"a", "N.d.É. The editors’ note."} <= italic
    assert not italic & {"1", "2", "Author’s note.", "Second."}
