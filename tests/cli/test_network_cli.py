"""`akrim link`, `akrim judge` and `akrim network` (akrim.cli.network) through the CLI, on a
copy of the tiny synthetic store linked by the command itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import igraph as ig
import pytest
from followthemoney import model
from sqlalchemy import select
from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.link.judgements import in_force
from akrim.ops.db import audit_log, connect
from akrim.settings import Settings
from akrim.store.engine import Store

WIDE = {"COLUMNS": "400", "AKRIM_LANG": "en"}


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], env=WIDE, catch_exceptions=False)


@pytest.fixture(scope="module")
def data_dir(tiny_ingested: Path, tiny_linked: Any,
             tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-network") / "data"
    shutil.copytree(tiny_ingested, data)
    # the model the session already trained (training is what makes a first link slow)
    model_file = Settings(data_dir=data).link_model
    model_file.parent.mkdir(parents=True)
    shutil.copy(Settings(data_dir=tiny_linked.data_dir).link_model, model_file)
    result = run("link", "--data-dir", data)
    assert result.exit_code == 0, result.output
    assert "Persons:" in result.output and "Network:" in result.output
    return data


@pytest.fixture(scope="module")
def orgnr(truth: dict[str, Any]) -> str:
    return str(truth["repeat_bankruptcy"]["organisasjonsnummer"][-1])


def audit_rows(data_dir: Path) -> list[tuple[Any, ...]]:
    engine = connect(Settings(data_dir=data_dir))
    with engine.connect() as con:
        return [tuple(r) for r in con.execute(
            select(audit_log.c.action, audit_log.c.subject, audit_log.c.purpose)
            .order_by(audit_log.c.id))]


def test_link_builds_persons_and_network_once(data_dir: Path) -> None:
    assert Settings(data_dir=data_dir).link_model.is_file()
    result = run("link", "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    with Store(data_dir / "akrim.duckdb", read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM link_run") == 1
        assert store.scalar("SELECT count(*) FROM net_node") > 0


def test_network_ftm(data_dir: Path, orgnr: str) -> None:
    result = run("network", orgnr, "--depth", "2", "--format", "ftm", "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    companies = {p.first("registrationNumber") for p in proxies if p.schema.name == "Company"}
    assert orgnr in companies
    assert len(companies) > 1  # depth 2 reaches the person's earlier companies
    assert {"Person", "Directorship"} <= {p.schema.name for p in proxies}


def test_network_json_and_graphml(data_dir: Path, orgnr: str, tmp_path: Path) -> None:
    shown = run("network", orgnr, "--depth", "2", "--format", "json", "--data-dir", data_dir)
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["root"] == f"o:{orgnr}" and data["depth"] == 2
    assert data["nodes"] and data["edges"]
    out = tmp_path / "hood.graphml"
    written = run("network", orgnr, "--depth", "2", "--format", "graphml", "--out", out,
                  "--data-dir", data_dir)
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    graph = ig.Graph.Read_GraphML(str(out))
    assert graph.vcount() == len(data["nodes"])
    assert set(graph.vs["node_id"]) == {n["node_id"] for n in data["nodes"]}


def test_network_by_person_number_and_depth_one(data_dir: Path, truth: dict[str, Any]) -> None:
    [boss] = truth["repeat_bankruptcy"]["persons"]
    result = run("network", boss, "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["root"] == f"p:{boss}" and data["depth"] == 1
    companies = {n["node_id"] for n in data["nodes"] if n["kind"] == "company"}
    assert {f"o:{o}" for o in truth["repeat_bankruptcy"]["organisasjonsnummer"]} <= companies


def test_network_max_nodes(data_dir: Path, orgnr: str) -> None:
    result = run("network", orgnr, "--depth", "2", "--max-nodes", "4", "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["truncated"] is True and len(data["nodes"]) == 4


@pytest.mark.parametrize("actor", ["999999999", "15108695088", "p:nobody", "nonsense"])
def test_network_unknown_actor_exits_1(data_dir: Path, actor: str) -> None:
    before = audit_rows(data_dir)
    result = run("network", actor, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert actor in result.output
    assert audit_rows(data_dir) == before


def test_network_unknown_format_fails(data_dir: Path, orgnr: str) -> None:
    result = run("network", orgnr, "--format", "xml", "--data-dir", data_dir)
    assert result.exit_code != 0


def test_network_writes_an_audit_row(data_dir: Path, orgnr: str) -> None:
    before = audit_rows(data_dir)
    result = run("network", orgnr, "--purpose", "tips 2026-17", "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    after = audit_rows(data_dir)
    assert after[:len(before)] == before
    assert after[len(before):] == [("network", orgnr, "tips 2026-17")]


def test_judge(data_dir: Path) -> None:
    with Store(data_dir / "akrim.duckdb", read_only=True) as store:
        freg, hms = store.rows("SELECT min(record_id) FROM link_person_record "
                               "WHERE record_id LIKE 'freg:%' OR record_id LIKE 'hms:%' "
                               "GROUP BY left(record_id, 4) ORDER BY 1")
    refused = run("judge", freg[0], hms[0], "maybe", "--data-dir", data_dir)
    assert refused.exit_code == 2
    assert in_force(connect(Settings(data_dir=data_dir))).same == []
    saved = run("judge", hms[0], freg[0], "different", "--note", "two people",
                "--data-dir", data_dir)
    assert saved.exit_code == 0, saved.output
    assert in_force(connect(Settings(data_dir=data_dir))).different == [(freg[0], hms[0])]
    itself = CliRunner().invoke(app, ["judge", freg[0], freg[0], "same", "--data-dir",
                                      str(data_dir)], env=WIDE)
    assert itself.exit_code == 2


def test_network_before_link_says_run_link(tiny_ingested: Path, tmp_path: Path,
                                           orgnr: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(tiny_ingested, data)
    result = run("network", orgnr, "--data-dir", data)
    assert result.exit_code == 1
    assert "akrim link" in result.output
