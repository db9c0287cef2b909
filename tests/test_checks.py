"""The editors' check (``scripts/check``) on copies of the real brief, each broken one way.

Every case breaks a scratch copy of the brief (``brief_copy``), runs
``briefkit.commands.check.main`` from the copy's root, as ``scripts/check`` does, and
compares what it prints, line for line, with the ``path:line:col: severity:
message`` lines an editor should see. Line numbers are looked up in the broken
file, so the cases keep working as the brief's text changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import pytest

from briefkit.bib.canonical import canonical
from briefkit.commands.check import main

ROOT = Path(__file__).resolve().parent.parent
BIB = "bib/brief.bib"
CANONICAL_WARNING = "not in canonical form: run `briefkit check --fix-bib` and commit the result"

# A hand-written file: quotes, an @string, odd case, field order and indentation,
# a bare month, a concatenation, a URL with % and &, values on one or many lines.
MESSY_BIB = """\
% Sources typed by hand.
% Header comment kept by the formatter.

@string{ rusi = "Royal United Services Institute" }

@Report{ zed2021last,
    Year = 2021,
  TITLE="A {"}quoted{"} {Title}, with commas",
\tinstitution = rusi,
    author = "Zed, Ann and {Org Name}",
  month = jan,
     note = "Part one " # "and part two",
  URL = {https://example.org/a?b=1&c=%20d},
          group={reports}
}
@online{alpha2020first, title = {{First} Words},
author={Alpha, Al},
   organization    =    {Somewhere},   year = {2020}
}

@ARTICLE{mid2019paper,
  journal = {Journal of Tests},
  year = "2019", title = {Multi-line
    title  with  spaces},
  author = {M{\\'i}d, Ola and Other, Ann},
  pages = {12--34},
}
"""


# --- helpers --------------------------------------------------------------------------------


def replace(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, addition: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")


def lines_with(path: Path, needle: str) -> list[int]:
    """1-based numbers of the lines of ``path`` that contain ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, 1) if needle in line]
    assert found, f"{needle!r} not in {path}"
    return found


def line_with(path: Path, needle: str) -> int:
    return lines_with(path, needle)[0]


def _field_span(text: str, key: str, name: str) -> re.Match[str]:
    """The ``name = value,`` line inside the entry ``key`` (one-line fields only)."""
    start = re.search(r"@\w+\{" + re.escape(key) + r",", text)
    assert start, f"no entry {key}"
    end = text.index("\n}", start.end())
    match = re.compile(rf"^[ \t]*{name}[ \t]*=.*\n", re.M | re.I).search(text, start.end(), end)
    assert match, f"no field {name} in {key}"
    return match


def set_field(bib: Path, key: str, name: str, raw: str) -> int:
    """Give field ``name`` of entry ``key`` the raw BibTeX value ``raw``; its line number."""
    text = bib.read_text(encoding="utf-8")
    match = _field_span(text, key, name)
    bib.write_text(
        text[: match.start()] + f"  {name} = {raw},\n" + text[match.end() :], encoding="utf-8"
    )
    return text.count("\n", 0, match.start()) + 1


def drop_field(bib: Path, key: str, name: str) -> None:
    text = bib.read_text(encoding="utf-8")
    match = _field_span(text, key, name)
    bib.write_text(text[: match.start()] + text[match.end() :], encoding="utf-8")


def drop_front_matter_field(page: Path, name: str) -> None:
    text = page.read_text(encoding="utf-8")
    new = re.sub(rf"(?m)^{name}:.*\n", "", text, count=1)
    assert new != text, f"no {name}: in {page}"
    page.write_text(new, encoding="utf-8")


def in_both(root: Path, page: str, old: str, new: str) -> None:
    for lang in ("fr", "en"):
        replace(root / "docs" / lang / page, old, new)


def run_check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, list[str]]:
    """Exit code and printed lines of ``scripts/check --root root [args]``."""
    code = main(["--root", str(root), *args])
    lines = capsys.readouterr().out.splitlines()
    return code, [line for line in lines if not line.startswith("-- ")]  # not the kinds' headings


