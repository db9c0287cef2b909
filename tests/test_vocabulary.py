"""Every word the generator shows comes from one table per language, complete in each."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from briefkit.core.vocabulary import language_files, load_language, vocabulary, word_names

PACKAGE = Path(__file__).resolve().parent.parent / "briefkit"
MAY_BE_EMPTY = {"space_before", "space_after", "ordinals", "elisions"}  # English has none of these


@pytest.mark.parametrize("code", sorted(language_files()))
def test_every_language_defines_every_word(code: str) -> None:
    words = load_language(code, language_files()[code])  # raises on a missing or extra word
    for name in set(word_names()) - MAY_BE_EMPTY:
        value = getattr(words, name + "_" if hasattr(words, name + "_") else name)
        assert value not in ("", None, ()), f"{code}: {name} is empty"


def test_a_missing_word_is_an_error_naming_it(tmp_path: Path) -> None:
    text = language_files()["en"].read_text(encoding="utf-8")
    broken = tmp_path / "xx.yml"
    broken.write_text(re.sub(r"(?m)^ibid:.*\n", "", text), encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing words \['ibid'\]"):
        load_language("xx", broken)


def test_a_language_without_words_falls_back_to_english_once() -> None:
    assert vocabulary("pt_BR") == vocabulary("en")
    assert vocabulary("fr_CA").code == "fr"


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("fr", "2023-10", "octobre 2023"),
        ("fr", "2023-10-01", "1er octobre 2023"),
        ("en", "2023-10-23", "23 October 2023"),
        ("de", dt.date(2023, 3, 5), "5. März 2023"),
        ("en", "2023", "2023"),
    ],
)
def test_dates_are_never_more_precise_than_given(code: str, value: object, expected: str) -> None:
    assert vocabulary(code).partial_date(value) == expected


def test_no_language_code_is_spelled_in_the_generator() -> None:
    # Words and languages are data: no module compares with or keys on "fr"/"en".
    pattern = re.compile(r"""["'](fr|en|de)["']\s*[:\]),]|==\s*["'](fr|en)["']""")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(PACKAGE.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "FALLBACK" not in line
    ]
    assert offenders == []
