"""``python -m briefkit <command>``: the ``briefkit`` command without its script."""

from briefkit.commands.cli import main

raise SystemExit(main())
