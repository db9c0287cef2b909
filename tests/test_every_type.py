"""Every entry type, field, TeX idiom and name form, rendered exactly in French and English.

The sources are tests/fixtures/everytype/bib/every.bib (invented); the exact
texts expected are tests/data/every-type.yml, reviewed by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from briefkit.bib.reader import Bibliography, load_or_raise
from briefkit.commands.check import run_checks
from briefkit.style.references import full_reference, short_reference, sort_key

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "tests/fixtures/everytype"
BIB_TEXT = (BRIEF / "bib/every.bib").read_text(encoding="utf-8")
EXPECTED = yaml.safe_load((ROOT / "tests/data/every-type.yml").read_text(encoding="utf-8"))
FORMS = ("note", "short", "bibliography")
CASES = [(key, lang, form) for key in EXPECTED for lang in ("fr", "en") for form in FORMS]


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_or_raise(BRIEF / "bib")


def render(bib: Bibliography, key: str, lang: str, form: str) -> str:
    if form == "short":
        return short_reference(bib[key], lang)
    return full_reference(bib[key], lang, bibliography_form=form == "bibliography")


@pytest.mark.parametrize(("key", "lang", "form"), CASES, ids=["-".join(c) for c in CASES])
def test_exact_reference(bib: Bibliography, key: str, lang: str, form: str) -> None:
    assert render(bib, key, lang, form) == EXPECTED[key][lang][form]


def test_every_entry_is_expected(bib: Bibliography) -> None:
    assert sorted(bib.keys()) == sorted(EXPECTED)


def test_the_file_holds_every_type_and_alias() -> None:
    written = {t.lower() for t in re.findall(r"^@(\w+)\{", BIB_TEXT, re.M)}
    standard = {"article", "book", "booklet", "conference", "inbook", "incollection",
                "inproceedings", "manual", "mastersthesis", "misc", "phdthesis", "proceedings",
                "techreport", "unpublished"}  # fmt: skip
    assert standard <= written  # biblatex's own types: tests/test_datamodel.py


def test_the_check_of_the_fixture_brief_reports_nothing() -> None:
    assert run_checks(BRIEF) == []


TEX_SYNTAX = re.compile(r"[{}\\#]")


@pytest.mark.parametrize(("key", "lang", "form"), CASES, ids=["-".join(c) for c in CASES])
def test_no_tex_syntax_reaches_the_text(key: str, lang: str, form: str) -> None:
    text = re.sub(r"<[^>]+>", "", EXPECTED[key][lang][form])
    assert not TEX_SYNTAX.search(text)


def test_crossref_is_case_insensitive_and_child_fields_win(bib: Bibliography) -> None:
    child = bib["guivarch2005ile"]
    assert child.fields["crossref"] == "GUIVARCH2005CHRONIQUES"
    assert child.fields["booktitle"] == "Chroniques du Ponant"  # the parent's title
    assert child.fields["title"] == "L'Île et son feu"  # its own
    assert child.fields["year"] == "2005"
    assert bib["lefloch2001tome"].fields["year"] == "2001"  # not the parent's date
    assert "date" not in bib["lefloch2001tome"].fields


def test_xdata_lends_its_fields_and_is_never_listed(bib: Bibliography) -> None:
    assert bib["keraudren2013atlas"].fields["publisher"] == "Presses du Ponant"
    assert "ponantpress" not in bib


def test_noopsort_orders_but_never_shows(bib: Bibliography) -> None:
    early, late = bib["guivarch2005chroniques"], bib["guivarch2005chapitre"]
    assert early.fields["year"] == late.fields["year"] == "2005"
    assert sort_key(early) < sort_key(late)  # {\noopsort{2005a}} before {\noopsort{2005b}}


def test_bibliography_order(bib: Bibliography) -> None:
    order = sorted(bib.keys(), key=lambda k: sort_key(bib[k]))
    assert order[:12] == [
        "khr2019special",  # Arzel, 2019, "Kerbrat…" before "Les phares…"
        "arzel2019phares",
        "phares2023carte",  # a body sorts by its name as written
        "berthou2015thesis",
        "caradec2009these",
        "corre2019edito",
        "dantec1998gardiens",
        "goasguen2017working",
        "guivarch2005chroniques",  # {\noopsort{2005a}}, inherited by its child below
        "guivarch2005ile",
        "guivarch2005chapitre",  # {\noopsort{2005b}}
        "hamon2016optics",
    ]
    # "Le Bras" is a family name (capitalised): under L, after Kerjean; accents collated.
    assert order.index("kerjean2022notes") < order.index("lebras2014memoire")
    assert order.index("keraudren2013atlas") < order.index("kha2018manuel")
    assert order[-3:] == ["riou2016signals", "kerbrat1899carte", "tanguy2012recueil"]


# One example note per type in CONTRIBUTING.md, in both languages, quoted from EXPECTED.
EXAMPLES = {
    "article": "arzel2019phares", "book": "dantec1998gardiens", "booklet": "phareclub2011guide",
    "conference, inproceedings": "riou2016signals", "inbook": "guivarch2005ile",
    "incollection": "morvan2012feux", "manual": "kha2018manuel",
    "mastersthesis": "lebras2014memoire", "misc": "kerbrat1899carte",
    "phdthesis": "caradec2009these", "proceedings": "coastlight2016",
    "techreport": "piriou2021rapport", "unpublished": "kerjean2022notes",
    "online, electronic, www": "phares2023carte", "report": "goasguen2017working",
    "thesis": "berthou2015thesis", "collection": "tanguy2012recueil",
    "mvbook": "lefloch2000histoire", "dataset": "kha2021relevés", "software": "kerlux2022",
    "periodical": "khr2019special", "audio": "lucas2021radio",
}  # fmt: skip


def as_markdown(html: str) -> str:
    """A reference's HTML as the Markdown of a table cell."""
    text = re.sub(r"<a [^>]*>([^<]*)</a>", r"\1", html)
    text = re.sub(r"</?em>", "*", text).replace("&amp;", "&").replace("|", "\\|")
    return text.replace("\u00a0", " ")


def example_rows() -> list[str]:
    return [
        f"| `@{kind.replace(', ', '`, `@')}` | {as_markdown(EXPECTED[key]['fr']['note'])}. "
        f"| {as_markdown(EXPECTED[key]['en']['note'])}. |"
        for kind, key in EXAMPLES.items()
    ]


def test_contributing_shows_one_note_per_type_from_this_file() -> None:
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for row in example_rows():
        assert row in contributing
