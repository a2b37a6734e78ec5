"""`akrim users add`: the password from standard input, bad input an error with its reason."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.ops.db import connect
from akrim.ops.users import authenticate
from akrim.settings import Settings


def test_users_add_reads_the_password_from_standard_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["users", "add", "--agency", "arbeidstilsynet", "--role",
                                      "analyst", "kari", "--data-dir", str(tmp_path)],
                                input="correct horse battery\n")
    assert result.exit_code == 0, result.output
    assert "kari (arbeidstilsynet, analyst)" in result.output
    engine = connect(Settings(data_dir=tmp_path))
    assert authenticate(engine, "kari", "correct horse battery") is not None


def test_an_unknown_agency_lists_the_valid_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["users", "add", "--agency", "tolletaten", "--role",
                                      "analyst", "kari", "--data-dir", str(tmp_path),
                                      "--lang", "en"], input="correct horse battery\n")
    assert result.exit_code == 1
    assert "unknown agency 'tolletaten'; valid: arbeidstilsynet, nav" in result.output


def test_a_refused_user_leaves_no_data_directory_behind(tmp_path: Path) -> None:
    data_dir = tmp_path / "new"
    for agency, password in (("tolletaten", "correct horse battery"), ("nav", "short")):
        result = CliRunner().invoke(app, ["users", "add", "--agency", agency, "--role",
                                          "analyst", "kari", "--data-dir", str(data_dir)],
                                    input=password + "\n")
        assert result.exit_code == 1
        assert not data_dir.exists()
