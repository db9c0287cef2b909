"""Fuzzing: random .bib files and pages, valid and broken, never end in a traceback.

Either the brief is clean, or every problem is a ``file:line`` message; and a
failed build leaves the previously published site exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.commands.build import build_all
from briefkit.commands.check import run_checks
from briefkit.core.problems import BuildFailed

MINIBRIEF = Path(__file__).resolve().parent / "fixtures" / "minibrief"
LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning): \S")

ENTRY = st.sampled_from(
    [
        "@book{doe2020atlas,\n  author = {Doe, Jane},\n  title = {{Atlas}},\n"
        "  publisher = {P},\n  year = {2020},\n}\n",
        "@online{web2021,\n  title = {Web},\n  url = {https://example.org/x},\n}\n",
        "@string{jr = {Journal}}\n@article{a2019,\n  author = {A, B},\n  title = {T},\n"
        "  journal = jr,\n  year = {2019},\n}\n",
    ]
)
NOISE = st.sampled_from(
    ["{", "}", "@", ",", "\\", "#", '"', "=", "%", "\n", "é", "@misc{", "year = {2x}", "month = 13"]
)
BIB = st.lists(st.one_of(ENTRY, NOISE, st.text(max_size=20)), max_size=8).map("".join)
PROSE = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            [
                "[@doe2020atlas]",
                "[@nope]",
                "[@",
                "[see @web2021, p. 3; @a2019]",
                "^[ed: note]",
                "^[ed: ",
                "[lien](nulle.md)",
                "[x](ruches.md#absent)",
                "`[@code]`",
                "\n\n",
                "# Titre\n",
                "<div>",
                "{ .x }",
            ]
        ),
    ),
    max_size=10,
).map("".join)
FRONT = st.sampled_from(
    [
        "---\ntitle: T\ndescription: D\n---\n\n",
        "---\ntitle: [\n---\n\n",
        "---\ntitle: T\n",
        "",
        "---\ntitle: 'a: b'\ndescription: x\ndate: 2026-13-01\n---\n\n",
    ]
)


def write_brief(root: Path, bib: str, front: str, fr: str, en: str) -> None:
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(MINIBRIEF, root)
    (root / "bib" / "fuzz.bib").write_text(bib, encoding="utf-8")
    (root / "docs" / "fr" / "fuzz.md").write_text(front + fr, encoding="utf-8")
    (root / "docs" / "en" / "fuzz.md").write_text(front + en, encoding="utf-8")


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib=BIB, front=FRONT, fr=PROSE, en=PROSE)
def test_the_check_never_raises_and_locates_every_problem(
    tmp_path_factory: pytest.TempPathFactory, bib: str, front: str, fr: str, en: str
) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "brief"
    write_brief(root, bib, front, fr, en)
    for problem in run_checks(root):
        assert LOCATED.match(problem.editor()), problem.editor()
        assert problem.line >= 1


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    site = tmp_path_factory.mktemp("published") / "site"
    build_all(MINIBRIEF, site, with_pdf=False, with_search=False)
    return site, digest(site)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(bib=BIB, front=FRONT, fr=PROSE, en=PROSE)
def test_a_build_succeeds_or_names_its_problems_and_keeps_the_site(
    tmp_path_factory: pytest.TempPathFactory,
    published: tuple[Path, dict[str, str]],
    bib: str,
    front: str,
    fr: str,
    en: str,
) -> None:
    site, before = published
    root = tmp_path_factory.mktemp("fuzzbuild") / "brief"
    write_brief(root, bib, front, fr, en)
    try:
        build_all(root, site, with_pdf=False, with_search=False)
    except BuildFailed as failure:
        listed = [line for line in str(failure).splitlines()[1:] if line.strip()]
        assert listed and all(LOCATED.match(line) for line in listed), str(failure)
        assert digest(site) == before
    else:
        before.clear()
        before.update(digest(site))  # a clean build is the new published site
