"""In Chromium: the policy blocks an injected script, and no published SVG runs one.

The first test loads every page of the brief with an inline script and an
event handler injected into the HTML as served (as if one had got past the
sanitizer): the page's policy must block both, and report the violation.
The second opens every SVG a brief publishes, the hostile corpus's figures
included, as a reader following "open full size" would: no script may run.
Each also shows it can fail: without the policy, or from the unsanitized
source file, the script does run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from tests.browser import serve
from tests.corpus_cases import SVG_CASES
from tests.tinybrief import RUCHES, write_brief

pytestmark = pytest.mark.browser
INJECTED = '<script>window.__injected = 1</script><img src="x.png" onerror="window.__handler = 1">'


def inject(tab: object, drop_policy: bool = False) -> None:
    """Every HTML response served to ``tab`` gets the injected script after ``<body>``."""

    def handle(route: object) -> None:
        response = route.fetch()  # type: ignore[attr-defined]
        html = response.text()
        if drop_policy:
            html = html.replace('http-equiv="Content-Security-Policy"', 'name="x-policy"')
        start = html.index(">", html.index("<body")) + 1
        html = html[:start] + INJECTED + html[start:]
        route.fulfill(response=response, body=html)  # type: ignore[attr-defined]

    pages = lambda url: url.endswith(("/", ".html"))  # noqa: E731
    tab.route(pages, handle)  # type: ignore[attr-defined]


def ran(tab: object) -> list[str]:
    return tab.evaluate(  # type: ignore[attr-defined]
        "['__injected', '__handler'].filter((name) => window[name] === 1)"
    )


def test_the_policy_blocks_an_injected_script_on_every_page(
    site: Path, base_url: str, page: object
) -> None:
    violations: list[str] = []
    page.on(  # type: ignore[attr-defined]
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    inject(page)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        url = base_url + path.relative_to(site).as_posix().removesuffix("index.html")
        page.goto(url)  # type: ignore[attr-defined]
        page.wait_for_load_state("load")  # type: ignore[attr-defined]
        assert ran(page) == [], url
        # The theme's own scripts still run: Material marks the page as scripted.
        classes = page.get_attribute("html", "class") or ""  # type: ignore[attr-defined]
        assert "js" in classes.split(), url
    assert len(violations) >= len(pages)  # each page reported the blocked script


def test_without_the_policy_the_injected_script_runs(
    site: Path, base_url: str, page: object
) -> None:
    inject(page, drop_policy=True)
    page.goto(base_url)  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert ran(page) == ["__injected", "__handler"]  # so the test above can fail


@pytest.fixture(scope="module")
def hostile_figures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The corpus's hostile SVGs as figures of the tiny brief, built by plain MkDocs."""
    root = tmp_path_factory.mktemp("svg") / "brief"
    figures = {
        f"docs/fr/assets/f{i}.svg": case.changes["docs/fr/assets/carte.svg"]
        for i, case in enumerate(SVG_CASES)
    }
    shown = "\n\n".join(f"![figure {i}](assets/f{i}.svg)" for i in range(len(SVG_CASES)))
    write_brief(root, {**figures, "docs/fr/ruches.md": RUCHES + "\n" + shown + "\n"})
    mkdocs_build(load_config(str(root / "mkdocs.yml"), strict=False))
    yield root


LINKS = """() => [...document.querySelectorAll('a')].map((a) =>
    a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')"""


def scripts_run(tab: object, url: str) -> list[str]:
    """The dialogs opening ``url`` shows, and any link of it that would run a script."""
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    tab.goto(url)  # type: ignore[attr-defined]
    tab.wait_for_timeout(150)  # type: ignore[attr-defined]
    links = tab.evaluate(LINKS)  # type: ignore[attr-defined]
    return dialogs + [href for href in links if "script:" in href.replace(" ", "").lower()]


def test_no_published_svg_runs_a_script(
    site: Path, base_url: str, hostile_figures: Path, browser: object
) -> None:
    with serve(hostile_figures) as served:
        svgs = [(base_url, p.relative_to(site)) for p in sorted(site.rglob("*.svg"))]
        svgs += [
            (served + "site/", p.relative_to(hostile_figures / "site"))
            for p in sorted((hostile_figures / "site").rglob("*.svg"))
        ]
        assert len(svgs) >= 8
        for base, path in svgs:
            context = browser.new_context()  # type: ignore[attr-defined]
            tab = context.new_page()
            assert scripts_run(tab, base + path.as_posix()) == [], path
            context.close()
        # The same figure as sent (unsanitized) runs its script: the test above can fail.
        context = browser.new_context()  # type: ignore[attr-defined]
        assert scripts_run(context.new_page(), served + "docs/fr/assets/f0.svg") == ["1"]
        context.close()
