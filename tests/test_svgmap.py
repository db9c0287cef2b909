"""briefkit.maps.svgmap: a map figure's data file, projection, geodesics and lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.maps import svgmap

ROOT = Path(__file__).resolve().parent.parent
DATA = """\
output: out/{lang}/map.svg
places:
  a: {lat: 45.0, lon: 40.0, source: k1, as_read: "45°N 40°E"}
aids:
  bend: {lat: 46.0, lon: 41.0}
languages:
  de:
    thousands_separator: "."
    names: {a: Ahausen}
    words: {scale: "{km} km", title: Karte}
  en:
    thousands_separator: ","
    names: {a: Aton}
    words: {scale: "{km} km", title: Map}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_languages_are_the_data_files(tmp_path: Path) -> None:
    data = svgmap.load_map_data(write(tmp_path, DATA))
    assert [lang.key for lang in data.languages] == ["de", "en"]
    assert data.point("a") == (40.0, 45.0) and data.point("bend") == (41.0, 46.0)
    assert data.sources == {"a": "k1"}
    de, en = data.languages
    assert de.word("scale", km=12000) == "12.000 km"
    assert en.word("scale", km=12000) == "12,000 km"
    with pytest.raises(SystemExit, match="no word 'legend' in language 'de'"):
        de.word("legend")


def test_a_language_missing_a_word_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, DATA.replace('words: {scale: "{km} km", title: Map}', "words: {}"))
    with pytest.raises(SystemExit, match=r"'de' and 'en' differ in words \['scale', 'title'\]"):
        svgmap.load_map_data(path)


def test_one_file_per_language(tmp_path: Path) -> None:
    data = svgmap.load_map_data(write(tmp_path, DATA))
    written = svgmap.write_languages(tmp_path, data, lambda lang: lang.word("title"))
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "out/de/map.svg",
        "out/en/map.svg",
    ]
    assert written[0].read_text(encoding="utf-8") == "Karte"


def test_geodesic_distance_and_points() -> None:
    dunai, tikhoretsk = (132.3375, 42.88028), (40.11667, 45.85)
    assert svgmap.geodesic_km(dunai, tikhoretsk) == pytest.approx(6900, abs=50)
    points = svgmap.geodesic_points(dunai, tikhoretsk, steps=8)
    assert len(points) == 9 and points[0] == dunai and points[-1] == tikhoretsk
    assert max(lat for _, lat in points) > 50  # the geodesic bends north of both ends


def test_projection_fits_the_extent_in_the_box() -> None:
    box, extent = (8, 8, 316, 528), (123.6, 137.2, 38.6, 53.4)
    proj = svgmap.Projection(extent, box)
    corners = proj.outline(extent)
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    assert min(xs) >= 8 - 1e-6 and max(xs) <= 324 + 1e-6
    assert min(ys) >= 8 - 1e-6 and max(ys) <= 536 + 1e-6
    assert max(xs) - min(xs) == pytest.approx(316) or max(ys) - min(ys) == pytest.approx(528)
    west, east = proj(124, 46), proj(136, 46)
    assert west[0] < east[0]
    assert proj(130, 40)[1] > proj(130, 52)[1]  # north is up
    assert proj.units_per_km(130, 46) > 0


def test_clip_keeps_the_runs_inside_in_order() -> None:
    runs = svgmap.clip_line([(-5, 5), (5, 5), (15, 5), (15, 15), (5, 15), (-5, 15)], (0, 0, 10, 20))
    assert runs == [[(0, 5), (5, 5), (10, 5)], [(10, 15), (5, 15), (0, 15)]]


def test_offset_goes_to_the_left_of_the_line() -> None:
    assert svgmap.offset_line([(0, 0), (10, 0)], 2) == [(0, 2), (10, 2)]
    assert svgmap.offset_line([(0, 0), (10, 0)], 0) == [(0, 0), (10, 0)]


def test_base_map_reads_the_gshhg_data() -> None:
    shapes = svgmap.read_shapes("gshhs", "c", (40.0, 50.0))
    assert shapes and {shape.level for shape in shapes} <= {1, 2, 3, 4}
    proj = svgmap.Projection((34.4, 45.8, 43.3, 49.4), (0, 0, 320, 246))
    style = svgmap.BaseStyle("#F00", "#00F", "#0F0", "#000")
    elements = svgmap.base_map((34.4, 45.8, 43.3, 49.4), (0, 0, 320, 246), proj,
                               svgmap.BaseMap("c", 3000.0, 0.5), style)  # fmt: skip
    assert elements[0].startswith("<rect") and any('fill="#F00"' in e for e in elements)
