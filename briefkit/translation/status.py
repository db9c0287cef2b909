"""The status of every passage of every further edition: up to date, stale, missing, orphaned.

For each passage of a translation, git blame names the commit that last
changed its lines; the source page *at that commit* says which source
passage it was translated from (aligned there as the parity check aligns
them), and that passage's fingerprint is the translation's *basis*. The
translation is up to date when its basis is the fingerprint of the source
passage aligned with it now (or the record says someone checked it against
that source), stale otherwise. Aligning now is by position when both sides
have as many passages (the parity check's alignment), else by matching the
bases against the source's fingerprints, so that deleting a source passage
orphans its own translation and not the last one of the page.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum
from pathlib import Path

from briefkit.content.pagelist import page_files
from briefkit.core.editions import Publication
from briefkit.core.grammar import cited_keys, editor_notes
from briefkit.core.problems import Problem
from briefkit.core.sources import page_from_text, read_page
from briefkit.translation.history import WORKING_TREE, Commit, History, open_history
from briefkit.translation.passages import PagePassages, Passage, page_passages
from briefkit.translation.record import Record, load_record

# Kinds that hold words to translate; code and bare HTML tags are aligned, never judged.
TRANSLATED = {"field", "heading", "paragraph", "item", "figure", "note"}


class State(StrEnum):
    UP_TO_DATE = "up to date"
    STALE = "stale"
    MISSING = "missing"
    ORPHANED = "orphaned"
    UNKNOWN = "unknown"  # no history to judge by


@dataclass(frozen=True)
class PassageStatus:
    state: State
    source: Passage | None
    target: Passage | None
    changed: Commit | None = None  # when the source passage last changed
    checked: str = ""  # why up to date: "git", "uncommitted" or "record"


@dataclass
class PageStatus:
    page: str  # path relative to the docs folders
    lang: str
    source_path: Path
    target_path: Path
    passages: list[PassageStatus] = field(default_factory=list)

    def count(self, state: State) -> int:
        return sum(p.state == state for p in self.passages)


@dataclass
class BriefStatus:
    source_lang: str
    pages: list[PageStatus]
    note: str = ""  # why git could not tell, when it could not
    problems: list[Problem] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)  # by language


def brief_status(publication: Publication) -> BriefStatus:
    """The status of every passage of every edition but the root one."""
    history, why = open_history(publication.root)
    base = publication.main
    status = BriefStatus(
        base.lang, [], f"{why}: stale translations are not reported" if why else ""
    )
    for edition in publication.editions[1:]:
        record = load_record(edition.docs_dir)
        status.records[edition.lang] = record
        status.problems += record.problems
        pages = _pages(base.docs_dir) | _pages(edition.docs_dir)
        for page in sorted(pages):
            source, target = base.docs_dir / page, edition.docs_dir / page
            judge = Judge(history, record, page)
            status.pages.append(judge.page(PageStatus(page, edition.lang, source, target)))
    return status


def _pages(docs_dir: Path) -> set[str]:
    return set(page_files(docs_dir))  # the one page list (content/pagelist)


def align(
    first: Sequence[Hashable], second: Sequence[Hashable]
) -> list[tuple[int | None, int | None]]:
    """Pairs of indices: by position when the lengths agree, else by matching keys."""
    if len(first) == len(second):
        return [(i, i) for i in range(len(first))]
    pairs: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, list(first), list(second), autojunk=False)
    for _, a0, a1, b0, b1 in matcher.get_opcodes():
        common = min(a1 - a0, b1 - b0)
        pairs += [(a0 + k, b0 + k) for k in range(common)]
        pairs += [(a, None) for a in range(a0 + common, a1)]
        pairs += [(None, b) for b in range(b0 + common, b1)]
    return pairs


def shape(passage: Passage) -> Hashable:
    """What two editions' passages share: their kind, citations and editors' notes."""
    return passage.kind, cited_keys(passage.text), editor_notes(passage.text)


@dataclass
class Bases:
    """What each target passage (by ``id``) was translated from, and which are not committed."""

    basis: dict[int, str] = field(default_factory=dict)
    fresh: set[int] = field(default_factory=set)


class Judge:
    """Judges the passages of one page of one translation."""

    def __init__(self, history: History | None, record: Record, page: str) -> None:
        self.history, self.record, self.page_name = history, record, page
        self.source_path = Path()

    def page(self, status: PageStatus) -> PageStatus:
        source = _passages(status.source_path)
        target = _passages(status.target_path)
        bases = self.bases(status, source, target) if self.history else Bases()
        keys = list(dict.fromkeys([*source.fields, *target.fields]))  # in the order written
        pairs = [(source.fields.get(k), target.fields.get(k)) for k in keys]
        if self.history:
            source_keys: list[Hashable] = [s.fingerprint for s in source.body]
            target_keys: list[Hashable] = [
                bases.basis.get(id(t), f"?{j}") for j, t in enumerate(target.body)
            ]
        else:
            source_keys, target_keys = (
                [shape(s) for s in source.body],
                [shape(t) for t in target.body],
            )
        for i, j in align(source_keys, target_keys):
            pairs.append((_at(source.body, i), _at(target.body, j)))
        self.source_path = status.source_path
        for s, t in pairs:
            if (s or t).kind in TRANSLATED:  # type: ignore[union-attr]
                status.passages.append(self.judge(s, t, bases))
        return status

    def judge(self, source: Passage | None, target: Passage | None, bases: Bases) -> PassageStatus:
        if target is None:
            return PassageStatus(State.MISSING, source, None)
        if source is None:
            return PassageStatus(State.ORPHANED, None, target)
        if self.record.covers(self.page_name, source.fingerprint, target.fingerprint):
            return PassageStatus(State.UP_TO_DATE, source, target, checked="record")
        if self.history is None:
            return PassageStatus(State.UNKNOWN, source, target)
        if bases.basis.get(id(target)) == source.fingerprint:
            how = "uncommitted" if id(target) in bases.fresh else "git"
            return PassageStatus(State.UP_TO_DATE, source, target, checked=how)
        blame = self.history.blame(self.source_path)  # only read when something is stale
        return PassageStatus(State.STALE, source, target, changed=newest(blame, source))

    def bases(self, status: PageStatus, now: PagePassages, target: PagePassages) -> Bases:
        """Each target passage's basis: the source passage it was translated from."""
        assert self.history is not None
        blame = self.history.blame(status.target_path)
        commits = {id(t): newest(blame, t) for t in (*target.fields.values(), *target.body)}
        shas = sorted({c.sha for c in commits.values() if c.committed})
        paths = (status.source_path, status.target_path)
        self.history.files_at([(sha, path) for sha in shas for path in paths])
        versions = {sha: self._version(sha, paths) for sha in shas}
        bases = Bases()
        for passage in (*target.fields.values(), *target.body):
            commit = commits[id(passage)]
            if not commit.committed:
                bases.fresh.add(id(passage))
            pair = versions.get(commit.sha) if commit.committed else (now, target)
            basis = _basis(pair, passage, target) if pair else ""
            if basis:
                bases.basis[id(passage)] = basis
        return bases

    def _version(
        self, sha: str, paths: tuple[Path, Path]
    ) -> tuple[PagePassages, PagePassages] | None:
        assert self.history is not None
        texts = [self.history.file_at(sha, path) for path in paths]
        if texts[0] is None or texts[1] is None:
            return None
        source, target = (
            page_passages(page_from_text(p, t)) for p, t in zip(paths, texts, strict=True)
        )
        return source, target


