"""The PDF's fonts: a face per script out of the box, checked against the text.

Without configuration the PDF uses the faces of ``fonts.yml``: Debian's
Linux Libertine for Latin, Greek and Cyrillic, and a Noto serif face for each
other script (Arabic, Hebrew, Devanagari, Thai, CJK…), the CJK family that
carries the language's glyph forms first (Japanese, Simplified or
Traditional Chinese, Korean: :meth:`FontSettings.for_lang`). The plugin
options ``pdf_font_dirs`` (folders, searched recursively) and ``pdf_fonts``
(families, in order of preference) replace them. Typst is given those fonts
and nothing else, neither the system's nor its own, so the user's home never
changes a PDF. Every character of the text is looked up in the fonts'
character maps (fontTools): a character no font draws would print as an
empty box, so the check names it where it is written (:mod:`briefkit.pdf.glyphs`).
"""

from __future__ import annotations

import logging
import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import typst
import yaml
from fontTools.ttLib import TTCollection, TTFont

from briefkit.core.problems import Problem, line_of, relpath

FONT_SUFFIXES = (".otf", ".ttf", ".otc", ".ttc")
FACES = Path(__file__).with_name("fonts.yml")
NOT_DRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})  # controls, format marks, separators


@dataclass(frozen=True)
class FontSettings:
    """Where the PDF's fonts are and which families it asks for."""

    dirs: tuple[Path, ...]
    families: tuple[str, ...]
    where: str = "mkdocs.yml"  # the configuration that names them, for messages
    only: tuple[Path, ...] = ()  # the faces' own files, when fonts.yml chose them

    @property
    def files(self) -> tuple[Path, ...]:
        return self.only or _font_files(self.dirs)

    def for_lang(self, lang: str) -> tuple[str, ...]:
        """The families for text in ``lang``: its CJK glyph forms before the others'."""
        wanted = cjk_family(lang)
        cjk = [f for f in self.families if f in _cjk_families()]
        if wanted not in cjk:
            return self.families
        first = self.families.index(cjk[0])
        rest = [f for f in self.families if f != wanted]
        return (*rest[:first], wanted, *rest[first:])


@cache
def _faces() -> dict[str, object]:
    data = yaml.safe_load(FACES.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@cache
def _cjk_families() -> frozenset[str]:
    return frozenset(str(v) for v in dict(_faces().get("cjk") or {}).values())


def cjk_family(lang: str) -> str:
    """The CJK family whose glyph forms ``lang`` wants ("" for no CJK language)."""
    table = {str(k): str(v) for k, v in dict(_faces().get("cjk") or {}).items()}
    tag = lang.replace("-", "_")
    parts = tag.split("_")
    for key in (tag, "_".join(parts[:2]), parts[0].lower()):
        if key in table:
            return table[key]
    return ""


def default_settings(lang: str, where: str) -> FontSettings:
    """The faces of ``fonts.yml`` installed here, the CJK forms of ``lang`` first.

    A face whose files are missing is left out (the glyph check then names any
    character only it would draw, and scripts/setup installs it).
    """
    families, files = [], []
    for face in _faces().get("faces") or []:  # type: ignore[attr-defined]
        pattern = Path(str(face["files"]))
        found = sorted(pattern.parent.glob(pattern.name)) if pattern.parent.is_dir() else []
        if found:
            families.append(str(face["family"]))
            files += [f for f in found if f not in files]
    dirs = tuple(dict.fromkeys(f.parent for f in files))
    settings = FontSettings(dirs, tuple(families), where, tuple(files))
    return FontSettings(dirs, settings.for_lang(lang), where, tuple(files))


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
            if (groups := _segmented_coverage(font.reader["cmap"])) is not None:
                codes.update(c for start, end in groups for c in range(start, end + 1))
                continue
            # Code points are all we need: numbered glyph names spare decoding the
            # glyph names (the whole CFF table of an OpenType font).
            font.setGlyphOrder([f"g{n}" for n in range(font["maxp"].numGlyphs)])
            codes.update(font.getBestCmap() or {})
        return frozenset(codes)
    finally:
        quiet.level = level
        if opened is not None:
            opened.close()  # lazy fonts keep their file open until closed


def _segmented_coverage(cmap: bytes) -> list[tuple[int, int]] | None:
    """The code point ranges of a cmap's Unicode format 12 subtable, if it has one.

    fontTools decodes such a table into one dictionary entry per character (a
    CJK face's 65,000 take a second); its groups alone say which characters are
    drawn, so they are read directly (OpenType spec, cmap format 12).
    """
    count = struct.unpack_from(">H", cmap, 2)[0]
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * index)
        if (platform, encoding) not in ((3, 10), (0, 4), (0, 6)):
            continue
        if struct.unpack_from(">H", cmap, offset)[0] != 12:
            continue
        groups = struct.unpack_from(">I", cmap, offset + 12)[0]
        ranges = []
        for group in range(groups):
            start, end, glyph = struct.unpack_from(">III", cmap, offset + 16 + 12 * group)
            start += 1 if glyph == 0 else 0  # glyph 0 is "no glyph"
            if start <= end:
                ranges.append((start, end))
        return ranges
    return None


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
