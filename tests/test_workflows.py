"""The GitHub workflows: valid for actionlint, and running the README's own commands."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PR, PUBLISH = WORKFLOWS / "pr.yml", WORKFLOWS / "publish.yml"
# actionlint compiled to WebAssembly, from the npm registry (package-lock.json; scripts/setup
# runs npm ci), run by a small driver: no binary to download from github.com.
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint"
DRIVER = ROOT / "tests" / "actionlint.cjs"
# GitHub's ubuntu-latest has no chromium package (Ubuntu ships a snap): jobs that set up
# run in Python's official image of the Debian release and Python the README names.
DEBIAN = {"12": "bookworm", "13": "trixie"}
# Before the README's commands, a job installs only what the README assumes of a fresh
# Debian machine besides Python (git), as root (no sudo in the container), and trusts
# its checkout.
APT_INSTALL = ["apt-get", "install", "-y", "-q", "--no-install-recommends"]
PRELUDE = [
    ["apt-get", "update", "-q"],
    [*APT_INSTALL, "ca-certificates", "git"],
    ["git", "config", "--global", "--add", "safe.directory", "$GITHUB_WORKSPACE"],
]
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def job_commands(job: dict[str, Any]) -> list[list[str]]:
    """Every shell command of a job's ``run:`` steps, split into words."""
    commands = []
    for step in job.get("steps", []):
        for line in str(step.get("run", "")).splitlines():
            for command in re.split(r"&&|;|\|\|", line):
                if command.strip():
                    commands.append(shlex.split(command))
    return commands


def run_commands(workflow: Path) -> list[list[str]]:
    """Every shell command of the workflow's ``run:`` steps, split into words."""
    return [command for job in load(workflow)["jobs"].values() for command in job_commands(job)]


def setup_jobs() -> dict[str, dict[str, Any]]:
    """The jobs that run ``bash scripts/setup``, as ``workflow:job``."""
    return {
        f"{workflow.name}:{name}": job
        for workflow in (PR, PUBLISH)
        for name, job in load(workflow)["jobs"].items()
        if ["bash", "scripts/setup"] in job_commands(job)
    }


def runs(workflow: Path, command: list[str]) -> bool:
    """Whether the workflow runs ``command`` (further arguments allowed)."""
    return any(words[: len(command)] == command for words in run_commands(workflow))


def quick_start_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def readme_quick_start() -> list[list[str]]:
    """The commands of the README's Quick start fenced block."""
    section = quick_start_section()
    block = re.search(r"^```\w*\n(.*?)^```", section, re.S | re.M)
    assert block, "README's Quick start has no fenced block"
    return [shlex.split(line) for line in block[1].splitlines() if line.strip()]


def script_commands(name: str) -> list[list[str]]:
    """The commands a ``scripts/`` file runs (comments and shell options left out)."""
    lines = (ROOT / "scripts" / name).read_text(encoding="utf-8").splitlines()
    return [shlex.split(line) for line in lines if line.strip() and not line.startswith("#")]


def actionlint(*files: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node and ACTIONLINT.is_dir(), "bash scripts/setup installs Node.js and actionlint"
    # No network: actionlint only reads the files (the WebAssembly build runs no shellcheck).
    return subprocess.run(
        [node, str(DRIVER), *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_actionlint_passes_on_every_workflow() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert files
    result = actionlint(*files)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.evnt }}\n",
        encoding="utf-8",
    )
    result = actionlint(str(broken))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"{broken}:6:"), result.stdout
    assert 'property "evnt" is not defined' in result.stdout


