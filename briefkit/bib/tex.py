r"""TeX in ``.bib`` values, decoded to Unicode for display and for sorting.

pylatexenc parses the TeX and decodes it (accents in every form, ``\i``, ``\AA``,
``~``, ``--``/``---``, TeX quotes, symbols, math as text). This module only
tells it what a bibliography needs beyond its defaults:

- commands whose argument is text to keep (``\mbox``, ``\textsc``, ``\texttt``…),
  which pylatexenc would otherwise drop with their argument;
- emphasis (``\emph``, ``\textit``, ``\textbf``, ``{\em …}``, biblatex's
  ``\mkbibemph``, ``\mkbibitalic``, ``\mkbibbold``), sub- and superscripts
  (``\textsubscript``, ``\textsuperscript``, ``$_2$``, ``$^{3}$`` in math) and
  quotations (``\mkbibquote``: the language's quotation marks are chosen when
  the reference is written), carried as marker characters that :func:`runs`
  turns into tagged runs;
- biblatex's punctuation and dash commands (``\hyphen``, ``\nbhyphen``,
  ``\bibrangedash``, ``\addcomma``, ``\mkbibparens``…) as the characters
  they print; ``\ifmmode…\else…\fi`` as its text branch;
- ``\url``/``\href`` addresses kept verbatim, ``\cite`` shown as its keys,
  a ``%`` that is not a TeX comment kept as a percent sign;
- ``\noopsort{…}`` (BibTeX's sort hint): dropped from display, kept for sorting.

Written here by hand, because no maintained library does it: the expansion of
the ``\newcommand`` definitions a ``.bib`` file's ``@preamble`` holds (BibTeX
leaves them to LaTeX), and the final guarantee that no brace, backslash or
``#`` written as TeX syntax survives decoding (:attr:`Decoded.raw`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pylatexenc import latex2text, latexwalker, macrospec

EM_OPEN, EM_CLOSE, STRONG_OPEN, STRONG_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
SUB_OPEN, SUB_CLOSE, SUP_OPEN, SUP_CLOSE = "\ue00a", "\ue00b", "\ue00c", "\ue00d"
QUOTE_OPEN, QUOTE_CLOSE = "\ue00e", "\ue00f"
MARKERS = {EM_OPEN: ("em", 1), EM_CLOSE: ("em", -1), STRONG_OPEN: ("strong", 1),
           STRONG_CLOSE: ("strong", -1), SUB_OPEN: ("sub", 1), SUB_CLOSE: ("sub", -1),
           SUP_OPEN: ("sup", 1), SUP_CLOSE: ("sup", -1), QUOTE_OPEN: ("q", 1),
           QUOTE_CLOSE: ("q", -1)}  # fmt: skip
TAG_ORDER = ("sub", "sup", "strong", "em")  # a run takes the first tag it is inside
# In plain text (sorting, metadata) a quotation takes neutral typographic quotes.
PLAIN_QUOTES = {ord(QUOTE_OPEN): "“", ord(QUOTE_CLOSE): "”"}
# Characters the .bib escapes on purpose (\{ \} \# \textbackslash), held aside while decoding.
SOFT_SPACE = "\ue008"  # a space only if a word follows
SOFT_SPACE_END = re.compile("\ue008(?=[\\s),.;:\\]]|$)")
ESCAPES = {"\\{": "\ue004", "\\}": "\ue005", "\\#": "\ue006", "\\textbackslash": "\ue007"}
RESTORE = {"\ue004": "{", "\ue005": "}", "\ue006": "#", "\ue007": "\\"}
VERBATIM = re.compile(r"\\(url|path|href)\s*\{([^{}]*)\}")
PLACEHOLDER = re.compile("\ue010(\\d+)\ue011")
LONE_PERCENT = re.compile(r"(?<!\\)%")
PLAIN = re.compile(r"[\\$~`'\-%{}#\ue000-\uf8ff]")
RAW = re.compile(r"[\\{}]")
MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)
MATH_SCRIPT = re.compile(r"(?<!\\)([_^])\s*(\{[^{}]*\}|\\[A-Za-z]+|[^\s{}\\])")
MARKER_SPLIT = re.compile("([\ue000-\ue003\ue00a-\ue00f])")
IFMMODE = re.compile(r"\\ifmmode\b(.*?)\\else\b(.*?)\\fi\b", re.S)
NBSP_SPACE = re.compile(" ?\u00a0 ?")  # "cité \\fg": the no-break space is the space
SPACES = re.compile(r"[ \t\r\n\f\v]+")
TABLES = yaml.load(Path(__file__).with_name("tex.yml").read_text(encoding="utf-8"),
                   Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # fmt: skip
KEEP_TEXT: tuple[str, ...] = tuple(TABLES["keep_text"])
EMPHASIS: dict[str, str] = dict(TABLES["emphasis"])
SECOND_ARGUMENT: tuple[str, ...] = tuple(TABLES["second_argument"])
WRAPPED: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in TABLES["wrapped"].items()}
DECLARATIONS: dict[str, str] = dict(TABLES["declarations"])
SYMBOLS: dict[str, str] = {
    name: str(text).replace("{soft space}", SOFT_SPACE) for name, text in TABLES["symbols"].items()
}


@dataclass(frozen=True)
class Macro:
    r"""A ``\newcommand`` from a ``@preamble``: name, number of arguments, body."""

    name: str
    nargs: int
    body: str


@dataclass(frozen=True)
class Decoded:
    """A decoded value: its text, its emphasis markers kept, the commands nobody knows."""

    marked: str  # the text with emphasis markers
    unknown: tuple[str, ...] = ()
    raw: bool = False  # TeX syntax (a brace, backslash or #) could not be decoded

    @property
    def text(self) -> str:
        return strip_markers(self.marked)


DEFINITION = re.compile(
    r"\\(?:(?:re|provide)?newcommand\*?|DeclareRobustCommand\*?)\s*\{?\s*\\([A-Za-z]+)\s*\}?"
    r"\s*(?:\[(\d)\])?\s*(?:\[[^\]]*\])?\s*\{|\\def\s*\\([A-Za-z]+)\s*((?:#\d)*)\s*\{"
)


def parse_preamble(text: str) -> tuple[Macro, ...]:
    r"""The ``\newcommand``/``\def`` definitions of a ``@preamble`` text."""
    macros = []
    for match in DEFINITION.finditer(text):
        body = _braced_body(text, match.end())
        if body is None:
            continue
        name = match[1] or match[3]
        nargs = int(match[2] or 0) if match[1] else len(match[4] or "") // 2
        macros.append(Macro(name, nargs, body))
    return tuple(macros)


def _braced_body(text: str, start: int) -> str | None:
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[start:index]
    return None


def strip_markers(text: str) -> str:
    """``text`` without its markers (a quotation keeps neutral quotation marks)."""
    return text.translate({**{ord(m): None for m in MARKERS}, **PLAIN_QUOTES})


def runs(marked: str) -> tuple[tuple[str, str], ...]:
    """``(text, tag)`` runs of a marked value.

    The tag is ``""``, ``"em"``, ``"strong"``, ``"sub"`` or ``"sup"`` (the
    innermost that matters: a subscript in italics is a subscript); a
    quotation is a run ``("", "q-open")`` … ``("", "q-close")`` around its text.
    """
    result: list[tuple[str, str]] = []
    depth = dict.fromkeys(TAG_ORDER, 0)
    for piece in MARKER_SPLIT.split(marked):
        if piece in MARKERS:
            tag, step = MARKERS[piece]
            if tag == "q":
                result.append(("", "q-open" if step > 0 else "q-close"))
                continue
            depth[tag] = max(0, depth[tag] + step)
        elif piece:
            tag = next((name for name in TAG_ORDER if depth[name]), "")
            result.append((piece, tag))
    return tuple(result)


def _math(match: re.Match[str]) -> str:
    """``$H_2O$`` with its sub- and superscripts as the commands that mark them."""

    def script(found: re.Match[str]) -> str:
        body = found[2][1:-1] if found[2].startswith("{") else found[2]
        if body.strip() == "\\circ":
            return "\\textdegree{}"
        command = "textsubscript" if found[1] == "_" else "textsuperscript"
        return f"\\{command}{{{body}}}"

    return "$" + MATH_SCRIPT.sub(script, match[1]) + "$"


def without_residue(text: str) -> str:
    """Text that could not be decoded, shown without TeX's commands, braces and backslashes."""
    return _squash(re.sub(r"\\[A-Za-z]+\*?|[\\{}$]", "", text))


