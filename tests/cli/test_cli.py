"""akrim.cli.main: the `akrim` command's interface other tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

from akrim.demo import AS_OF, bundle_dir
from akrim.ingest.readers import READERS
from akrim.ingest.registry import recognise_all
from akrim.store.engine import Store
from fixtures.shapes import enhet, orgnr, write_json_array, write_text
from fixtures.storeutil import Cli


def test_status_json_has_tables_snapshots_and_quarantine(cli: Cli) -> None:
    assert cli.ingest(bundle_dir()).exit_code == 0
    data = cli.status()
    assert {"tables", "snapshots", "quarantine"} <= set(data)
    assert data["tables"]["enhet"] == 17 and all(
        isinstance(count, int) for count in data["tables"].values())
    (snapshot,) = data["snapshots"]
    assert snapshot["as_of"] == "2026-10-31"
    names = {f["name"] for f in snapshot["files"]}
    assert {"enheter_alle.json.gz", "roller_totalbestand.json.gz", "tips.csv"} <= names
    assert data["quarantine"] == {}


def test_status_of_a_store_with_nothing_loaded(cli: Cli) -> None:
    Store(cli.data_dir / "akrim.duckdb").close()
    data = cli.status()
    assert data["snapshots"] == [] and data["quarantine"] == {}
    assert set(data["tables"].values()) == {0}


def test_data_dir_option_and_environment_variable(cli: Cli, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "in" / "enheter_alle.json.gz", [enhet(orgnr(1), "EN AS")])
    by_env = tmp_path / "env-dir"
    result = cli("ingest", str(path), "--quiet", "--as-of", "2026-10-31",
                 env={"AKRIM_DATA_DIR": str(by_env)})
    assert result.exit_code == 0, result.output
    assert (by_env / "akrim.duckdb").exists()
    shown = cli("status", "--json", "--data-dir", str(by_env))
    assert json.loads(shown.stdout)["tables"]["enhet"] == 1
    # the option wins over the environment
    Store(cli.data_dir / "akrim.duckdb").close()
    other = cli("status", "--json", "--data-dir", str(cli.data_dir),
                env={"AKRIM_DATA_DIR": str(by_env)})
    assert json.loads(other.stdout)["tables"]["enhet"] == 0
    env_only = cli("status", "--json", env={"AKRIM_DATA_DIR": str(by_env)})
    assert json.loads(env_only.stdout)["tables"]["enhet"] == 1


def test_unrecognised_file_fails_and_is_named(cli: Cli, tmp_path: Path) -> None:
    good = write_json_array(tmp_path / "in" / "enheter_alle.json.gz", [enhet(orgnr(1), "EN AS")])
    stray = write_text(tmp_path / "in" / "lonnsliste_mars.xlsx", "not a register")
    result = cli("ingest", str(tmp_path / "in"), "--data-dir", str(cli.data_dir), "--quiet",
                 env={"COLUMNS": "400"})
    assert result.exit_code != 0
    assert stray.name in result.output.replace("\n", "")
    assert cli.status()["snapshots"] == []
    # --skip-unknown loads the rest, still names the file and still exits non-zero
    result = cli("ingest", str(good), str(stray), "--data-dir", str(cli.data_dir),
                 "--skip-unknown", env={"COLUMNS": "400"})
    assert result.exit_code != 0
    assert stray.name in result.output.replace("\n", "")
    assert cli.status()["tables"]["enhet"] == 1


def test_missing_path_fails_and_is_named(cli: Cli, tmp_path: Path) -> None:
    result = cli("ingest", str(tmp_path / "finnes_ikke"), "--data-dir", str(cli.data_dir),
                 env={"COLUMNS": "400"})
    assert result.exit_code != 0
    assert "finnes_ikke" in result.output.replace("\n", "")


def test_demo_bundle_has_a_file_for_every_bulk_reader_and_loads_cleanly(cli: Cli) -> None:
    recognised, unknown = recognise_all([bundle_dir()])
    assert unknown == []
    covered = {item.reader.register for item in recognised}
    expected = {r.register for r in READERS
                if not r.register.startswith("brreg.oppdateringer") and ".csv" not in r.register}
    assert covered == expected
    result = cli("demo", "--scale", "shipped", "--data-dir", str(cli.data_dir),
                 env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    data = cli.status()
    assert data["quarantine"] == {}
    assert data["snapshots"][0]["as_of"] == AS_OF.isoformat()
    assert all(f["quarantined"] == 0 for f in data["snapshots"][0]["files"])
    assert all(count > 0 for count in data["tables"].values()), data["tables"]


def test_demo_bundle_is_what_the_generator_makes(tmp_path: Path) -> None:
    from fixtures.make_demo_bundle import write_bundle

    write_bundle(tmp_path / "bundle")
    shipped = {p.name: p.read_bytes() for p in bundle_dir().iterdir() if p.is_file()}
    made = {p.name: p.read_bytes() for p in (tmp_path / "bundle").iterdir()}
    assert shipped.keys() == made.keys()
    stale = [name for name in made if made[name] != shipped[name]]
    assert not stale, f"regenerate with tests/fixtures/make_demo_bundle.py: {stale}"
