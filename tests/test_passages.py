"""Passage anchors: the same ``p-N`` for the same passage in every edition."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from tests.conftest import ROOT

SOURCE = """# Title

First paragraph.

- a list
- counts once

<div class="wrapper" markdown>

Inside a wrapper.

[CITE]

</div>

<figure markdown id="map">
![x](x.svg)
</figure>

Last.
"""


def test_every_block_is_numbered_in_reading_order() -> None:
    html = markdown.Markdown(
        extensions=["md_in_html", "attr_list", "briefkit.extensions.passages"]
    ).convert(SOURCE)
    ids = re.findall(r'<(\w+)[^>]* id="([^"]+)"', html)
    assert ids == [("p", "p-1"), ("ul", "p-2"), ("p", "p-3"), ("figure", "map"), ("p", "p-5")]
    assert "<p>[CITE]</p>" in html  # a marker is replaced later, never numbered


PAGES = sorted(p.relative_to(ROOT / "docs" / "fr") for p in (ROOT / "docs" / "fr").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_both_editions_have_the_same_passages(site: Path, page: Path) -> None:
    folder = page.parent / ("" if page.stem == "index" else page.stem)

    def passages(root: Path) -> list[str]:
        html = (root / folder / "index.html").read_text(encoding="utf-8")
        return re.findall(r'id="(p-\d+)"', html)

    french, english = passages(site), passages(site / "en")
    assert french == english and len(french) >= 1
