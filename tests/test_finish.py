"""The cross-page pass over built HTML, whatever engine wrote the pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefkit.bib.reader import load_bibliography_dir
from briefkit.content.identity import BriefIdentity
from briefkit.core.editions import load_publication
from briefkit.core.sources import read_page
from briefkit.site.finish import build_order, finish_edition, page_url

MINIBRIEF = Path(__file__).resolve().parent / "fixtures" / "minibrief"
# Pages as an engine without the plugin writes them: the extensions' marks, no JSON-LD slot.
HEAD = "<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
PAGES = {
    "index.md": "<h1>Accueil</h1><p>[CITE]</p>",
    "ruches.md": (
        '<p>Texte<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>, '
        '<a class="brief-term" data-term="glossaire/terme.md" href="../glossaire/terme/">T</a>.'
        '</p><div class="footnote"><ol><li id="fn:1" data-cites="morvan2021essaims">…</li>'
        "</ol></div>"
    ),
    "bibliographie.md": (
        '<ul class="brief-bibliography"><li id="ref-morvan2021essaims">'
        '<p class="brief-entry">…</p>'
        '<p class="brief-cited-in" data-key="morvan2021essaims"></p></li></ul>'
    ),
    "glossaire/terme.md": '<div class="brief-mentioned-in" data-term="glossaire/terme.md"></div>',
}


def test_engines_build_folder_by_folder_each_index_first() -> None:
    pages = ["b.md", "a/x.md", "index.md", "a/index.md", "c.md"]
    assert build_order(pages) == ["index.md", "b.md", "c.md", "a/index.md", "a/x.md"]
    assert [page_url(p) for p in ("index.md", "a/index.md", "b.md")] == ["", "a/", "b/"]


def test_a_site_built_by_another_engine_gets_every_cross_page_feature(tmp_path: Path) -> None:
    edition = load_publication(MINIBRIEF).main
    site = tmp_path / "site"
    for src, body in PAGES.items():
        target = site / page_url(src) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        title = str(read_page(edition.docs_dir / src).meta["title"])
        target.write_text(HEAD.format(title=title, body=body), encoding="utf-8")
    home = read_page(edition.docs_dir / "index.md").meta
    identity = BriefIdentity.from_meta(home, edition.site_url, edition.lang, edition.raw)
    bibliography = load_bibliography_dir(MINIBRIEF / "bib")[0]
    finish_edition(edition, site, identity, bibliography, [])

    def page(url: str) -> str:
        return (site / url / "index.html").read_text(encoding="utf-8")

    ruches = str(read_page(edition.docs_dir / "ruches.md").meta["title"])
    assert f'<a href="../ruches/#fn:1">{ruches}, note\u00a01</a>' in page("bibliographie")
    assert '<a href="../../ruches/#term-terme">' in page("glossaire/terme")
    assert 'class="brief-cite"' in page("") and "[CITE]" not in page("")
    (data,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script></head>', page("ruches"), re.S
    )
    work = json.loads(data)
    assert work["url"] == edition.site_url + "ruches/"
    assert [c["name"] for c in work["citation"]] == ["Les essaims perdus du plateau de Valdrenne"]
    assert (site / "brief-fr.bib").read_text(encoding="utf-8").startswith("@misc{")
    assert (site / "ruches" / "sitemap.xml").is_file()


@pytest.mark.parametrize("repeat", [2])
def test_the_pass_is_idempotent(tmp_path: Path, repeat: int) -> None:
    edition = load_publication(MINIBRIEF).main
    site = tmp_path / "site"
    (site / "ruches").mkdir(parents=True)
    (site / "ruches" / "index.html").write_text(HEAD.format(title="R", body=PAGES["ruches.md"]))
    identity = BriefIdentity.from_meta({}, edition.site_url, edition.lang, edition.raw)
    bibliography = load_bibliography_dir(MINIBRIEF / "bib")[0]
    outputs = []
    for _ in range(repeat):
        finish_edition(edition, site, identity, bibliography, [])
        outputs.append((site / "ruches" / "index.html").read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert outputs[0].count("application/ld+json") == 1
