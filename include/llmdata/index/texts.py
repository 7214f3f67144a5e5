"""What each of a chunk's vectors is computed from. The payload shows the exact span; the vectors see it in
context: a chunk of ``library/heapq.html`` that says "Pop and return the smallest item" is about heapq, but its
words never say so — the page title and section path do."""

from __future__ import annotations

from llmdata.transforms.chunk import SECTION_SEPARATOR

CONTEXT_VERSION = "title-section-1"


def heading(title: str | None, section: str | None) -> str:
    """The chunk's place in its document: ``title › section path`` (the title alone at the top)."""
    title, section = (title or "").strip(), (section or "").strip()
    if not section or section == title:
        return title
    return f"{title}{SECTION_SEPARATOR}{section}" if title else section


def embedded_text(title: str | None, section: str | None, text: str, context: bool = True) -> str:
    """The text the dense and BM25 vectors are computed from: the heading line, a blank line, the chunk (or the
    chunk alone when ``context`` is off)."""
    where = heading(title, section) if context else ""
    return f"{where}\n\n{text}" if where else text
