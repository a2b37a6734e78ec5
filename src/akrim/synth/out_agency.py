"""The agency CSV files (HMS cards, stop decisions, inspections, tips; docs/data-formats.md §8)
and the background inspections, tips and stop decisions behind them.

Identifiers (card numbers, vedtak, tilsyn and tips ids) are given when the files are written, in
date or random order, so that they never tell which rows a scheme added."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from akrim.ingest.readers.agency_csv import LAYOUTS
from akrim.synth.companies import FORM_INDEX, IND_INDEX
from akrim.synth.config import AS_OF, day_number, iso
from akrim.synth.naming import enhet_name, person_name
from akrim.synth.out_amelding import sample
from akrim.synth.table import NODATE
from akrim.synth.world import World
from akrim.synth.writer import CsvWriter

TODAY = day_number(AS_OF)
HMS_INDUSTRIES = ("building", "electrical", "plumbing", "joinery", "painting", "plastering",
                  "cleaning", "courier")
HMS_SHARE = 0.9
"""Share of jobs in HMS-card industries whose worker holds a valid card (an estimate; the card is
mandatory on construction sites, in cleaning and in van transport: forskrift om HMS-kort)."""
CARD_YEARS = 3
STOP_INDUSTRIES = ("building", "joinery", "painting", "plastering", "electrical", "cleaning",
                   "freight", "fishprocessing")
STOP_REASONS = (
    "Manglende sikring mot fall fra høyde",
    "Fare for sammenrasing av grøft",
    "Arbeid med asbest uten nødvendige tiltak",
    "Manglende sikring av maskiner og arbeidsutstyr",
    "Eksponering for kvartsstøv uten verneutstyr",
    "Manglende HMS-kort og oversikt over hvem som arbeider på byggeplassen",
)
STOP_HJEMMEL = "arbeidsmiljøloven § 18-8"
IN_FORCE_SHARE = 0.1
"""Share of background stop decisions still in force when the registers are read (recent ones
whose risk is not yet dealt with; an estimate)."""


def active_units(world: World) -> np.ndarray:
    t = world.enheter
    active: np.ndarray = ((t["slett_day"] == NODATE) & (t["konkurs_day"] == NODATE)
                          & (t["form"] != FORM_INDEX["KBO"]))
    return active


def hms_card(world: World, person: int, employer: int, issued: int, *,
             name: tuple[str | None, str | None] | None = None, birth: int | None = None
             ) -> dict[str, Any]:
    """An HMS card row (its kortnummer is given when the file is written). ``name`` and
    ``birth`` override the holder's own, as on a card made for someone else's identity."""
    first, _, last = person_name(world, person)
    fornavn, etternavn = name if name is not None else (first, last)
    return {"identifikasjonsnummer": world.persons.ident[person].decode(),
            "fornavn": fornavn, "etternavn": etternavn,
            "foedselsdato": iso(int(world.persons.birth[person]) if birth is None else birth),
            "arbeidsgiver": world.enheter["orgnr"][employer].decode(),
            "utstedt": iso(issued), "gyldig_til": iso(issued + CARD_YEARS * 365),
            "status": "Gyldig"}


def write_agency_csv(world: World, out: Path, without: frozenset[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    if "hms_kort" not in without:
        counts["hms_kort"] = _write_hms(world, out)
    tables = (("stansingsvedtak", world.stops, "vedtaksdato", "vedtak_id"),
              ("tilsyn", world.inspections, "tilsynsdato", "tilsyn_id"),
              ("tips", world.tips, "mottatt_dato", "tips_id"))
    for table, rows, date, key in tables:
        if table in without:
            continue
        header = tuple(c for c, _, _ in LAYOUTS[table])
        ordered = sorted(rows, key=lambda r: (r[date], r["organisasjonsnummer"] or ""))
        with CsvWriter(out / f"{table}.csv", header) as w:
            for n, row in enumerate(ordered, start=1):
                w.write({**row, key: _identifier(table, row[date], n)})
            counts[table] = w.count
    return counts


def _identifier(table: str, day: str, n: int) -> str:
    if table == "stansingsvedtak":
        return f"AT-{day[:4]}-{n:05d}"
    if table == "tilsyn":
        return f"AT-{n:07d}"
    return f"TIPS-{n:06d}"


def _write_hms(world: World, out: Path) -> int:
    jobs = world.jobs
    rng = world.rng("hms")
    t = world.enheter
    inds = [IND_INDEX[k] for k in HMS_INDUSTRIES]
    held = np.isin(t["industry"][jobs["enhet"]], inds) & (rng.random(len(jobs)) < HMS_SHARE)
    if world.no_hms:
        held[np.fromiter(world.no_hms, dtype=np.int64)] = False
    sel = np.flatnonzero(held)
    numbers = rng.permutation(len(sel) + len(world.hms))
    header = tuple(c for c, _, _ in LAYOUTS["hms_kort"])
    with CsvWriter(out / "hms_kort.csv.gz", header) as w:
        for i in np.argsort(numbers).tolist():
            if i < len(sel):
                j = int(sel[i])
                row = hms_card(world, int(jobs["person"][j]), int(jobs["enhet"][j]),
                               max(int(jobs["start_day"][j]), TODAY - CARD_YEARS * 365 + 30))
            else:
                row = world.hms[i - len(sel)]
            w.write({**row, "kortnummer": f"HMS{int(numbers[i]) + 1:09d}"})
        return w.count


def background_inspections(world: World) -> None:
    """≈1 % of employers inspected in the period (Arbeidstilsynet carries out ≈15 000
    inspections a year among ≈200 000 employers); a few tips about random firms; stop decisions
    at ≈0.3 % of employers in construction, cleaning and transport, most lifted within days.
    Planted employers are drawn like any other."""
    rng = world.rng("inspections")
    t = world.enheter
    employers = np.flatnonzero(active_units(world) & t["employer"])

    def pick(units: np.ndarray, share: float, minimum: int) -> list[int]:
        chosen: list[int] = units[sample(rng, np.arange(len(units)), share, minimum=minimum,
                                         size=len(units))].tolist()
        return chosen

    for e in pick(employers, 0.01, 3):
        add_inspection(world, e, TODAY - int(rng.integers(15, 500)))
    for e in pick(employers, 0.002, 2):
        add_tip(world, e, TODAY - int(rng.integers(15, 500)), "Annet",
                "Klage på arbeidsforhold; uspesifisert.")
    risky = employers[np.isin(t["industry"][employers], [IND_INDEX[k] for k in STOP_INDUSTRIES])]
    for e in pick(risky, 0.003, 2):
        reason = STOP_REASONS[int(rng.integers(0, len(STOP_REASONS)))]
        if rng.random() < IN_FORCE_SHARE:
            add_stop(world, e, TODAY - int(rng.integers(2, 12)), reason, lifted_after=None)
        else:
            add_stop(world, e, TODAY - int(rng.integers(15, 700)), reason,
                     lifted_after=int(rng.integers(1, 12)))


def add_inspection(world: World, e: int, day: int) -> None:
    """An Arbeidstilsynet inspection of ``e``; its employees are looked up in the Arbeidsforhold
    service (out_registers.write_arbeidsforhold)."""
    world.inspected.append(e)
    world.inspections.append({
        "organisasjonsnummer": world.enheter["orgnr"][e].decode(), "etat": "Arbeidstilsynet",
        "tilsynsdato": iso(day), "tema": "HMS", "funn": "Ingen avvik", "reaksjon": "Ingen",
        "adresse": None})


def add_stop(world: World, e: int, day: int, reason: str, *, lifted_after: int | None) -> None:
    """An Arbeidstilsynet stop decision (stansingsvedtak) for enhet ``e`` on ``day``; lifted
    ``lifted_after`` days later when the risk was dealt with, or not yet (None)."""
    world.stops.append({
        "organisasjonsnummer": world.enheter["orgnr"][e].decode(), "etat": "Arbeidstilsynet",
        "vedtaksdato": iso(day), "hjemmel": STOP_HJEMMEL, "begrunnelse": reason,
        "opphevet_dato": None if lifted_after is None else iso(day + lifted_after)})


def add_tip(world: World, e: int, day: int, kategori: str, text: str,
            person: str | None = None) -> None:
    world.tips.append({
        "mottatt_dato": iso(day), "etat": "Skatteetaten",
        "organisasjonsnummer": world.enheter["orgnr"][e].decode(),
        "virksomhetsnavn": enhet_name(world, e), "personnavn": person, "adresse": None,
        "kategori": kategori, "beskrivelse": text})


__all__ = ["STOP_REASONS", "active_units", "add_inspection", "add_stop", "add_tip",
           "background_inspections", "hms_card", "write_agency_csv"]