def _at(passages: list[Passage], index: int | None) -> Passage | None:
    return passages[index] if index is not None else None


def _basis(pair: tuple[PagePassages, PagePassages], passage: Passage, now: PagePassages) -> str:
    """The fingerprint of the source passage that ``passage`` translated in ``pair``'s version."""
    source, target = pair
    if passage.kind == "field":
        field_then = source.fields.get(passage.key)
        return field_then.fingerprint if field_then else ""
    same = [
        j for j, t in enumerate(target.body) if t.text == passage.text and t.kind == passage.kind
    ]
    if not same:
        return ""
    # The same words may stand twice on a page: take the one at the nearest place.
    place = now.body.index(passage) / max(len(now.body), 1)
    j = min(same, key=lambda k: abs(k / max(len(target.body), 1) - place))
    for i, k in align([shape(s) for s in source.body], [shape(t) for t in target.body]):
        if k == j:
            return source.body[i].fingerprint if i is not None else ""
    return ""


def _passages(path: Path) -> PagePassages:
    if not path.is_file():
        return PagePassages({}, [])
    return page_passages(read_page(path))


def newest(blame: list[Commit] | None, passage: Passage) -> Commit:
    """The last commit that changed one of the passage's lines (new lines: the working tree)."""
    if blame is None:
        return WORKING_TREE
    commits = blame[passage.line - 1 : passage.end] or [WORKING_TREE]
    return max(commits, key=lambda c: c.time)
