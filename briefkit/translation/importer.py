"""Translators' files back in: each unit's target written over its passage, nothing else touched.

A file is refused whole, every broken unit named, when a placeholder was
deleted, doubled, invented or turned into another kind, when a target's own
text would make Markdown markup (an asterisk pair, a bracket citation) or
change the page's blocks, or when the file is not valid XLIFF 2. Otherwise
only the spans of the changed passages are replaced; everything else in
``docs/<lang>/`` stays byte for byte. A unit whose source changed since the
export is left out (export again). An imported passage is up to date: git
sees a fresh change; without git, and for a translation confirmed unchanged,
the acknowledgement record says so.
"""

from __future__ import annotations

import json
import os
import tempfile
import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from briefkit.core.editions import Publication
from briefkit.core.problems import relpath
from briefkit.core.sources import page_from_text, read_page
from briefkit.translation.fingerprint import fingerprint
from briefkit.translation.passages import page_passages
from briefkit.translation.record import Record
from briefkit.translation.returned import decode, markup_problems, placeholder_problems
from briefkit.translation.status import BriefStatus, PageStatus, PassageStatus, State, brief_status
from briefkit.translation.units import markup, source_nodes, target_nodes, unit_id
from briefkit.translation.xliff import BK, q, read

TRANSLATED_STATES = {"translated", "reviewed", "final"}


@dataclass
class Edit:
    passage: PassageStatus
    text: str


@dataclass
class PageImport:
    page: PageStatus
    edits: list[Edit] = field(default_factory=list)
    confirmed: list[PassageStatus] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_all(publication: Publication, files: list[Path]) -> int:
    """Import each file; 1 when one was refused."""
    refused, status, written = 0, brief_status(publication), set()
    for path in files:
        try:
            messages, pages = import_file(publication, path, status, written)
        except ValueError as err:
            messages, pages, refused = [f"{relpath(path)}: refused: {err}"], set(), refused + 1
        written |= pages
        for message in messages:
            print(message)
    return 1 if refused else 0


def import_file(
    publication: Publication, path: Path, status: BriefStatus, written: set[str]
) -> tuple[list[str], set[str]]:
    """Write one file's translations, and name the pages written.

    :class:`ValueError` says why the file was refused (nothing written then).
    """
    root = read(path)
    source_lang, target_lang = root.get("srcLang"), root.get("trgLang")
    if source_lang != publication.main.lang or target_lang not in {
        e.lang for e in publication.editions[1:]
    }:
        raise ValueError(
            f"it translates {source_lang} into {target_lang}; this brief translates "
            f"{publication.main.lang} into {', '.join(e.lang for e in publication.editions[1:])}"
        )
    files = list(root.iter(q("file")))
    if {f"{target_lang}/{f.get('original')}" for f in files} & written:
        status = brief_status(publication)  # a page already written in this run: read it again
    imports, errors = [], []
    for element in files:
        imports.append(_read_file(status, str(target_lang), element, errors))
    if errors:
        raise ValueError(
            "broken placeholders or markup, nothing written:\n  " + "\n  ".join(errors)
        )
    texts = [_new_text(i) for i in imports]  # every page checked before any is written
    for page_import, text in zip(imports, texts, strict=True):
        if text is not None:
            _replace(page_import.page.target_path, text)
        _record(page_import, status)
    pages = {f"{i.page.lang}/{i.page.page}" for i, t in zip(imports, texts, strict=True) if t}
    return [_summary(i) for i in imports], pages


def _read_file(
    status: BriefStatus, lang: str, element: etree.Element, errors: list[str]
) -> PageImport:
    page_name = str(element.get("original", ""))
    page = next((p for p in status.pages if p.page == page_name and p.lang == lang), None)
    if page is None or not _safe_page(page_name):
        errors.append(f"file {page_name!r}: no such page in both editions")
        return PageImport(PageStatus(page_name, lang, Path(), Path()))
    result = PageImport(page)
    body = page_passages(read_page(page.source_path)).body
    by_id = {unit_id(p.source, body): p for p in page.passages if p.source is not None}
    for unit in element.iter(q("unit")):
        _read_unit(unit, by_id, result, errors)
    return result


def _safe_page(name: str) -> bool:
    path = PurePosixPath(name)
    return name.endswith(".md") and not path.is_absolute() and ".." not in path.parts


