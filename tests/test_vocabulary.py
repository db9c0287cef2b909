"""Every word the generator shows: from CLDR, the CSL locales and Material, then our files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefkit.core import csl
from briefkit.core import vocabulary as vocabulary_module
from briefkit.core.data_words import data_words
from briefkit.core.vocabulary import (
    NEUTRAL,
    Vocabulary,
    fallback_message,
    fallback_words,
    language_files,
    own_words,
    read_language_file,
    supported,
    supported_languages,
    vocabulary,
)

PACKAGE = Path(__file__).resolve().parent.parent / "briefkit"
MAY_BE_EMPTY = {"space_before", "space_after", "ordinals", "elisions"}  # English has none of these
DEMO_LANGUAGES = ["en", "fr", "ru", "ko", "ar", "zh", "ja"]
# Words that are the same in English and in the languages above, rightly.
SHARED = {"eprint_types", "direction", "open_quote", "close_quote"} | set(NEUTRAL)
SHARED |= {"terms", "bibstrings", "elisions"}  # looked up key by key (BY_KEY), English under
SHARED |= {"date_format", "month_year_format"}  # "{day} {month} {year}" in Arabic too
LATIN = re.compile("[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@pytest.mark.parametrize("code", sorted(language_files()))
def test_every_language_file_reads_and_names_only_known_words(code: str) -> None:
    read_language_file(language_files()[code])  # raises on an unknown word


def test_an_unknown_word_in_a_language_file_is_an_error_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "xx.yml"
    broken.write_text("cited_in: x\nibdi: Ibid.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"unknown words \['ibdi'\]"):
        read_language_file(broken)


def non_latin_languages() -> list[str]:
    """The supported languages whose own name is not written in Latin letters."""
    return [
        code for code in supported_languages() if not LATIN.search(vocabulary(code).language_name)
    ]


@pytest.mark.parametrize("code", sorted({*DEMO_LANGUAGES, *non_latin_languages()}))
def test_every_generator_word_is_resolved_without_english(code: str) -> None:
    assert fallback_words(code) == []
    if code in ("en", "fr"):
        return  # Latin script: "et al.", "p.", "version" are French words too
    words, english = vocabulary(code), vocabulary("en")
    for field in dataclasses.fields(Vocabulary):
        if field.name in SHARED | {"code", "locale", "babel"}:
            continue
        mine = getattr(words, field.name)
        assert mine != getattr(english, field.name), f"{code}: {field.name} is English"
        if isinstance(mine, str):
            letters = LATIN.findall(PLACEHOLDER.sub("", mine))
            allowed = {"PDF", "BibTeX", "RIS", "CSL", "JSON"}
            assert set(letters) <= allowed, f"{code}: {field.name} = {mine!r}"


@pytest.mark.parametrize(
    ("code", "name", "source"),
    [
        ("ru", "language_name", "русский"),
        ("ko", "language_name", "한국어"),
        ("ar", "language_name", "العربية"),
        ("zh", "language_name", "中文"),
        ("ja", "language_name", "日本語"),
        ("fr", "language_name", "français"),
        ("ru", "accessed", "просмотрено"),
        ("ru", "et_al", "и др."),
        ("zh", "open_quote", "《"),
        ("zh", "comma", "，"),
        ("ar", "in_", "في"),
        ("ja", "et_al", "ほか"),
        ("ar", "direction", "rtl"),
        ("ru", "and_", " и "),
    ],
)
def test_words_come_from_the_data_not_from_our_files(code: str, name: str, source: str) -> None:
    assert getattr(vocabulary(code), name) == source
    assert name not in own_words(code)  # nothing in our file says it
    assert data_words(code)[name] == source


def test_our_files_hold_only_what_the_data_lacks_or_says_otherwise() -> None:
    for code in language_files():
        data = data_words(str(own_words(code).get("locale") or code))
        same = [
            name
            for name, value in own_words(code).items()
            if name != "locale" and data.get(name) == value
        ]
        assert same == [], f"{code}.yml repeats the data: {same}"


def test_untranslated_csl_terms_are_not_taken_for_the_language() -> None:
    # The Korean locale has "available at" in English and "trans" in Latin letters.
    assert csl.term("ko", "available at") is None
    assert "available" not in data_words("ko")
    assert not LATIN.search(PLACEHOLDER.sub("", str(data_words("ko").get("translated", ""))))


@pytest.fixture
def without_portuguese_file(tmp_path: Path) -> Iterator[None]:
    """briefkit's language files as they are, less ``pt.yml``: a language only the data covers."""
    for path in language_files().values():
        if path.stem != "pt":
            shutil.copy(path, tmp_path / path.name)
    caches = (own_words, vocabulary_module._layers, vocabulary)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabulary_module, "LANGUAGES_DIR", tmp_path)
        for cached in caches:
            cached.cache_clear()
        yield
    for cached in caches:
        cached.cache_clear()


@pytest.mark.usefixtures("without_portuguese_file")
def test_a_language_the_data_covers_but_we_do_not_falls_back_word_by_word() -> None:
    missing = fallback_words("pt_BR")
    assert "cited_in" in missing and "accessed" not in missing
    words = vocabulary("pt_BR")
    assert words.accessed == "acesso em" and words.cited_in == vocabulary("en").cited_in
    assert words.language_name == "português"
    message = fallback_message("pt_BR")
    assert "cited_in" in message and "accessed" not in message and "pt.yml" in message


