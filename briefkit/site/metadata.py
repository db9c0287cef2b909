"""The brief's own reference and its machine-readable page metadata.

One source of truth: the home page's front matter (title, author, date,
description, keywords) plus the site's URL and language. From it come the
"Cite this brief" block (the reference formatted in the page's language by
the notes' own style, then BibTeX, RIS and CSL-JSON) and each page's JSON-LD,
which also lists the works the page cites.
"""

from __future__ import annotations

import html
import json
import re

from briefkit.bib.reader import Source
from briefkit.content.dates import BriefDates
from briefkit.content.identity import BriefIdentity
from briefkit.content.policy import script_json
from briefkit.extensions.typography import space_html
from briefkit.style.references import reference_sentence

# The brief's identity has one owner (briefkit.content.identity); the old name stays.
BriefInfo = BriefIdentity


def csl_json(info: BriefInfo) -> str:
    """The reference as a CSL-JSON item list."""
    item = {
        "id": info.key, "type": "report", "title": info.title,
        "author": [{"family": " ".join(info.person.last_names),
                    "given": " ".join(info.person.first_names)}],
        "issued": {"date-parts": [[info.date.year, info.date.month, info.date.day]]},
        "genre": info.words.genre, "abstract": info.description,
        "language": info.lang, "URL": info.url, "note": info.note,
    }  # fmt: skip
    if info.dates.written:
        parts = [int(part) for part in info.dates.written.split("-")]
        item["original-date"] = {"date-parts": [parts]}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# What TeX reads as markup, written so that BibTeX and biblatex print it as text.
TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
    "#": r"\#", "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def tex_text(value: str) -> str:
    """``value`` as BibTeX text: its braces balanced, its specials escaped, one line."""
    flat = CONTROL.sub(" ", value)
    return "".join(TEX_SPECIALS.get(char, char) for char in flat)


def one_line(value: str) -> str:
    """A value for a line-based format (RIS): control characters become spaces."""
    return CONTROL.sub(" ", value).strip()


def bibtex(info: BriefInfo) -> str:
    """The reference as a BibTeX ``@misc`` entry (read by BibTeX and biblatex alike)."""
    last, first = " ".join(info.person.last_names), " ".join(info.person.first_names)
    fields = [
        ("author", f"{tex_text(last)}, {tex_text(first)}" if first else "{" + tex_text(last) + "}"),
        ("title", "{" + tex_text(info.title) + "}"),
        ("year", str(info.date.year)),
        ("month", str(info.date.month)),
        ("url", info.url),
        ("language", info.words.babel),
        ("note", tex_text(info.note)),
    ]
    if info.dates.written:
        fields.insert(4, ("origdate", info.dates.written))  # biblatex: when it was written
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{info.key},\n{body}}}\n"


def ris(info: BriefInfo) -> str:
    """The reference in RIS, for Zotero, EndNote and Mendeley."""
    last, first = " ".join(info.person.last_names), " ".join(info.person.first_names)
    lines = [
        ("TY", "RPRT"),
        ("AU", f"{last}, {first}"),
        ("TI", info.title),
        ("PY", str(info.date.year)),
        ("DA", info.date.strftime("%Y/%m/%d")),
        ("AB", info.description),
        ("LA", info.lang),
        ("UR", info.url),
        *((("OP", info.dates.written),) if info.dates.written else ()),
        ("N1", info.note),
        *(("KW", k) for k in info.keywords),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {one_line(value)}\n" for tag, value in lines)


def as_source(info: BriefInfo) -> Source:
    """The brief as a bibliography entry, to format it like the sources it cites."""
    fields = {
        "title": info.title,
        "type": info.words.genre,
        "year": str(info.date.year),
        "month": str(info.date.month),
        "url": info.url,
    }
    written = BriefDates(None, info.dates.written, info.dates.sources_until).lines(info.words)
    if written:  # inside a reference: "…, novembre 2026, rédigé en 2023, sources consultées…"
        fields["note"] = info.words.comma.join(line[:1].lower() + line[1:] for line in written)
    return Source(info.key, "report", fields, {"author": [info.person]}, "docs/index.md", 1)


def reference(info: BriefInfo) -> str:
    """The brief's reference as HTML, in its language and the notes' style."""
    return space_html(reference_sentence(as_source(info), info.lang), info.lang)


def cite_block(info: BriefInfo, files: dict[str, str]) -> str:
    """The home page's "Cite this brief" block, every value escaped.

    The formatted reference comes first, with a copy button (shown by the
    site's script, which does the copying); the machine formats follow in a
    collapsed block, each with a link to its file (``files``: format -> href).
    """
    words = info.words
    parts = [("BibTeX", bibtex(info)), ("RIS", ris(info)), ("CSL-JSON", csl_json(info))]
    formats = "".join(
        f'<h3>{name}</h3><p><a href="{html.escape(files[name])}" download>'
        f"{html.escape(words.cite_download.format(format=name))}</a></p>"
        f"<pre><code>{html.escape(text)}</code></pre>"
        for name, text in parts
    )
    return (
        f'<section class="brief-cite" aria-labelledby="cite">'
        f'<h2 id="cite">{html.escape(words.cite_title)}</h2>'
        f"<p>{html.escape(words.cite_intro)}</p>"
        f'<p class="brief-cite-reference">{reference(info)}</p>'
        f'<p><button type="button" class="md-button brief-cite-copy" hidden '
        f'data-copied="{html.escape(words.cite_copied)}">{html.escape(words.cite_copy)}</button>'
        f'<span class="brief-cite-status" role="status"></span></p>'
        f'<details class="brief-cite-formats"><summary>{html.escape(words.cite_formats)}</summary>'
        f"{formats}</details></section>"
    )


def cited_work(source: Source) -> dict[str, object]:
    """A cited source as a schema.org ``CreativeWork``."""
    work: dict[str, object] = {"@type": "CreativeWork", "name": source.fields.get("title", "")}
    people = source.persons.get("author", [])
    if people:
        work["author"] = [
            {
                "@type": "Person" if p.first_names else "Organization",
                "name": " ".join(p.first_names + p.last_names).strip("{} "),
            }
            for p in people
        ]
    if source.fields.get("year"):
        work["datePublished"] = source.fields["year"]
    if source.fields.get("url"):
        work["url"] = source.fields["url"]
    return work


def json_ld(
    info: BriefInfo, page_title: str, page_url: str, description: str, cited: list[Source]
) -> str:
    """A page's JSON-LD, safe to place inside ``<script>``."""
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": page_title,
        "name": page_title,
        "description": description,
        "author": {"@type": "Person", "name": info.author},
        **({"dateCreated": info.dates.written} if info.dates.written else {}),
        "datePublished": info.date.isoformat(),
        "dateModified": info.date.isoformat(),
        "inLanguage": info.lang,
        "url": page_url,
        "keywords": list(info.keywords),
        "isPartOf": {
            "@type": "Report",
            "name": info.title,
            "url": info.url,
            "author": {"@type": "Person", "name": info.author},
        },
        "citation": [cited_work(s) for s in cited],
    }
    # No value can close the script element or start a comment in it.
    return script_json(data, indent=1)
