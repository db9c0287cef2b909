"""Ground floor: the models every layer takes, and nothing above them.

Problems (``file:line`` messages), sources read once (front matter), the
vocabulary (every word a reader sees, per language; ``languages/``), the
editions read from the MkDocs configurations, the citation grammar, the HTML
tree reader and the side-by-side job runner. Imports no other folder.
"""
