#!/usr/bin/env python3
"""Screenshots of the built site on a phone (390×844) and a desktop (1280×900).

Run by hand after a build, to look at what readers see:
``.venv/bin/python scripts/screenshots.py --site site --out /tmp/shots``.
Takes the home page, a section page, the "cite this brief" block and the
search results for « munitions », in Debian's Chromium (never a downloaded
browser), and prints the pages' widths so that sideways scrolling shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

VIEWPORTS = {"390x844": (390, 844), "1280x900": (1280, 900)}
PAGES = {"home": "", "section": "{section}", "cite": "#cite"}


def search(page: Page, base: str, query: str) -> None:
    page.goto(base)
    if page.locator(".brief-search-toggle").is_visible():
        page.click(".brief-search-toggle")
    page.click(".brief-search-input")
    page.fill(".brief-search-input", query)
    page.locator(".brief-search-list a").first.wait_for()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--query", default="munitions")
    parser.add_argument("--section", default="vostotchny/", help="a section page's path")
    parser.add_argument(
        "--editions", default="", help="editions' folders, comma-separated ('' is the root)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for edition in args.editions.split(","):
            root, tag = base + edition.strip("/") + ("/" if edition else ""), edition.strip("/")
            for name, (width, height) in VIEWPORTS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for what, path in PAGES.items():
                    page.goto(root + path.format(section=args.section), wait_until="networkidle")
                    shot = args.out / f"{tag + '-' if tag else ''}{what}-{name}.png"
                    page.screenshot(path=str(shot))
                    width_now = page.evaluate("document.documentElement.scrollWidth")
                    print(shot, "page width", width_now)
                search(page, root, args.query)
                shot = args.out / f"{tag + '-' if tag else ''}search-{name}.png"
                page.screenshot(path=str(shot))
                print(shot)
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
