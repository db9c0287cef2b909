"""The French edition holds every sentence of the source article, in order."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.pagetext import article_text, normalise

DATA = Path(__file__).resolve().parent / "data"
# Lone lines left by the web copy: lost images, pull quotes, a drop cap.
ARTIFACT_LINES = {"?", ";", ".", "V"}
FRENCH_PAGES = [
    "index.html",
    "vostotchny/index.html",
    "partenariat-inegal/index.html",
    "attendre-et-observer/index.html",
    "auteur/index.html",
]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ«(“])")


def source_paragraphs() -> list[str]:
    """The article's paragraphs: artifacts, bibliography and comment link removed."""
    kept = []
    for line in (DATA / "article-fr.txt").read_text(encoding="utf-8").splitlines():
        text = line.strip().rstrip("|").strip()
        if text and text not in ARTIFACT_LINES and text != "Laisser un commentaire":
            kept.append(text)
    start = kept.index("Bibliographie")
    end = next(i for i in range(start, len(kept)) if kept[i].startswith("(*)"))
    kept = kept[:start] + kept[end:]
    kept[0:2] = [f"{kept[0]} {kept[1]}"]  # the title is split over two lines
    return [apply_corrections(p) for p in kept]


def apply_corrections(text: str) -> str:
    for fix in yaml.safe_load((DATA / "corrections.yml").read_text(encoding="utf-8")):
        text = text.replace(fix["original"], fix["corrected"])
    return text


def sentences(paragraphs: list[str]) -> list[str]:
    return [normalise(s) for p in paragraphs for s in SENTENCE_END.split(p) if s.strip()]


def missing_in_order(wanted: list[str], text: str) -> list[str]:
    """Sentences of ``wanted`` not found in ``text`` after the previous one."""
    missing, position = [], 0
    for sentence in wanted:
        found = text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    return missing


@pytest.fixture(scope="module")
def french_text(site: Path) -> str:
    return " ".join(article_text(site / page) for page in FRENCH_PAGES)


def test_source_is_split_into_many_sentences() -> None:
    found = sentences(source_paragraphs())
    assert len(found) > 60
    assert found[0] == "De Pyongyang à Moscou, le rapprochement russo-nord-coréen"
    assert not any(s in ARTIFACT_LINES for s in found)


def test_every_sentence_is_published_in_order(french_text: str) -> None:
    assert missing_in_order(sentences(source_paragraphs()), french_text) == []


@pytest.mark.parametrize("mutation", ["drop", "alter"])
def test_checker_catches_a_dropped_or_altered_sentence(french_text: str, mutation: str) -> None:
    wanted = sentences(source_paragraphs())
    victim = wanted[40]
    broken = french_text.replace(victim, "" if mutation == "drop" else victim.replace("e", "é", 1))
    assert missing_in_order(wanted, broken) == [victim]


def test_copy_artifacts_are_not_published(french_text: str) -> None:
    assert "Laisser un commentaire" not in french_text
    assert " | " not in french_text and not french_text.endswith("|")
    assert "rédaction des sanctions" not in french_text


CORRECTIONS = yaml.safe_load((DATA / "corrections.yml").read_text(encoding="utf-8"))


class EditorNotes(HTMLParser):
    """The text of a built page's editors' notes (the list under « Notes de la rédaction »)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or "brief-editor-notes" in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


@pytest.mark.parametrize("fix", CORRECTIONS, ids=[fix["corrected"] for fix in CORRECTIONS])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_correction_is_flagged_by_an_editors_note(site: Path, fix: dict, lang: str) -> None:
    page = site / ("" if lang == "fr" else "en") / fix["page"] / "index.html"
    parser = EditorNotes()
    parser.feed(page.read_text(encoding="utf-8"))
    assert normalise(fix["note"][lang]) in normalise("".join(parser.parts))
