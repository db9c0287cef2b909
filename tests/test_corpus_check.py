"""Every case of the hostile corpus through the editors' check.

For each: no traceback, each expected message at its ``file:line`` with its
severity, exit status 1 when one is an error (0 otherwise), the sources
untouched by the check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.commands import check
from tests.corpus_cases import (
    EXECUTABLE,
    EXHAUSTION,
    FILES_CASES,
    OUTPUT_DIR,
    REMOTE,
    SVG_CASES,
    TEXT,
    Case,
    Expect,
)
from tests.tinybrief import sources_digest, write_brief

CASES = [*EXECUTABLE, *REMOTE, *SVG_CASES, *FILES_CASES, *OUTPUT_DIR, *EXHAUSTION, *TEXT]


def expected_line(root: Path, expect: Expect) -> int:
    if isinstance(expect.at, int):
        return expect.at
    text = (root / expect.path).read_bytes().decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return next(n for n, line in enumerate(lines, 1) if expect.at in line)


def test_the_corpus_is_large_and_named() -> None:
    assert len(CASES) >= 80
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_check_names_each_problem_at_its_line(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_brief(tmp_path / "brief", case.changes)
    if case.setup is not None:
        case.setup(root)
    before = sources_digest(root)
    monkeypatch.chdir(root)  # messages name files relative to where the editor stands
    status = check.main(["--root", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    for expect in case.expect:
        where = f"{expect.path}:{expected_line(root, expect)}:"
        found = [line for line in lines if line.startswith(where) and expect.says in line]
        assert found, f"{where} … {expect.says}\n{out}"
        assert f": {expect.severity}: " in found[0]
    errors = any(e.severity == "error" for e in case.expect)
    assert status == (1 if errors else 0), out
    if not case.expect:
        assert out == "", out  # an ordinary file: nothing to say
    assert sources_digest(root) == before
