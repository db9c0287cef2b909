"""``briefkit new``: a brief in any languages that checks clean and builds strictly.

The briefs it writes are also this suite's briefs in one, three and
English-first language orders: their switches and hreflang links must name
exactly the editions that exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from briefkit.commands.build import build_all
from briefkit.commands.check import run_checks
from briefkit.commands.cli import main as cli
from briefkit.core.editions import load_publication


def make(tmp_path: Path, languages: str) -> tuple[Path, Path]:
    brief = tmp_path / "brief"
    assert cli(["new", str(brief), "--languages", languages]) == 0
    site = tmp_path / "site"
    return brief, site


def hreflangs(page: Path) -> list[tuple[str, str]]:
    html = page.read_text(encoding="utf-8")
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)


def switch_links(page: Path) -> list[tuple[str, str]]:
    html = page.read_text(encoding="utf-8")
    pattern = r'<a href="([^"]+)" hreflang="([^"]+)"\s+lang="[^"]+" dir="\w+" target="_self"'
    return re.findall(pattern, html)


@pytest.mark.parametrize("languages", ["fr,en", "en", "fr,en,de", "en,fr"])
def test_a_new_brief_checks_clean_and_builds_strictly(tmp_path: Path, languages: str) -> None:
    brief, site = make(tmp_path, languages)
    assert [p for p in run_checks(brief) if p.severity == "error"] == []
    build_all(brief, site, with_pdf=False, site_url="https://example.org/brief/")
    codes = languages.split(",")
    assert f'<html lang="{codes[0]}"' in (site / "index.html").read_text(encoding="utf-8")
    for code in codes[1:]:
        page = site / code / "section" / "index.html"
        assert f'<html lang="{code}"' in page.read_text(encoding="utf-8")
        assert "[@" not in page.read_text(encoding="utf-8")  # the citation became a note


def test_one_language_has_no_switch_and_no_hreflang(tmp_path: Path) -> None:
    brief, site = make(tmp_path, "fr")
    build_all(brief, site, with_pdf=False, site_url="https://example.org/")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "hreflang" not in html, page
        assert "md-select" not in html, page
    assert "xhtml:link" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-header__button md-icon brief-pdf" href="./brief-fr.pdf"' in home


def test_three_languages_link_page_to_page_and_name_only_real_editions(tmp_path: Path) -> None:
    brief, site = make(tmp_path, "fr,en,de")
    build_all(brief, site, with_pdf=False, site_url="https://example.org/b/")
    # The root edition first, then the others in their configuration files' order.
    expected = [
        ("fr", "https://example.org/b/section/"),
        ("de", "https://example.org/b/de/section/"),
        ("en", "https://example.org/b/en/section/"),
        ("x-default", "https://example.org/b/section/"),
    ]
    for sub in ("", "en/", "de/"):
        page = site / sub / "section" / "index.html"
        assert hreflangs(page) == expected
        links = switch_links(page)
        assert [lang for _, lang in links] == ["fr", "de", "en"]
        here = f"https://example.org/b/{sub}section/"
        for href, lang in links:  # each switch goes to the same page of that edition
            target = urljoin(here, href).removeprefix("https://example.org/b/")
            assert target == ("" if lang == "fr" else f"{lang}/") + "section/", href
            assert (site / target / "index.html").is_file(), href


def test_english_first_puts_english_at_the_root(tmp_path: Path) -> None:
    brief, site = make(tmp_path, "en,fr")
    publication = load_publication(brief, "https://example.org/")
    assert [(e.lang, e.sub) for e in publication.editions] == [("en", ""), ("fr", "fr")]
    build_all(brief, site, with_pdf=False, site_url="https://example.org/")
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert not (site / "en").exists()
    assert hreflangs(site / "fr" / "index.html")[:2] == [
        ("en", "https://example.org/"),
        ("fr", "https://example.org/fr/"),
    ]


def test_new_refuses_a_folder_holding_a_brief_and_unknown_languages(tmp_path: Path) -> None:
    brief, _ = make(tmp_path, "en")
    assert cli(["new", str(brief), "--languages", "en"]) == 1
    assert cli(["new", str(tmp_path / "other"), "--languages", "en,xx"]) == 2
    assert not (tmp_path / "other").exists()


def test_languages_material_does_not_translate_build_in_their_own_words(tmp_path: Path) -> None:
    # Material has no partials/languages/km.html (nor pa, la, lij, bal, brh): its
    # partial would fail the build; briefkit's words stand in for its file.
    from briefkit.core import theme_words
    from briefkit.core.vocabulary import direction
    from briefkit.site.theme import _theme_languages

    codes = sorted(c for c in _theme_languages() if "_" not in c and not theme_words.has_file(c))
    assert codes == ["bal", "brh", "km", "la", "lij", "pa"]
    brief, site = make(tmp_path, ",".join(["en", "nl", *codes]))
    build_all(brief, site, with_pdf=False, site_url="https://example.org/")
    english = theme_words.words("en")
    shown = [english[key] for key in ("action.skip", "header", "footer", "select.language", "top")]
    for code in codes:
        page = (site / code / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}" class="no-js" dir="{direction(code)}">' in page
        assert [word for word in shown if word in page] == [], code
    assert "Skip to content" in (site / "index.html").read_text(encoding="utf-8")
    dutch = (site / "nl" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Koptekst"' in dutch and "Header" not in dutch  # Material's nl keeps it


def test_regional_editions_are_tagged_in_bcp_47(tmp_path: Path) -> None:
    brief, site = make(tmp_path, "en,pt_BR,zh_TW,sr_Latn")
    build_all(brief, site, with_pdf=False, site_url="https://example.org/")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert {lang for lang, _ in hreflangs(site / "index.html")} == {
        "en",
        "pt-BR",
        "zh-TW",
        "sr-Latn",
        "x-default",
    }
    assert "_" not in "".join(re.findall(r'hreflang="([^"]+)"', home))
    for folder, tag in (("pt_BR", "pt-BR"), ("zh_TW", "zh-TW"), ("sr_Latn", "sr-Latn")):
        page = (site / folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{tag}"' in page
        assert len(re.findall(r'<link rel="alternate" hreflang=', page)) == 5  # no self twice
    assert "Citirano u:" not in home and "Цитирано" not in (
        site / "sr_Latn" / "index.html"
    ).read_text(encoding="utf-8")
