"""The XLIFF 2 round trip on this brief, broken files refused, the schema, the termbase."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import shutil
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from briefkit.commands import check, translations
from briefkit.translation import xliff
from briefkit.translation.inline import codes, render, tokenize
from tests.conftest import ROOT
from tests.test_translation_status import commit, git

NS = {"x": xliff.NS}
SCHEMA_SHA256 = "5686d2dbe9dac95e34d1b06a805e1e0f4999db5d5a67dc8bb8514c780592a84d"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This brief in a scratch git repository, its English exported as XLIFF once."""
    root = tmp_path_factory.mktemp("xliff") / "brief"
    root.mkdir()
    for name in ("docs", "bib"):
        shutil.copytree(ROOT / name, root / name)
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, root / config.name)
    git(root, "init", "-q", "-b", "main")
    commit(root, "The brief", "2026-01-10T10:00:00Z")
    # An editor rewords the figure's French caption; its English still says the same, so
    # the stale figure is acknowledged: it exports as reviewed.
    page = root / "docs/fr/vostotchny.md"
    text = page.read_text(encoding="utf-8")
    old, new = "Tracés schématiques d’après", "Tracés schématiques établis d’après"
    assert text.count(old) == 1
    page.write_text(text.replace(old, new), encoding="utf-8")
    commit(root, "Reword the figure caption", "2026-01-11T10:00:00Z")
    figure = next(n for n, line in enumerate(text.splitlines(), 1) if "Tracés" in line)
    ack = ["--root", str(root), "ack", f"{page}:{figure}"]
    assert translations.main(ack) == 0
    commit(root, "Acknowledge the figure", "2026-01-11T11:00:00Z")
    out = root / "xliff"
    assert translations.main(["--root", str(root), "export", "--to", "en", "--out", str(out)]) == 0
    return root


