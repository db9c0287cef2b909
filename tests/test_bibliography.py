"""Reading and validating ``.bib`` files: every mistake is a Problem at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.bib.reader import (
    Source,
    load_bibliography,
    load_or_raise,
    parse_bib_file,
)
from briefkit.core.problems import BriefError, Problem
from briefkit.style.references import full_reference

VALID = """\
@online{good,
  author = {Morvan, Élodie},
  title = {A valid entry},
}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def parse(tmp_path: Path, text: str, name: str = "test.bib") -> tuple[list[Source], list[Problem]]:
    return parse_bib_file(write(tmp_path, name, text))


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# (id, .bib text, line of the single problem, fragment of its message)
BAD_INPUTS = [
    (
        "unclosed-brace",
        VALID + "\n@online{broken,\n  author = {Doe, Jane},\n  title = {Never closed\n}\n\n"
        "@online{after,\n  author = {Roe, Rick},\n  title = {Still read},\n}\n",
        6,
        "cannot be read",
    ),
    (
        "missing-final-brace",
        VALID + "\n@online{last,\n  author = {Doe, Jane},\n  title = {No end},\n",
        6,
        "end of file",
    ),
    (
        "unknown-entry-type",
        VALID + "\n\n@pamphlet{odd,\n  title = {A pamphlet},\n}\n",
        7,
        "unknown type @pamphlet",
    ),
    (
        "undefined-string",
        "@online{k,\n  author = {Doe, Jane},\n  title = {T},\n  organization = acme,\n}\n",
        4,
        "undefined @string 'acme' in field 'organization'",
    ),
    (
        "month-13",
        "@online{k,\n  author = {Doe, Jane},\n  title = {A title\n    over two lines},\n"
        "  year = {2023},\n  month = {13},\n}\n",
        6,
        "month of 'k' is '13'",
    ),
    (
        "month-word",
        "@online{k,\n  author = {Doe, Jane},\n  title = {T},\n  month = {brumaire},\n}\n",
        4,
        "'brumaire', not a month: it is left out; use 1-12 or jan-dec",
    ),
    (
        "urldate-not-iso",
        "@online{k,\n  author = {Doe, Jane},\n  title = {T},\n  urldate = {23/10/2023},\n}\n",
        4,
        "urldate of 'k' is '23/10/2023', which biblatex cannot read: it is left out",
    ),
    ("empty-file", "", 1, "empty .bib file"),
    ("blank-file", "\n   \n\t\n", 1, "empty .bib file"),
    ("only-comments", "% nothing here yet\n", 1, "no entries found"),
    (
        "javascript-url",
        "@online{k,\n  author = {Doe, Jane},\n  title = {T},\n\n"
        "  url = {javascript:alert(1)},\n}\n",
        5,
        "unsafe url in 'k': 'javascript:alert(1)'",
    ),
    (
        "data-url",
        "@online{k,\n  author = {Doe, Jane},\n  title = {T},\n"
        "  url = {data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==},\n}\n",
        4,
        "unsafe url in 'k': 'data:text/html;base64,",
    ),
    (
        "invalid-key",
        VALID + "@online{bad key,\n  author = {Doe, Jane},\n  title = {T},\n}\n",
        5,
        "has the key 'bad key', which cannot be cited",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_is_one_problem_at_its_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    _, problems = parse(tmp_path, text)
    problem = only_problem(problems)
    assert problem.line == line
    assert fragment in problem.message
    assert problem.path.endswith("test.bib")
    assert str(problem).endswith(f"test.bib:{line}: {problem.message}")


def test_unclosed_brace_does_not_lose_the_entries_around_it(tmp_path: Path) -> None:
    text = BAD_INPUTS[0][1]
    sources, _ = parse(tmp_path, text)
    assert [s.key for s in sources] == ["good", "after"]
    assert [s.line for s in sources] == [1, 11]


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = "% sources\n\n" + VALID + "\n" + VALID.replace("A valid entry", "Another title")
    sources, problems = parse(tmp_path, text, "dup.bib")
    problem = only_problem(problems)
    assert problem.line == 8
    assert "duplicate key 'good'" in problem.message
    assert "dup.bib:3)" in problem.message
    assert [s.fields["title"] for s in sources] == ["A valid entry"]


def test_duplicate_key_across_two_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.bib", VALID)
    second = write(tmp_path, "b.bib", "% second file\n\n" + VALID.replace("valid", "clashing"))
    bibliography, problems = load_bibliography([second, first])
    problem = only_problem(problems)
    assert problem.path.endswith("b.bib")
    assert problem.line == 3
    assert "duplicate key 'good'" in problem.message
    assert "a.bib:1" in problem.message
    assert bibliography["good"].fields["title"] == "A valid entry"


def test_load_or_raise_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, "a.bib", VALID.replace("@online", "@pamphlet"))
    write(
        tmp_path,
        "b.bib",
        "\n@article{art,\n  author = {Doe, Jane},\n  title = {T},\n  url = {javascript:x},\n}\n",
    )
    with pytest.raises(BriefError) as raised:
        load_or_raise(tmp_path)
    lines = [(Path(p.path).name, p.line, p.severity) for p in raised.value.problems]
    assert ("a.bib", 1, "warning") in lines  # an unknown type: shown as @misc
    assert ("b.bib", 2, "warning") in lines  # a missing journal: shown without it
    assert ("b.bib", 5, "error") in lines  # an unsafe address: the one error
    assert "unknown type @pamphlet" in str(raised.value)
    assert "missing required field journaltitle" in str(raised.value)


def test_load_or_raise_without_any_bib_file(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match=r"no \.bib file found"):
        load_or_raise(tmp_path)


def test_latin1_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.bib"
    path.write_bytes(b"@online{k,\n  author = {Doe, Jane},\n  title = {Caf\xe9 cr\xe8me},\n}\n")
    sources, problems = parse_bib_file(path)
    assert sources == []
    file_problem, entry_problem = problems
    assert file_problem.line == 3
    assert "not UTF-8" in file_problem.message
    assert "0xe9" in file_problem.message
    # The entries it holds are named, so that citing them says where the trouble is.
    assert (entry_problem.line, entry_problem.key) == (1, "k")
    assert entry_problem.message.startswith("entry 'k': not UTF-8")


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.bib"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    sources, problems = parse_bib_file(path)
    assert problems == []
    assert [s.key for s in sources] == ["good"]


# (entry type, fields given, missing-field wording): what BibTeX's styles warn about.
MISSING = [
    ("article", "author = {Doe, J.},\n  title = {T},\n  year = {2020},", "journaltitle"),
    ("techreport", "author = {Doe, Jane},\n  title = {T},\n  year = {2020},", "institution"),
    ("phdthesis", "author = {Doe, Jane},\n  title = {T},\n  year = {2020},", "institution"),
    ("inproceedings", "author = {Doe, Jane},\n  title = {T},\n  year = {2020},", "booktitle"),
    ("book", "author = {Doe, Jane},\n  title = {T},\n  publisher = {P},", "date or year"),
    ("unpublished", "author = {Doe, Jane},\n  title = {T},", "note"),
]


@pytest.mark.parametrize(("kind", "fields", "missing"), MISSING, ids=[m[0] for m in MISSING])
def test_missing_required_field(tmp_path: Path, kind: str, fields: str, missing: str) -> None:
    text = f"% {kind}\n\n@{kind}{{k,\n  {fields}\n}}\n"
    _, problems = parse(tmp_path, text)
    problem = only_problem(problems)
    assert (problem.line, problem.severity) == (3, "warning")
    assert problem.message.startswith(f"@{kind} 'k' is missing required field {missing}: ")


def test_strings_concatenation_and_month_macro_resolve(tmp_path: Path) -> None:
    text = (
        '@string{coop = "Coopérative apicole"}\n'
        "@STRING{place = {de Valdrenne}}\n"
        "\n"
        "@report{bilan,\n"
        "  author = {Doe, Jane},\n"
        "  title = {Bilan},\n"
        '  institution = coop # " " # PLACE # { (Europe)},\n'
        "  year = 2022,\n"
        "  month = oct,\n"
        "}\n"
    )
    sources, problems = parse(tmp_path, text)
    assert problems == []
    (source,) = sources
    assert source.line == 4
    assert source.fields["institution"] == "Coopérative apicole de Valdrenne (Europe)"
    assert source.fields["year"] == "2022"
    assert source.fields["month"] == "10"
    assert "octobre 2022" in full_reference(source, "fr")


def test_latex_accents_decoded_but_url_kept_verbatim(tmp_path: Path) -> None:
    text = (
        "@online{k,\n"
        "  author = {Cl{\\'e}ment, Ren{\\'e}},\n"
        "  title = {{\\'E}t{\\'e} {\\`a} la ruche, {\\\"u}ber alles},\n"
        "  url = {https://example.org/a%20b%C3%A9?q=1},\n"
        "}\n"
    )
    sources, problems = parse(tmp_path, text)
    assert problems == []
    (source,) = sources
    assert source.fields["title"] == "Été à la ruche, über alles"
    assert source.fields["url"] == "https://example.org/a%20b%C3%A9?q=1"
    assert str(source.persons["author"][0]) == "Clément, René"


def test_protective_braces_dropped_but_corporate_author_kept_whole(tmp_path: Path) -> None:
    text = (
        "@online{k,\n"
        "  author = {{The Economist}},\n"
        "  title = {{The {NATO} Summit and {iPhone} sales}},\n"
        "  organization = {The Economist},\n"
        "}\n"
    )
    sources, problems = parse(tmp_path, text)
    assert problems == []
    (source,) = sources
    assert source.fields["title"] == "The NATO Summit and iPhone sales"
    (person,) = source.persons["author"]
    assert person.first_names == []
    assert person.last_names == ["The Economist"]
    assert full_reference(source, "en").startswith("The Economist, “The NATO Summit")


def test_values_are_kept_as_written_not_case_changed(tmp_path: Path) -> None:
    text = '@misc{k,\n  title = "eBay in the {EU}: a Study",\n  note = {x},\n}\n'
    sources, problems = parse(tmp_path, text)
    assert problems == []
    assert sources[0].fields["title"] == "eBay in the EU: a Study"


def test_ten_thousand_entries_parse_without_problems(tmp_path: Path) -> None:
    entry = (
        "@online{{key{i},\n  author = {{Author{i}, First}},\n  title = {{Title number {i}}},\n"
        "  year = {{2020}},\n  month = oct,\n  url = {{https://example.org/{i}}},\n}}\n\n"
    )
    path = write(tmp_path, "big.bib", "".join(entry.format(i=i) for i in range(10_000)))
    sources, problems = parse_bib_file(path)
    assert problems == []
    assert len(sources) == 10_000
    assert sources[-1].key == "key9999"
    assert sources[-1].line == 9_999 * 8 + 1
    assert sources[-1].fields["month"] == "10"


def test_real_brief_bibliography_is_clean() -> None:
    bibliography = load_or_raise(Path(__file__).resolve().parent.parent / "bib")
    assert "byrne2023orient" in bibliography
    assert bibliography["byrne2023orient"].type == "report"
    assert bibliography["oryx2023losses"].fields["urldate"] == "2023-10-23"


def test_urldate_with_impossible_month_is_a_problem(tmp_path: Path) -> None:
    text = "@online{k,\n  author = {Doe, Jane},\n  title = {T},\n  urldate = {2023-13-05},\n}\n"
    _, problems = parse(tmp_path, text)
    problem = only_problem(problems)
    assert problem.line == 4
    assert "urldate" in problem.message
