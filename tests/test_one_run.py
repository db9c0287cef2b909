"""Every problem, in one run, the same from the check and the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefkit.commands.build import build_all
from briefkit.commands.check import run_checks
from briefkit.core.problems import BuildFailed

MINIBRIEF = Path(__file__).resolve().parent / "fixtures" / "minibrief"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test brief with independent problems in the .bib file and in two pages."""
    brief = tmp_path / "brief"
    shutil.copytree(MINIBRIEF, brief)
    monkeypatch.chdir(brief)
    bib = brief / "bib" / "mini.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("year = {2022},", "year = {2022}", 1), encoding="utf-8")
    fr, en = brief / "docs" / "fr" / "ruches.md", brief / "docs" / "en" / "ruches.md"
    fr.write_text(
        fr.read_text(encoding="utf-8").replace("[@morvan2021essaims, p. 4]", "[@morvan2021essai]")
        + "\nUn lien [mort](nulle-part.md) et une citation [@ouverte.\n",
        encoding="utf-8",
    )
    en.write_text(
        en.read_text(encoding="utf-8") + "\nA link.\n\nAn extra paragraph [@inconnu2020x].\n",
        encoding="utf-8",
    )
    return brief


def test_the_check_names_every_problem(broken: Path) -> None:
    problems = [p for p in run_checks(broken) if p.severity == "error"]
    text = "\n".join(p.editor() for p in problems)
    assert "bib/mini.bib:" in text and "ccav2022bilan" in text
    assert "unknown citation key 'morvan2021essai'" in text
    assert "dead link 'nulle-part.md'" in text
    assert "unterminated citation" in text
    assert "unknown citation key 'inconnu2020x'" in text
    assert "paragraphs but" in text
    assert "citation of 'ccav2022bilan', whose entry at bib/mini.bib:4 has errors" in text


def test_the_build_names_the_same_problems_and_publishes_nothing(
    broken: Path, tmp_path: Path
) -> None:
    expected = {p.editor() for p in run_checks(broken) if p.severity == "error"}
    with pytest.raises(BuildFailed) as failure:
        build_all(broken, tmp_path / "site", with_pdf=False)
    printed = set(str(failure.value).splitlines())
    assert expected <= printed, expected - printed
    assert not (tmp_path / "site").exists()