@lru_cache(maxsize=65536)  # names, journals and publishers repeat across entries
def decode(value: str, macros: tuple[Macro, ...] = (), sort: bool = False) -> Decoded:
    """Decode a ``.bib`` value (delimiters already removed) to text with emphasis markers.

    ``sort`` keeps what only sorting needs (``\\noopsort{…}``'s argument).
    """
    value = value.translate({c: None for c in range(0xE000, 0xE020)})
    if not PLAIN.search(value):
        return Decoded(_squash(value))
    if not re.search(r"[\\$~`'%]|--", value):
        return Decoded(_squash(value.replace("{", "").replace("}", "")))
    value = IFMMODE.sub(r"\2", value)
    if "$" in value:
        value = MATH.sub(_math, value)
    for escape, mark in ESCAPES.items():
        value = value.replace(escape, mark)
    verbatim: list[str] = []

    def hold(match: re.Match[str]) -> str:
        verbatim.append("" if match[1] == "href" else match[2])
        return f"\ue010{len(verbatim) - 1}\ue011"

    value = LONE_PERCENT.sub(r"\\%", VERBATIM.sub(hold, value))
    converter = _converter(macros, sort)
    converter.unknown = set()
    try:
        text = converter.decode(value)
    except (latexwalker.LatexWalkerError, RecursionError, IndexError, ValueError):
        return Decoded(without_residue(value.translate(str.maketrans(RESTORE))), raw=True)
    text = _squash(SOFT_SPACE_END.sub("", text).replace(SOFT_SPACE, " "))
    raw = bool(RAW.search(text))
    if raw:
        text = without_residue(text)
    text = PLACEHOLDER.sub(lambda m: verbatim[int(m[1])], text)
    text = text.translate(str.maketrans(RESTORE))
    return Decoded(text, tuple(sorted(converter.unknown)), raw)


