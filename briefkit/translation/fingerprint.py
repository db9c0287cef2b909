"""Fingerprints of passages that ignore white space and typography.

Straight or curly apostrophes and quotes, guillemets, dash forms, narrow
no-break spaces and line wrapping change how a passage looks, not what it
says: the fingerprint is a hash of the text with all of them written one way
(:file:`typography.yml`), runs of white space as one space, and no space
around the punctuation French sets apart (« ; : ! ? »).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("typography.yml")
SPACES = re.compile(r"\s+")
# A space on either side of these is typography (French spacing), not wording.
AROUND = re.compile(r' ?([;:!?"]) ?')
LENGTH = 12  # hex digits kept: short enough to review, far from colliding in a page


@cache
def _table() -> dict[int, str]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {ord(char): str(plain) for plain, chars in data.items() for char in str(chars)}


def normalise(text: str) -> str:
    """``text`` with typography and white space written one way."""
    plain = unicodedata.normalize("NFC", text).translate(_table())
    return AROUND.sub(r"\1", SPACES.sub(" ", plain)).strip()


def fingerprint(text: str) -> str:
    """A short hash of the normalised text: equal for typography-only differences."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
    return digest[:LENGTH]
