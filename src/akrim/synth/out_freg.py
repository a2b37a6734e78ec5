"""Folkeregisteret person documents (folkeregister.jsonl.gz), one a line, in the API's shape
(/work/notes/skatt.md §2): every element a list of dated records, the current one `erGjeldende`.
Persons on d-numbers have status `midlertidig`/`inaktiv` and no bostedsadresse (they are not
resident); only those a scheme places at an address get one, as an oppholdsadresse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from akrim.synth.config import iso
from akrim.synth.dirty import Dirt
from akrim.synth.geography import postnummer, poststed
from akrim.synth.names import ORIGINS, STREETS
from akrim.synth.naming import person_name
from akrim.synth.world import World
from akrim.synth.writer import JsonLinesWriter


def _vegadresse(world: World, a: int) -> dict[str, Any]:
    ad = world.addresses
    k = int(ad.kommune[a])
    return {
        "kommunenummer": world.geo.numbers[k],
        "adressenavn": STREETS[int(ad.street[a])],
        "adressenummer": {"husnummer": str(int(ad.number[a]))},
        "poststed": {"poststedsnavn": poststed(world.geo, k),
                     "postnummer": postnummer(world.geo, k, int(ad.salt[a]))},
    }


def person_doc(world: World, i: int) -> dict[str, Any]:
    p = world.persons
    ident = p.ident[i].decode()
    birth = iso(int(p.birth[i]))
    first, middle, last = person_name(world, i)
    navn: dict[str, Any] = {"erGjeldende": True, "fornavn": first, "etternavn": last}
    if middle:
        navn["mellomnavn"] = middle
    origin = ORIGINS[int(p.origin[i])]
    dnr = bool(p.dnr[i])
    doc: dict[str, Any] = {
        "identifikasjonsnummer": [{
            "erGjeldende": True, "status": "iBruk", "foedselsEllerDNummer": ident,
            "identifikatortype": "dNummer" if dnr else "foedselsnummer"}],
        "status": [{"erGjeldende": True, "status": (
            "midlertidig" if int(p.birth[i]) % 10 < 7 else "inaktiv") if dnr else "bosatt"}],
        "kjoenn": [{"erGjeldende": True, "kjoenn": "mann" if p.male[i] else "kvinne"}],
        "foedsel": [{"erGjeldende": True, "foedselsdato": birth, "foedselsaar": birth[:4],
                     "foedeland": "NOR" if origin.code == "NOR" else origin.code}],
        "navn": [navn],
        "statsborgerskap": [{"erGjeldende": True, "statsborgerskap": origin.code}],
    }
    address = world.person_addr.get(i, int(p.address[i]))
    if address >= 0 and not dnr:
        doc["bostedsadresse"] = [{
            "erGjeldende": True, "vegadresse": _vegadresse(world, address),
            "adresseIdentifikatorFraMatrikkelen": str(300_000_000 + address),
            "adressegradering": "ugradert",
            "flyttedato": iso(max(int(p.birth[i]), 10_000 + address % 9000)),
        }]
    elif address >= 0:
        doc["oppholdsadresse"] = [{
            "erGjeldende": True, "vegadresse": _vegadresse(world, address),
            "adresseIdentifikatorFraMatrikkelen": str(300_000_000 + address)}]
    return doc


def write_folkeregister(world: World, out: Path, dirt: Dirt) -> int:
    with JsonLinesWriter(out / "folkeregister.jsonl.gz") as w:
        planted = world.planted_persons
        for i in range(len(world.persons)):
            w.write(dirt.person(person_doc(world, i), planted=i in planted))
        return w.count
