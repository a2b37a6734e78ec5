"""`akrim synth`: write a synthetic register bundle."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from akrim.settings import DEFAULT_DATA_DIR


class ScaleName(StrEnum):
    tiny = "tiny"
    county = "county"
    national = "national"


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
) -> None:
    """Write a synthetic register bundle with planted a-krim schemes and truth/ (for evaluation)."""
    from akrim.synth.bundle import generate

    if out is None:
        out = data_dir / f"synth-{scale.value}-seed{seed}"
    manifest = generate(scale.value, seed, months, out, dirty=dirty)
    typer.echo(f"{out}: {manifest['counts']} in {manifest['seconds']} s; "
               f"expected quarantine {manifest['expected_quarantine']}")
