"""What the check and ``briefkit translations`` say about the translations.

Stale passages are warnings at the translation's ``file:line`` naming the
source's ``file:line``, when it changed and the two ways out (update, or
acknowledge); in pull-request annotations they sit on the changed source
lines instead, where the reviewer of the source change looks. Missing and
orphaned passages are warnings beside the parity check's count: they say
which passage. The table counts every state per page and language.
"""

from __future__ import annotations

from briefkit.core.problems import Problem, relpath
from briefkit.translation.passages import Passage
from briefkit.translation.status import BriefStatus, PageStatus, PassageStatus, State

ACK = "briefkit translations ack"
COLUMNS = (State.UP_TO_DATE, State.STALE, State.MISSING, State.ORPHANED)


def status_problems(status: BriefStatus) -> list[Problem]:
    """Warnings for every stale, missing and orphaned passage, and record problems."""
    problems = list(status.problems)
    if status.note:
        return problems  # the check prints the note: without history, nothing is stale
    for page in status.pages:
        for passage in page.passages:
            problem = _problem(page, passage, status.source_lang)
            if problem is not None:
                problems.append(problem)
    return problems


def _problem(page: PageStatus, passage: PassageStatus, source_lang: str) -> Problem | None:
    source, target = passage.source, passage.target
    there, here = relpath(page.source_path), relpath(page.target_path)
    if passage.state == State.STALE and source and target and passage.changed:
        changed = passage.changed
        when = changed.date if not changed.committed else f"on {changed.date} ({changed.short})"
        message = (
            f"stale translation: {there}:{_lines(source)} ({source.label}) changed {when} "
            f"after this {target.kind} was translated: update it, or if it still says the same, "
            f"run `{ACK} {here}:{target.line}`"
        )
        note = (
            f"the {page.lang} translation of this {source.kind} ({here}:{target.line}) is now "
            f"stale: update it, or run `{ACK} {here}:{target.line}`"
        )
        return Problem(
            here,
            target.line,
            message,
            severity="warning",
            annotate=(there, source.line, source.end, note),
        )
    if passage.state == State.ORPHANED and target:
        message = (
            f"orphaned translation: the {source_lang} {target.kind} it translated is gone "
            f"from {there}: delete this one too, or restore the source"
        )
        return Problem(here, target.line, message, severity="warning")
    if passage.state == State.MISSING and source:
        message = f"no {page.lang} translation of this {source.kind}: add it to {here}"
        return Problem(there, source.line, message, severity="warning")
    return None


def _lines(passage: Passage) -> str:
    return str(passage.line) if passage.end == passage.line else f"{passage.line}-{passage.end}"


def table(status: BriefStatus) -> str:
    """The per-page table, in Markdown (readable as text, rendered in a job summary)."""
    langs = sorted({p.lang for p in status.pages})
    lines = [f"## Translations of the {status.source_lang} edition", ""]
    if status.note:
        lines += [f"> Note: {status.note}.", ""]
    head = ["page", *[f"{lang}: {state}" for lang in langs for state in COLUMNS]]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by_page: dict[str, dict[str, PageStatus]] = {}
    for page in status.pages:
        by_page.setdefault(page.page, {})[page.lang] = page
    totals = [0] * (len(head) - 1)
    for name, pages in sorted(by_page.items()):
        counts = [pages[lang].count(s) if lang in pages else 0 for lang in langs for s in COLUMNS]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        lines.append("| " + " | ".join([f"`{name}`", *map(str, counts)]) + " |")
    lines.append("| " + " | ".join(["**all pages**", *(f"**{n}**" for n in totals)]) + " |")
    stale = [(p, s) for p in status.pages for s in p.passages if s.state == State.STALE]
    if stale:
        lines += ["", "Stale passages (the source changed after the translation):", ""]
        for page, passage in stale:
            lines.append(f"- {_stale_line(page, passage)}")
    return "\n".join(lines) + "\n"


def _stale_line(page: PageStatus, passage: PassageStatus) -> str:
    assert passage.source and passage.target and passage.changed
    target, source = passage.target, passage.source
    return (
        f"`{relpath(page.target_path)}:{target.line}` ({target.label}): "
        f"`{relpath(page.source_path)}:{_lines(source)}` changed {passage.changed.date}"
    )
