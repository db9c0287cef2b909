#!/usr/bin/env python3
"""Benchmark the generator against plain Material and the off-the-shelf peer.

Run by hand (never as a timed test): ``.venv/bin/python scripts/benchmark.py``.
Every configuration runs side by side in one session, several times each, in
fresh processes; medians and ratios are reported (absolute seconds on a shared
2-core machine mean little, ratios do). Results go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CITED = re.compile(r"(?<![^\s;\[])@(\w)")  # the start of a citation key
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
PEER_PACKAGES = ["mkdocs-static-i18n==1.3.1", "mkdocs-bibtex==4.4.0", "mkdocs-to-pdf==0.12.1"]


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not all children's
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return elapsed, usage.ru_maxrss


def plain_configs(brief: Path) -> list[Path]:
    """The brief's configs without the generator (its extensions and plugin): plain Material."""
    french = yaml.safe_load((brief / "mkdocs.yml").read_text(encoding="utf-8"))
    french["markdown_extensions"] = [
        e for e in french["markdown_extensions"] if "briefkit" not in str(e)
    ]
    french["plugins"] = []
    french["strict"] = False
    (brief / "plain.mkdocs.yml").write_text(yaml.safe_dump(french, allow_unicode=True), "utf-8")
    english = (brief / "mkdocs.en.yml").read_text(encoding="utf-8")
    (brief / "plain.en.yml").write_text(
        english.replace("INHERIT: mkdocs.yml", "INHERIT: plain.mkdocs.yml"), "utf-8"
    )
    return [brief / "plain.mkdocs.yml", brief / "plain.en.yml"]


PEER_CONFIG = """site_name: De Pyongyang à Moscou
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme: {name: material, language: fr}
markdown_extensions: [footnotes, attr_list, md_in_html, tables, admonition]
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fr, default: true, name: Français, build: true}
        - {locale: en, name: English, build: true}
  - bibtex:
      bib_dir: bib
  - to-pdf:
      output_path: brief.pdf
"""


def measure(label: str, step: Callable[[], tuple[float, int]], repeat: int) -> dict[str, object]:
    times, peaks = [], []
    for _ in range(repeat):
        elapsed, peak = step()
        times.append(elapsed)
        peaks.append(peak)
    result = {
        "label": label,
        "median": statistics.median(times),
        "min": min(times),
        "peak_mib": max(peaks) / 1024,
    }
    print(
        f"{label:<48} median {result['median']:.2f} s  (min {result['min']:.2f} s, "
        f"peak {result['peak_mib']:.0f} MiB)",
        flush=True,
    )
    return result


def side_by_side(brief: Path, repeat: int, peer_python: str | None) -> list[dict[str, object]]:
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    plain_fr, plain_en = plain_configs(brief)
    (brief / "peer.mkdocs.yml").write_text(PEER_CONFIG, encoding="utf-8")

    def plain() -> tuple[float, int]:
        # Both editions in one process, as the generator's build does them.
        code = (
            "from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            f"build(load_config({str(plain_fr)!r}, site_dir={str(out / 'p')!r})); "
            f"build(load_config({str(plain_en)!r}, site_dir={str(out / 'p' / 'en')!r}))"
        )
        return run([PY, "-c", code], brief)

    def ours(*flags: str) -> Callable[[], tuple[float, int]]:
        return lambda: run(
            [
                PY,
                "-m",
                "briefkit.build",
                "--root",
                str(brief),
                "--site-dir",
                str(out / "o"),
                *flags,
            ],
            brief,
        )

    results = [
        measure("1. plain Material, both languages (floor)", plain, repeat),
        measure(
            "2. briefkit, both languages (citations, glossary, figures)",
            ours("--no-pdf", "--no-search"),
            repeat,
        ),
        measure("3. briefkit, both languages and search index", ours("--no-pdf"), repeat),
        measure("4. briefkit, both languages, search and both PDFs", ours(), repeat),
    ]
    if peer_python:
        results.append(
            measure(
                "5. peer: static-i18n + bibtex + to-pdf (one PDF)",
                lambda: run(
                    [
                        peer_python,
                        "-m",
                        "mkdocs",
                        "build",
                        "-q",
                        "-f",
                        "peer.mkdocs.yml",
                        "-d",
                        str(out / "peer"),
                    ],
                    brief,
                ),
                repeat,
            )
        )
    shutil.rmtree(out, ignore_errors=True)
    return results


