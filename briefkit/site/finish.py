"""What a site needs from every page, done on the built HTML of an edition.

Whatever engine wrote the edition's pages (MkDocs through the plugin, or one
that runs Markdown extensions and no MkDocs plugin), its folder holds one
HTML file per page, which the generator's extensions marked: ``data-cites``
on each note, ``data-term`` on each glossary link, empty "cited in" and
"mentioned in" placeholders, the home page's ``[CITE]`` paragraph. This pass
reads every page in the engine's build order, gathers the cross-page facts
(:class:`~briefkit.assembly.harvest.CrossPageFacts`), then fills the lists,
writes each page's JSON-LD (where the template left its mark, else at the
end of ``<head>``), the "cite this brief" block and files, and the sitemaps
Material's language selector fetches. Internal links are checked where the
pages are converted (:mod:`briefkit.assembly.linkcheck`), with their lines.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin

from mkdocs.utils import get_relative_url

from briefkit.assembly.harvest import CrossPageFacts, page_title
from briefkit.bib.reader import Bibliography
from briefkit.content.identity import BriefIdentity
from briefkit.content.pagelist import edition_pages
from briefkit.core.editions import Edition
from briefkit.core.grammar import CITE_MARKER
from briefkit.core.sources import read_page
from briefkit.site.metadata import bibtex, cite_block, csl_json, json_ld, ris
from briefkit.site.theme import folder_sitemaps

CITE_PARAGRAPH = f"<p>{CITE_MARKER}</p>"  # the marker as the extensions leave it
JSONLD_MARK = "/*brief-jsonld*/"  # what the template writes where the JSON-LD goes
JSONLD_SLOT = f'<script type="application/ld+json">{JSONLD_MARK}</script>'


def build_order(pages: list[str]) -> list[str]:
    """Pages in the order engines build them: folder by folder, each index first."""

    def key(page: str) -> tuple[tuple[str, ...], bool, str]:
        path = PurePosixPath(page)
        return path.parent.parts, path.stem not in ("index", "README"), path.name

    return sorted(pages, key=key)


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL of page ``src`` relative to the edition's root (``a/b.md`` -> ``a/b/``),
    percent-encoded as MkDocs writes it (a name with a space or an accent)."""
    path = PurePosixPath(src)
    if not directory_urls:
        return quote(path.with_suffix(".html").as_posix())
    if path.stem in ("index", "README"):
        folder = path.parent.as_posix()
        return "" if folder == "." else quote(f"{folder}/")
    return quote(path.with_suffix("").as_posix() + "/")


def built_file(site: Path, url: str) -> Path:
    path = unquote(url)
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def finish_edition(
    edition: Edition,
    site: Path,
    identity: BriefIdentity,
    bibliography: Bibliography,
    editions: list[dict[str, str]],
) -> None:
    """Complete the built pages of ``edition`` in ``site`` and write its cite files and sitemaps.

    ``editions`` are every edition's names and addresses (Material's ``extra.alternate``).
    """
    directory_urls = edition.raw.get("use_directory_urls", True) is not False
    pages = []
    for src in build_order(edition_pages(edition)):
        url = page_url(src, directory_urls)
        if built_file(site, url).is_file():
            pages.append((src, url, built_file(site, url)))
    facts, texts = CrossPageFacts(), {}
    for src, url, path in pages:
        texts[url] = path.read_text(encoding="utf-8")
        meta = read_page(edition.docs_dir / src).meta
        facts.record(url, page_title(meta, texts[url], src), texts[url])
    for src, url, path in pages:
        output = _finish_page(edition, identity, bibliography, facts, src, url, texts[url])
        if output != texts[url]:
            path.write_text(output, encoding="utf-8")
    write_cite_files(edition, site, identity)
    own = edition.site_url
    for folder, text in folder_sitemaps([url for _, url, _ in pages], editions, own).items():
        # Page URLs are percent-encoded; the folders on disk are not.
        (site / unquote(folder) / "sitemap.xml").write_text(text, encoding="utf-8")


def _finish_page(
    edition: Edition,
    identity: BriefIdentity,
    bibliography: Bibliography,
    facts: CrossPageFacts,
    src: str,
    url: str,
    html: str,
) -> str:
    def target(there: str, anchor: object) -> str:
        fragment = f"fn:{anchor}" if isinstance(anchor, int) else str(anchor)
        return f"{get_relative_url(there, url)}#{fragment}"

    if src == "index.md" and CITE_PARAGRAPH in html:
        stem = Path(edition.pdf_name).stem
        files = {
            name: get_relative_url(f"{stem}.{suffix}", url)
            for name, suffix in (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))
        }
        html = html.replace(CITE_PARAGRAPH, cite_block(identity, files))
    html = facts.fill(html, edition.words, target, target)
    meta = read_page(edition.docs_dir / src).meta
    sources = [bibliography[k] for k in facts.cited.get(url, []) if k in bibliography]
    description = str(meta.get("description") or edition.raw.get("site_description") or "")
    title = page_title(meta, html, src)
    script = json_ld(identity, title, urljoin(edition.site_url, url), description, sources)
    block = f'<script type="application/ld+json">{script}</script>'
    if JSONLD_SLOT in html:
        return html.replace(JSONLD_SLOT, block, 1)
    if "</head>" in html and 'type="application/ld+json"' not in html:
        return html.replace("</head>", f"{block}</head>", 1)
    return html


def write_cite_files(edition: Edition, site: Path, identity: BriefIdentity) -> None:
    """The "cite this brief" files beside the edition's PDF; never without an author
    (the front-matter check names the missing field)."""
    if not identity.author.strip():
        return
    stem = Path(edition.pdf_name).stem
    for suffix, text in (("bib", bibtex(identity)), ("ris", ris(identity))):
        (site / f"{stem}.{suffix}").write_text(text, encoding="utf-8")
    (site / f"{stem}.json").write_text(csl_json(identity), encoding="utf-8")
