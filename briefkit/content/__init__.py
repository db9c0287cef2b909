"""What a brief holds beyond its text: front matter, dates, glossary terms, page list, parity.

Plain functions over the sources and the editions, shared by the extensions,
the check, the site and the PDF. Imports ``core``, ``bib`` and ``style``.
"""
