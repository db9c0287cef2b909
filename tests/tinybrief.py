"""A tiny one-edition brief written into a folder, for the hostile corpus.

Invented content (the hives of an imaginary plateau), one language, three
pages, one figure, three sources: small enough that the check takes a
fraction of a second and a build a second or two, so that a hundred hostile
cases stay fast. Each case changes a few of its files (:func:`write_brief`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CONFIG = """\
site_name: Les ruches de Valdrenne
site_description: Une note d'essai, inventée pour les tests.
site_url: https://example.org/ruches/
docs_dir: docs/fr
site_dir: site
strict: true
use_directory_urls: true
theme:
  name: material
  language: fr
  font: false
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - footnotes
  - toc:
      permalink: "#"
  - briefkit.extensions:
      bib_dir: bib
      groups:
        etudes: {fr: Études}
        rapports: {fr: Rapports}
plugins:
  - briefkit
nav:
  - index.md
  - ruches.md
  - bibliographie.md
not_in_nav: |
  /glossaire/
validation:
  links:
    not_found: info
    anchors: info
"""

INDEX = """\
---
title: Les ruches de Valdrenne
description: Note d'essai inventée pour les tests.
author: Élodie Morvan
date: 2024-05-02
---

# Les ruches de Valdrenne

Cette note imaginaire sert aux tests : voir [Les ruches](ruches.md).
"""

RUCHES = """\
---
title: Les ruches
description: Page de section qui cite deux sources inventées.
---

# Les ruches

Au printemps 2021, l'essaimage a vidé un tiers des ruches [@morvan2021essaims, p. 4].

<figure markdown>
![Carte du plateau et de ses ruchers](assets/carte.svg)
<figcaption markdown>Les ruchers du plateau [@ccav2022bilan].</figcaption>
</figure>

La coopérative a annoncé une récolte record l'année suivante [@ccav2022bilan].
"""

BIBLIOGRAPHY = """\
---
title: Bibliographie
description: Les sources inventées de la note.
---

# Bibliographie

[BIBLIOGRAPHY]
"""

TERM = """\
---
title: Essaimage
description: Départ d'une partie des abeilles d'une ruche (définition d'essai).
glossary:
  term: Essaimage
  names: [Essaimage]
  aliases: [essaimage]
  definition: 'Départ d’une partie des abeilles avec une reine.'
---

# Essaimage

Départ d'une partie des abeilles d'une ruche avec une reine.
"""

BIB = """\
@report{ccav2022bilan,
  author = {{Coopérative apicole de Valdrenne}},
  title = {{Bilan des récoltes 2022}},
  institution = {Fédération des apiculteurs du plateau},
  year = {2022},
  group = {rapports},
}

@online{morvan2021essaims,
  author = {Morvan, Élodie},
  title = {{Les essaims perdus du plateau}},
  organization = {Gazette apicole de Valdrenne},
  year = {2021},
  url = {https://example.org/valdrenne/essaims},
  group = {etudes},
}
"""

SVG = """\
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
<title>Carte du plateau</title>
<rect x="1" y="1" width="118" height="78" fill="#eef" stroke="#336"/>
<circle cx="60" cy="40" r="12" fill="#c93"/>
</svg>
"""

FILES: dict[str, str | bytes] = {
    "mkdocs.yml": CONFIG,
    "docs/fr/index.md": INDEX,
    "docs/fr/ruches.md": RUCHES,
    "docs/fr/bibliographie.md": BIBLIOGRAPHY,
    "docs/fr/glossaire/essaimage.md": TERM,
    "docs/fr/assets/carte.svg": SVG,
    "bib/sources.bib": BIB,
}


def write_brief(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """The tiny brief in ``root``, with ``changes`` (path -> new content; ``None`` deletes)."""
    files = {**FILES, **(changes or {})}
    for relative, content in files.items():
        path = root / relative
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def digest(folder: Path) -> dict[str, str]:
    """Every file (and link) under ``folder`` with the hash of its bytes (or its target)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = "-> " + str(path.readlink())
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def sources_digest(root: Path) -> dict[str, str]:
    """The brief's sources: configuration, pages, figures, .bib files."""
    found = {name: digest(root)[name] for name in ("mkdocs.yml",) if (root / name).exists()}
    for folder in ("docs", "bib"):
        found |= {f"{folder}/{k}": v for k, v in digest(root / folder).items()}
    return found
