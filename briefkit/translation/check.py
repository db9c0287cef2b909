"""The translation checks of ``briefkit check``: stale passages and glossary terms."""

from __future__ import annotations

from briefkit.core.editions import Publication
from briefkit.core.problems import Problem
from briefkit.translation.report import status_problems
from briefkit.translation.status import brief_status
from briefkit.translation.terms import term_problems


def check_translations(publication: Publication, notes: list[str]) -> list[Problem]:
    """Every translation warning of the brief; why git could not tell goes to ``notes``."""
    if len(publication.editions) < 2:
        return []
    status = brief_status(publication)
    if status.note:
        notes.append(f"translations: {status.note}")
    return [*status_problems(status), *term_problems(status, publication)]
