"""Translators' files out: one XLIFF 2 file per page (or per brief), and the termbase.

Each unit is one passage of the root edition: its source, the translation
the brief has now as target, and a state from the translation status
(missing: ``initial`` without target; stale: ``initial`` with the old
translation to start from; up to date as committed: ``final``; acknowledged:
``reviewed``; edited but not committed yet: ``translated``). Notes tell the
translator where the passage is, why it needs work, and the agreed
translations of the glossary terms it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefkit.core.editions import Publication
from briefkit.core.problems import relpath
from briefkit.core.sources import read_page
from briefkit.translation import termbase as terms_file
from briefkit.translation.passages import Passage, page_passages
from briefkit.translation.status import PageStatus, PassageStatus, State, brief_status
from briefkit.translation.terms import Concept, concepts, mentioned
from briefkit.translation.units import shown, source_nodes, target_nodes, unit_id
from briefkit.translation.xliff import File, Unit, document

STATES = {
    State.MISSING: "initial",
    State.STALE: "initial",
    State.UNKNOWN: "translated",
}
CHECKED = {"git": "final", "record": "reviewed", "uncommitted": "translated"}


def export(publication: Publication, lang: str, out: Path, per: str) -> int:
    """Write the XLIFF files translating the root edition into ``lang``."""
    if lang not in {e.lang for e in publication.editions[1:]}:
        others = ", ".join(e.lang for e in publication.editions[1:])
        print(f"--to {lang}: not an edition of this brief; use one of {others}")
        return 1
    status = brief_status(publication)
    context = Context(concepts(publication), status.source_lang, publication.root)
    pages = [p for p in status.pages if p.lang == lang]
    files = [_file(index, page, context) for index, page in enumerate(pages, 1)]
    files = [f for f in files if f.units]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if per == "brief":
        path = out / f"brief.{status.source_lang}-{lang}.xlf"
        path.write_bytes(document(files, status.source_lang, lang))
        written.append(path)
    for file in files if per == "page" else []:
        path = out / lang / Path(file.original).with_suffix(".xlf")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document([file], status.source_lang, lang))
        written.append(path)
    units = sum(len(f.units) for f in files)
    print(f"wrote {len(written)} XLIFF 2 file(s), {units} unit(s), under {relpath(out)}")
    return 0


@dataclass(frozen=True)
class Context:
    known: list[Concept]  # the glossary
    source_lang: str
    root: Path  # paths in notes are relative to the brief's folder

    def where(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()


def _file(index: int, page: PageStatus, context: Context) -> File:
    body = page_passages(read_page(page.source_path)).body if page.source_path.is_file() else []
    units = [_unit(p, page, body, context) for p in page.passages if p.source is not None]
    return File(f"f{index}", page.page, units)


def _unit(passage: PassageStatus, page: PageStatus, body: list[Passage], context: Context) -> Unit:
    source = passage.source
    assert source is not None
    nodes = source_nodes(source.text)
    target = None
    if passage.target is not None:
        target = shown(nodes, target_nodes(nodes, passage.target.text))
    state = STATES.get(passage.state) or CHECKED.get(passage.checked, "translated")
    unit = Unit(unit_id(source, body), source.anchor, nodes, target, state)
    unit.extra = {"source": source.fingerprint, "kind": source.kind}
    unit.notes = _notes(passage, page, context)
    return unit


def _notes(passage: PassageStatus, page: PageStatus, context: Context) -> list[tuple[str, str]]:
    source, target = passage.source, passage.target
    assert source is not None
    where = f"{context.where(page.source_path)}:{source.line}"
    if target is not None:
        where += f", translated at {context.where(page.target_path)}:{target.line}"
    notes = [("location", f"{source.label} of {page.page} ({where})")]
    if passage.state == State.STALE and passage.changed:
        changed = passage.changed.date
        notes.append(("status", f"stale: the source changed ({changed}) after this translation"))
    elif passage.state == State.MISSING:
        notes.append(("status", "missing: not translated yet"))
    for concept in mentioned(source.text, context.known, context.source_lang):
        names = "; ".join(concept.names(page.lang)) or "(no page in this edition yet)"
        term = concept.terms[context.source_lang].term
        notes.append(("glossary", f"{term}: {names} (glossary page {concept.page})"))
    return notes


def termbase(publication: Publication, out: Path, form: str) -> int:
    """Write every glossary term's names in every edition as TBX or CSV."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"glossary.{form}"
    known = concepts(publication)
    langs = [e.lang for e in publication.editions]
    data = terms_file.tbx(known, langs) if form == "tbx" else terms_file.csv_text(known, langs)
    path.write_bytes(data)
    print(f"wrote {relpath(path)}: {len(known)} term(s) in {', '.join(langs)}")
    return 0
