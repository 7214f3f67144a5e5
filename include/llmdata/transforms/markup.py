"""Markup to text: reStructuredText (docutils) and Markdown (markdown-it-py), the way trafilatura turns HTML
into text. Headings, paragraphs, lists and tables become lines of plain text; roles and inline markup become
their text; code and literal blocks are kept, fenced with ``` lines, and inline code is kept in backticks (as
trafilatura writes it for HTML), so checks can tell code from prose (:func:`prose`).

Sphinx documents use roles and directives docutils does not know (``:c:func:``, ``.. kernel-doc::``). Each
unknown name is registered on first sight with a generic handler: a role yields its text, a directive its
arguments and content, code-like directives a fenced block, and directives that only build navigation
(``toctree``, ``index``) nothing. Parse problems are never fatal: a broken construct stays as its source text.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from collections.abc import Iterable
from typing import Any

FENCE = "```"
_FENCED = re.compile(r"^```[^\n]*\n.*?^```[ \t]*$\n?", re.M | re.S)
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+", re.M)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_ROLE = re.compile(r":([A-Za-z][\w.+-]*(?::[\w.+-]+)*):`")
_DIRECTIVE = re.compile(r"^[ \t]*\.\.[ \t]+([A-Za-z][\w.+-]*(?::[\w.+-]+)*)::", re.M)
CODE_DIRECTIVES = frozenset({"code-block", "sourcecode", "highlight", "literalinclude", "kernel-figure",
                             "productionlist", "prompt"})
NAVIGATION_DIRECTIVES = frozenset({"toctree", "index", "kernel-doc", "kernel-abi", "kernel-feat", "tabularcolumns",
                                   "only", "highlightlang", "sectionauthor", "moduleauthor", "currentmodule",
                                   "module", "automodule", "autoclass", "autofunction", "maintainers-include",
                                   "kernel-include", "csv-table-include"})
_lock = threading.Lock()


def prose(text: str) -> str:
    """``text`` without its code (fenced blocks and `inline` spans) and heading marks: what word statistics
    (Gopher, C4, FineWeb, letter ratios) should measure in technical documentation."""
    text = _FENCED.sub("", text)
    text = _HEADING_MARK.sub("", text)
    return _INLINE_CODE.sub("", text)


# ----------------------------------------------------------------------------------------------- reST
def rst_to_text(source: str) -> str:
    """Plain text of a reStructuredText document (Sphinx roles and directives included)."""
    from docutils.core import publish_doctree

    _register_unknown(source)
    settings = _rst_settings().copy()
    settings.warning_stream = io.StringIO()
    try:
        doctree = publish_doctree(source, settings=settings)
    except Exception:  # docutils raises many types on pathological input; the source itself is then the text
        return source
    return "\n\n".join(b for b in _rst_blocks(doctree) if b.strip())


@functools.cache
def _rst_settings() -> Any:
    """docutils' settings for :func:`rst_to_text`, made once: ``publish_doctree`` otherwise builds an option
    parser and reads config files for every document."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.readers.standalone import Reader
    from docutils.writers.null import Writer

    settings = get_default_settings(Parser, Reader, Writer)
    settings._update({"report_level": 5, "halt_level": 5, "file_insertion_enabled": False, "raw_enabled": False,
                      "input_encoding": "unicode", "line_length_limit": 1_000_000, "syntax_highlight": "none",
                      "traceback": False}, "loose")
    return settings


def _register_unknown(source: str) -> None:
    from docutils.parsers.rst import directives, roles

    with _lock:
        for name in set(_ROLE.findall(source)):
            if name not in roles._roles and name.lower() not in roles._role_registry:
                roles.register_local_role(name, _text_role)
        for name in set(_DIRECTIVE.findall(source)):
            if name not in directives._directives and name.lower() not in directives._directive_registry:
                directives.register_directive(name, _generic_directive(name))


# Sphinx roles whose text is prose (a link title, a term, a label), not code.
PROSE_ROLES = frozenset({"ref", "doc", "term", "abbr", "numref", "download", "menuselection", "guilabel", "dfn",
                         "any", "manpage"})


