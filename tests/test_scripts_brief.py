"""A brief in six languages and their scripts, made with ``briefkit new``: checked, built, read.

``briefkit new --languages en,ru,ko,ar,zh,ja``, then the real sentences and
sources of ``tests/fixtures/six_scripts`` over its pages: the check passes,
the build (sites, search, PDFs) passes, no page of a non-English edition
shows a word of English the brief itself does not hold, values of the other
direction are isolated on the web and in print, and no marker reaches a PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefkit.commands.build import build_all
from briefkit.commands.check import run_checks
from briefkit.commands.cli import main as cli
from briefkit.core.vocabulary import vocabulary

FIXTURE = Path(__file__).parent / "fixtures" / "six_scripts"
LANGUAGES = ["en", "ru", "ko", "ar", "zh", "ja"]
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Names, not English words: formats and the files' own names.
NAMES = {"PDF", "BibTeX", "RIS", "CSL-JSON", "CSL", "JSON", "http", "https", "brief"}
NAMES |= {"ISBN", "ISSN", "DOI"}  # identifiers' own names, the same in every language
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
# Not prose: scripts, styles, icons, and code (the cite files' BibTeX, RIS, CSL-JSON).
HIDDEN = ("script", "style", "svg", "template", "pre", "code")
URL = re.compile(r"https?://\S+")


class ShownText(HTMLParser):
    """What a reader sees or hears of a page: text, labels, titles, placeholders."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        values = dict(attrs)
        self.parts += [str(values[a]) for a in ATTRIBUTES if values.get(a)]

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def shown(path: Path) -> str:
    parser = ShownText()
    parser.feed(path.read_text(encoding="utf-8"))
    return URL.sub(" ", " ".join(parser.parts))


def own_words() -> set[str]:
    """Every Latin-letter word the brief itself holds (its sources, its pages)."""
    texts = [p.read_text(encoding="utf-8") for p in FIXTURE.rglob("*") if p.is_file()]
    return {w for text in texts for w in LATIN_WORD.findall(text)}


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scripts") / "brief"
    assert cli(["new", str(root), "--languages", ",".join(LANGUAGES)]) == 0
    for folder in ("docs", "bib"):
        shutil.copytree(FIXTURE / folder, root / folder, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def site(brief: Path) -> Path:
    target = brief.parent / "site"
    build_all(brief, target, site_url="https://example.org/brief/")
    return target


def test_the_check_passes_without_a_warning(brief: Path) -> None:
    assert run_checks(brief) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_no_english_word_on_a_non_english_page(site: Path, lang: str) -> None:
    # The language switch names every edition in its own language ("English").
    allowed = own_words() | NAMES | {vocabulary(code).language_name for code in LANGUAGES}
    for page in sorted((site / lang).rglob("*.html")):
        stray = set(LATIN_WORD.findall(shown(page))) - allowed
        assert stray == set(), f"{page.relative_to(site)}: {sorted(stray)}"


@pytest.mark.slow
def test_other_directions_are_isolated_on_the_web(site: Path) -> None:
    english = (site / "section" / "index.html").read_text(encoding="utf-8")
    assert "<bdi>نجيب محفوظ</bdi>" in english
    assert '<span dir="rtl" lang="ar">ثرثرة فوق النيل</span>' in english
    arabic = (site / "ar" / "section" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" class="no-js" dir="rtl">' in arabic
    assert "<bdi>George Orwell</bdi>، " in arabic  # the Arabic comma after an isolated name
    assert "<bdi>Secker &amp; Warburg</bdi>" in arabic


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_marker_reaches_a_pdf(site: Path, lang: str) -> None:
    pdf = site / ("" if lang == "en" else lang) / f"brief-{lang}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "[CITE]" not in text and "[BIBLIOGRAPHY]" not in text
    assert "@" not in text  # no citation left as written


@pytest.mark.slow
def test_the_english_pdf_keeps_an_arabic_reference_in_reading_order(site: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(site / "brief-en.pdf"), "-"], capture_output=True, text=True
    ).stdout
    line = next(line for line in text.splitlines() if "2024" in line and "ديوان" in line)
    # Author, title, publisher, then the year, left to right, as the note is read.
    assert line.index("2024") > line.index("ديوان")
