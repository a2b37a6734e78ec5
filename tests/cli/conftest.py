"""Stores the CLI tests share: the shipped demo bundle loaded (`half_built`), and the same store
analysed (`analysed`). Both are read-only: a test that writes copies them first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.demo import bundle_dir


def _run(*args: str | Path) -> None:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"AKRIM_LANG": "nb"},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def half_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("half-built") / "data"
    _run("ingest", bundle_dir(), "--quiet", "--data-dir", data)
    return data


@pytest.fixture(scope="session")
def analysed(half_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("analysed") / "data"
    shutil.copytree(half_built, data)
    _run("analyse", "--data-dir", data)
    return data
