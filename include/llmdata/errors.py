"""The one root of every error a user can meet: :class:`LlmdataError` names the item and the fix.

Each module keeps its own subclass (``PolicyError``, ``LakeError``, ...) so callers can catch one kind, and
every subclass also derives from the builtin it has always been (``ValueError``, ``RuntimeError``), so code
written against those keeps working. ``except LlmdataError`` catches everything the platform reports on purpose;
anything else reaching a user is a bug.
"""

from __future__ import annotations


class LlmdataError(Exception):
    """A condition a user can hit and fix. ``item`` is what it is about (a file, a table, a setting, a
    document id); ``fix`` is what to do. Both are folded into the message when given."""

    def __init__(self, message: str, *, item: str | None = None, fix: str | None = None) -> None:
        self.message, self.item, self.fix = message, item, fix
        text = f"{item}: {message}" if item else message
        if fix:
            text = f"{text}; {fix}"
        super().__init__(text)


def first_line(error: object, default: str = "") -> str:
    """The first line of ``error``'s message (drivers and clients append pages of detail), or ``default``."""
    text = str(error).strip()
    return text.splitlines()[0] if text else default
