"""One d-number used by several people at once: full-time hours reported for the same d-number
by three employers in three kommuner in the same months, and HMS cards in the same number with
different names. Seed: action-plan-2025-nb.txt lines 1289-1296 ("begrenset mulighet til å
kontrollere at den som bruker d-nummeret, er den samme personen som ble tildelt nummeret")."""

from __future__ import annotations

from akrim.synth.config import iso
from akrim.synth.names import ORIGINS
from akrim.synth.schemes.base import TODAY, Planter


def plant(p: Planter, k: int) -> None:
    [holder] = p.claim(1, dnr=True)
    units = []
    w = p.world
    ident = w.persons.ident[holder].decode()
    for n, industry in enumerate(("building", "cleaning", "courier")):
        e = p.unit(industry)
        p.job(holder, e, rate_kr=262 + 10 * n, start_day=TODAY - 300 + 7 * n)
        units.append(e)
        o = ORIGINS[(k + n + 1) % len(ORIGINS)]
        w.hms.append({"kortnummer": f"HMSX{k:04d}{n}", "identifikasjonsnummer": ident,
                      "fornavn": o.male[n % len(o.male)], "etternavn": o.surnames[n],
                      "foedselsdato": iso(int(w.persons.birth[holder]) + 400 * n),
                      "arbeidsgiver": w.enheter["orgnr"][e].decode(), "utstedt": iso(TODAY - 290),
                      "gyldig_til": iso(TODAY + 400), "status": "Gyldig"})
    p.truth("shared_identity", False, units, [holder], p.window(),
            "action-plan-2025-nb.txt:1289-1296 — one d-number reported as a full-time hourly "
            "worker (≈162 h/month each) by three employers at once in the same months (≈490 h "
            "a month in total, impossible for one person), and three HMS cards on the same "
            "d-number with different names and birth dates.")
