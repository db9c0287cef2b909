"""The brief's configuration: read as data (never run), every problem at its option's line."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest

from briefkit.commands.check import run_checks
from briefkit.content.glossary_terms import load_glossary
from briefkit.content.pagelist import edition_pages
from briefkit.core.configfile import PythonName, config_lines, load_data
from briefkit.core.editions import load_publication
from briefkit.core.grammar import cited_keys

MINIBRIEF = Path(__file__).resolve().parent / "fixtures" / "minibrief"


@pytest.fixture
def brief(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "brief"
    shutil.copytree(MINIBRIEF, root)
    monkeypatch.chdir(root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def problems(root: Path) -> list[str]:
    return [str(p) for p in run_checks(root)]


def test_a_python_object_tag_is_never_run(brief: Path) -> None:
    marker = brief / "ran"
    config = brief / "mkdocs.yml"
    attack = f"extra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n"
    config.write_text(config.read_text() + attack, encoding="utf-8")
    found = problems(brief)
    assert not marker.exists()
    line = line_of(config, "!!python/object")
    assert found == [
        f"mkdocs.yml:{line}: cannot be read: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ]


def test_mkdocs_tags_are_data(brief: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_AUTHOR", "Jane Doe")
    config = brief / "mkdocs.yml"
    config.write_text(
        config.read_text()
        + "extra:\n  author: !ENV [BRIEF_AUTHOR, nobody]\n"
        + "  emoji: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    data = load_data(config)
    assert data["extra"]["author"] == "Jane Doe"
    assert data["extra"]["emoji"] == PythonName("material.extensions.emoji.twemoji")
    assert problems(brief) == []


def test_a_misspelt_plugin_option_is_named_at_its_line_with_the_right_name(brief: Path) -> None:
    config = brief / "mkdocs.yml"
    edit(config, "  - briefkit\n", "  - briefkit:\n      pdf_pagess: [index.md]\n")
    line = line_of(config, "pdf_pagess")
    (message,) = problems(brief)
    assert message.startswith(
        f"mkdocs.yml:{line}: plugin 'briefkit' has no option 'pdf_pagess': "
        "did you mean 'pdf_pages'? use one of enabled, publisher, pdf_pages"
    )


def test_a_misspelt_extension_option_is_named_at_its_line(brief: Path) -> None:
    config = brief / "mkdocs.yml"
    edit(config, "      bib_dir: bib\n", "      bibdir: bib\n")
    line = line_of(config, "bibdir")
    (message,) = problems(brief)
    assert message.startswith(
        f"mkdocs.yml:{line}: extension 'briefkit.extensions' has no option 'bibdir': "
        "did you mean 'bib_dir'?"
    )


def test_an_option_of_the_wrong_type_is_named_at_its_line(brief: Path) -> None:
    config = brief / "mkdocs.yml"
    edit(config, "  - briefkit\n", "  - briefkit:\n      publisher: {fr: [a, b]}\n")
    (message,) = problems(brief)
    assert message.startswith(f"mkdocs.yml:{line_of(config, 'publisher')}: plugin 'briefkit'")
    assert "option 'publisher'" in message


def test_a_moved_option_says_where_it_belongs(brief: Path) -> None:
    config = brief / "mkdocs.yml"
    edit(config, "  - briefkit\n", "  - briefkit:\n      groups: {a: {fr: A}}\n")
    (message,) = problems(brief)
    assert message == (
        f"mkdocs.yml:{line_of(config, 'groups: {a')}: plugin 'briefkit' option 'groups': "
        "groups is an option of the briefkit.extensions Markdown extension now: "
        "move it there, under markdown_extensions (see README)"
    )


def test_an_unknown_language_is_named_at_its_line(brief: Path) -> None:
    config = brief / "mkdocs.en.yml"
    edit(config, "language: en", "language: eng")
    found = problems(brief)
    line = line_of(config, "language: eng")
    assert found[0] == (
        f"mkdocs.en.yml:{line}: theme.language 'eng' is a language briefkit has no data for: "
        "did you mean 'en'? use an ISO 639 code that CLDR and the CSL locales cover "
        "(`briefkit new --list-languages`)"
    )


def test_an_unknown_mkdocs_option_is_named_at_its_line(brief: Path) -> None:
    config = brief / "mkdocs.yml"
    edit(config, "use_directory_urls: true\n", "use_directory_urls: true\nsite_nmae: x\n")
    (message,) = problems(brief)
    assert message.startswith(f"mkdocs.yml:{line_of(config, 'site_nmae')}: site_nmae: ")


def test_inherited_options_are_found_in_the_file_that_sets_them(brief: Path) -> None:
    lines = config_lines(brief / "mkdocs.en.yml")
    assert lines.of("theme", "language") == (
        brief / "mkdocs.en.yml",
        line_of(brief / "mkdocs.en.yml", "language"),
    )
    assert lines.of("nav", "ruches.md") == (
        brief / "mkdocs.yml",
        line_of(brief / "mkdocs.yml", "- ruches.md"),
    )
    assert lines.of("plugins", "briefkit", "pdf_pages") == (
        brief / "mkdocs.yml",
        (brief / "mkdocs.yml").read_text().splitlines().index("  - briefkit") + 1,
    )


def test_exclude_docs_leaves_pages_out_of_every_list(brief: Path) -> None:
    # A draft that cites a source and defines a term is not part of the edition.
    for lang in ("fr", "en"):
        draft = brief / "docs" / lang / "brouillon.md"
        draft.write_text(
            "---\ntitle: B\ndescription: B.\nglossary:\n  term: Zz\n  names: [Zz]\n"
            "  aliases: [Zz]\n  definition: 'Zz.'\n---\n\nTexte [@absent2020].\n",
            encoding="utf-8",
        )
    for name in ("mkdocs.yml",):
        config = brief / name
        config.write_text(config.read_text() + "exclude_docs: |\n  brouillon.md\n", "utf-8")
    assert problems(brief) == []
    edition = load_publication(brief).main
    assert "brouillon.md" not in edition_pages(edition)
    assert cited_keys((brief / "docs/fr/brouillon.md").read_text()) == ("absent2020",)
    assert all(t.term != "Zz" for t in load_glossary(edition.docs_dir, "brouillon.md")[0].terms)


def test_a_disabled_plugin_leaves_pages_as_they_are() -> None:
    from briefkit.site.plugin import BriefPlugin

    plugin = BriefPlugin()
    errors, warnings = plugin.load_config({"enabled": False})
    assert (errors, warnings) == ([], [])
    page = '<input type="checkbox" id="__drawer" autocomplete="off">'
    assert plugin.on_post_page(page, page=None, config=None) == page  # type: ignore[arg-type]
    assert plugin.on_page_context({}, page=None, config=None, nav=None) == {}  # type: ignore[arg-type]
    enabled = BriefPlugin()
    enabled.load_config({})
    assert enabled.config.enabled is True
    built = types.SimpleNamespace(content="")  # a page as MkDocs converted it
    assert 'autocomplete="off"' not in enabled.on_post_page(page, page=built, config=None)  # type: ignore[arg-type]
