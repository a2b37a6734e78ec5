"""Every `akrim` command on a new data directory and on a half-built store (loaded, not linked
or analysed): the exact exit status, a clear message, never a traceback.

The command list is the app's own: a command added without a case here fails
`test_every_command_has_a_case`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.demo import bundle_dir
from akrim.i18n import t
from akrim.link.judgements import Judgements, in_force
from akrim.ops.db import connect
from akrim.settings import Settings
from akrim.store.engine import QUERY_MARK_REASON, Store

ENV = {"COLUMNS": "400", "AKRIM_LANG": "nb"}
ORGNR = "912345211"  # a company of the shipped demo bundle


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV, catch_exceptions=False)


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    """Arguments after the command; {data}, {bundle} and {tmp} are filled in."""
    exit_code: int
    says: str
    """Text the output must hold; {data} and {tmp} are filled in."""


def _no_store(*args: str) -> Case:
    return Case(args, 1, t("error.no_store", data_dir="{data}"))


ON_A_NEW_DATA_DIR: dict[str, Case] = {
    "ingest": Case(("{bundle}",), 0, "enheter_alle.json.gz"),
    "status": _no_store(),
    "synth": Case(("--scale", "tiny", "--months", "1"), 0, "synth-tiny-seed1"),
    "link": _no_store(),
    "judge": _no_store("freg:15108695088", "hms:HMS1", "same"),
    "network": _no_store(ORGNR),
    "analyse": _no_store(),
    "top": _no_store(),
    "explain": _no_store(ORGNR),
    "evaluate": _no_store("{tmp}"),
    "demo": Case(("--scale", "shipped"), 0, t("top.title")),
    "serve": _no_store(),
    "users": Case(("add", "kari"), 2, "Missing option '--agency'"),
    "audit": Case(("verify",), 1, "Ingen operasjonell database i {data}"),
}
CREATES_A_DATA_DIR = {"ingest", "synth", "demo"}

ON_A_HALF_BUILT_STORE: dict[str, Case] = {
    "ingest": Case(("{bundle}",), 0, t("skip.loaded", snapshot=1)),
    "status": Case((), 0, t("snapshots.title")),
    "synth": Case(("--months", "0"), 2, "Invalid value for '--months'"),
    # the contract: `akrim ingest DIR` and then `akrim link` or `akrim analyse` exits 0
    "link": Case((), 0, "Nettverk:"),
    "judge": Case(("freg:15108695088", "hms:HMS1", "same"), 1,
                  t("error.not_linked", data_dir="{data}")),
    "network": Case((ORGNR,), 1, t("error.not_linked", data_dir="{data}")),
    "analyse": Case((), 0, t("analyse.title")),
    "top": Case((), 1, t("error.not_analysed", data_dir="{data}")),
    "explain": Case((ORGNR,), 1, t("error.not_analysed", data_dir="{data}")),
    "evaluate": Case(("{tmp}",), 1, t("error.not_analysed", data_dir="{data}")),
    "demo": Case(("--scale", "shipped"), 0, t("top.title")),
    # a store to serve: uvicorn would start and block (tests/web/test_serve.py starts it)
    "serve": Case(("--port", "0"), 2, "Invalid value for '--port'"),
    "users": Case(("add", "--agency", "tolletaten", "--role", "analyst", "kari"), 1,
                  "ukjent etat 'tolletaten'"),
    "audit": Case(("export", "--from", "1.12.2026"), 2, "is not a date (YYYY-MM-DD)"),
}


def commands() -> set[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return set(group.list_commands(typer.Context(group)))


def test_every_command_has_a_case() -> None:
    assert set(ON_A_NEW_DATA_DIR) == commands()
    assert set(ON_A_HALF_BUILT_STORE) == commands()


def _invoke(command: str, case: Case, data: Path, tmp: Path) -> Any:
    fill = {"data": str(data), "bundle": str(bundle_dir()), "tmp": str(tmp)}
    args = [arg.format(**fill) for arg in case.args]
    result = run(command, *args, "--data-dir", data)
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit_code, result.output
    assert _flat(case.says.format(**fill)) in _flat(result.output)
    return result


def _flat(text: str) -> str:
    """The words of a report, whatever width its boxes wrapped them to (click's error box
    keeps to 80 columns when the output is not a terminal)."""
    return " ".join(re.sub(r"[│┃┏┓┗┛┡┩└┘━─╇┳┻╋┼╭╮╰╯]", " ", text).split())


@pytest.mark.parametrize("command", sorted(ON_A_NEW_DATA_DIR))
def test_on_a_new_data_dir(command: str, tmp_path: Path) -> None:
    data = tmp_path / "new"
    _invoke(command, ON_A_NEW_DATA_DIR[command], data, tmp_path)
    assert data.exists() == (command in CREATES_A_DATA_DIR)


@pytest.mark.parametrize("command", sorted(ON_A_HALF_BUILT_STORE))
def test_on_a_half_built_store(command: str, half_built: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(half_built, data)
    _invoke(command, ON_A_HALF_BUILT_STORE[command], data, tmp_path)
    if command == "judge":  # refused: nothing written, not even the operational store
        assert not (data / "akrim-ops.sqlite").exists()


# --- Bad arguments: click's usage error (status 2), before any store is opened or made ---------

@pytest.mark.parametrize("n", ["0", "-5"])
def test_top_needs_at_least_one_entry(n: str, tmp_path: Path) -> None:
    result = run("top", "-n", n, "--data-dir", tmp_path / "new")
    assert result.exit_code == 2
    assert "Invalid value for '-n': Input should be greater than or equal to 1" in result.output
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("command", ["explain", "network"])
@pytest.mark.parametrize(("actor", "reasons"), [
    ("974760674", {"en": "organisation number 974760674 fails the mod-11 check",
                   "nb": "organisasjonsnummer 974760674 stemmer ikke med kontrollsifferet"}),
    ("15108695089", {"en": "fødselsnummer 15108695089 fails control digit k2",
                     "nb": "fødselsnummer 15108695089 stemmer ikke med kontrollsiffer k2"}),
])
@pytest.mark.parametrize(("lang", "framing"), [("nb", "Ugyldig identifikator"),
                                               ("en", "Invalid identifier")])
def test_a_bad_check_digit_is_named(command: str, actor: str, reasons: dict[str, str],
                                    lang: str, framing: str, half_built: Path) -> None:
    result = run(command, actor, "--lang", lang, "--data-dir", half_built)
    assert result.exit_code == 2
    assert f"{framing}: {reasons[lang]}" in _flat(result.output)


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = run("ingest", tmp_path / "finnes_ikke", "--data-dir", tmp_path / "new")
    assert result.exit_code == 2
    assert f"Invalid value for 'paths': path '{tmp_path / 'finnes_ikke'}' does not exist." \
        in result.output
    assert not (tmp_path / "new").exists()
    result = run("evaluate", tmp_path / "finnes_ikke", "--data-dir", tmp_path / "new")
    assert result.exit_code == 2
    assert f"Invalid value for 'truth_dir': dir '{tmp_path / 'finnes_ikke'}' does not exist." \
        in result.output


def test_an_unknown_language(half_built: Path) -> None:
    result = run("status", "--lang", "fr", "--data-dir", half_built)
    assert result.exit_code == 2
    assert "must be nb or en, not 'fr'" in result.output


# --- An analysed store: unknown ids and paths that cannot be used (status 1) ------------------

def test_judge_refuses_a_record_that_does_not_exist(analysed: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(analysed, data)
    settings = Settings(data_dir=data)
    with Store(settings.analytical_db, read_only=True) as store:
        real = store.scalar("SELECT min(record_id) FROM link_person_record")
    result = run("judge", real, "hms:NOSUCHCARD", "same", "--data-dir", data)
    assert result.exit_code == 1
    assert t("error.unknown_record", record="hms:NOSUCHCARD") in result.output
    assert in_force(connect(settings)) == Judgements([], [], [])


@pytest.mark.parametrize(("command", "actor"), [("explain", "C9999999"),
                                                ("explain", "974760673"),
                                                ("network", "p:nobody"),
                                                ("network", "974760673")])
def test_an_unknown_actor(command: str, actor: str, analysed: Path) -> None:
    result = run(command, actor, "--data-dir", analysed)
    assert result.exit_code == 1
    assert t("error.unknown_actor", actor=actor) in result.output


def test_files_that_cannot_be_written_or_read(analysed: Path, tmp_path: Path) -> None:
    out = tmp_path / "no_such_folder" / "network.json"
    result = run("network", ORGNR, "--out", out, "--data-dir", analysed)
    assert result.exit_code == 1
    assert t("error.file", error=f"[Errno 2] No such file or directory: '{out}'") \
        in result.output
    result = run("evaluate", tmp_path, "--data-dir", analysed)
    assert result.exit_code == 1
    assert f"No such file or directory: '{tmp_path / 'schemes.json'}'" in result.output


# --- Stores that cannot be used ---------------------------------------------------------------

def test_a_store_locked_by_another_process(half_built: Path) -> None:
    db = half_built / "akrim.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = run("status", "--data-dir", half_built)
    finally:
        holder.communicate("")
    assert result.exit_code == 1
    assert t("error.store_unavailable", path=db, reason="IO Error: Could not set lock on file "
             f'"{db}": Conflicting lock is held') in result.output


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    db = tmp_path / "data" / "akrim.duckdb"
    db.parent.mkdir()
    db.write_text("not a database\n" * 500)
    result = run("status", "--data-dir", db.parent)
    assert result.exit_code == 1
    assert t("error.store_unavailable", path=db, reason=f'IO Error: The file "{db}" exists, '
             "but it is not a valid DuckDB database file!") in result.output


def test_a_store_from_an_older_akrim(half_built: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(half_built, data)
    with Store(data / "akrim.duckdb") as store:
        store.execute("DROP TABLE tips")
        store.execute("DROP TABLE tilsyn")
    result = run("status", "--data-dir", data)
    assert result.exit_code == 1
    assert t("error.store_outdated", data_dir=data, tables="tilsyn, tips") in result.output
    # loading again adds the tables this version declares
    assert run("ingest", bundle_dir(), "--quiet", "--data-dir", data).exit_code == 0
    assert run("status", "--data-dir", data).exit_code == 0


def test_a_store_with_nothing_loaded(tmp_path: Path) -> None:
    Store(tmp_path / "data" / "akrim.duckdb").close()
    for command in ("link", "analyse"):
        result = run(command, "--data-dir", tmp_path / "data")
        assert result.exit_code == 1
        assert t("error.nothing_loaded", data_dir=tmp_path / "data") in result.output


@pytest.mark.parametrize("name", ["akrim[2]", "data*", "[x]*"])
def test_a_data_dir_named_like_a_glob_loads(name: str, tmp_path: Path) -> None:
    data = tmp_path / name / "data"
    assert run("ingest", bundle_dir(), "--quiet", "--data-dir", data).exit_code == 0
    assert run("status", "--data-dir", data).exit_code == 0


def test_a_data_dir_with_a_question_mark_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "what?" / "data"
    result = run("ingest", bundle_dir(), "--quiet", "--data-dir", data)
    assert result.exit_code == 1
    assert t("error.store_unavailable", path=data / "akrim.duckdb",
             reason=QUERY_MARK_REASON) in result.output
    assert not (tmp_path / "what.wal").exists()


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "notes.txt"
    not_a_dir.write_text("hello\n")
    result = run("ingest", bundle_dir(), "--quiet", "--data-dir", not_a_dir)
    assert result.exit_code == 1
    assert t("error.file", error=f"[Errno 17] File exists: '{not_a_dir}'") in result.output
    result = run("status", "--data-dir", not_a_dir)
    assert result.exit_code == 1
    assert t("error.no_store", data_dir=not_a_dir) in result.output


def test_output_to_a_reader_that_left_is_no_file_error(tmp_path: Path) -> None:
    """`akrim status --json | head -c 10`: the closed pipe is not reported as a file error."""
    Store(tmp_path / "data" / "akrim.duckdb").close()
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has left before the first write
    akrim = [sys.executable, "-c", "from akrim.cli.main import app; app()"]
    done = subprocess.run([*akrim, "status", "--json", "--data-dir", str(tmp_path / "data")],
                          stdout=write_end, stderr=subprocess.PIPE, timeout=120, check=False)
    os.close(write_end)
    error = done.stderr.decode()
    assert done.returncode == 1, error
    assert "Errno 32" not in error, error
