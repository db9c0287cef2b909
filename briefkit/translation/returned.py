"""What a translator sent back: a target's Markdown, and how its placeholders were broken.

Each code in a returned target is looked up by its id among the codes the
passage had when exported (:mod:`briefkit.translation.units`); the markup
written is briefkit's own, never the file's. A placeholder deleted (when it
may not be), doubled (when it may not be copied), invented or turned into
another kind is a problem, and so is text that would make Markdown markup
or cut the passage with a line break.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import Counter

from briefkit.translation.inline import codes, tokenize
from briefkit.translation.passages import Passage
from briefkit.translation.units import Markup


def decode(
    element: etree.Element, table: dict[str, Markup], seen: Counter[str], found: list[str]
) -> str:
    """The Markdown of a target element; code ids go to ``found`` (problems are found later)."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        code_id = str(child.get("copyOf") or child.get("id") or "")
        known = table.get(code_id)
        if tag in ("ph", "pc"):
            found.append(
                code_id
                if known and (tag == "pc") == (known.end is not None)
                else f"!{tag}:{code_id}"
            )
            if known:
                parts.append(known.start)
                if tag == "pc":
                    parts += [decode(child, table, seen, found), known.end or ""]
        elif tag == "mrk":
            parts.append(decode(child, table, seen, found))  # an annotation: its text is kept
        elif tag == "cp":
            found.append(f"!cp:{child.get('hex')}")
        else:
            found.append(f"!{tag}:{code_id}")
        parts.append(child.tail or "")
    return "".join(parts)


def placeholder_problems(table: dict[str, Markup], used: Counter[str]) -> list[str]:
    problems = []
    for code_id, count in used.items():
        if code_id.startswith("!"):
            tag, _, ident = code_id[1:].partition(":")
            problems.append(
                f"<{tag} id={ident!r}> is not one of this passage's placeholders: "
                "use the ones the file came with"
            )
        elif count > 1 and not table[code_id].copyable:
            problems.append(
                f"placeholder {code_id} ({_show(table[code_id])}) is there {count} times: keep one"
            )
    for code_id, code in table.items():
        if not used.get(code_id) and not code.deletable and not code_id.startswith("t"):
            problems.append(f"placeholder {code_id} ({_show(code)}) was deleted: put it back")
    return problems


def _show(code: Markup) -> str:
    return f"`{code.start}…{code.end}`" if code.end is not None else f"`{code.start}`"


def markup_problems(text: str, found: list[str], source: Passage) -> list[str]:
    """Markup the translator typed as text, or a line break that would cut the passage."""
    problems = []
    if "\n\n" in text.strip("\n") or (source.kind in ("heading", "field") and "\n" in text.strip()):
        problems.append(
            "the translation holds a line break this passage cannot have: join its lines"
        )
    typed = len(codes(tokenize(text))) - len([f for f in found if not f.startswith("!")])
    if typed > 0:
        problems.append(
            "the translation's text makes Markdown markup (`*`, `_`, `[`, `<`, `` ` ``, `&`, `{`): "
            "use the file's placeholders, or write it with a backslash before it"
        )
    return problems