@pytest.fixture
def brief(exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh clone of the exported brief (with its XLIFF files), to change."""
    root = tmp_path / "brief"
    git(tmp_path, "clone", "-q", str(exported), str(root))
    shutil.copytree(exported / "xliff", root / "xliff")
    monkeypatch.chdir(root)
    return root


def load(path: Path) -> etree.ElementTree:
    return etree.parse(path)


def unit(tree: etree.ElementTree, unit_id: str) -> etree.Element:
    found = tree.getroot().find(f".//x:unit[@id='{unit_id}']", NS)
    assert found is not None, unit_id
    return found


def target(tree: etree.ElementTree, unit_id: str) -> etree.Element:
    found = unit(tree, unit_id).find(".//x:target", NS)
    assert found is not None
    return found


def save(tree: etree.ElementTree, path: Path) -> None:
    etree.register_namespace("", xliff.NS)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def test_every_exported_file_is_valid_xliff_2(exported: Path) -> None:
    files = sorted((exported / "xliff" / "en").rglob("*.xlf"))
    assert len(files) == 11
    for path in files:
        assert xliff.schema_errors(path.read_bytes()) == [], path


def test_the_schema_is_the_oasis_one_unmodified() -> None:
    assert hashlib.sha256(xliff.SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_a_broken_document_fails_the_schema() -> None:
    bad = (
        f'<xliff xmlns="{xliff.NS}" version="2.0" srcLang="fr"><file id="f1">'
        '<unit id="u1"><segment><source>a</source><notes/></segment></unit></file></xliff>'
    ).encode()
    assert xliff.schema_errors(bad)


def test_units_carry_state_notes_and_protected_markup(exported: Path) -> None:
    tree = load(exported / "xliff/en/vostotchny.xlf")
    root = tree.getroot()
    assert (root.get("srcLang"), root.get("trgLang"), root.get("version")) == ("fr", "en", "2.0")
    third = unit(tree, "b4")  # the paragraph with an editor's note and a citation
    assert third.get("name") == "#p-3"
    segment = third.find("x:segment", NS)
    assert segment is not None and segment.get("state") == "final"
    notes = [n.text for n in third.findall("x:notes/x:note", NS)]
    assert notes[0] == (
        "paragraph #p-3 of vostotchny.md (docs/fr/vostotchny.md:12, "
        "translated at docs/en/vostotchny.md:12)"
    )
    editor_note = third.find(".//x:source/x:pc[@subType='briefkit:editor-note']", NS)
    assert editor_note is not None and editor_note.get("canDelete") == "no"
    assert editor_note.get("dispStart") == "^[ed: " and editor_note.get("dispEnd") == "]"
    inner = editor_note.find("x:ph", NS)
    assert inner is not None and inner.get("disp") == (
        "[@worldatlaspyongyang; @wikipediavostochny; @wikipediavladivostok; @kcna2023vladivostok]"
    )
    # The stale figure was acknowledged (the fixture): reviewed; a glossary term's names noted.
    assert unit(tree, "b7").find("x:segment", NS).get("state") == "reviewed"  # type: ignore[union-attr]
    notes = [
        note.text or ""
        for path in (exported / "xliff/en").rglob("*.xlf")
        for note in load(path).getroot().iterfind(".//x:note[@category='glossary']", NS)
    ]
    assert any(n.startswith("Quad: Quad; Quadrilateral Security Dialogue") for n in notes), notes


def test_round_trip_changes_exactly_three_passages(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = brief / "xliff/en/vostotchny.xlf"
    tree = load(path)
    for unit_id in ("fm.title", "b3", "b6"):
        element = target(tree, unit_id)
        element.text = "Revised: " + (element.text or "")
    save(tree, path)
    unchanged = brief / "xliff/en/attendre-et-observer.xlf"
    assert translations.main(["import", str(path), str(unchanged)]) == 0
    assert "docs/en/vostotchny.md: 3 passage(s) written" in capsys.readouterr().out
    diff = git(brief, "diff", "--unified=0", "--", "docs/en")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert [line[:22] for line in changed] == [
        "-title: The Vostochny ",
        "+title: 'Revised: The ",
        "-The Russian delegatio",
        "+Revised: The Russian ",
        "-North Korea has a vas",
        "+Revised: North Korea ",
    ]
    assert git(brief, "status", "--porcelain") == " M docs/en/vostotchny.md\n?? xliff/\n"
    # The imported passages are up to date: the check has nothing to say about them.
    assert check.main(["--root", str(brief)]) == 0
    assert "stale" not in capsys.readouterr().out


def test_reimporting_what_was_exported_changes_nothing(brief: Path) -> None:
    files = sorted(str(p) for p in (brief / "xliff/en").rglob("*.xlf"))
    assert translations.main(["import", *files]) == 0
    assert git(brief, "status", "--porcelain", "--", "docs") == ""


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("delete", "placeholder 3 (`[@cha2023summit]`) was deleted: put it back"),
        ("double", "placeholder 3 (`[@cha2023summit]`) is there 2 times: keep one"),
        ("invent", "<ph id='99'> is not one of this passage's placeholders"),
        ("kind", "<pc id='3'> is not one of this passage's placeholders"),
        ("typed", "the translation's text makes Markdown markup"),
    ],
)
def test_a_broken_placeholder_is_refused_with_its_unit_named(
    brief: Path, capsys: pytest.CaptureFixture[str], breakage: str, message: str
) -> None:
    path = brief / "xliff/en/vostotchny.xlf"
    tree = load(path)
    element = target(tree, "b4")
    cite = element.find("x:ph[@disp='[@cha2023summit]']", NS)
    assert cite is not None
    if breakage == "delete":
        element.remove(cite)
    elif breakage == "double":
        twin = copy.deepcopy(cite)
        twin.tail = None
        element.append(twin)
    elif breakage == "invent":
        cite.set("id", "99")
    elif breakage == "kind":
        cite.tag = f"{{{xliff.NS}}}pc"
        for name in ("dataRef", "disp"):
            del cite.attrib[name]
    else:
        element.text = "*Thus* " + (element.text or "")
    save(tree, path)
    before = (brief / "docs/en/vostotchny.md").read_bytes()
    assert translations.main(["import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "refused: broken placeholders or markup, nothing written:" in out
    assert f"unit b4 of vostotchny.md (paragraph #p-3): {message}" in out
    assert (brief / "docs/en/vostotchny.md").read_bytes() == before


@pytest.mark.parametrize(
    "payload",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaa">]><xliff/>',
        '<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><xliff/>',
        "<xliff",
        f'<xliff xmlns="{xliff.NS}" version="1.2"/>',
        f'<xliff xmlns="{xliff.NS}" version="2.0" srcLang="fr" trgLang="en"><file id="f1">'
        '<unit id="u1"><segment><source>a</source><notes/></segment></unit></file></xliff>',
    ],
    ids=["entity", "external-dtd", "not-well-formed", "xliff-1", "schema-invalid"],
)
def test_hostile_or_invalid_files_are_refused_without_a_traceback(
    brief: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    path = brief / "hostile.xlf"
    path.write_text(payload, encoding="utf-8")
    assert translations.main(["import", str(path)]) == 1
    assert capsys.readouterr().out.startswith("hostile.xlf: refused: ")


def test_a_page_outside_the_brief_is_refused(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = brief / "xliff/en/auteur.xlf"
    text = path.read_text(encoding="utf-8").replace('original="auteur.md"', 'original="../../x.md"')
    path.write_text(text, encoding="utf-8")
    assert translations.main(["import", str(path)]) == 1
    assert "file '../../x.md': no such page in both editions" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text",
    [
        "Voir [le texte](a.md#x) et **gras *it* fin** ^[ed: note [@k, p. 3] *x*.] `c` \\@",
        '&nbsp; <br> { lang="fr" } [^1] ![alt *x*](a.svg) <https://example.org>',
        "**",
        "[",
        "^[ed: [",
        "a_b_c",
        "`` ` ``",
        "[a]",
        "[a][b]",
    ],
)
def test_inline_markup_renders_back_exactly(text: str) -> None:
    assert render(tokenize(text)) == text


def test_every_passage_of_this_brief_renders_back_exactly() -> None:
    from briefkit.core.sources import read_page
    from briefkit.translation.passages import page_passages

    count = 0
    for path in sorted((ROOT / "docs").rglob("*.md")):
        passages = page_passages(read_page(path))
        for passage in [*passages.fields.values(), *passages.body]:
            nodes = tokenize(passage.text)
            assert render(nodes) == passage.text
            count += len(codes(nodes))
    assert count > 200


def test_the_termbase_lists_every_term_in_both_languages(brief: Path) -> None:
    assert translations.main(["termbase", "--out", "terms"]) == 0
    tbx = etree.parse(brief / "terms/glossary.tbx").getroot()
    tbx_ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert (tbx.get("type"), tbx.get("style")) == ("TBX-Basic", "dca")
    quad = tbx.find("t:text/t:body/t:conceptEntry[@id='c-glossaire-quad']", tbx_ns)
    assert quad is not None
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    english = quad.find(f"t:langSec[@{lang}='en']", tbx_ns)
    assert english is not None
    terms = [t.text for t in english.iterfind("t:termSec/t:term", tbx_ns)]
    assert terms[:2] == ["Quad", "Quadrilateral Security Dialogue"]
    assert translations.main(["termbase", "--out", "terms", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO((brief / "terms/glossary.csv").read_text("utf-8-sig"))))
    assert rows[0][:4] == ["concept", "fr term", "fr other names", "fr definition"]
    assert len(rows) == 5


def test_export_refuses_an_unknown_language(
    brief: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert translations.main(["export", "--to", "de"]) == 1
    assert "--to de: not an edition of this brief; use one of en" in capsys.readouterr().out


def test_one_file_per_brief(brief: Path) -> None:
    assert translations.main(["export", "--to", "en", "--out", "one", "--per", "brief"]) == 0
    document = (brief / "one/brief.fr-en.xlf").read_bytes()
    assert xliff.schema_errors(document) == []
    assert len(etree.fromstring(document).findall("x:file", NS)) == 11
