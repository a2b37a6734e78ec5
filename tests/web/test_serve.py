"""`akrim serve`: its help, and that it hands uvicorn the app on the host and port given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.i18n import t
from akrim.store.engine import Store


def test_serve_help() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output
    assert "--data-dir" in result.output


def _fake_uvicorn(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app,
                                                                              **options))
    return started


def test_serve_starts_uvicorn_and_prints_the_address(store: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store.close()  # the app opens it read-only
    started = _fake_uvicorn(monkeypatch)
    result = CliRunner().invoke(app, ["serve", "--port", "8123", "--data-dir", str(tmp_path),
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    published, opened = result.output.splitlines()
    # A store loaded before there was a serving file gets one at the start, once.
    assert published.startswith("Wrote the seriousness check's serving file "
                                f"{tmp_path / 'akrim-public.sqlite'} (")
    assert (tmp_path / "akrim-public.sqlite").is_file()
    assert opened == "Open http://127.0.0.1:8123/ in your browser (Ctrl+C stops)"
    again = CliRunner().invoke(app, ["serve", "--port", "8123", "--data-dir", str(tmp_path),
                                     "--lang", "en"])
    assert again.output == "Open http://127.0.0.1:8123/ in your browser (Ctrl+C stops)\n"
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    assert isinstance(started["app"], FastAPI)
    assert started["app"].state.settings.data_dir == tmp_path


def test_serve_without_a_store_says_so_and_starts_nothing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    started = _fake_uvicorn(monkeypatch)
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path / "new")])
    assert result.exit_code == 1
    assert t("error.no_store", data_dir=tmp_path / "new") in " ".join(result.output.split())
    assert started == {}
