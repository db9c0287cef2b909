"""Translation parity: each rule broken once in a small fr/en docs tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.content.parity import Block, blocks, check_parity, compare_pages
from briefkit.core.problems import Problem
from briefkit.core.sources import read_page, split_front_matter
from tests.conftest import ROOT

FRONT = "---\ntitle: Titre\ndescription: Résumé.\n---\n\n"
FRONT_EN = "---\ntitle: Title\ndescription: Summary.\n---\n\n"

PAGE_FR = FRONT + "# Titre\n\nUn premier paragraphe [@alpha].\n\nUn second [voir @beta, p. 3].\n"
PAGE_EN = FRONT_EN + "# Title\n\nA first paragraph [@alpha].\n\nA second [see @beta, p. 3].\n"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``docs/fr`` and ``docs/en`` with one matching page; problems name ``docs/…`` paths."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "docs"
    write(root, "fr/page.md", PAGE_FR)
    write(root, "en/page.md", PAGE_EN)
    return root


def write(docs: Path, name: str, text: str) -> Path:
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(docs: Path) -> list[str]:
    return [str(p) for p in check_parity([("fr", docs / "fr"), ("en", docs / "en")])]


def test_matching_editions_have_no_problems(docs: Path) -> None:
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == []


def test_a_page_only_in_french_asks_for_the_english_path(docs: Path) -> None:
    write(docs, "fr/glossaire/quad.md", "# Quad\n")
    assert messages(docs) == [
        "docs/fr/glossaire/quad.md:1: no en translation: add docs/en/glossaire/quad.md"
    ]


def test_a_page_only_in_english_asks_for_the_french_path(docs: Path) -> None:
    write(docs, "en/extra.md", "# Extra\n")
    assert messages(docs) == ["docs/en/extra.md:1: no fr original: add docs/fr/extra.md"]


def test_pages_missing_on_both_sides_are_all_reported(docs: Path) -> None:
    write(docs, "fr/a.md", "# A\n")
    write(docs, "fr/b.md", "# B\n")
    write(docs, "en/c.md", "# C\n")
    assert messages(docs) == [
        "docs/fr/a.md:1: no en translation: add docs/en/a.md",
        "docs/fr/b.md:1: no en translation: add docs/en/b.md",
        "docs/en/c.md:1: no fr original: add docs/fr/c.md",
    ]


def test_a_different_number_of_paragraphs_is_reported(docs: Path) -> None:
    write(docs, "en/page.md", PAGE_EN + "\nAn extra paragraph the French lacks.\n")
    problems = check_parity([("fr", docs / "fr"), ("en", docs / "en")])
    assert [(p.path, p.message) for p in problems] == [
        (
            "docs/en/page.md",
            "3 paragraphs but docs/fr/page.md has 2: translate paragraph for paragraph",
        )
    ]


def test_a_paragraph_split_in_two_is_reported(docs: Path) -> None:
    split = PAGE_EN.replace("A first paragraph [@alpha].", "A first\n\nparagraph [@alpha].")
    write(docs, "en/page.md", split)
    problems = check_parity([("fr", docs / "fr"), ("en", docs / "en")])
    counts = [p for p in problems if "paragraphs but" in p.message]
    assert [p.message for p in counts] == [
        "3 paragraphs but docs/fr/page.md has 2: translate paragraph for paragraph"
    ]
    # The split shifts the paragraphs, so the citations no longer line up either.
    assert any("citations" in p.message for p in problems)


def test_a_different_number_of_headings_is_reported(docs: Path) -> None:
    write(docs, "fr/page.md", PAGE_FR + "\n## Une section\n")
    problems = check_parity([("fr", docs / "fr"), ("en", docs / "en")])
    assert [(p.path, p.message) for p in problems] == [
        (
            "docs/en/page.md",
            "1 headings but docs/fr/page.md has 2: translate paragraph for paragraph",
        )
    ]


def test_a_heading_is_not_counted_as_a_paragraph() -> None:
    found = blocks("# Titre\n\nTexte.\n\n### Sous-titre\n\nEncore.", 1)
    assert [b.heading for b in found] == [True, False, True, False]


TWO_CITED = "Un [@alpha].\n\nDeux [@beta].\n"


@pytest.mark.parametrize(
    ("front", "line_fr", "line_en"),
    [("", 3, 3), ("---\ntitle: T\n---\n", 6, 6)],
    ids=["no front matter", "front matter then text"],
)
def test_different_citation_keys_name_the_english_paragraph_line(
    docs: Path, front: str, line_fr: int, line_en: int
) -> None:
    write(docs, "fr/page.md", front + TWO_CITED)
    write(docs, "en/page.md", front + "One [@alpha].\n\nTwo [@gamma].\n")
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == [
        Problem(
            "docs/en/page.md",
            line_en,
            f"citations ['gamma'] differ from docs/fr/page.md:{line_fr} ['beta']: "
            "cite the same sources",
        )
    ]


def test_citation_problem_line_with_a_blank_line_after_the_front_matter(docs: Path) -> None:
    write(docs, "fr/page.md", PAGE_FR)
    write(docs, "en/page.md", PAGE_EN.replace("[see @beta, p. 3]", "[see @gamma, p. 3]"))
    (problem,) = check_parity([("fr", docs / "fr"), ("en", docs / "en")])
    lines = (docs / "en/page.md").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("A second")
    assert problem.line == 10
    assert "docs/fr/page.md:10 ['beta']" in problem.message


def test_translated_prefixes_and_locators_are_not_differences(docs: Path) -> None:
    write(docs, "fr/page.md", "Texte [voir @alpha, p. 3 ; et @beta, chap. 2].\n")
    write(docs, "en/page.md", "Text [see @alpha, p. 3; and @beta, ch. 2].\n")
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == []


def test_a_citation_missing_from_a_multi_key_bracket_is_reported(docs: Path) -> None:
    write(docs, "fr/page.md", "Texte [@alpha; @beta].\n")
    write(docs, "en/page.md", "Text [@alpha].\n")
    assert messages(docs) == [
        "docs/en/page.md:1: citations ['alpha'] differ from docs/fr/page.md:1 "
        "['alpha', 'beta']: cite the same sources"
    ]


def test_a_citation_added_by_the_translation_is_reported(docs: Path) -> None:
    write(docs, "fr/page.md", "Texte [@alpha].\n")
    write(docs, "en/page.md", "Text [@alpha; @extra].\n")
    assert messages(docs) == [
        "docs/en/page.md:1: citations ['alpha', 'extra'] differ from docs/fr/page.md:1 "
        "['alpha']: cite the same sources"
    ]


def test_links_and_emails_are_not_citations() -> None:
    (block,) = blocks("Voir [le site @ONU](https://un.org) ou écrire à [a@b.org].", 1)
    assert block.keys == ()


def test_a_front_matter_field_missing_in_english_is_reported(docs: Path) -> None:
    write(docs, "en/page.md", PAGE_EN.replace("description: Summary.\n", ""))
    assert messages(docs) == [
        "docs/en/page.md:1: front matter lacks 'description' (present in docs/fr/page.md): "
        "translate it"
    ]


def test_a_front_matter_field_missing_in_french_is_reported(docs: Path) -> None:
    write(docs, "en/page.md", PAGE_EN.replace("title: Title\n", "title: Title\nauthor: T. D.\n"))
    assert messages(docs) == [
        "docs/fr/page.md:1: front matter lacks 'author' (present in docs/en/page.md): translate it"
    ]


def test_front_matter_values_may_differ(docs: Path) -> None:
    write(docs, "en/page.md", PAGE_EN.replace("title: Title", "title: Something else"))
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == []


CODE_FR = "Avant.\n\n```python\nx = 1\n\n\ny = 2\n```\n\nAprès.\n"
CODE_EN = "Before.\n\n```python\nx = 1\ny = 2\n```\n\nAfter.\n"


def test_fenced_code_with_blank_lines_is_one_block(docs: Path) -> None:
    assert blocks(CODE_FR, 1) == [
        Block(1, False, ()),
        Block(3, False, ()),
        Block(10, False, ()),
    ]
    write(docs, "fr/page.md", CODE_FR)
    write(docs, "en/page.md", CODE_EN)
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == []


def test_tilde_fences_are_code_too() -> None:
    found = blocks("Avant.\n\n~~~\na\n\nb\n~~~\n\nAprès.", 1)
    assert [b.line for b in found] == [1, 3, 9]


def test_a_fenced_comment_is_not_a_heading() -> None:
    found = blocks("```sh\n# a comment\n\n# another\n```", 1)
    assert [b.heading for b in found] == [False]


def test_citations_inside_code_spans_are_not_citations(docs: Path) -> None:
    (block,) = blocks("Écrire `[@clé]` pour citer, comme ici [@alpha].", 1)
    assert block.keys == ("alpha",)
    write(docs, "fr/page.md", "Écrire `[@clé]` pour citer [@alpha].\n")
    write(docs, "en/page.md", "Write `[@key]` to cite [@alpha].\n")
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == []


def test_citations_inside_backtick_fences_are_not_citations() -> None:
    found = blocks("```\n[@clé]\n\n[@autre]\n```\n\nTexte [@alpha].", 1)
    assert [b.keys for b in found] == [(), ("alpha",)]


def test_citations_inside_tilde_fences_are_not_citations(docs: Path) -> None:
    write(docs, "fr/page.md", "~~~\nVoir [@dupont2020].\n~~~\n")
    write(docs, "en/page.md", "~~~\nSee [@smith2020].\n~~~\n")
    assert check_parity([("fr", docs / "fr"), ("en", docs / "en")]) == []


def test_a_longer_fence_may_quote_a_shorter_one() -> None:
    text = "````md\n```\n\ncode\n```\n````\n\nAprès."
    assert [b.line for b in blocks(text, 1)] == [1, 8]


def test_invalid_front_matter_is_named_on_its_own_file_at_yaml_s_line(docs: Path) -> None:
    write(docs, "fr/page.md", "---\ntitle: Titre\ndescription: a: b\n---\n\n# Titre\n")
    problems = check_parity([("fr", docs / "fr"), ("en", docs / "en")])
    assert not [p for p in problems if p.path.endswith("page.md")]  # the front-matter check's
    (problem,) = read_page(docs / "fr/page.md").problems
    assert (problem.path, problem.line, problem.col) == ("docs/fr/page.md", 3, 15)
    assert "front matter is not valid YAML (mapping values are not allowed" in problem.message
    assert "put values holding ': '" in problem.message


def test_split_front_matter_returns_fields_and_body() -> None:
    meta, offset, body = split_front_matter("---\ntitle: T\nn: 2\n---\n# T\n")
    assert meta == {"title": "T", "n": 2}
    assert offset == 4
    assert body == "# T\n"
    assert split_front_matter("# T\n") == ({}, 0, "# T\n")


def test_compare_pages_reports_both_directions_of_front_matter(tmp_path: Path) -> None:
    first = write(tmp_path, "a.md", "---\ntitle: A\nx: 1\n---\nTexte.\n")
    second = write(tmp_path, "b.md", "---\ntitle: B\ny: 1\n---\nText.\n")
    problems = compare_pages(first, second)
    assert [(Path(p.path).name, p.message.split(" (")[0]) for p in problems] == [
        ("b.md", "front matter lacks 'x'"),
        ("a.md", "front matter lacks 'y'"),
    ]


def test_the_real_brief_editions_are_translations_of_each_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    assert check_parity([("fr", ROOT / "docs" / "fr"), ("en", ROOT / "docs" / "en")]) == []
    # And the check does look at them: every page has a counterpart with blocks in it.
    pages = sorted((ROOT / "docs" / "fr").rglob("*.md"))
    assert len(pages) >= 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        _, offset, body = split_front_matter(text)
        assert blocks(body, offset + 1), page