def _squash(text: str) -> str:
    """Runs of ordinary white space (not no-break spaces) as one space."""
    return NBSP_SPACE.sub("\u00a0", SPACES.sub(" ", text)).strip(" ")


class _Converter(latex2text.LatexNodes2Text):
    """pylatexenc's converter, remembering the commands it does not know."""

    def __init__(self, walker_db: Any, text_db: Any) -> None:
        super().__init__(latex_context=text_db, math_mode="text", strict_latex_spaces=False)
        self.walker_db = walker_db
        self.unknown: set[str] = set()
        self.depth = 0

    def decode(self, latex: str) -> str:
        """Decode ``latex``; nested calls (macro expansion) are bounded."""
        self.depth += 1
        try:
            if self.depth > 20:
                raise RecursionError("a \\newcommand expands without end")
            walker = latexwalker.LatexWalker(
                latex, latex_context=self.walker_db, tolerant_parsing=True
            )
            return self.nodelist_to_text(walker.get_latex_nodes()[0])
        finally:
            self.depth -= 1

    def macro_node_to_text(self, node: Any) -> str:
        if self.latex_context.get_macro_spec(node.macroname) is not None:
            return str(super().macro_node_to_text(node))
        if self.walker_db.get_macro_spec(node.macroname) is None:
            self.unknown.add(node.macroname)
        args = node.nodeargd.argnlist if node.nodeargd and node.nodeargd.argnlist else []
        return "".join(self._groupnodecontents_to_text(n) for n in args if n is not None)

    def group_node_to_text(self, node: Any) -> str:
        children = [n for n in node.nodelist if not _blank(n)]
        first = children[0] if children else None
        if first is not None and first.isNodeType(latexwalker.LatexMacroNode):
            tag = DECLARATIONS.get(first.macroname)
            if tag:
                inner = self.nodelist_to_text(node.nodelist[node.nodelist.index(first) + 1 :])
                return _wrap(tag, inner.strip())
        return str(super().group_node_to_text(node))


