"""The editions of a brief: one per language, read from its MkDocs configurations.

A brief has a root configuration, ``mkdocs.yml``, whose edition is published
at the site's root, and one ``mkdocs.<name>.yml`` per further edition (which
usually ``INHERIT``s the root one). Each edition's language is its
``theme.language``; its place in the site is its ``site_dir`` relative to the
root edition's. Any language may be at the root, and a brief may have one
edition or several. Everything else in the generator takes editions from here.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import subprocess
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from briefkit.core.configfile import ConfigLines, ConfigReadError, config_lines, load_data
from briefkit.core.problems import BriefError, Problem, relpath
from briefkit.core.vocabulary import FALLBACK, Vocabulary, vocabulary

ROOT_CONFIG = "mkdocs.yml"
LOCAL_URL = "http://127.0.0.1:8000/"
MKDOCS_LANGUAGE = FALLBACK  # MkDocs' theme.language when a configuration sets none


@dataclass(frozen=True)
class Edition:
    """One language of the brief."""

    lang: str
    config_file: Path
    docs_dir: Path
    sub: str  # folder of this edition inside the site ("" at the root), posix
    site_url: str  # absolute, ending with "/"
    raw: dict[str, Any]  # the merged configuration as written (INHERIT resolved)

    @property
    def prefix(self) -> str:
        """``en/`` for an edition under ``site/en``; empty at the root."""
        return f"{self.sub}/" if self.sub else ""

    def site_dir(self, site: Path) -> Path:
        """This edition's folder inside the built ``site``."""
        return site / self.sub if self.sub else site

    @property
    def tag(self) -> str:
        """The language as BCP 47 writes it (``pt-BR``; folders and files keep ``pt_BR``)."""
        return self.lang.replace("_", "-")

    @property
    def pdf_name(self) -> str:
        return f"brief-{self.lang}.pdf"

    @cached_property
    def words(self) -> Vocabulary:
        return vocabulary(self.lang)

    @cached_property
    def lines(self) -> ConfigLines:
        """Where each of this edition's options is set, for messages."""
        return config_lines(self.config_file)

    def where(self, *option: str) -> tuple[str, int]:
        """``(file, line)`` of an option (``"plugins", "briefkit", "pdf_pages"``), which an
        inherited file may set."""
        path, line = self.lines.of(*option)
        return relpath(path), line

    def line(self, *option: str) -> int:
        """The option's line in this edition's own file (1 when it inherits the option)."""
        path, line = self.lines.of(*option)
        return line if path == self.config_file else 1

    def link_to(self, other: Edition) -> str:
        """Relative URL from this edition's root to ``other``'s root (``../``, ``en/``)."""
        here = PurePosixPath(self.sub) if self.sub else PurePosixPath(".")
        there = PurePosixPath(other.sub) if other.sub else PurePosixPath(".")
        relative = os.path.relpath(there, here)
        return "" if relative == "." else relative + "/"


@dataclass(frozen=True)
class Publication:
    """Every edition of one brief, the root edition first."""

    root: Path
    editions: tuple[Edition, ...]
    site_url: str
    url_is_local: bool  # no real address was given: absolute URLs point at 127.0.0.1

    @property
    def main(self) -> Edition:
        return self.editions[0]

    def edition(self, lang: str) -> Edition:
        return next(e for e in self.editions if e.lang == lang)

    def for_config(self, config_file: Path) -> Edition | None:
        """The edition built by ``config_file``."""
        target = config_file.resolve()
        return next((e for e in self.editions if e.config_file.resolve() == target), None)


def config_files(root: Path) -> list[Path]:
    """The root configuration, then every ``mkdocs.<name>.yml`` in name order."""
    return [root / ROOT_CONFIG, *sorted(root.glob("mkdocs.*.yml"))]


_CONFIGS: dict[tuple[object, ...], dict[str, Any]] = {}


