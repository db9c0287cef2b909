"""What every page's front matter must hold, checked the same way by check and build.

Every page needs a ``title`` and a ``description`` (the page's title, search
results, sharing cards); the home page also an ``author`` and a ``date``
(``YYYY-MM-DD``), which the "cite this brief" files, the JSON-LD and the PDF
cover are made from. Dates (``date``, ``written``, ``sources_until``) must be
dates: see :mod:`briefkit.content.dates`.
"""

from __future__ import annotations

import re

from briefkit.content.dates import invalid_dates
from briefkit.core.grammar import FRONT_MATTER_RE as FRONT_MATTER
from briefkit.core.locate import Locator
from briefkit.core.problems import Problem
from briefkit.core.sources import PageSource
from briefkit.core.text import character_problems

PAGE_FIELDS = ("title", "description")
TAG = re.compile(r"<[A-Za-z/!][^>]*>?")
HOME_FIELDS = ("author", "date")
HOME = "index.md"


def front_matter_problems(page: PageSource, is_home: bool) -> list[Problem]:
    """Invalid YAML, a missing required field, or a date that is no date."""
    problems = hidden_characters(page)
    if page.problems:  # unreadable: what else it holds is named, nothing is checked
        return [*page.problems, *problems]
    if not page.meta and not page.text.startswith("---"):
        wanted = ", ".join(PAGE_FIELDS + (HOME_FIELDS if is_home else ()))
        message = f"no front matter: start the page with a --- block holding {wanted}"
        return [*problems, Problem(page.where, 1, message)]
    wanted = PAGE_FIELDS + (HOME_FIELDS if is_home else ())
    problems += [
        Problem(page.where, 1, f"front matter lacks '{name}': add it")
        for name in wanted
        if not str(page.meta.get(name) or "").strip()
    ]
    problems += markup_warnings(page)
    for name, fix in invalid_dates(page.meta):
        line = Locator(page.text).field(name)
        message = f"{name} {str(page.meta[name])!r} is not a date: {fix}"
        problems.append(Problem(page.where, line, message))
    return problems


def hidden_characters(page: PageSource) -> list[Problem]:
    """Control characters anywhere, bidirectional overrides in the front matter (errors)
    and in the text (warnings: a right-to-left passage may need one, rarely)."""
    head = FRONT_MATTER.match(page.text)
    end = head.end() if head else 0
    problems = character_problems(page.where, page.text, "the front matter", end=end)
    for problem in character_problems(page.where, page.text, "the text", start=end):
        bidi = "display in another order" in problem.message
        problems.append(
            Problem(problem.path, problem.line, problem.message, problem.col, "warning")
            if bidi
            else problem
        )
    return problems


def markup_warnings(page: PageSource) -> list[Problem]:
    """Front matter is text: say so when a value looks like HTML, which is shown as typed."""
    problems, locator = [], Locator(page.text)
    for name, value in _strings(page.meta):
        tag = TAG.search(value)
        if tag:
            problems.append(
                Problem(
                    page.where,
                    locator.field(name.split(".")[0]),
                    f"'{name}' holds markup ({tag[0][:30]!r}): front matter is shown as "
                    "text, tags and all; write plain words",
                    severity="warning",
                )
            )
    return problems


def _strings(value: object, name: str = "") -> list[tuple[str, str]]:
    """Every string of the front matter with its dotted field name."""
    if isinstance(value, str):
        return [(name, value)]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _strings(item, _join(name, key))]
    if isinstance(value, list):
        return [pair for item in value for pair in _strings(item, name)]
    return []


def _join(name: str, key: object) -> str:
    return f"{name}.{key}" if name else str(key)
