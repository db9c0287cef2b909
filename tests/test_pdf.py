"""The PDFs: page-bottom notes, fonts, metadata, outline, table of contents."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefkit.commands.build import build_all
from tests.conftest import ROOT

SECTIONS = {
    "fr": ["La rencontre de Vostotchny", "Un partenariat inégal", "Attendre et observer"],
    "en": ["The Vostochny meeting", "An unequal partnership", "Watching and waiting"],
}


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole publication, PDFs included, as the README's build makes it."""
    target = tmp_path_factory.mktemp("full") / "site"
    build_all(ROOT, target, with_pdf=True)
    return target


def pdftotext(pdf: Path, page: int) -> str:
    """One page's text as poppler lays it out (one line per printed line)."""
    command = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_path(site: Path, lang: str) -> Path:
    return site / ("" if lang == "fr" else lang) / f"brief-{lang}.pdf"


def sized_segments(page: object) -> list[tuple[float, str]]:
    """(font size, text) of every text run on a PDF page."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if text.strip():
            runs.append((round(size, 2), text.replace("\x00", "")))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return runs


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_both_pdfs_exist_and_each_site_links_to_its_own(full_site: Path, lang: str) -> None:
    pdf = pdf_path(full_site, lang)
    assert pdf.read_bytes().startswith(b"%PDF-")
    home = (pdf.parent / "index.html").read_text(encoding="utf-8")
    assert f'href="./brief-{lang}.pdf"' in home or f'href="brief-{lang}.pdf"' in home


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_note_is_on_the_page_of_its_call(full_site: Path, lang: str) -> None:
    reader = PdfReader(pdf_path(full_site, lang))
    checked = 0
    for number, page in enumerate(reader.pages, 1):
        runs = sized_segments(page)
        if not runs:
            continue
        # Calls are the page's smallest text; each note starts with its marker "N.\u00a0".
        smallest = min(size for size, _ in runs)
        calls = sorted(int(t) for s, t in runs if s == smallest and t.strip().isdigit())
        notes = sorted(int(m[1]) for _, t in runs if (m := re.match(r"(\d+)\.\u00a0", t)))
        assert calls == notes, f"page {number}: calls {calls}, notes {notes}"
        checked += len(calls)
    assert checked >= 20


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_web_only_glyphs(full_site: Path, lang: str) -> None:
    pdf = pdf_path(full_site, lang)
    text = "".join(pdftotext(pdf, n) for n in range(1, len(PdfReader(pdf).pages) + 1))
    assert "↩" not in text
    assert "[@" not in text and "[BIBLIOGRAPHY]" not in text and "[GLOSSARY]" not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_all_fonts_are_embedded_configured_fonts(full_site: Path, lang: str) -> None:
    listing = subprocess.run(
        ["pdffonts", str(pdf_path(full_site, lang))], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for row in listing:
        # The book face, and the Hangul fallback (pdf_fonts in mkdocs.yml): nothing else.
        assert "Libertine" in row or "LexiSaebom" in row, row
        assert row.split()[-5] == "yes", f"not embedded: {row}"
    assert any("LexiSaebom" in row for row in listing)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_korean_names_are_printed(full_site: Path, lang: str) -> None:
    pdf = pdf_path(full_site, lang)
    text = "".join(pdftotext(pdf, n) for n in range(1, len(PdfReader(pdf).pages) + 1))
    compact = "".join(text.split())  # Korean lines may break between any two syllables
    for name in ("화성포-18형", "초대형방사포", "캠프데이비드정신"):
        assert name in compact


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_metadata_and_language(full_site: Path, lang: str) -> None:
    reader = PdfReader(pdf_path(full_site, lang))
    meta = reader.metadata
    assert meta is not None
    assert meta.title and meta.title.startswith(("De Pyongyang", "From Pyongyang"))
    assert meta.author == "Tom Dash"
    assert meta.subject and len(meta.subject) > 40
    assert "Russi" in str(meta.get("/Keywords"))
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert meta.creation_date is not None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_outline_lists_the_sections(full_site: Path, lang: str) -> None:
    reader = PdfReader(pdf_path(full_site, lang))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for section in SECTIONS[lang]:
        assert section in titles


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_table_of_contents_page_numbers_match(full_site: Path, lang: str) -> None:
    reader = PdfReader(pdf_path(full_site, lang))
    toc = pdftotext(pdf_path(full_site, lang), 2)
    entries = re.findall(r"^(.+?)[ .]*?(\d+)$", toc, re.M)
    numbers = {title.strip(" ."): int(n) for title, n in entries}
    for section in SECTIONS[lang]:
        page = reader.pages[numbers[section] - 1]
        heading_size = max(size for size, _ in sized_segments(page))
        headings = "".join(t for s, t in sized_segments(page) if s == heading_size)
        assert section in headings, (section, numbers[section], headings)


@pytest.mark.parametrize(
    ("lang", "label", "legend"), [("fr", "Figure 1 – ", "Légende"), ("en", "Figure 1: ", "Key")]
)
def test_the_route_map_is_printed_with_its_caption(
    full_site: Path, lang: str, label: str, legend: str
) -> None:
    pdf = pdf_path(full_site, lang)
    pages = [pdftotext(pdf, n) for n in range(1, len(PdfReader(pdf).pages) + 1)]
    [page] = [text for text in pages if label in text]
    assert legend in page and "Tikhoretsk" in page  # the SVG's own labels: the map is drawn


@pytest.mark.parametrize(
    ("lang", "terms"),
    [("fr", ["Camp David", "Hwasong-18", "KN-25", "Quad"]), ("en", ["Camp David", "Quad"])],
)
def test_contents_list_sections_and_glossary_terms_with_their_pages(
    full_site: Path, lang: str, terms: list[str]
) -> None:
    pdf = pdf_path(full_site, lang)
    toc = pdftotext(pdf, 2)
    entries = dict((t.strip(" ."), int(n)) for t, n in re.findall(r"^(.+?)[ .]*?(\d+)$", toc, re.M))
    indented = {t.strip(" .") for t in re.findall(r"^\s{2,}(\S.+?)[ .]*?\d+$", toc, re.M)}
    for term in terms:
        assert term in indented  # under the glossary, one level down
        assert term in pdftotext(pdf, entries[term]).split("\n", 3)[3]  # below the running head


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Édition du 2 décembre 2026", "français", "Note d’analyse · édition bilingue"]),
        ("en", ["This edition: 2 December 2026", "English", "Analytical brief · bilingual"]),
    ],
)
def test_the_cover_gives_date_language_and_publisher(
    full_site: Path, lang: str, words: list[str]
) -> None:
    cover = " ".join(pdftotext(pdf_path(full_site, lang), 1).split())
    for word in words:
        assert word in cover


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tagged_pdf_ua(full_site: Path, lang: str) -> None:
    reader = PdfReader(pdf_path(full_site, lang))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp and ">1<" in xmp.split("pdfuaid:part", 1)[1][:40]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bookmarks_nest_glossary_terms_under_the_glossary(full_site: Path, lang: str) -> None:
    outline = PdfReader(pdf_path(full_site, lang)).outline
    titles = [item.title if not isinstance(item, list) else None for item in outline]
    glossary = titles.index("Glossaire" if lang == "fr" else "Glossary")
    terms = [child.title for child in outline[glossary + 1] if not isinstance(child, list)]
    assert "Quad" in terms and "Camp David" in terms


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_map_stays_vector(full_site: Path, lang: str) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf_path(full_site, lang))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert listing[2:] == []  # no raster image: the SVG is drawn as paths and text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_xmp_says_what_the_sites_scholarly_tags_say(full_site: Path, lang: str) -> None:
    from tests.test_scholar import meta_tags, named

    pdf = pdf_path(full_site, lang)
    xmp = PdfReader(pdf).xmp_metadata
    tags = meta_tags(pdf.parent / "index.html").tags
    assert xmp is not None
    assert xmp.dc_title == {"x-default": named(tags, "DC.title")[0]}
    assert xmp.dc_creator == ["Tom Dash"] and named(tags, "DC.creator") == ["Dash, Tom"]
    assert [d.date().isoformat() for d in xmp.dc_date] == named(tags, "DC.date")
    assert xmp.dc_language == named(tags, "DC.language") == [lang]
    assert xmp.dc_publisher == named(tags, "DC.publisher") != []
