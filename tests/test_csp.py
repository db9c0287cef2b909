"""The Content-Security-Policy: what it allows, where it stands, the brief under it."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from briefkit.content.policy import script_json
from briefkit.site.audit import audit_site
from briefkit.site.csp import directives, inline_script_hashes, policy_text, with_csp

PAGE = (
    '<html><head><meta charset="utf-8"><script>theme()</script></head><body>'
    '<script type="application/ld+json">{"a": 1}</script><article>CONTENT</article>'
    '<script src="x.js"></script></body></html>'
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_the_theme_s_inline_scripts_are_hashed() -> None:
    content = "<p>x</p><script>injected()</script>"
    html = PAGE.replace("CONTENT", content)
    assert inline_script_hashes(html, content) == [sha("theme()")]
    assert sha("injected()") in inline_script_hashes(html)  # were it not left out


def test_the_policy_comes_right_after_the_charset() -> None:
    html = with_csp(PAGE)
    assert html.index('<meta charset="utf-8">') < html.index("Content-Security-Policy")
    assert html.index("Content-Security-Policy") < html.index("<script>theme()")
    assert sha("theme()") in html


def test_the_directives_forbid_inline_scripts_objects_and_base() -> None:
    rules = directives()
    assert rules["default-src"] == "'self'"
    assert "'unsafe-inline'" not in rules["script-src"]
    assert rules["object-src"] == rules["base-uri"] == "'none'"
    text = policy_text([sha("a")])
    assert f"script-src 'self' {sha('a')} 'wasm-unsafe-eval'" in text


def test_embedded_json_cannot_close_its_script() -> None:
    text = script_json({"t": "</script><!--<script>&\u2028\u2029"})
    assert not set(text) & set("<>&\u2028\u2029")
    assert __import__("json").loads(text)["t"] == "</script><!--<script>&\u2028\u2029"


def test_every_page_of_the_brief_passes_the_output_check(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert 'http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page
    assert audit_site(site, "http://127.0.0.1:8000/") == []
