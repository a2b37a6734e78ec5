"""Approval registers (Arbeidstilsynet) and Skatteetaten's seriousness services (Restanser,
Arbeidsgiveravgift, Mva meldingsopplysning, Arbeidsforhold, Oppdrag utenlandske virksomheter), in
the shapes of /work/notes/skatt.md §3-4 and docs/data-formats.md §6-7."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from akrim.synth.companies import FORM_INDEX, IND_INDEX
from akrim.synth.config import AS_OF, day_number, iso
from akrim.synth.naming import enhet_name
from akrim.synth.out_agency import active_units
from akrim.synth.table import NODATE
from akrim.synth.world import World
from akrim.synth.writer import JsonLinesWriter, open_gz

REGISTERS = {"renhold": "cleaning", "bilpleie": "carcare", "bemanning": "staffing"}
TERMINER = ("jan-feb", "mar-apr", "mai-jun", "jul-aug", "sep-okt", "nov-des")
LEVERT = AS_OF.isoformat() + "T08:00:00"
TODAY = day_number(AS_OF)
DORMANT_UNAPPROVED = (0.15, 0.05)
"""Shares of dormant units (no employees, not VAT-registered) in the regulated industries that
are absent from their register / refused in it: lawful, as they sell no services (estimates)."""
ARREARS_SHARE = 0.03
"""Share of employers with overdue tax (Skatteetaten "Restanser" statistics, an estimate)."""
ARREARS_KINDS = ("restskatt", "forskuddstrekk", "merverdiavgift", "arbeidsgiveravgift", "gebyr",
                 "forskuddsskatt")
OWNER_VALUE_ADDED = 119_000
"""The median value added by one person working in a firm, per two-month term (kr): SSB,
Construction, structural business statistics 2017: 175 690.7 mill. kr of value added by 245 825
persons employed, 714 700 kr a year."""
LABOUR_SHARE_OF_VALUE_ADDED = 0.734
"""Compensation of employees over value added, the same statistics (128 900.7 of 175 690.7)."""
LEAST_BOUGHT = (0.05, 0.3)
"""The least share of its turnover a firm buys (materials, rent, fuel): an estimate."""
VAT_RATE = 0.25
"""Sales and purchases at the general rate (merverdiavgiftsloven § 5-1)."""


def purchases(world: World, turnover: np.ndarray, wages: np.ndarray) -> np.ndarray:
    """What each unit buys in a term (kr; input VAT deducted), from its turnover and wages.

    A firm's own value added is what its people produce: the owner's work (lognormal around
    OWNER_VALUE_ADDED) and its employees' (wages over labour's share of value added); the rest of
    its turnover is bought in (goods resold, subcontractors), and at least a drawn share is
    bought. So an honest firm with much turnover and no employees shows its purchases in the VAT
    return, as a general contractor that subcontracts the work does. A scheme's share
    (``world.purchases``: a firm paying its workers off the books buys only materials) replaces
    the drawn one."""
    rng = world.rng("purchases")
    n = turnover.shape[1]
    own = OWNER_VALUE_ADDED * rng.lognormal(0.0, 0.3, size=n)
    least = rng.uniform(*LEAST_BOUGHT, size=n)
    value_added = np.minimum(turnover * (1 - least), own + wages / LABOUR_SHARE_OF_VALUE_ADDED)
    bought = turnover - value_added
    for e, share in world.purchases.items():
        bought[:, e] = turnover[:, e] * share
    return np.asarray(np.maximum(bought, 0).astype(np.int64))


def _vat_term(aar: str, termin: str, basis: int, bought: int) -> dict[str, object]:
    """One term of the VAT return, its amounts per rate (docs/data-formats.md §6.3)."""
    rates = ("HoeySats", "MiddelsSats", "LavSats")
    return {"gjelderTermin": {"termin": termin, "aar": aar},
            "fastsettingsperiodeStatus": "meldingLevert", "erMyndighetsfastsatt": False,
            "mvaGrunnlag": {f"innlandOmsetningUttak{r}": basis if r == "HoeySats" else 0
                            for r in rates},
            "mvaAvgift": {**{f"innlandOmsetningUttak{r}": int(basis * VAT_RATE)
                             if r == "HoeySats" else 0 for r in rates},
                          **{f"fradragInnlandInngaaende{r}": int(bought * VAT_RATE)
                             if r == "HoeySats" else 0 for r in rates}}}


def approvals(world: World) -> dict[str, list[tuple[int, str]]]:
    """register -> [(enhet, status)]: units in the regulated industries are approved, except
    some dormant ones; schemes override (status '' = not in the register at all)."""
    out: dict[str, list[tuple[int, str]]] = {r: [] for r in REGISTERS}
    t = world.enheter
    active = active_units(world)
    u = world.rng("approvals").random(len(t))
    dormant = ~t["employer"] & ~t["mva"] & ~t["planted"]
    absent = dormant & (u < DORMANT_UNAPPROVED[0])
    refused = dormant & ~absent & (u < sum(DORMANT_UNAPPROVED))
    for register, key in REGISTERS.items():
        units = np.flatnonzero(active & (t["industry"] == IND_INDEX[key]) & ~absent)
        for e in units.tolist():
            reg, status = world.approval.get(
                e, (register, "Ikke godkjent" if refused[e] else "Godkjent"))
            if status:
                out[reg].append((e, status))
    for e, (reg, status) in world.approval.items():
        if status and e not in {x for x, _ in out[reg]}:
            out[reg].append((e, status))
    for reg in out:
        out[reg].sort()
    return out


def write_approvals(world: World, out: Path, without: frozenset[str]) -> int:
    """The three approval registers, except those named in ``without``."""
    regs = approvals(world)
    t = world.enheter
    n = 0
    if "renhold" not in without:
        with open_gz(out / "renhold_register.xml.gz") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfRenholdsvirksomhet>\n')
            for e, status in regs["renhold"]:
                changed = iso(min(int(t["reg_day"][e]) + 90, TODAY - 5))
                f.write(f"  <Renholdsvirksomhet><Organisasjonsnummer>{t['orgnr'][e].decode()}"
                        f"</Organisasjonsnummer><Navn>{escape(enhet_name(world, e))}</Navn>"
                        f"<Status>{status}</Status><StatusEndret>{changed}"
                        "</StatusEndret></Renholdsvirksomhet>\n")
                n += 1
            f.write("</ArrayOfRenholdsvirksomhet>\n")
    for reg in ("bilpleie", "bemanning"):
        if reg in without:
            continue
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


def write_skatt(world: World, out: Path, pay: np.ndarray, without: frozenset[str]
                ) -> dict[str, int]:
    """pay: øre per (month index, enhet). Services named in ``without`` are not written."""
    t = world.enheter
    rng = world.rng("skatt")
    terms = termins(world.months)
    active = active_units(world)
    employers = np.flatnonzero(pay.sum(axis=0) > 0)
    counts: dict[str, int] = {}
    with _maybe(out / "arbeidsgiveravgift.jsonl.gz", "arbeidsgiveravgift" in without) as w:
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
    # turnover varies from term to term (an estimate: ±15 %)
    noise = rng.uniform(0.85, 1.15, size=(len(terms), len(t)))
    planted_turnover = base.copy()
    for e, amount in world.turnover.items():
        planted_turnover[e] = amount
    wages = np.array([pay[idx, :].sum(axis=0) // 100 for _, _, idx in terms]).reshape(
        len(terms), len(t))
    basis = (planted_turnover * noise + 2.2 * wages).astype(np.int64)
    bought = purchases(world, basis, wages)
    with _maybe(out / "mva_meldingsopplysning.jsonl.gz", "mva" in without) as w:
        for e in mva_units.tolist():
            items = [_vat_term(aar, termin, int(basis[n, e]), int(bought[n, e]))
                     for n, (aar, termin, _) in enumerate(terms)]
            w.write({"levert": LEVERT, "forespurteOrganisasjon": t["orgnr"][e].decode(),
                     "mvaAlminneligNaering": {
                         "skattemeldingsplikt": {"termintype": "toMaanedlig"},
                         "samletFastsattOgReskontrofoertForTermin": items}})
        counts["mva"] = w.count
    # Restanser: ≈3 % of employers, planted or not, owe overdue tax of one to three kinds
    arrears = dict(world.arrears)
    for e in employers[rng.random(len(employers)) < ARREARS_SHARE].tolist():
        kinds = rng.choice(len(ARREARS_KINDS), size=int(rng.integers(1, 4)), replace=False)
        arrears.setdefault(e, {ARREARS_KINDS[int(k)]: int(rng.lognormal(10.5, 1.2))
                               for k in kinds})
    with _maybe(out / "restanser.jsonl.gz", "restanser" in without) as w:
        for e in sorted(arrears):
            r = {k: {"forfaltOgUbetalt": 0, "forfaltOgUbetaltKrav": 0,
                     "forfaltOgUbetaltRenter": 0} for k in ARREARS_KINDS}
            for k, v in arrears[e].items():
                r[k] = {"forfaltOgUbetalt": v, "forfaltOgUbetaltKrav": int(v * 0.9),
                        "forfaltOgUbetaltRenter": v - int(v * 0.9)}
            w.write({"restanser": r, "levert": LEVERT,
                     "forespurteOrganisasjon": t["orgnr"][e].decode()})
        counts["restanser"] = w.count
    nuf = np.flatnonzero(active & (t["form"] == FORM_INDEX["NUF"]))
    with _maybe(out / "oppdrag_utenlandske_virksomheter.jsonl.gz", "oppdrag" in without) as w:
        for e in nuf.tolist():
            w.write({"forespurteOrganisasjon": t["orgnr"][e].decode(), "oppdrag": {
                "antallAktiveOppdragSomArbeidsgiver": int(rng.integers(0, 5)),
                "antallAktiveArbeidstakere": int(rng.integers(0, 12)),
                "antallRegistrerteOppdragSomOppdragsgiver": int(rng.integers(0, 3))},
                "levert": LEVERT})
        counts["oppdrag"] = w.count
    return counts


def write_arbeidsforhold(world: World, out: Path) -> int:
    """Skatteetaten's Arbeidsforhold service as a log of look-ups (docs/data-formats.md §6.4):
    every job at an inspected employer (Arbeidstilsynet checks who works there), one person
    found on site who is not employed, and the planted schemes' own look-ups (made at an
    inspection too). Jobs at NUF employers answer in the "Arbeidsforhold i oppdrag" shape."""
    jobs = world.jobs
    t = world.enheter
    rng = world.rng("arbeidsforhold")
    today = TODAY
    by_pair: dict[tuple[int, int], int] = {}  # (enhet, person) -> a job, -1 for none
    inspected = np.isin(jobs["enhet"], np.array(world.inspected, dtype=np.int64))
    for j in np.flatnonzero(inspected).tolist():
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


class _Discard(JsonLinesWriter):
    """Counts like a writer, writes nothing: a service left out of the bundle."""

    def __init__(self) -> None:
        self.count = 0

    def write_raw(self, text: str) -> None:
        self.count += 1

    def close(self) -> None:
        pass


def _maybe(path: Path, left_out: bool) -> JsonLinesWriter:
    return _Discard() if left_out else JsonLinesWriter(path)


__all__ = ["approvals", "write_approvals", "write_arbeidsforhold", "write_skatt"]
