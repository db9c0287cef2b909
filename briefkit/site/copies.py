"""The files MkDocs copies from ``docs_dir``: only the brief's own, only their snapshot bytes.

MkDocs publishes whatever ``docs_dir`` holds and follows symbolic links;
the generator keeps only what :func:`briefkit.content.files.docs_files`
allows (pages and the listed kinds of files, never a link), hands MkDocs the
bytes read when the build started (:func:`briefkit.core.sources.read_bytes`),
and replaces every SVG by its sanitized copy, the one the PDF prints too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import Files

from briefkit.content.files import docs_files, published_bytes


def keep_own_files(files: Files, docs_dir: Path) -> Files:
    """``files`` without what may not be published; the others carry their published bytes."""
    allowed = docs_files(docs_dir)
    docs = docs_dir.resolve()
    for file in list(files):
        if file.abs_src_path is None or Path(file.src_dir or "").resolve() != docs:
            continue  # the theme's own files, or generated ones
        if not allowed.allows(file.src_uri):
            files.remove(file)
        elif not file.is_documentation_page():
            data = published_bytes(Path(file.abs_src_path))
            if data is None:
                files.remove(file)
            else:
                file.content_bytes = data
    return files