def _read_unit(
    unit: etree.Element, by_id: dict[str, PassageStatus], result: PageImport, errors: list[str]
) -> None:
    uid = str(unit.get("id"))
    passage = by_id.get(uid)
    where = f"unit {uid} of {result.page.page}"
    if passage is None or passage.source is None:
        errors.append(f"{where}: no such passage in the source any more: export again")
        return
    exported = unit.get(f"{{{BK}}}source")
    if exported and exported != passage.source.fingerprint:
        result.skipped.append(
            f"{uid} ({passage.source.label}): its source changed since the export"
        )
        return
    segments = list(unit.iter(q("segment")))
    targets = [s.find(q("target")) for s in segments]
    if not segments or any(t is None for t in targets):
        return  # not translated (yet)
    if all(s.get("state", "initial") not in TRANSLATED_STATES for s in segments):
        return
    source = source_nodes(passage.source.text)
    current = target_nodes(source, passage.target.text) if passage.target else None
    table = markup(source, current)
    found: list[str] = []
    text = "".join(decode(t, table, Counter(), found) for t in targets if t is not None)
    used = Counter(c for c in found)
    problems = placeholder_problems(table, used)
    problems += markup_problems(text, found, passage.source)
    if problems:
        errors += [f"{where} ({passage.source.label}): {p}" for p in problems]
    elif passage.target is not None and text == passage.target.text:
        states = {s.get("state") for s in segments}
        if passage.state == State.STALE or (
            passage.state == State.UNKNOWN and states <= {"reviewed", "final"}
        ):
            result.confirmed.append(passage)  # the translator says it still holds
    else:
        result.edits.append(Edit(passage, text))


def _new_text(page_import: PageImport) -> str | None:
    """The translation's page with the edits made, checked to keep its blocks."""
    if not page_import.edits:
        return None
    path = page_import.page.target_path
    text = old = read_page(path).text
    for edit in sorted(page_import.edits, key=lambda e: -_span(e)[0]):
        start, stop = _span(edit)
        text = text[:start] + _render(edit, text[start:stop]) + text[stop:]
    _check_structure(path, old, text, len(page_import.edits))
    return text


def _record(page_import: PageImport, status: BriefStatus) -> None:
    page = page_import.page
    record: Record = status.records[page.lang]
    touched = False
    for edit in page_import.edits if status.note else []:  # no history: the record says it
        assert edit.passage.source is not None and edit.passage.target is not None
        record.acknowledge(
            page.page,
            edit.passage.target.anchor,
            edit.passage.source.fingerprint,
            fingerprint(edit.text),
        )
        touched = True
    for passage in page_import.confirmed:
        assert passage.source is not None and passage.target is not None
        record.acknowledge(
            page.page, passage.target.anchor, passage.source.fingerprint, passage.target.fingerprint
        )
        touched = True
    if touched:
        record.save()


def _span(edit: Edit) -> tuple[int, int]:
    target = edit.passage.target
    if target is None:
        raise ValueError(
            f"{edit.passage.source.label if edit.passage.source else '?'}: "
            "no translated passage to replace: add an empty one by hand, then import"
        )
    return target.start, target.stop


def _render(edit: Edit, old: str) -> str:
    target = edit.passage.target
    assert target is not None
    if target.kind != "field":
        return edit.text if target.kind != "heading" else edit.text.strip()
    value = " ".join(edit.text.split())
    trailing = old[len(old.rstrip("\n")) :]
    if target.style == "" and _plain(value):
        return value + trailing
    if target.style == '"':
        return json.dumps(value, ensure_ascii=False) + trailing
    return "'" + value.replace("'", "''") + "'" + trailing


def _plain(value: str) -> bool:
    """Whether ``value`` reads back as itself unquoted (the page's own style, when it can)."""
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def _check_structure(path: Path, old: str, new: str, edits: int) -> None:
    before = page_passages(page_from_text(path, old))
    after = page_passages(page_from_text(path, new))
    kinds = [p.kind for p in before.body], [p.kind for p in after.body]
    if kinds[0] != kinds[1] or before.fields.keys() != after.fields.keys():
        raise ValueError(
            f"{relpath(path)}: the {edits} translation(s) would change the page's "
            "blocks: nothing written; check line breaks and list markers"
        )


def _replace(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all (a crash leaves the old page)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _summary(page_import: PageImport) -> str:
    page = page_import.page
    lines = [
        f"{relpath(page.target_path)}: {len(page_import.edits)} passage(s) written, "
        f"{len(page_import.confirmed)} confirmed unchanged"
    ]
    lines += [f"  not imported: {s}: export again" for s in page_import.skipped]
    return "\n".join(lines)
