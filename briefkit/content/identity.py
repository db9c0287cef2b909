"""The brief's identity: who wrote what, when, for whom; one reading for every output.

Read from the home page's front matter (``title``, ``author``, ``date``,
``description``, ``keywords``, ``written``, ``sources_until``), with the
configuration's ``site_name``, ``site_author`` and ``site_description`` where
the front matter says nothing, and the plugin's ``publisher`` line of the
edition's language. The "cite this brief" files, the JSON-LD and the PDF's
cover and metadata all take it from here, so they never disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import unicodedata
from dataclasses import dataclass, field

from pybtex.database import Person
from pybtex.exceptions import PybtexError

from briefkit.content.authors import author_names
from briefkit.content.dates import BriefDates
from briefkit.core.sources import parse_date
from briefkit.core.vocabulary import Vocabulary, vocabulary


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (accents dropped): safe in a key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


@dataclass(frozen=True)
class BriefIdentity:
    """What identifies the brief, read from the home page and the configuration."""

    title: str
    author: str
    date: dt.date
    description: str
    keywords: tuple[str, ...]
    url: str
    lang: str
    dates: BriefDates = field(default_factory=lambda: BriefDates(None, None, None))
    publisher: str = ""
    site_name: str = ""

    @classmethod
    def from_meta(
        cls,
        meta: dict[str, object],
        url: str,
        lang: str,
        config: dict[str, object] | None = None,
        publisher: str = "",
    ) -> BriefIdentity:
        """The identity from the home page's ``meta``, ``config`` (MkDocs') filling gaps."""
        given = config or {}
        date = parse_date(meta.get("date"))  # the front-matter check reports a bad one
        if date is None:  # undated brief: the build's date (SOURCE_DATE_EPOCH keeps it stable)
            epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
            date = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
        keywords = meta.get("keywords") or []

        def text(name: str, fallback: str) -> str:
            return str(meta.get(name) or given.get(fallback) or "")

        return cls(
            text("title", "site_name"),
            " and ".join(author_names(meta.get("author"))) or str(given.get("site_author") or ""),
            date,
            text("description", "site_description"),
            tuple(str(k) for k in keywords) if isinstance(keywords, list) else (),
            url,
            lang,
            BriefDates.from_meta(meta),
            publisher,
            str(given.get("site_name") or ""),
        )

    @property
    def words(self) -> Vocabulary:
        return vocabulary(self.lang)

    @property
    def person(self) -> Person:
        """The author as a name (a name pybtex cannot split stays whole, as a family name)."""
        try:
            return Person(self.author)
        except PybtexError:
            return Person(last=self.author)

    @property
    def key(self) -> str:
        """``dash2023pyongyang``: family name, year written, first long title word (ASCII)."""
        first_word = next((w for w in self.title.split() if len(ascii_word(w)) > 4), "brief")
        last = ascii_word(" ".join(self.person.last_names)) or "brief"
        year = self.dates.written_year or self.date.year  # the work's year, not the edition's
        return f"{last}{year}{ascii_word(first_word)}"

    @property
    def note(self) -> str:
        """« Note d’analyse. Rédigé en 2023. Sources consultées jusqu’au … »."""
        undated = BriefDates(None, self.dates.written, self.dates.sources_until)
        return ". ".join([self.words.genre, *undated.lines(self.words)])
