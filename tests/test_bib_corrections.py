"""Each recorded correction of the article's bibliography is really applied in bib/."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefkit.bib.reader import load_or_raise
from tests.conftest import ROOT

DATA = Path(__file__).resolve().parent / "data"
CORRECTIONS = yaml.safe_load((DATA / "bib-corrections.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bibliography():  # type: ignore[no-untyped-def]
    return load_or_raise(ROOT / "bib")


@pytest.mark.parametrize("fix", CORRECTIONS, ids=[fix["key"] for fix in CORRECTIONS])
def test_correction_is_recorded_with_the_article_words_and_a_reason(fix: dict[str, str]) -> None:
    article = (DATA / "article-fr.txt").read_text(encoding="utf-8")
    assert fix["article"] in article
    assert len(fix["reason"].split()) >= 8


@pytest.mark.parametrize("fix", CORRECTIONS, ids=[fix["key"] for fix in CORRECTIONS])
def test_correction_is_applied_in_bib(bibliography, fix: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    persons = bibliography[fix["key"]].persons["author"]
    names = [(" ".join(p.last_names), " ".join(p.first_names)) for p in persons]
    assert (fix["family"], fix["given"]) in names
