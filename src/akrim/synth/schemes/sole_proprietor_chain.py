"""A van-transport contractor whose drivers are sole proprietorships (ENK) in all but name:
eight ENKs in SN2025 53.200 owned by d-number holders, registered within weeks, all with the
contractor's address as theirs, the same accountant, HMS cards naming the contractor as
employer and no employees of their own. Seeds: action-plan-2022-en.txt lines 350-357 ("make
deliberate use of sole proprietorships to avoid employer's liability"),
fact-sheet-exploitation-checklist-nb.txt lines 70-73, action-plan-2025-nb.txt lines 1170-1178
(HMS-kort for varebiltransport)."""

from __future__ import annotations

from akrim.synth.config import iso
from akrim.synth.schemes.base import TODAY, Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    contractor = p.unit("courier", name=f"EXPRESS LAST MILE {k + 1} AS")
    p.job(p.claim(1)[0], contractor, hourly=False, monthly_kr=55_000)
    accountant = p.unit("accounting", employer=False)
    drivers = p.claim(8, dnr=True)
    address = int(w.rng("chain", k).integers(0, len(w.addresses.kommune)))
    units = [contractor]
    for n, driver in enumerate(drivers):
        e = p.unit("courier", form="ENK", owner=driver, employer=False,
                   reg_day=TODAY - 330 + 4 * n, address=address)
        p.role(e, "REGN", holder=accountant)
        w.turnover[e] = 95_000 + 1_000 * n
        w.hms.append({"kortnummer": f"HMSV{k:04d}{n}",
                      "identifikasjonsnummer": w.persons.ident[driver].decode(),
                      "fornavn": None, "etternavn": None,
                      "foedselsdato": iso(int(w.persons.birth[driver])),
                      "arbeidsgiver": w.enheter["orgnr"][contractor].decode(),
                      "utstedt": iso(TODAY - 320), "gyldig_til": iso(TODAY + 400),
                      "status": "Gyldig"})
        # the contractor's drivers looked up as its employees: none is (ARBEIDSFORHOLD-007)
        w.queries.append((contractor, driver))
        units.append(e)
    w.forced_address[contractor] = address
    p.truth("sole_proprietor_chain", False, units, drivers, (iso(TODAY - 330), iso(TODAY)),
            "action-plan-2022-en.txt:350-357; action-plan-2025-nb.txt:1170-1178 — eight ENKs in "
            "SN2025 53.200 owned by d-number holders, registered within a month, at the "
            "contractor's forretningsadresse, same REGN accountant, no employees, near-identical "
            "VAT turnover, HMS cards naming the contractor as arbeidsgiver, and Skatteetaten's "
            "Arbeidsforhold service answering ARBEIDSFORHOLD-007 (no active employment) for "
            "every driver at the contractor.")
