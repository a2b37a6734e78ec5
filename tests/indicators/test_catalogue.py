"""The catalogue's files (catalogue/*.yaml + *.sql) and config.yaml
agree with each other, with the store's schema and with docs/indicators.md."""

from __future__ import annotations

import importlib.util
import re
import sys
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from akrim.indicators import catalogue
from akrim.indicators.catalogue import POPULATIONS, SEVERITIES, by_id, config, load
from akrim.store.schema import TABLE_BY_NAME

FOLDER = files("akrim.indicators") / "catalogue"
NOT_YET_READ = {"konkurskarantene"}  # IND-07 needs it; akrim does not read it yet
DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def _yaml_files() -> list[Any]:
    return sorted((p for p in FOLDER.iterdir() if p.name.endswith(".yaml")),
                  key=lambda p: p.name)


def test_every_yaml_has_bokmaal_and_english_and_the_fields() -> None:
    entries = _yaml_files()
    assert len(entries) == len(load()) == 17
    for entry in entries:
        meta = yaml.safe_load(entry.read_text(encoding="utf-8"))
        for field in ("title", "description"):
            assert set(meta[field]) == {"nb", "en"}, (entry.name, field)
            assert all(isinstance(v, str) and v.strip() for v in meta[field].values())
        assert re.fullmatch(r"IND-\d\d", meta["id"]), entry.name
        populations = meta["population"]
        populations = [populations] if isinstance(populations, str) else populations
        assert set(populations) <= set(POPULATIONS) and meta["severity"] in SEVERITIES
        assert meta["agencies"] and meta["requires"], entry.name
        assert meta["legal_basis"].strip() and meta["seed"].strip()


def test_ids_and_keys_are_unique_and_every_sql_file_exists() -> None:
    indicators = load()
    assert len({i.id for i in indicators}) == len(indicators)
    assert len({i.key for i in indicators}) == len(indicators)
    names = {p.name for p in FOLDER.iterdir()}
    assert {n for n in names if n.endswith(".sql")} == {f"{i.key}.sql" for i in indicators} | {
        f"{i.key}.check.sql" for i in indicators if i.check_sql is not None}
    assert by_id("turnover_no_employees").check_sql is not None
    for indicator in indicators:
        assert indicator.sql.strip()
        assert by_id(indicator.id) is indicator and by_id(indicator.key) is indicator
    with pytest.raises(KeyError):
        by_id("IND-99")


def test_every_indicator_has_a_weight_and_the_parameters_its_sql_reads() -> None:
    settings = config()["indicators"]
    assert set(settings) == {i.key for i in load()}
    for indicator in load():
        assert "weight" in settings[indicator.key]
        assert indicator.weight == float(settings[indicator.key]["weight"]) > 0
        used = set(re.findall(r"\$(\w+)", indicator.sql)) - {"as_of"}  # given by the runner
        assert used == set(indicator.params), indicator.key


def test_required_registers_are_store_tables() -> None:
    for indicator in load():
        tables = {table for requirement in indicator.requires
                  for table in requirement.split("|")}  # `a|b`: either register
        unknown = tables - set(TABLE_BY_NAME)
        assert unknown <= NOT_YET_READ, (indicator.key, unknown)
    assert by_id("bankruptcy_quarantine").requires == ("konkurskarantene", "rolle")


def test_only_the_facilitator_runs_in_the_second_pass() -> None:
    assert [i.key for i in load() if i.second_pass] == ["facilitator"]


def test_titles_by_language() -> None:
    indicator = by_id("IND-01")
    assert indicator.text("en") == "Pay below the generally applicable minimum wage"
    assert indicator.text("nb") == indicator.title["nb"]
    assert indicator.text("se") == indicator.title["nb"]  # no Sámi text: bokmål


def test_industry_groups_and_regions() -> None:
    # the minimum-wage table's own rules: tests/indicators/test_minimum_wage_rates.py
    settings = config()
    groups = settings["industries"]
    assert all(prefix.replace(".", "").isdigit() for p in groups.values() for prefix in p)
    for region, counties in settings["regions"].items():
        assert all(re.fullmatch(r"\d\d", c) for c in counties), region
    every_county = [c for counties in settings["regions"].values() for c in counties]
    assert len(every_county) == len(set(every_county))


def test_the_docs_table_lists_every_indicator() -> None:
    table = {m.group(1): m for m in re.finditer(
        r"^\| (IND-\d\d) \| `(\w+)` \|.*\| (\d+) \| [^|]* \| [^|]* \|$",
        DOCS.read_text(encoding="utf-8"), re.MULTILINE)}
    assert set(table) == {i.id for i in load()}
    for indicator in load():
        row = table[indicator.id]
        assert row.group(2) == indicator.key
        assert float(row.group(3)) == indicator.weight, indicator.key


def _catalogue_copy(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A private copy of akrim.indicators.catalogue under a name of its own (registered for
    the test only: dataclasses look their module up): its `config` and `yaml` can be replaced
    without touching the module everyone else uses."""
    source = catalogue.__file__
    assert source is not None
    spec = importlib.util.spec_from_file_location("akrim_catalogue_copy", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_a_missing_config_entry_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _catalogue_copy(monkeypatch)
    settings = {**config(), "indicators": {k: v for k, v in config()["indicators"].items()
                                           if k != "tips"}}
    copy.config = lambda: settings  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="no entry for indicator 'tips'"):
        copy.load()
    assert len(load()) == 17  # the real catalogue is untouched


def test_an_unknown_population_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _catalogue_copy(monkeypatch)
    real_yaml = copy.yaml

    class Patched:
        @staticmethod
        def safe_load(text: str) -> Any:
            loaded = real_yaml.safe_load(text)
            if isinstance(loaded, dict) and loaded.get("id") == "IND-17":
                loaded["population"] = "everyone"
            return loaded

    copy.yaml = Patched  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"tips\.yaml: unknown population, severity or signal"):
        copy.load()
