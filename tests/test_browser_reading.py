"""Reading on any screen, in real Chromium: layout, requests, search by passage, places kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from briefkit.commands.build import build_all
from briefkit.extensions.figures import svg_size
from tests.browser import serve
from tests.conftest import ROOT

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MARGIN = 16  # px of side margin, at least, around the text on a phone
PAGES = ["", "vostotchny/", "glossaire/quad/", "bibliographie/", "en/", "en/partenariat-inegal/"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The brief built for the address it is served at (so absolute links resolve)."""
    root = tmp_path_factory.mktemp("served")
    with serve(root) as url:
        build_all(ROOT, root / "site", with_pdf=False, site_url=f"{url}site/")
        yield f"{url}site/", root / "site"


@pytest.fixture
def tab(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A tab with the viewport (or context options) given by an indirect parameter."""
    options = getattr(request, "param", DESKTOP)
    context = browser.new_context(**({"viewport": options} if "width" in options else options))  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def every_page(site: Path) -> list[str]:
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    return [p.removesuffix("index.html") for p in pages if "pagefind" not in p]


def test_no_request_fails_and_nothing_is_logged_on_any_page(
    tab: object, served: tuple[str, Path]
) -> None:
    base, site = served
    problems: list[str] = []
    tab.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))  # type: ignore[attr-defined]
    tab.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))  # type: ignore[attr-defined]
    tab.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))  # type: ignore[attr-defined]
    tab.on("pageerror", lambda e: problems.append(str(e)))  # type: ignore[attr-defined]
    pages = every_page(site)
    for path in pages:
        tab.goto(base + path)  # type: ignore[attr-defined]
        tab.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    for edition in ("", "en/"):  # searching loads Pagefind and its index
        results(tab, base + edition, "Russie" if not edition else "Russia")
    assert len(pages) >= 24 and any(p.startswith("en/") for p in pages)
    assert problems == []


def layout(tab: object) -> dict[str, object]:
    return tab.evaluate(  # type: ignore[attr-defined,no-any-return]
        """() => {
        const text = "article p, article li, article h1, article dd";
        const blocks = [...document.querySelectorAll(text)]
          .filter(e => e.offsetParent !== null && e.textContent.trim())
          .map(e => e.getBoundingClientRect());
        return {
          scroll: document.documentElement.scrollWidth, width: innerWidth,
          left: Math.min(...blocks.map(r => r.left)),
          right: Math.max(...blocks.map(r => r.right)),
          header: document.querySelector(".md-header").scrollWidth,
        };
    }"""
    )


@pytest.mark.parametrize("tab", [PHONE, DESKTOP], indirect=True, ids=["390x844", "1280x900"])
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_and_side_margins(
    tab: object, served: tuple[str, Path], path: str
) -> None:
    tab.goto(served[0] + path)  # type: ignore[attr-defined]
    box = layout(tab)
    assert box["scroll"] <= box["width"], "the page scrolls sideways"
    assert box["header"] <= box["width"], "the header overflows"
    assert box["left"] >= MARGIN and box["right"] <= box["width"] - MARGIN, box  # type: ignore[operator]


@pytest.mark.parametrize("width", [320, 768, 1024, 1920])
def test_no_sideways_scrolling_from_320_to_1920_px(
    browser: object, served: tuple[str, Path], width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    for path in ("", "vostotchny/", "bibliographie/"):
        tab.goto(served[0] + path)
        box = layout(tab)
        assert box["scroll"] <= width and box["header"] <= width, (path, box)
        assert box["left"] >= MARGIN and box["right"] <= width - MARGIN, (path, box)
    context.close()


CHARACTERS_PER_LINE = """() => {
  const counts = [];
  for (const p of document.querySelectorAll("article p")) {
    if (p.closest(".footnote")) continue;  // body text only: notes are set smaller
    const text = p.textContent.replace(/\\s+/g, " ").trim();
    // The paragraph's plain text set again in its own box: note calls (raised, smaller)
    // would otherwise change the lines' heights and spoil the count.
    const probe = p.cloneNode(false);
    probe.removeAttribute("id");
    probe.style.cssText = `position:absolute;visibility:hidden;width:${p.clientWidth}px`;
    probe.textContent = text;
    p.parentNode.appendChild(probe);
    const lines = Math.round(probe.clientHeight / parseFloat(getComputedStyle(probe).lineHeight));
    probe.remove();
    if (text.length > 400 && lines >= 4) counts.push(text.length / (lines - 0.5));
  }
  counts.sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)];
}"""


@pytest.mark.parametrize("path", ["vostotchny/", "en/vostotchny/", "attendre-et-observer/"])
def test_body_text_runs_60_to_75_characters_a_line_on_a_desktop(
    tab: object, served: tuple[str, Path], path: str
) -> None:
    tab.goto(served[0] + path)  # type: ignore[attr-defined]
    assert 60 <= tab.evaluate(CHARACTERS_PER_LINE) <= 75  # type: ignore[attr-defined]


@pytest.mark.parametrize("tab", [PHONE], indirect=True, ids=["390x844"])
def test_search_on_a_phone_is_an_icon_opening_a_full_width_field(
    tab: object, served: tuple[str, Path]
) -> None:
    tab.goto(served[0] + "vostotchny/")  # type: ignore[attr-defined]
    assert not tab.is_visible(".brief-search-input")  # type: ignore[attr-defined]
    tab.click(".brief-search-toggle")  # type: ignore[attr-defined]
    field = tab.locator(".brief-search-input").bounding_box()  # type: ignore[attr-defined]
    assert field is not None and field["width"] >= 280
    tab.fill(".brief-search-input", "munitions")  # type: ignore[attr-defined]
    tab.locator(".brief-search-list a").first.wait_for()  # type: ignore[attr-defined]
    panel = tab.locator(".brief-search-results").bounding_box()  # type: ignore[attr-defined]
    assert panel is not None and panel["x"] == 0 and panel["width"] == PHONE["width"]
    assert layout(tab)["scroll"] <= PHONE["width"]
    tab.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert not tab.is_visible(".brief-search-input")  # type: ignore[attr-defined]


def results(tab: object, base: str, query: str) -> list[str]:
    """The result links (path, query and passage) for ``query`` typed in the header's search."""
    tab.goto(base)  # type: ignore[attr-defined]
    tab.click(".brief-search-input")  # type: ignore[attr-defined]
    tab.fill(".brief-search-input", query)  # type: ignore[attr-defined]
    tab.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('.brief-search-results').hidden", timeout=10_000
    )
    return tab.eval_on_selector_all(  # type: ignore[attr-defined,no-any-return]
        ".brief-search-list a", "els => els.map(e => e.getAttribute('href'))"
    )


