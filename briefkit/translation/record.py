"""The reviewable record of passages checked where git cannot tell.

``docs/<lang>/.acknowledged.yml`` (a dot file: MkDocs never publishes it)
lists, per page, the passages of this edition someone checked against their
source: an editor who judged that a changed source sentence still says what
the translation says (``briefkit translations ack``), or an imported XLIFF
file. Each entry holds two fingerprints, the source passage's as checked and
the translation's, so it stops counting as soon as either side changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefkit.core.problems import Problem, relpath

NAME = ".acknowledged.yml"
MAX_BYTES = 1_000_000  # a record is a few lines per page: refuse anything far larger
HEADER = (
    "# Passages of this edition checked against their source where git cannot tell.\n"
    "# Written by `briefkit translations ack` and `briefkit translations import`;\n"
    "# review it like any change. source: fingerprint of the source passage as\n"
    "# checked; translation: fingerprint of this edition's passage.\n"
)


@dataclass(frozen=True)
class Entry:
    passage: str  # the anchor, for people reading the file
    source: str
    translation: str


@dataclass
class Record:
    """Every acknowledged passage of one edition, by page."""

    path: Path
    pages: dict[str, list[Entry]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def covers(self, page: str, source: str, translation: str) -> bool:
        """Whether this translation was checked against this source."""
        return any(
            e.source == source and e.translation == translation for e in self.pages.get(page, [])
        )

    def acknowledge(self, page: str, passage: str, source: str, translation: str) -> None:
        entries = self.pages.setdefault(page, [])
        entries[:] = [e for e in entries if e.translation != translation]
        entries.append(Entry(passage, source, translation))

    def keep_only(self, page: str, translations: set[str]) -> None:
        """Forget the entries of passages that no longer exist as they were checked."""
        if page in self.pages:
            self.pages[page] = [e for e in self.pages[page] if e.translation in translations]
            if not self.pages[page]:
                del self.pages[page]

    def save(self) -> None:
        if not self.pages:
            self.path.unlink(missing_ok=True)
            return
        data = {page: [vars(e) for e in entries] for page, entries in sorted(self.pages.items())}
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
        self.path.write_text(HEADER + text, encoding="utf-8")


def load_record(docs_dir: Path) -> Record:
    """The record of the edition in ``docs_dir`` (empty when there is none)."""
    record = Record(docs_dir / NAME)
    path, where = record.path, relpath(record.path)
    if not path.is_file():
        return record
    if path.stat().st_size > MAX_BYTES:
        record.problems.append(_problem(where, 1, f"larger than {MAX_BYTES:,} bytes"))
        return record
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        record.problems.append(_problem(where, line, "not valid UTF-8 YAML"))
        return record
    if not isinstance(data, dict):
        data = {} if data is None else {"": data}
    for page, entries in data.items():
        parsed = _entries(entries)
        if parsed is None:
            record.problems.append(_problem(where, 1, f"page {page!r} is not a list of entries"))
            continue
        record.pages[str(page)] = parsed
    return record


def _entries(value: object) -> list[Entry] | None:
    if not isinstance(value, list):
        return None
    entries = []
    for item in value:
        if not isinstance(item, dict) or not {"source", "translation"} <= item.keys():
            return None
        entries.append(
            Entry(str(item.get("passage", "")), str(item["source"]), str(item["translation"]))
        )
    return entries


def _problem(where: str, line: int, what: str) -> Problem:
    fix = "restore it from git, or delete it and acknowledge the passages again"
    return Problem(where, line, f"translation record {what}: {fix}", severity="warning")
