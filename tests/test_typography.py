"""Typographic spaces set at render, and the language of sources' titles."""

from __future__ import annotations

import markdown
import pytest

from briefkit.bib.reader import Source
from briefkit.core.vocabulary import language_files, vocabulary
from briefkit.extensions.typography import space_text
from briefkit.style.references import full_reference, short_reference
from briefkit.style.titlelang import guess_language, title_language

N = "\u202f"  # narrow no-break space


def convert(text: str, lang: str = "fr") -> str:
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "toc", "briefkit.extensions.typography"],
        extension_configs={"briefkit.extensions.typography": {"lang": lang}},
    )
    return md.convert(text)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Il a dit : non ; oui ! Vraiment ?", f"Il a dit{N}: non{N}; oui{N}! Vraiment{N}?"),
        ("Collé: non; oui! Vraiment?", f"Collé{N}: non{N}; oui{N}! Vraiment{N}?"),
        ("Typé\u00a0: avec insécable", f"Typé{N}: avec insécable"),
        ("« Jour de la Victoire »", f"«{N}Jour de la Victoire{N}»"),
        ("«Collé»", f"«{N}Collé{N}»"),
        ("« *Jour* »", f"«{N}<em>Jour</em>{N}»"),
        ("**gras**: suite", f"<strong>gras</strong>{N}: suite"),
        ("à 12:30, ratio 1:2", "à 12:30, ratio 1:2"),
        ("Quoi ?! Non", f"Quoi{N}?! Non"),
        ("Voir https://example.org/a?b=1:2 !", f"Voir https://example.org/a?b=1:2{N}!"),
        ("Le code `a : b` reste", "Le code <code>a : b</code> reste"),
        (
            "[lien](https://example.org/?q=a:b) : ok",
            f'<a href="https://example.org/?q=a:b">lien</a>{N}: ok',
        ),
        ("*Summit: Next*{ lang=en } : ok", f'<em lang="en">Summit: Next</em>{N}: ok'),
        ('L’<em lang="en">Deal: now</em> : ok', f'L’<em lang="en">Deal: now</em>{N}: ok'),
    ],
)
def test_french_pages_get_narrow_no_break_spaces(source: str, expected: str) -> None:
    assert convert(source) == f"<p>{expected}</p>"


def test_headings_are_spaced_and_keep_their_anchor() -> None:
    assert convert("## Noms : variantes") == f'<h2 id="noms-variantes">Noms{N}: variantes</h2>'


@pytest.mark.parametrize("lang", ["en", "de"])
def test_languages_without_the_rule_are_untouched(lang: str) -> None:
    assert convert("He said: « no » ; yes!", lang) == "<p>He said: « no » ; yes!</p>"


def test_attributes_are_never_touched() -> None:
    html = convert('[x](a.md "Titre : sous-titre") : suite')
    assert 'title="Titre : sous-titre"' in html and f"</a>{N}: suite" in html


def test_the_rule_is_data_in_every_language_file() -> None:
    assert vocabulary("fr").space_before == ";:!?»" and vocabulary("fr").space_after == "«"
    for code in language_files():
        assert isinstance(vocabulary(code).space_before, str)


def test_the_preceding_text_is_context() -> None:
    assert space_text(": suite", "fr", before="mot") == f"{N}: suite"
    assert space_text(": suite", "fr") == ": suite"


def source(title: str, **fields: str) -> Source:
    return Source("k", "online", {"title": title, **fields}, {}, "bib/x.bib", 1)


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("The War in Ukraine and Russia-North Korean Arms Transfers: What’s Next?", "en"),
        ("Rencontre Kim-Poutine : l’Ukraine bien sûr, mais surtout l’Asie-Pacifique", "fr"),
        ("Die Zeitenwende und der Koreakrieg", "de"),
        ("Vladivostok", None),
        ("KN-25", None),
    ],
)
def test_a_title_language_is_guessed_from_its_frequent_words(title: str, lang: str | None) -> None:
    assert guess_language(title) == lang


@pytest.mark.parametrize(
    ("fields", "lang"),
    [({"langid": "english"}, "en"), ({"language": "french"}, "fr"), ({"langid": "en-GB"}, "en-GB")],
)
def test_the_entry_field_wins_over_the_guess(fields: dict[str, str], lang: str) -> None:
    assert title_language(source("La paix et la guerre", **fields)) == lang


def test_a_foreign_title_is_marked_and_a_same_language_one_is_not() -> None:
    entry = source("The Orient Express: North Korea’s Supply Route")
    marked = full_reference(entry, "fr")
    assert '«\u00a0<span lang="en">The Orient Express: North Korea’s Supply Route</span>' in marked
    assert short_reference(entry, "fr") == '«\u00a0<span lang="en">The Orient Express</span>\u00a0»'
    assert "<span" not in full_reference(entry, "en")


def test_english_titles_in_french_notes_carry_lang_and_keep_their_colons(
    brief_copy: object,
) -> None:
    md = markdown.Markdown(
        extensions=["briefkit.extensions"],
        extension_configs={"briefkit.extensions": {"lang": "fr", "root": str(brief_copy)}},
    )
    html = md.convert("Des armes [@cha2023axis].")
    assert '<span lang="en">A Renewed Axis: Growing Military Cooperation' in html
    assert f"«{N}<span" in html
