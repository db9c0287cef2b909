"""Citations in Markdown become numbered footnotes: Markdown in, HTML out."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import markdown
import pytest

from briefkit.bib.reader import Bibliography, load_or_raise, parse_bib_file
from briefkit.core.problems import Problem
from briefkit.extensions.citations import CitationExtension, PageState

ROOT = Path(__file__).resolve().parent.parent

# Test data: invented sources with short, predictable references.
ENTRIES = r"""
@online{morvan2021essaims,
  author = {Morvan, {\'E}lodie and Quenneville, Marthe},
  title = {{Les essaims perdus du plateau}},
  organization = {Gazette apicole},
  year = {2021},
  month = {5},
}

@article{ostrander2020pollen,
  author = {Ostrander, Hal},
  title = {{Pollen Loads on a Windy Plateau}},
  journal = {Journal of Imaginary Apiculture},
  volume = {7},
  number = {2},
  year = {2020},
}
"""
MOR, OST = "morvan2021essaims", "ostrander2020pollen"
FULL_M = (
    "Élodie Morvan et Marthe Quenneville, « Les essaims perdus du plateau », "
    "Gazette apicole, mai 2021"
)
SHORT_M = "Morvan et Quenneville, « Les essaims perdus du plateau »"
FULL_O = (
    "Hal Ostrander, « Pollen Loads on a Windy Plateau », Journal of Imaginary Apiculture, "
    "vol. 7, n° 2, 2020"
)
SHORT_O = "Ostrander, « Pollen Loads on a Windy Plateau »"
EN_FULL_M = (
    "Élodie Morvan and Marthe Quenneville, “Les essaims perdus du plateau”, "
    "Gazette apicole, May 2021"
)
EN_SHORT_M = "Morvan and Quenneville, “Les essaims perdus du plateau”"

NOTE_RE = re.compile(r'<li [^>]*?id="fn:(\d+)"[^>]*>\s*<p>(.*?)</p>\s*</li>', re.S)
CALL_RE = re.compile(
    r'<sup id="fnref:(\d+)"><a class="footnote-ref" href="#fn:(\d+)">\u2060(\d+)</a></sup>'
)


@pytest.fixture(scope="module")
def bib(tmp_path_factory: pytest.TempPathFactory) -> Bibliography:
    path = tmp_path_factory.mktemp("cite") / "cite.bib"
    path.write_text(ENTRIES, encoding="utf-8")
    sources, problems = parse_bib_file(path)
    assert problems == []
    return Bibliography.from_sources(sources)


def convert(bib: Bibliography, source: str, lang: str = "fr") -> tuple[str, PageState]:
    ext = CitationExtension(bibliography=bib, lang=lang)
    ext.begin_page("docs/page.md", source)
    md = markdown.Markdown(extensions=[ext, "attr_list", "fenced_code", "tables", "admonition"])
    return md.convert(source), ext.state


def text_of(fragment: str) -> str:
    """What a reader sees: tags dropped, entities decoded, white space collapsed."""
    plain = htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))
    return " ".join(plain.replace("\u00a0", " ").split())


def notes(page: str) -> list[str]:
    """Visible text of each note, in order, without the back link."""
    found = NOTE_RE.findall(page)
    assert [int(n) for n, _ in found] == list(range(1, len(found) + 1))
    return [text_of(re.sub(r'<a class="footnote-backref".*?</a>', "", body)) for _, body in found]


def note_keys(page: str) -> list[list[str]]:
    return [re.findall(r'data-key="([^"]+)"', body) for _, body in NOTE_RE.findall(page)]


def calls(page: str) -> list[int]:
    """Note numbers of the calls, in document order; each call links to its note."""
    found = CALL_RE.findall(page)
    assert all(a == b == c for a, b, c in found)
    return [int(a) for a, _, _ in found]


def only_problem(state: PageState) -> Problem:
    assert len(state.problems) == 1, [str(p) for p in state.problems]
    return state.problems[0]


# (id, Markdown, visible text of every note)
NOTES = [
    ("single-key", f"Texte [@{MOR}].", [f"{FULL_M}."]),
    ("locator", f"Texte [@{MOR}, p. 12].", [f"{FULL_M}, p. 12."]),
    ("locator-range", f"Texte [@{MOR}, pp. 3-5 et 8].", [f"{FULL_M}, pp. 3-5 et 8."]),
    ("prefix", f"Texte [voir @{MOR}, p. 3].", [f"Voir {FULL_M}, p. 3."]),
    (
        "multiple-keys-one-note",
        f"Texte [voir @{MOR}, p. 3; @{OST}].",
        [f"Voir {FULL_M}, p. 3; {FULL_O}."],
    ),
    (
        "multiple-keys-each-prefixed",
        f"Texte [cf. @{OST}; aussi @{MOR}, chap. 2].",
        [f"Cf. {FULL_O}; aussi {FULL_M}, chap. 2."],
    ),
    (
        "second-citation-short",
        f"A [@{MOR}]. B [@{OST}]. C [@{MOR}, p. 9].",
        [f"{FULL_M}.", f"{FULL_O}.", f"{SHORT_M}, p. 9."],
    ),
    (
        "ibid-keeps-locator",
        f"A [@{MOR}, p. 4]. B [@{MOR}, p. 5].",
        [f"{FULL_M}, p. 4.", "Ibid., p. 5."],
    ),
    (
        "ibid-after-prefix-lower-case",
        f"A [@{MOR}]. B [voir @{MOR}, p. 4].",
        [f"{FULL_M}.", "Voir ibid., p. 4."],
    ),
    (
        "no-ibid-after-two-sources",
        f"A [@{MOR}; @{OST}]. B [@{OST}].",
        [f"{FULL_M}; {FULL_O}.", f"{SHORT_O}."],
    ),
    (
        "no-ibid-for-two-sources",
        f"A [@{MOR}; @{OST}]. B [@{MOR}; @{OST}].",
        [f"{FULL_M}; {FULL_O}.", f"{SHORT_M}; {SHORT_O}."],
    ),
    (
        "locator-escaped",
        f"A [@{MOR}, <img src=x onerror=alert(1)>].",
        [f"{FULL_M}, <img src=x onerror=alert(1)>."],
    ),
]


@pytest.mark.parametrize(("source", "expected"), [n[1:] for n in NOTES], ids=[n[0] for n in NOTES])
def test_notes(bib: Bibliography, source: str, expected: list[str]) -> None:
    page, state = convert(bib, source)
    assert state.problems == []
    assert notes(page) == expected
    assert calls(page) == list(range(1, len(expected) + 1))
    assert "<img" not in page and "<script" not in page


def test_call_sticks_to_the_preceding_word(bib: Bibliography) -> None:
    page, _ = convert(bib, f"des munitions [@{MOR}].")
    assert page.startswith('<p>des munitions<sup id="fnref:1">')
    assert "</sup>.</p>" in page


def test_ibid_is_the_reference_span(bib: Bibliography) -> None:
    page, _ = convert(bib, f"A [@{MOR}]. B [@{MOR}].")
    assert note_keys(page) == [[MOR], [MOR]]
    assert f'<span class="brief-ref" data-key="{MOR}">Ibid.</span>' in page


def test_first_short_ibid_sequence(bib: Bibliography) -> None:
    source = f"A [@{MOR}]. B [@{MOR}]. C [@{OST}]. D [@{MOR}, p. 4]. E [@{MOR}, p. 5]. F [@{OST}]."
    page, state = convert(bib, source)
    texts = notes(page)
    assert texts[0] == f"{FULL_M}."
    assert texts[1].startswith("Ibid.")
    assert texts[2] == f"{FULL_O}."
    assert texts[3] == f"{SHORT_M}, p. 4."
    assert texts[4] == "Ibid., p. 5."
    assert texts[5] == f"{SHORT_O}."
    assert state.uses == [(MOR, 1), (MOR, 2), (OST, 3), (MOR, 4), (MOR, 5), (OST, 6)]


def test_numbering_follows_reading_order(bib: Bibliography) -> None:
    # Python-Markdown handles nested blocks (lists, tables) after top-level
    # paragraphs; the notes must still follow the order a reader meets them.
    source = (
        f"## Titre [@{MOR}]\n\n"
        f"- point [@{OST}]\n- autre\n\n"
        f"Paragraphe [@{OST}, p. 2].\n\n"
        f"| a | b |\n|---|---|\n| cellule [@{MOR}] | y |\n"
    )
    page, state = convert(bib, source)
    assert calls(page) == [1, 2, 3, 4]
    assert note_keys(page) == [[MOR], [OST], [OST], [MOR]]
    assert notes(page) == [f"{FULL_M}.", f"{FULL_O}.", "Ibid., p. 2.", f"{SHORT_M}."]
    assert state.problems == []


# (id, Markdown, a regex the call must match inside its element)
PLACES = [
    ("heading", f"## Les ruches [@{MOR}]\n\nTexte.", r"<h2>Les ruches<sup id=\"fnref:1\">"),
    ("table-cell", f"| a | b |\n|---|---|\n| x [@{MOR}] | y |\n", r"<td>x<sup id=\"fnref:1\">"),
    (
        "admonition",
        f"!!! note\n    Dans une note [@{MOR}].\n",
        r'<div class="admonition note">\s*<p class="admonition-title">Note</p>\s*'
        r'<p>Dans une note<sup id="fnref:1">',
    ),
    ("list-item", f"- premier [@{MOR}]\n- second\n", r"<li>premier<sup id=\"fnref:1\">"),
    ("ordered-list-item", f"1. premier\n2. second [@{MOR}]\n", r"<li>second<sup id=\"fnref:1\">"),
    ("emphasis", f"*voir [@{MOR}]* ici", r"<em>voir<sup id=\"fnref:1\">"),
]


@pytest.mark.parametrize(("source", "inside"), [p[1:] for p in PLACES], ids=[p[0] for p in PLACES])
def test_citation_works_inside_blocks(bib: Bibliography, source: str, inside: str) -> None:
    page, state = convert(bib, source)
    assert state.problems == []
    assert re.search(inside, page), page
    assert notes(page) == [f"{FULL_M}."]
    # The notes come after the content, once.
    assert page.count('<div class="footnote">') == 1
    assert page.index('<div class="footnote">') > page.index('id="fnref:1"')


# (id, Markdown, HTML fragment that must appear unchanged)
UNTOUCHED = [
    ("handle-in-prose", "Suivre @apiculteur sur le réseau.", "Suivre @apiculteur sur le réseau."),
    ("email-in-brackets", "Écrire à [contact@example.org].", "[contact@example.org]"),
    (
        "email-after-words",
        "Écrire [par courriel : contact@example.org].",
        "[par courriel : contact@example.org]",
    ),
    (
        "link-text",
        f"Un [texte @{MOR}](http://example.org) lien.",
        f'<a href="http://example.org">texte @{MOR}</a>',
    ),
    (
        "link-whole",
        f"Un [@{MOR}](http://example.org) lien.",
        f'<a href="http://example.org">@{MOR}</a>',
    ),
    ("inline-code", f"Écrire `[@{MOR}]` pour citer.", f"<code>[@{MOR}]</code>"),
    (
        "fenced-code",
        f"```\n[@{MOR}]\n[voir @{MOR}, p. 3]\n```\n",
        f"<code>[@{MOR}]\n[voir @{MOR}, p. 3]\n</code>",
    ),
    ("indented-code", f"Texte.\n\n    [@{MOR}]\n", f"<pre><code>[@{MOR}]\n</code></pre>"),
    ("escaped-at", f"Une arobase \\@{MOR} littérale.", f"Une arobase @{MOR} littérale."),
    ("escaped-at-in-brackets", f"Pas une citation : [\\@{MOR}].", f"[@{MOR}]"),
    ("no-at", "Un [simple crochet] ici.", "Un [simple crochet] ici."),
]


@pytest.mark.parametrize(
    ("source", "kept"), [u[1:] for u in UNTOUCHED], ids=[u[0] for u in UNTOUCHED]
)
def test_text_that_is_not_a_citation_is_untouched(
    bib: Bibliography, source: str, kept: str
) -> None:
    page, state = convert(bib, source)
    assert kept in page
    assert "footnote" not in page
    assert "citation-error" not in page
    assert state.problems == []
    assert state.uses == []


def test_unknown_key_is_reported_with_line_and_suggestion(bib: Bibliography) -> None:
    source = f"---\ntitle: T\n---\n\nTexte [@{MOR}].\n\nPuis [voir @morvan2021essain, p. 3] ici.\n"
    page, state = convert(bib, source)
    problem = only_problem(state)
    assert problem.path == "docs/page.md"
    assert problem.line == 7
    assert "unknown citation key 'morvan2021essain'" in problem.message
    assert f"did you mean '{MOR}'?" in problem.message
    # The author's text stays visible, flagged; no note is made for it.
    assert '<span class="citation-error">[voir @morvan2021essain, p. 3]</span>' in page
    assert notes(page) == [f"{FULL_M}."]


def test_unknown_key_without_near_match_has_no_suggestion(bib: Bibliography) -> None:
    _, state = convert(bib, "A\n\nB [@zzz1999nothing].")
    problem = only_problem(state)
    assert problem.line == 3
    assert "unknown citation key 'zzz1999nothing'" in problem.message
    assert "did you mean" not in problem.message


def test_one_unknown_key_flags_the_whole_citation(bib: Bibliography) -> None:
    page, state = convert(bib, f"A [@{MOR}; @nope].")
    assert "unknown citation key 'nope'" in only_problem(state).message
    assert f'<span class="citation-error">[@{MOR}; @nope]</span>' in page
    assert notes(page) == []


def test_same_unknown_key_twice_gives_both_lines(bib: Bibliography) -> None:
    _, state = convert(bib, "A [@nope].\n\nB.\n\nC [@nope].\n")
    assert sorted(p.line for p in state.problems) == [1, 5]


# (id, Markdown, line, message fragment, text left visible)
BROKEN = [
    ("empty-key", "Intro.\n\nTexte [@] fin.", 3, "empty citation key", "[@]"),
    ("empty-key-with-locator", "Texte [@, p. 3].", 1, "empty citation key", "[@, p. 3]"),
    (
        "missing-key-after-semicolon",
        f"Texte [@{MOR}; p. 4].",
        1,
        "'p. 4' has no @key",
        f"[@{MOR}; p. 4]",
    ),
    (
        "unterminated",
        f"Intro.\n\nTexte [@{MOR}, p. 3 et la suite\n",
        3,
        "unterminated citation",
        f"[@{MOR}, p. 3 et la suite",
    ),
]


@pytest.mark.parametrize(
    ("source", "line", "fragment", "visible"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_citation_is_a_problem_and_stays_visible(
    bib: Bibliography, source: str, line: int, fragment: str, visible: str
) -> None:
    page, state = convert(bib, source)
    problem = only_problem(state)
    assert problem.line == line
    assert fragment in problem.message
    assert visible in page
    assert notes(page) == []


def test_english_notes_use_english_words(bib: Bibliography) -> None:
    page, state = convert(bib, f"A [@{MOR}]. B [see @{MOR}, p. 3]. C [@{OST}]. D [@{MOR}].", "en")
    assert state.problems == []
    assert notes(page) == [
        f"{EN_FULL_M}.",
        "See ibid., p. 3.",
        "Hal Ostrander, “Pollen Loads on a Windy Plateau”, Journal of Imaginary Apiculture, "
        "vol. 7, no. 2, 2020.",
        f"{EN_SHORT_M}.",
    ]
    assert 'title="Back to text"' in page
    assert "Retour au texte" not in page


def test_french_back_links(bib: Bibliography) -> None:
    page, _ = convert(bib, f"A [@{MOR}].")
    assert '<a class="footnote-backref" href="#fnref:1" title="Retour au texte">↩</a>' in page


def test_each_page_starts_its_own_numbering(bib: Bibliography) -> None:
    ext = CitationExtension(bibliography=bib, lang="fr")
    pages = []
    for name, source in [("a.md", f"A [@{MOR}]. B [@{OST}]."), ("b.md", f"C [@{OST}]. D [@nope].")]:
        ext.begin_page(name, source)
        md = markdown.Markdown(extensions=[ext, "attr_list"])
        pages.append((md.convert(source), ext.state))
    (first, _), (second, state) = pages
    assert notes(first) == [f"{FULL_M}.", f"{FULL_O}."]
    assert notes(second) == [f"{FULL_O}."]  # full again: a new page
    assert [(p.path, p.line) for p in state.problems] == [("b.md", 1)]
    assert state.uses == [(OST, 1)]


def test_real_brief_citation() -> None:
    real = load_or_raise(ROOT / "bib")
    page, state = convert(real, "Texte [@cha2023summit, p. 2; @byrne2023orient].")
    assert state.problems == []
    (note,) = notes(page)
    assert note.startswith("Victor Cha et Ellen Kim, « Summit between Kim Jong-un and Vladimir")
    assert "; James Byrne, Joseph Byrne et Gary Somerville, « The Orient Express" in note
    assert ", p. 2; " in note
    assert note_keys(page) == [["cha2023summit", "byrne2023orient"]]


def test_ibid_note_ends_with_a_single_period(bib: Bibliography) -> None:
    page, _ = convert(bib, f"A [@{MOR}]. B [@{MOR}].")
    assert notes(page)[1] == "Ibid."


def test_unknown_key_line_ignores_the_same_text_in_code(bib: Bibliography) -> None:
    _, state = convert(bib, "Écrire `[@nope]` pour citer.\n\nMais ici [@nope] est une erreur.\n")
    assert only_problem(state).line == 3


@pytest.mark.parametrize(
    "source", [f"A [@{MOR}, p. 3\\*].", f"A [@{MOR}, `tableau 2`]."], ids=["escape", "code-span"]
)
def test_markup_inside_a_citation_does_not_crash(bib: Bibliography, source: str) -> None:
    page, state = convert(bib, source)
    assert state.problems or notes(page)[0].startswith(FULL_M)


def test_second_key_without_semicolon_is_not_silently_dropped(bib: Bibliography) -> None:
    _, state = convert(bib, f"A [@{MOR} @{OST}].")
    assert state.problems or OST in [key for key, _ in state.uses]


def test_author_footnotes_and_citations_on_one_page_are_reported() -> None:
    real = load_or_raise(Path(__file__).resolve().parent.parent / "bib")
    md = markdown.Markdown(
        extensions=["footnotes", CitationExtension(bibliography=real, lang="fr")]
    )
    ext = next(e for e in md.registeredExtensions if isinstance(e, CitationExtension))
    ext.begin_page("docs/fr/x.md", "x")
    md.convert("Texte[^1] et [@byrne2023orient].\n\n[^1]: Une note.")
    assert any("[^footnotes] and citations" in p.message for p in ext.state.problems)


def test_a_citation_followed_by_a_colon_is_a_citation(bib: Bibliography) -> None:
    page, state = convert(bib, f"The rebuttal [@{MOR}]: see the next section.")
    assert state.problems == []
    assert notes(page) == [f"{FULL_M}."]
    assert "</sup>: see the next section." in page
