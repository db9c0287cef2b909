"""Notes in the margin and the colour scheme, in real Chromium against the built site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefkit.commands.build import build_all
from tests.browser import serve
from tests.conftest import ROOT

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
pytestmark = pytest.mark.browser
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
NOTE_PAGES = [
    "partenariat-inegal/",
    "en/partenariat-inegal/",
    "vostotchny/",
    "attendre-et-observer/",
]
LEVEL = 14  # px: a note's top within a line of its call's, unless the note above pushed it


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The brief built for the address it is served at (absolute links resolve)."""
    root = tmp_path_factory.mktemp("margin")
    with serve(root) as url:
        build_all(ROOT, root / "site", with_pdf=False, site_url=f"{url}site/")
        yield f"{url}site/", root / "site"


@pytest.fixture
def context(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A browser context with the options an indirect parameter gives."""
    options = getattr(request, "param", {})
    made = browser.new_context(**options)  # type: ignore[attr-defined]
    yield made
    made.close()


GEOMETRY = """() => {
  const top = el => el.getBoundingClientRect().top + scrollY;
  return [...document.querySelectorAll("article .footnote > ol > li[id]")].map(note => {
    const callId = note.id.replace(/^fn:/, "fnref:").replace(/^ed:/, "edref:");
    const call = document.getElementById(callId);
    const box = note.getBoundingClientRect();
    const text = document.querySelector("article > p").getBoundingClientRect();
    return {
      id: note.id, call: top(call), top: box.top + scrollY, bottom: box.bottom + scrollY,
      left: box.left, right: box.right, textRight: text.right,
      position: getComputedStyle(note).position, visible: getComputedStyle(note).visibility,
    };
  });
}"""


def geometry(page: object) -> list[dict[str, object]]:
    return page.evaluate(GEOMETRY)  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("size", [(1280, 900), (1600, 1000)], ids=["1280", "1600"])
@pytest.mark.parametrize("path", NOTE_PAGES)
def test_wide_screens_set_each_note_level_with_its_call_without_overlap(
    browser: object, served: tuple[str, Path], size: tuple[int, int], path: str
) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served[0] + path, wait_until="networkidle")
    notes = sorted(geometry(page), key=lambda n: n["call"])  # type: ignore[arg-type,return-value]
    assert len(notes) >= 4
    previous = None
    for note in notes:
        assert note["position"] == "absolute" and note["visible"] == "visible", note
        assert note["left"] > note["textRight"], note  # in the margin, beside the text
        assert note["right"] <= size[0], note
        if previous is not None:
            assert note["top"] >= previous["bottom"], (previous, note)  # no overlap
        pushed = previous is not None and note["top"] - previous["bottom"] < LEVEL
        below_figure = page.evaluate(  # a figure that takes the margin pushes notes below it
            "y => [...document.querySelectorAll('article figure')].some(f => {"
            " const b = f.getBoundingClientRect(); return Math.abs(b.bottom + scrollY - y) < 20 })",
            note["top"] - 8,
        )
        assert abs(note["top"] - note["call"]) <= LEVEL or pushed or below_figure, note
        previous = note
    context.close()


def test_a_focused_call_is_described_by_its_note(browser: object, served: tuple[str, Path]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served[0] + "partenariat-inegal/", wait_until="networkidle")
    for call, words in (("sup#edref\\:1 a", "21 octobre 1994"), ("sup#fnref\\:1 a", "RAND")):
        page.hover(call)
        page.wait_for_timeout(300)  # the theme's tooltip comes and goes
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        page.focus(call)
        described = page.evaluate(
            "s => document.getElementById(document.querySelector(s)"
            ".getAttribute('aria-describedby')).textContent",
            call,
        )
        assert words in described
        note = "li#" + call.split("#")[1].split(" ")[0].replace("edref", "ed").replace(
            "fnref", "fn"
        )
        assert "brief-current" in (page.get_attribute(note, "class") or "")  # marked in the margin
    context.close()


@pytest.mark.parametrize("path", NOTE_PAGES[:2])
def test_a_phone_keeps_the_notes_at_the_end(
    browser: object, served: tuple[str, Path], path: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served[0] + path, wait_until="networkidle")
    notes = geometry(page)
    last_text = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('article > p')]"
        ".map(p => p.getBoundingClientRect().bottom + scrollY))"
    )
    assert notes and all(n["position"] == "static" and n["visible"] == "visible" for n in notes)
    assert min(n["top"] for n in notes) > last_text  # type: ignore[type-var]
    assert not page.evaluate(
        "document.querySelector('article').classList.contains('brief-sidenotes')"
    )
    context.close()


def test_placing_the_notes_shifts_nothing(browser: object, served: tuple[str, Path]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " { if (!e.hadRecentInput) window.__shift += e.value; } })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    for path in NOTE_PAGES:
        page.goto(served[0] + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") == 0, path
    context.close()


def scheme(page: object) -> str:
    return page.get_attribute("body", "data-md-color-scheme")  # type: ignore[attr-defined,no-any-return]


def toggle_words(page: object) -> list[str]:
    """What the toggle's two states say (the theme turns their titles into tooltips)."""
    return page.eval_on_selector_all(  # type: ignore[attr-defined,no-any-return]
        "input.md-option", "inputs => inputs.map(i => i.getAttribute('aria-label'))"
    )


def background(page: object) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_scheme_follows_the_system_then_the_toggle_and_is_remembered(
    browser: object, served: tuple[str, Path], system: str
) -> None:
    base = served[0]
    context = browser.new_context(color_scheme=system)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base + "vostotchny/", wait_until="networkidle")
    first = "slate" if system == "dark" else "default"
    other = "default" if system == "dark" else "slate"
    assert scheme(page) == first
    before = background(page)
    page.click("form[data-md-component=palette] label:not([hidden])")
    assert scheme(page) == other and background(page) != before
    assert toggle_words(page) == ["Passer au thème sombre", "Passer au thème clair"]
    # Another page, the other edition, a new visit: the reader's choice holds.
    for path in ("partenariat-inegal/", "en/", "en/vostotchny/"):
        page.goto(base + path, wait_until="networkidle")
        assert scheme(page) == other, path
    assert toggle_words(page) == ["Switch to the dark theme", "Switch to the light theme"]
    stored = page.evaluate("JSON.stringify(Object.keys(localStorage))")
    assert "__palette" in stored and page.context.cookies() == []  # local storage, no cookie
    context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_map_follows_the_scheme(browser: object, served: tuple[str, Path], system: str) -> None:
    context = browser.new_context(color_scheme=system)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served[0] + "vostotchny/", wait_until="networkidle")
    shown = page.evaluate("document.querySelector('figure picture img').currentSrc")
    assert shown.endswith("route-map-dark.svg" if system == "dark" else "route-map.svg")
    page.click("form[data-md-component=palette] label:not([hidden])")
    page.wait_for_function(
        "dark => document.querySelector('figure picture img').currentSrc"
        ".endsWith(dark ? 'route-map.svg' : 'route-map-dark.svg')",
        arg=system == "dark",
    )
    context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_print_is_always_light(browser: object, served: tuple[str, Path], system: str) -> None:
    context = browser.new_context(color_scheme=system)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(served[0] + "vostotchny/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert background(page) in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}
    color = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
    assert color.startswith("rgba(0, 0, 0") or color == "rgb(0, 0, 0)", color
    page.wait_for_function(  # the light map, loaded anew if the dark one was shown
        "() => document.querySelector('figure picture img').currentSrc.endsWith('/route-map.svg')"
    )
    notes = geometry(page)
    assert all(n["position"] == "static" for n in notes)  # notes at the end, as before
    context.close()


def every_page(site: Path) -> list[str]:
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    return [p.removesuffix("index.html") for p in pages if "pagefind" not in p]


@pytest.mark.parametrize("system", ["light", "dark"])
def test_no_failed_request_no_console_error_in_either_scheme(
    browser: object, served: tuple[str, Path], system: str
) -> None:
    base, site = served
    context = browser.new_context(color_scheme=system, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    for path in every_page(site):
        page.goto(base + path, wait_until="networkidle")
    page.click("form[data-md-component=palette] label:not([hidden])")  # the other scheme too
    page.wait_for_load_state("networkidle")  # the map's other variant, loaded before leaving
    page.goto(base + "vostotchny/", wait_until="networkidle")
    assert problems == []
    context.close()


def test_no_wcag_aa_violation_in_the_dark_scheme(browser: object, served: tuple[str, Path]) -> None:
    base, site = served
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    axe = axe_api.Axe()
    found = {}
    for path in every_page(site):
        page.goto(base + path, wait_until="networkidle")
        assert scheme(page) == "slate"
        violations = axe.run(page, options=WCAG_AA).response["violations"]
        if violations:
            found[path] = [(v["id"], v["nodes"][0]["target"]) for v in violations]
    assert found == {}
    context.close()
