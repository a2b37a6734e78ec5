"""A van-transport contractor whose drivers are sole proprietorships (ENK) in all but name:
ENKs in SN2025 53.200 owned by d-number holders, registered within weeks of each other, with the
same accountant, HMS cards naming the contractor as employer, similar VAT turnover and no
employees of their own. Seeds: action-plan-2022-en.txt lines 350-357 ("make deliberate use of
sole proprietorships to avoid employer's liability"), fact-sheet-exploitation-checklist-nb.txt
lines 70-73, action-plan-2025-nb.txt lines 1170-1178 (HMS-kort for varebiltransport).

Variants (4-12 drivers, turnover and dates drawn):
- contractor_address: the ENKs are registered at the contractor's forretningsadresse;
- own_addresses: each ENK at its driver's own dwelling; only the accountant, the HMS cards and
  an inspection's look-ups tie them to the contractor.
"""

from __future__ import annotations

from akrim.synth.out_agency import add_inspection, hms_card
from akrim.synth.schemes.base import TODAY, Planter, iso

VARIANTS = ("contractor_address", "own_addresses")


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("chain", k)
    variant = p.variant("sole_proprietor_chain", k, VARIANTS)
    [boss] = p.anyone(1)
    contractor = p.unit("courier", leaders={"DAGL": boss, "LEDE": boss})
    for person in p.claim(int(rng.integers(1, 4))):
        p.job(person, contractor, hourly=False)
    accountant = int(rng.choice(p.accountants)) if len(p.accountants) else -1
    drivers = p.claim(int(rng.integers(4, 13)), dnr=True)
    first = TODAY - int(rng.integers(200, 700))
    typical = float(rng.uniform(70_000, 160_000))  # turnover per two-month term
    office = int(rng.integers(0, len(w.addresses)))
    units = [contractor]
    for driver in drivers:
        day = first + int(rng.integers(0, 45))
        if variant == "own_addresses":
            home = int(w.persons.address[driver])
            if home < 0:
                home = int(rng.integers(0, len(w.addresses)))
                w.person_addr[driver] = home
        else:
            home = office
        e = p.unit("courier", form="ENK", owner=driver, employer=False, reg_day=day,
                   address=home, mva=True)
        if accountant >= 0:
            p.regn[e] = accountant
        w.turnover[e] = int(typical * rng.uniform(0.85, 1.15))
        if rng.random() < 0.85:
            w.hms.append(hms_card(w, driver, contractor, day + int(rng.integers(5, 40))))
        # the contractor's drivers looked up as its employees at an inspection: none is
        w.queries.append((contractor, driver))
        units.append(e)
    if variant == "contractor_address":
        w.forced_address[contractor] = office
    add_inspection(w, contractor, TODAY - int(rng.integers(15, 150)))
    # the accountant who keeps the books of the whole chain is one of its actors, not its core
    helpers = [accountant] if accountant >= 0 else []
    p.truth("sole_proprietor_chain", False, units + helpers, [boss, *drivers],
            (iso(first), iso(TODAY)),
            "action-plan-2022-en.txt:350-357; action-plan-2025-nb.txt:1170-1178 — "
            f"{len(drivers)} ENKs in SN2025 53.200 owned by d-number holders, registered within "
            "weeks of each other"
            + (" at the contractor's forretningsadresse" if variant == "contractor_address"
               else " at their owners' own addresses")
            + ", with the same accountant, no employees and similar VAT turnover; HMS cards name "
            "the contractor as arbeidsgiver, and at an inspection the Arbeidsforhold service "
            "answered ARBEIDSFORHOLD-007 (no employment) for every driver at the contractor.",
            variant=variant, core_units=units, core_persons=[boss])
