"""Reader-facing features in real Chromium against the built site."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from briefkit.commands.build import build_all
from tests.browser import serve
from tests.conftest import ROOT

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def subpath_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The brief built for, and served under, a sub-path: /brief/."""
    root = tmp_path_factory.mktemp("subpath")
    with serve(root) as url:
        build_all(ROOT, root / "brief", with_pdf=False, site_url=f"{url}brief/")
        yield f"{url}brief/"


def switch_language(page: object, lang: str) -> None:
    page.hover(".md-header__option .md-select button")  # type: ignore[attr-defined]
    page.click(f"a.brief-lang-{lang}")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]


@pytest.mark.parametrize("where", ["root", "subpath"])
@pytest.mark.parametrize("path", ["", "vostotchny/", "glossaire/quad/", "bibliographie/"])
def test_language_switch_keeps_the_page(
    page: object, base_url: str, subpath_url: str, where: str, path: str
) -> None:
    base = base_url if where == "root" else subpath_url
    page.goto(base + path)  # type: ignore[attr-defined]
    assert page.get_attribute("html", "lang") == "fr"  # type: ignore[attr-defined]
    switch_language(page, "en")
    assert page.url == f"{base}en/{path}"  # type: ignore[attr-defined]
    assert page.get_attribute("html", "lang") == "en"  # type: ignore[attr-defined]
    switch_language(page, "fr")
    assert page.url == base + path  # type: ignore[attr-defined]


def test_hreflang_alternates_are_absolute_and_page_to_page(page: object, subpath_url: str) -> None:
    page.goto(subpath_url + "en/partenariat-inegal/")  # type: ignore[attr-defined]
    links = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "link[rel=alternate][hreflang]", "els => els.map(e => [e.hreflang, e.href])"
    )
    assert dict(links) == {
        "fr": subpath_url + "partenariat-inegal/",
        "en": subpath_url + "en/partenariat-inegal/",
        "x-default": subpath_url + "partenariat-inegal/",
    }


def search(page: object, base: str, query: str) -> list[str]:
    """Result paths for ``query`` typed in the header's search box."""
    page.goto(base)  # type: ignore[attr-defined]
    page.click(".brief-search-input")  # type: ignore[attr-defined]
    page.fill(".brief-search-input", query)  # type: ignore[attr-defined]
    # The count is written once the results are: "N résultats" or "Aucun résultat…".
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => !document.querySelector('.brief-search-results').hidden"
        " && document.querySelector('.brief-search-input').value === q",
        arg=query,
        timeout=10_000,
    )
    results = page.locator(".brief-search-list a[href]")  # type: ignore[attr-defined]
    return [urlparse(h).path for h in results.evaluate_all("els => els.map(e => e.href)")]


FRENCH_QUERIES = [
    ("ferroviaires", "/vostotchny/"),
    ("munitions", "/vostotchny/"),
    ("munition", "/attendre-et-observer/"),
    ("Russie", "/vostotchny/"),
    ("russes", "/partenariat-inegal/"),
    ("ONU", "/partenariat-inegal/"),
]
ENGLISH_QUERIES = [
    ("railways", "/en/vostotchny/"),
    ("ammunitions", "/en/vostotchny/"),
    ("heralds", "/en/"),
]


@pytest.mark.parametrize(("query", "expected"), FRENCH_QUERIES)
def test_french_search_stems_and_stays_french(
    page: object, base_url: str, query: str, expected: str
) -> None:
    paths = search(page, base_url, query)
    assert any(p.startswith(expected) for p in paths), paths
    assert not any(p.startswith("/en/") for p in paths)


@pytest.mark.parametrize(("query", "expected"), ENGLISH_QUERIES)
def test_english_search_stems_and_stays_english(
    page: object, base_url: str, query: str, expected: str
) -> None:
    paths = search(page, base_url + "en/", query)
    assert any(p.startswith(expected) for p in paths), paths
    assert all(p.startswith("/en/") for p in paths)


def test_search_under_a_subpath_links_inside_it(page: object, subpath_url: str) -> None:
    paths = search(page, subpath_url + "en/", "ammunition")
    assert paths and all(p.startswith("/brief/en/") for p in paths)


def test_search_code_is_loaded_only_when_the_reader_goes_to_search(
    page: object, base_url: str
) -> None:
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))  # type: ignore[attr-defined]
    page.goto(base_url + "vostotchny/")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert not [u for u in loaded if "/pagefind/" in u]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.focus(".brief-search-input")  # type: ignore[attr-defined]
    page.keyboard.type("muni")  # type: ignore[attr-defined]
    page.locator(".brief-search-list a[href]").first.wait_for()  # type: ignore[attr-defined]
    assert any(u.endswith("/pagefind/pagefind.js") for u in loaded)
    assert page.input_value(".brief-search-input") == "muni"  # typed before loading, kept