def without_notice(lines: list[str]) -> list[str]:
    """The annotations, less the one notice that the copy has no git history."""
    notices = [line for line in lines if line.startswith("::notice::")]
    assert notices == [
        "::notice::translations: the brief is not in a git repository: "
        "stale translations are not reported"
    ]
    return [line for line in lines if line not in notices]


def expected_code(lines: list[str]) -> int:
    """1 when a line is an error, 0 when there are only warnings (CONTRIBUTING)."""
    return 1 if any(": error: " in line for line in lines) else 0


def bib_fields(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    """Every entry's type and fields as bibtexparser reads them (strings resolved, unquoted)."""
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {
        e.key: (e.entry_type.lower(), {f.key.lower(): f.value for f in e.fields})
        for e in library.entries
    }


def messed_up(text: str) -> str:
    """``text`` rewritten the way hands write BibTeX: same values, no canonical form left."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    header = text[: text.index("\n@")] + "\n\n"
    parts = []
    for number, entry in enumerate(reversed(library.entries)):
        fields = []
        for fld in reversed(entry.fields):
            value = fld.value
            if value.startswith("{") and '"' not in value:
                value = '"' + value[1:-1] + '"'  # same value, quoted
            indent = " " * (number % 5) + "\t" * (number % 2)
            fields.append(f"{indent}{fld.key.upper()}   =  {value}")
        parts.append(f"@{entry.entry_type.upper()}{{ {entry.key},\n" + ",\n".join(fields) + "\n}")
    return header + "\n".join(parts) + "\n"


@pytest.fixture
def brief(brief_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scratch copy, made the working directory as ``scripts/check`` makes the root."""
    monkeypatch.chdir(brief_copy)
    return brief_copy


# --- one breakage, its exact messages ---------------------------------------------------------
# Each case breaks the copy and returns the lines the check must print.


def broken_citations(root: Path, key: str, entry_line: int) -> list[str]:
    """What the check says of every citation of a broken entry (pages are still checked)."""
    found = set()
    for page in sorted((root / "docs").rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if re.search(rf"\[[^\]]*@{re.escape(key)}\b", line):
                found.add((page.relative_to(root).as_posix(), number))
    return [
        f"{path}:{number}:1: error: citation of '{key}', whose entry at {BIB}:{entry_line} "
        "has errors: fix that entry"
        for path, number in sorted(found)
    ]


def malformed_entry(root: Path) -> list[str]:
    bib = root / BIB
    append(bib, "\n@online{doe2024broken,\n  author = {Doe, Jane},\n  title = {Never closed\n}\n")
    line = line_with(bib, "@online{doe2024broken,")
    return [  # nobody cites it: a warning
        f"{BIB}:{line}:1: warning: entry 'doe2024broken' cannot be read "
        "(Unexpectedly reached end of file): "
        "check that every { has its } and that fields are separated by commas"
    ]


def duplicate_key(root: Path) -> list[str]:
    bib = root / BIB
    append(bib, "\n@online{cha2023axis,\n  author = {Doe, Jane},\n  title = {{Again}},\n}\n")
    first, second = lines_with(bib, "{cha2023axis,")
    return [
        f"{BIB}:{second}:1: warning: duplicate key 'cha2023axis' (first defined at {BIB}:{first}): "
        "rename one of the two entries or merge them"
    ]


def missing_required_field(root: Path) -> list[str]:
    bib = root / BIB
    drop_field(bib, "iiss2022evasion", "journal")
    line = line_with(bib, "@article{iiss2022evasion,")
    return [  # BibTeX only warns; the entry is shown without it
        f"{BIB}:{line}:1: warning: @article 'iiss2022evasion' is missing required field "
        "journaltitle: it is shown without it",
    ]


def javascript_url(root: Path) -> list[str]:
    line = set_field(root / BIB, "bermudez2023najin", "url", "{javascript:alert(1)}")
    entry = line_with(root / BIB, "{bermudez2023najin,")
    return [
        f"{BIB}:{line}:1: error: unsafe url in 'bermudez2023najin': "
        "'javascript:alert(1)'; only http:// and https:// addresses are linked: "
        "copy the address from the browser",
        *broken_citations(root, "bermudez2023najin", entry),
    ]


def undefined_string(root: Path) -> list[str]:
    line = set_field(root / BIB, "bermudez2023najin", "organization", "beyondparallel")
    entry = line_with(root / BIB, "{bermudez2023najin,")
    del entry  # a warning, as in BibTeX: the entry is still cited
    return [
        f"{BIB}:{line}:1: warning: undefined @string 'beyondparallel' in field 'organization' of "
        "'bermudez2023najin': define it with @string or put the value in braces",
    ]


def unknown_key(root: Path) -> list[str]:
    in_both(root, "vostotchny.md", "[@cha2023summit]", "[@cha2023sumit]")
    lines = {
        lang: line_with(root / "docs" / lang / "vostotchny.md", "[@cha2023sumit]")
        for lang in ("en", "fr")
    }
    return [
        f"docs/{lang}/vostotchny.md:{line}:1: error: unknown citation key 'cha2023sumit': "
        "did you mean 'cha2023summit'? add it to a .bib file in bib/ or fix the key"
        for lang, line in lines.items()
    ]


def missing_translation(root: Path) -> list[str]:
    (root / "docs/en/glossaire/quad.md").unlink()
    return [
        "docs/fr/glossaire/quad.md:1:1: error: no en translation: add docs/en/glossaire/quad.md"
    ]


def glossary_without_definition(root: Path) -> list[str]:
    page = root / "docs/fr/glossaire/quad.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^  definition:.*\n", "", text, count=1), encoding="utf-8")
    return [
        f"docs/fr/glossaire/quad.md:{line_with(page, 'glossary:')}:1: error: "
        "glossary entry lacks definition: add them to the front matter"
    ]


