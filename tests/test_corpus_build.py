"""Faults and mistakes while building: the previous site and the sources always survive.

Each case builds the tiny brief once (the "previous site"), then makes the
next build fail: hostile content, an output folder in the sources, another
build running, a kill before the swap, a full or read-only disk, a refused
permission. Each asserts the exit status and its one-line message, no
traceback, the previous site byte-identical, no scratch folder left, the
sources untouched. Then what must simply work: names with spaces, accents
and other scripts, CRLF files, and a source edited during the build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefkit.commands.build
from briefkit.commands import build
from briefkit.commands.output import build_lock
from tests.tinybrief import FILES, RUCHES, digest, sources_digest, write_brief


@pytest.fixture
def brief(tmp_path: Path) -> Iterator[Path]:
    root = write_brief(tmp_path / "brief")
    yield root


def run_build(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = build.main(["--root", str(root), "--no-pdf", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def built_once(root: Path, capsys: pytest.CaptureFixture[str], site: Path | None = None) -> Path:
    target = site or root / "site"
    status, said = run_build(root, capsys, "--site-dir", str(target))
    assert status == 0, said
    return target


def no_scratch(site: Path) -> bool:
    return not [p for p in site.parent.glob(f".{site.name}.*")]


def test_hostile_content_stops_the_build_and_keeps_the_previous_site(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_once(brief, capsys)
    before, sources = digest(site), sources_digest(brief)
    write_brief(brief, {"docs/fr/ruches.md": RUCHES + "\n<script>alert(1)</script>\n"})
    sources = sources_digest(brief)
    status, said = run_build(brief, capsys)
    assert status == 1
    assert "docs/fr/ruches.md:17:1: error: raw HTML <script> is not published" in said
    assert "The previous site (if any) was left untouched." in said
    assert digest(site) == before and no_scratch(site) and sources_digest(brief) == sources


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("docs", "holds the sources in"),
        ("docs/fr", "would replace the sources in"),
        ("docs/fr/site", "is inside the sources in"),
        (".", "would replace the project's folder"),
        ("..", "holds the project's folder"),
        ("bib", "would replace the sources in"),
        (".git", "would replace its .git folder"),
        (".git/site", "is inside its .git folder"),
    ],
)
def test_an_output_folder_in_the_sources_is_refused_before_anything_is_written(
    brief: Path, capsys: pytest.CaptureFixture[str], where: str, says: str
) -> None:
    (brief / ".git").mkdir()
    (brief / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    everything = digest(brief.parent)
    status, said = run_build(brief, capsys, "--site-dir", str(brief / where))
    assert status == 1 and says in said, said
    assert "choose a folder of its own" in said
    assert digest(brief.parent) == everything


def test_a_second_build_says_another_one_is_running(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_once(brief, capsys)
    before = digest(site)
    with build_lock(brief):  # as a build in another process would hold it
        status, said = run_build(brief, capsys)
    assert status == 1 and "another build of" in said and "is running" in said
    assert digest(site) == before and no_scratch(site)


@pytest.mark.slow
def test_two_builds_at_once_leave_one_complete_site(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_once(brief, capsys)
    command = [sys.executable, "-m", "briefkit", "build", "--root", str(brief), "--no-pdf"]
    env = {**os.environ, "BRIEFKIT_FAULT": "hold:before-swap"}  # the first takes its time
    first = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 60
    while not (brief / ".site.partial" / "index.html").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    second = subprocess.run(command, capture_output=True, text=True, check=False)
    out, _ = first.communicate(timeout=120)
    assert first.returncode == 0, out
    assert second.returncode == 1 and "another build of" in second.stderr
    assert "Traceback" not in second.stderr + out
    assert len(digest(site)) > 50 and (site / "ruches" / "index.html").is_file()


@pytest.mark.slow
def test_a_build_killed_before_the_swap_leaves_the_previous_site(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_once(brief, capsys)
    before = digest(site)
    write_brief(brief, {"docs/fr/ruches.md": RUCHES.replace("# Les ruches", "# Nouveau")})
    command = [sys.executable, "-m", "briefkit", "build", "--root", str(brief), "--no-pdf"]
    env = {**os.environ, "BRIEFKIT_FAULT": "before-swap"}
    killed = subprocess.run(command, env=env, capture_output=True, check=False)
    assert killed.returncode == -9
    assert digest(site) == before  # complete, and the old one
    status, _ = run_build(brief, capsys)  # the next build clears what the killed one left
    assert status == 0 and no_scratch(site)
    assert "Nouveau" in (site / "ruches" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system of its own (tmpfs; root only), else the test is skipped."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill ``folder``'s file system but ``leave`` bytes."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    (folder / "ballast").write_bytes(b"\0" * max(free - leave, 0))


def test_a_full_disk_is_one_line_and_leaves_the_previous_site(
    brief: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_once(brief, capsys, small_disk / "site")
    before = digest(site)
    fill(small_disk, 200_000)
    status, said = run_build(brief, capsys, "--site-dir", str(site))
    assert status == 1
    assert "No space left on device: the disk is full: free some space, then build again" in said
    assert digest(site) == before and no_scratch(site)


def test_a_read_only_disk_is_one_line(
    brief: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = built_once(brief, capsys, small_disk / "site")
    before = digest(site)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    status, said = run_build(brief, capsys, "--site-dir", str(site))
    assert status == 1 and "Read-only file system: the disk is read-only" in said, said
    assert digest(site) == before


def test_a_refused_permission_names_the_path(
    brief: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = built_once(brief, capsys)
    before = digest(site)

    def refused(scratch: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(briefkit.commands.build, "swap", refused)
    status, said = run_build(brief, capsys)
    assert status == 1
    assert "site: Permission denied: you may not write there" in said
    assert digest(site) == before and no_scratch(site)


def test_names_with_spaces_accents_and_other_scripts_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = {"été des ruches.md": "Été", "ульи.md": "Ульи", "蜂箱.md": "蜂箱"}
    changes: dict[str, str | bytes | None] = {
        f"docs/fr/{name}": f"---\ntitle: {title}\ndescription: Page.\n---\n\n# {title}\n\nTexte.\n"
        for name, title in pages.items()
    }
    links = "[été](%C3%A9t%C3%A9%20des%20ruches.md), [ульи](<ульи.md>), [蜂箱](蜂箱.md)"
    changes["docs/fr/ruches.md"] = RUCHES + f"\nVoir {links}.\n"
    changes["docs/fr/assets/carte des ruches.svg"] = FILES["docs/fr/assets/carte.svg"]
    root = write_brief(tmp_path / "brief", changes)
    site = built_once(root, capsys)
    for folder in ("été des ruches", "ульи", "蜂箱"):
        assert (site / folder / "index.html").is_file()
        assert (site / folder / "sitemap.xml").is_file()
    html = (site / "ruches" / "index.html").read_text(encoding="utf-8")
    assert 'href="../%C3%A9t%C3%A9%20des%20ruches/"' in html
    assert "%D1%83%D0%BB%D1%8C%D0%B8" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_crlf_cr_and_bom_files_build_like_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = built_once(write_brief(tmp_path / "plain"), capsys)
    changes: dict[str, str | bytes | None] = {}
    for n, (path, text) in enumerate(p for p in FILES.items() if p[0].endswith((".md", ".bib"))):
        ending = ("\r\n", "\r", "\n")[n % 3]
        changes[path] = ("\ufeff" if n % 2 else "") + str(text).replace("\n", ending)
    odd = built_once(write_brief(tmp_path / "odd", changes), capsys)
    page = "ruches/index.html"
    assert (odd / page).read_bytes() == (plain / page).read_bytes()


def test_a_source_edited_during_the_build_changes_nothing_in_it(
    brief: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = briefkit.commands.build.build_sites

    def editing(publication: object, scratch: Path, with_pdf: bool = True) -> None:
        write_brief(brief, {"docs/fr/ruches.md": RUCHES.replace("# Les ruches", "# Changé")})
        bib = str(FILES["bib/sources.bib"]).replace("Bilan des récoltes", "Titre changé")
        write_brief(brief, {"bib/sources.bib": bib, "docs/fr/assets/carte.svg": "<svg/>"})
        real(publication, scratch, with_pdf)  # type: ignore[arg-type]

    monkeypatch.setattr(briefkit.commands.build, "build_sites", editing)
    site = built_once(brief, capsys)
    html = (site / "ruches" / "index.html").read_text(encoding="utf-8")
    assert "Les ruches" in html and "Changé" not in html
    assert "Bilan des récoltes" in html and "Titre changé" not in html
    assert b"<circle" in (site / "assets" / "carte.svg").read_bytes()


def test_typst_s_depth_limit_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import datetime as dt
    from types import SimpleNamespace

    import briefkit.pdf.export
    from briefkit.core.problems import BuildFailed

    said = "failed to compile document: maximum parsing depth exceeded"

    def too_deep(*args: object) -> None:
        raise RuntimeError(", ".join([said] * 50))

    monkeypatch.setattr(briefkit.pdf.export, "compile_pdf", too_deep)
    edition = SimpleNamespace(config_file=Path("mkdocs.yml"))
    typeset = SimpleNamespace(assembled=SimpleNamespace(edition=edition))
    with pytest.raises(BuildFailed) as failure:
        briefkit.pdf.export.write_pdf(typeset, tmp_path, dt.datetime.now(dt.UTC), 0.0)  # type: ignore[arg-type]
    assert str(failure.value) == (
        f"PDF (mkdocs.yml): Typst: {said}; a page nests lists or quotes too deeply: flatten it"
    )
