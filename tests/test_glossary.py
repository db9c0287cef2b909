"""The glossary: linking terms in the text, loading term pages, and the built brief."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import markdown
import pytest
import yaml

from briefkit.commands.build import build_all
from briefkit.content.glossary_terms import Glossary, Term, load_glossary
from briefkit.core.problems import BuildFailed, Problem
from briefkit.core.vocabulary import vocabulary
from briefkit.extensions.glossary import INDEX_MARKER, GlossaryExtension, fill_mentions
from tests.conftest import ROOT
from tests.helpers import Node, parse

# --------------------------------------------------------------------------------------
# (a) The tree processor, on Markdown converted in memory
# --------------------------------------------------------------------------------------

QUAD_FR = "Partenariat diplomatique informel entre quatre pays."
CAMP_DAVID_FR = "Sommet trilatéral du 18 août 2023."
KN25_FR = "Lance-roquettes multiple nord-coréen de 600 mm."
HWASONG18_FR = "Missile balistique intercontinental à propergol solide."
HWASONG_FR = "Famille de missiles nord-coréens."


def make_term(name: str, aliases: tuple[str, ...], definition: str, slug: str) -> Term:
    page = f"glossaire/{slug}.md"
    return Term(name, (name,), aliases, definition, page, f"docs/fr/{page}", 4)


def french_terms() -> list[Term]:
    return [
        make_term("Quad", ("Quad",), QUAD_FR, "quad"),
        make_term(
            "Camp David",
            ("sommet trilatéral de Camp David", "Camp David"),
            CAMP_DAVID_FR,
            "camp-david",
        ),
        make_term("KN-25", ("KN-25",), KN25_FR, "kn-25"),
        make_term("Hwasong-18", ("Hwasong-18",), HWASONG18_FR, "hwasong-18"),
        make_term("Hwasong", ("Hwasong",), HWASONG_FR, "hwasong"),
    ]


def english_terms() -> list[Term]:
    return [
        make_term("Quad", ("Quad",), "Informal diplomatic partnership.", "quad"),
        make_term(
            "Camp David",
            ("Camp David trilateral summit", "Camp David"),
            "Trilateral summit of 18 August 2023.",
            "camp-david",
        ),
    ]


def convert(
    text: str, terms: list[Term] | None = None, lang: str = "fr", page: str = "section.md"
) -> tuple[Node, GlossaryExtension, str]:
    """The converted page as a tree, the extension (for its mentions), and the raw HTML."""
    ext = GlossaryExtension(
        glossary=Glossary(french_terms() if terms is None else terms), lang=lang
    )
    md = markdown.Markdown(extensions=[ext, "attr_list", "fenced_code", "tables", "toc"])
    ext.begin_page(page, "", page)
    out = md.convert(text)
    return parse(out), ext, out


def term_links(tree: Node) -> list[Node]:
    return tree.find_all("a", "brief-term")


def linked(tree: Node) -> list[tuple[str, str]]:
    """``(link text, href)`` of every glossary link, in reading order."""
    return [(a.text(), a.attrs["href"]) for a in term_links(tree)]


def test_only_the_first_occurrence_is_linked() -> None:
    tree, _, _ = convert("Le Quad se réunit.\n\nLe Quad se réunit encore, le Quad aussi.")
    assert linked(tree) == [("Quad", "glossaire/quad.md")]
    first, second = tree.find_all("p")
    assert first.find("a") is not None
    assert second.find("a") is None
    assert second.text() == "Le Quad se réunit encore, le Quad aussi."


def test_the_link_carries_class_id_href_and_definition() -> None:
    tree, _, _ = convert("Le KN-25 tire.")
    (link,) = term_links(tree)
    assert link.attrs == {
        "class": "brief-term",
        "href": "glossaire/kn-25.md",
        "id": "term-kn-25",
        "title": KN25_FR,
        "data-term": "glossaire/kn-25.md",
    }
    assert tree.find("p").text() == "Le KN-25 tire."


def test_href_is_relative_to_the_current_page() -> None:
    tree, _, _ = convert("Le Quad.", page="sub/dir/page.md")
    assert linked(tree) == [("Quad", "../../glossaire/quad.md")]


@pytest.mark.parametrize("level", ["#", "##", "###", "######"])
def test_headings_are_never_linked_and_do_not_use_up_the_first_occurrence(level: str) -> None:
    tree, ext, _ = convert(f"{level} Le Quad\n\nLe Quad se réunit.")
    heading = tree.find(f"h{len(level)}")
    assert heading is not None
    assert heading.find("a") is None
    assert heading.text() == "Le Quad"
    assert linked(tree) == [("Quad", "glossaire/quad.md")]
    assert term_links(tree)[0].parent is tree.find("p")
    assert ext.mentions == ["glossaire/quad.md"]


def test_existing_links_are_left_alone() -> None:
    tree, _, _ = convert("Voir [le Quad](https://example.org/quad) puis le Quad.")
    anchors = tree.find_all("a")
    assert anchors[0].attrs == {"href": "https://example.org/quad"}
    assert anchors[0].text() == "le Quad"
    assert anchors[0].elements == []
    assert linked(tree) == [("Quad", "glossaire/quad.md")]
    assert len(anchors) == 2


def test_inline_and_fenced_code_are_left_alone() -> None:
    text = "Écrire `Quad` ici.\n\n```\nQuad KN-25\n```\n\nEnfin le Quad."
    tree, ext, out = convert(text)
    codes = tree.find_all("code")
    assert [c.text() for c in codes] == ["Quad", "Quad KN-25\n"]
    assert all(c.find("a") is None for c in codes)
    assert linked(tree) == [("Quad", "glossaire/quad.md")]
    assert term_links(tree)[0].parent is tree.find_all("p")[-1]
    assert ext.mentions == ["glossaire/quad.md"]
    assert "term-kn-25" not in out


def test_terms_in_emphasis_and_table_cells_are_linked() -> None:
    text = "Le *Quad* tire.\n\n| Système | Portée |\n|---|---|\n| KN-25 | 400 km |\n"
    tree, _, _ = convert(text)
    assert linked(tree) == [("Quad", "glossaire/quad.md"), ("KN-25", "glossaire/kn-25.md")]
    quad, kn25 = term_links(tree)
    assert quad.parent is not None and quad.parent.tag == "em"
    assert kn25.parent is not None and kn25.parent.tag == "td"


def test_the_longest_alias_wins() -> None:
    tree, _, _ = convert("Le Hwasong-18 n’est pas un Hwasong comme les autres.")
    assert linked(tree) == [
        ("Hwasong-18", "glossaire/hwasong-18.md"),
        ("Hwasong", "glossaire/hwasong.md"),
    ]


def test_a_longer_term_is_not_linked_as_its_shorter_prefix() -> None:
    tree, ext, _ = convert("Le Hwasong-18, puis encore le Hwasong-18.")
    assert linked(tree) == [("Hwasong-18", "glossaire/hwasong-18.md")]
    assert "glossaire/hwasong.md" not in ext.mentions


def test_a_multi_word_alias_is_linked_whole() -> None:
    tree, _, _ = convert("Le sommet trilatéral de Camp David d’août 2023.")
    assert linked(tree) == [("sommet trilatéral de Camp David", "glossaire/camp-david.md")]
    assert tree.find("p").text() == "Le sommet trilatéral de Camp David d’août 2023."


@pytest.mark.parametrize(
    "text",
    [
        "Le XKN-25 tire.",
        "Le KN-25A tire.",
        "Le KN-250 tire.",
        "Le KN-25-bis tire.",
        "Le pré-KN-25 tire.",
        "Le Quadrilateral Security Dialogue.",
        "Les Quads.",
        "Le SQuad.",
        "Un Hwasong-180.",
        "Le Hwasong-18b.",
    ],
)
def test_a_term_inside_a_longer_word_is_not_linked(text: str) -> None:
    tree, ext, _ = convert(text)
    assert linked(tree) == []
    assert ext.mentions == []
    assert tree.find("p").text() == text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("(KN-25)", "KN-25"),
        ("Le KN-25.", "KN-25"),
        ("Le KN-25, puis", "KN-25"),
        ("« Quad »", "Quad"),
        ("du Quad’s", "Quad"),
        ("l’Hwasong-18 ?", "Hwasong-18"),
        ("Quad/KN-25", "Quad"),
    ],
)
def test_a_term_next_to_punctuation_is_linked(text: str, word: str) -> None:
    tree, _, _ = convert(text)
    assert term_links(tree)[0].text() == word
    assert tree.find("p").text() == text


def test_english_aliases_are_linked_in_the_english_edition() -> None:
    tree, ext, _ = convert(
        "The Camp David trilateral summit, then Camp David again, and the Quad.",
        english_terms(),
        lang="en",
    )
    assert linked(tree) == [
        ("Camp David trilateral summit", "glossaire/camp-david.md"),
        ("Quad", "glossaire/quad.md"),
    ]
    assert term_links(tree)[0].attrs["title"] == "Trilateral summit of 18 August 2023."
    assert ext.mentions == ["glossaire/camp-david.md", "glossaire/quad.md"]


def test_a_bare_alias_links_when_the_long_form_is_absent() -> None:
    tree, _, _ = convert("The summit at Camp David.", english_terms(), lang="en")
    assert linked(tree) == [("Camp David", "glossaire/camp-david.md")]


def test_the_french_long_alias_is_not_an_english_one() -> None:
    tree, _, _ = convert("The sommet trilatéral de Camp David.", english_terms(), lang="en")
    assert linked(tree) == [("Camp David", "glossaire/camp-david.md")]


def test_a_term_page_does_not_link_itself_but_links_other_terms() -> None:
    tree, ext, out = convert(
        "# Quad\n\nLe Quad, avec le KN-25.\n\nLe Quad encore.", page="glossaire/quad.md"
    )
    assert linked(tree) == [("KN-25", "kn-25.md")]
    assert ext.mentions == ["glossaire/kn-25.md"]
    placeholder = tree.find("div", "brief-mentioned-in")
    assert placeholder is not None
    assert placeholder.attrs["data-term"] == "glossaire/quad.md"
    assert out.rstrip().endswith(
        '<div class="brief-mentioned-in" data-term="glossaire/quad.md"></div>'
    )


def test_a_section_page_gets_no_mentioned_in_placeholder() -> None:
    tree, _, _ = convert("Le Quad.")
    assert tree.find("div", "brief-mentioned-in") is None


def test_the_title_is_the_definition_escaped_for_material_s_html_tooltip() -> None:
    nasty = 'Un <b>missile</b> dit « "super-large" » & l’autre'
    terms = [make_term("KN-25", ("KN-25",), nasty, "kn-25")]
    tree, _, out = convert("Le KN-25.", terms)
    (link,) = term_links(tree)
    # The attribute's value is the definition as HTML text: Material's tooltip,
    # which reads it as HTML, shows the definition exactly, tags as text.
    assert link.attrs["title"] == html.escape(nasty, quote=False)
    assert link.elements == []
    assert tree.find("b") is None
    assert "&amp;lt;b&amp;gt;missile&amp;lt;/b&amp;gt;" in out
    assert "&quot;super-large&quot;" in out
    assert "&amp;amp; l’autre" in out
    assert "<b>" not in out


def test_footnotes_are_never_linked() -> None:
    ext = GlossaryExtension(glossary=Glossary(french_terms()), lang="fr")
    md = markdown.Markdown(extensions=[ext, "footnotes"])
    ext.begin_page("section.md", "", "section.md")
    tree = parse(md.convert("Un tir[^1], puis le KN-25.\n\n[^1]: Le Quad et le KN-25."))
    note = tree.find("div", "footnote")
    assert note is not None and "Le Quad et le KN-25." in note.text()
    assert note.find("a", "brief-term") is None
    assert linked(tree) == [("KN-25", "glossaire/kn-25.md")]
    assert ext.mentions == ["glossaire/kn-25.md"]


def test_the_glossary_marker_becomes_an_alphabetical_definition_list() -> None:
    text = f"# Glossaire\n\nLes termes de la note.\n\n{INDEX_MARKER}\n\nFin."
    tree, _, out = convert(text, page="glossaire/index.md")
    assert INDEX_MARKER not in out
    (dl,) = tree.find_all("dl", "brief-glossary")
    entries = [(e.tag, e.text()) for e in dl.elements]
    assert entries == [
        ("dt", "Camp David"),
        ("dd", CAMP_DAVID_FR),
        ("dt", "Hwasong"),
        ("dd", HWASONG_FR),
        ("dt", "Hwasong-18"),
        ("dd", HWASONG18_FR),
        ("dt", "KN-25"),
        ("dd", KN25_FR),
        ("dt", "Quad"),
        ("dd", QUAD_FR),
    ]
    hrefs = [a.attrs["href"] for a in dl.find_all("a")]
    assert hrefs == ["camp-david.md", "hwasong.md", "hwasong-18.md", "kn-25.md", "quad.md"]
    assert dl.find("a", "brief-term") is None
    # The list replaces the marker where it stood, between the two paragraphs.
    body = [e.tag for e in tree.elements]
    assert body == ["h1", "p", "dl", "p"]


def test_the_glossary_marker_sorts_regardless_of_case() -> None:
    terms = [
        make_term("zone", ("zone",), "z", "zone"),
        make_term("Alpha", ("Alpha",), "a", "alpha"),
        make_term("beta", ("beta",), "b", "beta"),
    ]
    tree, _, _ = convert(INDEX_MARKER, terms, page="glossaire/index.md")
    assert [dt.text() for dt in tree.find_all("dt")] == ["Alpha", "beta", "zone"]


def test_the_glossary_marker_sorts_accented_initials_with_their_letter() -> None:
    terms = [
        make_term("Zone démilitarisée", ("Zone démilitarisée",), "z", "zone"),
        make_term("État tampon", ("État tampon",), "e", "etat"),
        make_term("Dialogue", ("Dialogue",), "d", "dialogue"),
    ]
    tree, _, _ = convert(INDEX_MARKER, terms, page="glossaire/index.md")
    assert [dt.text() for dt in tree.find_all("dt")] == [
        "Dialogue",
        "État tampon",
        "Zone démilitarisée",
    ]


def test_a_marker_inside_a_sentence_is_left_as_text() -> None:
    tree, _, out = convert(f"Écrire {INDEX_MARKER} pour la liste.", page="glossaire/index.md")
    assert tree.find("dl") is None
    assert INDEX_MARKER in out


def test_mentions_are_recorded_once_each_in_reading_order() -> None:
    text = (
        "## Camp David\n\n"
        "Le KN-25 et le *Quad*.\n\n"
        "- Le KN-25 encore\n- puis le sommet trilatéral de Camp David\n\n"
        "| A |\n|---|\n| Hwasong-18 |\n\n"
        "Le Quad, le Camp David, le Hwasong-18."
    )
    tree, ext, _ = convert(text)
    assert ext.mentions == [
        "glossaire/kn-25.md",
        "glossaire/quad.md",
        "glossaire/camp-david.md",
        "glossaire/hwasong-18.md",
    ]
    assert [a.attrs["href"] for a in term_links(tree)] == ext.mentions


def test_begin_page_resets_mentions_and_first_occurrences() -> None:
    ext = GlossaryExtension(glossary=Glossary(french_terms()), lang="fr")
    md = markdown.Markdown(extensions=[ext])
    ext.begin_page("a.md", "", "a.md")
    md.convert("Le Quad.")
    assert ext.mentions == ["glossaire/quad.md"]
    ext.begin_page("b.md", "", "b.md")
    tree = parse(md.reset().convert("Le KN-25 et le Quad."))
    assert ext.mentions == ["glossaire/kn-25.md", "glossaire/quad.md"]
    assert linked(tree) == [("KN-25", "glossaire/kn-25.md"), ("Quad", "glossaire/quad.md")]


def test_an_empty_glossary_changes_nothing() -> None:
    _, ext, out = convert("Le Quad.", [])
    assert out == "<p>Le Quad.</p>"
    assert ext.mentions == []


def test_fill_mentions_lists_the_pages_and_escapes_titles() -> None:
    page_html = (
        '<p>x</p><div class="brief-mentioned-in" data-term="glossaire/quad.md"></div><p>y</p>'
    )
    mentions = {"glossaire/quad.md": [("a/", "A & <B>"), ("c/", "C")]}
    out = fill_mentions(
        page_html, mentions, vocabulary("fr"), lambda url, anchor: f"../{url}#{anchor}"
    )
    tree = parse(out)
    box = tree.find("div", "brief-mentioned-in")
    assert box is not None
    assert box.find("p").text() == "Mentionné dans\u202f:"
    assert [(a.text(), a.attrs["href"]) for a in box.find_all("a")] == [
        ("A & <B>", "../a/#term-quad"),
        ("C", "../c/#term-quad"),
    ]
    assert "A &amp; &lt;B&gt;" in out
    assert out.startswith("<p>x</p>") and out.endswith("<p>y</p>")


def test_fill_mentions_drops_the_placeholder_of_an_unmentioned_term() -> None:
    page_html = '<p>x</p><div class="brief-mentioned-in" data-term="glossaire/quad.md"></div>'
    out = fill_mentions(page_html, {}, vocabulary("en"), lambda url, anchor: url)
    assert out == "<p>x</p>"


def test_fill_mentions_labels_in_english() -> None:
    page_html = '<div class="brief-mentioned-in" data-term="glossaire/quad.md"></div>'
    out = fill_mentions(
        page_html, {"glossaire/quad.md": [("x/", "X")]}, vocabulary("en"), lambda u, a: u
    )
    assert parse(out).find("p").text() == "Mentioned in:"


# --------------------------------------------------------------------------------------
# (b) load_glossary on broken term pages
# --------------------------------------------------------------------------------------

GOOD = """\
---
title: Quad
description: 'Un partenariat.'
glossary:
  term: Quad
  names:
    - Quad
    - Dialogue quadrilatéral pour la sécurité
  aliases:
    - Quad
  definition: >
    Partenariat diplomatique
    informel.
