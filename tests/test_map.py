"""The route map of the Vostochny chapter: its data file and the SVG files drawn from it.

``docs/figures/route-map.yml`` holds the places, their sources and every word of
the map per language; ``scripts/make_map.py`` draws one SVG per language there.
The committed SVG files are checked against the data, and redrawn: the map's
packages (``requirements-map.txt``) are installed by ``bash scripts/setup``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import yaml

from briefkit.extensions.figures import dark_variant

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_map.py"
DATA: dict[str, Any] = yaml.safe_load(
    (ROOT / "docs" / "figures" / "route-map.yml").read_text(encoding="utf-8")
)
LANGS = list(DATA["languages"])
SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 150 * 1024


def svg_path(lang: str) -> Path:
    return ROOT / DATA["output"].format(lang=lang)


def parse(lang: str) -> ET.Element:
    return ET.parse(svg_path(lang)).getroot()


def label_texts(root: ET.Element) -> set[str]:
    """The text content of every <text> element, whitespace collapsed."""
    return {" ".join("".join(el.itertext()).split()) for el in root.iter(f"{SVG}text")}


def all_text(root: ET.Element) -> str:
    """Everything a reader or a screen reader gets: labels, title, description."""
    return " ".join(" ".join(root.itertext()).split())


def names(lang: str) -> dict[str, str]:
    return DATA["languages"][lang]["names"]


def bib_keys() -> set[str]:
    keys = set()
    for path in sorted((ROOT / "bib").glob("*.bib")):
        keys |= {entry.key for entry in bibtexparser.parse_file(str(path)).entries}
    return keys


# --- The data file --------------------------------------------------------------------


def test_the_map_is_drawn_in_the_briefs_languages() -> None:
    assert LANGS == ["fr", "en"]


@pytest.mark.parametrize("key", list(DATA["places"]))
def test_every_place_has_a_source_in_bib(key: str) -> None:
    place = DATA["places"][key]
    assert place["source"] in bib_keys(), (
        f"docs/figures/route-map.yml: place {key!r} cites {place['source']!r}, "
        "which no bib/*.bib entry has: add the entry or fix the key"
    )
    assert place["as_read"].strip(), f"place {key!r}: write the coordinates as the source does"
    assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180


def test_every_language_has_the_same_names_and_words() -> None:
    first, *others = DATA["languages"].values()
    for other in others:
        assert set(other["names"]) == set(first["names"])
        assert set(other["words"]) == set(first["words"])
    assert set(first["names"]) <= set(DATA["places"]), "a name for a place the data lacks"


# --- The SVG files --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_map_is_light_accessible_svg(lang: str) -> None:
    path = svg_path(lang)
    assert path.is_file(), f"{path} is missing: run .venv/bin/python scripts/make_map.py"
    assert path.stat().st_size < MAX_BYTES, f"{path} is {path.stat().st_size} bytes"
    root = parse(lang)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == lang
    # Width and height let a phone reserve the space before the file arrives.
    assert (root.get("width"), root.get("height")) == ("800", "814")
    assert root.get("viewBox") == "0 0 800 814"
    for tag in ("title", "desc"):
        element = root.find(f"{SVG}{tag}")
        assert element is not None and (element.text or "").strip(), f"no <{tag}> in {path}"


@pytest.mark.parametrize("lang", LANGS)
def test_map_labels_in_the_page_language(lang: str) -> None:
    root = parse(lang)
    texts = label_texts(root)
    missing = [name for name in names(lang).values() if name not in texts]
    assert not missing, f"labels missing from the {lang} map: {missing}"
    words = all_text(root)
    for other in (other for other in LANGS if other != lang):
        for name in set(names(other).values()) - set(names(lang).values()):
            pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
            assert not re.search(pattern, words), f"{name!r} ({other}) in the {lang} map"


# Spellings the author does not use (issue 19): the map and its caption follow the text.
NOT_THE_AUTHORS = {"fr": ("Khassan", "Dounaï")}


@pytest.mark.parametrize("lang", LANGS)
def test_map_and_caption_follow_the_authors_spellings(lang: str) -> None:
    page = (ROOT / "docs" / lang / "vostotchny.md").read_text(encoding="utf-8")
    for spelling in NOT_THE_AUTHORS.get(lang, ()):
        assert spelling not in all_text(parse(lang)), f"{spelling!r} in the {lang} map"
        assert spelling not in page, f"{spelling!r} in docs/{lang}/vostotchny.md"
    assert "Khasan" in names("fr").values() and "Dunai" in names("fr").values()


def raw_texts(lang: str) -> set[str]:
    """<text> contents as written (str.split() would take U+202F for a space)."""
    return {"".join(el.itertext()) for el in parse(lang).iter(f"{SVG}text")}


@pytest.mark.parametrize("lang", LANGS)
def test_scale_bars_use_the_editions_number_format(lang: str) -> None:
    words = DATA["languages"][lang]
    grouped = [f"{km:,}".replace(",", words["thousands_separator"]) for km in (2000, 200, 50)]
    want = {words["words"]["scale"].format(km=km) for km in grouped}
    assert {t for t in raw_texts(lang) if re.fullmatch(r"[\d,\u202f]+ km", t)} == want


def test_numbers_as_the_brief_writes_them() -> None:
    # The English text writes "1,000"; the French "1 000" with a narrow no-break space.
    assert "2,000 km" in raw_texts("en")
    assert "2\u202f000 km" in raw_texts("fr")
    assert "≈ 6\u202f900 km à vol d’oiseau" in raw_texts("fr")


def test_every_language_shares_the_geometry() -> None:
    def shapes(lang: str) -> list[tuple[str, ...]]:
        root = parse(lang)
        paths = [("path", el.get("d", "")) for el in root.iter(f"{SVG}path")]
        dots = [("circle", el.get("cx", ""), el.get("cy", "")) for el in root.iter(f"{SVG}circle")]
        return paths + dots

    first, *others = LANGS
    for other in others:
        assert shapes(other) == shapes(first)


def test_regenerating_gives_identical_files(tmp_path: Path) -> None:
    # No skip: bash scripts/setup installs the map's packages, here and in CI.
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True)
    for lang in LANGS:
        for variant in (svg_path(lang), dark_variant(svg_path(lang))):
            fresh = tmp_path / variant.relative_to(ROOT)
            assert fresh.read_bytes() == variant.read_bytes(), (
                f"{variant.relative_to(ROOT)} is not what scripts/make_map.py draws: "
                "run .venv/bin/python scripts/make_map.py and commit the result"
            )


@pytest.mark.parametrize("lang", LANGS)
def test_the_dark_variant_is_the_same_map_in_dark_colours(lang: str) -> None:
    light = svg_path(lang).read_text(encoding="utf-8")
    dark = dark_variant(svg_path(lang)).read_text(encoding="utf-8")
    colour = re.compile(r'(?:fill|stroke)="#[0-9A-Fa-f]{6}"')
    assert colour.sub("", light) == colour.sub("", dark)  # same shapes, words and order
    assert 'fill="#FFFFFF"' in light and 'fill="#FFFFFF"' not in dark  # a dark ground
