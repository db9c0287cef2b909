"""Reading built pages as a reader sees them, for content assertions."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# Inside the article, these are not the author's text: note calls, the notes
# themselves (checked separately) and permalink anchors.
SKIPPED_CLASSES = {"footnote", "headerlink", "footnote-ref"}
VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "source"}


class ArticleText(HTMLParser):
    """Collects the text of ``<article>`` without notes and permalinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_article = 0
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        ident = dict(attrs).get("id") or ""
        if tag == "article":
            self.in_article += 1
        if self.skip_depth or classes & SKIPPED_CLASSES or ident.startswith(("fnref:", "edref:")):
            self.skip_depth += 1
        if tag in {"p", "h1", "h2", "h3", "li", "div"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.skip_depth:
            self.skip_depth -= 1
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skip_depth:
            self.parts.append(data)


def normalise(text: str) -> str:
    """Collapse all white space (including no-break spaces) to single spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def article_text(html_file: Path) -> str:
    """The author's text of one built page, normalised."""
    parser = ArticleText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return normalise("".join(parser.parts))
