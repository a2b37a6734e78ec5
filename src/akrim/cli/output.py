"""Where the commands print: the terminal, or a file or a pipe."""

from __future__ import annotations

from rich.console import Console

UNBOUNDED = 1_000_000
"""The width of a file or a pipe: wide enough that no table is ever cut or wrapped."""


def console(stderr: bool = False) -> Console:
    """At a terminal, rich fits tables to its width. Written to a file or a pipe, rich would
    assume 80 columns and cut long names and reasons: there, nothing limits a line's width.
    Made when a command runs, so that it sees the stdout the command writes to."""
    terminal = Console(stderr=stderr)
    return terminal if terminal.is_terminal else Console(stderr=stderr, width=UNBOUNDED)