def _text_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None,
               content: Any = None) -> tuple[list[Any], list[Any]]:
    """An unknown role's text: code (a literal) unless the role names prose (:data:`PROSE_ROLES`)."""
    from docutils import nodes

    # Sphinx cross-references: ":ref:`title <target>`" shows the title; "~a.b.c" shows "c".
    shown = re.sub(r"\s*<[^<>]+>$", "", text).lstrip("~!")
    if name.split(":")[-1].lower() in PROSE_ROLES:
        return [nodes.inline(rawtext, shown)], []
    return [nodes.literal(rawtext, shown)], []


class _AnyOptions(dict):
    """An option spec that accepts every option (unknown directives' options are not ours to judge)."""

    def __missing__(self, key: str) -> Any:
        from docutils.parsers.rst import directives

        return directives.unchanged


def _generic_directive(name: str) -> type:
    from docutils import nodes
    from docutils.parsers.rst import Directive

    kind = name.split(":")[-1].lower()

    class Generic(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = _AnyOptions()

        def run(self) -> list:
            if kind in NAVIGATION_DIRECTIVES or name.lower() in NAVIGATION_DIRECTIVES:
                return []
            if kind in CODE_DIRECTIVES:
                return [nodes.literal_block("", "\n".join(self.content))] if self.content else []
            out: list = []
            if self.arguments:
                # A domain signature (".. c:function:: void *kmalloc(size_t size)") is code.
                out.append(nodes.literal_block("", self.arguments[0]) if ":" in name else
                           nodes.paragraph("", self.arguments[0]))
            if self.content:
                container = nodes.container()
                self.state.nested_parse(self.content, self.content_offset, container)
                out.append(container)
            return out

    return Generic


def _rst_blocks(node: Any) -> Iterable[str]:
    from docutils import nodes

    if isinstance(node, nodes.Invisible | nodes.raw | nodes.system_message):
        return
    if isinstance(node, nodes.literal_block | nodes.doctest_block):
        yield f"{FENCE}\n{node.astext().rstrip()}\n{FENCE}"
        return
    if isinstance(node, nodes.row):
        yield " | ".join(_inline(_rst_text(entry)) for entry in node.children)
        return
    if isinstance(node, nodes.list_item):
        parent = node.parent
        marker = "- " if isinstance(parent, nodes.bullet_list) else f"{parent.index(node) + 1}. "
        inner = [b for child in node.children for b in _rst_blocks(child)]
        if inner:
            yield marker + inner[0]
            yield from inner[1:]
        return
    if isinstance(node, nodes.TextElement):
        yield _inline(_rst_text(node))
        return
    for child in node.children:
        yield from _rst_blocks(child)


def _rst_text(node: Any) -> str:
    """The text of an inline run, literals in backticks."""
    from docutils import nodes

    if isinstance(node, nodes.literal):
        return f"`{node.astext()}`"
    if isinstance(node, nodes.Text):
        return node.astext()  # str(node) keeps docutils' NUL markers of backslash escapes (found by a property test)
    if isinstance(node, nodes.Invisible | nodes.system_message):
        return ""
    separator = "\n\n" if isinstance(node, nodes.entry) else ""
    return separator.join(_rst_text(child) for child in node.children)


def _inline(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------------------------- Markdown
def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown (CommonMark + tables) document."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    prefix: list[str] = []
    row: list[str] | None = None
    ordinal: list[int] = []
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            ordinal.append(0)
        elif kind == "ordered_list_open":
            ordinal.append(int(token.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordinal.pop()
        elif kind == "list_item_open":
            number = ordinal[-1] if ordinal else 0
            prefix.append(f"{number}. " if number else "- ")
            if number:
                ordinal[-1] += 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif kind in ("fence", "code_block"):
            blocks.append(f"{FENCE}\n{token.content.rstrip()}\n{FENCE}")
        elif kind == "html_block":
            text = _html_text(token.content)
            if text:
                blocks.append(text)
        elif kind == "inline":
            text = _md_inline(token.children or [])
            if row is not None:
                row.append(text)
            elif text:
                blocks.append((prefix.pop() if prefix else "") + text)
    return "\n\n".join(blocks)


def _md_inline(children: list) -> str:
    parts = []
    for child in children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.markup == "autolink":
            # "Name <name@example.com>" keeps its brackets: readers (and NER) take it for a name and an address.
            parts.append("<" if child.type == "link_open" else ">")
    return _inline("".join(parts))


def _html_text(fragment: str) -> str:
    import lxml.html

    try:
        return _inline(lxml.html.fromstring(fragment).text_content())
    except Exception:  # lxml refuses empty or comment-only fragments
        return ""
