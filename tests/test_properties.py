"""Property-based tests: the citation and glossary processors on arbitrary text."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.bib.reader import load_or_raise
from briefkit.content.glossary_terms import Glossary, Term
from briefkit.extensions import BriefExtensions
from tests.conftest import ROOT

BIB = load_or_raise(ROOT / "bib")
KEYS = BIB.keys()[:5]
TERMS = [
    Term(
        "Quad",
        ("Quad",),
        ("Quad",),
        'Dialogue <b>informel</b> & "quadrilatéral".',
        "glossaire/quad.md",
        "x",
        1,
    ),
    Term("KN-25", ("KN-25",), ("KN-25",), "Lance-roquettes.", "glossaire/kn-25.md", "x", 1),
    Term(
        "Hwasong-18",
        ("Hwasong-18",),
        ("Hwasong-18", "Hwasong"),
        "Missile.",
        "glossaire/hwasong-18.md",
        "x",
        1,
    ),
]
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
# Prose made of the characters that matter to the processors (no raw HTML: Markdown
# passes raw HTML through by design, so it is not what these properties are about).
PIECES = [
    *"ab é@[];,.:-_*`\\\n",
    "Quad",
    "KN-25",
    "Hwasong-18",
    "Hwasong",
    " p. 3",
    *(f"@{k}" for k in KEYS),
]
PROSE = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
HOSTILE = st.lists(
    st.sampled_from(
        [*"<>&\"'/= abcdefgé", "<script>", "</p>", "<img src=x onerror=alert(1)>", "&amp;"]
    ),
    min_size=1,
    max_size=12,
).map("".join)


class Balance(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def balanced(html: str) -> bool:
    parser = Balance()
    parser.feed(html)
    parser.close()
    return parser.ok and not parser.stack


def convert(text: str) -> str:
    brief = BriefExtensions(bibliography=BIB, glossary=Glossary(list(TERMS)), lang="fr")
    brief.begin_page("docs/fr/p.md", text, "p.md")
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", brief])
    return md.convert(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROSE)
def test_any_prose_converts_to_balanced_html(text: str) -> None:
    assert balanced(convert(text))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(KEYS), HOSTILE, HOSTILE)
def test_prefix_and_locator_are_never_markup(key: str, prefix: str, locator: str) -> None:
    prefix, locator = (re.sub(r"[\[\];@`\\]", "", s) or "x" for s in (prefix, locator))
    html = convert(f"Texte [{prefix} @{key}, {locator}].")
    notes = html[html.index('<div class="footnote">') :]
    assert (
        "<script" not in notes
        and "<img" not in notes
        and "onerror=alert" not in notes.replace("onerror=alert(1)&gt;", "")
    )
    assert balanced(html)


@settings(max_examples=200, deadline=None)
@given(PROSE)
def test_each_term_is_linked_at_most_once_and_its_definition_escaped(text: str) -> None:
    html = convert(text)
    for term in TERMS:
        assert html.count(f'href="{Path(term.page).as_posix()}"') <= 1
    if 'href="glossaire/quad.md"' in html:  # the definition is escaped, never markup
        # Escaped for Material's tooltip, which reads the title as HTML (see glossary.py).
        assert (
            'title="Dialogue &amp;lt;b&amp;gt;informel&amp;lt;/b&amp;gt; '
            '&amp;amp; &quot;quadrilatéral&quot;."'
        ) in html


# Plain words and the terms, no Markdown syntax: what the page shows must be what was written.
PLAIN = st.lists(
    st.sampled_from([*"ab é,.", " ", "Quad", "KN-25", "Hwasong-18", "Hwasong", "Quadrille"]),
    max_size=60,
).map("".join)


def shown_text(html: str) -> str:
    body = html.split('<div class="footnote">')[0]
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", body)).replace("\u202f", " ")
    return " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(PLAIN)
def test_linking_terms_keeps_every_word_as_written(text: str) -> None:
    html = convert(text)
    assert shown_text(html) == " ".join(text.replace("\u202f", " ").split())
    linked = re.findall(r'<a [^>]*class="brief-term"[^>]*>([^<]*)</a>', html)
    assert len(linked) == len(set(linked))  # each term once
    assert all(word in {"Quad", "KN-25", "Hwasong-18", "Hwasong"} for word in linked)
