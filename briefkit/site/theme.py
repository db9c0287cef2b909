"""What the generator's templates (``briefkit/site/templates``) need from an edition.

The plugin adds the templates to Material's theme and hands them the
edition's links to the other editions and the edition's words, so that no
template spells a language code, a path or a word of its own.

Material's language selector fetches ``sitemap.xml`` beside every
``<link rel="alternate">`` of a page, that is in the page's own folder in each
edition; :func:`folder_sitemaps` writes those files (each lists its folder's
pages with their other-language versions), so the reader's browser gets no 404.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from briefkit.core import cldr, theme_words
from briefkit.core.data_words import script
from briefkit.core.editions import Edition, publication_of

THEME_DIR = Path(__file__).with_name("templates")
# Material's interface words for the languages it has no translation of
THEME_LANGUAGES = Path(__file__).with_name("theme_languages.yml")
UNSPACED_SCRIPTS = {"Hans", "Hant", "Hani", "Jpan", "Thai", "Laoo", "Khmr", "Mymr"}


def alternates(config_file: Path, edition: Edition) -> list[dict[str, str]]:
    """Every edition as Material's ``extra.alternate`` (this one included, first kept first)."""
    return [
        {
            "name": other.words.language_name,
            "lang": other.tag,
            "link": edition.link_to(other),
            "site_url": other.site_url,
            "locale": other.words.locale,
            "dir": other.words.direction,
        }
        for other in publication_of(edition).editions
    ]


@cache
def _theme_languages() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(THEME_LANGUAGES.read_text(encoding="utf-8")) or {}
    return {str(code): {str(k): str(v) for k, v in words.items()} for code, words in data.items()}


def theme_translation(lang: str, direction: str) -> tuple[str, dict[str, str]]:
    """Material's translation file for ``lang`` and, when it has none, briefkit's words.

    Brazilian Portuguese: Material's ``pt-BR`` file, no words of briefkit's; Khmer,
    which Material does not translate (its ``partials/language.html`` would fail):
    Material's English file under briefkit's Khmer words; Dutch: Material's
    ``nl`` file, and briefkit's word for the one key it leaves in English.
    """
    name = theme_words.file_name(lang)
    ours, tag = _theme_languages(), lang.replace("-", "_")
    base = tag.split("_")[0]
    words = ours.get(tag) or (ours.get(base, {}) if cldr.same_script(base, tag) else {})
    # <html lang> is the edition's tag (Material's pt-BR file says "pt")
    own = {**words, "language": lang.replace("_", "-")}
    if theme_words.has_file(name):
        return name, own  # and the words Material's file leaves in English, if any
    return theme_words.REFERENCE, {**own, "direction": direction}


def template_words(edition: Edition) -> dict[str, Any]:
    """The words and names the templates show, in the edition's language."""
    words = edition.words
    theme_file, own_theme_words = theme_translation(edition.lang, words.direction)
    note = "{}{{n}}{}".format(*words.numbered(words.note, "{n}"))  # "note {n}", "{n}. jegyzet"
    return {
        "theme_file": theme_file,
        "theme_words": own_theme_words,
        "lang": edition.tag,
        "dir": words.direction,
        "locale": words.locale,
        "download_pdf": words.download_pdf,
        "not_found": words.not_found,
        "pdf": edition.pdf_name,
        "search_placeholder": words.search_placeholder,
        "search_open": words.search_open,
        "search_close": words.search_close,
        # What the search script shows, handed over as JSON.
        "search_words": {
            "none": words.search_none,
            "one": words.search_one,
            "many": words.search_many,
            "note": note[:1].upper() + note[1:],
            # Written without spaces between words: results show text around the match.
            "unspaced": script(edition.lang) in UNSPACED_SCRIPTS,
        },
    }


def palette_words(palette: Any, edition: Edition) -> None:
    """Name each toggle of Material's palette in the edition's words, where the config does not.

    A toggle says what it does: the light scheme's switches to dark, the dark one's to light.
    """
    words = edition.words
    for option in palette if isinstance(palette, list) else []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and not toggle.get("name"):
            dark = option.get("scheme") == "slate"
            toggle["name"] = words.scheme_to_light if dark else words.scheme_to_dark


def storage_scope(edition: Edition) -> str:
    """Where Material keeps the reader's choices: the root edition's path, shared by all."""
    return urlsplit(publication_of(edition).site_url).path or "/"


def folder_sitemaps(urls: list[str], editions: list[dict[str, str]], own: str) -> dict[str, str]:
    """``{folder: sitemap.xml text}`` for every folder holding a page but the edition's root.

    ``urls`` are the edition's page URLs (``vostotchny/``), ``own`` its site URL.
    """
    folders: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        folder = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
        if folder not in ("", "/"):
            folders[folder].append(url)
    return {folder: _sitemap(pages, editions, own) for folder, pages in folders.items()}


def _sitemap(pages: list[str], editions: list[dict[str, str]], own: str) -> str:
    entries = []
    for url in pages:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{html.escape(e["lang"])}" '
            f'href="{html.escape(e["site_url"] + url)}"/>'
            for e in editions
            if len(editions) > 1
        )
        entries.append(f"<url><loc>{html.escape(own + url)}</loc>{links}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">' + "".join(entries) + "</urlset>\n"
    )


# Material's checkbox toggles carry autocomplete="off", which HTML allows on
# text-like inputs only (the Nu checker's error); it kept Firefox from
# restoring an open drawer on "back", which the site's script now prevents.
MATERIAL_TOGGLES = (
    ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
    ('id="__search" autocomplete="off">', 'id="__search">'),
)


HTML_TAG = re.compile(r"<html\b[^>]*>")


def with_direction(output: str, direction: str) -> str:
    """The page with ``dir`` on ``<html>`` (Material sets it on ``<body>`` only)."""
    match = HTML_TAG.search(output)
    if match is None or " dir=" in match[0]:
        return output
    tag = match[0][:-1] + f' dir="{direction}">'
    return output[: match.start()] + tag + output[match.end() :]


def valid_toggles(output: str) -> str:
    """The page without the invalid ``autocomplete`` of Material's toggles."""
    for old, new in MATERIAL_TOGGLES:
        output = output.replace(old, new, 1)
    return output
