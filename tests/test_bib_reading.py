"""Reading .bib values: TeX, macros, names, months; and every problem named with file, line, key."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.bib.canonical import canonical
from briefkit.bib.namelist import read_names
from briefkit.bib.names import collation_key, full_name, inverted_name
from briefkit.bib.reader import load_bibliography, parse_bib_file
from briefkit.bib.tex import decode, parse_preamble, runs
from briefkit.core.problems import Problem
from briefkit.core.vocabulary import vocabulary
from briefkit.extensions.citations import CitationExtension
from briefkit.style.persons import INVERTED, joined
from briefkit.style.references import full_reference, short_reference

PREAMBLE = parse_preamble(r"\newcommand{\noopsort}[1]{} \newcommand{\swap}[2]{#2#1}")
# (TeX as written, text shown)
TEX = [
    (r"{\'e}t{\'e}", "été"),
    (r"\'{e}t\'e", "été"),
    (r"{\"o}l \"{u}ber", "öl über"),
    (r"\c c{\c{C}}a", "çÇa"),
    (r"\v{s}\v s", "šš"),
    (r"{\AA}ngstr{\"o}m {\O}re {\o} {\aa}", "Ångström Øre ø å"),
    (r"Mar{\'\i}a {\'\i}", "María í"),
    (r"{\ss} {\oe}uvre {\l}{\'o}d{\'z}", "ß œuvre łódź"),
    (r"\mbox{G-Animal's} Journal", "G-Animal's Journal"),
    (r"\textsc{Unesco} \texttt{code} \textsuperscript{e}", "Unesco code e"),
    (r"\url{https://example.org/a_b%20c#d}", "https://example.org/a_b%20c#d"),
    (r"\href{https://example.org/%41}{the site}", "the site"),
    ("10~km", "10\u00a0km"),
    ("1850--1950 --- and -", "1850–1950 — and -"),
    (r"Salt \& Light, 50\% or 50%", "Salt & Light, 50% or 50%"),
    (r"{\noopsort{1973b}}1973", "1973"),
    (r"{\noopsort{1}}{\swap{--90}{1968}}", "1968–90"),
    # As in TeX, a space after a command's name is not text: {} or ~ keeps one.
    (r"\textdegree C \S~2 \copyright{} \euro{} \pounds{} \texttimes", "°C §\u00a02 © € £ ×"),
    (r"An {$O(n \log n / \! \log\log n)$} sort", "An O(n log n / log log n) sort"),
    (r"The {NATO} and {iPhone}", "The NATO and iPhone"),
    (r"``Quoted'' \og cit\'e \fg", "“Quoted” «\u00a0cité\u00a0»"),
    (r"See \cite{other}", "See [other]"),
    (r"\{braces\} and C\#", "{braces} and C#"),
]


@pytest.mark.parametrize(("tex", "shown"), TEX, ids=[t for t, _ in TEX])
def test_tex_is_decoded(tex: str, shown: str) -> None:
    decoded = decode(tex, PREAMBLE)
    assert decoded.text == shown
    assert not decoded.raw and not decoded.unknown


def test_noopsort_is_kept_for_sorting() -> None:
    assert decode(r"{\noopsort{1973b}}1973", PREAMBLE, sort=True).text == "1973b1973"


def test_emphasis_becomes_runs() -> None:
    decoded = decode(r"A \emph{b} \textit{c} \textbf{d} {\em e}")
    assert decoded.text == "A b c d e"
    assert runs(decoded.marked) == (
        ("A ", ""), ("b", "em"), (" ", ""), ("c", "em"), (" ", ""), ("d", "strong"), (" ", ""),
        ("e", "em"),
    )  # fmt: skip


def test_unknown_command_is_named_and_its_argument_kept() -> None:
    decoded = decode(r"\foo{bar} baz")
    assert (decoded.text, decoded.unknown) == ("bar baz", ("foo",))


def write(tmp_path: Path, text: str, name: str = "t.bib") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one(tmp_path: Path, fields: str, kind: str = "misc") -> tuple[str, list[Problem]]:
    sources, problems = parse_bib_file(write(tmp_path, f"@{kind}{{k,\n{fields}\n}}\n"))
    return (full_reference(sources[0], "fr") if sources and not problems else ""), problems


# (month field as written, French text with year 1988)
MONTHS = [
    ("oct", "octobre 1988"),
    ("{10}", "octobre 1988"),
    ("{October}", "octobre 1988"),
    ('"10~" # jan', "10 janvier 1988"),
    ("{6-8}", "juin–août 1988"),
    ('jun # "--" # aug', "juin–août 1988"),
    ('apr # "-" # may', "avril–mai 1988"),
    ("{11, 12}", "novembre, décembre 1988"),
    ('nov # ", " # dec', "novembre, décembre 1988"),
]


@pytest.mark.parametrize(("month", "shown"), MONTHS, ids=[m for m, _ in MONTHS])
def test_months_ranges_and_lists(tmp_path: Path, month: str, shown: str) -> None:
    text, problems = one(tmp_path, f"  title = {{T}},\n  year = 1988,\n  month = {month},")
    assert problems == []
    assert text == f"«\u00a0T\u00a0», {shown}"


@pytest.mark.parametrize("month", ["{13}", "{0}", "{6-13}", "{brumaire}"])
def test_a_month_outside_1_12_is_a_warning_and_left_out(tmp_path: Path, month: str) -> None:
    sources, problems = parse_bib_file(
        write(tmp_path, f"@misc{{k,\n  title = {{T}},\n  year = 1988,\n  month = {month},\n}}\n")
    )
    (problem,) = problems
    assert (problem.line, problem.key, problem.severity) == (4, "k", "warning")
    assert problem.message.startswith("month of 'k' is")
    assert full_reference(sources[0], "fr") == "«\u00a0T\u00a0», 1988"


def test_a_month_may_be_named_in_any_shipped_language(tmp_path: Path) -> None:
    text, problems = one(tmp_path, "  title = {T},\n  year = 1988,\n  month = {octobre},")
    assert problems == [] and text.endswith("octobre 1988")


DATES = [
    ("2021-03-04/2021-03-06", "4–6 mars 2021", "4–6 March 2021"),
    ("2021-03-30/2021-04-02", "30 mars – 2 avril 2021", "30 March – 2 April 2021"),
    ("2019/2020", "2019–2020", "2019–2020"),
    ("2020-05/2020-07", "mai–juillet 2020", "May–July 2020"),
    ("2020/", "2020–", "2020–"),
    ("2023-10-01", "1er octobre 2023", "1 October 2023"),
]


@pytest.mark.parametrize(("date", "fr", "en"), DATES, ids=[d for d, _, _ in DATES])
def test_biblatex_dates(tmp_path: Path, date: str, fr: str, en: str) -> None:
    text = f"@misc{{k,\n  title = {{T}},\n  date = {{{date}}},\n}}\n"
    sources, problems = parse_bib_file(write(tmp_path, text))
    assert problems == []
    assert full_reference(sources[0], "fr") == f"«\u00a0T\u00a0», {fr}"
    assert full_reference(sources[0], "en") == f"“T”, {en}"


def people(names: str) -> list:  # type: ignore[type-arg]
    return read_names(names, lambda part: decode(part).text).people


def test_name_forms() -> None:
    linden, okonkwo, body, hyphen = people(
        r"van der Linden, Anna and Okonkwo, Jr., Chidi and {Centre for Sea Studies}"
        r" and Jean-Fran{\c c}ois {\'E}lie Moreau"
    )
    assert (full_name(linden), inverted_name(linden)) == (
        "Anna van der Linden",
        "Linden, Anna van der",
    )
    assert (full_name(okonkwo), inverted_name(okonkwo)) == (
        "Chidi Okonkwo Jr.",
        "Okonkwo Jr., Chidi",
    )
    assert (full_name(body), inverted_name(body)) == ("Centre for Sea Studies",) * 2
    assert inverted_name(hyphen) == "Moreau, Jean-François Élie"


@pytest.mark.parametrize(
    ("names", "lang", "note", "bibliography"),
    [
        ("A, Ann and B, Bob and others", "fr", "Ann A, Bob B et al.", "A, Ann, Bob B et al."),
        ("A, Ann and others", "en", "Ann A et al.", "A, Ann et al."),
        ("A, Ann and B, Bob and C, Cy", "en", "Ann A, Bob B and Cy C", "A, Ann, Bob B and Cy C"),
        ("A, Ann and B, Bob and C, Cy and D, Di", "fr", "Ann A et al.",
         "A, Ann, Bob B, Cy C et Di D"),
    ],
)  # fmt: skip
def test_et_al_rule(names: str, lang: str, note: str, bibliography: str) -> None:
    words = vocabulary(lang)
    assert str(joined(people(names), words, shorten=True)) == note
    assert str(joined(people(names), words, shorten=False, first=INVERTED)) == bibliography


def test_accents_collate_with_their_base_letter() -> None:
    names = ["Emma", "Élodie", "Eli", "Zoé", "ébène", "Øre", "Ozanne"]
    assert sorted(names, key=collation_key) == [
        "ébène",
        "Eli",
        "Élodie",
        "Emma",
        "Øre",
        "Ozanne",
        "Zoé",
    ]


# --- every problem names its file, line and entry -------------------------------------------

ENTRY = (
    "@online{{{key},\n  author = {{Doe, Jane}},\n  title = {{Title {key}}},\n"
    "  year = {{2020}},\n}}\n\n"
)


def entries(*keys: str) -> str:
    return "".join(ENTRY.format(key=k) for k in keys)


# (id, .bib text, (line, key, message start))
BROKEN = [
    ("unclosed-brace", entries("a") + "@online{b,\n  title = {Never closed\n}\n\n" + entries("c"),
     (7, "b", "entry 'b' cannot be read (")),
    ("missing-comma", entries("a") + "@online{b,\n  title = {T}\n  year = {2020},\n}\n",
     (9, "b", "entry 'b', field 'title': missing comma before field 'year'")),
    ("end-of-file", entries("a") + "@online{b,\n  title = {T},\n",
     (7, "b", "entry 'b' cannot be read (Unexpectedly reached end of file)")),
    ("undefined-macro", "@online{b,\n  title = {T},\n  organization = polar # {Shipping},\n}\n",
     (3, "b", "undefined @string 'polar' in field 'organization' of 'b'")),
    ("undefined-through-string", '@string{polar = "Polar " # shipping}\n\n'
     "@online{b,\n  title = {T},\n  organization = polar,\n}\n",
     (5, "b", "undefined @string 'shipping' (used by @string 'polar') in field 'organization'")),
    ("duplicate-field", "@online{b,\n  title = {T},\n  title = {U},\n}\n",
     (3, "b", "entry 'b' has field title twice: the first is used; keep one")),
    ("brace-closed-too-early", "@online{b,\n  title = {T}},\n  year = {2020},\n}\n",
     (3, "", "field 'year' is outside any entry")),
    ("crossref-to-nothing", "@incollection{b,\n  author = {Doe, J.},\n  title = {T},\n"
     "  crossref = {nowhere},\n}\n", (1, "b", "crossref of 'b' names 'nowhere', which is in no")),
]  # fmt: skip
# What BibTeX and biber only warn about is a warning; unreadable syntax is an error.
WARNINGS = ("undefined-macro", "undefined-through-string", "duplicate-field",
            "brace-closed-too-early", "crossref-to-nothing")  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_problem_names_line_and_key(tmp_path: Path, name: str, text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    _, problems = parse_bib_file(write(tmp_path, text))
    severity = "warning" if name in WARNINGS else "error"
    line, key, start = expected
    assert any(
        p.line == line
        and p.key == (key or p.key)
        and p.message.startswith(start)
        and p.severity == severity
        for p in problems
    ), [p.editor() for p in problems]
    assert all(p.path.endswith("t.bib") for p in problems)


def test_missing_comma_names_the_entry_in_its_key(tmp_path: Path) -> None:
    _, problems = parse_bib_file(write(tmp_path, "@misc{b,\n  title = {T}\n  year = {2020},\n}\n"))
    assert [(p.line, p.key) for p in problems] == [(3, "b")]


def test_ten_thousand_entries_broken_at_7777(tmp_path: Path) -> None:
    keys = [f"key{i}" for i in range(1, 10_001)]
    text = entries(*keys[:7776])
    broken_line = text.count("\n") + 1
    text += "@online{key7777,\n  author = {Doe, Jane},\n  title = {Never closed,\n"
    text += "  year = {2020},\n}\n\n"
    text += entries(*keys[7777:])
    sources, problems = parse_bib_file(write(tmp_path, text))  # its speed: bib_benchmark.py
    (problem,) = problems
    assert (problem.line, problem.key) == (broken_line, "key7777")
    assert len(sources) == 9_999


def test_duplicate_keys_in_one_file_and_across_files(tmp_path: Path) -> None:
    _, problems = parse_bib_file(write(tmp_path, entries("a", "a")))
    (problem,) = problems
    assert (problem.line, problem.severity) == (7, "warning")
    assert problem.message.startswith("duplicate key 'a' (first defined at ")
    assert problem.message.endswith("t.bib:1): rename one of the two entries or merge them")
    first, second = write(tmp_path, entries("x"), "a.bib"), write(tmp_path, entries("x"), "b.bib")
    bibliography, _ = load_bibliography([first, second])
    (problem,) = bibliography.check(["x"])
    assert problem.path.endswith("b.bib") and "duplicate key 'x'" in problem.message
    assert problem.severity == "warning"


def test_empty_file_and_the_keys_cited_from_it(tmp_path: Path) -> None:
    write(tmp_path, "", "empty.bib")
    write(tmp_path, entries("known"), "full.bib")
    bibliography, problems = load_bibliography(sorted(tmp_path.glob("*.bib")))
    assert [(Path(p.path).name, p.line, p.message, p.severity) for p in problems] == [
        ("empty.bib", 1, "empty .bib file: add entries or delete the file", "warning")
    ]
    message = CitationExtension(bibliography=bibliography).unknown_key_message("missing2020")
    assert message.startswith("unknown citation key 'missing2020': (")
    assert "empty.bib has no entries" in message


def test_citing_a_broken_entry_says_where_it_is(tmp_path: Path) -> None:
    write(tmp_path, entries("a") + "@online{b,\n  title = {T},\n  url = {javascript:x},\n}\n")
    bibliography, _ = load_bibliography(sorted(tmp_path.glob("*.bib")))
    bibliography.check(["a", "b"])
    assert "a" in bibliography and "b" not in bibliography
    message = CitationExtension(bibliography=bibliography).unknown_key_message("b")
    assert message.endswith("t.bib:7 has errors: fix that entry")


def test_a_crossref_parent_may_lack_required_fields(tmp_path: Path) -> None:
    text = (
        "@article{child,\n  author = {Doe, J.},\n  title = {T},\n  crossref = {Issue},\n}\n\n"
        "@article{issue,\n  journal = {J},\n  year = {2020},\n}\n"
    )
    sources, problems = parse_bib_file(write(tmp_path, text))
    assert {(p.key, p.severity) for p in problems} == {("issue", "warning")}
    assert full_reference(sources[0], "en") == "J. Doe, “T”, <em>J</em>, 2020"


# --- a property: hostile values render clean or are reported, never a traceback ----------------

PIECES = [
    "{",
    "}",
    "\\",
    "#",
    '"',
    "é",
    "\\'e",
    '{\\"o}',
    "\\c c",
    "~",
    "--",
    "a",
    " ",
    "\\emph{",
    "$",
]
VALUE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(VALUE)
def test_any_value_renders_clean_or_is_reported(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f'@misc{{k,\n  title = {{{value}}},\n  note = "{value}",\n}}\n')
    sources, problems = parse_bib_file(path)
    assert all(p.path.endswith("t.bib") and p.line >= 1 for p in problems)
    if not sources:
        assert any(p.severity == "error" for p in problems)  # unreadable: said, never dropped
        return
    (source,) = sources
    for text in (full_reference(source, "fr"), short_reference(source, "en")):
        escaped = value.count("\\{") + value.count("\\}")
        assert "\\" not in text
        # A "#" is text once inside braces (BibTeX joins only outside them); braces never are.
        assert sum(text.count(c) for c in "{}") <= 2 * escaped  # title and note


# --- --fix-bib keeps every comment where it was relative to the entries ----------------------

MESSY = """% The file's header.

@online{c2020,
  title = {C},
}

@comment{Check b's pages.}
@online{b2020,
  title = {B},
}
% Written after b, about b.

@online{a2020,
  title = {A},
}
"""
TIDY = """% The file's header.

@online{a2020,
  title = {A},
}

@comment{Check b's pages.}
@online{b2020,
  title = {B},
}
% Written after b, about b.

@online{c2020,
  title = {C},
}
"""


def test_fix_bib_keeps_each_comment_with_its_entry() -> None:
    assert canonical(MESSY) == TIDY
    assert canonical(TIDY) == TIDY  # formatting twice changes nothing
