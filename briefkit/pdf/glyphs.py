"""Characters no PDF font draws, found by the check where they are written.

Before anything is built, every character an edition's PDF may print is
looked up in its fonts (:mod:`briefkit.pdf.fonts`): the pages' text, line by
line, the fields of the ``.bib`` entries its pages cite or its bibliography
lists, entry by entry, and the generator's own words in the edition's
language. Each problem names the file and line (the entry's first line and
field for a source), the characters, and what to do. The export checks the
printed text again, as a last guard.
"""

from __future__ import annotations

import unicodedata

from briefkit.assembly.assemble import AssembledEdition
from briefkit.bib.model import Source
from briefkit.core.grammar import cited_keys
from briefkit.core.problems import Problem, relpath
from briefkit.pdf.fonts import FontSettings, undrawn
from briefkit.pdf.typst_document import font_settings

PDF_EXTENSION_OPTION = "nocite"


def _names(chars: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in chars)


def _fix(settings: FontSettings, many: bool) -> str:
    return (
        f"no PDF font has a glyph for {'them' if many else 'it'}: add a font that covers "
        f"{'them' if many else 'it'} to pdf_fonts and pdf_font_dirs in {settings.where}, "
        "or write the text differently"
    )


def page_glyph_problems(assembled: AssembledEdition, settings: FontSettings) -> list[Problem]:
    """One problem per page line holding characters no font draws."""
    problems = []
    for page in assembled.pages.values():
        if not undrawn(set(page.text), settings):
            continue
        for number, line in enumerate(page.text.splitlines(), 1):
            missing = undrawn(set(line), settings)
            if missing:
                message = f"{_names(missing)}: {_fix(settings, len(missing) > 1)}"
                problems.append(Problem(page.where, number, message))
    return problems


def printed_sources(assembled: AssembledEdition) -> list[Source]:
    """The entries the edition prints: those its pages cite, and ``nocite`` ones."""
    keys: set[str] = set()
    for page in assembled.pages.values():
        keys |= set(cited_keys(page.text))
    nocite = assembled.options.get(PDF_EXTENSION_OPTION) or []
    everything = "*" in nocite
    keys |= {str(key) for key in nocite}
    sources = assembled.bibliography.sources
    return [s for k, s in sources.items() if everything or k in keys]


def source_glyph_problems(assembled: AssembledEdition, settings: FontSettings) -> list[Problem]:
    """One problem per printed entry field holding characters no font draws."""
    problems = []
    for source in printed_sources(assembled):
        for name, text in source.fields.items():
            missing = undrawn(set(text), settings)
            if missing:
                message = (
                    f"entry '{source.key}', field '{name}': {_names(missing)}: "
                    f"{_fix(settings, len(missing) > 1)}"
                )
                problems.append(Problem(relpath(source.path), source.line, message))
    return problems


def word_glyph_problems(assembled: AssembledEdition, settings: FontSettings) -> list[Problem]:
    """The generator's words in the edition's language that no font draws."""
    words = assembled.edition.words
    texts = [v for v in vars(words).values() if isinstance(v, str)]
    missing = undrawn(set("".join(texts) + "".join(words.months)), settings)
    if not missing:
        return []
    message = f"the words of language '{words.code}' hold {_names(missing)}: "
    return [Problem(settings.where, 1, message + _fix(settings, len(missing) > 1))]


def glyph_check(assembled: list[AssembledEdition]) -> list[Problem]:
    """Every character the PDFs would print that no font of its edition draws."""
    problems = []
    for edition in assembled:
        settings = font_settings(edition)
        problems += page_glyph_problems(edition, settings)
        problems += source_glyph_problems(edition, settings)
        problems += word_glyph_problems(edition, settings)
    return problems
