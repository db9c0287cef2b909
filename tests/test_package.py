"""The package's shape: layers as folders, imports downwards only, no cycle, installs alone."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefkit"

# The layers, bottom up: a folder may import its own modules and those of the
# folders of a lower rank, never a folder of its rank or above.
LAYERS: dict[str, int] = {
    "core": 0,
    "bib": 1,
    "maps": 1,
    "style": 2,
    "content": 3,
    "extensions": 4,
    "assembly": 5,
    "site": 6,
    "pdf": 6,
    # Translation status, XLIFF and termbase: it numbers passages as the extensions do
    # and reads the glossary; only the commands (check, translations) use it.
    "translation": 6,
    "commands": 7,
}
# Modules of the top folder: the package itself, the old names, ``python -m briefkit``.
TOP = {"briefkit", "briefkit.moved", "briefkit.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every ``briefkit`` module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "briefkit" or node.module.startswith("briefkit."):
                found.add(node.module)
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("briefkit.")}
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: (imports_of(path) & set(known)) - {name} for name, path in known.items()}


def layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    """``a -> b`` for every import from a folder into one of the same rank or above."""
    wrong = []
    for source, targets in sorted(edges.items()):
        if source in TOP:
            continue
        for target in sorted(targets):
            if target in TOP or (
                layer(target) != layer(source) and LAYERS[layer(target)] >= LAYERS[layer(source)]
            ):
                wrong.append(f"{source} -> {target}")
    return wrong


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


def test_every_module_lives_in_a_layer_folder() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(LAYERS)
    stray = sorted(name for name in modules() if name not in TOP and layer(name) not in LAYERS)
    assert stray == []


def test_each_folder_imports_only_the_folders_below_it() -> None:
    assert upward_imports(graph()) == []


def test_an_import_running_up_or_sideways_is_found() -> None:
    edges = {
        "briefkit.core.problems": {"briefkit.bib.reader"},  # up
        "briefkit.site.plugin": {"briefkit.pdf.export"},  # sideways, same rank
        "briefkit.pdf.export": {"briefkit.core.problems", "briefkit.pdf.fonts"},  # fine
    }
    assert upward_imports(edges) == [
        "briefkit.core.problems -> briefkit.bib.reader",
        "briefkit.site.plugin -> briefkit.pdf.export",
    ]


def test_no_import_cycle_direct_or_function_local() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def third_party_imports() -> set[str]:
    """Top-level names of every non-standard module the package imports (``maps`` aside)."""
    names = set()
    for name, path in modules().items():
        if layer(name) == "maps":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "briefkit"}


def distribution_of(module: str) -> str:
    (dist,) = importlib.metadata.packages_distributions()[module]
    return canonical(dist)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requires_dist(wheel: Path) -> list[str]:
    """``Requires-Dist`` of the wheel built from this tree (not of whatever is installed)."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode()
    return re.findall(r"^Requires-Dist: (.+)$", text, re.M)


def distribution_names(requires: list[str]) -> set[str]:
    return {canonical(re.split(r"[\s<>=!~\[;(]", r, maxsplit=1)[0]) for r in requires}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


# Needed at run time without an import of ours: Material loads its own
# Markdown extensions (pymdown-extensions comes with it).
# Packages used as data or as a theme, never imported: the theme (and its
# translations), the CSL locale files shipped in citeproc-py.
RUN_TIME_ONLY = {"mkdocs-material", "citeproc-py"}
MAP_EXTRA = {"pyproj", "shapely", "numpy", "basemap-data"}


def test_requires_dist_is_exactly_what_the_package_imports(wheel: Path) -> None:
    imported = {distribution_of(m) for m in third_party_imports()}
    always = [r for r in requires_dist(wheel) if "extra ==" not in r]
    assert distribution_names(always) == imported | RUN_TIME_ONLY


def test_the_map_extra_declares_what_maps_imports(wheel: Path) -> None:
    extra = [r for r in requires_dist(wheel) if 'extra == "map"' in r]
    assert distribution_names(extra) == MAP_EXTRA


