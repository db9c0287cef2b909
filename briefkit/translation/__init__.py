"""Translations of a brief: which passages of each edition are up to date.

A passage (a heading, paragraph, list item, note or front-matter value) of
a further edition translates the passage of the root edition that the parity
check aligns with it. Its status comes from git (the commit that last changed
each side), with a small reviewable record where git cannot tell
(``docs/<lang>/.acknowledged.yml``). Translators get XLIFF 2 files and a
termbase; what they send back is written into ``docs/<lang>/`` passage by passage.
"""
