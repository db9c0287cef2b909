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
# This script's sections of the report; the others belong to the other measuring scripts.
OWN_SECTIONS = ("## Targets", "## Scaling (synthetic brief)", "## Edit loop")
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
    return measure_together([(label, step)], repeat)[0]


def measure_together(
    steps: list[tuple[str, Callable[[], tuple[float, int]]]], repeat: int
) -> list[dict[str, object]]:
    """Every step run once per round, round after round: a busy machine slows all alike."""
    times: dict[str, list[float]] = {label: [] for label, _ in steps}
    peaks: dict[str, list[int]] = {label: [] for label, _ in steps}
    for _ in range(repeat):
        for label, step in steps:
            elapsed, peak = step()
            times[label].append(elapsed)
            peaks[label].append(peak)
    results = []
    for label, _ in steps:
        result = {
            "label": label,
            "median": statistics.median(times[label]),
            "min": min(times[label]),
            "peak_mib": max(peaks[label]) / 1024,
        }
        print(
            f"{label:<56} median {result['median']:.2f} s  (min {result['min']:.2f} s, "
            f"peak {result['peak_mib']:.0f} MiB)",
            flush=True,
        )
        results.append(result)
    return results


def side_by_side(
    brief: Path,
    repeat: int,
    peer_python: str | None,
    weasyprint: tuple[str, Path, str] | None = None,
) -> list[dict[str, object]]:
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
                "briefkit.commands.build",
                "--root",
                str(brief),
                "--site-dir",
                str(out / "o"),
                *flags,
            ],
            brief,
        )

    def pdf_stage(python: str, root: Path, target: str) -> Callable[[], tuple[float, int]]:
        command = [python, "-m", "briefkit.pdf.export", "--root", str(root), "--out", target]
        return lambda: run(command, root)

    steps = [
        ("1. plain Material, both languages (floor)", plain),
        (
            "2. briefkit, both languages (citations, glossary, figures)",
            ours("--no-pdf", "--no-search"),
        ),
        ("3. briefkit, both languages and search index", ours("--no-pdf")),
        ("4. briefkit, both languages, search and both PDFs", ours()),
    ]
    if peer_python:
        peer = [peer_python, "-m", "mkdocs", "build", "-q", "-f", "peer.mkdocs.yml"]
        steps.append(
            (
                "5. peer: static-i18n + bibtex + to-pdf (one PDF)",
                lambda: run([*peer, "-d", str(out / "peer")], brief),
            )
        )
    steps.append(("PDF stage, Typst: both PDFs", pdf_stage(PY, brief, str(out / "t"))))
    if weasyprint is not None:
        label = f"PDF stage, WeasyPrint (briefkit at {weasyprint[2]}): both PDFs"
        steps.append((label, pdf_stage(weasyprint[0], weasyprint[1], str(out / "w"))))
    results = measure_together(steps, repeat)
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
    bib = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "bib").glob("*.bib")))
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
                        "briefkit.commands.build",
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


def install_weasyprint(rev: str) -> tuple[str, Path, str] | None:
    """The brief and generator at ``rev`` (the last WeasyPrint export) in a throwaway venv.

    The WeasyPrint export was replaced by Typst's; measuring it again means
    installing that revision as it was, with its own pinned requirements.
    Returns its Python, its root and the short revision, or None with the reason.
    """
    short = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True
    ).stdout.strip()
    if not short:
        print(f"WeasyPrint skipped: no revision {rev} in this repository")
        return None
    base = Path(tempfile.gettempdir()) / f"briefkit-weasyprint-{short}"
    venv, source = base / "venv", base / "brief"
    if not (venv / "bin" / "python").exists():
        shutil.rmtree(base, ignore_errors=True)
        source.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        steps = [
            [*pip, "--require-hashes", "-r", str(source / "requirements.txt")],
            [*pip, "--no-deps", "--no-build-isolation", str(source)],
        ]
        for command in steps:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(f"WeasyPrint skipped: {rev} could not be installed:\n{result.stderr[-800:]}")
                shutil.rmtree(base, ignore_errors=True)
                return None
    return str(venv / "bin" / "python"), source, short


def write_report(
    rows: list[dict[str, object]],
    scale: list[dict[str, object]],
    loop: dict[str, object],
    target: Path,
    command: list[str],
) -> None:
    by_label = {str(row["label"]): float(row["median"]) for row in rows}  # type: ignore[arg-type]
    median = {label.split(":")[0].split(" (")[0]: value for label, value in by_label.items()}
    floor = float(rows[0]["median"])  # type: ignore[arg-type]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}.",
        f"Date: {time.strftime('%Y-%m-%d')}. Command: `{' '.join(command)}`.",
        "Every configuration runs once per round, round after round (paired runs).",
        "",
        "| configuration | median (s) | ratio to floor | peak memory (MiB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {row['median']:.2f} | "
            f"{float(row['median']) / floor:.2f} | {row['peak_mib']:.0f} |"
        )  # type: ignore
    ours = median["2. briefkit, both languages"]
    full = median["4. briefkit, both languages, search and both PDFs"]
    lines += [
        "",
        "## Targets",
        "",
        f"- Generator overhead (citations, glossary, figures and the parity check, both "
        f"languages; row 2 against row 1): {100 * (ours / floor - 1):+.1f} % over plain "
        "Material (target: at most +10 %).",
    ]
    peer = median.get("5. peer")
    if peer:
        lines.append(
            f"- Full build with both PDFs: {full:.2f} s against the peer's {peer:.2f} s "
            f"with its single PDF ({full / peer:.2f}×; target: at most 0.4×)."
        )
    else:
        lines.append("- The peer could not be installed on this run: no comparison.")
    typst_pdf, weasy_pdf = median.get("PDF stage, Typst"), median.get("PDF stage, WeasyPrint")
    if typst_pdf and weasy_pdf:
        lines.append(
            f"- Both PDFs (`python -m briefkit.pdf.export`, interpreter start included): "
            f"Typst {typst_pdf:.2f} s against WeasyPrint's {weasy_pdf:.2f} s "
            f"({typst_pdf / weasy_pdf:.2f}×; target: at most 0.2×)."
        )
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
    # Other scripts own other sections (Lighthouse, page weight, large bibliographies):
    # carry them over as they are.
    previous = target.read_text(encoding="utf-8") if target.exists() else ""
    others = [
        part
        for part in re.split(r"\n(?=## )", previous)
        if part.startswith("## ") and part.split("\n", 1)[0] not in OWN_SECTIONS
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join([*lines, *others]).rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument(
        "--weasyprint-rev",
        default=None,
        help="also time the WeasyPrint PDF export of this revision (e.g. 14c7904, the last one)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "README.md")
    args = parser.parse_args()
    peer = None if args.no_peer else install_peer()
    weasyprint = install_weasyprint(args.weasyprint_rev) if args.weasyprint_rev else None
    with tempfile.TemporaryDirectory(prefix="bench-brief-") as tmp:
        brief = synthetic_brief(Path(tmp) / "brief", 1)
        rows = side_by_side(brief, args.repeat, peer, weasyprint)
    scale = scaling(max(1, args.repeat // 2))
    loop = edit_loop(args.repeat)
    command = [".venv/bin/python", "scripts/benchmark.py", *sys.argv[1:]]
    write_report(rows, scale, loop, args.out, command)
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
