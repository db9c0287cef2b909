"""Translation status on a scratch git repository: edit, commit, and read what the check says."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from briefkit.commands import check, translations
from briefkit.commands.new import main as new_brief
from briefkit.core.editions import load_publication
from briefkit.translation.fingerprint import fingerprint
from briefkit.translation.history import parse_porcelain
from briefkit.translation.status import State, align, brief_status

FR = """---
title: Première partie
description: Une phrase qui dit de quoi parle la note.
---

# Première partie

Le premier paragraphe, qui cite sa source [@doe2024example].

Le deuxième paragraphe dit l'essentiel : rien ne change.

- un premier point ;
- un second point.

Le dernier paragraphe conclut.
"""
EN = """---
title: First section
description: One sentence saying what the brief is about.
---

# First section

The first paragraph, which cites its source [@doe2024example].

The second paragraph says what matters: nothing changes.

- a first point;
- a second point.

The last paragraph concludes.
"""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str, date: str = "") -> str:
    env = {**os.environ, **GIT_ENV}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-edition brief in a git repository, translated and committed."""
    root = tmp_path / "brief"
    assert new_brief([str(root), "--languages", "fr,en"]) == 0
    (root / "docs/fr/section.md").write_text(FR, encoding="utf-8")
    (root / "docs/en/section.md").write_text(EN, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "The brief, translated", "2026-01-10T10:00:00Z")
    monkeypatch.chdir(root)
    return root


def edit(root: Path, path: str, old: str, new: str) -> None:
    page = root / path
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")


def states(root: Path) -> dict[str, list[str]]:
    status = brief_status(load_publication(root))
    page = next(p for p in status.pages if p.page == "section.md")
    return {
        s.value: [_name(p) for p in page.passages if p.state == s] for s in State if page.count(s)
    }


def _name(passage: object) -> str:
    side = passage.target or passage.source  # type: ignore[attr-defined]
    return f"{side.kind}:{side.line}"


def warnings(root: Path, *options: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    check.main(["--root", str(root), *options])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if not line.startswith("-- ")]  # not kinds' headings
    return [line for line in lines if "stale" in line or "orphaned" in line]


def test_a_committed_translation_is_up_to_date(brief: Path) -> None:
    assert states(brief) == {
        "up to date": [
            "field:2",
            "field:3",
            "heading:6",
            "paragraph:8",
            "paragraph:10",
            "item:12",
            "item:13",
            "paragraph:15",
        ]
    }


def test_editing_a_french_paragraph_makes_exactly_its_english_passage_stale(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(brief, "docs/fr/section.md", "dit l'essentiel", "dit presque tout")
    commit(brief, "Revise the second paragraph", "2026-02-03T09:00:00Z")
    found = states(brief)
    assert found["stale"] == ["paragraph:10"]
    assert len(found["up to date"]) == 7
    (line,) = warnings(brief, capsys=capsys)
    assert line.startswith("docs/en/section.md:10:1: warning: stale translation: ")
    assert "docs/fr/section.md:10 (paragraph #p-2) changed on 2026-02-03 (" in line
    assert line.endswith("run `briefkit translations ack docs/en/section.md:10`")
    # In a pull request, the annotation sits on the French lines that changed.
    (annotation,) = warnings(brief, "--format", "github", capsys=capsys)
    assert annotation.startswith("::warning file=docs/fr/section.md,line=10,endLine=10::")
    assert "the en translation of this paragraph (docs/en/section.md:10) is now stale" in annotation


def test_an_uncommitted_edit_is_stale_too(brief: Path) -> None:
    edit(brief, "docs/fr/section.md", "Le dernier paragraphe", "Le tout dernier paragraphe")
    assert states(brief)["stale"] == ["paragraph:15"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("dit l'essentiel : rien", "dit l’essentiel\u202f: rien"),  # apostrophe, narrow space
        ("paragraphe, qui cite", "paragraphe,\nqui  cite"),  # line wrapping, white space
        ("un premier point ;", "un premier point\u00a0;"),  # no-break space
        ("# Première partie", "# Première   partie"),
    ],
    ids=["apostrophe-and-narrow-space", "wrapping", "no-break-space", "heading-spaces"],
)
def test_a_typography_only_edit_keeps_the_translation_up_to_date(
    brief: Path, old: str, new: str
) -> None:
    edit(brief, "docs/fr/section.md", old, new)
    commit(brief, "Typography", "2026-02-04T09:00:00Z")
    assert "stale" not in states(brief)


def test_dash_and_quote_forms_are_typography() -> None:
    assert fingerprint("Kim – Poutine « ici »") == fingerprint('Kim - Poutine "ici"')
    assert fingerprint("un mot") != fingerprint("un autre mot")


def test_editing_one_list_item_makes_only_its_translation_stale(brief: Path) -> None:
    edit(brief, "docs/fr/section.md", "un second point", "un second point, précisé")
    commit(brief, "Item", "2026-02-05T09:00:00Z")
    assert states(brief)["stale"] == ["item:13"]


