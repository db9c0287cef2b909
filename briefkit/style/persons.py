"""Names in references: pybtex name styles, one joining rule, biblatex's editorial roles.

Three pybtex name styles write one person (:class:`FullName` ``Anna van der
Linden``, :class:`InvertedName` ``Linden, Anna van der``, :class:`FamilyName`
``van der Linden``; the parts come from :mod:`briefkit.bib.names`), and one
node, :func:`names`, joins a list with pybtex's ``join`` and the language's
conjunction, for every form: the notes' (one to three names, else the first
and « et al. », as Chicago does), the bibliography's (all, the first
inverted) and the short form's (family names). ``and others`` at the end of
a list is « et al. » wherever it is written.

Roles follow biblatex (manual §2.3.5): ``editortype`` (and ``editoratype``…)
name what an editor did (« comp. », « fond. »); an editor who is also the
translator is named once, « (dir. et trad.) »; annotators, commentators and
the authors of an introduction, a foreword or an afterword are named with
their part.
"""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.names import BaseNameStyle
from pybtex.style.template import FieldIsMissing, join, node

from briefkit.bib.namelist import split_list
from briefkit.bib.names import family, full_name, inverted_name, is_others
from briefkit.core.vocabulary import Vocabulary
from briefkit.style.isolation import family_first, isolated
from briefkit.style.titlelang import language_tag

ET_AL_FROM = 4
CONTRIBUTORS = (("annotator", "byannotator"), ("commentator", "bycommentator"),
                ("introduction", "withintroduction"), ("foreword", "withforeword"),
                ("afterword", "withafterword"))  # fmt: skip


class FullName(BaseNameStyle):  # type: ignore[misc]
    """``Anna van der Linden``, ``Joseph S. Bermudez Jr.``; ``한강``, ``Kim Jong-un``."""

    def __init__(self, family_first: bool = False) -> None:
        self.family_first = family_first

    def format(self, person: Person, abbr: bool = False) -> Text:
        return Text(full_name(person, self.family_first))


class InvertedName(FullName):
    """``Linden, Anna van der``: the bibliography's first name, sorted by family."""

    def format(self, person: Person, abbr: bool = False) -> Text:
        return Text(inverted_name(person, self.family_first))


class FamilyName(BaseNameStyle):  # type: ignore[misc]
    """``van der Linden``: the short form's name."""

    def format(self, person: Person, abbr: bool = False) -> Text:
        return Text(family(person))


FULL, INVERTED, FAMILY = FullName(), InvertedName(), FamilyName()
FULL_FAMILY_FIRST, INVERTED_FAMILY_FIRST = FullName(True), InvertedName(True)


def full_style(source: Any, inverted: bool = False) -> BaseNameStyle:
    """The full name style for ``source``'s names (its ``nameorder`` option decides the order)."""
    if family_first(source):
        return INVERTED_FAMILY_FIRST if inverted else FULL_FAMILY_FIRST
    return INVERTED if inverted else FULL


def joined(
    people: list[Person], words: Vocabulary, shorten: bool, first: BaseNameStyle = FULL,
    rest: BaseNameStyle = FULL,
) -> Text:  # fmt: skip
    """People joined by the language's words; ``shorten`` applies the notes' et al. rule."""
    others = bool(people) and is_others(people[-1])
    real = [p for p in people if not is_others(p)]
    if shorten and len(real) >= ET_AL_FROM:
        real, others = real[:1], True
    parts = [(first if i == 0 else rest).format(p) for i, p in enumerate(real)]
    if others:  # « A, B et al. »: the list goes on, so no conjunction before the last
        return (
            Text(join(sep=words.comma)[parts].format(), " ", words.et_al)
            if parts
            else Text(words.et_al)
        )
    return join(sep=words.comma, sep2=words.and_, last_sep=words.and_)[parts].format()


def _style(context: dict[str, Any]) -> Any:
    return context["style"]