def test_about_sixty_languages_are_supported() -> None:
    codes = supported_languages()
    assert len(codes) >= 50
    for code in ("ko", "ar", "he", "th", "hi", "el", "uk", "vi", "fa"):
        assert code in codes and supported(code)
    assert not supported("xx")


@pytest.mark.parametrize("code", sorted(supported_languages()))
def test_every_supported_language_gives_a_complete_vocabulary(code: str) -> None:
    words = vocabulary(code)
    assert len(words.months) == 12 and words.language_name
    assert words.date(dt.date(2026, 11, 27))
    assert fallback_words(code) == [], f"{code}: these words would be shown in English"
    assert fallback_message(code) == ""


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("fr", "2023-10", "octobre 2023"),
        ("fr", "2023-10-01", "1er octobre 2023"),
        ("en", "2023-10-23", "23 October 2023"),
        ("de", dt.date(2023, 3, 5), "5. März 2023"),
        ("en", "2023", "2023"),
        ("ru", "2023-10-23", "23 октября 2023\u202fг."),
        ("ru", "2023-10", "октябрь 2023\u202fг."),
        ("ko", "2023-10-23", "2023년 10월 23일"),
        ("zh", "2023-10-23", "2023年10月23日"),
        ("ja", "2023-10", "2023年10月"),
        ("ar", "2023-10-23", "23 أكتوبر 2023"),
    ],
)
def test_dates_are_never_more_precise_than_given(code: str, value: object, expected: str) -> None:
    assert vocabulary(code).partial_date(value) == expected


@pytest.mark.parametrize(
    ("code", "number", "expected"),
    [("en", 2, "2nd ed."), ("en", 11, "11th ed."), ("fr", 1, "1re éd."), ("ru", 3, "3-й изд."),
     ("ko", 2, "제2판"), ("de", 2, "2. Aufl.")],
)  # fmt: skip
def test_editions_are_ordinals_of_the_language(code: str, number: int, expected: str) -> None:
    assert vocabulary(code).edition_text(str(number)) == expected


def test_no_language_code_is_spelled_in_the_generator() -> None:
    # Words and languages are data: no module compares with or keys on "fr"/"en".
    pattern = re.compile(r"""["'](fr|en|de|ko|ru|ar|zh|ja)["']\s*[:\]),]|==\s*["'](fr|en)["']""")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "FALLBACK" not in line
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("code", "label"),
    [("fr", "note\u00a03"), ("en", "note\u00a03"), ("hu", "3.\u00a0jegyzet"), ("ko", "주\u00a03")],
)
def test_a_note_is_named_in_the_language_s_order(code: str, label: str) -> None:
    from briefkit.extensions.bibliography_page import note_label

    assert note_label(vocabulary(code), 3) == label


def test_a_csl_dialect_in_another_script_is_not_the_language() -> None:
    # CSL's only Punjabi is pa-PK, in Arabic script; CLDR's pa is Gurmukhi.
    assert csl.locale_file("pa") is None
    assert csl.locale_file("pa_PK").name == "locales-pa-PK.xml"  # type: ignore[union-attr]
    # CSL's Serbian is Latin first; CLDR's sr is Cyrillic.
    assert csl.locale_file("sr").name == "locales-sr-Cyrl-RS.xml"  # type: ignore[union-attr]
    assert csl.locale_file("sr_Latn").name == "locales-sr-Latn-RS.xml"  # type: ignore[union-attr]
    words = dataclasses.asdict(vocabulary("pa"))
    assert not re.search("[\u0600-\u06ff]", str(words)), "Punjabi words in two scripts"
    assert not LATIN.search(PLACEHOLDER.sub("", str(dataclasses.asdict(vocabulary("sr"))["et_al"])))


def test_csl_terms_lose_stray_spaces() -> None:
    assert vocabulary("th").ibid == "ในที่เดียวกัน"  # the locale writes " ในที่เดียวกัน"


def test_no_word_of_any_language_has_stray_spaces() -> None:
    # Material's Latvian "# atbilstoši dokumenti ", the CSL's Thai " ในที่เดียวกัน"
    for code in supported_languages():
        words = dataclasses.asdict(vocabulary(code))
        stray = [
            name
            for name, value in words.items()
            if isinstance(value, str)
            and value != value.strip(" ")
            and name not in NEUTRAL
            and not name.endswith(("_label", "_quote", "and_"))
        ]
        assert stray == [], f"{code}: {stray}"


def test_a_variant_in_another_script_never_takes_the_language_s_file() -> None:
    # Latin Serbian: no Cyrillic from sr.yml; Taiwan's Chinese: no simplified
    # characters from zh.yml (编, 译, 页, 图, 报告).
    latin = str(dataclasses.asdict(vocabulary("sr_Latn")))
    assert (
        not re.search("[\u0400-\u04ff]", latin) and vocabulary("sr_Latn").cited_in == "Citirano u:"
    )
    for code in ("zh_TW", "zh_Hant", "zh_HK"):
        words = str(dataclasses.asdict(vocabulary(code)))
        assert not set("编译页图报") & set(words), code
        assert fallback_words(code) == []
    assert vocabulary("zh").cited_in == "引用于：" and vocabulary("zh_TW").cited_in == "引用於："


def test_quotation_marks_like_english_s_are_the_language_s_own() -> None:
    # The CSL's pt-BR states “ ” as English does: no untranslated copy.
    assert fallback_words("pt_BR") == []
    assert (vocabulary("pt_BR").open_quote, vocabulary("pt_BR").close_quote) == ("“", "”")
