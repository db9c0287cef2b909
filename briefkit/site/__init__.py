"""The website: the thin MkDocs plugin, the theme files, search and web metadata.

Imports ``assembly`` and the layers below it, never ``pdf``.
"""
