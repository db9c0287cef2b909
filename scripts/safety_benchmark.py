"""Bounded cost: the editors' check on a huge `.bib` file and on tiny hostile inputs.

Times ``briefkit check`` (a fresh process each time, so start-up counts, as for
an editor) on the tiny brief of the tests (``tests/tinybrief.py``) with a
generated ``.bib`` file of 50,000 entries (the generator of
``scripts/bib_benchmark.py``), and on the same brief with each tiny hostile
input that used to exhaust memory or time: a YAML alias bomb in front matter
(a few hundred bytes, 10^9 values once expanded), a 2 KB ``@string`` chain that
doubles 40 times, and a page nested 200 levels deep. Each must end in about
the time of a clean check, with its message.

Results go to benchmarks/README.md (section "Bounded cost"), replacing only that section.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bib_benchmark import bib_text  # noqa: E402

from tests.tinybrief import FILES, RUCHES, write_brief  # noqa: E402

RUNS = 3
BIG = 50_000


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines)


def string_chain(levels: int = 40) -> str:
    chain = ['@string{s0 = "' + "x" * 64 + '"}']
    chain += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, levels)]
    return "\n".join(chain) + f"\n@misc{{longue, title = s{levels - 1}}}\n"


def cases() -> dict[str, dict[str, str | bytes | None]]:
    index = str(FILES["docs/fr/index.md"])
    nested = "\n".join("    " * i + f"- niveau {i}" for i in range(200))
    return {
        "clean tiny brief": {},
        f"{BIG:,}-entry .bib added": {"bib/big.bib": bib_text(BIG)},
        "YAML alias bomb in front matter (10^9 values)": {
            "docs/fr/index.md": index.replace("author: ", alias_bomb() + "\nauthor: ", 1)
        },
        "@string chain doubling 40 times (2^40 × 64 characters)": {
            "bib/sources.bib": str(FILES["bib/sources.bib"]) + string_chain()
        },
        "page nested 200 levels deep": {"docs/fr/ruches.md": RUCHES + "\n" + nested + "\n"},
    }


def check_time(root: Path) -> tuple[float, str]:
    """Median wall time of ``briefkit check`` and the last line it printed."""
    times, said = [], ""
    for _ in range(RUNS):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "briefkit", "check", "--root", str(root)],
            capture_output=True,
            text=True,
            cwd=root,
            check=False,
        )
        times.append(time.perf_counter() - started)
        lines = [line for line in done.stdout.splitlines() if ": error: " in line]
        said = lines[0].split(": error: ", 1)[1][:90] if lines else done.stderr.strip()
    return statistics.median(times), said


def report(rows: list[tuple[str, float, str]]) -> str:
    lines = [
        "## Bounded cost",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Date: {time.strftime('%Y-%m-%d')}. "
        f"Command: `.venv/bin/python scripts/safety_benchmark.py` (medians of {RUNS} "
        "fresh `briefkit check` processes, start-up included).",
        "",
        "The tests' tiny brief (tests/tinybrief.py), then the same brief with one input "
        "added. The hostile inputs are a few hundred bytes to 2 KB each.",
        "",
        "| input | check (s) | what the check says |",
        "| --- | ---: | --- |",
    ]
    for name, seconds, said in rows:
        lines.append(f"| {name} | {seconds:.2f} | {said.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, changes) in enumerate(cases().items()):
            root = write_brief(Path(tmp) / f"brief{n}", changes)
            seconds, said = check_time(root)
            print(f"{name}: {seconds:.2f} s  {said}", flush=True)
            rows.append((name, seconds, said))
    text = report(rows)
    readme = ROOT / "benchmarks/README.md"
    current = readme.read_text(encoding="utf-8")
    section = re.compile(r"## Bounded cost\n.*?(?=\n## |\Z)", re.S)
    if section.search(current):
        current = section.sub(text.rstrip("\n"), current)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    readme.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
