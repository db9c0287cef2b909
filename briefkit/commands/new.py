"""``briefkit new DIR --languages fr,en``: a new brief that builds as it is.

Writes the configurations (the first language at the site's root, one
``mkdocs.<lang>.yml`` per further language), a home page with the front
matter the build requires, one section citing one source, the bibliography
page and a ``.bib`` file with that source. Every word comes from the
vocabulary of each language; the author replaces them. Nothing is written
into a folder that already holds a brief.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from briefkit.core.vocabulary import (
    FALLBACK,
    Vocabulary,
    supported,
    supported_languages,
    vocabulary,
)

SOURCE_KEY = "doe2024example"
BIB = f"""% The brief's sources. Replace this example by your own (see CONTRIBUTING).

@book{{{SOURCE_KEY},
  author = {{Doe, Jane}},
  title = {{{{An Example Source}}}},
  publisher = {{Example Press}},
  year = {{2024}},
  group = {{sources}},
}}
"""
ROOT_CONFIG = """# The {name} edition, published at the site's root. Every other
# mkdocs.<language>.yml is a further edition that inherits this file.
site_name: {title}
site_description: {description}
site_author: {author}
site_url: http://127.0.0.1:8000/   # local preview; build with --site-url https://… to publish
docs_dir: docs/{lang}
site_dir: site
strict: true
watch:
  - bib
use_directory_urls: true

theme:
  name: material
  language: {lang}
  font: false          # no web fonts: the site requests nothing from a third party

markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: "#"
  - briefkit.extensions:
      bib_dir: bib
      groups:
        sources: {groups}

plugins:
  - briefkit

extra:
  generator: false     # Material's footer credit is in English whatever the language

nav:
  - index.md
  - section.md
  - bibliography.md

validation:
  links:
    not_found: info
    anchors: info
"""
EDITION_CONFIG = """# The {name} edition, under /{lang}/; everything else comes from mkdocs.yml.
INHERIT: mkdocs.yml
site_name: {title}
site_description: {description}
site_url: http://127.0.0.1:8000/{lang}/
docs_dir: docs/{lang}
site_dir: site/{lang}
theme:
  language: {lang}
"""


def front_matter(fields: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n"


def pages(words: Vocabulary, today: dt.date) -> dict[str, str]:
    """The pages of one language, by file name."""
    home = front_matter(
        {
            "title": words.new_title,
            "description": words.new_description,
            "author": words.new_author,
            "date": today,
        }
    )
    section = front_matter({"title": words.new_section_title, "description": words.new_description})
    bibliography = front_matter(
        {"title": words.bibliography_title, "description": words.new_description}
    )
    return {
        "index.md": f"{home}# {words.new_title}\n\n{words.new_description}\n\n[CITE]\n",
        "section.md": (
            f"{section}# {words.new_section_title}\n\n{words.new_section_text} [@{SOURCE_KEY}].\n"
        ),
        "bibliography.md": f"{bibliography}# {words.bibliography_title}\n\n[BIBLIOGRAPHY]\n",
    }


def yaml_text(value: str) -> str:
    """A value that YAML reads back as the same string."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).strip().removesuffix("\n...")


def new_brief(target: Path, languages: list[str], today: dt.date) -> list[Path]:
    """Write a brief in ``target`` (which must not hold one); the files written."""
    if (target / "mkdocs.yml").exists():
        raise FileExistsError(f"{target / 'mkdocs.yml'} exists: choose an empty folder")
    written = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    groups = (
        "{"
        + ", ".join(f"{lang}: {yaml_text(vocabulary(lang).other_sources)}" for lang in languages)
        + "}"
    )
    for index, lang in enumerate(languages):
        words = vocabulary(lang)
        values = {
            "lang": lang,
            "name": words.language_name,
            "title": yaml_text(words.new_title),
            "description": yaml_text(words.new_description),
            "author": yaml_text(words.new_author),
            "groups": groups,
        }
        if index == 0:
            write("mkdocs.yml", ROOT_CONFIG.format(**values))
        else:
            write(f"mkdocs.{lang}.yml", EDITION_CONFIG.format(**values))
        for name, text in pages(words, today).items():
            write(f"docs/{lang}/{name}", text)
    write("bib/sources.bib", BIB)
    write(
        ".gitignore", "/site/\n/.site.partial/\n/.site.partial.editions/\n/.site.old/\n/.cache/\n"
    )
    return written


def languages_problem(languages: list[str]) -> str:
    """What is wrong with ``languages`` for a new brief ("" if nothing)."""
    unknown = [lang for lang in languages if not supported(lang)]
    twice = sorted({lang for lang in languages if languages.count(lang) > 1})
    if not languages:
        return "give at least one language code, e.g. --languages en or --languages fr,en"
    if unknown:
        return (
            f"no language data for {', '.join(repr(u) for u in unknown)}: use an ISO 639 code "
            "that CLDR and the CSL locales cover (`briefkit new --list-languages` lists them)"
        )
    if twice:
        return f"{', '.join(twice)} given twice: name each language once"
    return ""


def main(argv: list[str] | None = None) -> int:
    """Command line: ``briefkit new DIR [--languages fr,en]``."""
    parser = argparse.ArgumentParser(prog="briefkit new", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the brief (created if needed)")
    parser.add_argument(
        "--languages",
        default=FALLBACK,
        help="editions, comma-separated language codes (en,ru,ko,ar,zh,ja…); "
        "the first is published at the site's root",
    )
    parser.add_argument(
        "--list-languages", action="store_true", help="print every language code briefkit knows"
    )
    args = parser.parse_args(argv)
    if args.list_languages:
        print(" ".join(supported_languages()))
        return 0
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    problem = languages_problem(languages)
    if problem:
        print(f"error: --languages {args.languages!r}: {problem}", file=sys.stderr)
        return 2
    try:
        written = new_brief(args.folder, languages, dt.date.today())
    except FileExistsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    folder = args.folder
    print(
        f"Next: edit docs/{languages[0]}/index.md, check with `briefkit check --root {folder}`, "
        f"build with `briefkit build --root {folder}`"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
