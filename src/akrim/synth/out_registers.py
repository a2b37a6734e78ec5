"""Approval registers (Arbeidstilsynet), Skatteetaten's seriousness services (Restanser,
Arbeidsgiveravgift, Mva meldingsopplysning, Arbeidsforhold, Oppdrag utenlandske virksomheter) and
the agency CSV files (HMS cards, stop decisions, inspections, tips), in the shapes of
/work/notes/skatt.md §3-4 and docs/data-formats.md §6-8."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from akrim.ingest.readers.agency_csv import LAYOUTS
from akrim.synth.companies import FORM_INDEX, IND_INDEX
from akrim.synth.config import AS_OF, day_number, iso
from akrim.synth.naming import enhet_name, person_name
from akrim.synth.out_amelding import sample
from akrim.synth.table import NODATE
from akrim.synth.world import World
from akrim.synth.writer import CsvWriter, JsonLinesWriter, open_gz

REGISTERS = {"renhold": "cleaning", "bilpleie": "carcare", "bemanning": "staffing"}
TERMINER = ("jan-feb", "mar-apr", "mai-jun", "jul-aug", "sep-okt", "nov-des")
LEVERT = AS_OF.isoformat() + "T08:00:00"


def active_units(world: World) -> np.ndarray:
    t = world.enheter
    active: np.ndarray = ((t["slett_day"] == NODATE) & (t["konkurs_day"] == NODATE)
                          & (t["form"] != FORM_INDEX["KBO"]))
    return active


def approvals(world: World) -> dict[str, list[tuple[int, str]]]:
    """register -> [(enhet, status)]: background units in the regulated industries are approved;
    schemes override (status '' = not in the register at all)."""
    out: dict[str, list[tuple[int, str]]] = {r: [] for r in REGISTERS}
    active = active_units(world)
    for register, key in REGISTERS.items():
        units = np.flatnonzero(active & (world.enheter["industry"] == IND_INDEX[key]))
        for e in units.tolist():
            reg, status = world.approval.get(e, (register, "Godkjent"))
            if status:
                out[reg].append((e, status))
    for e, (reg, status) in world.approval.items():
        if status and e not in {x for x, _ in out[reg]}:
            out[reg].append((e, status))
    for reg in out:
        out[reg].sort()
    return out


def write_approvals(world: World, out: Path) -> int:
    regs = approvals(world)
    t = world.enheter
    n = 0
    with open_gz(out / "renhold_register.xml.gz") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfRenholdsvirksomhet>\n')
        for e, status in regs["renhold"]:
            f.write(f"  <Renholdsvirksomhet><Organisasjonsnummer>{t['orgnr'][e].decode()}"
                    f"</Organisasjonsnummer><Navn>{escape(enhet_name(world, e))}</Navn>"
                    f"<Status>{status}</Status><StatusEndret>{iso(int(t['reg_day'][e]) + 90)}"
                    "</StatusEndret></Renholdsvirksomhet>\n")
            n += 1
        f.write("</ArrayOfRenholdsvirksomhet>\n")
    for reg in ("bilpleie", "bemanning"):
        with JsonLinesWriter(out / f"{reg}_register.jsonl.gz") as w:
            for e, status in regs[reg]:
                w.write({"metadata": {"versjon": "1.0", "datoTidGenerert": LEVERT + "Z"},
                         "data": {"organisasjonsnummer": t["orgnr"][e].decode(),
                                  "navn": enhet_name(world, e), "registerstatus": 1,
                                  "registerstatusTekst": status, "godkjenningsstatus": status,
                                  "underenheter": []}})
                n += 1
    return n


def termins(months: list[str]) -> list[tuple[str, str, list[int]]]:
    """(aar, termin, month indexes) of the last three complete two-month terms in the window."""
    out: list[tuple[str, str, list[int]]] = []
    for i in range(len(months) - 1, 0, -1):
        m = int(months[i][5:])
        if m % 2 == 0 and int(months[i - 1][5:]) == m - 1:
            out.append((months[i][:4], TERMINER[m // 2 - 1], [i - 1, i]))
        if len(out) == 3:
            break
    return out[::-1]


def write_skatt(world: World, out: Path, pay: np.ndarray) -> dict[str, int]:
    """pay: øre per (month index, enhet)."""
    t = world.enheter
    rng = world.rng("skatt")
    terms = termins(world.months)
    active = active_units(world)
    employers = np.flatnonzero(pay.sum(axis=0) > 0)
    counts: dict[str, int] = {}
    with JsonLinesWriter(out / "arbeidsgiveravgift.jsonl.gz") as w:
        for e in employers.tolist():
            w.write({"levert": LEVERT, "forespurteOrganisasjon": t["orgnr"][e].decode(),
                     "arbeidsgiveravgifter": [{"arbeidsgiveravgift": {
                         "termin": termin, "aar": aar,
                         "sumavgiftsgrunnlagBeloep": int(pay[idx, e].sum() // 100)}}
                         for aar, termin, idx in terms]})
        counts["arbeidsgiveravgift"] = w.count
    mva_units = np.flatnonzero(active & (t["mva"] | np.isin(np.arange(len(t)),
                                                              list(world.turnover))))
    base = rng.lognormal(np.log(180_000), 1.0, size=len(t))
    with JsonLinesWriter(out / "mva_meldingsopplysning.jsonl.gz") as w:
        for e in mva_units.tolist():
            items = []
            for aar, termin, idx in terms:
                wages = int(pay[idx, e].sum() // 100)
                basis = world.turnover.get(e, int(base[e] + 2.2 * wages))
                items.append({"gjelderTermin": {"termin": termin, "aar": aar},
                              "fastsettingsperiodeStatus": "meldingLevert",
                              "erMyndighetsfastsatt": False,
                              "mvaGrunnlag": basis, "mvaAvgift": int(basis * 0.25)})
            w.write({"levert": LEVERT, "forespurteOrganisasjon": t["orgnr"][e].decode(),
                     "mvaAlminneligNaering": {
                         "skattemeldingsplikt": {"termintype": "toMaanedlig"},
                         "samletFastsattOgReskontrofoertForTermin": items}})
        counts["mva"] = w.count
    # Restanser: ≈3 % of employers owe overdue tax (Skatteetaten, "Restanser" statistics)
    arrears = dict(world.arrears)
    for e in employers[rng.random(len(employers)) < 0.03].tolist():
        if e not in arrears and not t["planted"][e]:
            arrears[e] = {"merverdiavgift": int(rng.integers(2_000, 150_000))}
    with JsonLinesWriter(out / "restanser.jsonl.gz") as w:
        for e in sorted(arrears):
            r = {k: {"forfaltOgUbetalt": 0, "forfaltOgUbetaltKrav": 0,
                     "forfaltOgUbetaltRenter": 0} for k in (
                "restskatt", "forskuddstrekk", "merverdiavgift", "arbeidsgiveravgift", "gebyr",
                "forskuddsskatt")}
            for k, v in arrears[e].items():
                r[k] = {"forfaltOgUbetalt": v, "forfaltOgUbetaltKrav": int(v * 0.9),
                        "forfaltOgUbetaltRenter": v - int(v * 0.9)}
            w.write({"restanser": r, "levert": LEVERT,
                     "forespurteOrganisasjon": t["orgnr"][e].decode()})
        counts["restanser"] = w.count
    nuf = np.flatnonzero(active & (t["form"] == FORM_INDEX["NUF"]))
    with JsonLinesWriter(out / "oppdrag_utenlandske_virksomheter.jsonl.gz") as w:
        for e in nuf.tolist():
            w.write({"forespurteOrganisasjon": t["orgnr"][e].decode(), "oppdrag": {
                "antallAktiveOppdragSomArbeidsgiver": int(rng.integers(0, 5)),
                "antallAktiveArbeidstakere": int(rng.integers(0, 12)),
                "antallRegistrerteOppdragSomOppdragsgiver": int(rng.integers(0, 3))},
                "levert": LEVERT})
        counts["oppdrag"] = w.count
    return counts


HMS_INDUSTRIES = ("building", "electrical", "plumbing", "joinery", "painting", "plastering",
                  "cleaning", "courier")


def write_agency_csv(world: World, out: Path) -> dict[str, int]:
    jobs = world.jobs
    rng = world.rng("hms")
    t = world.enheter
    counts: dict[str, int] = {}
    header = tuple(c for c, _, _ in LAYOUTS["hms_kort"])
    with CsvWriter(out / "hms_kort.csv.gz", header) as w:
        inds = [IND_INDEX[k] for k in HMS_INDUSTRIES]
        # HMS cards are mandatory on construction sites and for cleaning (forskrift om HMS-kort);
        # ≈90 % of such jobs hold a valid card.
        sel = np.flatnonzero(np.isin(t["industry"][jobs["enhet"]], inds) & ~jobs["planted"]
                             & (rng.random(len(jobs)) < 0.9))
        for j in sel.tolist():
            p = int(jobs["person"][j])
            first, _, last = person_name(world, p)
            start = max(int(jobs["start_day"][j]), 19_000)
            w.write({"kortnummer": f"HMS{j + 1:09d}",
                     "identifikasjonsnummer": world.persons.ident[p].decode(),
                     "fornavn": first, "etternavn": last,
                     "foedselsdato": iso(int(world.persons.birth[p])),
                     "arbeidsgiver": t["orgnr"][int(jobs["enhet"][j])].decode(),
                     "utstedt": iso(start), "gyldig_til": iso(start + 730 + 365),
                     "status": "Gyldig"})
        for row in world.hms:
            w.write(row)
        counts["hms_kort"] = w.count
    for table, rows in (("stansingsvedtak", world.stops), ("tilsyn", world.inspections),
                        ("tips", world.tips)):
        header = tuple(c for c, _, _ in LAYOUTS[table])
        with CsvWriter(out / f"{table}.csv", header) as w:
            for row in rows:
                w.write(row)
            counts[table] = w.count
    return counts


def background_inspections(world: World) -> None:
    """≈1 % of employers inspected in the period (Arbeidstilsynet carries out ≈15 000
    inspections a year among ≈200 000 employers); a few tips about random firms; stop decisions
    at ≈0.3 % of employers in construction, cleaning and transport, lifted within days."""
    rng = world.rng("inspections")
    t = world.enheter
    employers = np.flatnonzero(active_units(world) & t["employer"] & ~t["planted"])
    def pick(units: np.ndarray, share: float, minimum: int) -> list[int]:
        chosen: list[int] = units[sample(rng, np.arange(len(units)), share, minimum=minimum,
                                         size=len(units))].tolist()
        return chosen

    for e in pick(employers, 0.01, 3):
        world.inspected.append(e)
        world.inspections.append({
            "tilsyn_id": f"AT-{len(world.inspections) + 1:07d}",
            "organisasjonsnummer": t["orgnr"][e].decode(), "etat": "Arbeidstilsynet",
            "tilsynsdato": iso(int(rng.integers(20_000, 20_450))), "tema": "HMS",
            "funn": "Ingen avvik", "reaksjon": "Ingen", "adresse": None})
    for e in pick(employers, 0.002, 2):
        add_tip(world, e, "Annet", "Klage på arbeidsforhold; uspesifisert.")
    risky = employers[np.isin(t["industry"][employers], [IND_INDEX[k] for k in STOP_INDUSTRIES])]
    for e in pick(risky, 0.003, 2):
        reason = STOP_REASONS[int(rng.integers(0, len(STOP_REASONS)))]
        add_stop(world, e, TODAY - int(rng.integers(15, 700)), reason,
                 lifted_after=int(rng.integers(1, 12)))


TODAY = day_number(AS_OF)
STOP_INDUSTRIES = ("building", "joinery", "painting", "plastering", "electrical", "cleaning",
                   "freight", "fishprocessing")
STOP_REASONS = (
    "Manglende sikring mot fall fra høyde",
    "Fare for sammenrasing av grøft",
    "Arbeid med asbest uten nødvendige tiltak",
    "Manglende sikring av maskiner og arbeidsutstyr",
    "Eksponering for kvartsstøv uten verneutstyr",
)
STOP_HJEMMEL = "arbeidsmiljøloven § 18-8"


def add_stop(world: World, e: int, day: int, reason: str, *, lifted_after: int | None) -> None:
    """An Arbeidstilsynet stop decision (stansingsvedtak) for enhet ``e`` on ``day``; lifted
    ``lifted_after`` days later when the risk was dealt with, or never (None)."""
    world.stops.append({
        "vedtak_id": f"AT-{iso(day)[:4]}-{len(world.stops) + 1:05d}",
        "organisasjonsnummer": world.enheter["orgnr"][e].decode(), "etat": "Arbeidstilsynet",
        "vedtaksdato": iso(day), "hjemmel": STOP_HJEMMEL, "begrunnelse": reason,
        "opphevet_dato": None if lifted_after is None else iso(day + lifted_after)})


def write_arbeidsforhold(world: World, out: Path) -> int:
    """Skatteetaten's Arbeidsforhold service as a log of look-ups (docs/data-formats.md §6.4):
    every job at an inspected employer (Arbeidstilsynet checks who works there) and one person
    found on site who is not employed, the planted schemes' own look-ups, and every planted job.
    Jobs at NUF employers answer in the "Arbeidsforhold i oppdrag" shape with periods."""
    jobs = world.jobs
    t = world.enheter
    rng = world.rng("arbeidsforhold")
    today = TODAY
    by_pair: dict[tuple[int, int], int] = {}  # (enhet, person) -> a job, -1 for none
    inspected = np.isin(jobs["enhet"], np.array(world.inspected, dtype=np.int64))
    for j in np.flatnonzero(inspected | jobs["planted"]).tolist():
        by_pair.setdefault((int(jobs["enhet"][j]), int(jobs["person"][j])), j)
    adults = np.flatnonzero(~world.persons.dnr)
    for e in world.inspected:
        by_pair.setdefault((e, int(adults[rng.integers(0, len(adults))])), -1)
    for pair in world.queries:
        by_pair.setdefault(pair, -1)
    nuf = FORM_INDEX["NUF"]
    with JsonLinesWriter(out / "arbeidsforhold.jsonl.gz") as w:
        for (e, person), j in sorted(by_pair.items()):
            ask = {"arbeidsgiver": t["orgnr"][e].decode(),
                   "arbeidstaker": world.persons.ident[person].decode()}
            end = int(jobs["end_day"][j]) if j >= 0 else NODATE
            active = j >= 0 and int(jobs["start_day"][j]) <= today and (
                end == NODATE or end >= today)
            if j >= 0 and int(t["form"][e]) == nuf:
                period = {"startdato": iso(int(jobs["start_day"][j]))}
                if end != NODATE:
                    period["sluttdato"] = iso(end)
                w.write({**ask, "aktiv": "JA" if active else "NEI", "perioder": [period]})
            elif active:
                w.write({**ask, "svar": {"aktiv": "JA"}})
            else:
                w.write({**ask, "kode": "ARBEIDSFORHOLD-007", "melding": (
                    "Fant ikke aktivt arbeidsforhold mellom angitt arbeidstaker og "
                    "arbeidsgiver")})
        return w.count


def add_tip(world: World, e: int, kategori: str, text: str, person: str | None = None) -> None:
    t = world.enheter
    world.tips.append({
        "tips_id": f"TIPS-{len(world.tips) + 1:06d}", "mottatt_dato": iso(20_400 + len(
            world.tips) % 40), "etat": "Skatteetaten",
        "organisasjonsnummer": t["orgnr"][e].decode(), "virksomhetsnavn": enhet_name(world, e),
        "personnavn": person, "adresse": None, "kategori": kategori, "beskrivelse": text})


__all__ = ["add_stop", "approvals", "write_agency_csv", "write_approvals",
           "write_arbeidsforhold", "write_skatt"]
