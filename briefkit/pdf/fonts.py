"""The PDF's fonts: found through the configuration, and checked against the text.

The plugin options ``pdf_font_dirs`` (folders, searched recursively; Debian's
font folders by default) and ``pdf_fonts`` (families, in order of preference)
name every font the PDF may use: Typst is given those folders and nothing
else, neither the system's fonts nor its own, so the user's home never changes
a PDF. Before typesetting, every character of the text is looked up in the
fonts' character maps (fontTools): a character no font draws would print as
an empty box, so it stops the export, naming the character and the page.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import typst
from fontTools.ttLib import TTCollection, TTFont

from briefkit.core.problems import Problem, line_of, relpath

FONT_SUFFIXES = (".otf", ".ttf", ".otc", ".ttc")
NOT_DRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})  # controls, format marks, separators


@dataclass(frozen=True)
class FontSettings:
    """Where the PDF's fonts are and which families it asks for."""

    dirs: tuple[Path, ...]
    families: tuple[str, ...]
    where: str = "mkdocs.yml"  # the configuration that names them, for messages

    @property
    def files(self) -> tuple[Path, ...]:
        return _font_files(self.dirs)


@cache
def _font_files(dirs: tuple[Path, ...]) -> tuple[Path, ...]:
    found = (p for d in dirs if d.is_dir() for p in sorted(d.rglob("*")))
    return tuple(p for p in found if p.suffix.lower() in FONT_SUFFIXES)


@cache
def typst_fonts(settings: FontSettings) -> typst.Fonts:
    """The fonts Typst may use: those of ``settings.dirs`` alone (read once per process)."""
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(d) for d in settings.dirs],
    )


def settings_problems(settings: FontSettings) -> list[Problem]:
    """A missing font folder, or a family no font in the folders provides."""
    problems = [
        Problem(
            settings.where,
            1,
            f"pdf_font_dirs names {d}, which does not exist: install its fonts "
            "(scripts/setup) or fix the folder",
        )
        for d in settings.dirs
        if not d.is_dir()
    ]
    known = set(typst_fonts(settings).families())
    problems += [
        Problem(
            settings.where,
            1,
            f"pdf_fonts names '{family}', which no font in pdf_font_dirs provides: "
            "install it (scripts/setup) or fix the name",
        )
        for family in settings.families
        if family not in known
    ]
    return problems


@cache
def _characters(path: Path) -> frozenset[int]:
    """The code points a font file draws (every face of a collection)."""
    quiet = logging.getLogger("fontTools")
    level, quiet.level = quiet.level, logging.ERROR  # its notes on odd tables are not ours
    opened: TTCollection | TTFont | None = None
    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            opened = TTCollection(str(path), lazy=True)
            fonts = list(opened.fonts)
        else:
            opened = TTFont(str(path), lazy=True)
            fonts = [opened]
        codes: set[int] = set()
        for font in fonts:
            # Code points are all we need: numbered glyph names spare decoding the
            # glyph names (the whole CFF table of an OpenType font).
            font.setGlyphOrder([f"g{n}" for n in range(font["maxp"].numGlyphs)])
            codes.update(font.getBestCmap() or {})
        return frozenset(codes)
    finally:
        quiet.level = level
        if opened is not None:
            opened.close()  # lazy fonts keep their file open until closed


def undrawn(chars: Iterable[str], settings: FontSettings) -> list[str]:
    """The characters of ``chars`` that no font of ``settings`` draws, in code point order."""
    wanted = {c for c in chars if unicodedata.category(c) not in NOT_DRAWN and c != " "}
    for path in settings.files:
        wanted = {c for c in wanted if ord(c) not in _characters(path)}
        if not wanted:
            break
    return sorted(wanted)


def glyph_problems(texts: dict[str, tuple[str, str]], settings: FontSettings) -> list[Problem]:
    """One problem per page whose printed text has characters no font draws.

    ``texts`` maps a page's path (for the message) to its printed text and its
    source (to find the line of the first character).
    """
    problems = []
    for where, (printed, source) in texts.items():
        missing = undrawn(set(printed), settings)
        if not missing:
            continue
        names = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in missing)
        at = min((source.find(c) for c in missing if c in source), default=-1)
        problems.append(
            Problem(
                relpath(where),
                line_of(source, at) if at >= 0 else 1,
                f"no PDF font has a glyph for {names}: add a font that covers "
                f"{'it' if len(missing) == 1 else 'them'} to pdf_fonts and pdf_font_dirs "
                f"in {settings.where}, or write the text differently",
            )
        )
    return problems
