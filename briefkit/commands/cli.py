"""The ``briefkit`` command: ``new``, ``check``, ``build``, ``pdf`` and ``translations``.

Each subcommand is the module of the same job (``briefkit.commands.new``,
``briefkit.commands.check``, ``briefkit.commands.build``, ``briefkit.pdf.export``);
this only dispatches, so ``python -m briefkit build``, ``python -m
briefkit.commands.build`` and ``briefkit build`` are one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from briefkit.commands import build, check, new, translations
from briefkit.pdf import export

COMMANDS: dict[str, tuple[Callable[[list[str] | None], int], str]] = {
    "new": (new.main, "start a new brief in a folder"),
    "check": (check.main, "check the brief's content without building"),
    "build": (build.main, "build every edition, the search index and the PDFs"),
    "pdf": (export.main, "export one PDF per edition"),
    "translations": (translations.main, "translation status, XLIFF files and termbase"),
}


def usage() -> str:
    lines = [f"  {name:<12} {help_text}" for name, (_, help_text) in COMMANDS.items()]
    return f"usage: briefkit {{{','.join(COMMANDS)}}} [options]\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``briefkit <command> …`` to the command's own ``main``."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        print(usage(), file=sys.stderr if args and args[0] not in ("-h", "--help") else sys.stdout)
        return 0 if args and args[0] in ("-h", "--help") else 2
    command, _ = COMMANDS[args[0]]
    return command(args[1:])


if __name__ == "__main__":
    raise SystemExit(main())
