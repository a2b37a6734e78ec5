"""Each public fact from its register rows: OK, not OK or not known, in bokmål and English.

Wording: a fact says what the register holds and when, never what it means about the people
behind the unit. A register that is not loaded, or a field the register left empty, gives
"not known" — never "OK" by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from akrim.seriousness.model import Fact, State

ENHETSREGISTERET = "Enhetsregisteret (Brønnøysundregistrene)"
MVA_REGISTER = "Merverdiavgiftsregisteret (via Enhetsregisteret)"
STOP_REGISTER = "Arbeidstilsynets publiserte stansingsvedtak"

APPROVAL_REGISTERS: dict[str, tuple[str, str, str]] = {
    # register code: (the register's name, the industry in bokmål, in English); the registers
    # query lists the same codes (a test checks).
    "renhold": ("Renholdsregisteret (Arbeidstilsynet)", "renhold", "cleaning"),
    "bilpleie": ("Registeret for bilpleie og dekkskift (Arbeidstilsynet)",
                 "bilpleie og dekkskift", "car care and tyre changing"),
    "bemanning": ("Bemanningsforetaksregisteret (Arbeidstilsynet)", "bemanning", "staffing"),
}

ROLE_NAMES: dict[str, tuple[str, str]] = {
    # The leading roles whose holders' other bankruptcies are shown, in the order of the
    # `leading_role` list of the role_bankruptcies query (a test checks). Not the accountant (REGN),
    # auditor (REVI) or deputies (VARA): they serve many units and lead none.
    "DAGL": ("daglig leder", "general manager"),
    "INNH": ("innehaver", "owner"),
    "LEDE": ("styreleder", "chair of the board"),
    "NEST": ("nestleder i styret", "deputy chair"),
    "MEDL": ("styremedlem", "board member"),
    "DTPR": ("deltaker med delt ansvar", "partner with shared liability"),
    "DTSO": ("deltaker med fullt ansvar", "partner with full liability"),
    "KOMP": ("komplementar", "general partner"),
}


@dataclass(frozen=True)
class Unit:
    """The `unit` query's row: the unit's newest version and its legal unit's facts."""

    kind: str  # enhet | underenhet
    orgnr: str
    navn: str | None
    naeringskode1: str | None
    registreringsdato: dt.date | None
    slettedato: dt.date | None
    nedleggelsesdato: dt.date | None
    legal_orgnr: str | None
    valid_to: dt.date | None
    konkurs: bool | None
    konkursdato: dt.date | None
    under_avvikling: bool | None
    under_tvangsavvikling: bool | None
    registrert_i_mvaregisteret: bool | None


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "ukjent dato"


