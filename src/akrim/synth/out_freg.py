"""Folkeregisteret person documents (folkeregister.jsonl.gz), one a line, in the API's shape
(/work/notes/skatt.md §2): every element a list of dated records, the current one `erGjeldende`.
Persons on d-numbers have status `midlertidig`/`inaktiv` and no bostedsadresse (they are not
resident); those who stay at a Norwegian address have it as an oppholdsadresse. Addresses carry
the dwelling's bruksenhetsnummer (H0101: floor 01, flat 01) and the building's matrikkel id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from akrim.synth.config import AS_OF, day_number, iso
from akrim.synth.dirty import Dirt
from akrim.synth.geography import postnummer, poststed
from akrim.synth.names import ORIGINS, STREETS
from akrim.synth.naming import person_name
from akrim.synth.world import World
from akrim.synth.writer import JsonLinesWriter

TODAY = day_number(AS_OF)
MOVE_SPAN = 9_000
"""Days back over which flyttedato is spread (an estimate; about a quarter century)."""


def _vegadresse(world: World, a: int) -> dict[str, Any]:
    ad = world.addresses
    k = int(ad.kommune[a])
    unit = int(ad.unit[a])
    return {
        "kommunenummer": world.geo.numbers[k],
        "bruksenhetsnummer": f"H{unit // 4 + 1:02d}{unit % 4 + 1:02d}",
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
    moved = i in world.person_addr
    address = world.person_addr[i] if moved else int(p.address[i])
    if address < 0:
        return doc
    matrikkel = str(300_000_000 + int(world.addresses.building[address]))
    if not dnr:
        # most of a household moved in together; the rest, and persons placed at a dwelling by
        # a scheme or a near miss, on a day of their own (same spread of dates for both)
        alone = moved or i % 10 < 3
        since = TODAY - 20 - ((i * 7919 + address) if alone else address * 104_729) % MOVE_SPAN
        doc["bostedsadresse"] = [{
            "erGjeldende": True, "vegadresse": _vegadresse(world, address),
            "adresseIdentifikatorFraMatrikkelen": matrikkel, "adressegradering": "ugradert",
            "flyttedato": iso(max(int(p.birth[i]), since)),
        }]
    else:
        doc["oppholdsadresse"] = [{
            "erGjeldende": True, "vegadresse": _vegadresse(world, address),
            "adresseIdentifikatorFraMatrikkelen": matrikkel}]
    return doc


def write_folkeregister(world: World, out: Path, dirt: Dirt) -> int:
    with JsonLinesWriter(out / "folkeregister.jsonl.gz") as w:
        planted = world.planted_persons
        for i in range(len(world.persons)):
            w.write(dirt.person(person_doc(world, i), planted=i in planted))
        return w.count
