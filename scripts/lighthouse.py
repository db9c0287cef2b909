#!/usr/bin/env python3
"""Lighthouse scores of the home, a section and the bibliography, both editions and schemes.

Run by hand (it takes a minute or two): ``.venv/bin/python scripts/lighthouse.py``.
Builds the site (no PDF) for the address it is served at, serves it on
127.0.0.1 gzip-compressed as a typical host would, and runs Lighthouse 12.2.3
(``node_modules``, installed by ``scripts/setup``) with Debian's Chromium and
its default mobile preset (a mid-range phone, simulated slow 4G), categories
performance, accessibility, best practices and SEO, once in the light colour
scheme and once in the dark one (Chromium's ``--force-dark-mode``: the system
setting the site follows). Results go to benchmarks/README.md under
"Lighthouse" (the section is replaced), with the audits that cost points, and
the raw reports to ``--reports`` if given. Targets: accessibility, best
practices and SEO 100; performance at least 95.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefkit.commands.build import build_all  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home (fr)": "",
    "section (fr)": "vostotchny/",
    "bibliography (fr)": "bibliographie/",
    "home (en)": "en/",
    "section (en)": "en/vostotchny/",
    "bibliography (en)": "en/bibliographie/",
}
SCHEMES = {"light": "", "dark": " --force-dark-mode"}  # Chromium flags of each scheme
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
MARKER = "## Lighthouse"
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        if path.name == "index.html" and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the parent redirects "dir" to "dir/"
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def run(url: str, report: Path, flags: str = "") -> dict[str, object]:
    """One Lighthouse run (mobile preset), with extra Chromium ``flags``; its JSON report."""
    command = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run{flags}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    return json.loads(report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def median_run(url: str, reports: Path, stem: str, flags: str, runs: int) -> dict[str, object]:
    """The run of median performance among ``runs`` (Lighthouse's own advice on variance)."""
    results = [run(url, reports / f"{stem}-{n}.json", flags) for n in range(1, runs + 1)]
    results.sort(key=lambda data: data["categories"]["performance"]["score"])  # type: ignore[index]
    return results[len(results) // 2]


def lost_points(data: dict[str, object]) -> list[str]:
    """Audits below full marks in the categories that should score 100."""
    audits = data["audits"]  # type: ignore[index]
    lost = []
    for name in ("accessibility", "best-practices", "seo"):
        for ref in data["categories"][name]["auditRefs"]:  # type: ignore[index]
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{name}: {ref['id']}")
    return lost


def replace_section(text: str, rows: list[str]) -> str:
    """``text`` with its Lighthouse section replaced by ``rows``.

    A new section goes before "Page weight", which ``scripts/measure_pages.py``
    rewrites from its heading to the end of the file.
    """
    head, found, rest = text.partition("\n" + MARKER)
    if not found:
        head, found, rest = text.partition("\n## Page weight")
        rest = found + rest
    else:
        rest = rest[rest.find("\n## ") :] if "\n## " in rest else ""
    return head.rstrip("\n") + "\n" + "\n".join(rows) + "\n" + rest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "README.md")
    parser.add_argument("--reports", type=Path, help="folder for the raw JSON reports")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and scheme (median)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is missing: run scripts/setup (npm ci)", file=sys.stderr)
        return 1
    version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    rows = [
        "",
        MARKER,
        "",
        f"Lighthouse {version}, mobile preset (simulated slow 4G, mid-range phone), "
        f"{chromium.strip()}, served gzip-compressed from 127.0.0.1; machine: "
        f"{platform.machine()}, {os.cpu_count()} cores. Date: {time.strftime('%Y-%m-%d')}. "
        f"Command: `.venv/bin/python scripts/lighthouse.py`; each row is the median of "
        f"{args.runs} runs by performance. Targets: accessibility, "
        "best practices and SEO 100, performance at least 95. The dark scheme is the "
        "system's (`--force-dark-mode`), which the site follows.",
        "",
        "| page | scheme | performance | accessibility | best practices | SEO "
        "| FCP | LCP | TBT | CLS |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lost: list[str] = []
    with tempfile.TemporaryDirectory(prefix="briefkit-lighthouse-") as scratch:
        handler = functools.partial(GzipHandler, directory=scratch)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        build_all(ROOT, Path(scratch) / "site", with_pdf=False, site_url=f"{base}site/")
        reports = args.reports or Path(scratch) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        for (name, path), (scheme, flags) in itertools.product(PAGES.items(), SCHEMES.items()):
            stem = f"{name.replace(' ', '-')}-{scheme}"
            data = median_run(f"{base}site/{path}", reports, stem, flags, args.runs)
            scores = [round(data["categories"][c]["score"] * 100) for c in CATEGORIES]  # type: ignore[index]
            audits = data["audits"]  # type: ignore[index]
            metrics = [
                audits[m]["displayValue"].replace("\xa0", " ")
                for m in METRICS
                if m != "speed-index"
            ]
            cells = [name, scheme, *map(str, scores + metrics)]
            rows.append("| " + " | ".join(cells) + " |")
            lost += [f"{name}, {scheme}: {item}" for item in lost_points(data)]
            print(rows[-1], flush=True)
        server.shutdown()
    rows += ["", "Audits below full marks: " + ("; ".join(lost) if lost else "none") + "."]
    args.out.write_text(replace_section(args.out.read_text(encoding="utf-8"), rows), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
