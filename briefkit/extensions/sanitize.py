"""The last step of every conversion: the page's HTML cut to the content policy.

Runs after every other processor, raw HTML restored included, so that
nothing reaches the site, the PDF or the search index that the policy
(:mod:`briefkit.content.policy`) does not allow, whichever route it took.
What is removed is reported at its line of the page, with what to write
instead, so the check names it and the build stops before publishing.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.postprocessors import Postprocessor

from briefkit.content.policy import find_in, findings, sanitize
from briefkit.core.problems import Problem, line_of, report
from briefkit.core.sources import FRONT_MATTER
from briefkit.extensions.context import BriefExtension


class SanitizePostprocessor(Postprocessor):
    """Reports what the policy removes, then removes it."""

    def __init__(self, md: Markdown, extension: SanitizeExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, text: str) -> str:
        found = findings(text)
        if found:
            context = self.ext.context
            source = context.source
            head = FRONT_MATTER.match(source)
            starts: dict[tuple[str, ...], int] = {}
            for finding in found:
                # The same thing twice is found twice: each search starts after the last.
                start = starts.get(finding.needles, head.end() if head else 0)
                at = find_in(source, finding.needles, start)
                starts[finding.needles] = at + 1 if at >= 0 else start
                line = line_of(source, at) if at >= 0 else 1
                report(Problem(context.path, line, finding.message))
        return sanitize(text)


class SanitizeExtension(BriefExtension):
    """The content policy applied to the page's final HTML."""

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Priority 0: after raw HTML is put back (30), entities (20) and footnotes (25).
        md.postprocessors.register(SanitizePostprocessor(md, self), "brief-sanitize", 0)


def makeExtension(**kwargs: Any) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)
