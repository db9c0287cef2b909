#!/usr/bin/env python3
"""How the size of a ``.bib`` file costs: parsing it, formatting references, building.

Run by hand (never as a timed test): ``.venv/bin/python scripts/bib_benchmark.py``.
Generates invented entries of every kind (TeX accents, macros, crossrefs,
names with von and Jr parts) at 1,000 and 10,000 entries and measures, in
fresh processes, the median of several runs of:

- parsing and checking the file (:func:`briefkit.bib.reader.load_bibliography`);
- formatting every entry's note in French (what listing them all would cost);
- building the fixture brief (tests/fixtures/minibrief, three references
  formatted) with the big file added, both languages, no PDF, against the
  same build without it.

Results go to benchmarks/README.md (section "Large bibliographies").
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
SIZES = (1_000, 10_000)
RUNS = 3
KINDS = [
    "@article{{a{i},\n  author = {{M{{\\\"u}}ller, J{{\\'e}}r{{\\^o}}me and van der Berg, Anna}},\n"
    "  title = {{On {{\\emph{{Salt}}}} -- Part {i}}},\n  journal = jgeo,\n  volume = {{{v}}},\n"
    "  pages = {{{p}--{q}}},\n  year = {{2001}},\n  month = \"10~\" # jan,\n}}\n\n",
    "@book{{b{i},\n  author = {{Okonkwo, Jr., Chidi}},\n  title = {{Harbours {i}}},\n"
    "  publisher = {{Ponant}},\n  address = {{Brest}},\n  edition = {{2}},\n"
    "  year = {{1999}},\n}}\n\n",
    "@incollection{{c{i},\n  author = {{Le Goff, Yann and others}},\n  title = {{Lights {i}}},\n"
    "  crossref = {{b{j}}},\n  pages = {{{p}--{q}}},\n}}\n\n",
    "@online{{d{i},\n  author = {{{{Centre for Sea Studies}}}},\n  title = {{Report {i}}},\n"
    "  organization = {{CSS}},\n  url = {{https://example.org/{i}}},\n  urldate = {{2023-10-23}},\n"
    "  year = {{2023}},\n}}\n\n",
]  # fmt: skip


def bib_text(size: int) -> str:
    parts = ['@string{jgeo = "Journal of Imaginary Geography"}\n\n']
    for i in range(size):
        kind = KINDS[i % len(KINDS)]
        parts.append(kind.format(i=i, j=i - i % len(KINDS) + 1, v=i % 40, p=i % 300, q=i % 300 + 9))
    return "".join(parts)


def timed(code: str, cwd: Path) -> float:
    """Median wall time of a Python snippet that prints its own elapsed seconds."""
    times = []
    for _ in range(RUNS):
        out = subprocess.run([PY, "-c", code], cwd=cwd, env=ENV, capture_output=True, text=True)
        out.check_returncode()
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def build_time(brief: Path) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        command = [
            PY,
            "-m",
            "briefkit.commands.build",
            "--root",
            str(brief),
            "--no-pdf",
            "--no-search",
        ]
        subprocess.run(command, cwd=brief, env=ENV, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


PARSE = """
import time; from pathlib import Path
from briefkit.bib.reader import load_bibliography
t = time.perf_counter(); b, p = load_bibliography([Path("big.bib")])
assert not [x for x in p if x.severity == "error"], p[:3]
print(time.perf_counter() - t)
"""
FORMAT_ALL = """
import time; from pathlib import Path
from briefkit.bib.reader import load_bibliography
from briefkit.style.references import full_reference
b, _ = load_bibliography([Path("big.bib")])
t = time.perf_counter()
for s in b.sources.values(): full_reference(s, "fr")
print(time.perf_counter() - t)
"""


def measure(work: Path) -> list[tuple[int, float, float, float]]:
    small = work / "small"
    shutil.copytree(ROOT / "tests/fixtures/minibrief", small)
    rows = [(0, 0.0, 0.0, build_time(small))]
    for size in SIZES:
        (work / "big.bib").write_text(bib_text(size), encoding="utf-8")
        brief = work / f"brief{size}"
        shutil.copytree(small, brief)
        shutil.copy(work / "big.bib", brief / "bib" / "big.bib")
        rows.append((size, timed(PARSE, work), timed(FORMAT_ALL, work), build_time(brief)))
    return rows


def report(rows: list[tuple[int, float, float, float]]) -> str:
    small = rows[0][3]
    lines = [
        "## Large bibliographies",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Date: {time.strftime('%Y-%m-%d')}. "
        "Command: `.venv/bin/python scripts/bib_benchmark.py` (medians of "
        f"{RUNS} fresh processes).",
        "",
        "The fixture brief (tests/fixtures/minibrief: three references formatted) built in both "
        "languages without PDF or search, with a generated `.bib` of N more entries added "
        "(articles, books, crossref'd chapters, web pages; TeX accents, macros, von and Jr "
        "names). Only cited sources are formatted, so the build costs the parse, not the size.",
        "",
        "| entries | parse and check (s) | format all notes, fr (s) | build (s) "
        "| build − small build (s) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for size, parse, fmt, build in rows:
        shown = ("–", "–") if size == 0 else (f"{parse:.2f}", f"{fmt:.2f}")
        lines.append(f"| {size:,} | {shown[0]} | {shown[1]} | {build:.2f} | {build - small:+.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text = report(measure(Path(tmp)))
    print(text)
    readme = ROOT / "benchmarks/README.md"
    current = readme.read_text(encoding="utf-8")
    section = re.compile(r"## Large bibliographies\n.*?(?=\n## |\Z)", re.S)
    if section.search(current):
        current = section.sub(text.rstrip("\n"), current)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    readme.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
