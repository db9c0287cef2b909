#!/usr/bin/env python3
"""What a large ``.bib`` library costs: reading and checking it, the check, the build.

Run by hand (never as a timed test): ``.venv/bin/python scripts/bib_benchmark.py``.
Libraries of 1,000, 10,000 and 50,000 invented entries shaped like reference
managers' exports (tests/bibgen.py: abstracts, keywords, files, DOIs,
crossrefs, extended names, TeX) are read:

- side by side in one process, round after round: bibtexparser's own
  ``parse_string`` of the text, and the generator's reading and checking of
  it for a brief citing 30 of its entries (no disk cache: the cold case),
  then the same with the disk cache written (warm);
- by ``briefkit check`` and ``briefkit build --no-pdf --no-search`` on a brief
  made by ``briefkit new`` that cites 30 entries, in fresh processes, with
  the disk cache removed (cold) and kept (warm); the warm build beside the
  same brief whose ``.bib`` holds only the entries it cites, the two run in
  turn (the library's own cost); peak memory is the largest resident size of
  the command's processes.

Results go to benchmarks/README.md (section "Large bibliographies"), replacing
only that section.
"""

from __future__ import annotations

import logging
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
sys.path.insert(0, str(ROOT))

import bibtexparser  # noqa: E402

from briefkit.bib import reader  # noqa: E402
from briefkit.bib.canonical import parse_library  # noqa: E402
from tests.bibgen import entry, good_keys, library  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
SIZES = (1_000, 10_000, 50_000)
ROUNDS = 5
RUNS = 3
PAIRS = 7
CITED = 30
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "w = time.perf_counter() - t\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(r.returncode, w, u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
)
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


def side_by_side(text: str, path: Path, cited: list[str]) -> dict[str, float]:
    """Medians (seconds) of parse, cold read and check, warm read and check; CPU and wall."""
    cpu: dict[str, list[float]] = {"parse": [], "cold": [], "warm": []}
    wall: dict[str, list[float]] = {"parse": [], "cold": [], "warm": []}
    cache_root = path.parent / "warm"
    shutil.rmtree(cache_root, ignore_errors=True)
    for _ in range(ROUNDS):
        for name, job in (
            ("parse", lambda: bibtexparser.parse_string(text, parse_stack=[])),
            ("cold", lambda: _read_and_check(path, cited, None)),
            ("warm", lambda: _read_and_check(path, cited, cache_root)),
        ):
            parse_library.cache_clear()
            reader._CACHE.clear()
            started, processor = time.perf_counter(), time.process_time()
            job()
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - processor)
    result = {f"{n} cpu": statistics.median(v) for n, v in cpu.items()}
    result.update({f"{n} wall": statistics.median(v) for n, v in wall.items()})
    return result


def _read_and_check(path: Path, cited: list[str], root: Path | None) -> None:
    bibliography, _ = reader.load_bibliography([path], root=root)
    bibliography.check(cited)


