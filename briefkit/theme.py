"""What the generator's templates (``briefkit/templates``) need from an edition.

The plugin adds the templates to Material's theme and hands them the
edition's links to the other editions and the edition's words, so that no
template spells a language code, a path or a word of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefkit.editions import Edition, publication_of

THEME_DIR = Path(__file__).with_name("templates")


def alternates(config_file: Path, edition: Edition) -> list[dict[str, str]]:
    """Every edition as Material's ``extra.alternate`` (this one included, first kept first)."""
    return [
        {
            "name": other.words.language_name,
            "lang": other.lang,
            "link": edition.link_to(other),
            "site_url": other.site_url,
            "locale": other.words.locale,
        }
        for other in publication_of(edition).editions
    ]


def template_words(edition: Edition) -> dict[str, Any]:
    """The words and names the templates show, in the edition's language."""
    words = edition.words
    return {
        "lang": edition.lang,
        "locale": words.locale,
        "download_pdf": words.download_pdf,
        "pdf": edition.pdf_name,
    }
