"""A small invented brief builds too: the generator is not tied to the brief it ships with."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from briefkit.commands.build import BuildFailed, build_all
from tests.pagetext import normalise

MINIBRIEF = Path(__file__).resolve().parent / "fixtures" / "minibrief"

FR_NOTES = [
    "Élodie Morvan et Marthe Quenneville, « Les essaims perdus du plateau de Valdrenne », "
    "Gazette apicole de Valdrenne, mai 2021, disponible sur "
    "https://example.org/valdrenne/essaims-perdus, p. 4.",
    "Coopérative apicole de Valdrenne, « Bilan des récoltes 2022 », "
    "Fédération des apiculteurs du plateau, novembre 2022.",
]
EN_NOTES = [
    "Élodie Morvan and Marthe Quenneville, “Les essaims perdus du plateau de Valdrenne”, "
    "Gazette apicole de Valdrenne, May 2021, available at "
    "https://example.org/valdrenne/essaims-perdus, p. 4.",
    "Coopérative apicole de Valdrenne, “Bilan des récoltes 2022”, "
    "Fédération des apiculteurs du plateau, November 2022.",
]


def article(page: Path) -> str:
    match = re.search(r"<article\b.*?</article>", page.read_text(encoding="utf-8"), re.S)
    assert match, f"{page}: no <article>"
    return match.group(0)


def visible(fragment: str) -> str:
    return normalise(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


def footnotes(page: Path) -> list[str]:
    bodies = re.findall(r'<li [^>]*?id="fn:\d+"[^>]*>\s*<p>(.*?)</p>', article(page), re.S)
    return [visible(re.sub(r'<a class="footnote-backref".*?</a>', "", b)) for b in bodies]


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("minibrief") / "site"
    build_all(MINIBRIEF, target, with_pdf=False)
    return target


def test_both_editions_and_search_are_built(mini_site: Path) -> None:
    for page in (
        "index.html",
        "ruches/index.html",
        "bibliographie/index.html",
        "glossaire/terme/index.html",
    ):
        assert (mini_site / page).is_file()
        assert (mini_site / "en" / page).is_file()
    assert (mini_site / "pagefind" / "pagefind.js").is_file()
    assert (mini_site / "en" / "pagefind" / "pagefind.js").is_file()
    assert '<html lang="fr"' in (mini_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (mini_site / "en" / "index.html").read_text(encoding="utf-8")
    # Built into the target only: nothing is written next to the fixture's sources.
    assert not (MINIBRIEF / "site").exists()
    assert not list(mini_site.parent.glob(".site.*"))


def test_nothing_of_the_shipped_brief_leaks_in(mini_site: Path) -> None:
    for page in mini_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Pyongyang" not in text, page
        assert "cha2023summit" not in text, page


@pytest.mark.parametrize(("sub", "expected"), [("", FR_NOTES), ("en", EN_NOTES)], ids=["fr", "en"])
def test_section_page_has_the_fixture_references_as_footnotes(
    mini_site: Path, sub: str, expected: list[str]
) -> None:
    page = mini_site / sub / "ruches" / "index.html"
    assert footnotes(page) == expected
    body = article(page)
    assert body.count('class="footnote-ref"') == 2
    assert (
        '<a href="https://example.org/valdrenne/essaims-perdus" rel="noopener">'
        "https://example.org/valdrenne/essaims-perdus</a>"
    ) in body


BIB_FR = [
    (
        "Études de terrain",
        "ref-morvan2021essaims",
        "Morvan, Élodie et Marthe Quenneville, « Les essaims perdus",
        "Cité dans : Les ruches, note 1",
        "../ruches/#fn:1",
    ),
    (
        "Rapports",
        "ref-ccav2022bilan",
        "Coopérative apicole de Valdrenne, « Bilan des récoltes 2022 »",
        "Cité dans : Les ruches, note 2",
        "../ruches/#fn:2",
    ),
]
BIB_EN = [
    (
        "Field studies",
        "ref-morvan2021essaims",
        "Morvan, Élodie and Marthe Quenneville, “Les essaims perdus",
        "Cited in: The hives, note 1",
        "../ruches/#fn:1",
    ),
    (
        "Reports",
        "ref-ccav2022bilan",
        "Coopérative apicole de Valdrenne, “Bilan des récoltes 2022”",
        "Cited in: The hives, note 2",
        "../ruches/#fn:2",
    ),
]


@pytest.mark.parametrize(
    ("sub", "entries", "other"),
    [("", BIB_FR, "Autres sources"), ("en", BIB_EN, "Other sources")],
    ids=["fr", "en"],
)
def test_bibliography_lists_sources_with_cited_in_links(
    mini_site: Path, sub: str, entries: list[tuple[str, str, str, str, str]], other: str
) -> None:
    body = article(mini_site / sub / "bibliographie" / "index.html")
    headings = [visible(h) for h in re.findall(r"<h2\b[^>]*>(.*?)</h2>", body, re.S)]
    assert [h.rstrip("#").strip() for h in headings] == [e[0] for e in entries] + [other]
    assert "[BIBLIOGRAPHY]" not in body
    for _, anchor, entry, cited, href in entries:
        item = re.search(rf'<li id="{anchor}">(.*?)</li>', body, re.S)
        assert item, anchor
        assert visible(item.group(1)).startswith(entry)
        assert cited in visible(item.group(1))
        assert f'href="{href}"' in item.group(1)
        # The link leads to an existing page that holds that note.
        page, note = href.removeprefix("../").split("#")
        target = mini_site / sub / page / "index.html"
        assert f'id="{note}"' in target.read_text(encoding="utf-8")
    uncited = re.search(r'<li id="ref-ostrander2020pollen">(.*?)</li>', body, re.S)
    assert uncited
    assert "Pollen Loads on a Windy Plateau" in uncited.group(1)
    assert "brief-cited-in" not in uncited.group(1)
    # Groups in the configured order, the ungrouped source last.
    assert body.index("ref-morvan2021essaims") < body.index("ref-ccav2022bilan")
    assert body.index("ref-ccav2022bilan") < body.index("ref-ostrander2020pollen")


@pytest.mark.parametrize(
    ("sub", "word", "definition", "label", "title"),
    [
        (
            "",
            "essaimage",
            "Départ d’une partie des abeilles d’une ruche avec une reine, pour "
            "fonder une colonie ailleurs.",
            "Mentionné dans :",
            "Les ruches",
        ),
        (
            "en",
            "swarming",
            "Departure of part of a hive’s bees with a queen, to found a colony elsewhere.",
            "Mentioned in:",
            "The hives",
        ),
    ],
    ids=["fr", "en"],
)
def test_glossary_term_is_linked_with_its_definition(
    mini_site: Path, sub: str, word: str, definition: str, label: str, title: str
) -> None:
    body = article(mini_site / sub / "ruches" / "index.html")
    link = re.search(r'<a class="brief-term" ([^>]*)>([^<]*)</a>', body)
    assert link, "the glossary term is not linked"
    assert link.group(2) == word
    assert f'title="{definition}"' in link.group(1)
    assert 'href="../glossaire/terme/"' in link.group(1)
    assert (mini_site / sub / "glossaire" / "terme" / "index.html").is_file()
    term_page = article(mini_site / sub / "glossaire" / "terme" / "index.html")
    mentions = re.search(
        r'<div class="brief-mentioned-in"><p>(.*?)</p>(.*?)</div>', term_page, re.S
    )
    assert mentions, "the term page does not list where the term is used"
    assert visible(mentions.group(1)) == label
    assert f'<a href="../../ruches/#term-terme">{title}</a>' in mentions.group(2)


def test_unknown_key_fails_the_build_and_keeps_the_previous_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    brief = tmp_path / "brief"
    shutil.copytree(MINIBRIEF, brief)
    target = tmp_path / "site"
    build_all(brief, target, with_pdf=False)
    before = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert target / "ruches" / "index.html" in [target / p for p in before]

    for lang in ("fr", "en"):  # the same typo in both editions, so that they still match
        page = brief / "docs" / lang / "ruches.md"
        text = page.read_text(encoding="utf-8")
        assert "[@ccav2022bilan]" in text
        page.write_text(text.replace("[@ccav2022bilan]", "[@ccav2022bilam]"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_all(brief, target, with_pdf=False)

    message = str(failure.value)
    assert "unknown citation key 'ccav2022bilam'" in message
    assert "did you mean 'ccav2022bilan'?" in message
    assert re.search(r"docs/fr/ruches\.md:10:1: error: unknown citation key", message)
    assert re.search(r"docs/en/ruches\.md:\d+:1: error: unknown citation key", message)
    after = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".site.*"))


def test_editions_citing_different_sources_fail_before_building(tmp_path: Path) -> None:
    brief = tmp_path / "brief"
    shutil.copytree(MINIBRIEF, brief)
    page = brief / "docs" / "fr" / "ruches.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("[@ccav2022bilan]", "[@ostrander2020pollen]"),
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed, match="ostrander2020pollen"):
        build_all(brief, tmp_path / "site", with_pdf=False)
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.glob(".site.*"))
