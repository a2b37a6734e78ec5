"""a-melding: one leveranse per employer (opplysningspliktig) and month, one JSON line each, in
files amelding_YYYY-MM.jsonl.gz (shape: /work/notes/skatt.md §1, the filopplasting example).

Hours: `loennsinntekt.antall` is the number of hours behind `timeloenn` and
`overtidsgodtgjoerelse` (Skatteetaten's guide "Timelønn"); monthly salaries (`fastloenn`) carry
no hours, only `stillingsprosent` and `antallTimerPerUkeSomEnFullStillingTilsvarer`.

Corrections: a small share of employer-months is first delivered with one income recipient
missing and then replaced in full by an erstatningsmelding (a later leveranse whose
`erstatterMeldingsId` names the first one; docs/data-formats.md §1.7). Only the replacement is
current after ingest, and it carries the true figures.

The lines are built as pre-encoded JSON text: every value written here is a number, a date, an
identifier or a fixed code, so nothing needs escaping, and this is several times faster than
building dicts for orjson at national scale (≈40 M job-months).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from akrim.synth.config import day_number, iso, iso_list
from akrim.synth.employment import month_figures
from akrim.synth.industries import INDUSTRIES
from akrim.synth.table import NODATE
from akrim.synth.world import World
from akrim.synth.writer import JsonLinesWriter

AGA_RATE = 0.141
"""Arbeidsgiveravgift, sone 1 (Skatteetaten, satser 2025: 14,1 %)."""
TAX_RATE = 0.30
"""Flat forskuddstrekk approximation (tabelltrekk is ≈25-35 % for ordinary wages)."""
OVERTIME_FACTOR = 1.4
"""Overtime pay: at least 40 % on top of the hourly rate (arbeidsmiljøloven § 10-6 (11))."""
CHUNK = 200_000
"""Jobs turned into text at a time (bounds the memory of one month at national scale)."""
REPLACED_SHARE = 0.004
"""Share of employer-months delivered twice: an incomplete original and its
erstatningsmelding (an estimate; Skatteetaten publishes no share)."""


def sample(rng: np.random.Generator, candidates: np.ndarray, share: float, *, minimum: int,
           size: int) -> np.ndarray:
    """A mask of length ``size`` selecting each candidate index with probability ``share``, and
    at least ``minimum`` of them (so that small bundles still show every kind of record)."""
    mask = np.zeros(size, dtype=bool)
    chosen = candidates[rng.random(len(candidates)) < share]
    if len(chosen) < minimum and len(candidates):
        chosen = rng.choice(candidates, size=min(minimum, len(candidates)), replace=False)
    mask[chosen] = True
    return mask


def month_bounds(month: str) -> tuple[int, int]:
    y, m = int(month[:4]), int(month[5:])
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return day_number(first), day_number(nxt) - 1


def _kr(oere: int) -> str:
    """Øre as a JSON number of kroner with two decimals (exact, no float rounding)."""
    return f"{oere // 100}.{oere % 100:02d}"


def _yrke_table() -> np.ndarray:
    """[industry, yrke index 0-7] -> STYRK-08 code, so that codes are looked up vectorised."""
    table = np.empty((len(INDUSTRIES), 8), dtype=object)
    for i, industry in enumerate(INDUSTRIES):
        for y in range(8):
            table[i, y] = industry.yrke[y % len(industry.yrke)]
    return table


def _melding_id(seed: int, orgnr: str, month: str, version: int) -> str:
    h = hashlib.md5(f"{seed}|{orgnr}|{month}|{version}".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


@dataclass
class MonthResult:
    leveranser: int
    """Lines written, replacements included."""
    replacements: int
    pay: np.ndarray
    """Final (after replacement) pay per enhet in øre."""


def write_month(world: World, out: Path, month: str, *, write: bool = True) -> MonthResult:
    """Write amelding_<month>.jsonl.gz (or, with ``write`` False, only sum the pay)."""
    jobs, enheter, persons = world.jobs, world.enheter, world.persons
    lo, hi = month_bounds(month)
    end = jobs["end_day"]
    active = (jobs["start_day"] <= hi) & ((end == NODATE) | (end >= lo))
    hours, ot = month_figures(world.rng("month", month), jobs, world.months.index(month))
    rate, hourly = jobs["pay"], jobs["hourly"]
    # rounded up to the whole øre: a rate at exactly the minimum then pays at least the minimum
    # for the hours (exact: half hours times whole øre)
    base_oere = np.where(hourly, np.ceil(hours * rate), rate).astype(np.int64)
    ot_oere = np.where(hourly, np.round(ot * rate * OVERTIME_FACTOR), 0).astype(np.int64)
    total = base_oere + ot_oere

    idx = np.flatnonzero(active)
    idx = idx[np.lexsort((idx, jobs["person"][idx], jobs["under"][idx], jobs["enhet"][idx]))]
    ent = jobs["enhet"][idx]
    sums = np.bincount(ent, weights=total[idx].astype(np.float64),
                       minlength=len(enheter)).astype(np.int64)
    if not write:
        return MonthResult(0, 0, sums)
    under_idx = jobs["under"][idx]
    person_idx = jobs["person"][idx]
    bounds = np.flatnonzero(np.diff(ent)) + 1
    g_start = np.concatenate([[0], bounds]).astype(np.int64) if len(idx) else np.zeros(0, int)
    g_stop = np.append(g_start[1:], len(idx)) if len(idx) else np.zeros(0, int)
    # candidates for a correction: employers with two income recipients or more
    new_mottaker = np.ones(len(idx), dtype=bool)
    new_mottaker[1:] = (under_idx[1:] != under_idx[:-1]) | (person_idx[1:] != person_idx[:-1])
    group_of = np.repeat(np.arange(len(g_start)), g_stop - g_start)
    n_mottakere = np.bincount(group_of[new_mottaker], minlength=len(g_start))
    eligible = np.flatnonzero(n_mottakere >= 2)
    replace = sample(world.rng("erstatning", month), eligible, REPLACED_SHARE, minimum=1,
                     size=len(g_start))
    g_orgnr = enheter["orgnr"][ent[g_start]].astype("U9").tolist()
    deliver = iso(hi + 5) + "T10:15:00"
    redeliver = iso(hi + 12) + "T09:30:00"
    period = (f'"startdatoOpptjeningsperiode":"{iso(lo)}",'
              f'"sluttdatoOpptjeningsperiode":"{iso(hi)}"')
    head = ('{"fordel":"kontantytelse","utloeserArbeidsgiveravgift":true,'
            '"inngaarIGrunnlagForTrekk":true,"arbeidsforholdId":"')
    yrke_table = _yrke_table()
    replacements = 0
    with JsonLinesWriter(out / f"amelding_{month}.jsonl.gz") as w:
        g0 = 0
        while g0 < len(g_start):
            # a chunk of whole employers with about CHUNK jobs, to bound memory
            g1 = int(np.searchsorted(g_start, g_start[g0] + CHUNK, side="right"))
            g1 = max(g1, g0 + 1)
            c0, c1 = int(g_start[g0]), int(g_stop[g1 - 1])
            sel = idx[c0:c1]
            # Per job, as Python lists of ready-made JSON fragments.
            af = [f"AF{j:07d}" for j in world.job_ids[sel].tolist()]
            starts = iso_list(jobs["start_day"][sel])
            ends = jobs["end_day"][sel]
            has_end = ends != NODATE
            slutt = [""] * len(sel)
            for k, day in zip(np.flatnonzero(has_end).tolist(), iso_list(ends[has_end]),
                              strict=True):
                slutt[k] = f',"sluttdato":"{day}"'
            is_hourly = hourly[sel].tolist()
            pct = jobs["pct"][sel].tolist()
            yrke = yrke_table[enheter["industry"][ent[c0:c1]], jobs["yrke"][sel]].tolist()
            h_list = hours[sel].tolist()
            o_list = ot[sel].tolist()
            b_list = base_oere[sel].tolist()
            ot_list = ot_oere[sel].tolist()
            pay = total[sel].tolist()
            tax = (total[sel] * TAX_RATE / 100).astype(np.int64).tolist()  # kroner
            ident = persons.ident[person_idx[c0:c1]].astype("U11").tolist()
            u_list = under_idx[c0:c1].tolist()
            p_list = person_idx[c0:c1].tolist()
            u_orgnr = world.underenheter["orgnr"][under_idx[c0:c1]].astype("U9").tolist()
            for g in range(g0, g1):
                a, b = int(g_start[g]) - c0, int(g_stop[g]) - c0
                # one inntektsmottaker per (virksomhet, person) with all their arbeidsforhold
                mottakere: list[tuple[int, str, int, int]] = []  # (under, json, øre, tax kr)
                k = a
                while k < b:
                    u, p = u_list[k], p_list[k]
                    forhold: list[str] = []
                    inntekt: list[str] = []
                    m_pay = m_tax = 0
                    while k < b and u_list[k] == u and p_list[k] == p:
                        forhold.append(
                            f'{{"arbeidsforholdId":"{af[k]}","typeArbeidsforhold":'
                            f'"ordinaertArbeidsforhold","startdato":"{starts[k]}"{slutt[k]},'
                            '"antallTimerPerUkeSomEnFullStillingTilsvarer":37.5,'
                            f'"avloenningstype":"{"time" if is_hourly[k] else "fast"}",'
                            f'"yrke":"{yrke[k]}","arbeidstidsordning":"ikkeSkift",'
                            f'"stillingsprosent":{pct[k]},"formForAnsettelse":"fast"}}')
                        if is_hourly[k]:
                            inntekt.append(
                                f'{head}{af[k]}",{period},"beloep":{_kr(b_list[k])},'
                                '"loennsinntekt":{"beskrivelse":"timeloenn",'
                                f'"antall":{h_list[k]}}}}}')
                            if o_list[k] > 0:
                                inntekt.append(
                                    f'{head}{af[k]}",{period},"beloep":{_kr(ot_list[k])},'
                                    '"loennsinntekt":{"beskrivelse":"overtidsgodtgjoerelse",'
                                    f'"antall":{o_list[k]}}}}}')
                        else:
                            inntekt.append(
                                f'{head}{af[k]}",{period},"beloep":{_kr(b_list[k])},'
                                '"loennsinntekt":{"beskrivelse":"fastloenn"}}')
                        m_pay += pay[k]
                        m_tax += tax[k]
                        k += 1
                    mottakere.append((u, (
                        f'{{"norskIdentifikator":"{ident[k - 1]}","arbeidsforhold":['
                        f'{",".join(forhold)}],"inntekt":[{",".join(inntekt)}],'
                        '"forskuddstrekk":[{"beskrivelse":"ordinaert",'
                        f'"beloep":{-m_tax}}}]}}'), m_pay, m_tax))
                orgnr = g_orgnr[g]
                first_id = _melding_id(world.seed, orgnr, month, 1)
                names = {u_list[i]: u_orgnr[i] for i in range(a, b)}
                if replace[g]:
                    # the original forgot the last income recipient; the replacement is complete
                    w.write_raw(_leveranse(orgnr, first_id, None, mottakere[:-1], names, month,
                                           deliver))
                    w.write_raw(_leveranse(orgnr, _melding_id(world.seed, orgnr, month, 2),
                                           first_id, mottakere, names, month, redeliver))
                    replacements += 1
                else:
                    w.write_raw(_leveranse(orgnr, first_id, None, mottakere, names, month,
                                           deliver))
            g0 = g1
        count = w.count
    return MonthResult(count, replacements, sums)


def _leveranse(orgnr: str, melding_id: str, replaces: str | None,
               mottakere: list[tuple[int, str, int, int]], u_orgnr: dict[int, str], month: str,
               delivered: str) -> str:
    virksomheter: list[str] = []
    k = 0
    sum_pay = sum_tax = 0
    while k < len(mottakere):
        u = mottakere[k][0]
        parts: list[str] = []
        v_pay = 0
        while k < len(mottakere) and mottakere[k][0] == u:
            parts.append(mottakere[k][1])
            v_pay += mottakere[k][2]
            sum_tax += mottakere[k][3]
            k += 1
        sum_pay += v_pay
        virksomheter.append(
            f'{{"norskIdentifikator":"{u_orgnr[u]}","inntektsmottaker":[{",".join(parts)}],'
            '"arbeidsgiveravgift":{"loennOgGodtgjoerelse":[{"beregningskodeForArbeidsgiveravgift":'
            f'"generelleNaeringer","sone":"1","avgiftsgrunnlagBeloep":{_kr(v_pay)},'
            '"prosentsatsForAvgiftsberegning":14.1}]}}')
    erstatter = f'"erstatterMeldingsId":"{replaces}",' if replaces else ""
    return (
        '{"leveranse":{"kildesystem":"akrim-synth lønnssystem","opplysningspliktig":'
        f'{{"norskIdentifikator":"{orgnr}"}},"meldingsId":"{melding_id}",{erstatter}'
        f'"oppgave":{{"betalingsinformasjon":{{"sumForskuddstrekk":{sum_tax},'
        f'"sumArbeidsgiveravgift":{int(sum_pay * AGA_RATE / 100)}}},'
        f'"virksomhet":[{",".join(virksomheter)}]}},"leveringstidspunkt":"{delivered}",'
        f'"kalendermaaned":"{month}","spraakForTilbakemelding":"bokmaal"}}}}')
