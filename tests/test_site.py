"""The built site: front matter, strict build, and no third-party requests."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from tests.conftest import ROOT

PAGES = sorted((ROOT / "docs").glob("*/**/*.md"))
# Attributes and CSS that make a browser fetch something (links to read are fine).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']([^"']+)"""
    r"""|<link\b[^>]*\bhref=["']([^"']+)"""
    r"""|url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)""",
    re.I,
)


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}: no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_has_title_and_description(page: Path) -> None:
    meta = front_matter(page)
    assert str(meta.get("title", "")).strip(), "title missing"
    assert str(meta.get("description", "")).strip(), "description missing"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_page_has_author_and_date(lang: str) -> None:
    meta = front_matter(ROOT / "docs" / lang / "index.md")
    assert meta["author"] == "Tom Dash"
    assert str(meta["date"])


@pytest.mark.parametrize(("lang", "folder"), [("fr", ""), ("en", "en")])
def test_strict_build_produced_every_page_of_both_editions(
    site: Path, lang: str, folder: str
) -> None:
    # Every page of the edition, nav or not, in its folder, in its language, with its title.
    for page in sorted((ROOT / "docs" / lang).glob("**/*.md")):
        relative = page.relative_to(ROOT / "docs" / lang).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "index" else relative.parts
        built = site.joinpath(folder, *parts, "index.html")
        assert built.is_file(), built
        html = built.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, built
        title = str(front_matter(page)["title"])
        assert f"<title>{escape(title, quote=False)}" in html, built


def external_fetches(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".css"}:
            continue
        for match in FETCHING.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = next(g for g in match.groups() if g)
            parsed = urlparse(url)
            if (
                parsed.scheme in {"http", "https"}
                and parsed.hostname not in {"127.0.0.1", "localhost"}
            ) or url.startswith("//"):
                found.append(f"{path.relative_to(site)}: {url}")
    return found


def test_no_resource_is_fetched_from_another_host(site: Path) -> None:
    assert external_fetches(site) == []


def test_fetch_scanner_sees_a_third_party_font(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
    )
    assert external_fetches(tmp_path) == ["a.html: https://fonts.googleapis.com/css?family=Roboto"]
