"""Front matter: one reader (MkDocs' delimiting rule), required fields, real dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.content.frontmatter import front_matter_problems
from briefkit.core.sources import read_page

HOME = "---\ntitle: T\ndescription: D\nauthor: A\ndate: 2026-11-27\n{extra}---\n\n# T\n"


def problems_of(tmp_path: Path, text: str, home: bool = True) -> list[str]:
    page = tmp_path / "index.md"
    page.write_text(text, encoding="utf-8")
    found = front_matter_problems(read_page(page), home)
    return [p.editor().removeprefix(p.path + ":") for p in found]


def test_a_complete_home_page_has_no_problem(tmp_path: Path) -> None:
    extra = "written: 2023-10\nsources_until: 2023-10-23\n"
    assert problems_of(tmp_path, HOME.format(extra=extra)) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("written: 2023-10-23\n", "written '2023-10-23' is not a date: write YYYY or YYYY-MM"),
        ("written: autumn\n", "written 'autumn' is not a date: write YYYY or YYYY-MM"),
        ("sources_until: 2023-02-30\n", "sources_until '2023-02-30' is not a date"),
    ],
)
def test_bad_dates_are_named_at_their_line(tmp_path: Path, extra: str, message: str) -> None:
    (problem,) = problems_of(tmp_path, HOME.format(extra=extra))
    assert problem.startswith("6:1: error: " + message)


def test_an_impossible_date_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    text = HOME.format(extra="").replace("2026-11-27", "2026-13-01")
    assert problems_of(tmp_path, text) == [
        "5:1: error: date '2026-13-01' is not a date: write YYYY-MM-DD"
    ]


def test_required_fields_differ_for_the_home_page(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndescription: D\n---\n\n# T\n"
    assert problems_of(tmp_path, text, home=False) == []
    assert problems_of(tmp_path, text, home=True) == [
        "1:1: error: front matter lacks 'author': add it",
        "1:1: error: front matter lacks 'date': add it",
    ]


def test_mkdocs_delimiters_are_accepted(tmp_path: Path) -> None:
    text = "---  \ntitle: T\ndescription: D\n...\n\n# T\n"
    assert problems_of(tmp_path, text, home=False) == []
    assert read_page(tmp_path / "index.md").body == "# T\n"
