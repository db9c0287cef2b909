"""Glossary and note tooltips in real Chromium, as Material's tooltips show them."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT

playwright_api = pytest.importorskip("playwright.sync_api")

# The served site and the browser are shared with tests/test_browser.py.
# The browser, page and base_url fixtures come from tests/conftest.py.

pytestmark = pytest.mark.browser

# Ids of the visible elements outside the article whose text contains ``words``
# (a tooltip is added to the page on hover), or null while there is none.
TOOLTIPS = r"""
words => {
  const hits = Array.from(document.body.querySelectorAll('*')).filter(e =>
    !e.closest('article') && !e.querySelector('article') && !e.closest('script')
    && e.textContent.replace(/\s+/g, ' ').includes(words)
    && e.checkVisibility({opacityProperty: true, visibilityProperty: true}));
  const ids = hits.map(e => (e.closest('[id]') || {}).id).filter(Boolean);
  return ids.length ? ids : null;
}
"""


def glossary_entry(slug: str) -> dict[str, object]:
    text = (ROOT / "docs" / "fr" / "glossaire" / f"{slug}.md").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---\n", 2)[1])["glossary"])


def definition(slug: str) -> str:
    return " ".join(str(glossary_entry(slug)["definition"]).split())


def first_words(text: str, count: int = 6) -> str:
    return " ".join(text.split()[:count])


def tooltip_ids(tab: object, words: str) -> list[str]:
    """Wait until an element outside the article shows ``words``; its ids."""
    handle = tab.wait_for_function(TOOLTIPS, arg=words, timeout=10_000)  # type: ignore[attr-defined]
    return list(handle.json_value())


def no_tooltip(tab: object, words: str) -> bool:
    return tab.evaluate(f"({TOOLTIPS})", words) is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("section", "slug"),
    [
        ("attendre-et-observer", "quad"),
        ("attendre-et-observer", "camp-david"),
        ("attendre-et-observer", "kn-25"),
        ("partenariat-inegal", "hwasong-18"),
    ],
)
def test_glossary_link_tooltip_then_term_page_then_back(
    page: object,
    base_url: str,
    section: str,
    slug: str,
) -> None:
    expect = playwright_api.expect
    meaning = definition(slug)
    words = first_words(meaning)
    page.goto(f"{base_url}{section}/")  # type: ignore[attr-defined]
    link = page.locator(f"article a.brief-term#term-{slug}")  # type: ignore[attr-defined]
    expect(link).to_have_count(1)
    assert no_tooltip(page, words), "the definition is shown before hovering"

    link.hover()
    ids = tooltip_ids(page, words)
    described = link.get_attribute("aria-describedby")
    assert described in ids, (described, ids)
    tooltip = page.locator(f'[id="{described}"]')  # type: ignore[attr-defined]
    expect(tooltip).to_be_visible()
    assert " ".join(tooltip.inner_text().split()) == meaning

    link.click()
    page.wait_for_url(f"{base_url}glossaire/{slug}/")  # type: ignore[attr-defined]
    expect(page.locator("article h1")).to_have_text(  # type: ignore[attr-defined]
        re.compile("^" + re.escape(str(glossary_entry(slug)["term"])) + "#?$")
    )
    back = page.locator(f".brief-mentioned-in a[href*='{section}/']")  # type: ignore[attr-defined]
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(f"{base_url}{section}/#term-{slug}")  # type: ignore[attr-defined]
    target = page.locator(f"#term-{slug}")  # type: ignore[attr-defined]
    expect(target).to_have_class(re.compile(r"(^|\s)brief-term(\s|$)"))
    expect(target).to_be_in_viewport()


@pytest.mark.parametrize("section", ["vostotchny", "attendre-et-observer"])
def test_footnote_call_tooltip_shows_the_note(
    page: object,
    base_url: str,
    section: str,
) -> None:
    expect = playwright_api.expect
    page.goto(f"{base_url}{section}/")  # type: ignore[attr-defined]
    call = page.locator("article a.footnote-ref:not(.brief-editor-ref)").first  # type: ignore[attr-defined]
    note_id = (call.get_attribute("href") or "").lstrip("#")
    assert note_id.startswith("fn:")
    note = page.locator(f'[id="{note_id}"]')  # type: ignore[attr-defined]
    words = first_words(note.inner_text())
    assert len(words) > 20
    assert no_tooltip(page, words), "the note is shown outside the article before hovering"

    call.hover()
    ids = tooltip_ids(page, words)
    controls = call.get_attribute("aria-controls")
    assert controls in ids, (controls, ids)
    tooltip = page.locator(f'[id="{controls}"]')  # type: ignore[attr-defined]
    expect(tooltip).to_be_visible()
    shown = " ".join(tooltip.inner_text().split())
    assert shown.startswith(" ".join(note.inner_text().split()).rstrip("↩ ").strip()[:80])


@pytest.mark.parametrize(("sub", "label"), [("", "N.d.É."), ("en/", "Ed.")])
def test_editor_note_call_tooltip_shows_the_editors_note(
    page: object, base_url: str, sub: str, label: str
) -> None:
    expect = playwright_api.expect
    page.goto(f"{base_url}{sub}partenariat-inegal/")  # type: ignore[attr-defined]
    call = page.locator("article a.brief-editor-ref").first  # type: ignore[attr-defined]
    expect(call).to_have_text("\u2060a")  # the joiner keeps it to its word
    assert call.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    note = page.locator('[id="ed:1"]')  # type: ignore[attr-defined]
    text = " ".join(note.inner_text().split())
    assert text.startswith(f"{label} ")
    words = first_words(text.removeprefix(label).strip())
    call.hover()
    ids = tooltip_ids(page, words)
    controls = call.get_attribute("aria-controls")
    assert controls in ids, (controls, ids)
    shown = " ".join(page.locator(f'[id="{controls}"]').inner_text().split())  # type: ignore[attr-defined]
    assert shown.startswith(label) and "1994" in shown
