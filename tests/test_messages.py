"""CONTRIBUTING's message tables against the messages the code can emit.

Every message a check writes is a string (or f-string) handed to ``Problem``,
to a located ``report``, or kept in a module's message constants; one of its
literal parts must appear in a message of CONTRIBUTING's tables, so
an editor who reads a message can look it up. (Literal parts shorter than
``MIN_PART`` say too little to count.)
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefkit"
# Calls whose argument is an editor's message: Problem(…, message), problem(raw, message)…
EMITTERS = {"Problem", "problem", "report", "_report", "BriefError"}
MIN_PART = 12  # a literal part this long identifies a message
MESSAGE_NAMES = re.compile(r"message|msg")  # variables holding a message before it is emitted


def literal_parts(node: ast.expr) -> list[str]:
    """The literal text of a string or f-string, cut where values go in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts, current = [], ""
        for value in node.values:
            if isinstance(value, ast.Constant):
                current += str(value.value)
            else:
                parts.append(current)
                current = ""
        return [*parts, current]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return literal_parts(node.left) + literal_parts(node.right)
    return []


def emitted() -> dict[tuple[str, ...], str]:
    """``{literal parts: where}`` for every message handed to an emitter."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                named = [t.id for t in node.targets if isinstance(t, ast.Name)]
                values = [node.value] if any(MESSAGE_NAMES.search(n) for n in named) else []
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                values = list(node.args) if name in EMITTERS else []
            else:
                continue
            for arg in values:
                parts = tuple(p.strip(" :;,.'()") for p in literal_parts(arg))
                parts = tuple(p for p in parts if len(p) >= MIN_PART)
                if parts:
                    found[parts] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def documented() -> str:
    """Every message cell of CONTRIBUTING's tables, one per line."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    cells = re.findall(r"^\| `(.+?)`(?: \([^)|]*\))* \|", text, re.M)
    return "\n".join(cells)


def test_every_message_the_code_emits_is_in_contributing() -> None:
    tables = documented()
    missing = [
        f"{where}: {parts!r}"
        for parts, where in emitted().items()
        if not any(part in tables for part in parts)
    ]
    assert missing == []


def test_the_reader_of_messages_finds_them() -> None:
    found = emitted()
    assert any("unterminated citation" in part for parts in found for part in parts)
    assert any("has no data for" in part for parts in found for part in parts)
