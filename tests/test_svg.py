"""briefkit.maps.svg: deterministic SVG writing for figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from briefkit.maps import svg


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.0, "1"), (1.25, "1.2"), (-0.04, "0"), (12.36, "12.4"), (-3.0, "-3"), (0.0, "0")],
)
def test_numbers_keep_one_decimal_and_no_useless_zero(value: float, text: str) -> None:
    assert svg.num(value) == text


def test_attributes_in_order_with_dashes_and_escaped_quotes() -> None:
    got = svg.attrs(stroke_width=1.0, font_family="'A' \"B\"", class_="x")
    assert got == 'stroke-width="1" font-family="\'A\' &quot;B&quot;" class="x"'


@pytest.mark.parametrize(
    ("lines", "closed", "d"),
    [
        ([[(0, 0), (1.04, 0), (1, 0), (2, 2)]], False, "M0 0L1 0L2 2"),  # rounded duplicates go
        ([[(0, 0), (2, 0), (2, 2), (0, 0)]], True, "M0 0L2 0L2 2Z"),  # Z closes the ring
        ([[(0, 0), (0.01, 0.01)], [(5, 5), (6, 6)]], False, "M5 5L6 6"),  # a dot rounds away
    ],
)
def test_path_data_rounds_and_drops_what_rounds_away(
    lines: list[list[svg.Point]], closed: bool, d: str
) -> None:
    assert svg.path_data(lines, closed) == d


def test_a_path_that_rounds_away_writes_nothing() -> None:
    assert svg.path([[(0, 0), (0.01, 0)]], False, fill="none") == ""


def test_text_has_a_halo_copy_underneath_and_a_second_line() -> None:
    got = svg.text(10, 20, svg.wrapped("Vostochny Cosmodrome"), 14.0, fill="#222222")
    root = ET.fromstring(f'<g xmlns="http://www.w3.org/2000/svg">{got}</g>')
    halo, label = list(root)
    assert halo.get("stroke") == "#FFFFFF" and label.get("stroke") is None
    assert "".join(label.itertext()) == "Vostochny Cosmodrome"  # one phrase for readers
    assert label[0].get("dy") == "16.1"


def test_wrapped_breaks_at_the_space_nearest_the_middle() -> None:
    assert svg.wrapped("Cosmodrome de Vostotchny") == "Cosmodrome de\nVostotchny"
    assert svg.wrapped("Tikhoretsk") == "Tikhoretsk"


def test_lengthen_moves_the_last_point_along_the_last_segment() -> None:
    assert svg.lengthen([(0, 0), (0, 10), (10, 10)], 5) == [(0, 0), (0, 10), (15, 10)]
    assert svg.lengthen([(0, 0), (10, 0)], -4) == [(0, 0), (6, 0)]
    assert svg.lengthen([(0, 0), (10, 0)], -20) == [(0, 0), (10, 0)]  # never turns back


def test_document_has_size_viewbox_title_and_description() -> None:
    text = svg.document("map", (800, 600), "fr", "Titre & co", "Description", ["<g/>"])
    root = ET.fromstring(text)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "800",
        "600",
        "0 0 800 600",
    )
    assert root.get("lang") == "fr" and root.get("aria-labelledby") == "map-title map-desc"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Titre & co"
    assert text.endswith("</svg>\n")
