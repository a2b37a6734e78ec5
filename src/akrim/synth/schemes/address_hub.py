"""Register manipulation: many persons and companies registered at one small address. Seeds:
action-plan-2025-nb.txt lines 1268-1270 ("registermanipulasjon"),
fact-sheet-exploitation-checklist-nb.txt line 315 ("Et dårlig og overfylt bosted i regi av
arbeidsgiver")."""

from __future__ import annotations

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    address = int(w.rng("hub", k).integers(0, len(w.addresses.kommune)))
    w.addresses.number[address] = 7
    residents = p.claim(24)
    for person in residents:
        w.person_addr[person] = address
    units = [p.unit(("building", "cleaning", "courier")[n % 3], employer=False, address=address)
             for n in range(6)]
    for n, e in enumerate(units):
        p.role(e, "DAGL", person=residents[n])
    p.truth("address_hub", False, units, residents, p.window(),
            "action-plan-2025-nb.txt:1268-1270; fact-sheet-exploitation-checklist-nb.txt:315 — "
            "24 residents (Folkeregisteret bostedsadresse, same "
            "adresseIdentifikatorFraMatrikkelen) and 6 companies (forretningsadresse) "
            "registered at one single-house address.")
