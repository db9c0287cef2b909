"""Any language and script: collation, name order, direction, heading ids, fonts, new briefs."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from pybtex.database import Person

from briefkit.bib.model import Source
from briefkit.bib.names import full_name, inverted_name
from briefkit.commands.build import build_all
from briefkit.commands.check import run_checks
from briefkit.commands.cli import main as cli
from briefkit.commands.new import languages_problem
from briefkit.content.glossary_terms import collation_key as glossary_key
from briefkit.core.collation import sorted_texts
from briefkit.core.name_order import entry_order, written_family_first
from briefkit.extensions.headings import HeadingIdExtension
from briefkit.pdf.fonts import cjk_family, default_settings
from briefkit.pdf.typst_writer import ISOLATE_END, ISOLATE_START, TypstWriter
from briefkit.site.theme import with_direction
from briefkit.style.references import sort_key


def person(last: str, first: str) -> Person:
    p = Person()
    p.last_names, p.first_names = [last], [first]
    return p


@pytest.mark.parametrize(
    ("lang", "words", "expected"),
    [
        ("fr", ["Zèbre", "Œuvre", "État", "Oural", "abri", "Eau"],
         ["abri", "Eau", "État", "Œuvre", "Oural", "Zèbre"]),
        ("sv", ["Åsa", "Zeta", "Alfa"], ["Alfa", "Zeta", "Åsa"]),  # CLDR's Swedish tailoring
        ("ru", ["Яков", "Борис", "Ёлка", "Егор"], ["Борис", "Егор", "Ёлка", "Яков"]),
        ("ko", ["다", "가", "나"], ["가", "나", "다"]),
    ],
)  # fmt: skip
def test_one_collation_per_language(lang: str, words: list[str], expected: list[str]) -> None:
    assert sorted_texts(words, lang) == expected


def test_the_glossary_and_the_bibliography_sort_alike() -> None:
    titles = ["Zèbre", "Œuvre", "Oural", "État"]
    sources = [Source(t, "book", {"title": t, "sortkey": t}, {}, "x.bib", 1) for t in titles]
    by_bibliography = [s.key for s in sorted(sources, key=lambda s: sort_key(s, "fr"))]
    by_glossary = sorted(titles, key=lambda t: glossary_key(t, "fr"))
    assert by_bibliography == by_glossary == ["État", "Œuvre", "Oural", "Zèbre"]


@pytest.mark.parametrize(
    ("last", "first", "options", "shown", "inverted"),
    [
        ("한", "강", "", "한강", "한강"),
        ("夏目", "漱石", "", "夏目漱石", "夏目漱石"),
        ("Kim", "Jong-un", "nameorder=family-given", "Kim Jong-un", "Kim Jong-un"),
        ("Morvan", "Élodie", "", "Élodie Morvan", "Morvan, Élodie"),
    ],
)
def test_names_in_the_order_their_script_or_entry_asks(
    last: str, first: str, options: str, shown: str, inverted: str
) -> None:
    family_first = entry_order(options) == "family-given"
    assert full_name(person(last, first), family_first) == shown
    assert inverted_name(person(last, first), family_first) == inverted


def test_scripts_that_put_the_family_name_first() -> None:
    assert written_family_first("한강") and written_family_first("毛泽东")
    assert not written_family_first("Kim") and not written_family_first("Ким")


def test_html_gets_the_edition_s_direction() -> None:
    page = '<!doctype html><html lang="ar" class="no-js"><body dir="rtl"></body></html>'
    assert '<html lang="ar" class="no-js" dir="rtl">' in with_direction(page, "rtl")
    assert with_direction(with_direction(page, "rtl"), "rtl").count('dir="rtl"') == 2


def test_heading_ids_are_readable_in_any_script_and_latin_ones_unchanged() -> None:
    md = markdown.Markdown(extensions=["toc", HeadingIdExtension(lambda: "Lien permanent")])
    html = md.convert("# Первый раздел\n\n## 첫째 절\n\n## États-Unis")
    assert 'id="первый-раздел"' in html and 'id="첫째-절"' in html and 'id="etats-unis"' in html
    assert "_1" not in html


def test_permalinks_are_titled_in_the_page_s_language() -> None:
    md = markdown.Markdown(
        extensions=["toc", HeadingIdExtension(lambda: "Lien permanent")],
        extension_configs={"toc": {"permalink": "#"}},
    )
    html = md.convert("## Partie")
    assert 'title="Lien permanent"' in html and "Permanent link" not in html


def test_typst_isolates_bdi_and_sets_other_languages() -> None:
    writer = TypstWriter(Path("/"), lang="en", fonts_for=lambda lang: ("F-" + lang,))
    tree = etree.fromstring('<p>Read <bdi>محفوظ</bdi>, <span lang="ja">こゝろ</span>.</p>')
    out = writer.element(tree)
    assert f"{ISOLATE_START}محفوظ{ISOLATE_END}" in out
    assert '#text(lang: "ja", dir: ltr, font: ("F-ja", ))[こゝろ]' in out


def test_typst_takes_the_direction_from_cldr_not_from_its_guess() -> None:
    # Typst sets Punjabi right to left (Shahmukhi); CLDR's pa is Gurmukhi.
    writer = TypstWriter(Path("/"), lang="en")
    out = writer.element(
        etree.fromstring('<p>See <span lang="pa">ਪਹਿਲਾ</span> and <span lang="he">ספר</span>.</p>')
    )
    assert '#text(lang: "pa", dir: ltr)[ਪਹਿਲਾ]' in out
    assert '#text(lang: "he", dir: rtl)[ספר]' in out


def test_cjk_glyph_forms_follow_the_language() -> None:
    assert cjk_family("ja") == "Noto Serif CJK JP"
    assert cjk_family("zh_TW") == "Noto Serif CJK TC"
    assert cjk_family("zh-Hant") == "Noto Serif CJK TC"
    assert cjk_family("fr") == ""
    japanese = default_settings("ja", "mkdocs.yml").families
    cjk = [f for f in japanese if "CJK" in f]
    assert cjk[0] == "Noto Serif CJK JP"
    chinese = default_settings("zh", "mkdocs.yml").families
    assert next(f for f in chinese if "CJK" in f) == "Noto Serif CJK SC"


def test_new_accepts_any_language_the_data_covers() -> None:
    assert languages_problem(["en", "ru", "ko", "ar", "zh", "ja", "he", "th"]) == ""
    message = languages_problem(["en", "xx"])
    assert "'xx'" in message and "--list-languages" in message
    assert "briefkit/core" not in message  # never points inside the installed package
    assert "given twice" in languages_problem(["en", "en"])


def test_a_character_no_font_draws_is_found_by_the_check_at_its_line(tmp_path: Path) -> None:
    brief = tmp_path / "brief"
    assert cli(["new", str(brief), "--languages", "en,ar"]) == 0
    bib = brief / "bib" / "sources.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("An Example", "An ⵣ Example"), "utf-8")
    page = brief / "docs" / "ar" / "section.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nⴰⵣⵓⵍ\n", encoding="utf-8")
    problems = [p for p in run_checks(brief) if "no PDF font" in p.message]
    assert any(p.path.endswith("bib/sources.bib") and p.line == 3 for p in problems)
    line = page.read_text(encoding="utf-8").splitlines().index("ⴰⵣⵓⵍ") + 1
    assert any(p.path.endswith("docs/ar/section.md") and p.line == line for p in problems)
    assert all("U+2D63 TIFINAGH LETTER YAZ" in p.message for p in problems)


@pytest.mark.slow
def test_an_untouched_new_brief_prints_no_marker(tmp_path: Path) -> None:
    brief, site = tmp_path / "brief", tmp_path / "site"
    assert cli(["new", str(brief), "--languages", "fr,en,ko"]) == 0
    build_all(brief, site, site_url="https://example.org/")
    for pdf in site.rglob("*.pdf"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "[CITE]" not in text and "[BIBLIOGRAPHY]" not in text and "[@" not in text, pdf
