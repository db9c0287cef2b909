"""The build as a whole: atomic publication and reproducible bytes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import briefkit.commands.build
import briefkit.core.sidebyside
from briefkit.commands.build import BuildFailed, build_all
from tests.conftest import ROOT


def tree_digest(site: Path) -> dict[str, str]:
    """Every file of a site tree with the hash of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("atomic") / "site"
    build_all(ROOT, target, with_pdf=False)
    return target


def test_a_failing_stage_leaves_the_previous_site_intact(
    previous_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_digest(previous_site)

    def broken_pdf(root: Path, site: Path) -> None:
        assert (site / "index.html").is_file()  # the HTML stages did run first
        raise BuildFailed("PDF: simulated failure")

    monkeypatch.setattr(briefkit.commands.build, "_export_pdfs", broken_pdf)
    with pytest.raises(BuildFailed, match="simulated failure"):
        build_all(ROOT, previous_site, with_pdf=True)
    assert tree_digest(previous_site) == before
    assert not (previous_site.parent / ".site.partial").exists()


def test_a_killed_build_leaves_the_previous_site_intact(previous_site: Path) -> None:
    before = tree_digest(previous_site)
    scratch = previous_site.parent / ".site.partial"
    command = [sys.executable, "-m", "briefkit.commands.build", "--site-dir", str(previous_site)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ}
    )
    deadline = time.monotonic() + 60
    while not (scratch / "index.html").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (scratch / "index.html").exists(), "the build never reached its first stage"
    assert tree_digest(previous_site) == before


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    build_all(ROOT, tmp_path / "one", with_pdf=True)
    build_all(ROOT, tmp_path / "two", with_pdf=True)
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert "brief-fr.pdf" in one and "en/brief-en.pdf" in one
    assert one == two


def test_each_source_file_is_read_once_per_build(
    brief_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefkit.core.sources

    reads: list[Path] = []
    real = briefkit.core.sources.from_disk

    def counting(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(briefkit.core.sources, "from_disk", counting)
    build_all(brief_copy, brief_copy / "site", with_pdf=False, with_search=False)
    sources = sorted(
        p.resolve()
        for folder in ("docs/fr", "docs/en", "bib")
        for p in (brief_copy / folder).rglob("*")
        if p.is_file() and not p.name.startswith(".")  # hidden files are never sources
    )
    # Every page, image and .bib file of the snapshot, each exactly once (and the configs).
    assert sorted(r for r in reads if r.suffix != ".yml") == sources
    assert sorted(r.name for r in reads if r.suffix == ".yml") == ["mkdocs.en.yml", "mkdocs.yml"]


def test_editions_built_side_by_side_equal_editions_built_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forks: list[bool] = []

    def decide(answer: bool) -> None:
        monkeypatch.setattr(
            briefkit.core.sidebyside, "can_fork", lambda: forks.append(answer) or answer
        )

    decide(True)
    build_all(ROOT, tmp_path / "side-by-side", with_pdf=False)
    decide(False)
    build_all(ROOT, tmp_path / "in-turn", with_pdf=False)
    assert forks == [True, False]
    assert tree_digest(tmp_path / "side-by-side") == tree_digest(tmp_path / "in-turn")
    assert not list(tmp_path.glob(".*.editions"))
