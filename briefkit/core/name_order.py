"""In which order a person's names are shown: given-family, or family-given.

The rule (CONTRIBUTING, "Names"):

1. A name written in Chinese characters, Hangul or kana is shown family name
   first, with no space, as Chinese, Japanese and Korean write it (毛泽东,
   村上春樹, 한강), in every language's pages and in the bibliography (never
   inverted with a comma: the family name already comes first). Write such a
   name in the ``.bib`` as BibTeX reads names, family name first and a comma:
   ``author = {한, 강}``.
2. A name in another script is shown given name first (Élodie Morvan), and
   inverted in the bibliography (Morvan, Élodie), unless its entry says
   ``options = {nameorder=family-given}`` (biblatex's ``options`` field, a
   key of ours): then every name of the entry is shown family name first,
   with a space and without a comma (Kim Jong-un, Xi Jinping), as Chicago
   prescribes for East Asian names in Latin letters.

Scripts are told by Unicode character names (:data:`FAMILY_FIRST_SCRIPTS`).
"""

from __future__ import annotations

import re
import unicodedata

FAMILY_FIRST_SCRIPTS = ("CJK UNIFIED", "CJK COMPATIBILITY", "HANGUL", "HIRAGANA", "KATAKANA")
OPTION_RE = re.compile(r"(?:^|,)\s*nameorder\s*=\s*(family-given|given-family)\s*(?:,|$)")


def written_family_first(text: str) -> bool:
    """Whether every letter of ``text`` is of a script that puts the family name first."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(
        unicodedata.name(c, "").startswith(FAMILY_FIRST_SCRIPTS) for c in letters
    )


def entry_order(options: str) -> str:
    """``family-given`` or ``given-family`` from an entry's ``options`` field, else ``""``."""
    match = OPTION_RE.search(options or "")
    return match[1] if match else ""
