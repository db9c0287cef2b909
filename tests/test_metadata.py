"""Page metadata, sitemaps and "Cite this brief", generated from one source of truth."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest

from briefkit.commands.build import build_all
from tests.conftest import ROOT

REQUIRED_JSONLD = (
    "@context",
    "@type",
    "headline",
    "author",
    "datePublished",
    "inLanguage",
    "isPartOf",
    "url",
    "citation",
)
PAGES = [
    "",
    "vostotchny/",
    "partenariat-inegal/",
    "attendre-et-observer/",
    "auteur/",
    "bibliographie/",
    "glossaire/",
    "glossaire/quad/",
]


def edition(site: Path, lang: str) -> Path:
    return site if lang == "fr" else site / lang


def json_ld(page: Path) -> dict[str, object]:
    html = page.read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_valid_json_ld(site: Path, lang: str, path: str) -> None:
    data = json_ld(edition(site, lang) / path / "index.html")
    assert all(data.get(key) not in (None, "") for key in REQUIRED_JSONLD if key != "citation")
    assert data["@type"] in {"ScholarlyArticle", "Report"}
    assert data["inLanguage"] == lang
    assert data["author"] == {"@type": "Person", "name": "Tom Dash"}
    assert data["isPartOf"]["@type"] == "Report"  # type: ignore[index]
    assert str(data["url"]).endswith(("/en/" if lang == "en" else "/") + path)


def test_json_ld_lists_the_works_the_page_cites(site: Path) -> None:
    data = json_ld(site / "vostotchny" / "index.html")
    names = [w["name"] for w in data["citation"]]  # type: ignore[index,union-attr]
    assert "The Orient Express: North Korea’s Clandestine Supply Route to Russia" in names
    assert json_ld(site / "auteur" / "index.html")["citation"] == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sharing_cards(site: Path, lang: str) -> None:
    html = (edition(site, lang) / "vostotchny" / "index.html").read_text(encoding="utf-8")
    for tag in ("og:title", "og:description", "og:url", "og:locale", "og:locale:alternate"):
        assert f'property="{tag}"' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta name="description" content="' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/' in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sitemap_has_hreflang_alternates_for_every_page(site: Path, lang: str) -> None:
    xml = (edition(site, lang) / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", xml, re.S)
    assert len(urls) >= 10
    for url in urls:
        assert 'hreflang="fr"' in url and 'hreflang="en"' in url


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cite_this_brief_files_and_block(site: Path, lang: str) -> None:
    root = edition(site, lang)
    library = bibtexparser.parse_string((root / f"brief-{lang}.bib").read_text(encoding="utf-8"))
    [entry] = library.entries
    assert entry.key == "dash2023pyongyang"
    assert entry.fields_dict["author"].value == "Dash, Tom"
    ris = (root / f"brief-{lang}.ris").read_text(encoding="utf-8")
    assert ris.startswith("TY  - RPRT\n") and ris.endswith("ER  - \n")
    [item] = json.loads((root / f"brief-{lang}.json").read_text(encoding="utf-8"))
    assert item["author"] == [{"family": "Dash", "given": "Tom"}]
    assert item["language"] == lang
    home = (root / "index.html").read_text(encoding="utf-8")
    assert home.count('class="brief-cite"') == 1
    assert "[CITE]" not in home
    assert "@misc{dash2023pyongyang," in home
    # Honest dates: written in 2023, sources to 23 October 2023, this edition in 2026.
    assert entry.fields_dict["origdate"].value == "2023"
    assert entry.fields_dict["year"].value == "2026"
    assert "2023" in entry.fields_dict["note"].value and "23" in entry.fields_dict["note"].value
    assert item["original-date"] == {"date-parts": [[2023]]}
    assert "OP  - 2023\n" in ris
    for suffix in ("bib", "ris", "json"):
        assert f'<a href="brief-{lang}.{suffix}" download>' in home


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "fr",
            "Rédigé en 2023 · Sources consultées jusqu’au 23 octobre 2023 · "
            "Édition du 2 décembre 2026",
        ),
        (
            "en",
            "Written in 2023 · Sources consulted up to 23 October 2023 · "
            "This edition: 2 December 2026",
        ),
    ],
)
def test_home_page_shows_when_the_brief_was_written_apart_from_this_edition(
    site: Path, lang: str, line: str
) -> None:
    home = (edition(site, lang) / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<p class="brief-dates brief-web-only"( id="p-\d+")?>{line}</p>', home)
    assert json_ld(edition(site, lang) / "index.html")["dateCreated"] == "2023"


REFERENCES = {
    "fr": "Tom Dash, «\u202fDe Pyongyang à Moscou, le rapprochement russo-nord-coréen\u202f», "
    "Note d’analyse, décembre 2026, rédigé en 2023, sources consultées jusqu’au "
    "23 octobre 2023, disponible sur http://127.0.0.1:8000/.",
    "en": "Tom Dash, “From Pyongyang to Moscow: the Russia–North Korea rapprochement”, "
    "Analytical brief, December 2026, written in 2023, sources consulted up to "
    "23 October 2023, available at http://127.0.0.1:8000/en/.",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cite_block_puts_the_formatted_reference_first(site: Path, lang: str) -> None:
    home = (edition(site, lang) / "index.html").read_text(encoding="utf-8")
    block = home[home.index('<section class="brief-cite"') :]
    reference = re.search(r'<p class="brief-cite-reference">(.*?)</p>', block)
    assert reference is not None and block.index("brief-cite-reference") < block.index("<details")
    assert re.sub(r"<[^>]+>", "", reference[1]) == REFERENCES[lang]
    assert '<details class="brief-cite-formats">' in block  # machine formats collapsed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_material_finds_a_sitemap_beside_every_alternate_link(site: Path, lang: str) -> None:
    for page in PAGES[1:]:
        xml = (edition(site, lang) / page / "sitemap.xml").read_text(encoding="utf-8")
        assert f"/{page}</loc>" in xml and 'hreflang="fr"' in xml and 'hreflang="en"' in xml


def test_front_matter_is_escaped_in_metadata(brief_copy: Path) -> None:
    for lang in ("fr", "en"):
        page = brief_copy / "docs" / lang / "auteur.md"
        text = page.read_text(encoding="utf-8")
        hostile = 'description: "Evil \\" onload=alert(1) <script>alert(2)</script>"'
        page.write_text(re.sub(r"^description: .*$", hostile, text, count=1, flags=re.M), "utf-8")
    build_all(brief_copy, brief_copy / "site", with_pdf=False)
    html = (brief_copy / "site" / "auteur" / "index.html").read_text(encoding="utf-8")
    # Inside JSON-LD no "<" is left to close the script or open a comment.
    assert "\\u003cscript\\u003ealert(2)\\u003c/script\\u003e" in html
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    assert "<script>alert(2)" not in html
    assert '" onload=alert(1)' not in html
    assert "&lt;script&gt;alert(2)" in html
    data = json_ld(brief_copy / "site" / "auteur" / "index.html")
    assert "<script>alert(2)</script>" in str(data["description"])


def test_brief_key_is_the_same_in_both_languages() -> None:
    from briefkit.core.sources import split_front_matter
    from briefkit.site.metadata import BriefInfo

    keys = {
        BriefInfo.from_meta(
            split_front_matter((ROOT / "docs" / lang / "index.md").read_text("utf-8"))[0],
            "http://x/",
            lang,
        ).key
        for lang in ("fr", "en")
    }
    assert keys == {"dash2023pyongyang"}
