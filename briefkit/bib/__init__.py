"""Reading ``.bib`` files: parsing, values, TeX, names, dates, inheritance, checks.

bibtexparser reads; these modules resolve values as BibTeX and biber do and
check them against the data model (:mod:`briefkit.bib.datamodel`), giving a
:class:`~briefkit.bib.model.Bibliography` of decoded sources. Imports
``core`` only.
"""