@node
def names(children, context, role="author", head=False, short=False):  # type: ignore[no-untyped-def]
    """The people of ``role``: in a note's form, the bibliography's (``head``), or ``short``.

    A ``bookauthor`` who is the author is not named twice (« dans <em>Œuvres</em> »).
    """
    source, style = context["entry"], _style(context)
    people = source.persons.get(role)
    if not people or (role == "bookauthor" and people == source.persons.get("author")):
        raise FieldIsMissing(role, source)
    if short:
        return Text(isolated(context, joined(people, style.words, True, FAMILY, FAMILY)))
    first = full_style(source, inverted=head and style.invert_first)
    shown = joined(people, style.words, style.shorten, first, full_style(source))
    return Text(isolated(context, shown))


def role_form(words: Vocabulary, role: str, many: bool) -> str:
    """The format naming editors by their role (``{names} (comp.)``); editor by default."""
    if role and role.lower() != "editor":
        known = words.bibstring(role)
        if known and "{names}" in known:
            return known
        if role.strip():
            return "{names} (" + role.strip() + ")"  # a role biblatex does not know, as written
    return words.edited_many if many else words.edited


def same_people(source: Any, role: str) -> bool:
    """Whether ``role``'s people are the editors (biblatex then names them once)."""
    editors = source.persons.get("editor")
    return bool(editors) and editors == source.persons.get(role)


def merged_translator(source: Any) -> bool:
    """Whether the editors are also the translators (biblatex names them once)."""
    editors, translators = source.persons.get("editor"), source.persons.get("translator")
    return bool(editors) and editors == translators and not source.fields.get("editortype")


@node
def edited(children, context, head=False, role="editor"):  # type: ignore[no-untyped-def]
    """``Pierre Dupont (dir.)``; ``(comp.)`` for a compiler; ``(dir. et trad.)`` for both."""
    source, style = context["entry"], _style(context)
    editors = source.persons.get(role)
    if not editors:
        raise FieldIsMissing(role, source)
    first = full_style(source, inverted=head and style.invert_first)
    text = isolated(context, joined(editors, style.words, style.shorten, first, full_style(source)))
    many = len([p for p in editors if not is_others(p)]) > 1
    merged = role == "editor" and merged_translator(source)
    if merged:
        form = style.words.bibstring("editorstr" if many else "editortr") or style.words.edited
    elif (
        role == "editor"
        and same_people(source, "commentator")
        and not source.fields.get("editortype")
    ):
        form = style.words.bibstring("editorsco" if many else "editorco") or style.words.edited
    else:
        form = role_form(style.words, source.fields.get(f"{role}type", ""), many)
    before, _, after = form.partition("{names}")
    shown = Text(before, text, after)
    original = language_name(source.fields.get("origlanguage", ""), style.lang)
    told = style.words.bibstring("originallanguage")
    if merged and original and told:  # the translator's language said once, after the role
        return Text(shown, style.words.comma, told.format(language=original))
    return shown


def language_name(written: str, lang: str) -> str:
    """``german`` as the page's language calls it (« allemand »), from CLDR; else as written."""
    if not written.strip():
        return ""
    tag = language_tag(split_list(written)[0])
    if tag is None:
        return written
    try:
        name = Locale.parse(lang.replace("-", "_")).languages.get(tag.split("-")[0])
    except (ValueError, UnknownLocaleError):
        name = None
    return name or written


@node
def contributors(children, context):  # type: ignore[no-untyped-def]
    """Annotators, commentators, introduction, foreword, afterword, secondary editors."""
    source, style = context["entry"], _style(context)
    parts = []
    for role in ("editora", "editorb", "editorc"):
        if source.persons.get(role):
            parts.append(edited(role=role).format_data(context))
    for role, key in CONTRIBUTORS:
        people = source.persons.get(role)
        if role == "commentator" and same_people(source, "commentator"):
            continue  # named with the editors: « (dir. et comm.) »
        form = style.words.bibstring(key)
        if people and form:
            before, _, after = form.partition("{names}")
            shown = str(
                joined(people, style.words, style.shorten, full_style(source), full_style(source))
            )
            parts.append(Text(style.words.before(before, shown), after))
    if not parts:
        raise FieldIsMissing("editora", source)
    return join(sep=style.words.comma)[parts].format()