def cited_keys(size: int) -> list[str]:
    return good_keys(size)[:: max(1, size // CITED)][:CITED]


def make_brief(work: Path, size: int, whole: bool = True) -> Path:
    """A new brief citing 30 entries of a library of ``size``: all of it, or only them."""
    brief = work / f"brief{size}{'' if whole else '-cited'}"
    command = [PY, "-m", "briefkit", "new", str(brief), "--languages", "fr,en"]
    subprocess.run(command, env=ENV, capture_output=True, check=True)
    keys = cited_keys(size)
    if whole:
        text = library(size)
    else:  # the same citations, from a library holding only them (and their parents)
        indices = {int(re.sub(r"\D", "", key)) for key in keys}
        indices |= {i - i % 5 + 1 for i in indices if i % 5 == 2}  # a chapter's book
        text = "\n".join(entry(i) for i in sorted(indices))
    (brief / "bib" / "shared.bib").write_text(text, encoding="utf-8")
    cited = "; ".join(f"@{key}" for key in keys)
    for lang in ("fr", "en"):
        page = brief / "docs" / lang / "section.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\nVoir [{cited}].\n", "utf-8")
    return brief


def once(command: list[str], brief: Path) -> tuple[float, float, float]:
    """Wall time (s), peak memory (MiB) and CPU time (s) of ``command`` in a fresh process."""
    out = subprocess.run([PY, "-c", MEASURE, *command], cwd=brief, env=ENV,
                         capture_output=True, text=True, check=True)  # fmt: skip
    code, wall, peak, cpu = out.stdout.split()
    if code not in ("0", "1"):
        raise SystemExit(f"{command} failed in {brief}")
    return float(wall), int(peak) / 1024, float(cpu)


def run(command: list[str], brief: Path, cold: bool) -> tuple[float, float]:
    """Median wall time (s) and largest peak memory (MiB) of ``command`` in fresh processes."""
    times, peaks = [], []
    for _ in range(RUNS):
        if cold:
            shutil.rmtree(brief / ".cache", ignore_errors=True)
        wall, peak, _ = once(command, brief)
        times.append(wall)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def library_cost(brief: Path, alone: Path) -> dict[str, float]:
    """The warm build's cost beside the cited-only build, runs interleaved (same load)."""
    walls: dict[str, list[float]] = {"whole": [], "alone": []}
    cpus: dict[str, list[float]] = {"whole": [], "alone": []}
    once(commands(alone)["build"], alone)  # its disk cache written: both builds warm
    for _ in range(PAIRS):
        for name, where in (("whole", brief), ("alone", alone)):
            wall, _, cpu = once(commands(where)["build"], where)
            walls[name].append(wall)
            cpus[name].append(cpu)
    result = {f"{n} wall": statistics.median(v) for n, v in walls.items()}
    result.update({f"{n} cpu": statistics.median(v) for n, v in cpus.items()})
    return result


def commands(brief: Path) -> dict[str, list[str]]:
    return {
        "check": [PY, "-m", "briefkit", "check", "--root", str(brief)],
        "build": [PY, "-m", "briefkit", "build", "--root", str(brief), "--no-pdf", "--no-search"],
    }


def measure(work: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for size in SIZES:
        brief = make_brief(work, size)
        path = brief / "bib" / "shared.bib"
        text = path.read_text(encoding="utf-8")
        cited = cited_keys(size)
        row: dict[str, object] = {"size": size, "megabytes": len(text.encode()) / 1e6}
        alone = make_brief(work, size, whole=False)
        row.update(side_by_side(text, path, cited))
        for name, command in commands(brief).items():
            row[f"{name} cold"] = run(command, brief, cold=True)
            row[f"{name} warm"] = run(command, brief, cold=False)
        row["cost"] = library_cost(brief, alone)
        rows.append(row)
        print(f"… {size:,} entries measured", flush=True)
    return rows


def report(rows: list[dict[str, object]]) -> str:
    lines = [
        "## Large bibliographies",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Date: {time.strftime('%Y-%m-%d')}. "
        "Command: `.venv/bin/python scripts/bib_benchmark.py`.",
        "",
        "Invented libraries shaped like reference managers' exports (tests/bibgen.py). "
        f"**Read and check** is the generator's reading of the library and its check for a "
        f"brief citing {CITED} entries, beside **bibtexparser's own `parse_string`** of the "
        f"same text, in one process, round after round ({ROUNDS} rounds, medians; CPU time, "
        "then wall time); *cold*: no disk cache, *warm*: the parsed library read back from "
        "`.cache/briefkit/`. Target: cold read and check at most 1.5× the parse.",
        "",
        "| entries | MB | parse (s) | read and check, cold (s) | ratio | warm (s) | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        p, c, w = r["parse cpu"], r["cold cpu"], r["warm cpu"]
        pw, cw, ww = r["parse wall"], r["cold wall"], r["warm wall"]
        lines.append(
            f"| {r['size']:,} | {r['megabytes']:.1f} | {p:.2f} / {pw:.2f} | {c:.2f} / {cw:.2f} "
            f"| {c / p:.2f}× / {cw / pw:.2f}× | {w:.2f} / {ww:.2f} | {w / p:.2f}× |"  # type: ignore[operator]
        )
    lines += [
        "",
        f"`briefkit check` and `briefkit build --no-pdf --no-search` on a brief made by "
        f"`briefkit new` citing {CITED} entries of the library (fresh processes, medians of "
        f"{RUNS}; wall time; peak memory: the largest resident size of the command's "
        "processes). The library's own cost is the warm build beside the same brief whose "
        "`.bib` holds only the entries it cites (same notes, same bibliography), the two "
        f"builds run in turn {PAIRS} times each (medians; wall time, then CPU time, which "
        "other work on the machine disturbs less). Target: at most 0.3 s.",
        "",
        "| entries | check cold (s) | check warm (s) | build cold (s) | build warm (s) "
        "| build, cited entries only (s) | the library's cost (s) "
        "| peak memory, check / build (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        cc, cw, cost = r["check cold"], r["check warm"], r["cost"]
        bc, bw = r["build cold"], r["build warm"]
        wall = cost["whole wall"] - cost["alone wall"]  # type: ignore[index]
        cpu = cost["whole cpu"] - cost["alone cpu"]  # type: ignore[index]
        lines.append(
            f"| {r['size']:,} | {cc[0]:.2f} | {cw[0]:.2f} | {bc[0]:.2f} | {bw[0]:.2f} "  # type: ignore[index]
            f"| {cost['alone wall']:.2f} | {wall:+.2f} / {cpu:+.2f} "  # type: ignore[index]
            f"| {max(cc[1], cw[1]):.0f} / {max(bc[1], bw[1]):.0f} |"  # type: ignore[index]
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text = report(measure(Path(tmp)))
    print(text)
    readme = ROOT / "benchmarks/README.md"
    current = readme.read_text(encoding="utf-8")
    section = re.compile(r"## Large bibliographies\n.*?(?=\n## |\Z)", re.S)
    if section.search(current):
        current = section.sub(lambda _: text.rstrip("\n"), current)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    readme.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
