"""The brief's syntax read from source: what is prose, what is cited, at what cost."""

from __future__ import annotations

import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from briefkit.bib.reader import Bibliography
from briefkit.core.grammar import cited_keys, closing_bracket, editor_notes, mask_code
from briefkit.core.locate import Locator, locate
from briefkit.core.problems import collect
from briefkit.extensions import BriefExtensions
from briefkit.extensions.editor_notes import EditorNoteInlineProcessor
from tests.test_citations import MOR
from tests.test_citations import bib as bib


@pytest.mark.parametrize(
    ("markdown_text", "keys"),
    [
        ("Text [@a] and `[@b]`.", ("a",)),
        ("```\n[@a]\n```\nText [@b].", ("b",)),
        ("~~~\n[@a]\n~~~\nText [@b].", ("b",)),
        ("~~~~\n[@a]\n~~~\n[@c]\n~~~~\nText [@b].", ("b",)),  # closed by a fence as long
        ("```\n[@a]\n~~~\n[@c]\n", ()),  # another character does not close; open to the end
        ("---\ntitle: '[@a]'\n---\nText [@b].", ("b",)),  # front matter is not prose
        ("``code ` [@a]`` [@b]", ("b",)),  # a run closes on a run as long
        ("`` [@a] ` and [@b]", ("a", "b")),  # a run with no closer is literal
        ("`open\n\n[@a]` closed", ("a",)),  # a span never crosses a paragraph
        (r"\`[@a]` [@b]", ("a", "b")),  # an escaped backtick opens nothing
    ],
)
def test_cited_keys_skip_code_and_front_matter(markdown_text: str, keys: tuple[str, ...]) -> None:
    assert cited_keys(markdown_text) == keys


def test_the_mask_keeps_every_offset_and_line() -> None:
    text = "---\ntitle: x\n---\nA `b` c\n~~~\nd\n~~~\n"
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert masked.split("\n")[3] == "A     c"


def test_editor_notes_in_code_are_not_counted() -> None:
    assert editor_notes("a^[ed: x] `^[ed: y]`\n~~~\n^[ed: z]\n~~~\n") == 1


def test_locator_finds_each_occurrence_after_the_last() -> None:
    text = "[@a]\n`[@a]`\n[@a]\n[@b]\n"
    locator = Locator(text)
    assert [locator.line("[@a]"), locator.line("[@a]"), locator.line("[@b]")] == [1, 3, 4]
    assert locator.line("[@a]") == 1  # no third in the prose
    assert locate(text, "`[@a]`", code=True) == 2


def test_locator_finds_front_matter_fields_only_in_the_front_matter() -> None:
    text = "---\ntitle: x\nglossary:\n  term: y\n---\nglossary: not a field\n"
    assert Locator(text).field("glossary") == 3
    assert Locator(text).field("date") == 1


def test_closing_bracket_skips_escapes_and_nesting() -> None:
    assert closing_bracket(r"a [b] \] c] d", 0) == (10, 11)
    assert closing_bracket("a [b [c", 0)[0] == -1


def convert(text: str, bibliography: Bibliography) -> BriefExtensions:
    ext = BriefExtensions(bibliography=bibliography, lang="fr")
    ext.begin_page("page.md", text, "page.md")
    with collect():
        markdown.Markdown(extensions=[ext]).convert(text)
    return ext


class LinkScans:
    """Counts the characters Python-Markdown's link patterns read looking for ']'."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read = 0
        original = LinkInlineProcessor.getText

        def counted(processor: LinkInlineProcessor, data: str, index: int) -> tuple:
            found = original(processor, data, index)
            self.read += found[1] - index
            return found

        monkeypatch.setattr(LinkInlineProcessor, "getText", counted)


@pytest.mark.parametrize("count", [1_000, 4_000])
def test_unterminated_citations_are_read_in_linear_time(
    count: int, bib: Bibliography, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each unclosed bracket used to send the link patterns and the problem's
    # line search to the paragraph's end: a page of N cost N times its length.
    scans = LinkScans(monkeypatch)
    text = "Texte " + " ".join(f"[@{MOR}, p. {i}" for i in range(count)) + "\n"
    ext = convert(text, bib)
    state = ext.citations.state
    assert len(state.problems) == count
    assert scans.read <= 2 * len(text)
    assert state.locator.visited <= 2 * len(text)
    assert state.problems[-1].line == 1


@pytest.mark.parametrize("count", [1_000, 4_000])
def test_unterminated_editor_notes_are_read_in_linear_time(
    count: int, bib: Bibliography, monkeypatch: pytest.MonkeyPatch
) -> None:
    visited: list[int] = []
    original = EditorNoteInlineProcessor.handleMatch

    def counted(processor: EditorNoteInlineProcessor, m: object, data: str) -> object:
        found = original(processor, m, data)  # type: ignore[arg-type]
        visited.append(processor.visited)
        return found

    monkeypatch.setattr(EditorNoteInlineProcessor, "handleMatch", counted)
    scans = LinkScans(monkeypatch)
    text = "Texte\n" + " ".join(f"^[ed: note {i} [@{MOR}]" for i in range(count)) + "\n"
    ext = convert(text, bib)
    notes = next(p for p in ext.parts if type(p).__name__ == "EditorNoteExtension")
    assert visited and max(visited) <= 10 * len(text)
    assert scans.read <= 2 * len(text)
    assert notes.context.locator.visited <= 2 * len(text)
