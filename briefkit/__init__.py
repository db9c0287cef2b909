"""briefkit: analytical briefs from Markdown and BibTeX, as a website and PDFs.

One folder per layer, bottom up; each imports only the folders below it
(``tests/test_package.py`` holds the order and enforces it):

- ``core``: problems, sources read once, vocabulary, editions, citation grammar;
- ``bib``: reading and checking ``.bib`` files;
- ``style``: references formatted by pybtex templates;
- ``content``: front matter, dates, glossary terms, page list, parity;
- ``extensions``: the Markdown extensions (``briefkit.extensions``), which run
  under any Python-Markdown;
- ``assembly``: an edition assembled, its converted pages and the facts across them;
- ``site`` and ``pdf``: the two outputs (the MkDocs plugin, search and web
  metadata; the Typst PDFs);
- ``commands``: ``briefkit new``, ``check``, ``build``, ``pdf``.

``maps`` draws map figures for ``scripts/make_map.py``. Module names of
version 0.2 (``briefkit.citations``, ``python -m briefkit.build``…) still
load, with a warning naming their new place (:mod:`briefkit.moved`).
"""

from briefkit import moved

__version__ = "0.3.0"

moved.install()