---

# Quad
"""


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ``docs/fr``; problems then name files as ``docs/fr/…``."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs" / "fr"
    (folder / "glossaire").mkdir(parents=True)
    (folder / "index.md").write_text("---\ntitle: Accueil\n---\n\n# Accueil\n", encoding="utf-8")
    return folder


def write(docs: Path, name: str, text: str) -> Path:
    path = docs / "glossaire" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_term_page_is_loaded(docs: Path) -> None:
    write(docs, "quad.md", GOOD)
    glossary, problems = load_glossary(docs)
    assert problems == []
    assert glossary.terms == [
        Term(
            term="Quad",
            names=("Quad", "Dialogue quadrilatéral pour la sécurité"),
            aliases=("Quad",),
            definition="Partenariat diplomatique informel.",
            page="glossaire/quad.md",
            path="docs/fr/glossaire/quad.md",
            line=4,
        )
    ]
    assert glossary.by_page("glossaire/quad.md") is glossary.terms[0]
    assert glossary.by_page("index.md") is None


def test_single_strings_are_accepted_for_names_and_aliases(docs: Path) -> None:
    write(docs, "quad.md", GOOD.replace("  aliases:\n    - Quad\n", "  aliases: Quad\n"))
    glossary, problems = load_glossary(docs)
    assert problems == []
    assert glossary.terms[0].aliases == ("Quad",)


def test_a_missing_definition_is_reported_at_the_glossary_line(docs: Path) -> None:
    text = GOOD.replace("  definition: >\n    Partenariat diplomatique\n    informel.\n", "")
    write(docs, "quad.md", text)
    glossary, problems = load_glossary(docs)
    assert glossary.terms == []
    assert [str(p) for p in problems] == [
        "docs/fr/glossaire/quad.md:4: glossary entry lacks definition: add them to the front matter"
    ]


def test_an_empty_definition_is_missing(docs: Path) -> None:
    text = GOOD.replace("definition: >\n    Partenariat diplomatique\n    informel.", "definition:")
    write(docs, "quad.md", text)
    glossary, problems = load_glossary(docs)
    assert glossary.terms == []
    assert [(p.path, p.line) for p in problems] == [("docs/fr/glossaire/quad.md", 4)]
    assert "lacks definition" in problems[0].message


def test_a_blank_definition_is_missing(docs: Path) -> None:
    text = GOOD.replace(
        "definition: >\n    Partenariat diplomatique\n    informel.", "definition: '  '"
    )
    write(docs, "quad.md", text)
    glossary, problems = load_glossary(docs)
    assert glossary.terms == []
    assert [(p.path, p.line) for p in problems] == [("docs/fr/glossaire/quad.md", 4)]


def test_missing_names_and_aliases_are_reported_together(docs: Path) -> None:
    text = GOOD.replace(
        "  names:\n    - Quad\n    - Dialogue quadrilatéral pour la sécurité\n"
        "  aliases:\n    - Quad\n",
        "  names: []\n",
    )
    write(docs, "quad.md", text)
    glossary, problems = load_glossary(docs)
    assert glossary.terms == []
    assert [str(p) for p in problems] == [
        "docs/fr/glossaire/quad.md:4: glossary entry lacks names, aliases: "
        "add them to the front matter"
    ]


@pytest.mark.parametrize(
    "value", ["Quad", "[Quad, KN-25]", "", "42"], ids=["string", "list", "empty", "number"]
)
def test_a_glossary_value_that_is_not_a_mapping_is_reported(docs: Path, value: str) -> None:
    write(docs, "quad.md", f"---\ntitle: Quad\nglossary: {value}\n---\n\n# Quad\n")
    glossary, problems = load_glossary(docs)
    assert glossary.terms == []
    assert [str(p) for p in problems] == [
        "docs/fr/glossaire/quad.md:3: glossary: must be a mapping with "
        "term, names, aliases, definition"
    ]


def test_the_line_is_the_glossary_key_even_if_an_earlier_value_says_glossary(
    docs: Path,
) -> None:
    text = GOOD.replace("description: 'Un partenariat.'", "description: 'See the glossary: Quad'")
    text = text.replace("  definition: >\n    Partenariat diplomatique\n    informel.\n", "")
    write(docs, "quad.md", text)
    _, problems = load_glossary(docs)
    assert [(p.path, p.line) for p in problems] == [("docs/fr/glossaire/quad.md", 4)]


def test_an_alias_defined_by_two_pages_names_both_files(docs: Path) -> None:
    write(docs, "quad.md", GOOD)
    other = GOOD.replace("term: Quad", "term: Quadrilatéral").replace(
        "definition: >", "definition: >\n    Autre."
    )
    write(docs, "quadrilateral.md", other)
    glossary, problems = load_glossary(docs)
    assert [str(p) for p in problems] == [
        "docs/fr/glossaire/quadrilateral.md:4: 'Quad' is already defined by "
        "docs/fr/glossaire/quad.md:4: keep one definition"
    ]
    assert [t.term for t in glossary.terms] == ["Quad", "Quadrilatéral"]


def test_a_term_repeated_as_its_own_alias_is_no_duplicate(docs: Path) -> None:
    write(
        docs,
        "quad.md",
        GOOD.replace("    - Quad\n  definition", "    - Quad\n    - Quad\n  definition"),
    )
    glossary, problems = load_glossary(docs)
    assert problems == []
    assert len(glossary.terms) == 1


def test_invalid_yaml_front_matter_is_left_to_the_front_matter_check(docs: Path) -> None:
    write(docs, "broken.md", "---\ntitle: [Quad\nglossary:\n  term: Quad\n---\n\n# Quad\n")
    write(docs, "quad.md", GOOD)
    glossary, problems = load_glossary(docs)
    assert problems == []  # named once, with YAML's line, by the front-matter check
    assert [t.term for t in glossary.terms] == ["Quad"]


def test_every_problem_of_every_page_is_reported_in_one_run(docs: Path) -> None:
    write(docs, "a.md", "---\nglossary: x\n---\n")
    write(docs, "b.md", "---\nglossary:\n  term: B\n---\n")
    write(docs, "c.md", "---\ntitle: [\n---\n")
    _, problems = load_glossary(docs)
    assert [(Path(p.path).name, p.line) for p in problems] == [("a.md", 2), ("b.md", 2)]


def test_pages_without_a_glossary_entry_are_ignored(docs: Path) -> None:
    write(docs, "plain.md", "---\ntitle: Rien\n---\n\nLe mot glossary: ici.\n")
    write(docs, "nofm.md", "# Sans front matter\n")
    glossary, problems = load_glossary(docs)
    assert glossary.terms == []
    assert problems == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_real_glossaries_load_without_problems(lang: str) -> None:
    glossary, problems = load_glossary(ROOT / "docs" / lang)
    assert problems == []
    assert sorted(t.page for t in glossary.terms) == [
        "glossaire/camp-david.md",
        "glossaire/hwasong-18.md",
        "glossaire/kn-25.md",
        "glossaire/quad.md",
    ]
    assert all(t.definition and t.names and t.aliases for t in glossary.terms)


# --------------------------------------------------------------------------------------
# (c) The built brief
# --------------------------------------------------------------------------------------

SECTIONS = ["vostotchny", "partenariat-inegal", "attendre-et-observer"]
TERMS = {"quad": "Quad", "camp-david": "Camp David", "kn-25": "KN-25", "hwasong-18": "Hwasong-18"}
# Where the brief itself uses each term (the glossary pages' "In this brief" sections say so).
USED_IN = {
    "quad": "attendre-et-observer",
    "camp-david": "attendre-et-observer",
    "kn-25": "attendre-et-observer",
    "hwasong-18": "partenariat-inegal",
}
LANGS = {"fr": "", "en": "en/"}
MENTIONED = {"fr": "Mentionné dans\u202f:", "en": "Mentioned in:"}


def definition(lang: str, slug: str) -> str:
    text = (ROOT / "docs" / lang / "glossaire" / f"{slug}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    return " ".join(str(meta["glossary"]["definition"]).split())


def article(site: Path, url: str) -> Node:
    """The ``<article>`` of the built page at site-relative ``url`` (e.g. ``en/quad/``)."""
    tree = parse((site / url / "index.html").read_text(encoding="utf-8"))
    found = tree.find("article")
    assert found is not None, f"{url}: no <article>"
    return found


def resolve(page_url: str, href: str) -> str:
    """Site-relative path that ``href`` on ``page_url`` points to, without the fragment."""
    return urlparse(urljoin("http://site/" + page_url, href)).path.lstrip("/")


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_is_linked_from_the_sections_with_its_definition(site: Path, lang: str) -> None:
    found: dict[str, list[str]] = {slug: [] for slug in TERMS}
    for section in SECTIONS:
        url = f"{LANGS[lang]}{section}/"
        for link in article(site, url).find_all("a", "brief-term"):
            target = resolve(url, link.attrs["href"])
            match = re.fullmatch(re.escape(LANGS[lang]) + r"glossaire/([\w-]+)/", target)
            assert match, f"{url}: glossary link to {target}"
            assert (site / target / "index.html").is_file(), target
            assert link.attrs["id"] == f"term-{match[1]}"
            found.setdefault(match[1], []).append(link.attrs.get("title", ""))
    assert set(found) == set(TERMS)
    for slug, titles in found.items():
        assert titles, f"{lang}: {TERMS[slug]} is linked from no section page"
        expected = definition(lang, slug)
        assert expected
        assert all(t == expected for t in titles), (slug, titles)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", TERMS)
def test_each_term_is_linked_where_the_brief_uses_it(site: Path, lang: str, slug: str) -> None:
    url = f"{LANGS[lang]}{USED_IN[slug]}/"
    links = [
        a
        for a in article(site, url).find_all("a", "brief-term")
        if resolve(url, a.attrs["href"]) == f"{LANGS[lang]}glossaire/{slug}/"
    ]
    assert len(links) == 1, f"{url}: {len(links)} links to {slug}"
    assert TERMS[slug] in links[0].text()
    assert not any(a.tag in {"h1", "h2", "h3", "a", "code"} for a in links[0].ancestors())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", TERMS)
def test_each_term_page_lists_where_it_is_mentioned(site: Path, lang: str, slug: str) -> None:
    url = f"{LANGS[lang]}glossaire/{slug}/"
    page = article(site, url)
    assert page.find("a", "brief-term") is None or all(
        resolve(url, a.attrs["href"]) != url for a in page.find_all("a", "brief-term")
    ), "the term page links to itself"
    assert page.find("div", "brief-mentioned-in") is not None
    (box,) = [d for d in page.find_all("div", "brief-mentioned-in") if d.find("ul")]
    assert "data-term" not in box.attrs, "the placeholder was not filled"
    assert box.find("p").text() == MENTIONED[lang]
    targets = [(resolve(url, a.attrs["href"]), a.attrs["href"]) for a in box.find_all("a")]
    section = f"{LANGS[lang]}{USED_IN[slug]}/"
    back = [href for path, href in targets if path == section]
    assert back, f"{url}: no link back to {section} in {targets}"
    assert back[0].endswith(f"#term-{slug}")
    # The anchor exists on the section page and is the glossary link itself.
    anchor = [
        a for a in article(site, section).find_all("a") if a.attrs.get("id") == f"term-{slug}"
    ]
    assert len(anchor) == 1 and "brief-term" in anchor[0].classes


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_index_lists_the_terms_alphabetically(site: Path, lang: str) -> None:
    url = f"{LANGS[lang]}glossaire/"
    page = article(site, url)
    assert INDEX_MARKER not in page.text()
    (dl,) = page.find_all("dl", "brief-glossary")
    terms = [dt.text() for dt in dl.find_all("dt")]
    assert terms == ["Camp David", "Hwasong-18", "KN-25", "Quad"]
    slugs = {name: slug for slug, name in TERMS.items()}
    # The French page's spaces before « : » and inside « » are set at render.
    assert [" ".join(dd.text().split()) for dd in dl.find_all("dd")] == [
        definition(lang, slugs[name]) for name in terms
    ]
    for dt in dl.find_all("dt"):
        target = resolve(url, dt.find("a").attrs["href"])
        assert target == f"{LANGS[lang]}glossaire/{slugs[dt.text()]}/"


def test_titles_are_escaped_in_the_built_html(site: Path) -> None:
    raw = (site / "attendre-et-observer" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<a class="brief-term"[^>]*\btitle="([^"]*)"', raw)
    assert titles
    assert all("<" not in t for t in titles)
    assert html.unescape(titles[0]) == definition("fr", "quad")


def test_a_term_page_without_definition_fails_the_build(
    brief_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = brief_copy / "docs" / "fr" / "glossaire" / "kn-25.md"
    text = page.read_text(encoding="utf-8")
    broken = re.sub(r"\n  definition: '[^\n]*'", "", text)
    assert broken != text and "definition:" not in broken.split("\n---", 1)[0]
    page.write_text(broken, encoding="utf-8")
    target = brief_copy / "site"
    # The build stops with every problem of the brief listed in its message.
    with pytest.raises(BuildFailed) as failure:
        build_all(brief_copy, target, with_pdf=False)
    message = str(failure.value)
    assert re.search(
        r"docs/fr/glossaire/kn-25\.md:4:1: error: glossary entry lacks definition: "
        r"add them to the front matter",
        message,
    )
    assert "hwasong-18.md" not in message  # only the broken page is named
    assert not target.exists()
    assert not list(brief_copy.glob(".site.*"))


def test_problem_fields_match_the_message(docs: Path) -> None:
    write(docs, "quad.md", "---\nglossary: 1\n---\n")
    _, problems = load_glossary(docs)
    assert problems == [
        Problem(
            "docs/fr/glossaire/quad.md",
            2,
            "glossary: must be a mapping with term, names, aliases, definition",
        )
    ]
