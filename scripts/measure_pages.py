#!/usr/bin/env python3
"""What a reader downloads: requests and bytes to open pages cold, in Chromium.

Run by hand after a build: ``.venv/bin/python scripts/measure_pages.py``.
Serves ``site/`` on 127.0.0.1, opens each page in a fresh browser context (an
empty cache), and records every response; sizes are given as served
(uncompressed) and gzip-compressed, as a typical host would send them.
Results go to benchmarks/README.md under "Page weight" (that section is replaced).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

PAGES = {"home (fr)": "", "section (fr)": "vostotchny/", "section (en)": "en/vostotchny/"}
MARKER = "## Page weight"


def measure(browser: object, url: str) -> tuple[int, int, int, dict[str, int]]:
    """Requests, bytes, gzip bytes and bytes per file type for one cold page load."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []
    page.on("response", lambda r: bodies.append((r.url, r.body())) if r.ok else None)
    page.goto(url, wait_until="networkidle")
    context.close()
    kinds: dict[str, int] = {}
    for address, body in bodies:
        kind = address.rsplit(".", 1)[-1] if "." in address.rsplit("/", 1)[-1] else "html"
        kinds[kind] = kinds.get(kind, 0) + len(body)
    raw = sum(len(b) for _, b in bodies)
    packed = sum(len(gzip.compress(b, 9)) for _, b in bodies)
    return len(bodies), raw, packed, kinds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "README.md")
    args = parser.parse_args()
    rows = [
        "",
        MARKER,
        "",
        "Cold load (empty cache) in Chromium, served from `site/` by `scripts/measure_pages.py`.",
        "",
        "| page | requests | bytes served | gzip | by type (KiB) |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            count, raw, packed, kinds = measure(browser, base + path)
            types = ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(kinds.items()))
            rows.append(
                f"| {name} | {count} | {raw / 1024:.0f} KiB | {packed / 1024:.0f} KiB | {types} |"
            )
            print(rows[-1])
        browser.close()
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n"
    # Only this script's section is replaced; the other scripts' sections stay.
    section = "\n".join(rows[1:]).rstrip("\n")
    pattern = re.compile(re.escape(MARKER) + r"\n.*?(?=\n## |\Z)", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    args.out.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