def test_the_workflows_run_the_readme_commands() -> None:
    setup_and_build, test = readme_quick_start()
    assert setup_and_build == ["bash", "scripts/bootstrap"]
    # The README's first command is setup then build: the workflows spell it out.
    bootstrap = script_commands("bootstrap")
    assert ["bash", "scripts/setup"] in bootstrap
    assert ["bash", "scripts/build", "$@"] in bootstrap
    for command in (["bash", "scripts/setup"], ["bash", "scripts/build"], test):
        assert runs(PR, command), f"{PR.name} does not run {shlex.join(command)}"
    assert runs(PR, ["bash", "scripts/check", "--format", "github"])
    assert runs(PR, ["bash", "scripts/translations", ">>", "$GITHUB_STEP_SUMMARY"])
    for command in (["bash", "scripts/setup"], ["bash", "scripts/build"]):
        assert runs(PUBLISH, command), f"{PUBLISH.name} does not run {shlex.join(command)}"


def test_the_pull_request_workflow_builds_before_it_tests_and_keeps_the_site() -> None:
    commands = [shlex.join(c[:2]) for c in run_commands(PR)[len(PRELUDE) :]]
    assert commands == [
        "bash scripts/setup",
        "bash scripts/check",
        "bash scripts/translations",
        "bash scripts/build",
        "bash scripts/test",
    ]
    steps = load(PR)["jobs"]["check-build-test"]["steps"]
    upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert [s["with"]["path"] for s in upload] == ["site/"]


@pytest.mark.parametrize("workflow", [PR, PUBLISH], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    uses = [line for line in workflow.read_text().splitlines() if "uses:" in line]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


def test_permissions_are_least_privilege() -> None:
    for workflow in (PR, PUBLISH):
        assert load(workflow)["permissions"] == {"contents": "read"}
    assert "permissions" not in load(PR)["jobs"]["check-build-test"]
    jobs = load(PUBLISH)["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert load(PUBLISH)["concurrency"]["group"] == "pages"


def test_publish_runs_on_pushes_to_main_and_pull_requests_on_pull_requests() -> None:
    # PyYAML reads the key `on` as True.
    assert load(PUBLISH)[True] == {"push": {"branches": ["main"]}}
    assert "pull_request" in load(PR)[True]


def test_setup_jobs_exist() -> None:
    assert sorted(setup_jobs()) == ["pr.yml:check-build-test", "publish.yml:build"]


@pytest.mark.parametrize("name", sorted(setup_jobs()))
def test_jobs_run_in_the_debian_the_readme_names(name: str) -> None:
    job = setup_jobs()[name]
    container = job.get("container")
    image = container["image"] if isinstance(container, dict) else container
    match = re.fullmatch(r"python:(\d+\.\d+)-slim-(\w+)", str(image))
    assert match, (
        f"{name}: run in `container: python:<version>-slim-<debian>` (Ubuntu: no chromium)"
    )
    quick_start = quick_start_section()
    readme = re.search(r"fresh Debian (\d+) machine with Python (\d+\.\d+)", quick_start)
    assert readme, "README's Quick start no longer names a Debian release and a Python version"
    assert (match[1], match[2]) == (readme[2], DEBIAN.get(readme[1])), f"{image}: not the README's"
    uses = [str(step.get("uses", "")) for step in job["steps"]]
    assert not [u for u in uses if u.startswith("actions/setup-python@")], "Python is the image's"


@pytest.mark.parametrize("name", sorted(setup_jobs()))
def test_jobs_install_only_what_the_readme_assumes_then_run_its_commands(name: str) -> None:
    job = setup_jobs()[name]
    commands = job_commands(job)
    assert commands[: commands.index(["bash", "scripts/setup"])] == PRELUDE
    assert not [c for c in commands if "sudo" in c], "steps run as root in the container"
    steps = [str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"]]
    where = {
        key: next(i for i, step in enumerate(steps) if key in step)
        for key in ("apt-get install", "actions/checkout@", "safe.directory", "scripts/setup")
    }
    # git before the checkout (or no repository: the build dates itself by the last commit).
    assert list(where.values()) == sorted(where.values()), where


def test_the_pull_request_workflow_reads_the_whole_history_for_the_translation_status() -> None:
    steps = load(PR)["jobs"]["check-build-test"]["steps"]
    (checkout,) = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0  # blame needs it; a shallow clone only notes it
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/translations" in readme, "README names the status command the PR runs"
