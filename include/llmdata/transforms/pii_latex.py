"""LaTeX source read the way it prints, for the rules that look at lines and labels.

A letter written in LaTeX keeps its people and places inside commands: ``\\signature{Ndèye Gueye}``,
``\\address{12 Station Road\\\\Darou Kâ\\\\Tel.~+221 …}``, ``\\begin{letter}{Ndèye Gueye\\\\Customer Accounts}``.
:func:`latex_view` gives the same text, the same length (spans found in it are spans of the source), with ``\\\\``
as the line break it prints, ``~`` as a space, a command that names a person as that field's label
(``signature: ``, ``recipient: ``) and every other command and brace blanked. The street line then sits above the
town as it does on paper, and the name after its label.
"""

from __future__ import annotations

import regex

# A command with its opening brace: "\address{", "\begin{letter}{" (the letter's recipient).
COMMAND = regex.compile(r"\\(?P<name>begin\{letter\}|[A-Za-z]+)\*?(?:\[[^\]\n]*\])?\{")
# Structure, not text: "\documentclass{letter}", "\begin{document}", "\end{letter}".
STRUCTURE = regex.compile(r"\\(?:documentclass|usepackage|begin|end)(?:\[[^\]\n]*\])?\{[^{}\n]*\}(?!\{)")
# Commands whose argument is a person, and the label each prints as.
PERSON_COMMANDS = {"signature": "signature", "author": "author", "name": "name", "begin{letter}": "recipient"}
LATEX = regex.compile(r"\\documentclass|\\begin\{")


def latex_view(text: str) -> str:
    """``text`` as LaTeX prints its lines and labels (see the module), the same length; other text unchanged."""
    if "\\" not in text or not LATEX.search(text):
        return text
    out = list(text)
    for structure in STRUCTURE.finditer(text):
        out[structure.start():structure.end()] = [" "] * (structure.end() - structure.start())
    for command in COMMAND.finditer(text):
        start, end = command.span()
        if out[start] != text[start]:
            continue  # inside a structure command, blanked
        label = PERSON_COMMANDS.get(command["name"], "")
        filler = f"{label}: " if label and len(label) + 2 <= end - start else ""
        out[start:end] = list(filler.rjust(end - start))
    for match in regex.finditer(r"\\\\|[{}~]", text):
        start, end = match.span()
        if out[start] == text[start]:  # not a command's brace, rewritten above
            out[start:end] = list(" \n" if match.group() == "\\\\" else " ")
    return "".join(out)
