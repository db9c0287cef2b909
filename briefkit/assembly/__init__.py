"""An edition assembled: its sources and extensions, its converted pages, the facts across them.

The one entry point every command and output starts from
(:func:`briefkit.assembly.assemble.assemble`), what converted pages cite and
mention, and the internal-link check. Imports the layers below: ``core``,
``bib``, ``style``, ``content`` and ``extensions``.
"""