def _blank(node: Any) -> bool:
    return node.isNodeType(latexwalker.LatexCharsNode) and not node.chars.strip()


OPENING = {tag: marker for marker, (tag, step) in MARKERS.items() if step > 0}
CLOSING = {tag: marker for marker, (tag, step) in MARKERS.items() if step < 0}


def _wrap(tag: str, text: str) -> str:
    return OPENING[tag] + text + CLOSING[tag]


def _arg_text(node: Any, index: int) -> str:
    args = node.nodeargd.argnlist if node.nodeargd else []
    if index >= len(args) or args[index] is None:
        return ""
    arg = args[index]
    if arg.isNodeType(latexwalker.LatexGroupNode):
        return "".join(n.latex_verbatim() for n in arg.nodelist)
    return str(arg.latex_verbatim())


def _expand(macro: Macro) -> Any:
    def expand(n: Any, l2tobj: _Converter) -> str:
        body = macro.body
        for index in range(macro.nargs, 0, -1):
            body = body.replace(f"#{index}", _arg_text(n, index - 1))
        return l2tobj.decode(body)

    return expand


def _emphasis(tag: str) -> Any:
    return lambda n, l2tobj: _wrap(tag, l2tobj.decode(_arg_text(n, 0)))


def _second(node: Any, l2tobj: _Converter) -> str:
    """``\\foreignlanguage[opts]{german}{Text}``: the text, its language left aside."""
    return l2tobj.decode(_arg_text(node, 2))


def _wrapped(before: str, after: str) -> Any:
    return lambda n, l2tobj: before + l2tobj.decode(_arg_text(n, 0)) + after


@lru_cache(maxsize=64)
def _converter(macros: tuple[Macro, ...], sort: bool) -> _Converter:
    walker_specs = [macrospec.MacroSpec(m.name, "{" * m.nargs) for m in macros]
    walker_specs += [
        macrospec.MacroSpec(name, "{")
        for name in (*KEEP_TEXT, *EMPHASIS, *WRAPPED, "noopsort", "cite")
    ]
    walker_specs += [macrospec.MacroSpec(name, "[{{") for name in SECOND_ARGUMENT]
    walker_specs += [macrospec.MacroSpec(name, "{") for name in ("MakeUppercase", "MakeLowercase")]
    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category("briefkit", macros=walker_specs, prepend=True)
    noopsort = latex2text.MacroTextSpec("noopsort", "%s" if sort else "", discard=not sort)
    text_specs = [noopsort] if sort else []
    text_specs += [latex2text.MacroTextSpec(m.name, _expand(m)) for m in macros]
    text_specs += [
        noopsort,
        latex2text.MacroTextSpec("cite", lambda n, l2tobj: "[" + _arg_text(n, 0) + "]"),
        latex2text.MacroTextSpec(
            "MakeUppercase", lambda n, l2tobj: l2tobj.decode(_arg_text(n, 0)).upper()
        ),
        latex2text.MacroTextSpec(
            "MakeLowercase", lambda n, l2tobj: l2tobj.decode(_arg_text(n, 0)).lower()
        ),
        *(latex2text.MacroTextSpec(name, _emphasis(tag)) for name, tag in EMPHASIS.items()),
        *(latex2text.MacroTextSpec(name, _second) for name in SECOND_ARGUMENT),
        *(latex2text.MacroTextSpec(name, _wrapped(*marks)) for name, marks in WRAPPED.items()),
        *(latex2text.MacroTextSpec(name, "%s", discard=False) for name in KEEP_TEXT),
        *(latex2text.MacroTextSpec(name, "") for name in DECLARATIONS),
        *(latex2text.MacroTextSpec(name, text) for name, text in SYMBOLS.items()),
    ]
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category("briefkit", macros=text_specs, prepend=True)
    return _Converter(walker_db, text_db)
