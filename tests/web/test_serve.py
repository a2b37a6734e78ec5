"""`akrim serve`: its help, and that it hands uvicorn the app on the host and port given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from akrim.cli.main import app


def test_serve_help() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output
    assert "--data-dir" in result.output


def test_serve_starts_uvicorn_and_prints_the_address(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app,
                                                                              **options))
    result = CliRunner().invoke(app, ["serve", "--port", "8123", "--data-dir", str(tmp_path),
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output == "Open http://127.0.0.1:8123/ in your browser (Ctrl+C stops)\n"
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    assert isinstance(started["app"], FastAPI)
    assert started["app"].state.settings.data_dir == tmp_path