def read_config(path: Path) -> dict[str, Any]:
    """A configuration as written, ``INHERIT`` merged and ``!ENV`` resolved (no plugins run).

    Read once per content version of the brief's configurations (an inherited
    file may change too), since the build, the plugin and each edition ask.
    """
    folder = path.resolve().parent
    signature = (path.resolve(), *((p, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yml"))))
    if signature not in _CONFIGS:
        _CONFIGS[signature] = _read_config(path)
    return copy.deepcopy(_CONFIGS[signature])


def _read_config(path: Path) -> dict[str, Any]:
    try:
        return load_data(path)  # a safe loader: the configuration is data, never run
    except ConfigReadError as err:
        raise BriefError([Problem(relpath(path), err.line, err.message)]) from None


def _language(raw: dict[str, Any]) -> str:
    theme = raw.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language or MKDOCS_LANGUAGE)


def normalise_url(url: str) -> str:
    return url.rstrip("/") + "/"


def load_publication(root: Path, site_url: str | None = None) -> Publication:
    """Every edition of the brief in ``root``; :class:`BriefError` names each config problem."""
    root = root.resolve()
    raws = [(path, read_config(path)) for path in config_files(root)]
    main_raw = raws[0][1]
    base_dir = (root / str(main_raw.get("site_dir") or "site")).resolve()
    given = site_url or str(main_raw.get("site_url") or "")
    base = normalise_url(given or LOCAL_URL)
    editions: list[Edition] = []
    problems: list[Problem] = []
    for path, raw in raws:
        site_dir = (root / str(raw.get("site_dir") or "site")).resolve()
        if not site_dir.is_relative_to(base_dir):
            problems.append(
                Problem(
                    *config_lines(path).where("site_dir"),
                    f"site_dir {raw.get('site_dir')!r} is outside the root edition's "
                    f"({relpath(base_dir)}): put it inside, e.g. site/<language>",
                )
            )
            continue
        sub = site_dir.relative_to(base_dir).as_posix()
        sub = "" if sub == "." else sub
        edition = Edition(
            _language(raw),
            path,
            (root / str(raw.get("docs_dir") or "docs")).resolve(),
            sub,
            base + (f"{sub}/" if sub else ""),
            raw,
        )
        problems.extend(_clashes(edition, editions))
        editions.append(edition)
    if problems:
        raise BriefError(problems)
    return Publication(root, tuple(editions), base, url_is_local=_is_local(base))


def _clashes(edition: Edition, others: list[Edition]) -> list[Problem]:
    where = relpath(edition.config_file)
    problems = []
    for other in others:
        for what, option, mine, theirs in (
            ("language", ("theme", "language"), edition.lang, other.lang),
            ("docs_dir", ("docs_dir",), edition.docs_dir, other.docs_dir),
            ("site_dir", ("site_dir",), edition.sub, other.sub),
        ):
            if mine == theirs:
                problems.append(
                    Problem(
                        where,
                        edition.line(*option),
                        f"same {what} as {relpath(other.config_file)}: "
                        "each edition needs its own language, docs_dir and site_dir",
                    )
                )
    return problems


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost", "http://0.0.0.0"))


def source_date_epoch(root: Path) -> str:
    """``SOURCE_DATE_EPOCH``, else the last commit's time: every dated output uses it."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    command = ["git", "-C", str(root), "log", "-1", "--format=%ct"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.stdout.strip() or str(int(time.time()))


def edition_for(config_file: Path, site_url: str | None, lang: str) -> Edition:
    """The edition ``config_file`` builds, its site URL taken as given (MkDocs' own).

    A configuration outside any brief layout is an edition of its own.
    """
    url = normalise_url(site_url or LOCAL_URL)
    try:
        publication = load_publication(config_file.parent)
    except BriefError:
        publication = None
    edition = publication.for_config(config_file) if publication else None
    if edition is None:
        raw = read_config(config_file)
        docs = (config_file.parent / str(raw.get("docs_dir") or "docs")).resolve()
        return Edition(lang, config_file, docs, "", url, raw)
    return dataclasses.replace(edition, site_url=url)


def publication_of(edition: Edition) -> Publication:
    """Every edition of ``edition``'s brief, with site URLs from ``edition``'s."""
    base = edition.site_url
    if edition.sub and base.endswith(edition.prefix):
        base = base[: -len(edition.prefix)]
    try:
        publication = load_publication(edition.config_file.parent, base)
    except BriefError:
        return Publication(edition.config_file.parent, (edition,), base, _is_local(base))
    if publication.for_config(edition.config_file) is None:
        return Publication(edition.config_file.parent, (edition,), base, _is_local(base))
    return publication


def edition_in(root: Path, docs_dir: Path) -> Edition | None:
    """The edition of the brief in ``root`` whose pages are in ``docs_dir``, if any."""
    if not (root / ROOT_CONFIG).is_file():
        return None
    try:
        publication = load_publication(root)
    except BriefError:
        return None
    target = docs_dir.resolve()
    return next((e for e in publication.editions if e.docs_dir == target), None)
