"""Any lawful data mix analyses (issue 15): the whole pipeline runs on the tiny bundle with each
register left out in turn, on Brønnøysund plus a-melding alone and on an empty store, and each
indicator is "insufficient data" exactly when a register it reads for its own evidence is
missing. The expected states are written out by hand from what each indicator reads."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.pipeline import analyse
from akrim.settings import Settings
from akrim.store.engine import Store

AS_OF = dt.date(2026, 1, 10)

# Which files hold each register in an `akrim synth` bundle.
REGISTERS = {
    "amelding": ("amelding_",),
    "arbeidsforhold": ("arbeidsforhold",),
    "arbeidsgiveravgift": ("arbeidsgiveravgift",),
    "bemanning": ("bemanning_register",),
    "bilpleie": ("bilpleie_register",),
    "renhold": ("renhold_register",),
    "enheter": ("enheter_alle",),
    "underenheter": ("underenheter_alle",),
    "roller": ("roller_totalbestand",),
    "folkeregisteret": ("folkeregister",),
    "hms_kort": ("hms_kort",),
    "mva": ("mva_meldingsopplysning",),
    "oppdrag": ("oppdrag_utenlandske_virksomheter",),
    "restanser": ("restanser",),
    "stansingsvedtak": ("stansingsvedtak",),
    "tilsyn": ("tilsyn",),
    "tips": ("tips",),
}

# Not assessed on the whole tiny bundle: no konkurskarantene register is published as a file.
ALWAYS_INSUFFICIENT = {"IND-07"}
# The indicators that need each register for their own evidence.
NEEDS = {
    "amelding": {"IND-01", "IND-02", "IND-03", "IND-08", "IND-09", "IND-10", "IND-11",
                 "IND-13"},
    "enheter": {"IND-01", "IND-05", "IND-06", "IND-08", "IND-11", "IND-12"},
    "roller": {"IND-06", "IND-12", "IND-14"},
    "folkeregisteret": set(),
    "hms_kort": {"IND-09"},
    "mva": {"IND-11"},
    "restanser": {"IND-10"},
    "stansingsvedtak": {"IND-15"},
    "tilsyn": {"IND-16"},
    "tips": {"IND-17"},
}
# Unapproved operation reads whichever approval registers are loaded (a firm is judged only
# against the register of its own industry), so it needs at least one of them; shared identity
# needs either register that carries identity numbers with names.
APPROVAL_REGISTERS = {"bemanning", "bilpleie", "renhold"}
ALL = {f"IND-{n:02d}" for n in range(1, 18)}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from akrim.synth.bundle import generate

    out = tmp_path_factory.mktemp("data-mix-bundle")
    generate("tiny", 1, 4, out)  # four months: two VAT terms, as turnover_no_employees needs
    return out


def _analyse(bundle: Path, registers: set[str], tmp_path: Path) -> dict[str, str]:
    """Load only `registers` of the bundle, analyse, and return each indicator's status."""
    chosen = tmp_path / "bundle"
    chosen.mkdir()
    prefixes = tuple(p for name in registers for p in REGISTERS[name])
    for file in bundle.iterdir() if registers else ():
        if file.is_file() and file.name.startswith(prefixes):
            shutil.copy(file, chosen / file.name)
    settings = Settings(data_dir=tmp_path / "data", memory_limit="1GB", synthetic=True)
    with Store(settings.analytical_db, memory_limit="1GB") as store:
        if registers:
            ingest(store, [chosen], as_of=AS_OF, context=ReadContext(allow_synthetic=True))
        summary = analyse(store, settings)
    assert len(summary.indicators) == len(ALL)
    return {run.id: run.status for run in summary.indicators}


def _expected(missing: set[str]) -> dict[str, str]:
    insufficient = ALWAYS_INSUFFICIENT.union(*(NEEDS.get(name, set()) for name in missing))
    if missing >= APPROVAL_REGISTERS:
        insufficient.add("IND-08")
    if missing >= {"folkeregisteret", "hms_kort"}:  # identity numbers shared by several persons
        insufficient.add("IND-04")
    return {i: "insufficient_data" if i in insufficient else "assessed" for i in ALL}


@pytest.mark.parametrize("left_out", sorted(REGISTERS))
def test_analysis_runs_with_one_register_left_out(bundle: Path, tmp_path: Path,
                                                  left_out: str) -> None:
    states = _analyse(bundle, set(REGISTERS) - {left_out}, tmp_path)
    assert states == _expected({left_out})


def test_analysis_runs_on_the_whole_bundle(bundle: Path, tmp_path: Path) -> None:
    assert _analyse(bundle, set(REGISTERS), tmp_path) == _expected(set())


def test_analysis_runs_on_bronnoysund_and_a_melding_alone(bundle: Path, tmp_path: Path) -> None:
    kept = {"enheter", "underenheter", "roller", "amelding"}
    assert _analyse(bundle, kept, tmp_path) == _expected(set(REGISTERS) - kept)


def test_analysis_runs_on_an_empty_store(tmp_path: Path) -> None:
    assert _analyse(Path("/nonexistent"), set(), tmp_path) == {i: "insufficient_data"
                                                              for i in ALL}
