"""The package's shape: a real package, no import cycle, installable on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefkit"


def imports_of(path: Path) -> set[str]:
    """Every ``briefkit`` module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "briefkit":
                found |= {f"briefkit.{alias.name}" for alias in node.names}
            elif node.module.startswith("briefkit."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("briefkit.")}
    return found


def graph() -> dict[str, set[str]]:
    modules = {f"briefkit.{p.stem}": p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: imports_of(path) & set(modules) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by depth-first search (each reported from its first module)."""
    found, state = [], dict.fromkeys(edges, 0)  # 0 new, 1 on the stack, 2 done

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state[nxt] == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif state[nxt] == 0:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(edges):
        if state[node] == 0:
            visit(node, [node])
    return found


def test_no_import_cycle_direct_or_function_local() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_briefkit_is_a_regular_package() -> None:
    assert (PACKAGE / "__init__.py").is_file()


def test_the_wheel_carries_the_theme_and_the_words(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*command, "-w", str(tmp_path), str(PACKAGE.parent)], check=True, capture_output=True
    )
    (wheel,) = tmp_path.glob("briefkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "briefkit/languages/fr.yml",
        "briefkit/templates/main.html",
        "briefkit/templates/partials/alternate.html",
        "briefkit/templates/assets/brief.css",
        "briefkit/cli.py",
    ):
        assert needed in names, needed
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Dist: mkdocs" in text and "Requires-Dist: pybtex" in text
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "briefkit = briefkit.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
