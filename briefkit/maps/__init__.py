"""Map figures: deterministic SVG writing and map drawing (the ``map`` extra).

Used by ``scripts/make_map.py`` to draw a brief's map once, not by the build.
Imports ``core`` at most.
"""
