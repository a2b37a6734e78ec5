"""Approval registers (Arbeidstilsynet), Skatteetaten's seriousness services and the agency CSV
files (HMS cards, stop decisions, inspections, tips), in the shapes of /work/notes/skatt.md §3-4
and docs/data-formats.md."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from akrim.ingest.readers.agency_csv import LAYOUTS
from akrim.synth.companies import FORM_INDEX
from akrim.synth.config import AS_OF, iso
from akrim.synth.industries import BY_KEY
from akrim.synth.naming import enhet_name
from akrim.synth.table import NODATE
from akrim.synth.world import World
from akrim.synth.writer import CsvWriter, JsonLinesWriter, open_gz

REGISTERS = {"renhold": "cleaning", "bilpleie": "carcare", "bemanning": "staffing"}
TERMINER = ("jan-feb", "mar-apr", "mai-jun", "jul-aug", "sep-okt", "nov-des")
LEVERT = AS_OF.isoformat() + "T08:00:00"


def active_units(world: World) -> np.ndarray:
    t = world.enheter
    return ((t["slett_day"] == NODATE) & (t["konkurs_day"] == NODATE)
            & (t["form"] != FORM_INDEX["KBO"]))


def approvals(world: World) -> dict[str, list[tuple[int, str]]]:
    """register -> [(enhet, status)]: background units in the regulated industries are approved;
    schemes override (status '' = not in the register at all)."""
    from akrim.synth.companies import IND_INDEX
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
    from akrim.synth.companies import IND_INDEX
    from akrim.synth.naming import person_name
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
    inspections a year among ≈200 000 employers); a few tips about random firms."""
    rng = world.rng("inspections")
    t = world.enheter
    employers = np.flatnonzero(active_units(world) & t["employer"] & ~t["planted"])
    for e in employers[rng.random(len(employers)) < 0.01].tolist():
        world.inspections.append({
            "tilsyn_id": f"AT-{len(world.inspections) + 1:07d}",
            "organisasjonsnummer": t["orgnr"][e].decode(), "etat": "Arbeidstilsynet",
            "tilsynsdato": iso(int(rng.integers(20_000, 20_450))), "tema": "HMS",
            "funn": "Ingen avvik", "reaksjon": "Ingen", "adresse": None})
    for e in employers[rng.random(len(employers)) < 0.002].tolist():
        add_tip(world, e, "Annet", "Klage på arbeidsforhold; uspesifisert.")


def add_tip(world: World, e: int, kategori: str, text: str, person: str | None = None) -> None:
    t = world.enheter
    world.tips.append({
        "tips_id": f"TIPS-{len(world.tips) + 1:06d}", "mottatt_dato": iso(20_400 + len(
            world.tips) % 40), "etat": "Skatteetaten",
        "organisasjonsnummer": t["orgnr"][e].decode(), "virksomhetsnavn": enhet_name(world, e),
        "personnavn": person, "adresse": None, "kategori": kategori, "beskrivelse": text})


__all__ = ["BY_KEY", "approvals", "write_agency_csv", "write_approvals", "write_skatt"]
