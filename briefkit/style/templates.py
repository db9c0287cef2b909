"""The style of references: one pybtex template per entry type, for every language.

Templates are declared once with pybtex's ``join``/``optional``/``first_of``
nodes and the pieces of :mod:`briefkit.style.nodes`; every word comes from the
language's :class:`~briefkit.core.vocabulary.Vocabulary`, so the French style is
the same templates with French words. A reference is a comma-separated
sequence, in this order: who, what (the title: quoted for a part of something,
italic for a whole work), where it appeared, how it was published, when, which
pages, notes, identifiers and links.
"""

from __future__ import annotations

from typing import Any

from pybtex.style.template import first_of, join, optional, tag

from briefkit.bib.model import Source
from briefkit.core.vocabulary import Vocabulary, vocabulary
from briefkit.style.nodes import (
    accessed,
    chapter,
    date,
    doi_link,
    edited,
    edition,
    editors_after,
    eprint,
    kind,
    labelled,
    listed,
    outlet,
    pages,
    people,
    publisher,
    quoted,
    series,
    text,
    title,
    translated,
    url_link,
    version,
)

Template = Any
# Types whose title is a whole work, in italics (the others are parts, in quotes).
WORK_TYPES = ("book", "mvbook", "collection", "proceedings", "periodical", "booklet", "manual")
COMMA = listed  # the parts of a reference, with the language's comma


class BriefStyle:
    """Note and bibliography forms of every supported entry type."""

    def __init__(self, lang: str, invert_first: bool = False, shorten: bool = True) -> None:
        self.words: Vocabulary = vocabulary(lang)
        self.invert_first = invert_first  # the bibliography: "Morvan, Élodie"
        self.shorten = shorten  # notes: four authors or more are "First et al."

    def format(self, source: Source) -> Any:
        """The reference of ``source`` as pybtex rich text."""
        template = getattr(self, f"get_{source.type}_template")(source)
        return template.format_data({"entry": source, "style": self})

    # --- pieces shared by the templates -------------------------------------------------

    def who(self) -> Template:
        """Authors, else editors (« dir. »), else nothing."""
        return first_of[optional[people(role="author")], optional[edited(head=True)]]

    def part_title(self) -> Template:
        """The title of a part of something (article, chapter, page): in quotes."""
        return quoted[title]

    def work_title(self) -> Template:
        """The title of a whole work (book, proceedings, periodical): in italics."""
        return tag("em")[title]

    def contributors(self) -> Template:
        """Translators, and editors when authors head the reference."""
        return COMMA[optional[translated], optional[editors_after]]

    def container(self) -> Template:
        """``dans X (dir.), Titre du livre`` / ``in X (ed.), Book Title``."""
        return join(sep=" ")[
            self.words.in_,
            COMMA[optional[editors_after], tag("em")[title(prefix="book")]],
        ]

    def volume_and_series(self) -> Template:
        return COMMA[
            optional[edition],
            optional[labelled(name="volume", word="volume")],
            optional[tag("em")[title(prefix="main")]],
            optional[series],
            optional[labelled(name="number", word="number")],
        ]

    def tail(self) -> Template:
        """When, which pages, notes, identifiers, links."""
        return COMMA[
            optional[date],
            optional[pages],
            optional[version],
            optional[text(name="note")],
            optional[text(name="addendum")],
            optional[eprint],
            optional[doi_link],
            first_of[
                optional[join(sep=" ")[self.words.available, url_link]],
                optional[join(sep=" ")[self.words.available, text(name="site")]],
            ],
            optional[accessed],
        ]

    # --- one template per type ----------------------------------------------------------

    def get_article_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[translated],
            optional[tag("em")[title(prefix="journal")]],
            optional[quoted[title(prefix="issue")]],
            optional[editors_after],
            optional[series],
            optional[labelled(name="volume", word="volume")],
            first_of[
                optional[labelled(name="number", word="number")],
                optional[labelled(name="issue", word="number")],
            ],
            self.tail(),
        ]

    def get_book_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            self.contributors(),
            self.volume_and_series(),
            optional[text(name="howpublished")],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    get_mvbook_template = get_book_template
    get_collection_template = get_book_template
    get_proceedings_template = get_book_template

    def get_periodical_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            optional[quoted[title(prefix="issue")]],
            optional[editors_after],
            optional[labelled(name="volume", word="volume")],
            first_of[
                optional[labelled(name="number", word="number")],
                optional[labelled(name="issue", word="number")],
            ],
            optional[publisher],
            self.tail(),
        ]

    get_booklet_template = get_book_template
    get_manual_template = get_book_template

    def get_inbook_template(self, e: Source) -> Template:
        if "booktitle" not in e.fields:  # BibTeX's @inbook: the title is the book's
            return COMMA[
                self.who(),
                optional[self.work_title()],
                self.contributors(),
                self.volume_and_series(),
                optional[chapter],
                optional[publisher],
                self.tail(),
            ]
        return self.get_incollection_template(e)

    def get_incollection_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[translated],
            optional[self.container()],
            self.volume_and_series(),
            optional[chapter],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    get_inproceedings_template = get_incollection_template

    def _thesis(self, default: str) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[kind(default=default)],
            first_of[optional[publisher(name="school")], optional[publisher(name="institution")]],
            self.tail(),
        ]

    def get_phdthesis_template(self, e: Source) -> Template:
        return self._thesis("phdthesis")

    def get_mastersthesis_template(self, e: Source) -> Template:
        return self._thesis("mastersthesis")

    def get_thesis_template(self, e: Source) -> Template:
        return self._thesis("")

    def _report(self, default: str) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[
                join(sep=" ")[
                    optional[kind(default=default)],
                    optional[labelled(name="number", word="number")],
                ]
            ],
            optional[publisher(name="institution")],
            self.tail(),
        ]

    def get_report_template(self, e: Source) -> Template:
        return self._report("")

    def get_techreport_template(self, e: Source) -> Template:
        return self._report("techreport")

    def get_online_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    def get_audio_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[tag("em")[text(name="series")]],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    def get_misc_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[text(name="howpublished")],
            first_of[optional[text(name="booktitle")], optional[text(name="journal")]],
            optional[outlet],
            optional[publisher],
            optional[publisher(name="institution")],
            self.tail(),
        ]

    get_unpublished_template = get_misc_template
    get_dataset_template = get_misc_template
    get_software_template = get_misc_template
