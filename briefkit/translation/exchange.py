"""Translators' files: XLIFF 2 out and back in, and the glossary as a termbase."""

from __future__ import annotations

from pathlib import Path

from briefkit.core.editions import Publication


def export(publication: Publication, lang: str, out: Path, per: str) -> int:
    raise NotImplementedError


def import_files(publication: Publication, files: list[Path]) -> int:
    raise NotImplementedError


def termbase(publication: Publication, out: Path, form: str) -> int:
    raise NotImplementedError
