"""Docs that cannot drift: the reference pages name every indicator, parameter and command."""

from __future__ import annotations

from pathlib import Path

import typer

from akrim.cli.main import app
from akrim.indicators.catalogue import load

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_indicator_and_parameter_is_documented() -> None:
    text = (DOCS / "indicators.md").read_text(encoding="utf-8")
    for indicator in load():
        assert f"| {indicator.id} | `{indicator.key}` |" in text, indicator.id
        for name, value in indicator.params.items():
            assert f"`{name}` {value}" in text, f"{indicator.id}: {name} = {value}"


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    names = group.list_commands(typer.Context(group))
    assert names, "no commands registered"
    for name in names:
        assert f"`akrim {name}" in text, name