NONSENSE = ["stalin", "spaghetti", "zorglub", "lapinou", "xylophage"]


@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize("query", NONSENSE)
def test_words_not_in_the_brief_find_nothing(
    tab: object, served: tuple[str, Path], edition: str, query: str
) -> None:
    assert results(tab, served[0] + edition, query) == []


@pytest.mark.parametrize("query", ["shells", "brouhaha"])
def test_french_queries_matching_only_initials_find_nothing(
    tab: object, served: tuple[str, Path], query: str
) -> None:
    # « shells » and « brouhaha » fell back on the initials « S. » and « B. ».
    assert results(tab, served[0], query) == []


@pytest.mark.parametrize("query", ["RPRT", "dash2026pyongyang", "Sommaire", "armscontrol"])
def test_what_is_not_reading_text_is_not_indexed(
    tab: object, served: tuple[str, Path], query: str
) -> None:
    assert results(tab, served[0], query) == []


def test_a_result_leads_to_its_passage_and_highlights_it(
    tab: object, served: tuple[str, Path]
) -> None:
    base = served[0]
    [first, *_] = results(tab, base, "munitions")
    url = urlparse(first)
    assert re.fullmatch(r"p-\d+|fn:\d+", url.fragment)
    assert parse_qs(url.query)["hl"][0].startswith("munition")
    tab.click(".brief-search-list a")  # type: ignore[attr-defined]
    tab.wait_for_load_state()  # type: ignore[attr-defined]
    target = tab.locator(f"[id='{url.fragment}']")  # type: ignore[attr-defined]
    assert "brief-found" in (target.get_attribute("class") or "")
    assert target.locator("mark").first.inner_text().lower().startswith("munition")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"]


