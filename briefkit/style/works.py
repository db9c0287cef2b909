"""Templates of the works biblatex's standard styles have no driver for, and of misc.

Recordings, data and software, artworks and images, legal texts, patents,
events, letters, notes and entry sets (see ``template`` in
``briefkit/bib/datamodel.yml``); :class:`~briefkit.style.templates.BriefStyle`
takes them from :class:`OtherWorks` and gives them its shared pieces
(``who``, ``part_title``, ``contributors``, ``tail``…).
"""

from __future__ import annotations

from typing import Any

from pybtex.style.template import first_of, join, optional, tag

from briefkit.bib.model import Source
from briefkit.style.nodes import (
    comma_list,
    kind,
    listing,
    outlet,
    publisher,
    text,
    title,
)
from briefkit.style.persons import names
from briefkit.style.publication import edition, event, labelled, series
from briefkit.style.related import related

Template = Any
COMMA = comma_list  # the parts of a reference, with the language's comma


class OtherWorks:
    """The templates of the other kinds of work (a mixin of the style)."""

    who: Any
    part_title: Any
    work_title: Any
    contributors: Any
    tail: Any

    def get_recording_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[tag("em")[text(name="series")]],
            optional[kind],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    def get_misc_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[kind],
            optional[text(name="howpublished")],
            optional[event],
            first_of[
                optional[tag("em")[title(prefix="book")]],
                optional[tag("em")[title(prefix="journal")]],
            ],
            optional[outlet],
            optional[publisher(names=("publisher", "institution"))],
            self.tail(),
        ]

    def get_dataset_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[kind],
            optional[edition],
            optional[series],
            optional[labelled(name="number", word="number")],
            optional[outlet],
            optional[publisher],
            self.tail(),
        ]

    def get_artwork_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            self.contributors(),
            optional[kind],
            optional[text(name="howpublished")],
            optional[outlet],
            optional[publisher(names=("institution", "publisher"))],
            self.tail(),
        ]

    def get_legal_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.work_title()],
            optional[
                join(sep=" ")[optional[kind], optional[labelled(name="number", word="number")]]
            ],
            optional[outlet],
            optional[publisher(names=("institution", "publisher"))],
            self.tail(),
        ]

    def get_patent_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            optional[
                join(sep=" ")[optional[kind], optional[labelled(name="number", word="number")]]
            ],
            optional[names(role="holder")],
            optional[listing(name="location")],
            self.tail(),
        ]

    def get_event_template(self, e: Source) -> Template:
        return COMMA[
            self.who(),
            optional[self.part_title()],
            self.contributors(),
            optional[event],
            optional[publisher],
            self.tail(),
        ]

    get_letter_template = get_misc_template

    def get_note_template(self, e: Source) -> Template:
        return COMMA[optional[text(name="note")], optional[text(name="addendum")]]

    def get_set_template(self, e: Source) -> Template:
        return join(sep="; ")[related(members=True)]
