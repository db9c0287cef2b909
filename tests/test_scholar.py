"""Scholarly metadata: Highwire Press tags (Google Scholar's list), Dublin Core, the PDF's XMP."""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typst
from pypdf import PdfReader

from briefkit.bib.reader import Source
from briefkit.content.authors import author_names, brief_authors, sorted_form
from briefkit.pdf.xmp import Identity, with_identity
from briefkit.site.metadata import BriefInfo
from briefkit.site.scholar import dublin_core, highwire, reference_pairs, source_date

# Google Scholar's inclusion guidelines: dates "2010/5/12", or a year alone.
SCHOLAR_DATE = re.compile(r"\d{4}(/(1[0-2]|[1-9])/(3[01]|[12]\d|[1-9]))?\Z")
REQUIRED = ("citation_title", "citation_author", "citation_publication_date")
ONCE = (
    "citation_title", "citation_publication_date", "citation_online_date", "citation_language",
    "citation_pdf_url", "citation_technical_report_institution", "DC.title", "DC.date",
    "DC.language",
)  # fmt: skip
HOSTILE = 'Title "quoted" <script>alert(1)</script> & \x07bell'


class MetaTags(HTMLParser):
    """Every ``<meta name content>`` of a page's head, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name"):
            self.tags.append((values["name"] or "", values.get("content") or ""))
        if tag == "link" and values.get("rel"):
            self.links.append((values["rel"] or "", values.get("href") or ""))


def meta_tags(page: Path) -> MetaTags:
    parser = MetaTags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def info(**changes: object) -> BriefInfo:
    values: dict[str, object] = {
        "title": "A brief", "author": "Tom Dash", "date": dt.date(2026, 11, 7),
        "description": "What it says.", "keywords": ("one", "two"),
        "url": "https://example.org/brief/", "lang": "fr",
    }  # fmt: skip
    values.update(changes)
    return BriefInfo(**values)  # type: ignore[arg-type]


def named(tags: list[tuple[str, str]], name: str) -> list[str]:
    return [content for key, content in tags if key == name]


# --- Unit: the tags, made from values alone -----------------------------------------


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Tom Dash", ["Tom Dash"]),
        ("Tom Dash and Ann Bee", ["Tom Dash", "Ann Bee"]),
        (["Tom Dash", "van der Linden, Anna"], ["Tom Dash", "van der Linden, Anna"]),
        ("{Centre for Sea and Land Studies}", ["{Centre for Sea and Land Studies}"]),
        ("  ", []),
        (None, []),
        ("Tom {Dash", ["Tom {Dash"]),  # unbalanced: one name, never a traceback
    ],
)
def test_the_brief_names_its_authors_as_bibtex_reads_them(value: object, names: list[str]) -> None:
    assert author_names(value) == names


def test_each_author_gets_one_citation_author_in_the_guidelines_form() -> None:
    tags = highwire(info(author="Tom Dash and van der Linden, Anna and Bermudez, Jr., Joseph S."),
                    "Institute", "https://example.org/brief/brief-fr.pdf", [])  # fmt: skip
    assert named(tags, "citation_author") == [
        "Dash, Tom", "Linden, Anna van der", "Bermudez Jr., Joseph S."]  # fmt: skip
    assert named(dublin_core(info(author="Tom Dash and Ann Bee"), ""), "DC.creator") == [
        "Dash, Tom", "Bee, Ann"]  # fmt: skip


def test_dates_are_written_as_the_guidelines_show() -> None:
    tags = highwire(info(date=dt.date(2026, 1, 5)), "", "", [])
    assert named(tags, "citation_publication_date") == ["2026/1/5"]
    assert named(tags, "citation_online_date") == ["2026/1/5"]
    assert named(dublin_core(info(date=dt.date(2026, 1, 5)), ""), "DC.date") == ["2026-01-05"]


def test_a_report_names_its_institution_and_its_pdf() -> None:
    tags = dict(highwire(info(), "Institut X", "https://example.org/brief/brief-fr.pdf", []))
    assert tags["citation_technical_report_institution"] == "Institut X"
    assert tags["citation_pdf_url"] == "https://example.org/brief/brief-fr.pdf"
    assert tags["citation_language"] == "fr"
    no_publisher = dict(highwire(info(), "  ", "", []))
    assert "citation_technical_report_institution" not in no_publisher
    assert "citation_pdf_url" not in no_publisher


def test_hostile_values_stay_text_on_one_line() -> None:
    tags = highwire(info(title=HOSTILE, author="Evil\nName"), "Pub\r\n<b>", "", [])
    assert all("\n" not in v and "\x07" not in v and "\r" not in v for _, v in tags)
    assert named(tags, "citation_title") == ['Title "quoted" <script>alert(1)</script> & bell']


@pytest.mark.parametrize(
    ("fields", "date"),
    [
        ({"year": "2023"}, "2023"),
        ({"year": "2023", "month": "10"}, "2023"),  # no day: the year alone
        ({"year": "2023", "month": "10", "day": "23"}, "2023/10/23"),
        ({"year": "2023", "month": "23 10"}, "2023/10/23"),  # the reader's "day month"
        ({"year": "2023", "month": "2", "day": "30"}, "2023"),  # no such day
        ({"date": "2021-03-04/2021-03-06"}, "2021/3/4"),
        ({"date": "2021-03"}, "2021"),
        ({"date": "/2021-03-06"}, "2021/3/6"),
        ({"year": "1968–90"}, "1968"),
        ({"year": "n.d."}, ""),
        ({}, ""),
    ],
)
def test_a_cited_work_is_dated_in_the_guidelines_form(fields: dict[str, str], date: str) -> None:
    assert source_date(fields) == date
    assert date == "" or SCHOLAR_DATE.match(date)


def test_a_reference_carries_the_highwire_fields_of_its_type() -> None:
    people = {"author": brief_authors("Arzel, Maëlle and Le Goff, Yann and others")}
    article = Source("k", "article", {
        "title": "Les phares; état des lieux", "journaltitle": "Kerbrat Review", "volume": "12",
        "number": "3", "pages": "45--67", "year": "2019", "month": "10 1", "doi": "10.5555/x",
    }, people, "bib/x.bib", 1)  # fmt: skip
    assert reference_pairs(article) == [
        ("citation_title", "Les phares; état des lieux"),
        ("citation_author", "Arzel, Maëlle"), ("citation_author", "Le Goff, Yann"),
        ("citation_publication_date", "2019/1/10"),
        ("citation_journal_title", "Kerbrat Review"),
        ("citation_volume", "12"), ("citation_issue", "3"),
        ("citation_firstpage", "45"), ("citation_lastpage", "67"),
        ("citation_doi", "10.5555/x"),
    ]  # fmt: skip
    report = Source("r", "techreport", {"title": "T", "institution": "Inst", "number": "21-07",
                                        "year": "2021"}, {}, "bib/x.bib", 1)  # fmt: skip
    assert ("citation_technical_report_institution", "Inst") in reference_pairs(report)
    assert ("citation_technical_report_number", "21-07") in reference_pairs(report)
    thesis = Source("t", "phdthesis", {"title": "T", "school": "U"}, {}, "bib/x.bib", 1)
    assert ("citation_dissertation_institution", "U") in reference_pairs(thesis)


def test_a_semicolon_in_a_value_cannot_cut_the_reference_short() -> None:
    source = Source("k", "misc", {"title": "A; B=C"}, {}, "bib/x.bib", 1)
    [(_, content)] = highwire(info(), "", "", [source])[-1:]
    assert content == "citation_title=A, B=C"
    assert [pair.split("=", 1)[0] for pair in content.split("; ")] == ["citation_title"]


# --- The built site: every page, against the guidelines -------------------------------


def pages_of(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if "pagefind" not in p.parts]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_carries_the_highwire_tags_google_scholar_requires(
    site: Path, lang: str
) -> None:
    root = site if lang == "fr" else site / lang
    pages = [p for p in pages_of(root) if lang != "fr" or "en" not in p.relative_to(site).parts]
    assert len(pages) >= 11
    for page in pages:
        found = meta_tags(page)
        tags = found.tags
        where = page.relative_to(site)
        for name in REQUIRED:
            assert named(tags, name), (where, name)
        for name in ONCE:
            assert len(named(tags, name)) == 1, (where, name)
        assert named(tags, "citation_author") == ["Dash, Tom"], where
        assert named(tags, "DC.creator") == ["Dash, Tom"], where
        for name in ("citation_publication_date", "citation_online_date"):
            assert SCHOLAR_DATE.match(named(tags, name)[0]), (where, name)
        assert named(tags, "citation_publication_date") == ["2026/12/2"]
        assert named(tags, "DC.date") == ["2026-12-02"]
        assert named(tags, "citation_language") == named(tags, "DC.language") == [lang]
        pdf = named(tags, "citation_pdf_url")[0]
        assert pdf.startswith("http") and pdf.endswith(f"/brief-{lang}.pdf")
        references = named(tags, "citation_reference")
        home = page.parent == root
        cited = set(re.findall(r'data-cites="([^"]*)"', page.read_text(encoding="utf-8")))
        assert len(references) >= 30 if home else len(references) <= len(" ".join(cited).split())
        for ref in references:
            pairs = [pair.split("=", 1) for pair in ref.split("; ")]
            assert pairs[0][0] == "citation_title" and all(len(p) == 2 for p in pairs), ref
            assert all(p[0].startswith("citation_") for p in pairs), ref
            dates = [v for k, v in pairs if k == "citation_publication_date"]
            assert all(SCHOLAR_DATE.match(d) for d in dates), ref


def test_the_home_pages_references_are_the_bibliographys_works(site: Path) -> None:
    tags = meta_tags(site / "index.html").tags
    titles = [
        r.split("; ")[0].removeprefix("citation_title=") for r in named(tags, "citation_reference")
    ]
    assert "The Orient Express: North Korea’s Clandestine Supply Route to Russia" in titles
    bibliography = (site / "bibliographie" / "index.html").read_text(encoding="utf-8")
    assert bibliography.count('class="brief-entry"') == len(titles)


def test_a_section_refers_to_the_works_it_cites(site: Path) -> None:
    tags = meta_tags(site / "vostotchny" / "index.html").tags
    titles = [r.split("; ")[0] for r in named(tags, "citation_reference")]
    assert (
        "citation_title=The Orient Express: North Korea’s Clandestine Supply Route to Russia"
        in titles
    )
    assert not any("The Quad" in t for t in titles)  # a glossary source the section does not cite
    assert named(meta_tags(site / "auteur" / "index.html").tags, "citation_reference") == []


def test_the_home_pages_pdf_is_in_its_own_folder(site: Path) -> None:
    """Google Scholar takes a PDF from the folder of the page describing it."""
    for home, lang in ((site / "index.html", "fr"), (site / "en" / "index.html", "en")):
        [pdf] = named(meta_tags(home).tags, "citation_pdf_url")
        [url] = named(meta_tags(home).tags, "citation_abstract_html_url")
        assert pdf == url + f"brief-{lang}.pdf"


# --- The PDF's XMP ----------------------------------------------------------------------


def tiny_pdf(author: str = "Tom Dash") -> bytes:
    source = f'#set document(title: "T", author: "{author}")\n#set text(lang: "fr")\nHello\n'
    pdf = typst.compile(source.encode(), pdf_standards=["ua-1"])
    assert isinstance(pdf, bytes)
    return pdf


def test_the_xmp_carries_title_authors_date_language_and_publisher() -> None:
    identity = Identity(HOSTILE, ("Tom Dash", "Anna van der Linden"), dt.date(2026, 11, 27),
                        "pt-BR", "Institut <X> & \"Y\"")  # fmt: skip
    pdf = with_identity(tiny_pdf(), identity)
    xmp = PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": HOSTILE.replace("\x07", "")}  # XML has no bell
    assert xmp.dc_creator == ["Tom Dash", "Anna van der Linden"]
    assert xmp.dc_date == [dt.datetime(2026, 11, 27)]
    assert xmp.dc_language == ["pt-BR"]
    assert xmp.dc_publisher == ['Institut <X> & "Y"']
    raw = xmp.stream.get_data().decode()
    assert "pdfuaid:part" in raw and "<script>" not in raw  # Typst's PDF/UA mark kept, text escaped


def test_the_xmp_update_keeps_typsts_bytes_and_is_reproducible() -> None:
    pdf = tiny_pdf()
    identity = Identity("T", ("Tom Dash",), None, "fr", "")
    once, twice = with_identity(pdf, identity), with_identity(pdf, identity)
    assert once == twice and once.startswith(pdf)  # an incremental update
    xmp = PdfReader(io.BytesIO(once)).xmp_metadata
    assert xmp is not None and xmp.dc_date == [] and xmp.dc_publisher == []


def test_names_sort_as_bibtex_writes_them() -> None:
    assert [sorted_form(p) for p in brief_authors("Tom Dash and {The White House}")] == [
        "Dash, Tom", "The White House"]  # fmt: skip