def no_description(root: Path) -> list[str]:
    for lang in ("fr", "en"):
        drop_front_matter_field(root / "docs" / lang / "auteur.md", "description")
    return [
        f"docs/{lang}/auteur.md:1:1: error: front matter lacks 'description': add it"
        for lang in ("en", "fr")
    ]


def home_without_author(root: Path) -> list[str]:
    for lang in ("fr", "en"):
        drop_front_matter_field(root / "docs" / lang / "index.md", "author")
    return [
        f"docs/{lang}/index.md:1:1: error: front matter lacks 'author': add it"
        for lang in ("en", "fr")
    ]


def dead_link(root: Path) -> list[str]:
    page = root / "docs/fr/auteur.md"
    replace(page, "(*) Tom Dash", "(*) [x](nope.md) Tom Dash")
    return [
        f"docs/fr/auteur.md:{line_with(page, '[x](nope.md)')}:1: error: dead link 'nope.md': "
        "no page nope.md in docs/fr; fix the path"
    ]


def dead_anchor(root: Path) -> list[str]:
    page = root / "docs/fr/auteur.md"
    replace(page, "(*) Tom Dash", "(*) [x](vostotchny.md#nope) Tom Dash")
    return [
        f"docs/fr/auteur.md:{line_with(page, '[x](vostotchny.md#nope)')}:1: error: "
        "dead anchor '#nope' in 'vostotchny.md#nope': vostotchny.md has no such heading or id"
    ]


def not_canonical(root: Path) -> list[str]:
    bib = root / BIB
    text = bib.read_text(encoding="utf-8")
    bib.write_text(re.sub(r"(?m)^  (\w+) = ", r"\t\1   =   ", text, count=1), encoding="utf-8")
    return [f"{BIB}:1:1: warning: {CANONICAL_WARNING}"]


