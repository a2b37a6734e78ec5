"""`akrim synth`: write a synthetic register bundle."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from akrim.settings import DEFAULT_DATA_DIR
from akrim.synth import REGISTER_GROUPS, REGISTERS


class ScaleName(StrEnum):
    tiny = "tiny"
    county = "county"
    national = "national"


Register = StrEnum(  # type: ignore[misc]
    "Register", [(name, name) for name in (*REGISTERS, *REGISTER_GROUPS)])


def synth(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Directory to write the bundle to "
                     "[default: DATA_DIR/synth-SCALE-seedN]."),
    ] = None,
    data_dir: Annotated[
        Path, typer.Option("--data-dir", envvar="AKRIM_DATA_DIR",
                           help="Where the stores live; the default parent of --out.")
    ] = DEFAULT_DATA_DIR,
    scale: Annotated[ScaleName, typer.Option(help="Size of the country.")] = ScaleName.tiny,
    seed: Annotated[int, typer.Option(help="Random seed; same seed, same bytes.")] = 1,
    months: Annotated[int, typer.Option(help="Months of a-melding, ending 2025-12.", min=1)] = 12,
    dirty: Annotated[
        bool, typer.Option("--dirty", help="Add documented realistic errors.")
    ] = False,
    without: Annotated[
        list[Register] | None,
        typer.Option("--without", help="Leave a register out (repeatable); godkjenning stands "
                     "for renhold, bilpleie and bemanning."),
    ] = None,
) -> None:
    """Write a synthetic register bundle with planted a-krim schemes and truth/ (for evaluation)."""
    from akrim.synth.bundle import generate, registers_left_out

    if out is None:
        out = data_dir / f"synth-{scale.value}-seed{seed}"
    left_out = registers_left_out([r.value for r in without or []])
    manifest = generate(scale.value, seed, months, out, dirty=dirty, without=left_out)
    typer.echo(f"{out}: {manifest['counts']} in {manifest['seconds']} s; "
               f"expected quarantine {manifest['expected_quarantine']}")
