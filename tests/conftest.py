"""Shared fixtures: one strict build of the real brief per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefkit.build import build_all

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
    for name in ("docs", "bib", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, tmp_path / config.name)
    return tmp_path
