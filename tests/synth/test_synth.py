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
        assert set(r) == {"scheme", "benign", "variant", "organisasjonsnummer", "persons",
                          "core", "period", "evidence"}


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


PAY = "FROM amelding_inntekt WHERE valid_to IS NULL"
QUERIES = {
    # every query finds every variant of its scheme, by the rule the scheme breaks
    "below_minimum_wage": """SELECT DISTINCT i.opplysningspliktig FROM amelding_inntekt i
        LEFT JOIN amelding_arbeidsforhold a USING (opplysningspliktig, kalendermaaned,
        meldings_id, virksomhet, inntektsmottaker, arbeidsforhold_id)
        WHERE i.valid_to IS NULL AND ((beskrivelse = 'timeloenn' AND antall > 0
        AND beloep_oere / antall < 23654) OR (beskrivelse = 'fastloenn'
        AND beloep_oere / (162.5 * a.stillingsprosent / 100) < 23654))""",
    "excessive_hours": f"""SELECT DISTINCT opplysningspliktig {PAY} AND inntektsmottaker IN (
        SELECT inntektsmottaker {PAY} AND beskrivelse IN ('timeloenn', 'overtidsgodtgjoerelse')
        GROUP BY inntektsmottaker, kalendermaaned HAVING sum(antall) > 230)""",
    "shared_identity": f"""SELECT DISTINCT opplysningspliktig {PAY} AND inntektsmottaker IN (
        SELECT inntektsmottaker {PAY} AND beskrivelse = 'timeloenn'
        GROUP BY inntektsmottaker, kalendermaaned
        HAVING sum(antall) > 230 AND count(DISTINCT opplysningspliktig) >= 2)""",
    "fictitious_timesheets": f"""SELECT opplysningspliktig FROM (SELECT opplysningspliktig,
        inntektsmottaker, count(DISTINCT antall) d, count(*) n {PAY}
        AND beskrivelse = 'timeloenn' GROUP BY ALL) GROUP BY 1
        HAVING max(d) = 1 AND min(n) = 6 AND count(*) >= 3
        UNION SELECT opplysningspliktig FROM (SELECT opplysningspliktig, kalendermaaned,
        count(DISTINCT antall) d, count(*) n {PAY} AND beskrivelse = 'timeloenn'
        GROUP BY ALL) GROUP BY 1 HAVING max(d) = 1 AND min(n) >= 3 AND count(*) = 6""",
    "unapproved_operation": """SELECT DISTINCT l.opplysningspliktig FROM amelding_leveranse l
        JOIN enhet e ON e.organisasjonsnummer = l.opplysningspliktig
        LEFT JOIN godkjenning g ON g.organisasjonsnummer = e.organisasjonsnummer
        WHERE e.naeringskode1 IN ('81.210','95.310','78.200')
        AND coalesce(g.status, '') <> 'Godkjent'""",
    # turnover needing more hours a month (billed at 900 kr/h, a high rate) than the leader's
    # 230 and the reported hours together
    "clandestine_work": f"""SELECT m.organisasjonsnummer FROM mva_termin m LEFT JOIN (
        SELECT opplysningspliktig, max(h) h FROM (SELECT opplysningspliktig, kalendermaaned,
        sum(antall) h {PAY} GROUP BY ALL) GROUP BY 1) r
        ON r.opplysningspliktig = m.organisasjonsnummer GROUP BY 1
        HAVING min(m.mva_grunnlag_oere) / 100 / 900 / 2 > 230 + coalesce(max(r.h), 0)""",
    "repeat_bankruptcy": """SELECT DISTINCT r.organisasjonsnummer FROM rolle r JOIN (
        SELECT r.innehaver FROM rolle r JOIN enhet e USING (organisasjonsnummer)
        WHERE e.konkurs AND r.rolle IN ('DAGL', 'LEDE') GROUP BY 1
        HAVING count(DISTINCT organisasjonsnummer) >= 2) g USING (innehaver)""",
    "address_hub": f"""SELECT organisasjonsnummer FROM enhet WHERE (adresse, postnummer) IN (
        SELECT (adresse, postnummer) FROM enhet WHERE slettedato IS NULL GROUP BY ALL
        HAVING count(*) >= 5)
        UNION SELECT opplysningspliktig {PAY} AND inntektsmottaker IN (
        SELECT identifikasjonsnummer FROM person WHERE (adresse_id, bruksenhetsnummer) IN (
        SELECT (adresse_id, bruksenhetsnummer) FROM person GROUP BY ALL HAVING count(*) >= 8))""",
    "sole_proprietor_chain": """SELECT DISTINCT h.arbeidsgiver FROM hms_kort h
        JOIN skatt_arbeidsforhold a ON a.arbeidsgiver = h.arbeidsgiver
        AND a.arbeidstaker = h.identifikasjonsnummer WHERE NOT a.aktiv""",
}


