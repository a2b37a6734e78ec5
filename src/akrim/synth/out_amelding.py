"""a-melding: one leveranse per employer (opplysningspliktig) and month, one JSON line each, in
files amelding_YYYY-MM.jsonl.gz (shape: /work/notes/skatt.md §1, the filopplasting example).

Hours: `loennsinntekt.antall` is the number of hours behind `timeloenn` and
`overtidsgodtgjoerelse` (Skatteetaten's guide "Timelønn"); monthly salaries (`fastloenn`) carry
no hours, only `stillingsprosent` and `antallTimerPerUkeSomEnFullStillingTilsvarer`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from akrim.synth.config import day_number, iso
from akrim.synth.employment import month_figures
from akrim.synth.industries import INDUSTRIES
from akrim.synth.table import NODATE
from akrim.synth.world import World
from akrim.synth.writer import JsonLinesWriter

AGA_RATE = 0.141  # arbeidsgiveravgift, sone 1 (Skatteetaten, satser 2025)
TAX_RATE = 0.30  # flat forskuddstrekk approximation (tabelltrekk ≈ 25-35 %)


def month_bounds(month: str) -> tuple[int, int]:
    import datetime as dt
    y, m = int(month[:4]), int(month[5:])
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return day_number(first), day_number(nxt) - 1


def month_pay(world: World, month: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(active mask, hours, overtime, total pay in øre) of every job in one month."""
    jobs = world.jobs
    lo, hi = month_bounds(month)
    end = jobs["end_day"]
    active = (jobs["start_day"] <= hi) & ((end == NODATE) | (end >= lo))
    hours, ot = month_figures(world.rng("month", month), jobs)
    rate = jobs["pay"]
    total = np.where(jobs["hourly"], np.round(hours * rate + ot * rate * 1.4), rate)
    return active, hours, ot, total.astype(np.int64)


def _kr(oere: float) -> float:
    return round(oere / 100, 2)


def write_month(world: World, out: Path, month: str) -> tuple[int, np.ndarray]:
    """Write one month's file; return (leveranser written, pay per enhet in øre)."""
    jobs = world.jobs
    active, hours, ot, total = month_pay(world, month)
    lo, hi = month_bounds(month)
    idx = np.flatnonzero(active)
    idx = idx[np.lexsort((jobs["under"][idx], jobs["enhet"][idx]))]
    ent = jobs["enhet"][idx]
    bounds = np.flatnonzero(np.diff(ent)) + 1
    groups = np.split(idx, bounds) if len(idx) else []
    enheter, under, persons = world.enheter, world.underenheter, world.persons
    start_iso, end_iso = iso(lo), iso(hi)
    deliver = iso(hi + 5) + "T10:15:00"
    with JsonLinesWriter(out / f"amelding_{month}.jsonl.gz") as w:
        for group in groups:
            e = int(jobs["enhet"][group[0]])
            orgnr = enheter["orgnr"][e].decode()
            industry = INDUSTRIES[int(enheter["industry"][e])]
            virksomheter: dict[int, dict[int, dict[str, Any]]] = {}
            sum_pay = 0
            for j in group.tolist():
                pay = int(total[j])
                sum_pay += pay
                af_id = f"AF{j:07d}"
                forhold: dict[str, Any] = {
                    "arbeidsforholdId": af_id,
                    "typeArbeidsforhold": "ordinaertArbeidsforhold",
                    "startdato": iso(int(jobs["start_day"][j])),
                    "antallTimerPerUkeSomEnFullStillingTilsvarer": 37.5,
                    "avloenningstype": "time" if jobs["hourly"][j] else "fast",
                    "yrke": industry.yrke[int(jobs["yrke"][j]) % len(industry.yrke)],
                    "arbeidstidsordning": "ikkeSkift",
                    "stillingsprosent": float(jobs["pct"][j]),
                    "formForAnsettelse": "fast",
                }
                if int(jobs["end_day"][j]) != NODATE:
                    forhold["sluttdato"] = iso(int(jobs["end_day"][j]))
                base = {"fordel": "kontantytelse", "utloeserArbeidsgiveravgift": True,
                        "inngaarIGrunnlagForTrekk": True, "arbeidsforholdId": af_id,
                        "startdatoOpptjeningsperiode": start_iso,
                        "sluttdatoOpptjeningsperiode": end_iso}
                if jobs["hourly"][j]:
                    rate = int(jobs["pay"][j])
                    h, o = float(hours[j]), float(ot[j])
                    inntekt = [{**base, "beloep": _kr(round(h * rate)),
                                "loennsinntekt": {"beskrivelse": "timeloenn", "antall": h}}]
                    if o > 0:
                        inntekt.append({**base, "beloep": _kr(round(o * rate * 1.4)),
                                        "loennsinntekt": {"beskrivelse": "overtidsgodtgjoerelse",
                                                          "antall": o}})
                else:
                    inntekt = [{**base, "beloep": _kr(pay),
                                "loennsinntekt": {"beskrivelse": "fastloenn"}}]
                # one inntektsmottaker per person and virksomhet, with all their arbeidsforhold
                people = virksomheter.setdefault(int(jobs["under"][j]), {})
                person = int(jobs["person"][j])
                if person in people:
                    m = people[person]
                    m["arbeidsforhold"].append(forhold)
                    m["inntekt"].extend(inntekt)
                    m["forskuddstrekk"][0]["beloep"] -= int(pay * TAX_RATE / 100)
                    continue
                people[person] = {
                    "norskIdentifikator": persons.ident[person].decode(),
                    "arbeidsforhold": [forhold],
                    "inntekt": inntekt,
                    "forskuddstrekk": [{"beskrivelse": "ordinaert",
                                        "beloep": -int(pay * TAX_RATE / 100)}],
                }
            melding = hashlib.md5(f"{world.seed}|{orgnr}|{month}".encode()).hexdigest()
            w.write({"leveranse": {
                "kildesystem": "akrim-synth lønnssystem",
                "opplysningspliktig": {"norskIdentifikator": orgnr},
                "meldingsId": f"{melding[:8]}-{melding[8:12]}-{melding[12:16]}-"
                              f"{melding[16:20]}-{melding[20:32]}",
                "oppgave": {
                    "betalingsinformasjon": {
                        "sumForskuddstrekk": int(sum_pay * TAX_RATE / 100),
                        "sumArbeidsgiveravgift": int(sum_pay * AGA_RATE / 100)},
                    "virksomhet": [{
                        "norskIdentifikator": under["orgnr"][u].decode(),
                        "inntektsmottaker": list(mottakere.values()),
                        "arbeidsgiveravgift": {"loennOgGodtgjoerelse": [{
                            "beregningskodeForArbeidsgiveravgift": "generelleNaeringer",
                            "sone": "1", "avgiftsgrunnlagBeloep": _kr(sum(
                                int(total[j]) for j in group.tolist()
                                if int(jobs["under"][j]) == u)),
                            "prosentsatsForAvgiftsberegning": 14.1}]},
                    } for u, mottakere in virksomheter.items()],
                },
                "leveringstidspunkt": deliver,
                "kalendermaaned": month,
                "spraakForTilbakemelding": "bokmaal",
            }})
        count = w.count
    sums = np.bincount(jobs["enhet"][idx], weights=total[idx].astype(np.float64),
                       minlength=len(enheter)).astype(np.int64)
    return count, sums