BREAKAGES: list[Callable[[Path], list[str]]] = [
    malformed_entry,
    duplicate_key,
    missing_required_field,
    javascript_url,
    undefined_string,
    unknown_key,
    missing_translation,
    glossary_without_definition,
    no_description,
    home_without_author,
    dead_link,
    dead_anchor,
    not_canonical,
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
def test_each_breakage_is_reported_at_its_line_and_fails_the_check(
    brief: Path, capsys: pytest.CaptureFixture[str], breakage: Callable[[Path], list[str]]
) -> None:
    expected = breakage(brief)
    code, printed = run_check(capsys, brief)
    assert printed == expected
    assert code == expected_code(expected)


def test_the_real_brief_is_clean(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(brief)])
    captured = capsys.readouterr()
    assert captured.out == ""
    # The copy is not a git repository: the translation status says so, once.
    lines = captured.err.strip().splitlines()
    assert lines[0] == (
        "note: translations: the brief is not in a git repository: "
        "stale translations are not reported"
    )
    assert re.fullmatch(r"sources: \d+ entries read from 4 \.bib file\(s\), \d+ cited", lines[1])
    assert lines[2:] == ["0 error(s), 0 warning(s)"]
    assert code == 0


def test_a_warning_alone_is_counted_but_passes(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_canonical(brief)
    code = main(["--root", str(brief)])
    assert capsys.readouterr().err.strip().splitlines()[-1] == "0 error(s), 1 warning(s)"
    assert code == 0


# --- translation parity ----------------------------------------------------------------------


def extra_paragraph(root: Path) -> tuple[str, int]:
    page = root / "docs/en/auteur.md"
    append(page, "\nAn extra paragraph.\n")
    return (
        "error: 2 paragraphs but docs/fr/auteur.md has 1: translate paragraph for paragraph",
        line_with(page, "# The author"),  # where the page's body starts
    )


def different_citations(root: Path) -> tuple[str, int]:
    en, fr = root / "docs/en/vostotchny.md", root / "docs/fr/vostotchny.md"
    replace(en, "[@tass2023agreements]", "[@cha2023axis]")
    fr_line = line_with(fr, "[@tass2023agreements]")
    return (
        "error: citations ['cha2023axis', 'shin2023accompanying', 'byrne2023orient', "
        "'bermudez2023rail', 'byrne2023orient'] "
        f"differ from docs/fr/vostotchny.md:{fr_line} "
        "['tass2023agreements', 'shin2023accompanying', 'byrne2023orient', 'bermudez2023rail', "
        "'byrne2023orient']: cite the same sources",
        line_with(en, "approached Tehran"),  # the paragraph that differs
    )


PARITY_CASES = {
    "extra_paragraph": ("docs/en/auteur.md", extra_paragraph),
    "different_citations": ("docs/en/vostotchny.md", different_citations),
}
PARITY_LINE_BUG = (
    "briefkit.content.parity.split_front_matter strips the blank lines after the front matter "
    "(body.lstrip('\\n')) but does not count them in its line offset, so every block "
    "(and the paragraph-count message) is reported one line too early, on the blank line"
)


@pytest.mark.parametrize("case", PARITY_CASES)
def test_parity_problems_name_the_translation_and_fail_the_check(
    brief: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path, breakage = PARITY_CASES[case]
    message, _ = breakage(brief)
    code, printed = run_check(capsys, brief)
    assert len(printed) == 1, printed
    where, _, rest = printed[0].partition(":")
    assert where == path
    # Lines are checked below; here everything else: `line:1: error: message`.
    pattern = re.sub(r"\\\.md:\d+", r"\\.md:\\d+", re.escape(message))
    assert re.fullmatch(r"\d+:1: " + pattern, rest), printed[0]
    assert code == 1


@pytest.mark.parametrize("case", PARITY_CASES)
def test_parity_problems_point_at_the_block_line(
    brief: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path, breakage = PARITY_CASES[case]
    message, line = breakage(brief)
    _, printed = run_check(capsys, brief)
    assert printed == [f"{path}:{line}:1: {message}"]


# --- GitHub annotations ------------------------------------------------------------------------


def test_github_format_prints_error_annotations(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = unknown_key(brief)
    code, printed = run_check(capsys, brief, "--format", "github")
    printed = without_notice(printed)
    annotations = []
    for line in expected:
        path, number, _, _, message = line.split(":", 4)
        annotations.append(f"::error file={path},line={number},col=1::{message.strip()}")
    assert printed == annotations
    assert all(re.match(r"::error file=docs/(en|fr)/vostotchny\.md,line=\d+,", a) for a in printed)
    assert code == 1


def test_github_format_prints_warning_annotations(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_canonical(brief)
    code, printed = run_check(capsys, brief, "--format", "github")
    assert without_notice(printed) == [f"::warning file={BIB},line=1,col=1::{CANONICAL_WARNING}"]
    assert code == 0


# --- the .bib formatter ----------------------------------------------------------------------

REAL_BIBS = sorted(p.name for p in (ROOT / "bib").glob("*.bib"))


def bib_text(name: str) -> str:
    return MESSY_BIB if name == "messy" else (ROOT / "bib" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [*REAL_BIBS, "messy"])
def test_formatting_twice_changes_nothing(name: str) -> None:
    once = canonical(bib_text(name))
    assert once is not None
    assert canonical(once) == once


@pytest.mark.parametrize("name", [*REAL_BIBS, "messy"])
def test_formatting_alters_no_field_value(name: str) -> None:
    text = bib_text(name)
    formatted = canonical(text)
    assert formatted is not None
    assert bib_fields(formatted) == bib_fields(text)


@pytest.mark.parametrize("name", REAL_BIBS)
def test_the_real_bib_files_are_canonical(name: str) -> None:
    assert canonical(bib_text(name)) == bib_text(name)


@pytest.mark.parametrize("name", REAL_BIBS)
def test_a_messed_up_real_bib_formats_back_to_itself(name: str) -> None:
    text = bib_text(name)
    messy = messed_up(text)
    assert messy != text
    assert bib_fields(messy) == bib_fields(text)
    assert canonical(messy) == text


def test_the_messy_bib_formats_as_expected() -> None:
    formatted = canonical(MESSY_BIB)
    assert formatted is not None
    assert formatted.startswith(
        "% Sources typed by hand.\n% Header comment kept by the formatter.\n\n"
        "@string{rusi = {Royal United Services Institute}}\n\n@online{alpha2020first,\n"
    )
    zed = formatted[formatted.index("@report{zed2021last,") :]
    assert zed == (
        "@report{zed2021last,\n"
        "  author = {Zed, Ann and {Org Name}},\n"
        '  title = {A {"}quoted{"} {Title}, with commas},\n'
        "  institution = rusi,\n"
        "  year = 2021,\n"
        "  month = jan,\n"
        "  url = {https://example.org/a?b=1&c=%20d},\n"
        '  note = "Part one " # "and part two",\n'
        "  group = {reports},\n"
        "}\n"
    )


def test_fix_bib_then_check_leaves_no_canonical_warning(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (brief / BIB).read_text(encoding="utf-8")
    (brief / BIB).write_text(messed_up(original), encoding="utf-8")
    code, printed = run_check(capsys, brief, "--fix-bib")
    assert printed == [f"formatted {BIB}"]
    assert code == 0
    assert (brief / BIB).read_text(encoding="utf-8") == original
    code, printed = run_check(capsys, brief)
    assert printed == []
    assert code == 0


def test_formatting_an_indented_first_entry_writes_it_once() -> None:
    text = "  @online{alpha2020first,\n    title = {First},\n  }\n"
    assert canonical(text) == "@online{alpha2020first,\n  title = {First},\n}\n"


def test_formatting_keeps_comments_between_entries() -> None:
    text = (
        "@online{a2020one,\n  title = {One},\n}\n\n"
        "% Check the page numbers with the printed edition.\n"
        "@online{b2020two,\n  title = {Two},\n}\n"
    )
    formatted = canonical(text)
    assert formatted is not None
    assert "% Check the page numbers with the printed edition." in formatted


def test_invalid_front_matter_yaml_is_reported_not_raised(
    brief_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang in ("fr", "en"):
        page = brief_copy / "docs" / lang / "auteur.md"
        page.write_text(page.read_text(encoding="utf-8").replace("title:", "title: [", 1), "utf-8")
    assert main(["--root", str(brief_copy)]) == 1
    out = capsys.readouterr().out
    for lang in ("fr", "en"):
        page = brief_copy / "docs" / lang / "auteur.md"
        assert f"{page}:3:12: error: front matter is not valid YAML" in out