def test_briefkit_is_a_regular_package() -> None:
    assert (PACKAGE / "__init__.py").is_file()


def test_old_module_names_load_the_new_modules_with_a_warning() -> None:
    import briefkit.extensions.citations as new

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import briefkit.citations as old  # type: ignore[import-not-found]
    assert old is new
    assert any("briefkit.extensions.citations" in str(w.message) for w in caught)


def test_old_python_dash_m_names_still_run() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "briefkit.checks", "--help"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "--root" in done.stdout


def test_python_dash_m_briefkit_dispatches() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefkit", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "check" in done.stdout


def build_wheel(out: Path) -> Path:
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-w", str(out), str(PACKAGE.parent)], check=True, capture_output=True)
    (wheel,) = out.glob("briefkit-*.whl")
    return wheel


def test_the_wheel_carries_the_theme_the_words_and_the_print_design(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*") if p.is_file()}
    data = {n for n in data if "__pycache__" not in n}
    assert data <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "briefkit = briefkit.commands.cli:main" in text
    assert "briefkit = briefkit.site.plugin:BriefPlugin" in text


def pinned_versions(requirements: str) -> str:
    """``name==version`` lines of a hashed requirements file."""
    return "\n".join(re.findall(r"^[A-Za-z0-9][^\s\\]*==[^\s\\]+", requirements, re.M)) + "\n"


def test_pinned_versions_drops_hashes_and_comments() -> None:
    text = "# via x\nfoo==1.2 \\\n    --hash=sha256:ab\nbar-baz==3 \\\n"
    assert pinned_versions(text) == "foo==1.2\nbar-baz==3\n"


@pytest.mark.slow
def test_the_wheel_works_in_a_clean_venv(wheel: Path, tmp_path: Path) -> None:
    """pip install the wheel alone (its declared dependencies, at the tested pins),
    then ``briefkit new``, ``check`` and ``build`` with the PDFs, outside this repository."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # The tested versions as constraints (pip takes no hashes there): only what the
    # wheel declares is installed, so a missing Requires-Dist fails below.
    pins = tmp_path / "constraints.txt"
    pins.write_text(pinned_versions((PACKAGE.parent / "requirements.txt").read_text()))
    pip = [str(venv / "bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    installed = subprocess.run([*pip, "-c", str(pins), str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    briefkit = str(venv / "bin/briefkit")
    brief = tmp_path / "brief"
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": "1700000000"}
    for command in (["new", str(brief), "--languages", "fr,en"], ["check", "--root", str(brief)]):
        done = subprocess.run([briefkit, *command], cwd=tmp_path, env=clean, capture_output=True)
        assert done.returncode == 0, done.stderr.decode()
    done = subprocess.run(
        [briefkit, "build", "--root", str(brief)], cwd=tmp_path, env=clean, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (brief / "site/index.html").is_file() and (brief / "site/en/index.html").is_file()
    assert (brief / "site/brief-fr.pdf").read_bytes().startswith(b"%PDF")
    assert (brief / "site/en/brief-en.pdf").read_bytes().startswith(b"%PDF")


def test_the_processor_table_names_every_processor_with_its_priority() -> None:
    import markdown

    from briefkit.extensions import BriefExtensions

    md = markdown.Markdown(extensions=[BriefExtensions(lang="fr")])
    ours = {"inline": md.inlinePatterns, "tree": md.treeprocessors}
    doc = BriefExtensions.extendMarkdown.__doc__ or ""
    rows = re.findall(r"^\s+(inline|tree)\s+([\w-]+)\s+([\d.]+)", doc, re.M)
    table = {(kind, name): float(priority) for kind, name, priority in rows}
    registered = {
        (kind, item.name): float(item.priority)
        for kind, registry in ours.items()
        for item in registry._priority
        if item.name not in {"inline", "prettify", "unescape"}
        and item.priority > 100 - 100
        and (kind == "tree" or item.name.startswith(("citation", "editor")))
    }
    assert table == registered