@pytest.mark.parametrize("scheme", sorted(QUERIES))
def test_scheme_findable(bundle: Path, store: Store, scheme: str) -> None:
    """Every instance of every variant is found by a direct query on the rule it breaks."""
    found = {row[0] for row in store.rows(QUERIES[scheme])}
    truth = json.loads((bundle / "truth" / "schemes.json").read_text())
    missed = [(r["variant"], r["organisasjonsnummer"]) for r in truth
              if r["scheme"] == scheme and not found & set(r["organisasjonsnummer"])]
    assert missed == []


def test_facilitator_keeps_the_books(bundle: Path, store: Store) -> None:
    """A facilitator (its core: the firm alone among the organisations) is the regnskapsfører of
    every scheme firm its instance names, and of ordinary clients besides."""
    truth = json.loads((bundle / "truth" / "schemes.json").read_text())
    for r in (r for r in truth if r["scheme"] == "facilitator"):
        firm, *clients = r["organisasjonsnummer"]
        assert r["core"]["organisasjonsnummer"] == [firm]
        books = {row[0] for row in store.rows(
            "SELECT organisasjonsnummer FROM rolle WHERE rolle = 'REGN' "
            "AND enhet_organisasjonsnummer = ?", [firm])}
        assert set(clients) < books


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
    """Firms stopped for operating unapproved are never lifted; background stops are lifted
    within days, or still in force when they are recent."""
    stops = {row[0]: row[1:] for row in store.rows(
        "SELECT organisasjonsnummer, vedtaksdato, opphevet_dato FROM stansingsvedtak")}
    truth = json.loads((bundle / "truth" / "schemes.json").read_text())
    for r in truth:
        if r["scheme"] == "unapproved_operation" and r["variant"] == "after_stop":
            assert stops[r["organisasjonsnummer"][0]][1] is None
    planted = {o for r in truth for o in r["organisasjonsnummer"]}
    assert len(stops) == _counts(bundle)["stansingsvedtak"]
    for o in (o for o in stops if o not in planted):
        decided, lifted = stops[o]
        assert lifted is not None or (AS_OF - decided).days <= 12


def test_arbeidsforhold_service(bundle: Path, store: Store) -> None:
    """The chain's drivers (its persons after the contractor's leader) are looked up as the
    contractor's employees at an inspection: none is."""
    chain = _truth(bundle, "sole_proprietor_chain")
    contractor = chain["organisasjonsnummer"][0]  # type: ignore[index]
    answers = dict(store.rows("SELECT arbeidstaker, aktiv FROM skatt_arbeidsforhold "
                              "WHERE arbeidsgiver = ?", [contractor]))
    for driver in chain["persons"][1:]:  # type: ignore[index]
        assert answers[driver] is False
    assert store.scalar("SELECT count(*) FROM skatt_arbeidsforhold") == \
        _counts(bundle)["arbeidsforhold"]
    # every current job at an inspected employer is looked up and found active
    assert store.scalar("SELECT count(*) FROM skatt_arbeidsforhold WHERE aktiv") == \
        store.scalar("""SELECT count(DISTINCT (opplysningspliktig, inntektsmottaker))
        FROM amelding_arbeidsforhold WHERE kalendermaaned = '2025-12' AND valid_to IS NULL
        AND sluttdato IS NULL AND opplysningspliktig IN (SELECT organisasjonsnummer FROM tilsyn)""")
