"""The style of references: one pybtex template per kind of work, for every language.

Templates are declared once with pybtex's ``join``/``optional``/``first_of``
nodes and the pieces of :mod:`briefkit.style.nodes`; every word comes from the
language's :class:`~briefkit.core.vocabulary.Vocabulary`, so the French style is
the same templates with French words. Which template renders which entry
type is data (``template`` in ``briefkit/bib/datamodel.yml``; README has the
table): a type with no template of its own takes the closest one, as
biblatex's standard styles do. A reference is a comma-separated sequence, in
this order: who, what (the title: quoted for a part of something, italic for
a whole work), where it appeared, how it was published, when, which pages,
notes, identifiers and links, its original edition and related entries.
"""

from __future__ import annotations

from typing import Any

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, first_of, join, optional, tag

from briefkit.bib.datamodel import template_of
from briefkit.bib.model import Source
from briefkit.core.vocabulary import Vocabulary, vocabulary
from briefkit.style.identifiers import accessed, doi_link, eprint, number_of, url_link
from briefkit.style.nodes import (
    chapter,
    comma_list,
    date,
    editors_after,
    keyed,
    kind,
    outlet,
    publisher,
    text,
    title,
    translated,
    version,
)
from briefkit.style.persons import contributors, edited, names
from briefkit.style.publication import (
    edition,
    event,
    issue_date,
    issue_number,
    labelled,
    original,
    pages,
    series,
    total,
    volume,
)
from briefkit.style.related import related
from briefkit.style.works import OtherWorks

Template = Any
# Templates whose title is a whole work, in italics (the others are parts, in quotes).
WORK_TEMPLATES = ("book", "booklet", "periodical", "artwork", "legal")
COMMA = comma_list  # the parts of a reference, with the language's comma


class BriefStyle(OtherWorks):
    """Note and bibliography forms of every entry type of biblatex's data model."""

    def __init__(self, lang: str, invert_first: bool = False, shorten: bool = True) -> None:
        self.lang = lang
        self.words: Vocabulary = vocabulary(lang)
        self.invert_first = invert_first  # the bibliography: "Morvan, Élodie"
        self.shorten = shorten  # notes: four authors or more are "First et al."

    def template(self, source: Source) -> Template:
        """The template of ``source``'s type (see ``datamodel.yml``)."""
        return getattr(self, f"get_{template_of(source.type)}_template")(source)

    def format(self, source: Source) -> Any:
        """The reference of ``source`` as pybtex rich text (no final period).

        An entry lacking what its template cannot do without (a ``@set`` with no
        members) is written as ``@misc`` would be, else as its key: never nothing.
        """
        context = {"entry": source, "style": self}
        for template in (self.template(source), self.get_misc_template(source)):
            try:
                written = template.format_data(context)
            except FieldIsMissing:
                continue
            if written:
                return written
        return Text(source.key)

    # --- pieces shared by the templates -------------------------------------------------

    def who(self) -> Template:
        """Authors, else editors (« dir. »), else nothing."""
        return first_of[optional[names(role="author", head=True)], optional[edited(head=True)]]

    def part_title(self) -> Template:
        """The title of a part of something (article, chapter, page): in quotes."""
        return title(quote=True)

    def work_title(self) -> Template:
        """The title of a whole work (book, proceedings, periodical): in italics."""
        return tag("em")[title]

    def contributors(self) -> Template:
        """Translators, editors when authors head the reference, the other contributors."""
        return COMMA[optional[translated], optional[editors_after], optional[contributors]]

    def container(self) -> Template:
        """``dans X (dir.), Titre du livre`` / ``in William Shakespeare, Tragedies``."""
        return join(sep=" ")[
            self.words.in_,
            COMMA[
                optional[names(role="bookauthor")],
                optional[editors_after],
                tag("em")[title(prefix="book")],
            ],
        ]

    def publication(self) -> Template:
        """Edition, volume (and part), number of volumes, main title, series and number."""
        return COMMA[
            optional[edition],
            optional[volume],
            optional[total(name="volumes", key="volumes")],
            optional[tag("em")[title(prefix="main")]],
            optional[series],
            optional[labelled(name="number", word="number")],
        ]

    def tail(self, when: Template = date) -> Template:
        """When, which pages, notes, identifiers, links, original edition, related entries."""
        return COMMA[
            optional[when],
            optional[keyed(name="pubstate")],
            optional[pages],
            optional[text(name="eid")],
            optional[total(name="pagetotal", key="pagetotals")],
            optional[version],
            optional[text(name="note")],
            optional[text(name="addendum")],
            optional[number_of(name="isbn")],
            optional[number_of(name="issn")],
            optional[number_of(name="isrn")],
            optional[eprint],
            optional[doi_link],
            first_of[
                optional[join(sep=" ")[self.words.available, url_link]],
                optional[join(sep=" ")[self.words.available, text(name="site")]],
            ],
            optional[accessed],
            optional[original],
            optional[related],
        ]

    # --- one template per kind of work ---------------------------------------------------

    def get_article_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[translated],
            optional[contributors],
            optional[tag("em")[title(prefix="journal")]],
            optional[title(prefix="issue", quote=True)],
            optional[editors_after],
            optional[series],
            optional[volume],
            optional[issue_number],
            self.tail(when=issue_date),
        ]

    def get_book_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            self.contributors(),
            self.publication(),
            optional[event],
            optional[text(name="howpublished")],
            optional[chapter],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    def get_booklet_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            optional[kind],
            optional[text(name="howpublished")],
            optional[publisher],
            optional[chapter],
            self.tail(),
        ]

    def get_periodical_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            optional[title(prefix="issue", quote=True)],
            optional[editors_after],
            optional[contributors],
            optional[series],
            optional[volume],
            optional[issue_number],
            optional[publisher],
            self.tail(when=issue_date),
        ]

    def get_inbook_template(self, e: Source) -> Template:
        if "booktitle" not in e.fields:  # BibTeX's @inbook: the title is the book's
            return self.get_book_template(e)
        own = self.work_title() if e.type == "bookinbook" else self.part_title()
        return COMMA[
            self.who(),
            optional[own],
            optional[translated],
            optional[contributors],
            optional[self.container()],
            self.publication(),
            optional[chapter],
            optional[publisher],
            self.tail(),
        ]

    def get_incollection_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[translated],
            optional[contributors],
            optional[self.container()],
            optional[event],
            self.publication(),
            optional[chapter],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    def get_thesis_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[kind],
            optional[publisher(name="institution")],
            self.tail(),
        ]

    def get_report_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[
                join(sep=" ")[optional[kind], optional[labelled(name="number", word="number")]]
            ],
            optional[outlet],
            optional[publisher(names=("institution", "publisher"))],
            self.tail(),
        ]

    def get_online_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]
