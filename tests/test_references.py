"""Formatting references in French and English: full, short and bibliography forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.bib.reader import Bibliography, Source, load_or_raise, parse_bib_file
from briefkit.core.vocabulary import vocabulary
from briefkit.style.references import full_reference, short_reference, sort_key

ROOT = Path(__file__).resolve().parent.parent
NB = "\u00a0"
EN, FR, END = '<span lang="en">', '<span lang="fr">', "</span>"

# Test data: invented sources, one per entry type the brief uses.
ENTRIES = r"""
@online{web,
  author = {Morvan, {\'E}lodie and Quenneville, Marthe},
  title = {{Les essaims perdus du plateau}},
  organization = {Gazette apicole},
  year = {2021},
  month = {5},
  url = {https://example.org/essaims?a=1&b=2},
}

@online{site,
  author = {Ostrander, Hal},
  title = {{The NATO Summit: What Comes Next for eBay}},
  organization = {Plateau Review},
  year = {2023},
  month = {2},
  site = {plateau.example},
}

@report{rep,
  author = {Abel, Ann and Baker, Bob and Carter, Cy},
  title = {{Bilan des récoltes}},
  institution = {Fédération des apiculteurs},
  year = {2022},
  month = {8},
}

@article{art,
  author = {{Institut du Miel}},
  title = {{Pollen loads on a windy plateau}},
  journal = {Journal of Imaginary Apiculture},
  volume = {28},
  number = {15},
  year = {2022},
  month = {7},
}

@audio{pod,
  author = {Bremer, Ifang and Derr, Arius},
  title = {{Bees and Queens – Ep. 12}},
  series = {Hive Podcast},
  organization = {Hive News},
  year = {2023},
  month = {9},
}

@online{undated,
  author = {{Oryx}},
  title = {{Counting hives}},
  organization = {Oryx},
  urldate = {2023-10-23},
  site = {oryx.example},
}

@online{evil,
  author = {Mallory, Eve},
  title = {<script>alert(1)</script> & <img src=x onerror=alert(1)>},
  organization = {<img src=x onerror=alert(2)>},
  site = {<svg onload=alert(3)>},
  year = {2023},
}

@article{eviljournal,
  author = {Doe, Jane},
  title = {Plain},
  journal = {<iframe src=x></iframe>},
  year = {2023},
  url = {https://example.org/?q=<x>},
}

@online{many,
  author = {Cha, Victor and Johnstone, Chris and Kim, Ellen and Szechenyi, Nick},
  title = {{One Two Three Four Five Six Seven Eight}},
  organization = {CSIS},
  year = {2023},
}
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory: pytest.TempPathFactory) -> Bibliography:
    path = tmp_path_factory.mktemp("refs") / "refs.bib"
    path.write_text(ENTRIES, encoding="utf-8")
    sources, problems = parse_bib_file(path)
    # Every value is readable: the url's "<" and ">" are percent-encoded (RFC 3986).
    assert problems == []
    return Bibliography.from_sources(sources)


FULL = {
    ("web", "fr"): "Élodie Morvan et Marthe Quenneville,"
    " «\u00a0Les essaims perdus du plateau\u00a0», Gazette apicole, mai 2021,"
    ' disponible sur <a href="https://example.org/essaims?a=1&amp;b=2" rel="noopener">'
    "https://example.org/essaims?a=1&amp;b=2</a>",
    ("web", "en"): "Élodie Morvan and Marthe Quenneville,"
    f" “{FR}Les essaims perdus du plateau{END}”,"
    " Gazette apicole, May 2021, available at "
    '<a href="https://example.org/essaims?a=1&amp;b=2" rel="noopener">'
    "https://example.org/essaims?a=1&amp;b=2</a>",
    ("site", "fr"): f"Hal Ostrander, «\u00a0{EN}The NATO Summit: What Comes Next for eBay"
    f"{END}\u00a0»,"
    " Plateau Review, février 2023, disponible sur plateau.example",
    ("site", "en"): "Hal Ostrander, “The NATO Summit: What Comes Next for eBay”,"
    " Plateau Review, February 2023, available at plateau.example",
    ("rep", "fr"): "Ann Abel, Bob Baker et Cy Carter, «\u00a0Bilan des récoltes\u00a0»,"
    " Fédération des apiculteurs, août 2022",
    ("rep", "en"): "Ann Abel, Bob Baker and Cy Carter, “Bilan des récoltes”,"
    " Fédération des apiculteurs, August 2022",
    ("art", "fr"): f"Institut du Miel, «\u00a0{EN}Pollen loads on a windy plateau{END}\u00a0»,"
    f" <em>{EN}Journal of Imaginary Apiculture{END}</em>, vol. 28, n° 15, juillet 2022",
    ("art", "en"): "Institut du Miel, “Pollen loads on a windy plateau”,"
    " <em>Journal of Imaginary Apiculture</em>, vol. 28, no. 15, July 2022",
    (
        "pod",
        "fr",
    ): 'Ifang Bremer et Arius Derr, «\u00a0<span lang="en">Bees and Queens – Ep. 12</span>\u00a0»,'
    " <em>Hive Podcast</em>, Hive News, septembre 2023",
    ("pod", "en"): "Ifang Bremer and Arius Derr, “Bees and Queens – Ep. 12”,"
    " <em>Hive Podcast</em>, Hive News, September 2023",
    ("undated", "fr"): "Oryx, «\u00a0Counting hives\u00a0», disponible sur oryx.example,"
    " consulté le 23 octobre 2023",
    ("undated", "en"): "Oryx, “Counting hives”, available at oryx.example,"
    " accessed 23 October 2023",
}


@pytest.mark.parametrize(("key", "lang"), list(FULL), ids=[f"{k}-{lang}" for k, lang in FULL])
def test_full_reference(bib: Bibliography, key: str, lang: str) -> None:
    assert full_reference(bib[key], lang) == FULL[key, lang]


@pytest.mark.parametrize(("key", "lang"), list(FULL), ids=[f"{k}-{lang}" for k, lang in FULL])
def test_titles_are_never_lower_cased(bib: Bibliography, key: str, lang: str) -> None:
    title = bib[key].fields["title"]
    assert title in full_reference(bib[key], lang)
    assert title in full_reference(bib[key], lang, bibliography_form=True)


def test_french_quotes_hold_no_break_spaces(bib: Bibliography) -> None:
    text = full_reference(bib["site"], "fr")
    assert f'«{NB}<span lang="en">The NATO' in text
    assert f"eBay</span>{NB}»" in text
    assert "« " not in text and " »" not in text


def test_url_is_a_link_showing_itself(bib: Bibliography) -> None:
    text = full_reference(bib["web"], "fr")
    assert text.count("<a ") == 1
    assert 'href="https://example.org/essaims?a=1&amp;b=2"' in text


def test_site_without_url_is_plain_text(bib: Bibliography) -> None:
    assert "<a " not in full_reference(bib["site"], "en")


def test_corporate_author_is_not_repeated_as_organisation(bib: Bibliography) -> None:
    assert full_reference(bib["undated"], "fr").count("Oryx") == 1


ESCAPED_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("form", [False, True], ids=["note", "bibliography"])
def test_hostile_values_are_escaped(bib: Bibliography, lang: str, form: bool) -> None:
    text = full_reference(bib["evil"], lang, bibliography_form=form)
    short = short_reference(bib["evil"], lang)
    for out in (text, short):
        assert "<script" not in out
        assert "<img" not in out
        assert ESCAPED_TITLE in out
    assert "<svg" not in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text


def test_hostile_journal_is_escaped_inside_emphasis(bib: Bibliography) -> None:
    text = full_reference(bib["eviljournal"], "en")
    assert "<iframe" not in text
    assert "<em>&lt;iframe src=x&gt;&lt;/iframe&gt;</em>" in text


BIBLIOGRAPHY_FORM = {
    ("web", "fr"): "Morvan, Élodie et Marthe Quenneville, «\u00a0Les essaims",
    ("web", "en"): 'Morvan, Élodie and Marthe Quenneville, “<span lang="fr">Les essaims',
    ("rep", "fr"): "Abel, Ann, Bob Baker et Cy Carter, «\u00a0Bilan",
    ("art", "en"): "Institut du Miel, “Pollen",
    ("undated", "fr"): "Oryx, «\u00a0Counting hives\u00a0», disponible sur oryx.example",
}


@pytest.mark.parametrize(
    ("key", "lang"), list(BIBLIOGRAPHY_FORM), ids=[f"{k}-{lang}" for k, lang in BIBLIOGRAPHY_FORM]
)
def test_bibliography_form_inverts_first_author_only(
    bib: Bibliography, key: str, lang: str
) -> None:
    text = full_reference(bib[key], lang, bibliography_form=True)
    assert text.startswith(BIBLIOGRAPHY_FORM[key, lang])
    # Apart from the author list, the two forms are the same reference.
    title = bib[key].fields["title"]
    note = full_reference(bib[key], lang)
    assert text[text.index(title) :] == note[note.index(title) :]


def test_bibliography_form_with_lineage() -> None:
    source = load_or_raise(ROOT / "bib")["bermudez2023najin"]
    assert full_reference(source, "fr", bibliography_form=True).startswith(
        'Bermudez Jr., Joseph S., Victor Cha et Jennifer Jun, «\u00a0<span lang="en">Ongoing'
    )
    assert full_reference(source, "en").startswith(
        "Joseph S. Bermudez Jr., Victor Cha and Jennifer Jun, “Ongoing"
    )


SHORT = {
    ("web", "fr"): "Morvan et Quenneville, «\u00a0Les essaims perdus du plateau\u00a0»",
    ("web", "en"): 'Morvan and Quenneville, “<span lang="fr">Les essaims perdus du plateau</span>”',
    ("site", "fr"): 'Ostrander, «\u00a0<span lang="en">The NATO Summit</span>\u00a0»',
    ("rep", "fr"): "Abel, Baker et Carter, «\u00a0Bilan des récoltes\u00a0»",
    ("rep", "en"): "Abel, Baker and Carter, “Bilan des récoltes”",
    (
        "art",
        "fr",
    ): 'Institut du Miel, «\u00a0<span lang="en">Pollen loads on a windy plateau</span>\u00a0»',
    ("many", "fr"): "Cha et al., «\u00a0One Two Three Four Five Six…\u00a0»",
    ("many", "en"): "Cha et al., “One Two Three Four Five Six…”",
}


@pytest.mark.parametrize(("key", "lang"), list(SHORT), ids=[f"{k}-{lang}" for k, lang in SHORT])
def test_short_reference(bib: Bibliography, key: str, lang: str) -> None:
    assert short_reference(bib[key], lang) == SHORT[key, lang]


def test_shorttitle_field_wins(bib: Bibliography) -> None:
    source = bib["site"]
    custom = Source(
        source.key,
        source.type,
        {**source.fields, "shorttitle": "NATO & eBay"},
        source.persons,
        source.path,
        source.line,
    )
    assert short_reference(custom, "en") == "Ostrander, “NATO &amp; eBay”"


def test_anonymous_short_reference_is_the_title_alone(bib: Bibliography) -> None:
    source = bib["site"]
    anonymous = Source(source.key, source.type, source.fields, {}, source.path, source.line)
    assert (
        short_reference(anonymous, "fr") == '«\u00a0<span lang="en">The NATO Summit</span>\u00a0»'
    )
    assert full_reference(anonymous, "fr").startswith('«\u00a0<span lang="en">The NATO Summit:')


def test_a_language_without_a_file_gets_the_data_s_words(bib: Bibliography) -> None:
    # Spanish has no file of ours: CLDR and the CSL locale give its references' words.
    spanish = full_reference(bib["rep"], "es")
    assert spanish != FULL["rep", "en"]
    assert spanish == (
        "Ann Abel, Bob Baker y Cy Carter, «Bilan des récoltes», Fédération des apiculteurs,"
        " agosto de 2022"
    )


def test_a_language_nobody_describes_gets_english_words(bib: Bibliography) -> None:
    assert vocabulary("xx").cited_in == vocabulary("en").cited_in
    assert full_reference(bib["rep"], "xx") == FULL["rep", "en"]


def test_german_has_its_own_words(bib: Bibliography) -> None:
    assert full_reference(bib["art"], "de") == (
        f"Institut du Miel, „{EN}Pollen loads on a windy plateau{END}“,"
        f" <em>{EN}Journal of Imaginary Apiculture{END}</em>, Bd. 28, Nr. 15, Juli 2022"
    )


def test_sort_key_orders_by_author_then_year(bib: Bibliography) -> None:
    order = sorted(["web", "site", "rep", "art", "pod", "many"], key=lambda k: sort_key(bib[k]))
    assert order == ["rep", "pod", "many", "art", "web", "site"]
