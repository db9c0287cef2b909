"""briefkit: analytical briefs from Markdown and BibTeX, as a website and PDFs.

The package's layers, bottom up: problems, vocabulary, sources and editions
(the ground floor, which every other module takes from); the Markdown
extensions (citations, bibliography, glossary, figures), which run under any
Python-Markdown; then assembly, checks, build, search, PDF export and the
thin MkDocs plugin. ``briefkit new`` starts a brief (see README).
"""

__version__ = "0.2.0"