def test_updating_the_translation_clears_it(brief: Path) -> None:
    edit(brief, "docs/fr/section.md", "dit l'essentiel", "dit presque tout")
    commit(brief, "Revise", "2026-02-03T09:00:00Z")
    edit(brief, "docs/en/section.md", "says what matters", "says almost everything")
    commit(brief, "Translate the revision", "2026-02-06T09:00:00Z")
    assert "stale" not in states(brief)


def test_acknowledging_clears_it_until_the_source_changes_again(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(brief, "docs/fr/section.md", "dit l'essentiel", "dit bien l'essentiel")
    commit(brief, "Revise", "2026-02-03T09:00:00Z")
    assert translations.main(["--root", str(brief), "ack", "docs/en/section.md:10"]) == 0
    out = capsys.readouterr().out
    assert "acknowledged docs/en/section.md:10 (paragraph #p-2)" in out
    record = (brief / "docs/en/.acknowledged.yml").read_text(encoding="utf-8")
    assert "section.md:" in record and "passage: '#p-2'" in record
    assert "stale" not in states(brief)
    assert warnings(brief, capsys=capsys) == []
    edit(brief, "docs/fr/section.md", "dit bien l'essentiel", "dit tout")
    assert states(brief)["stale"] == ["paragraph:10"]


def test_acknowledging_a_passage_that_is_not_stale_fails(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert translations.main(["--root", str(brief), "ack", "docs/en/section.md:8"]) == 1
    assert "docs/en/section.md:8: no stale passage there" in capsys.readouterr().out


def test_deleting_a_french_passage_orphans_its_translation(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        brief,
        "docs/fr/section.md",
        "Le deuxième paragraphe dit l'essentiel : rien ne change.\n\n",
        "",
    )
    commit(brief, "Cut the second paragraph", "2026-02-07T09:00:00Z")
    found = states(brief)
    assert found["orphaned"] == ["paragraph:10"]
    assert "stale" not in found  # the passages after it still translate their own sources
    (line,) = warnings(brief, capsys=capsys)
    assert line.startswith("docs/en/section.md:10:1: warning: orphaned translation: ")


def test_adding_a_french_passage_makes_it_missing(brief: Path) -> None:
    edit(brief, "docs/fr/section.md", "Le dernier paragraphe", "Un ajout.\n\nLe dernier paragraphe")
    found = states(brief)
    assert found["missing"] == ["paragraph:15"]
    assert "stale" not in found


def test_the_table_counts_each_state_per_page(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(brief, "docs/fr/section.md", "dit l'essentiel", "dit presque tout")
    commit(brief, "Revise", "2026-02-03T09:00:00Z")
    assert translations.main(["--root", str(brief)]) == 0
    out = capsys.readouterr().out
    assert "| `section.md` | 7 | 1 | 0 | 0 |" in out
    assert (
        "- `docs/en/section.md:10` (paragraph #p-2): `docs/fr/section.md:10` changed 2026-02-03"
        in out
    )


def test_without_git_the_check_says_so_once_and_reports_nothing_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "plain"
    assert new_brief([str(root), "--languages", "fr,en"]) == 0
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert check.main(["--root", str(root)]) == 0
    captured = capsys.readouterr()
    notes = [line for line in captured.err.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: translations: the brief is not in a git repository: "
        "stale translations are not reported"
    ]
    assert "0 error(s), 0 warning(s)" in captured.err


def test_a_shallow_clone_degrades_the_same_way(
    brief: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(brief, "docs/fr/section.md", "dit l'essentiel", "dit presque tout")
    commit(brief, "Revise", "2026-02-03T09:00:00Z")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{brief}", str(clone))
    assert check.main(["--root", str(clone), "--format", "github"]) == 0
    captured = capsys.readouterr()
    assert (
        "::notice::translations: this is a shallow clone (fetch the whole history: " in captured.out
    )
    assert "stale" not in captured.out.replace("stale translations are not reported", "")


def test_porcelain_blame_is_read_per_line() -> None:
    sha, other = "a" * 40, "b" * 40
    text = (
        f"{sha} 1 1 2\nauthor A\ncommitter-time 100\nsummary First\nfilename f\n\tone\n"
        f"{sha} 2 2\n\ttwo\n"
        f"{other} 3 3 1\ncommitter-time 200\nsummary Second\nfilename f\n\tthree\n"
    )
    commits = parse_porcelain(text)
    assert [(c.sha[0], c.time, c.summary) for c in commits] == [
        ("a", 100, "First"),
        ("a", 100, "First"),
        ("b", 200, "Second"),
    ]


def test_alignment_is_by_position_when_the_counts_agree_else_by_content() -> None:
    assert align("abc", "xyz") == [(0, 0), (1, 1), (2, 2)]
    assert align("abcd", "abd") == [(0, 0), (1, 1), (2, None), (3, 2)]
    assert align("abd", "abcd") == [(0, 0), (1, 1), (None, 2), (2, 3)]