def _day_en(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "unknown date"


def registration(unit: Unit, as_of: dt.date | None) -> Fact:
    def fact(state: State, nb: str, en: str, date: dt.date | None = as_of) -> Fact:
        return Fact("registration", state, nb, en, ENHETSREGISTERET, date)

    if unit.slettedato is not None:
        return fact("not_ok", f"Slettet fra Enhetsregisteret {unit.slettedato}",
                    f"Deleted from the Central Coordinating Register {unit.slettedato}")
    if unit.nedleggelsesdato is not None:
        return fact("not_ok", f"Underenheten er nedlagt {unit.nedleggelsesdato}",
                    f"The sub-unit was closed down {unit.nedleggelsesdato}")
    if unit.valid_to is not None:
        return fact("not_ok", f"Ikke med i Enhetsregisteret fra {unit.valid_to}",
                    f"Not in the Central Coordinating Register from {unit.valid_to}",
                    unit.valid_to)
    since, since_en = ((f" siden {unit.registreringsdato}", f" since {unit.registreringsdato}")
                       if unit.registreringsdato else ("", ""))
    return fact("ok", f"Registrert i Enhetsregisteret{since}",
                f"Registered in the Central Coordinating Register{since_en}")


def bankruptcy(unit: Unit, as_of: dt.date | None) -> Fact:
    key, register = "bankruptcy", ENHETSREGISTERET
    if unit.konkurs is None:
        return Fact(key, "unknown", "Ikke kjent om foretaket er konkurs (mangler i registeret)",
                    "Not known whether the company is bankrupt (missing in the register)",
                    register, as_of)
    if unit.konkurs:
        return Fact(key, "not_ok", f"Registrert konkurs {_day(unit.konkursdato)}",
                    f"Registered bankrupt {_day_en(unit.konkursdato)}", register, as_of)
    return Fact(key, "ok", "Ingen konkurs registrert", "No bankruptcy registered",
                register, as_of)


def liquidation(unit: Unit, as_of: dt.date | None) -> Fact:
    key, register = "liquidation", ENHETSREGISTERET
    if unit.under_tvangsavvikling:
        return Fact(key, "not_ok", "Registrert under tvangsavvikling eller tvangsoppløsning",
                    "Registered as being compulsorily wound up or dissolved", register, as_of)
    if unit.under_avvikling:
        return Fact(key, "not_ok", "Registrert under avvikling",
                    "Registered as being wound up", register, as_of)
    if unit.under_avvikling is None or unit.under_tvangsavvikling is None:
        return Fact(key, "unknown", "Ikke kjent om foretaket er under avvikling",
                    "Not known whether the company is being wound up", register, as_of)
    return Fact(key, "ok", "Ikke registrert under avvikling",
                "Not registered as being wound up", register, as_of)


def vat(unit: Unit, as_of: dt.date | None) -> Fact:
    key, register = "vat", MVA_REGISTER
    if unit.registrert_i_mvaregisteret is None:
        return Fact(key, "unknown", "Ikke kjent om foretaket er registrert i "
                    "Merverdiavgiftsregisteret", "Not known whether the company is in the VAT "
                    "Register", register, as_of)
    if unit.registrert_i_mvaregisteret:
        return Fact(key, "ok", "Registrert i Merverdiavgiftsregisteret",
                    "Registered in the VAT Register", register, as_of)
    return Fact(key, "not_ok", "Ikke registrert i Merverdiavgiftsregisteret. Virksomheter med "
                "avgiftspliktig omsetning over 50 000 kroner på tolv måneder skal være "
                "registrert.", "Not registered in the VAT Register. Businesses with taxable "
                "sales over NOK 50,000 in twelve months must be registered.", register, as_of)


def approval(register: str, rows: Sequence[tuple[Any, ...]], loaded_as_of: dt.date | None
             ) -> Fact:
    """The unit's entry in one approval register its industry requires; `loaded_as_of` is None
    when that register is not loaded. `rows` are (register, status, status_dato)."""
    name, industry, industry_en = APPROVAL_REGISTERS[register]
    key = f"approval_{register}"
    if loaded_as_of is None:
        return Fact(key, "unknown", f"Ikke kjent: {name} er ikke lastet. Virksomheter innen "
                    f"{industry} må være godkjent.", f"Not known: {name} is not loaded. "
                    f"Businesses in {industry_en} must be approved.", name, None)
    entries = [row for row in rows if row[0] == register]
    if not entries:
        return Fact(key, "not_ok", f"Ikke funnet i {name}. Virksomheter innen {industry} må "
                    f"være godkjent.", f"Not found in {name}. Businesses in {industry_en} must "
                    f"be approved.", name, loaded_as_of)
    _, status, status_dato = entries[0]
    if status == "Godkjent":
        return Fact(key, "ok", f"Godkjent i {name} (status fra {_day(status_dato)})",
                    f"Approved in {name} (status from {_day_en(status_dato)})",
                    name, loaded_as_of)
    return Fact(key, "not_ok", f"Ikke godkjent i {name}: status «{status}» fra "
                f"{_day(status_dato)}", f"Not approved in {name}: status '{status}' from "
                f"{_day_en(status_dato)}", name, loaded_as_of)


def approval_need_unknown(as_of: dt.date | None) -> Fact:
    """Without an industry code, whether an approval register applies is not known."""
    return Fact("approval", "unknown", "Ikke kjent om virksomheten må være godkjent (renhold, "
                "bilpleie, bemanning): næringskode mangler i Enhetsregisteret", "Not known "
                "whether the business must be approved (cleaning, car care, staffing): no "
                "industry code in the Central Coordinating Register", ENHETSREGISTERET, as_of)


def stop_decisions(rows: Sequence[tuple[Any, ...]], loaded_as_of: dt.date | None) -> Fact:
    """`rows` are (etat, vedtaksdato, opphevet_dato), newest first."""
    key, register = "stop_decisions", STOP_REGISTER
    if loaded_as_of is None:
        return Fact(key, "unknown", "Ikke kjent: stansingsvedtakene er ikke lastet",
                    "Not known: the stop decisions are not loaded", register, None)
    standing = [row for row in rows if row[2] is None]
    lifted = [row for row in rows if row[2] is not None]
    lifted_nb = "".join(f"; vedtak {_day(d)} opphevet {o}" for _, d, o in lifted)
    lifted_en = "".join(f"; decision of {_day_en(d)} lifted {o}" for _, d, o in lifted)
    if standing:
        listed = ", ".join(f"{etat or 'ukjent etat'} {_day(d)}" for etat, d, _ in standing)
        listed_en = ", ".join(f"{etat or 'unknown agency'} {_day_en(d)}"
                              for etat, d, _ in standing)
        return Fact(key, "not_ok", f"Publisert stansingsvedtak som ikke er opphevet: {listed}"
                    f"{lifted_nb}", f"Published stop decision not lifted: {listed_en}"
                    f"{lifted_en}", register, loaded_as_of)
    return Fact(key, "ok", f"Ingen gjeldende publiserte stansingsvedtak i registeret per "
                f"{loaded_as_of}{lifted_nb}", f"No standing published stop decisions in the "
                f"register as of {loaded_as_of}{lifted_en}", register, loaded_as_of)


def role_bankruptcies(rows: Sequence[tuple[Any, ...]], loaded_as_of: dt.date | None) -> Fact:
    """`rows` are (rolle, innehaver, orgnr, navn, konkursdato) of the `role_bankruptcies`
    query. The holder is named by role, not by name: the role is what a buyer needs."""
    key, register = "role_bankruptcies", ENHETSREGISTERET
    if loaded_as_of is None or not rows:
        return Fact(key, "unknown", "Ikke kjent: ingen personer i ledende roller er registrert",
                    "Not known: no persons in leading roles are registered", register,
                    loaded_as_of)
    # One sentence per person (a person may hold several roles), in the query's order.
    roles: dict[str, list[str]] = {}
    bankrupt: dict[str, list[tuple[str, str | None, dt.date | None]]] = {}
    for rolle, holder, orgnr, navn, konkursdato in rows:
        if rolle not in roles.setdefault(holder, []):
            roles[holder].append(rolle)
        found = bankrupt.setdefault(holder, [])
        if orgnr is not None and (orgnr, navn, konkursdato) not in found:
            found.append((orgnr, navn, konkursdato))
    if not any(bankrupt.values()):
        return Fact(key, "ok", "Ingen av personene i ledende roller har hatt ledende roller i "
                    "andre foretak som er registrert konkurs", "None of the persons in leading "
                    "roles has held leading roles in other companies registered bankrupt",
                    register, loaded_as_of)
    nb, en = [], []
    for holder, units in bankrupt.items():
        if not units:
            continue
        who_nb = " og ".join(ROLE_NAMES[rolle][0] for rolle in roles[holder])
        who_en = " and ".join(ROLE_NAMES[rolle][1] for rolle in roles[holder])
        listed = "; ".join(f"{navn or 'navn ukjent'} (org.nr. {orgnr}, konkurs "
                           f"{_day(konkursdato)})" for orgnr, navn, konkursdato in units)
        listed_en = "; ".join(f"{navn or 'name unknown'} (org. no. {orgnr}, bankrupt "
                              f"{_day_en(konkursdato)})" for orgnr, navn, konkursdato in units)
        nb.append(f"Personen som er {who_nb}, har hatt ledende roller i {len(units)} andre "
                  f"foretak som er registrert konkurs: {listed}.")
        en.append(f"The person who is {who_en} has held leading roles in {len(units)} other "
                  f"companies registered bankrupt: {listed_en}.")
    nb.append("En konkurs kan ha mange årsaker.")
    en.append("A bankruptcy can have many causes.")
    return Fact(key, "not_ok", " ".join(nb), " ".join(en), register, loaded_as_of)
