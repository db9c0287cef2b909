"""A property: any ``.bib`` made of valid biblatex renders, in every form, with no TeX left.

Hypothesis builds entries of any type of the data model with any of its
fields, each value drawn from valid biblatex: TeX accents and commands,
protected capitals, dashes, ties, math sub- and superscripts, name lists in
every form, dates in every documented form. Reading, checking and writing
them must never raise, and no brace, backslash or dollar may reach the text.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.bib.datamodel import model
from briefkit.bib.library import Bibliography
from briefkit.bib.records import read_file
from briefkit.style.references import bibliography_entry, full_reference, short_reference

WORDS = ["phare", "Light", "île", "Kerbrat", "Øre", "naïve", "Straße", "東京", "2020", "e.g."]
TEX = [
    r"{\'e}",
    r"\'{e}",
    r"{\"o}",
    r"\c c",
    r"{\AA}",
    r"\emph{feu}",
    r"\textbf{mer}",
    r"{NATO}",
    "--",
    "---",
    "~",
    r"\&",
    r"\%",
    r"\mkbibquote{dit}",
    r"\mkbibemph{x}",
    r"H{$_2$}O",
    r"$x^{2}$",
    r"\textsuperscript{e}",
    r"\textsubscript{2}",
    r"co\hyphen op",
    r"{\noopsort{a}}",
    r"\url{https://example.org/a}",
    r"\foreignlanguage{french}{la mer}",
    r"\mbox{A-B}",
]
DATES = ["1850", "1997/", "/1997", "1997/..", "../1997", "1967-02", "2009-01-31", "1988/1992",
         "1995-03-30/1995-04-05", "2004-04-05T14:34:00", "-0876", "0000", "1723~", "1723?",
         "1723%", "2004-22", "2004-33", "199X", "1999-XX-XX",
         "2016-07-18T20:26:06+10:00"]  # fmt: skip
NAMES = ["Doe, Jane", "Jane Doe", "van der Linden, Anna", "Okonkwo, Jr., Chidi",
         "{Centre for Sea Studies}",
         "family=Heuvel, given=Charles, prefix=van den, useprefix=false",
         "given=Simon, family=Beumont, prefix=de, useprefix=true", "M{\\\"u}ller, J{\\'e}r{\\^o}me",
         "others"]  # fmt: skip
PIECE = st.sampled_from(WORDS + TEX)
LITERAL = st.lists(PIECE, min_size=1, max_size=6).map(" ".join)
NAME_LIST = st.lists(st.sampled_from(NAMES[:-1]), min_size=1, max_size=5).map(" and ".join)
KINDS = sorted(model().types)
FIELDS = sorted(model().kinds)
RESIDUE = re.compile(r"[{}\\$]")


def value_of(name: str) -> st.SearchStrategy[str]:
    kind = model().kind(name)
    if kind == "name":
        return NAME_LIST
    if kind == "date":
        return st.sampled_from(DATES)
    if kind == "uri":
        return st.sampled_from(["https://example.org/a|b c", "https://例え.jp/x?q=1&r=2"])
    if name == "doi":
        return st.sampled_from(["10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"])
    if kind in ("separated", "entrykey", "code", "verbatim"):
        return st.just("x")
    if name in ("month", "day", "year"):
        return st.sampled_from(["10", "3", "2020", "jan"])
    return LITERAL


ENTRY = st.tuples(
    st.sampled_from(KINDS),
    st.dictionaries(st.sampled_from(FIELDS), st.none(), min_size=1, max_size=12).flatmap(
        lambda names: st.fixed_dictionaries({n: value_of(n) for n in names})
    ),
)


def bib_text(kind: str, fields: dict[str, str]) -> str:
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@{kind}{{k,\n  title = {{Titre}},\n{body}}}\n"


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ENTRY)
def test_any_valid_biblatex_entry_renders_without_tex(tmp_path: Path, entry: tuple) -> None:  # type: ignore[type-arg]
    kind, fields = entry
    path = tmp_path / "p.bib"
    path.write_text(bib_text(kind, fields), encoding="utf-8")
    bibliography = Bibliography([read_file(path)])
    problems = bibliography.check(["k"])
    assert all(p.severity == "warning" for p in problems), [p.message for p in problems]
    if kind == "xdata":
        return
    source = bibliography["k"]
    for lang in ("fr", "en"):
        for text in (full_reference(source, lang), short_reference(source, lang),
                     bibliography_entry(source, lang)):  # fmt: skip
            assert not RESIDUE.search(re.sub(r"<[^>]+>", "", text)), text
