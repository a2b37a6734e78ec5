"""Enhetsregisteret: enheter_alle.json.gz, underenheter_alle.json.gz, roller_totalbestand.json.gz
in the shapes of /work/notes/brreg.md §1, §2 and §4 (one array element a line), in organisation
number order (so that the order never tells which units were planted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from akrim.synth.companies import FORMS
from akrim.synth.config import REFERENCE_MONTH, day_number
from akrim.synth.dirty import Dirt
from akrim.synth.industries import INDUSTRIES, code
from akrim.synth.naming import address_obj, date_or_none, enhet_name, person_name
from akrim.synth.table import NODATE
from akrim.synth.world import ROLE_CODES, ROLE_GROUP, Role, World
from akrim.synth.writer import JsonArrayWriter

ROLE_TEXT = {"DAGL": "Daglig leder", "LEDE": "Styrets leder", "MEDL": "Styremedlem",
             "NEST": "Nestleder", "VARA": "Varamedlem", "INNH": "Innehaver",
             "REGN": "Regnskapsfører", "REVI": "Revisor", "DTSO": "Deltaker med fullt ansvar",
             "DTPR": "Deltaker med delt ansvar", "REPR": "Norsk representant for utenlandsk enhet",
             "KDEB": "Konkursdebitor", "BOBE": "Bostyrer"}
GROUP_TEXT = {"DAGL": "Daglig leder/ adm.direktør", "STYR": "Styre", "INNH": "Innehaver",
              "REGN": "Regnskapsfører", "REVI": "Revisor", "DELT": "Deltakere",
              "REPR": "Norsk representant for utenlandsk enhet", "KDEB": "Konkursdebitor",
              "BOBE": "Bostyrer"}
CUTOVER = day_number(REFERENCE_MONTH.replace(month=1))
"""Units deleted before 2025 keep their SN2007 code (Brønnøysund switched to SN2025 in 2025)."""


def employee_counts(world: World) -> np.ndarray:
    jobs = world.jobs
    today = day_number(REFERENCE_MONTH)
    active = (jobs["start_day"] <= today) & ((jobs["end_day"] == NODATE)
                                            | (jobs["end_day"] >= today))
    return np.bincount(jobs["enhet"][active], minlength=len(world.enheter))


def enhet_obj(world: World, e: int, employees: int) -> dict[str, Any]:
    t = world.enheter
    form = FORMS[int(t["form"][e])]
    slett = int(t["slett_day"][e])
    obj: dict[str, Any] = {
        "organisasjonsnummer": t["orgnr"][e].decode(),
        "navn": enhet_name(world, e),
        "organisasjonsform": {"kode": form.code, "beskrivelse": form.description},
    }
    ind = int(t["industry"][e])
    standard = "SN2007" if slett != NODATE and slett < CUTOVER else "SN2025"
    if ind >= 0:
        obj["naeringskode1"] = {"kode": code(INDUSTRIES[ind], standard),
                                "beskrivelse": INDUSTRIES[ind].key}
    obj["registreringsdatoEnhetsregisteret"] = date_or_none(int(t["reg_day"][e]))
    if slett != NODATE:
        obj["slettedato"] = date_or_none(slett)
        return obj
    if employees > 0:
        obj["antallAnsatte"] = int(employees)
        obj["harRegistrertAntallAnsatte"] = True
    else:
        obj["harRegistrertAntallAnsatte"] = False
    addr = world.forced_address.get(e)
    if addr is not None:
        a = world.addresses
        obj["forretningsadresse"] = address_obj(world, int(a.kommune[addr]), int(a.street[addr]),
                                                int(a.number[addr]), int(a.salt[addr]))
    else:
        obj["forretningsadresse"] = address_obj(world, int(t["kommune"][e]), int(t["street"][e]),
                                                int(t["number"][e]), int(t["salt"][e]))
    obj["stiftelsesdato"] = date_or_none(int(t["reg_day"][e]) - 7)
    obj["institusjonellSektorkode"] = {"kode": form.sector}
    obj["registrertIMvaregisteret"] = bool(t["mva"][e]) or e in world.turnover
    obj["registrertIForetaksregisteret"] = form.code in ("AS", "ANS", "DA", "NUF", "SA", "ENK")
    konkurs = int(t["konkurs_day"][e])
    obj["konkurs"] = konkurs != NODATE
    if konkurs != NODATE:
        obj["konkursdato"] = date_or_none(konkurs)
    obj["underAvvikling"] = False
    obj["underTvangsavviklingEllerTvangsopplosning"] = False
    obj["maalform"] = "Bokmål"
    return obj


def write_enheter(world: World, out: Path, dirt: Dirt) -> int:
    counts = employee_counts(world)
    t = world.enheter
    with JsonArrayWriter(out / "enheter_alle.json.gz") as w:
        for e in np.argsort(t["orgnr"]).tolist():
            obj = enhet_obj(world, e, int(counts[e]))
            for o in dirt.enhet(obj, planted=bool(t["planted"][e])):
                w.write(o)
        return w.count


def write_underenheter(world: World, out: Path) -> int:
    u = world.underenheter
    e = world.enheter
    counts = np.bincount(world.jobs["under"], minlength=len(u))
    with JsonArrayWriter(out / "underenheter_alle.json.gz") as w:
        for i in np.argsort(u["orgnr"]).tolist():
            p = int(u["parent"][i])
            ind = int(e["industry"][p])
            obj: dict[str, Any] = {
                "organisasjonsnummer": u["orgnr"][i].decode(),
                "navn": enhet_name(world, p),
                "organisasjonsform": {"kode": "BEDR", "beskrivelse":
                                      "Underenhet til næringsdrivende og offentlig forvaltning"},
                "overordnetEnhet": e["orgnr"][p].decode(),
                "registreringsdatoEnhetsregisteret": date_or_none(int(u["start_day"][i])),
                "registrertIMvaregisteret": bool(e["mva"][p]),
                "naeringskode1": {"kode": code(INDUSTRIES[ind]), "beskrivelse":
                                  INDUSTRIES[ind].key},
                "harRegistrertAntallAnsatte": bool(counts[i] > 0),
                "beliggenhetsadresse": address_obj(world, int(u["kommune"][i]),
                                                   int(u["street"][i]), int(u["number"][i]),
                                                   int(u["salt"][i])),
                "oppstartsdato": date_or_none(int(u["start_day"][i])),
            }
            if counts[i] > 0:
                obj["antallAnsatte"] = int(counts[i])
            if int(u["end_day"][i]) != NODATE:
                obj["nedleggelsesdato"] = date_or_none(int(u["end_day"][i]))
            w.write(obj)
        return w.count


def _role_obj(world: World, role: str, person: int, holder: int, order: int, ended: bool
              ) -> dict[str, Any]:
    obj: dict[str, Any] = {"avregistrert": ended, "fratraadt": ended}
    if person >= 0:
        first, middle, last = person_name(world, person)
        navn = {"fornavn": first, "etternavn": last}
        if middle:
            navn["mellomnavn"] = middle
        obj["person"] = {"erDoed": False, "fodselsdato": date_or_none(
            int(world.persons.birth[person])), "navn": navn}
    else:
        form = FORMS[int(world.enheter["form"][holder])]
        obj["enhet"] = {"erSlettet": False, "navn": [enhet_name(world, holder)],
                        "organisasjonsform": {"beskrivelse": form.description,
                                              "kode": form.code},
                        "organisasjonsnummer": world.enheter["orgnr"][holder].decode()}
    obj["rekkefolge"] = order
    obj["type"] = {"beskrivelse": ROLE_TEXT[role], "kode": role}
    return obj


def write_roller(world: World, out: Path) -> int:
    roles = world.roles
    ent, codes, who, hold = roles["enhet"], roles["code"], roles["person"], roles["holder"]
    extra: dict[int, list[Role]] = {}
    for r in world.extra_roles:
        extra.setdefault(r.enhet, []).append(r)
    starts = np.searchsorted(ent, np.arange(len(world.enheter) + 1))
    written = 0
    with JsonArrayWriter(out / "roller_totalbestand.json.gz") as w:
        for e in np.argsort(world.enheter["orgnr"]).tolist():
            lo, hi = int(starts[e]), int(starts[e + 1])
            items = [(ROLE_CODES[int(codes[k])], int(who[k]), int(hold[k]), False)
                     for k in range(lo, hi)]
            items += [(r.role, r.person, r.holder, r.ended) for r in extra.get(e, [])]
            if not items:
                continue
            groups: dict[str, list[dict[str, Any]]] = {}
            seen: set[tuple[str, int, int]] = set()
            for role, person, holder, ended in items:
                if (role, person, holder) in seen:
                    continue
                seen.add((role, person, holder))
                group = groups.setdefault(ROLE_GROUP[role], [])
                group.append(_role_obj(world, role, person, holder, len(group), ended))
                written += 1
            w.write({
                "organisasjonsnummer": world.enheter["orgnr"][e].decode(),
                "rollegrupper": [
                    {"roller": roller, "sistEndret": date_or_none(int(world.enheter["reg_day"][e])),
                     "type": {"beskrivelse": GROUP_TEXT[g], "kode": g}}
                    for g, roller in groups.items()
                ],
            })
    return written
