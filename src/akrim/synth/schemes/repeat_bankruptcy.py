"""Gjengangere: one person leads two to four companies that go bankrupt one after the other with
unpaid taxes, and the activity goes on in a new company. Seed: action-plan-2025-nb.txt lines
369-371 ("gjengangere som unndrar skatter og avgifter og som ofte slår sine selskaper konkurs for
å fortsette aktiviteten i nye virksomheter").

Variants:
- default: every company in the same SN2025 code;
- other_code_same_division: each company in another code of the same NACE division (43,
  specialised construction), so that no two share a code;
- straw_man: the new company is led by a person registered at the operator's own dwelling
  (a stråmann); the operator holds no role in it and is one of its employees.
"""

from __future__ import annotations

from akrim.synth.out_agency import STOP_REASONS, add_stop
from akrim.synth.schemes.base import TODAY, Planter, iso

VARIANTS = ("default", "other_code_same_division", "straw_man")
INDUSTRIES = ("building", "painting", "restaurant", "carcare", "cleaning", "joinery")
DIVISION_43 = ("electrical", "plumbing", "joinery", "painting", "plastering")
ROLE_SETS = (("DAGL", "LEDE"), ("DAGL", "LEDE"), ("DAGL",), ("LEDE",))
ARREARS = ("arbeidsgiveravgift", "forskuddstrekk", "merverdiavgift", "restskatt")


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("repeat_bankruptcy", k)
    variant = p.variant("repeat_bankruptcy", k, VARIANTS)
    if variant == "other_code_same_division":
        codes = [str(c) for c in rng.permutation(DIVISION_43)]
    else:
        codes = [INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]] * 5
    [boss] = p.anyone(1)
    bankrupt = int(rng.integers(2, 5))
    step = int(rng.integers(400, 800))  # days between one company and the next
    first_reg = TODAY - 250 - bankrupt * step
    units = []
    for n in range(bankrupt):
        reg = first_reg + n * step + (int(rng.integers(-60, 60)) if n else 0)
        life = int(step * rng.uniform(0.6, 1.15))
        roles = ROLE_SETS[int(rng.integers(0, len(ROLE_SETS)))]
        e = p.unit(codes[n], reg_day=reg, konkurs_day=reg + life, employer=False,
                   leaders={role: boss for role in roles})
        # unpaid taxes of two to four kinds, tens to hundreds of thousands of kroner each
        kinds = rng.choice(len(ARREARS), size=int(rng.integers(2, 5)), replace=False)
        w.arrears[e] = {ARREARS[int(i)]: int(rng.lognormal(12.0, 0.8)) for i in kinds}
        if rng.random() < 0.5:
            add_stop(w, e, reg + int(rng.integers(60, life)),
                     STOP_REASONS[int(rng.integers(0, len(STOP_REASONS)))],
                     lifted_after=int(rng.integers(1, 20)))
        units.append(e)
    # the new company is registered shortly before or after the last one goes bankrupt
    reg = first_reg + bankrupt * step + int(rng.integers(-120, 60))
    persons = [boss]
    if variant == "straw_man":
        [straw] = p.anyone(1)
        home = int(w.persons.address[boss])
        if home < 0:
            home = int(rng.integers(0, len(w.addresses)))
            w.person_addr[boss] = home
        w.person_addr[straw] = home
        e = p.unit(codes[bankrupt], reg_day=reg, leaders={"DAGL": straw, "LEDE": straw})
        p.job(boss, e, hourly=False)
        persons.append(straw)
    else:
        e = p.unit(codes[bankrupt], reg_day=reg, leaders={"DAGL": boss, "LEDE": boss})
    for worker in p.claim(int(rng.integers(2, 7)), dnr=True):
        p.job(worker, e)
    units.append(e)
    p.truth("repeat_bankruptcy", False, units, persons, (iso(first_reg), iso(TODAY)),
            "action-plan-2025-nb.txt:369-371 — the same person (roles file: same birth date and "
            f"name) led {bankrupt} companies that went bankrupt one after the other (konkurs=true, "
            "KBO estates with KDEB), each with unpaid taxes in Restanser, and the activity goes "
            "on in a new company" + (
                " led by a person registered at the operator's own dwelling; the operator holds "
                "no role there and is its employee." if variant == "straw_man" else
                " in the same NACE division." if variant != "default" else
                " in the same industry."), variant=variant)
