"""Time the editors' check on pages of 50,000 citations or editors' notes.

A new one-language brief (``briefkit new``) gets one more page holding the
hostile text; ``briefkit check`` runs on it in a fresh process, its time the
median of three runs. The parsers read each character a bounded number of
times (tests/test_grammar.py asserts it by counting), so the time grows with
the page. One case keeps every citation in a single paragraph: there
Python-Markdown itself rebuilds the paragraph's text after each note it
makes, which costs the paragraph's length per note; the others have ten
citations a paragraph, as a real page does.

Results go to benchmarks/README.md (section "Hostile pages").
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
COUNT = 50_000
RUNS = 3
KEY = "doe2024example"
CASES = {
    "citations, ten a paragraph": lambda i: f"[@{KEY}, p. {i}]",
    "unterminated citations, ten a paragraph": lambda i: f"[@{KEY}, p. {i}",
    "unterminated editors' notes, ten a paragraph": lambda i: f"^[ed: note {i}",
    "editors' notes citing a source, ten a paragraph": lambda i: f"^[ed: note [@{KEY}].]",
}
ONE_PARAGRAPH = ("citations, all in one paragraph", lambda i: f"[@{KEY}, p. {i}]", 10_000)
CHECK = "from briefkit.commands.check import main; main(['--root', {root!r}])"


def page(item: object, count: int, per_paragraph: int) -> str:
    words = [f"Mot {item(i)}" for i in range(count)]  # type: ignore[operator]
    paragraphs = [" ".join(words[i : i + per_paragraph]) for i in range(0, count, per_paragraph)]
    head = "---\ntitle: Hostile\ndescription: A page of many citations.\n---\n\n# Hostile\n\n"
    return head + "\n\n".join(paragraphs) + "\n"


def timed(root: Path) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", CHECK.format(root=str(root))],
            capture_output=True,
            check=False,
            cwd=root,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(work: Path) -> list[tuple[str, int, int, float]]:
    brief = work / "brief"
    subprocess.run(
        [sys.executable, "-m", "briefkit", "new", str(brief), "--languages", "en"],
        capture_output=True,
        check=True,
    )
    rows = [("the new brief alone", 0, 0, timed(brief))]
    cases = [(name, item, COUNT, 10) for name, item in CASES.items()]
    cases.append((ONE_PARAGRAPH[0], ONE_PARAGRAPH[1], ONE_PARAGRAPH[2], ONE_PARAGRAPH[2]))
    for name, item, count, per_paragraph in cases:
        text = page(item, count, per_paragraph)
        (brief / "docs/en/hostile.md").write_text(text, encoding="utf-8")
        rows.append((name, count, len(text), timed(brief)))
        print(rows[-1], flush=True)
    return rows


def report(rows: list[tuple[str, int, int, float]]) -> str:
    lines = [
        "## Hostile pages",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start. "
        f"Date: {time.strftime('%Y-%m-%d')}. Command: `.venv/bin/python "
        f"scripts/parse_benchmark.py` (medians of {RUNS} fresh `briefkit check` processes).",
        "",
        "A new English brief (`briefkit new`) with one more page of N items; the check converts "
        "every page with the site's extensions and reports each unterminated item at its line. "
        "Before issue 22, 4,000 unterminated citations on one page took about two minutes "
        "(each unclosed bracket sent the link patterns and the line search to the paragraph's "
        "end). In one paragraph, Python-Markdown's own inline stage copies the paragraph after "
        "each note it makes, hence that row's smaller N.",
        "",
        "| page | items | characters | check (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, count, size, seconds in rows:
        lines.append(f"| {name} | {count:,} | {size:,} | {seconds:.1f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text = report(measure(Path(tmp)))
    print(text)
    readme = ROOT / "benchmarks/README.md"
    current = readme.read_text(encoding="utf-8")
    section = re.compile(r"## Hostile pages\n.*?(?=\n## |\Z)", re.S)
    if section.search(current):
        current = section.sub(text.rstrip("\n"), current)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    readme.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