def test_excerpts_keep_typographic_apostrophes_and_elision_still_matches(
    tab: object, served: tuple[str, Path]
) -> None:
    found = results(tab, served[0], "l’ONU")
    assert found and found[0].startswith("/site/partenariat-inegal/")
    excerpt = tab.inner_text(".brief-result-excerpt")  # type: ignore[attr-defined]
    assert "l’ONU" in excerpt and "'" not in excerpt and "\u2060" not in excerpt


def test_a_passage_of_the_notes_is_a_result(tab: object, served: tuple[str, Path]) -> None:
    found = results(tab, served[0], "Clandestine")
    assert any(urlparse(f).fragment.startswith("fn:") for f in found)


@pytest.mark.parametrize(("start", "lang"), [("vostotchny/", "en"), ("en/vostotchny/", "fr")])
def test_the_language_switch_keeps_the_passage(
    tab: object, served: tuple[str, Path], start: str, lang: str
) -> None:
    base = served[0]
    tab.goto(base + start)  # type: ignore[attr-defined]
    # p-4 at the top of the window: the passage the reader is at (with the notes in
    # the margin, the last passages of a page cannot reach the top of a desktop window).
    tab.evaluate("document.getElementById('p-4').scrollIntoView()")  # type: ignore[attr-defined]
    tab.hover(".md-header__option .md-select button")  # type: ignore[attr-defined]
    tab.click(f"a.brief-lang-{lang}")  # type: ignore[attr-defined]
    tab.wait_for_load_state()  # type: ignore[attr-defined]
    fragment = urlparse(tab.url).fragment  # type: ignore[attr-defined]
    assert fragment == "p-4", tab.url  # type: ignore[attr-defined]
    assert tab.get_attribute("html", "lang") == lang  # type: ignore[attr-defined]
    box = tab.locator(f"#{fragment}").bounding_box()  # type: ignore[attr-defined]
    assert box is not None and 0 <= box["y"] < 300


@pytest.mark.parametrize(
    "tab",
    [{"viewport": PHONE, "has_touch": True, "is_mobile": True}],
    indirect=True,
    ids=["touch"],
)
def test_a_tap_on_a_note_call_shows_the_note(tab: object, served: tuple[str, Path]) -> None:
    tab.goto(served[0] + "vostotchny/")  # type: ignore[attr-defined]
    call = tab.locator("sup#fnref\\:6 a")  # type: ignore[attr-defined]
    call.scroll_into_view_if_needed()
    call.tap()
    tooltip = tab.locator(".md-tooltip2--active")  # type: ignore[attr-defined]
    tooltip.wait_for()
    assert "The Orient Express" in tooltip.inner_text()
    assert not urlparse(tab.url).fragment  # type: ignore[attr-defined]  # the page did not jump


def test_the_copy_button_copies_the_formatted_reference(
    browser: object, served: tuple[str, Path]
) -> None:
    base = served[0]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(base)
    tab.click(".brief-cite-copy")
    tab.locator(".brief-cite-status").filter(has_text="Référence copiée").wait_for()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Tom Dash, «\u202fDe Pyongyang à Moscou")
    assert copied == tab.inner_text(".brief-cite-reference").strip()
    context.close()


