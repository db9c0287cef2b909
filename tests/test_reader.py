"""The reader's experience in real Chromium: accessibility, privacy, notes, keyboard, print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from briefkit.commands.build import build_all
from tests.browser import serve
from tests.conftest import ROOT

axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
pytestmark = pytest.mark.browser
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The whole publication (PDFs included) built for the address it is served at."""
    root = tmp_path_factory.mktemp("published")
    with serve(root) as url:
        build_all(ROOT, root / "site", with_pdf=True, site_url=f"{url}site/")
        yield f"{url}site/", root / "site"


def every_page(site: Path) -> list[str]:
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    return [p.removesuffix("index.html") for p in pages if "pagefind" not in p]


def test_no_wcag_aa_violation_on_any_page(page: object, published: tuple[str, Path]) -> None:
    base, site = published
    axe = axe_api.Axe()
    found = {}
    for path in every_page(site):
        page.goto(base + path)  # type: ignore[attr-defined]
        violations = axe.run(page, options=WCAG_AA).response["violations"]
        if violations:
            found[path] = [(v["id"], v["nodes"][0]["target"]) for v in violations]
    assert len(every_page(site)) >= 24
    assert found == {}


def test_every_request_goes_to_the_site_itself(page: object, published: tuple[str, Path]) -> None:
    base, site = published
    origin = urlparse(base).netloc
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))  # type: ignore[attr-defined]
    for path in every_page(site):
        page.goto(base + path)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.click(".brief-search-input")  # type: ignore[attr-defined]
    page.fill(".brief-search-input", "munitions")  # type: ignore[attr-defined]
    page.locator(".brief-search-list a[href]").first.wait_for()  # type: ignore[attr-defined]
    foreign = [u for u in requests if urlparse(u).netloc != origin and not u.startswith("data:")]
    assert len(requests) > 50
    assert foreign == []


def test_note_call_leads_to_the_note_and_back(page: object, published: tuple[str, Path]) -> None:
    base, _ = published
    page.goto(base + "vostotchny/")  # type: ignore[attr-defined]
    page.click("sup#fnref\\:6 a")  # type: ignore[attr-defined]
    assert page.url.endswith("#fn:6")  # type: ignore[attr-defined]
    assert "The Orient Express" in page.inner_text("li#fn\\:6")  # type: ignore[attr-defined]
    page.click("li#fn\\:6 a.footnote-backref")  # type: ignore[attr-defined]
    assert page.url.endswith("#fnref:6")  # type: ignore[attr-defined]


def test_cited_in_link_lands_on_the_right_note(page: object, published: tuple[str, Path]) -> None:
    base, _ = published
    page.goto(base + "bibliographie/")  # type: ignore[attr-defined]
    page.click("#ref-oryx2023losses .brief-cited-in a")  # type: ignore[attr-defined]
    note_id = page.url.split("#", 1)[1]  # type: ignore[attr-defined]
    assert "/attendre-et-observer/" in page.url  # type: ignore[attr-defined]
    selector = f"li[id='{note_id}'] .brief-ref[data-key='oryx2023losses']"
    assert page.locator(selector).count() == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(("path", "name"), [("", "brief-fr.pdf"), ("en/", "brief-en.pdf")])
def test_pdf_link_answers_with_that_languages_pdf(
    page: object, published: tuple[str, Path], path: str, name: str
) -> None:
    base, _ = published
    page.goto(base + path)  # type: ignore[attr-defined]
    href = page.get_attribute("a.brief-pdf", "href")  # type: ignore[attr-defined]
    response = page.request.get(urljoin(page.url, href))  # type: ignore[attr-defined]
    assert response.ok and response.body().startswith(b"%PDF-")
    assert urlparse(response.url).path.endswith(name)


def urljoin(base: str, href: str | None) -> str:
    from urllib.parse import urljoin as join

    return join(base, href or "")


def test_keyboard_alone_reaches_every_control_with_visible_focus(
    page: object, published: tuple[str, Path]
) -> None:
    base, _ = published
    page.goto(base + "vostotchny/")  # type: ignore[attr-defined]
    focused: list[tuple[str, bool]] = []
    for _ in range(150):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        focused.append(
            tuple(
                page.evaluate(  # type: ignore[attr-defined,arg-type]
                    """() => { const e = document.activeElement, s = getComputedStyle(e);
                // The theme's hidden radio buttons show their focus on their icon.
                const shown = e.matches('.md-option') ? getComputedStyle(e.nextElementSibling) : s;
                return [e.tagName + ' ' + (e.getAttribute('href') || e.className),
                        shown.outlineStyle !== 'none' || shown.boxShadow !== 'none']; }"""
                )
            )
        )
    reached = {name for name, _ in focused}
    for control in (
        "A ../en/vostotchny/",
        "A ../vostotchny/",
        "A ../brief-fr.pdf",
        "A ../partenariat-inegal/",
        *(f"A #fn:{n}" for n in range(1, 9)),
    ):
        assert control in reached, control
    assert any(name.startswith("INPUT brief-search-input") for name in reached)
    invisible = {name for name, visible in focused if not visible and name != "BODY "}
    assert invisible == set(), "focused without a visible indicator"


def test_printing_a_page_hides_the_site_chrome(page: object, published: tuple[str, Path]) -> None:
    base, _ = published
    page.goto(base + "vostotchny/")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".brief-search"):
        displayed = page.eval_on_selector(  # type: ignore[attr-defined]
            selector, "e => { const r = e.getBoundingClientRect(); return r.width * r.height > 0 }"
        )
        assert not displayed, f"{selector} is printed"
    assert page.is_visible("article h1")  # type: ignore[attr-defined]


def test_french_words_in_english_page_are_marked_french(published: tuple[str, Path]) -> None:
    _, site = published
    html = (site / "en" / "glossaire" / "camp-david" / "index.html").read_text(encoding="utf-8")
    assert '<em lang="fr">L’esprit de Camp David</em>' in html
