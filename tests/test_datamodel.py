"""biblatex's data model, whole: every type rendered, every field printed or ignored on purpose.

The corpus (tests/data/corpus/types.bib and fields.bib, invented sources) holds
one entry per entry type and alias of the data model and every one of its
fields; tests/data/corpus/expected.yml has their exact French and English
references, reviewed by hand. A field the data model prints must change the
reference when it is taken away; a field datamodel.yml lists as ignored must
not.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from briefkit.bib.datamodel import model, template_of
from briefkit.bib.library import Bibliography
from briefkit.bib.model import Source
from briefkit.bib.records import read_file
from briefkit.style.references import bibliography_entry, full_reference, short_reference
from briefkit.style.templates import BriefStyle

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests/data/corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
FORMS = ("note", "short", "bibliography")
CASES = [(key, lang, form) for key in sorted(EXPECTED) for lang in ("fr", "en") for form in FORMS]
TEX_SYNTAX = re.compile(r"[{}\\]")


@pytest.fixture(scope="module")
def corpus() -> Bibliography:
    bibliography = Bibliography([read_file(CORPUS / "types.bib"), read_file(CORPUS / "fields.bib")])
    assert bibliography.check(bibliography.keys()) == []
    return bibliography


def render(source: Source, lang: str, form: str) -> str:
    if form == "short":
        return short_reference(source, lang)
    if form == "bibliography":
        return bibliography_entry(source, lang)
    return full_reference(source, lang)


@pytest.mark.parametrize(("key", "lang", "form"), CASES, ids=["-".join(c) for c in CASES])
def test_exact_reference(corpus: Bibliography, key: str, lang: str, form: str) -> None:
    assert render(corpus[key], lang, form) == EXPECTED[key][lang][form]


@pytest.mark.parametrize(("key", "lang", "form"), CASES, ids=["-".join(c) for c in CASES])
def test_no_tex_syntax_reaches_the_text(key: str, lang: str, form: str) -> None:
    assert not TEX_SYNTAX.search(re.sub(r"<[^>]+>", "", EXPECTED[key][lang][form]))


def written_types() -> set[str]:
    """The types of the corpus's entries as read (so a type the parser misses is missed here)."""
    return {r.written_type.lower() for p in CORPUS.glob("*.bib") for r in read_file(p).records}


def test_the_corpus_holds_every_type_and_alias_of_the_data_model() -> None:
    found = model()
    assert {*found.types, *found.type_aliases, *found.data_only} <= written_types()


def test_every_type_has_a_template() -> None:
    style = BriefStyle("fr")
    for kind in model().types:
        assert callable(getattr(style, f"get_{template_of(kind)}_template")), kind


def test_an_unknown_type_is_shown_as_misc_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "t.bib"
    path.write_text("@webpage{k,\n  title = {T},\n  url = {https://example.org/},\n}\n")
    bibliography = Bibliography([read_file(path)])
    (problem,) = bibliography.check(["k"])
    assert problem.severity == "warning"
    assert problem.message.startswith("entry 'k' has unknown type @webpage: it is shown as @misc")
    assert full_reference(bibliography["k"], "en").startswith("“T”")


def corpus_fields() -> set[str]:
    names: set[str] = set()
    for path in CORPUS.glob("*.bib"):
        for record in read_file(path).records:
            names.update(record.fields)
    return names


def test_the_corpus_holds_every_field_of_the_data_model() -> None:
    assert set(model().kinds) - corpus_fields() == set()


def test_every_field_is_printed_ignored_or_read_for_something() -> None:
    found = model()
    assert set(found.ignored) & set(found.used) == set()
    assert set(found.ignored) | set(found.used) <= set(found.kinds)


def without(source: Source, name: str) -> Source:
    fields = {k: v for k, v in source.fields.items() if k != name}
    persons = {k: v for k, v in source.persons.items() if k != name}
    return dataclasses.replace(source, fields=fields, persons=persons)


def holders(corpus: Bibliography) -> dict[str, Source]:
    """For each field, an entry of the corpus that has it (made as cited)."""
    found: dict[str, Source] = {}
    for key in sorted(corpus.keys(), key=lambda k: not k.startswith("f-")):  # fields.bib first
        source = corpus[key]
        for name in [*source.fields, *source.persons]:
            found.setdefault(name, source)
    return found


PRINTED = sorted(set(model().kinds) - set(model().ignored) - set(model().used))


@pytest.mark.parametrize("name", PRINTED)
def test_a_printed_field_shows_in_the_reference(corpus: Bibliography, name: str) -> None:
    source = holders(corpus)[name]
    style = BriefStyle("en")
    shown = style.format(source).render_as("text")
    assert shown != style.format(without(source, name)).render_as("text"), name


@pytest.mark.parametrize("name", sorted(model().ignored))
def test_an_ignored_field_changes_nothing(corpus: Bibliography, name: str) -> None:
    source = holders(corpus).get(name)
    if source is None:
        pytest.skip(f"{name} is not kept once read (never printed)")
    style = BriefStyle("en")
    assert style.format(source).render_as("text") == style.format(without(source, name)).render_as(
        "text"
    )


def test_readme_lists_the_template_of_every_type() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `@(\w+)` \| `(\w+)` \|", readme, re.M))
    assert rows == {kind: template_of(kind) for kind in model().types}


def test_readme_lists_every_ignored_field() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(\w+)` \| (?:ignored|read)", readme, re.M))
    assert listed == set(model().ignored) | set(model().used)
