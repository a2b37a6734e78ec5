"""The synthetic bundle: determinism, valid identifiers, zero-quarantine round trip, --dirty's
documented count, and every planted scheme findable by a direct query (tiny scale)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store
from akrim.synth import BENIGN_IDS, SCHEME_IDS
from akrim.synth.bundle import generate
from akrim.synth.config import SCALES, months

AS_OF = dt.date(2026, 1, 10)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    generate("tiny", 7, 6, out)
    return out


@pytest.fixture(scope="module")
def store(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("store") / "akrim.duckdb"
    s = Store(db)
    s.__enter__()
    report = ingest(s, [bundle], as_of=AS_OF, context=ReadContext(allow_synthetic=False))
    assert sum(report.quarantine.values()) == 0, report.quarantine
    return s


def _digest(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def test_deterministic(bundle: Path, tmp_path: Path) -> None:
    """Same seed, same bytes, however many worker processes write the files."""
    generate("tiny", 7, 6, tmp_path, workers=2)
    assert _digest(tmp_path) == _digest(bundle)


def test_truth_has_every_id(bundle: Path) -> None:
    truth = json.loads((bundle / "truth" / "schemes.json").read_text())
    ids = {r["scheme"] for r in truth}
    assert ids == set(SCHEME_IDS) | set(BENIGN_IDS)
    for r in truth:
        assert r["benign"] == (r["scheme"] in BENIGN_IDS)
        assert set(r) == {"scheme", "benign", "organisasjonsnummer", "persons", "period",
                          "evidence"}


def test_zero_quarantine_and_valid_ids(bundle: Path, store: Store) -> None:
    assert store.scalar("SELECT count(*) FROM quarantine") == 0
    assert store.scalar("SELECT count(*) FROM person") == SCALES["tiny"].persons \
        == _counts(bundle)["persons"]


def test_dirty_count(tmp_path: Path) -> None:
    out = tmp_path / "b"
    manifest = generate("tiny", 3, 2, out, dirty=True)
    with Store(tmp_path / "s.duckdb") as s:
        report = ingest(s, [out], as_of=AS_OF)
    assert sum(report.quarantine.values()) == manifest["expected_quarantine"]


def test_distributions(store: Store) -> None:
    share_as = store.scalar("SELECT avg((organisasjonsform = 'AS')::int) FROM enhet "
                            "WHERE slettedato IS NULL")
    assert 0.3 < share_as < 0.5
    assert store.scalar("SELECT count(*) FROM person WHERE identifikatortype = 'dNummer'") \
        == SCALES["tiny"].dnumber_persons


def _counts(bundle: Path) -> dict[str, int]:
    """What the generator says it wrote (truth/manifest.json)."""
    counts: dict[str, int] = json.loads(
        (bundle / "truth" / "manifest.json").read_text())["counts"]
    return counts


def _truth(bundle: Path, scheme: str) -> dict[str, object]:
    truth = json.loads((bundle / "truth" / "schemes.json").read_text())
    return next(r for r in truth if r["scheme"] == scheme)


QUERIES = {
    "below_minimum_wage": """SELECT DISTINCT opplysningspliktig FROM amelding_inntekt
        WHERE beskrivelse = 'timeloenn' AND antall > 0 AND beloep_oere / antall < 20454""",
    "excessive_hours": """SELECT DISTINCT opplysningspliktig FROM (SELECT opplysningspliktig,
        inntektsmottaker, kalendermaaned, sum(antall) h FROM amelding_inntekt
        WHERE beskrivelse IN ('timeloenn','overtidsgodtgjoerelse') GROUP BY ALL) WHERE h > 230""",
    "shared_identity": """SELECT DISTINCT a.opplysningspliktig FROM amelding_mottaker a JOIN (
        SELECT inntektsmottaker, kalendermaaned FROM amelding_mottaker GROUP BY ALL
        HAVING count(DISTINCT opplysningspliktig) >= 3) s
        USING (inntektsmottaker, kalendermaaned)""",
    "fictitious_timesheets": """SELECT opplysningspliktig FROM amelding_inntekt
        WHERE beskrivelse = 'timeloenn' GROUP BY 1
        HAVING count(*) >= 12 AND count(DISTINCT antall) = 1""",
    "unapproved_operation": """SELECT DISTINCT l.opplysningspliktig FROM amelding_leveranse l
        JOIN enhet e ON e.organisasjonsnummer = l.opplysningspliktig
        LEFT JOIN godkjenning g ON g.organisasjonsnummer = e.organisasjonsnummer
        WHERE e.naeringskode1 IN ('81.210','95.310','78.200')
        AND coalesce(g.status, '') <> 'Godkjent'""",
    "clandestine_work": """SELECT m.organisasjonsnummer FROM mva_termin m
        LEFT JOIN amelding_leveranse l ON l.opplysningspliktig = m.organisasjonsnummer
        WHERE l.opplysningspliktig IS NULL GROUP BY 1
        HAVING min(m.mva_grunnlag_oere) > 200000000""",
    "repeat_bankruptcy": """SELECT DISTINCT r.organisasjonsnummer FROM rolle r JOIN (
        SELECT r.innehaver FROM rolle r JOIN enhet e USING (organisasjonsnummer)
        WHERE e.konkurs AND r.rolle = 'DAGL' GROUP BY 1 HAVING count(*) >= 3) g
        USING (innehaver)""",
    "address_hub": """SELECT DISTINCT e.organisasjonsnummer FROM enhet e JOIN (
        SELECT adresse, postnummer FROM person GROUP BY 1, 2 HAVING count(*) >= 15) h
        USING (adresse, postnummer)""",
    "sole_proprietor_chain": """SELECT organisasjonsnummer FROM enhet WHERE organisasjonsform='ENK'
        AND adresse IN (SELECT adresse FROM enhet WHERE organisasjonsform='ENK'
        AND naeringskode1 = '53.200' GROUP BY adresse, postnummer HAVING count(*) >= 6)""",
    "facilitator": """SELECT enhet_organisasjonsnummer FROM rolle r
        JOIN restanse x USING (organisasjonsnummer) WHERE r.rolle = 'REGN'
        GROUP BY 1 HAVING count(DISTINCT r.organisasjonsnummer) >= 2""",
}


@pytest.mark.parametrize("scheme", sorted(QUERIES))
def test_scheme_findable(bundle: Path, store: Store, scheme: str) -> None:
    truth = _truth(bundle, scheme)
    found = {row[0] for row in store.rows(QUERIES[scheme])}
    assert found & set(truth["organisasjonsnummer"]), scheme  # type: ignore[arg-type]


def test_replacement_ameldinger(bundle: Path, store: Store) -> None:
    """Benign corrections: each erstatningsmelding closes its original, same employer and month,
    and leaves exactly one current leveranse for that employer-month."""
    replaced = store.rows("""SELECT r.opplysningspliktig, r.kalendermaaned, o.valid_to IS NOT NULL,
        o.opplysningspliktig = r.opplysningspliktig AND o.kalendermaaned = r.kalendermaaned
        FROM amelding_leveranse r JOIN amelding_leveranse o
        ON o.meldings_id = r.erstatter_meldings_id WHERE r.valid_to IS NULL""")
    assert len(replaced) == _counts(bundle)["amelding_erstatninger"]
    assert {month for _, month, _, _ in replaced} == set(months(6))  # at least one a month
    assert all(closed and same for _, _, closed, same in replaced)
    assert store.scalar("""SELECT count(*) FROM (SELECT opplysningspliktig, kalendermaaned
        FROM amelding_leveranse WHERE valid_to IS NULL GROUP BY ALL HAVING count(*) > 1)""") == 0


def test_stop_decisions(bundle: Path, store: Store) -> None:
    stops = {row[0]: row[1] for row in store.rows(
        "SELECT organisasjonsnummer, opphevet_dato FROM stansingsvedtak")}
    unapproved = _truth(bundle, "unapproved_operation")["organisasjonsnummer"]
    assert unapproved[0] in stops and stops[unapproved[0]] is None  # type: ignore[index]
    planted = {o for r in json.loads((bundle / "truth" / "schemes.json").read_text())
               for o in r["organisasjonsnummer"]}
    assert len(stops) == _counts(bundle)["stansingsvedtak"]
    background = [o for o in stops if o not in planted]
    # 0.3 % of the risky employers, drawn at random, at least 2 (out_registers): not exact
    assert len(background) >= 2 and all(stops[o] is not None for o in background)


def test_arbeidsforhold_service(bundle: Path, store: Store) -> None:
    """The chain's drivers are looked up as the contractor's employees: none is."""
    chain = _truth(bundle, "sole_proprietor_chain")
    contractor = chain["organisasjonsnummer"][0]  # type: ignore[index]
    answers = dict(store.rows("SELECT arbeidstaker, aktiv FROM skatt_arbeidsforhold "
                              "WHERE arbeidsgiver = ?", [contractor]))
    for driver in chain["persons"]:  # type: ignore[attr-defined]
        assert answers[driver] is False
    assert store.scalar("SELECT count(*) FROM skatt_arbeidsforhold") == \
        _counts(bundle)["arbeidsforhold"]
    assert store.scalar("SELECT count(*) FROM skatt_arbeidsforhold WHERE aktiv") > 20
