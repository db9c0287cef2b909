"""Entries that say something about another one: ``related`` and the members of a ``@set``.

As biblatex does (manual §3.4): ``relatedtype`` names the relation with a
localisation key (« réimpr. de », "trans. of", "review of"), ``relatedstring``
replaces those words, and each related entry follows in full. A ``@set``
(``entryset``) is its members' references, one after the other. A related
entry's own relations are not followed, so a cycle (a reprint of a reprint
of itself) stops after one step.
"""

from __future__ import annotations

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, join, node


@node
def related(children, context, members=False):  # type: ignore[no-untyped-def]
    """``réimpr. de <the related entry>``; with ``members``, a set's references."""
    source, style = context["entry"], context["style"]
    others = [] if context.get("nested") else source.related
    if not others:
        raise FieldIsMissing("entryset" if members else "related", source)
    # A set's members are the set, in its form; a related entry is named as in a note.
    plain = style if members else type(style)(style.lang, invert_first=False, shorten=style.shorten)
    references = [
        plain.template(other).format_data({"entry": other, "style": plain, "nested": True})
        for other in others
    ]
    joined = join(sep="; ")[references].format()
    if members:
        return joined
    words = source.fields.get("relatedstring", "").strip()
    if not words:
        relation = source.fields.get("relatedtype", "").strip()
        words = (style.words.bibstring(relation) or relation) if relation else ""
    if not words:
        return joined
    first = str(references[0])[:1] or " "
    prefix = style.words.before(words + " ", first)[: -len(first)]  # « réimpr. d’Élodie… »
    return Text(prefix, joined)