def synthetic_brief(target: Path, scale: int) -> Path:
    """This brief repeated ``scale`` times: N× pages, citations, .bib entries, glossary."""
    # The brief's content only: a copy of the generator here would shadow the installed one.
    for name in ("docs", "bib"):
        shutil.copytree(ROOT / name, target / name)
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, target / config.name)
    sections = ["vostotchny.md", "partenariat-inegal.md", "attendre-et-observer.md"]
    bib = (ROOT / "bib" / "brief.bib").read_text(encoding="utf-8")
    extra_bib = []
    for copy in range(1, scale):
        extra_bib.append(re.sub(r"^@(\w+)\{", rf"@\1{{s{copy}", bib, flags=re.M))
        for lang in ("fr", "en"):
            for section in sections:
                text = (ROOT / "docs" / lang / section).read_text(encoding="utf-8")
                text = CITED.sub(rf"@s{copy}\1", text)
                (target / "docs" / lang / f"copy{copy}-{section}").write_text(text, "utf-8")
    if extra_bib:
        (target / "bib" / "synthetic.bib").write_text("\n".join(extra_bib), encoding="utf-8")
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("not_in_nav: |", "not_in_nav: |\n  /copy*"), "utf-8")
    return target


def scaling(repeat: int) -> list[dict[str, object]]:
    results = []
    for scale in (1, 10, 50):
        with tempfile.TemporaryDirectory(prefix=f"bench-x{scale}-") as tmp:
            brief = synthetic_brief(Path(tmp) / "brief", scale)
            out = Path(tmp) / "site"
            result = measure(
                f"{scale}× brief ({scale * 3} sections per language), no PDF",
                lambda b=brief, o=out: run(
                    [
                        PY,
                        "-m",
                        "briefkit.build",
                        "--root",
                        str(b),
                        "--site-dir",
                        str(o),
                        "--no-pdf",
                    ],
                    b,
                ),
                repeat,
            )
            result["scale"] = scale
            results.append(result)
    return results


def edit_loop(repeat: int) -> dict[str, object]:
    """One edition rebuilt after saving one page: what `mkdocs serve` does on save."""
    page = ROOT / "docs" / "fr" / "vostotchny.md"

    def rebuild() -> tuple[float, int]:
        os.utime(page)
        return run(
            [
                PY,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-d",
                str(Path(tempfile.gettempdir()) / "bench-serve"),
            ],
            ROOT,
        )

    return measure("edit loop: save a page, rebuild its edition", rebuild, repeat)


def install_peer() -> str | None:
    """A throwaway venv with the off-the-shelf peer, or None (with the reason printed)."""
    venv = Path(tempfile.gettempdir()) / "briefkit-peer-venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
    result = subprocess.run(
        [
            str(venv / "bin" / "pip"),
            "install",
            "-q",
            "mkdocs==1.6.1",
            "mkdocs-material==9.8.2",
            *PEER_PACKAGES,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"peer skipped: its packages could not be installed:\n{result.stderr[-800:]}")
        return None
    return str(venv / "bin" / "python")


def write_report(
    rows: list[dict[str, object]],
    scale: list[dict[str, object]],
    loop: dict[str, object],
    target: Path,
) -> None:
    floor = float(rows[0]["median"])  # type: ignore[arg-type]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}.",
        f"Date: {time.strftime('%Y-%m-%d')}. Command: `.venv/bin/python scripts/benchmark.py`.",
        "",
        "| configuration | median (s) | ratio to floor | peak memory (MiB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {row['median']:.2f} | "
            f"{float(row['median']) / floor:.2f} | {row['peak_mib']:.0f} |"
        )  # type: ignore
    ours, full = float(rows[1]["median"]), float(rows[3]["median"])  # type: ignore[arg-type]
    lines += [
        "",
        "## Targets",
        "",
        f"- Generator overhead (citations, glossary, figures and the parity check, both "
        f"languages; row 2 against row 1): {100 * (ours / floor - 1):+.1f} % over plain "
        "Material (target: at most +15 %).",
    ]
    if len(rows) > 4:
        peer = float(rows[4]["median"])  # type: ignore[arg-type]
        lines.append(
            f"- Full build with both PDFs: {full:.2f} s against the peer's {peer:.2f} s "
            f"with its single PDF ({full / peer:.2f}×; target: below 1)."
        )
    else:
        lines.append("- The peer could not be installed on this run: no comparison.")
    lines += [
        "",
        "## Scaling (synthetic brief)",
        "",
        "| size | median (s) | per 1× | peak memory (MiB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in scale:
        per = float(row["median"]) / int(row["scale"])  # type: ignore[arg-type]
        lines.append(
            f"| {row['label']} | {row['median']:.2f} | {per:.2f} | {row['peak_mib']:.0f} |"
        )
    lines += ["", "## Edit loop", "", f"{loop['label']}: median {loop['median']:.2f} s.", ""]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "README.md")
    args = parser.parse_args()
    peer = None if args.no_peer else install_peer()
    with tempfile.TemporaryDirectory(prefix="bench-brief-") as tmp:
        brief = synthetic_brief(Path(tmp) / "brief", 1)
        rows = side_by_side(brief, args.repeat, peer)
    scale = scaling(max(1, args.repeat // 2))
    loop = edit_loop(args.repeat)
    write_report(rows, scale, loop, args.out)
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
