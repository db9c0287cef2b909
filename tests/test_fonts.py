"""The PDF's fonts: only the configured ones, and every printed character drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.core.editions import load_publication
from briefkit.core.problems import BuildFailed
from briefkit.pdf.export import export_pdfs
from briefkit.pdf.fonts import FontSettings, glyph_problems, settings_problems, undrawn

LIBERTINE = Path("/usr/share/fonts/opentype/linux-libertine")
LEXI = Path("/usr/share/fonts/truetype/lexi")
BOTH = FontSettings((LIBERTINE, LEXI), ("Linux Libertine O", "LexiSaebomR"), "mkdocs.yml")


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Vostotchny « Quad » – 1er, 6 900 km", []),
        ("화성포-18형 초대형 방사포", []),
        ("ሰላም and 😀", ["ሰ", "ላ", "ም", "😀"]),
        ("tab\tnew\nline\u200b\u00ad", []),  # white space and invisible marks are not drawn
    ],
)
def test_undrawn_characters(text: str, missing: list[str]) -> None:
    assert undrawn(text, BOTH) == sorted(missing)


def test_hangul_needs_the_fallback_font() -> None:
    alone = FontSettings((LIBERTINE,), ("Linux Libertine O",))
    assert undrawn("화성", alone) == ["성", "화"]


def test_a_glyph_problem_names_the_characters_the_page_and_the_line() -> None:
    source = "---\ntitle: x\n---\n\nPremière ligne.\nEn amharique : ሰላም.\n"
    [problem] = glyph_problems({"docs/fr/page.md": ("Première ligne. ሰላም.", source)}, BOTH)
    assert (problem.path, problem.line) == ("docs/fr/page.md", 6)
    assert "'ሰ' (U+1230 ETHIOPIC SYLLABLE SA)" in problem.message
    assert "add a font that covers them to pdf_fonts and pdf_font_dirs in mkdocs.yml" in (
        problem.message
    )


def test_missing_font_folders_and_families_are_problems(tmp_path: Path) -> None:
    settings = FontSettings((LIBERTINE, tmp_path / "nowhere"), ("Linux Libertine O", "Nope"))
    messages = [p.message for p in settings_problems(settings)]
    assert any("nowhere, which does not exist" in m for m in messages)
    assert any("'Nope', which no font in pdf_font_dirs provides" in m for m in messages)


def test_the_export_stops_on_a_character_no_font_draws(brief_copy: Path, tmp_path: Path) -> None:
    page = brief_copy / "docs" / "en" / "auteur.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nIn Amharic: ሰላም.\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        export_pdfs(load_publication(brief_copy), tmp_path / "site")
    message = str(failure.value)
    assert "auteur.md" in message and "U+1230 ETHIOPIC SYLLABLE SA" in message
    assert not (tmp_path / "site" / "en" / "brief-en.pdf").exists()
