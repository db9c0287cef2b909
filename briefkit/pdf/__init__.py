"""The PDFs: print trees, the Typst writer and document, fonts, ``brief.typ``.

Imports ``assembly`` and the layers below it, never ``site``.
"""
