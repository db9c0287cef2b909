"""Shared fixtures: one strict build of the real brief per test session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefkit.commands.build import build_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The brief built (both editions and the search index, no PDF) into a temp folder."""
    target = tmp_path_factory.mktemp("build") / "site"
    build_all(ROOT, target, with_pdf=False)
    return target


@pytest.fixture
def brief_copy(tmp_path: Path) -> Path:
    """A scratch copy of the brief's sources that a test may break."""
    for name in ("docs", "bib"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, tmp_path / config.name)
    return tmp_path


# Browser fixtures, shared by every real-browser test module.


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup (installs Debian's chromium)")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The brief's site served on 127.0.0.1."""
    from tests.browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser tab (own cookies and cache) per test."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()
