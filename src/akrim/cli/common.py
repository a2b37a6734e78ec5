"""Options every command shares, and the settings they build."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from akrim.settings import Settings

DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        envvar="AKRIM_DATA_DIR",
        help="Where the stores live (akrim.duckdb).",
        show_default=True,
    ),
]


LangOption = Annotated[
    str,
    typer.Option("--lang", envvar="AKRIM_LANG", help="nb (bokmål) or en (English)."),
]


def settings_for(data_dir: Path, lang: str = "nb", **overrides: object) -> Settings:
    if lang not in ("nb", "en"):
        raise typer.BadParameter(f"--lang must be nb or en, not {lang!r}")
    return Settings(data_dir=data_dir, lang=lang, **overrides)  # type: ignore[arg-type]


