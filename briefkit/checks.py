"""The editors' check: every content problem, as ``path:line:col: severity: message``.

Runs without building the site: each page goes through the same Markdown
extensions as the build (so citations and links are read exactly as the site
reads them), then links and anchors are resolved against the converted pages.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import load_config

from briefkit.bibformat import canonical, format_file
from briefkit.bibliography import bib_files, load_bibliography
from briefkit.build import languages
from briefkit.extensions import make_extensions
from briefkit.glossary import load_glossary
from briefkit.parity import check_parity, split_front_matter
from briefkit.problems import Problem, line_of, relpath

EXTERNAL = ("http://", "https://", "mailto:", "data:")
HOME_FIELDS = ("author", "date")
PAGE_FIELDS = ("title", "description")


@dataclass
class PageLinks:
    """Ids a converted page offers and the links it makes."""

    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)


class LinkCollector(Treeprocessor):
    """Records ids and hrefs once every other processor has run (toc ids included)."""

    def __init__(self, md: markdown.Markdown, sink: PageLinks) -> None:
        super().__init__(md)
        self.sink = sink

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.get("id"):
                self.sink.ids.add(el.get("id", ""))
            if el.tag == "a" and el.get("href"):
                self.sink.hrefs.append(el.get("href", ""))
            if el.tag == "img" and el.get("src"):
                self.sink.hrefs.append(el.get("src", ""))


class LinkCollectorExtension(Extension):
    def __init__(self, sink: PageLinks, **kwargs: object) -> None:
        self.sink = sink
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(LinkCollector(md, self.sink), "brief-links", 1)


def check_bib(root: Path, bib_dir: Path) -> list[Problem]:
    """BibTeX validity, and canonical form (so that diffs stay small)."""
    paths = bib_files(bib_dir)
    _, problems = load_bibliography(paths)
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        formatted = canonical(text)
        if formatted is not None and formatted != text:
            problems.append(
                Problem(
                    relpath(path),
                    1,
                    "not in canonical form: run `scripts/check --fix-bib` and commit the result",
                    severity="warning",
                )
            )
    return problems


def check_front_matter(docs_dir: Path, path: Path, text: str) -> list[Problem]:
    """Required fields: every page's title and description; the home page's author and date."""
    where = relpath(path)
    if not text.startswith("---\n"):
        message = "no front matter: start the page with a --- block holding title and description"
        return [Problem(where, 1, message)]
    try:
        meta = split_front_matter(text)[0]
    except yaml.YAMLError as err:
        return [Problem(where, 1, f"front matter is not valid YAML ({' '.join(str(err).split())})")]
    wanted = PAGE_FIELDS + (HOME_FIELDS if path == docs_dir / "index.md" else ())
    return [
        Problem(where, 1, f"front matter lacks '{name}': add it")
        for name in wanted
        if not str(meta.get(name) or "").strip()
    ]


def check_edition(root: Path, config_file: Path, lang: str) -> list[Problem]:
    """Citations, glossary, front matter and internal links of one edition."""
    config = load_config(str(config_file))
    plugin = config.plugins["briefkit"].config  # type: ignore[union-attr]
    docs_dir = Path(config.docs_dir)
    bibliography, _ = load_bibliography(bib_files(root / plugin.bib_dir))
    glossary, problems = load_glossary(docs_dir)
    brief = make_extensions(bibliography, glossary, plugin.groups, lang)
    names = [e for e in config.markdown_extensions if isinstance(e, str)]
    pages: dict[str, PageLinks] = {}
    sources: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        sources[src] = text
        problems += check_front_matter(docs_dir, path, text)
        brief.begin_page(relpath(path), text, src)
        pages[src] = PageLinks()
        md = markdown.Markdown(
            extensions=[*names, *brief.all(), LinkCollectorExtension(pages[src])],
            extension_configs=dict(config.mdx_configs),
        )
        try:
            body = split_front_matter(text)[2]
        except yaml.YAMLError:
            continue  # reported by check_front_matter; the page cannot be read further
        md.convert(body)
        problems += brief.problems()
    problems += check_links(docs_dir, pages, sources)
    return problems


def check_links(
    docs_dir: Path, pages: dict[str, PageLinks], sources: dict[str, str]
) -> list[Problem]:
    """Every internal link reaches a page (or file) and, when it names one, an anchor."""
    problems = []
    for src, links in pages.items():
        for href in links.hrefs:
            if href.startswith(EXTERNAL):
                continue
            path, _, anchor = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src
            )
            where = relpath(docs_dir / src)
            line = _line_of_link(sources[src], href)
            if target not in pages and not (docs_dir / target).is_file():
                problems.append(
                    Problem(
                        where,
                        line,
                        f"dead link '{href}': no page {target} in "
                        f"{relpath(docs_dir)}; fix the path",
                    )
                )
            elif anchor and target in pages and anchor not in pages[target].ids:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"dead anchor '#{anchor}' in '{href}': {target} has no such heading or id",
                    )
                )
    return problems


def _line_of_link(text: str, href: str) -> int:
    match = re.search(r"\]\(\s*<?" + re.escape(href), text)
    return line_of(text, match.start()) if match else 1


def run_checks(root: Path) -> list[Problem]:
    """Every problem of the brief in ``root``."""
    editions = languages(root)
    config = load_config(str(editions[0][1]))
    bib_dir = root / config.plugins["briefkit"].config.bib_dir  # type: ignore[union-attr]
    problems = check_bib(root, bib_dir)
    if any(p.severity == "error" for p in problems):
        return sorted(problems)  # pages cannot be checked against a broken bibliography
    for lang, config_file, _ in editions:
        problems += check_edition(root, config_file, lang)
    problems += check_parity(root / "docs", [lang for lang, _, _ in editions])
    return sorted(set(problems))


def main(argv: list[str] | None = None) -> int:
    """``scripts/check [--format text|github] [--fix-bib]``: exit 0 only when clean."""
    parser = argparse.ArgumentParser(description="Check the brief's content.")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--format", choices=["text", "github"], default="text")
    parser.add_argument("--fix-bib", action="store_true", help="rewrite .bib files canonically")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.fix_bib:
        config = load_config(str(root / "mkdocs.yml"))
        for path in bib_files(root / config.plugins["briefkit"].config.bib_dir):  # type: ignore
            if format_file(path):
                print(f"formatted {relpath(path)}")
    problems = run_checks(root)
    for problem in problems:
        print(problem.github() if args.format == "github" else problem.editor())
    errors = sum(p.severity == "error" for p in problems)
    print(f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
