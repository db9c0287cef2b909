"""Interface words from Material for MkDocs' translations (search, contents, copy).

Material ships one maintained translation per language
(``material/templates/partials/languages/<code>.html``: some sixty
languages, kept by its users) of the words of a site's interface. Those of
them a brief shows too ("Search", "Table of contents", "Copied to
clipboard", "1 matching document") are read from there rather than written
again. Each file is a Jinja macro around a JSON object; only that object is
read, as data, never rendered. A value spelt as in English is an untranslated
copy and is left out.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from briefkit.core import cldr

REFERENCE = "en"


@cache
def languages_dir() -> Path | None:
    """Material's folder of translations (None without the theme)."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    folder = folder / "templates" / "partials" / "languages"
    return folder if folder.is_dir() else None


@cache
def _read(name: str) -> dict[str, str]:
    folder = languages_dir()
    path = folder / f"{name}.html" if folder else None
    if path is None or not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    start, end = text.find("{{ {"), text.rfind("}[key]")
    if start < 0 or end < 0:
        return {}
    try:
        data = json.loads(text[start + 3 : end + 1])
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()}


def file_name(code: str) -> str:
    """Material's file name for ``code``: ``pt_BR`` -> ``pt-BR``, else the language (``ko``).

    "" when only the language's file exists and it is in another script
    (Latin Serbian: Material's ``sr`` is Cyrillic).
    """
    tag = code.replace("_", "-")
    base = tag.split("-")[0].lower()
    for name in (tag, f"{base}-{cldr.likely_script(code)}"):  # zh_HK: Material's zh-Hant
        if has_file(name):
            return name
    return base if cldr.same_script(base, code) else ""


def has_file(name: str) -> bool:
    """Whether Material translates its interface into ``name`` (``ko``, ``pt-BR``)."""
    folder = languages_dir()
    return bool(folder and (folder / f"{name}.html").is_file())


@cache
def words(code: str) -> dict[str, str]:
    """Material's translated words for ``code``, untranslated English copies left out."""
    name = file_name(code)
    own = _read(name)
    if name == REFERENCE:
        return own
    english = _read(REFERENCE)
    return {key: value for key, value in own.items() if english.get(key) != value}
