"""Starting `akrim`: each command's module loads when the command runs, so `akrim --help` and
`akrim top` do not import the libraries of the other commands (bench/cli_start.py times it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

from akrim.cli.main import COMMANDS, app

HEAVY = ("duckdb", "sqlalchemy", "pyarrow", "numpy", "sqlglot", "splink", "igraph", "scipy",
         "fastapi", "uvicorn", "followthemoney", "pydantic_settings")

# `akrim ARGS` in a new interpreter; then, on stderr's last line, the heavy libraries it imported
LOADED = f"""
import sys
from akrim.cli.main import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(",".join(sorted({{m.split(".")[0] for m in sys.modules}} & {set(HEAVY)!r})),
      file=sys.stderr)
"""


def loaded_by(*args: str | Path) -> set[str]:
    done = subprocess.run([sys.executable, "-c", LOADED, *map(str, args)], text=True,
                          capture_output=True, check=True)
    return set(done.stderr.splitlines()[-1].split(",")) - {""}


def test_help_lists_every_command_and_loads_none() -> None:
    done = subprocess.run([sys.executable, "-c", LOADED, "--help"], text=True,
                          capture_output=True, check=True)
    for name in COMMANDS:
        assert f" {name} " in done.stdout, name
    loaded = set(done.stderr.splitlines()[-1].split(",")) - {""}
    assert not loaded, (f"akrim --help imported {sorted(loaded)}: name a new command in "
                        "akrim.cli.main.COMMANDS rather than importing its module there")


def test_top_loads_none_of_the_other_commands_libraries(analysed: Path) -> None:
    loaded = loaded_by("top", "--data-dir", analysed)
    assert "duckdb" in loaded  # it did read the store
    assert not loaded & {"pyarrow", "numpy", "sqlglot", "splink", "igraph", "scipy", "fastapi",
                         "uvicorn", "followthemoney"}, loaded


def test_a_command_loads_when_used(analysed: Path) -> None:
    assert "sqlglot" not in loaded_by("status", "--data-dir", analysed)
    assert {"duckdb", "pyarrow"} <= loaded_by("ingest", "--help")


def test_each_summary_is_the_first_paragraph_of_its_command() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name, lazy in COMMANDS.items():
        command = group.load(name)  # type: ignore[attr-defined]
        first = (command.help or "").split("\n\n")[0]
        assert " ".join(first.split()) == lazy.summary, name
