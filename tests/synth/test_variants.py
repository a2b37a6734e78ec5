"""A generator that does not give its schemes away (issue 16): every scheme comes in variants,
every truth instance names its core actors, planted actors share the background's traits, the
background has lawful near misses, and registers can be left out."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store
from akrim.synth import BENIGN_IDS, SCHEME_IDS, schemes
from akrim.synth.bundle import generate, registers_left_out
from akrim.synth.industries import BY_KEY
from akrim.synth.minimum_wages import RATES
from akrim.synth.out_agency import HMS_INDUSTRIES

AS_OF = dt.date(2026, 1, 10)
HMS_CODES = tuple(BY_KEY[k].sn2025 for k in HMS_INDUSTRIES)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("variants")
    generate("tiny", 11, 6, out)
    return out


@pytest.fixture(scope="module")
def truth(bundle: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((bundle / "truth" / "schemes.json").read_text())
    return records


@pytest.fixture(scope="module")
def store(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("store") / "akrim.duckdb")
    s.__enter__()
    report = ingest(s, [bundle], as_of=AS_OF, context=ReadContext(allow_synthetic=False))
    assert sum(report.quarantine.values()) == 0
    return s


def _module(scheme: str) -> Any:
    return next(m for m in schemes.MODULES if m.__name__.endswith("." + scheme))


def test_every_scheme_has_two_variants(truth: list[dict[str, Any]]) -> None:
    """A tiny bundle plants each scheme twice, in two different variants of its module."""
    for scheme in SCHEME_IDS:
        variants = [r["variant"] for r in truth if r["scheme"] == scheme]
        assert len(variants) == 2 and len(set(variants)) == 2, scheme
        assert set(variants) <= set(_module(scheme).VARIANTS), scheme
    assert {r["variant"] for r in truth if r["benign"]} == {"default"}


def test_core_is_a_non_empty_subset_of_the_actors(truth: list[dict[str, Any]]) -> None:
    for r in truth:
        core = r["core"]
        assert core["organisasjonsnummer"] or core["persons"], r["scheme"]
        assert set(core["organisasjonsnummer"]) <= set(r["organisasjonsnummer"]), r["scheme"]
        assert set(core["persons"]) <= set(r["persons"]), r["scheme"]


def test_facilitator_core_is_the_firm_not_its_clients(truth: list[dict[str, Any]]) -> None:
    for r in (r for r in truth if r["scheme"] == "facilitator"):
        assert r["core"]["organisasjonsnummer"] == r["organisasjonsnummer"][:1]
        assert len(r["organisasjonsnummer"]) > 1


def _share_sd(hits: int, n: int, p: float) -> float:
    """How many standard errors hits/n is from p."""
    return abs(hits / n - p) / math.sqrt(p * (1 - p) / n)


def test_planted_workers_hold_hms_cards_as_often_as_the_background(
        truth: list[dict[str, Any]], store: Store) -> None:
    """Workers in HMS-card industries hold a card at the background's rate whether or not
    their employer is planted (the variants that are about cards left out)."""
    about_cards = {o for r in truth if r["variant"] in ("with_hms_cards", "without_hms_cards")
                   for o in r["organisasjonsnummer"]}
    planted = {o for r in truth for o in r["organisasjonsnummer"]} - about_cards
    rows = store.rows(f"""SELECT DISTINCT m.opplysningspliktig, m.inntektsmottaker,
        h.kortnummer IS NOT NULL FROM amelding_mottaker m
        JOIN enhet e ON e.organisasjonsnummer = m.opplysningspliktig
        LEFT JOIN hms_kort h ON h.arbeidsgiver = m.opplysningspliktig
        AND h.identifikasjonsnummer = m.inntektsmottaker
        WHERE m.kalendermaaned = '2025-12' AND e.naeringskode1 IN {HMS_CODES}""")
    background = [card for org, _, card in rows if org not in planted | about_cards]
    scheme = [card for org, _, card in rows if org in planted]
    rate = sum(background) / len(background)
    assert len(scheme) >= 20
    assert _share_sd(sum(scheme), len(scheme), rate) < 3.5


def test_every_company_has_the_board_of_its_form(store: Store) -> None:
    """Every active AS, planted or not, has a board chair (LEDE)."""
    assert store.scalar("""SELECT count(*) FROM enhet e WHERE organisasjonsform = 'AS'
        AND slettedato IS NULL AND valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM rolle r
        WHERE r.organisasjonsnummer = e.organisasjonsnummer AND r.rolle = 'LEDE')""") == 0


def test_planted_jobs_have_ids_from_the_same_range(truth: list[dict[str, Any]],
                                                   store: Store) -> None:
    """arbeidsforholdId numbers of planted jobs are spread like the others' (they were made
    last, and an id in order of making would tell)."""
    planted = {o for r in truth for o in r["organisasjonsnummer"]}
    ids = store.rows("""SELECT DISTINCT opplysningspliktig, arbeidsforhold_id
        FROM amelding_arbeidsforhold""")
    ranks = {af: n / len(ids) for n, af in enumerate(sorted(af for _, af in ids))}
    mine = [ranks[af] for org, af in ids if org in planted]
    mean = sum(mine) / len(mine)
    assert abs(mean - 0.5) / math.sqrt(1 / 12 / len(mine)) < 3.5


def test_files_do_not_list_planted_units_last(bundle: Path) -> None:
    with gzip.open(bundle / "enheter_alle.json.gz", "rt", encoding="utf-8") as f:
        numbers = [json.loads(line.rstrip(",\n"))["organisasjonsnummer"]
                   for line in f if line.startswith("{")]
    assert numbers == sorted(numbers)


def test_stop_ids_follow_the_date(store: Store) -> None:
    rows = store.rows("SELECT vedtak_id, vedtaksdato FROM stansingsvedtak ORDER BY vedtak_id")
    assert [d for _, d in rows] == sorted(d for _, d in rows)


def test_background_arrears_of_several_kinds(truth: list[dict[str, Any]], bundle: Path
                                             ) -> None:
    """Lawful firms owe overdue tax of several kinds, not only the kinds no scheme has."""
    planted = {o for r in truth for o in r["organisasjonsnummer"]}
    kinds: set[str] = set()
    with gzip.open(bundle / "restanser.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["forespurteOrganisasjon"] not in planted:
                kinds |= {k for k, v in row["restanser"].items() if v["forfaltOgUbetalt"]}
    assert kinds - {"merverdiavgift"}  # before issue 16 the background owed only VAT


def test_near_misses_in_the_background(truth: list[dict[str, Any]], store: Store) -> None:
    """Lawful workers at exactly the minimum in force, and lawful overtime peaks (190-230 h),
    also at firms the truth does not name."""
    named = {o for r in truth for o in r["organisasjonsnummer"]}
    exact = set({(r.group, r.category): r.oere_per_hour for r in RATES}.values())  # the latest
    at_minimum = {org for org, pay, hours in store.rows(
        """SELECT opplysningspliktig, beloep_oere, antall FROM amelding_inntekt
        WHERE beskrivelse = 'timeloenn' AND kalendermaaned = '2025-12' AND antall > 0""")
        if any(abs(pay - hours * rate) < 1 for rate in exact)}
    assert at_minimum - named
    peaks = {org for (org,) in store.rows("""SELECT opplysningspliktig FROM amelding_inntekt
        WHERE beskrivelse IN ('timeloenn', 'overtidsgodtgjoerelse') GROUP BY opplysningspliktig,
        inntektsmottaker, kalendermaaned HAVING sum(antall) BETWEEN 190 AND 230""")}
    assert peaks - named


def test_benign_near_misses_are_recorded(truth: list[dict[str, Any]]) -> None:
    assert {r["scheme"] for r in truth if r["benign"]} == set(BENIGN_IDS)


def test_without_leaves_registers_out(tmp_path: Path) -> None:
    out = tmp_path / "b"
    result = CliRunner().invoke(app, ["synth", "--scale", "tiny", "--seed", "3", "--months",
                                      "2", "--out", str(out), "--without", "hms_kort",
                                      "--without", "godkjenning"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "truth" / "manifest.json").read_text())
    assert manifest["without"] == ["bemanning", "bilpleie", "hms_kort", "renhold"]
    assert not (out / "hms_kort.csv.gz").exists()
    assert not any(out.glob("*_register.*"))
    assert "hms_kort" not in manifest["counts"] and "godkjenninger" not in manifest["counts"]
    assert (out / "tilsyn.csv").exists() and (out / "folkeregister.jsonl.gz").exists()


def test_without_amelding_still_writes_the_tax_services(tmp_path: Path) -> None:
    manifest = generate("tiny", 3, 2, tmp_path, without=registers_left_out(["amelding"]))
    assert not any(tmp_path.glob("amelding_*"))
    assert "amelding_leveranser" not in manifest["counts"]
    assert manifest["counts"]["arbeidsgiveravgift"] > 0


def test_unknown_register_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown register 'hms'"):
        registers_left_out(["hms"])