@pytest.mark.parametrize("tab", [PHONE], indirect=True, ids=["390x844"])
def test_the_map_has_its_size_and_opens_full_size_legibly(
    tab: object, served: tuple[str, Path]
) -> None:
    base, site = served
    tab.goto(base + "vostotchny/")  # type: ignore[attr-defined]
    image = tab.locator("figure img")  # type: ignore[attr-defined]
    size = svg_size(site / "vostotchny" / image.get_attribute("src"))
    assert size is not None
    assert (int(image.get_attribute("width")), int(image.get_attribute("height"))) == size
    tab.click("figure .brief-figure-open a")  # type: ignore[attr-defined]
    tab.wait_for_load_state()  # type: ignore[attr-defined]
    assert tab.url.endswith(".svg")  # type: ignore[attr-defined]
    smallest = tab.evaluate(  # type: ignore[attr-defined]
        """() => Math.min(...[...document.querySelectorAll("text")]
            .filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect().height))"""
    )
    assert smallest >= 10, "labels smaller than 10 px when the map is opened on a phone"


# Emphasis in a page of each language, holding titles marked in other languages,
# as references print them: (page language, title language or None, expected style).
EMPHASIS = [
    ("ko", None, "normal"),  # a Korean title in the Korean edition
    ("ar", None, "normal"),
    ("ja", None, "normal"),
    ("en", "ko", "normal"),  # a Korean title in the English edition
    ("en", "ar", "normal"),
    ("ko", "en", "italic"),  # an English title in the Korean edition
    ("ar", "ru", "italic"),
    ("fr", None, "italic"),
    ("zh-Hant", "de", "italic"),
]


def test_titles_in_scripts_without_italics_stay_upright(tab: object) -> None:
    css = (ROOT / "briefkit" / "site" / "templates" / "assets" / "brief.css").read_text("utf-8")
    items = "".join(
        f'<p lang="{page}" class="md-typeset"><em id="t{n}">'
        + (f'<span lang="{title}">Title</span>' if title else "Title")
        + "</em></p>"
        for n, (page, title, _) in enumerate(EMPHASIS)
    )
    tab.set_content(f"<html><head><style>{css}</style></head><body>{items}</body></html>")  # type: ignore[attr-defined]
    styles = [
        tab.evaluate(  # type: ignore[attr-defined]
            f"getComputedStyle(document.querySelector('#t{n}').firstChild.nodeType === 1"
            f" ? document.querySelector('#t{n} span') : document.querySelector('#t{n}')).fontStyle"
        )
        for n in range(len(EMPHASIS))
    ]
    assert styles == [expected for _, _, expected in EMPHASIS]


def test_a_note_call_never_opens_a_line_in_chinese(tab: object) -> None:
    # Chinese may break between any two characters: without the word joiner
    # the call's digit drops alone to the start of the next line at some widths.
    from xml.etree import ElementTree as etree

    from briefkit.extensions.citations import make_call

    css = (ROOT / "briefkit" / "site" / "templates" / "assets" / "brief.css").read_text("utf-8")
    paragraph = etree.Element("p", {"lang": "zh", "class": "md-typeset", "id": "p"})
    paragraph.text = "乔治·奥威尔的小说一九八四年出版" * 3
    placeholder = etree.SubElement(paragraph, "span")
    placeholder.tail = "，后来被译成多种语言。"
    make_call(placeholder, (paragraph, None), {"id": "fnref:1"}, "#fn:1", "1")
    html = etree.tostring(paragraph, encoding="unicode")
    tab.set_content(f"<html><head><style>{css}</style></head><body>{html}</body></html>")  # type: ignore[attr-defined]
    alone = tab.evaluate(  # type: ignore[attr-defined]
        """() => {
          const p = document.getElementById("p"), call = p.querySelector("sup");
          const before = document.createRange();
          before.setStart(p.firstChild, p.firstChild.length - 1);
          before.setEnd(p.firstChild, p.firstChild.length);
          const widths = [];
          for (let width = 60; width <= 400; width += 2) {
            p.style.width = width + "px";
            const last = before.getClientRects(), mark = call.getBoundingClientRect();
            if (mark.top > last[last.length - 1].bottom - 2) widths.push(width);
          }
          return widths;
        }"""
    )
    assert alone == [], f"the call opens a line at widths {alone}"
