"""The reference style: pybtex templates and nodes, references in any language.

Takes the sources of :mod:`briefkit.bib` and the words of the vocabulary;
writes notes, short forms and bibliography entries. Imports ``core`` and
``bib``.
"""
