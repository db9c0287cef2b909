"""A shared 10,000-entry library with broken entries: the brief citing good ones still publishes.

The library is made here (tests/bibgen.py: entries shaped like reference
managers' exports) with 20 broken entries of five kinds spread through it. A
brief made by ``briefkit new`` cites 30 good entries: the check and the build
find warnings only. Citing a broken one makes the build refuse, naming every
problem of that entry at its line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefkit.bib.cache import FOLDER
from briefkit.bib.library import Bibliography
from briefkit.bib.reader import load_bibliography
from briefkit.commands.build import build_all
from briefkit.commands.check import check_brief, grouped, main
from briefkit.commands.cli import main as cli
from briefkit.core.problems import BuildFailed
from tests.bibgen import good_keys, library

SIZE = 10_000
BROKEN = tuple(range(37, SIZE, SIZE // 20))[:20]


def brief_citing(tmp_path: Path, keys: list[str]) -> Path:
    brief = tmp_path / "brief"
    assert cli(["new", str(brief), "--languages", "fr,en"]) == 0
    (brief / "bib" / "shared.bib").write_text(library(SIZE, BROKEN), encoding="utf-8")
    cited = "; ".join(f"@{key}" for key in keys)
    for lang in ("fr", "en"):
        page = brief / "docs" / lang / "section.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\nVoir [{cited}].\n", "utf-8")
    return brief


@pytest.fixture(scope="module")
def good() -> list[str]:
    keys = good_keys(SIZE, BROKEN)
    return keys[::331][:30]


def test_the_check_finds_warnings_only_and_counts_entries(tmp_path: Path, good: list[str]) -> None:
    report = check_brief(brief_citing(tmp_path, good))
    assert [p.editor() for p in report.problems if p.severity == "error"] == []
    assert report.entries == SIZE - 4 + 1  # four broken ones cannot be read; the brief's own one
    assert report.cited >= 31  # 30, the brief's own source, and the books chapters crossref
    shared = [p for p in report.problems if p.path.endswith("shared.bib")]
    assert shared, "the broken entries are named, as warnings"
    assert {p.severity for p in shared} == {"warning"}


@pytest.mark.slow
def test_a_brief_citing_good_entries_builds(tmp_path: Path, good: list[str]) -> None:
    brief = brief_citing(tmp_path, good)
    site = tmp_path / "site"
    build_all(brief, site, with_pdf=False, site_url="https://example.org/", with_search=False)
    page = (site / "section" / "index.html").read_text(encoding="utf-8")
    assert all(f'data-key="{key}"' in page for key in good)
    assert (brief / FOLDER).is_dir()  # the parsed library is kept for the next build


@pytest.mark.slow
def test_citing_a_broken_entry_refuses_with_every_problem(tmp_path: Path, good: list[str]) -> None:
    unsafe = f"broken{BROKEN[1]}"  # the javascript: address
    unreadable = f"broken{BROKEN[2]}"  # the missing comma
    brief = brief_citing(tmp_path, [*good[:5], unsafe, unreadable])
    with pytest.raises(BuildFailed) as failure:
        build_all(brief, tmp_path / "site", with_pdf=False, with_search=False)
    text = str(failure.value)
    assert re.search(rf"shared\.bib:\d+:1: error: unsafe url in '{unsafe}': 'javascript:", text)
    assert re.search(rf"shared\.bib:\d+:1: error: entry '{unreadable}', field 'title': "
                     "missing comma before field 'year'", text)  # fmt: skip
    assert re.search(rf"citation of '{unsafe}', whose entry at \S*shared\.bib:\d+ has errors", text)
    assert not (tmp_path / "site").exists()


def test_the_check_prints_counts_and_groups_warnings_by_kind(
    tmp_path: Path, good: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    brief = brief_citing(tmp_path, good)
    assert main(["--root", str(brief)]) == 0
    out, err = capsys.readouterr()
    assert f"sources: {SIZE - 3} entries read from 2 .bib file(s)" in err
    headings = [line for line in out.splitlines() if line.startswith("-- ")]
    assert headings and all(re.match(r"-- \d+ warning\(s\): ", h) for h in headings)
    assert grouped([]) == []


def test_the_disk_cache_is_keyed_by_content_and_never_trusted_blindly(tmp_path: Path) -> None:
    bib = tmp_path / "bib"
    bib.mkdir()
    path = bib / "a.bib"
    path.write_text("@misc{a,\n  title = {One},\n}\n", encoding="utf-8")
    first, _ = load_bibliography([path], root=tmp_path)
    (cached,) = (tmp_path / FOLDER).glob("bib-*.json")
    blob = cached.with_suffix(".fields")  # the records' fields, the index says where
    data = json.loads(cached.read_text(encoding="utf-8"))
    record = data["files"][0]["records"][0]

    def forge(packed: bytes) -> Bibliography:
        blob.write_bytes(packed)
        record[6:8], data["size"] = [0, len(packed)], len(packed)
        cached.write_text(json.dumps(data), encoding="utf-8")
        path.touch()  # a new modification time: the in-memory copy is not used
        return load_bibliography([path], root=tmp_path)[0]

    fields, lines = json.loads(blob.read_bytes())
    forged = forge(json.dumps([{**fields, "url": "javascript:alert(1)"}, lines]).encode())
    problems = forged.check(["a"])
    assert "a" not in forged and [p.severity for p in problems] == ["error"]
    for packed in (b'[{"title": 3, "note": ["x"]}, {"title": "2"}]', b"[1, 2]", b"{no", b"\xff"):
        odd = forge(packed)  # values that are not strings, or no fields at all: no traceback
        odd.check(["a"])
        assert all(type(v) is str for v in odd.records["a"].fields.values())
    cached.write_text("{not json", encoding="utf-8")
    path.touch()
    again, _ = load_bibliography([path], root=tmp_path)
    assert again["a"].fields["title"] == "One"  # a broken cache is read again from the file
    path.write_text("@misc{a,\n  title = {Two},\n}\n", encoding="utf-8")
    changed, _ = load_bibliography([path], root=tmp_path)
    assert changed["a"].fields["title"] == "Two" and first["a"].fields["title"] == "One"


def test_fix_bib_is_a_command_of_any_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = tmp_path / "brief"
    assert cli(["new", str(brief), "--languages", "en"]) == 0
    messy = brief / "bib" / "sources.bib"
    messy.write_text(messy.read_text(encoding="utf-8").replace("  ", "    "), encoding="utf-8")
    main(["--root", str(brief)])
    assert "run `briefkit check --fix-bib` and commit the result" in capsys.readouterr().out
    assert cli(["check", "--root", str(brief), "--fix-bib"]) == 0
    assert "not in canonical form" not in capsys.readouterr().out
