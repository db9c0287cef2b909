"""Reading as biblatex and biber read: dates, names, values, severities, messages, languages.

Tables of cases from biblatex's manual (the date tables of §2.3.8, the
extended name format of §3.4) and from real exports' habits, each with the
exact text expected in French and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.bib.dates import field_date
from briefkit.bib.fields import check_value, doi_href, shown
from briefkit.bib.library import Bibliography
from briefkit.bib.namelist import read_names
from briefkit.bib.names import family, full_name, inverted_name
from briefkit.bib.records import read_file
from briefkit.bib.tex import decode
from briefkit.core.vocabulary import vocabulary
from briefkit.style.references import full_reference, short_reference
from briefkit.style.titlelang import language_tag

# (date field as written, French, English): every form of biblatex's tables 3 to 5.
DATES = [
    ("1850", "1850", "1850"),
    ("1997/", "1997–", "1997–"),
    ("/1997", "–1997", "–1997"),
    ("1997/..", "1997–", "1997–"),
    ("../1997", "–1997", "–1997"),
    ("1967-02", "février 1967", "February 1967"),
    ("2009-01-31", "31 janvier 2009", "31 January 2009"),
    ("1988/1992", "1988–1992", "1988–1992"),
    ("2002-01/2002-02", "janvier–février 2002", "January–February 2002"),
    ("1995-03-30/1995-04-05", "30 mars – 5 avril 1995", "30 March – 5 April 1995"),
    ("2004-04-05T14:34:00", "5 avril 2004", "5 April 2004"),
    ("0000", "1 av. J.-C.", "1 BC"),
    ("-0876", "877 av. J.-C.", "877 BC"),
    ("-0877/-0866", "878–867 av. J.-C.", "878–867 BC"),
    ("-0049/0030", "50 av. J.-C. – 30 apr. J.-C.", "50 BC – 30 AD"),
    ("0768", "768", "768"),
    ("-0343-02", "février 344 av. J.-C.", "February 344 BC"),
    ("0343-02-03", "3 février 343", "3 February 343"),
    ("1723~", "vers 1723", "c. 1723"),
    ("1723?", "1723?", "1723?"),
    ("1723%", "vers 1723?", "c. 1723?"),
    ("2004-22", "été 2004", "Summer 2004"),
    ("2004-24", "hiver 2004", "Winter 2004"),
    ("2003-33", "1er trimestre 2003", "first quarter 2003"),
    ("199X", "1990–1999", "1990–1999"),
    ("19XX", "1900–1999", "1900–1999"),
    ("1999-XX", "janvier–décembre 1999", "January–December 1999"),
    ("1999-01-XX", "1er–31 janvier 1999", "1–31 January 1999"),
    ("1999-XX-XX", "1er janvier – 31 décembre 1999", "1 January – 31 December 1999"),
    ("2016-07-18T20:26:06+10:00", "18 juillet 2016", "18 July 2016"),
    ("2017-10-28T04:44", "28 octobre 2017", "28 October 2017"),
    ("2001-01-03T17:07:34Z", "3 janvier 2001", "3 January 2001"),
    ("2016-01-19T14:20:00.000Z", "19 janvier 2016", "19 January 2016"),
    ("2004-01-01/..", "1er janvier 2004–", "1 January 2004–"),
    ("1487~/1490", "vers 1487 – 1490", "c. 1487 – 1490"),
    ("Y-170000002", "170000003 av. J.-C.", "170000003 BC"),
    ("१९८७-०१-१५/१९८८-०५-११", "15 janvier 1987 – 11 mai 1988", "15 January 1987 – 11 May 1988"),
]


@pytest.mark.parametrize(("date", "fr", "en"), DATES, ids=[d for d, _, _ in DATES])
def test_every_date_form_biblatex_documents(date: str, fr: str, en: str) -> None:
    assert check_value("k", "date", date).message == ""
    assert field_date(vocabulary("fr"), {"date": date}, "date") == fr
    assert field_date(vocabulary("en"), {"date": date}, "date") == en


@pytest.mark.parametrize("date", ["1995-1-04", "1996-13-03", "1996-10-35", "1.5.1998", "a/b/c"])
def test_a_date_biber_ignores_is_a_warning_and_left_out(date: str) -> None:
    checked = check_value("k", "urldate", date)
    assert checked.value is None and checked.severity == "warning"
    assert checked.message.startswith(f"urldate of 'k' is '{date}', which biblatex cannot read")


def names(value: str) -> list[tuple[str, str, str]]:
    found = read_names(value, lambda part: decode(part).text)
    return [(full_name(p), inverted_name(p), family(p)) for p in found.people]


# (name list as written, [(note form, bibliography form, short form)]): biblatex §3.4, BibTeX.
NAMES = [
    ("Hans Harman and Simon de Beumont",
     [("Hans Harman", "Harman, Hans", "Harman"),
      ("Simon de Beumont", "Beumont, Simon de", "de Beumont")]),
    ("given=Hans, family=Harman and given=Simon, prefix=de, family=Beumont",
     [("Hans Harman", "Harman, Hans", "Harman"),
      ("Simon de Beumont", "Beumont, Simon de", "de Beumont")]),
    ("given=Jean, prefix=de la, prefix-i=d, family=Rousse",
     [("Jean de la Rousse", "Rousse, Jean de la", "de la Rousse")]),
    ("given={Jean Pierre Simon}, given-i=JPS, family=Rousse",
     [("Jean Pierre Simon Rousse", "Rousse, Jean Pierre Simon", "Rousse")]),
    ('"family={Robert and Sons, Inc.}"',
     [("Robert and Sons, Inc.", "Robert and Sons, Inc.", "Robert and Sons, Inc.")]),
    ("nosortothers=true and Hans Harman and given=Simon, family=Beumont, prefix=de, "
     "useprefix=true",
     [("Hans Harman", "Harman, Hans", "Harman"),
      ("Simon de Beumont", "de Beumont, Simon", "de Beumont")]),
    ("id=person1, given=Simon, family=Beumont", [("Simon Beumont", "Beumont, Simon", "Beumont")]),
    ("Roorda, Dirk and family=Heuvel, given=Charles, prefix=van den, useprefix=false",
     [("Dirk Roorda", "Roorda, Dirk", "Roorda"),
      ("Charles van den Heuvel", "Heuvel, Charles van den", "Heuvel")]),
    ("Vachet, Richard W. and\n    Clark, Michael R.",
     [("Richard W. Vachet", "Vachet, Richard W.", "Vachet"),
      ("Michael R. Clark", "Clark, Michael R.", "Clark")]),
    ("Piwowar, Heather A. AND Day, Roger S.",
     [("Heather A. Piwowar", "Piwowar, Heather A.", "Piwowar"),
      ("Roger S. Day", "Day, Roger S.", "Day")]),
    ("van Kluster, Jr., Kevin", [("Kevin van Kluster Jr.", "Kluster Jr., Kevin van",
                                  "van Kluster Jr.")]),
    ("{Centre for Sea Studies}", [("Centre for Sea Studies",) * 3]),
    ("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
     [("Charles Louis Xavier Joseph de la Vallée Poussin",
       "Vallée Poussin, Charles Louis Xavier Joseph de la", "de la Vallée Poussin")]),
    ("{\\v S}omeone Smith", [("Šomeone Smith", "Smith, Šomeone", "Smith")]),
]  # fmt: skip


@pytest.mark.parametrize(("value", "expected"), NAMES, ids=[n for n, _ in NAMES])
def test_every_name_form(value: str, expected: list[tuple[str, str, str]]) -> None:
    assert names(value) == expected


def test_a_name_that_cannot_be_read_is_kept_whole_and_named() -> None:
    found = read_names("A, B, C, D and Doe, Jane", lambda part: part)
    assert [full_name(p) for p in found.people] == ["A, B, C, D", "Jane Doe"]
    assert found.unreadable == ["A, B, C, D"]


def library(tmp_path: Path, text: str) -> Bibliography:
    path = tmp_path / "t.bib"
    path.write_text(text, encoding="utf-8")
    return Bibliography([read_file(path)])


def test_the_extended_name_format_does_not_crash_and_is_shown(tmp_path: Path) -> None:
    bib = library(
        tmp_path,
        "@book{k,\n  author = {Roorda, Dirk and family=Heuvel, given=Charles, "
        "prefix=van den, useprefix=false},\n  title = {T},\n  year = {2020},\n}\n",
    )
    bib.check(["k"])
    assert full_reference(bib["k"], "en").startswith("Dirk Roorda and Charles van den Heuvel, ")
    assert short_reference(bib["k"], "en").startswith("Roorda and Heuvel, ")


def test_an_unreadable_name_list_is_a_warning_showing_the_value(tmp_path: Path) -> None:
    bib = library(tmp_path, "@misc{k,\n  author = {A, B, C, D},\n  title = {T},\n}\n")
    (problem,) = bib.check(["k"])
    assert problem.severity == "warning"
    assert problem.message.startswith(
        "author of 'k' holds a name that cannot be read ('A, B, C, D')"
    )


SEVERE = "@online{k,\n  title = {T},\n  url = {javascript:alert(1)},\n}\n"


def test_an_unsafe_address_is_an_error_only_when_cited(tmp_path: Path) -> None:
    bib = library(tmp_path, SEVERE + "@misc{ok,\n  title = {Fine},\n}\n")
    assert [p.severity for p in bib.check(["ok"])] == []
    assert "k" not in bib
    (problem,) = bib.check(["k"])
    assert problem.severity == "error"
    assert problem.message.startswith("unsafe url in 'k': 'javascript:alert(1)'")


def test_unreadable_syntax_is_an_error_only_when_cited(tmp_path: Path) -> None:
    text = "@misc{b,\n  title = {T}\n  year = {2020},\n}\n@misc{ok,\n  title = {Fine},\n}\n"
    bib = library(tmp_path, text)
    assert {p.severity for p in bib.check(["ok"])} == {"warning"}
    assert {p.severity for p in bib.check(["b"])} == {"error"}


def test_a_missing_required_field_is_a_warning_and_the_entry_renders(tmp_path: Path) -> None:
    bib = library(tmp_path, "@book{k,\n  author = {Doe, Jane},\n  title = {T},\n}\n")
    problems = bib.check(["k"])
    assert [(p.severity, p.message.split(":")[0]) for p in problems] == [
        ("warning", "@book 'k' is missing required field publisher"),
        ("warning", "@book 'k' is missing required field date or year"),
    ]
    assert full_reference(bib["k"], "en") == "Jane Doe, <em>T</em>"


def test_validate_datamodel_adds_biblatex_s_constraints(tmp_path: Path) -> None:
    bib = library(tmp_path, "@online{k,\n  title = {T},\n}\n")
    assert bib.check(["k"]) == []
    messages = [p.message.split(":")[0] for p in bib.check(["k"], validate=True)]
    assert messages == [
        "@online 'k' is missing required field date or year",
        "@online 'k' is missing required field url or doi or eprint",
    ]


def test_an_unknown_command_is_one_warning_however_often_it_is_used(tmp_path: Path) -> None:
    text = "".join(f"@misc{{k{i},\n  title = {{\\foo{{A}} \\foo{{B}}}},\n}}\n" for i in range(3))
    bib = library(tmp_path, text)
    (problem,) = bib.check(["k0", "k1", "k2"])
    assert problem.message.startswith(
        "unknown TeX command \\foo in field 'title' of 'k0' (and 2 more)"
    )
    assert full_reference(bib["k1"], "en") == "“A B”"


def test_duplicate_keys_are_a_warning_and_the_first_stands(tmp_path: Path) -> None:
    bib = library(tmp_path, "@misc{k,\n  title = {One},\n}\n@misc{k,\n  title = {Two},\n}\n")
    (problem,) = bib.check(["k"])
    assert problem.severity == "warning" and "duplicate key 'k'" in problem.message
    assert bib["k"].fields["title"] == "One"


# (field, value, what the reference shows in French)
VALUES = [
    ("series", "newseries", "nouv. sér."),
    ("series", "3", "3e sér."),
    ("series", "1", "1re sér."),
    ("issue", "Spring", "Spring 1995"),
    ("pages", "12-34", "pp. 12–34"),
    ("pages", "12---34", "pp. 12–34"),
    ("pages", "12", "p. 12"),
]


@pytest.mark.parametrize(
    ("name", "value", "shown_fr"), VALUES, ids=[f"{n}-{v}" for n, v, _ in VALUES]
)
def test_journal_fields_as_biblatex_writes_them(
    tmp_path: Path, name: str, value: str, shown_fr: str
) -> None:
    bib = library(
        tmp_path,
        f"@article{{k,\n  title = {{T}},\n  journal = {{J}},\n  year = 1995,\n"
        f"  {name} = {{{value}}},\n}}\n",
    )
    bib.check(["k"])
    assert shown_fr in full_reference(bib["k"], "fr")


@pytest.mark.parametrize(
    ("edition", "fr", "en"),
    [("2", "2e éd.", "2nd ed."), ("2nd", "2e éd.", "2nd ed."), ("Second", "2e éd.", "2nd ed."),
     ("1", "1re éd.", "1st ed."), ("Second edition", "Second edition", "Second edition"),
     ("Third, revised and expanded edition", "Third, revised and expanded edition",
      "Third, revised and expanded edition")],
)  # fmt: skip
def test_an_edition_is_a_number_or_text_as_written(
    tmp_path: Path, edition: str, fr: str, en: str
) -> None:
    bib = library(tmp_path, f"@book{{k,\n  title = {{T}},\n  edition = {{{edition}}},\n}}\n")
    bib.check(["k"])
    assert full_reference(bib["k"], "fr") == f"<em>T</em>, {fr}"
    assert full_reference(bib["k"], "en") == f"<em>T</em>, {en}"


def test_a_thesis_keeps_its_institution_with_its_place(tmp_path: Path) -> None:
    bib = library(
        tmp_path,
        "@phdthesis{k,\n  author = {Doe, J.},\n  title = {T},\n"
        "  school = {Uppsala University},\n  address = {Uppsala},\n  year = 1985,\n}\n",
    )
    bib.check(["k"])
    assert full_reference(bib["k"], "en") == (
        "J. Doe, “T”, PhD thesis, Uppsala: Uppsala University, 1985"
    )


def test_a_place_list_is_joined_with_the_language_s_conjunction(tmp_path: Path) -> None:
    bib = library(
        tmp_path,
        "@book{k,\n  title = {T},\n  publisher = {Praeger},\n"
        "  address = {Westport, Conn. and London},\n  year = 1990,\n}\n",
    )
    bib.check(["k"])
    assert "Westport, Conn. et London, Praeger" in full_reference(bib["k"], "fr")


def test_an_editor_who_translated_is_named_once(tmp_path: Path) -> None:
    bib = library(
        tmp_path,
        "@book{k,\n  author = {Doe, J.},\n  title = {T},\n"
        "  editor = {Roe, Ann},\n  translator = {Roe, Ann},\n  year = 1990,\n}\n",
    )
    bib.check(["k"])
    assert full_reference(bib["k"], "en") == "J. Doe, <em>T</em>, Ann Roe (ed. and trans.), 1990"
    assert full_reference(bib["k"], "fr") == "J. Doe, <em>T</em>, Ann Roe (dir. et trad.), 1990"


TEX = [
    (r"co\hyphen operation", "co-operation"),
    (r"\mkbibquote{Hi} there", "« Hi » there"),
    (r"\mkbibemph{A} \mkbibitalic{B}", "<em>A</em> <em>B</em>"),
    (r"H{$_2$}O and $x^{2}$", "H<sub>2</sub>O and x<sup>2</sup>"),
    (r"XIX\textsuperscript{e} and CO\textsubscript{2}", "XIX<sup>e</sup> and CO<sub>2</sub>"),
    (r"Merc{\ifmmode\grave{e}\else\`{e}\fi}", "Mercè"),
    (r"\foreignlanguage{german}{Das Kapital}", "Das Kapital"),
]


@pytest.mark.parametrize(("tex", "html"), TEX, ids=[t for t, _ in TEX])
def test_biblatex_macros_keep_their_effect(tmp_path: Path, tex: str, html: str) -> None:
    bib = library(tmp_path, f"@misc{{k,\n  note = {{{tex}}},\n}}\n")
    assert [p for p in bib.check(["k"]) if "unknown" in p.message] == []
    assert full_reference(bib["k"], "fr") == html.replace(" » ", "\u00a0» ").replace(
        "« ", "«\u00a0"
    )


SICI = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"


def test_a_sici_doi_is_a_doi_linked_percent_encoded() -> None:
    assert check_value("k", "doi", SICI).value == SICI
    assert doi_href(SICI) == (
        "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P"
    )


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.org/a|b", "https://example.org/a%7Cb"),
        ("https://example.org/a file.pdf", "https://example.org/a%20file.pdf"),
        ("https://example.org/%41b", "https://example.org/%41b"),
        ("https://例え.jp/パス", "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9"),
    ],
)
def test_a_url_is_percent_encoded_never_refused(url: str, href: str) -> None:
    checked = check_value("k", "url", url)
    assert (checked.value, checked.message) == (href, "")


def test_two_addresses_in_one_url_are_text_with_a_warning(tmp_path: Path) -> None:
    bib = library(
        tmp_path, "@online{k,\n  title = {T},\n  url = {https://a.org https://b.org},\n}\n"
    )
    (problem,) = bib.check(["k"])
    assert problem.severity == "warning" and "holds several addresses" in problem.message
    assert "<a " not in full_reference(bib["k"], "en")


COMMENTED = """% -*- coding: utf-8 -*-
% A header comment, kept.
@misc{a,
  title = {Title},   % a note after a value
% a comment line between fields
  url = {https://example.org/a%20b},
  note = {50\\% off},
  year = {2001},
}
%@book{gone,
%  title = {Commented out},
%}
@misc{b,
  title = {After},
}
"""


def test_percent_comments_inside_entries_are_skipped_as_biber_skips_them(
    tmp_path: Path,
) -> None:
    bib = library(tmp_path, COMMENTED)
    assert sorted(bib.keys()) == ["a", "b"] and bib.check(["a", "b"]) == []
    fields = bib.records["a"].fields
    assert fields["title"] == "Title" and fields["year"] == "2001"
    assert fields["url"] == "https://example.org/a%20b" and fields["note"] == "50\\% off"
    assert bib.records["b"].line == 13  # lines stay where they were


def test_messages_show_the_whole_value_or_its_ends() -> None:
    long = "https://example.org/" + "x" * 300 + "/end"
    assert shown("short") == "'short'"
    assert shown(long).startswith("'https://example.org/xxx") and shown(long).endswith("xx/end'")
    assert "…" in shown(long) and len(shown(long)) <= 122


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("english", "en"), ("ngerman", "de"), ("austrian", "de-AT"), ("nswissgerman", "de-CH"),
        ("danish", "da"), ("norsk", "nb"), ("australian", "en-AU"), ("russian", "ru"),
        ("chinese", "zh"), ("UKenglish", "en-GB"), ("serbianc", "sr-Cyrl"), ("en-GB", "en-GB"),
        ("eng", "en"), ("ger", "de"), ("fre", "fr"), ("zh_Hant", "zh-Hant"), ("Anglais", "en"),
        ("Allemand", "de"), ("Deutsch", "de"), ("Русский", "ru"), ("English (US)", "en-US"),
        ("und", None), ("gibberish-text", None),
    ],
)  # fmt: skip
def test_any_name_of_a_language_is_a_bcp47_tag(written: str, tag: str | None) -> None:
    assert language_tag(written) == tag


def test_polyglossia_options_choose_the_variant() -> None:
    assert language_tag("english", "variant=british") == "en-GB"
    assert language_tag("german", "variant=swiss") == "de-CH"


def test_a_german_title_in_french_keeps_german_typography(tmp_path: Path) -> None:
    bib = library(
        tmp_path,
        "@book{k,\n  title = {Band IX},\n  subtitle = {Kreditsicherheiten},\n"
        "  langid = {ngerman},\n  year = 2000,\n}\n",
    )
    bib.check(["k"])
    assert full_reference(bib["k"], "fr") == (
        '<em><span lang="de">Band IX: Kreditsicherheiten</span></em>, 2000'
    )
