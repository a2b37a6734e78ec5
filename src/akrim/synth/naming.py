"""Names and addresses of units and persons, derived on demand from the world's columns."""

from __future__ import annotations

from typing import Any

from akrim.synth.companies import FORMS
from akrim.synth.config import iso
from akrim.synth.geography import postnummer, poststed
from akrim.synth.industries import INDUSTRIES
from akrim.synth.names import FIRMS_TRADE, FIRMS_WORDS, STREETS
from akrim.synth.population import full_name
from akrim.synth.table import NODATE
from akrim.synth.world import World


def person_name(world: World, i: int) -> tuple[str, str | None, str]:
    return full_name(world.persons, i)


def person_display(world: World, i: int) -> str:
    return " ".join(p for p in person_name(world, i) if p)


def enhet_name(world: World, e: int) -> str:
    t = world.enheter
    form = FORMS[int(t["form"][e])].code
    a, b = int(t["name_a"][e]), int(t["name_b"][e])
    if form == "KBO":
        return f"{enhet_name(world, int(t['bankrupt_of'][e]))} KONKURSBO"
    ind = INDUSTRIES[int(t["industry"][e])]
    trade = FIRMS_TRADE.get(ind.trade, FIRMS_TRADE["other"])
    word = FIRMS_WORDS[a % len(FIRMS_WORDS)]
    kommune = world.geo.names[int(t["kommune"][e])]
    if form == "ENK":
        owner = int(t["owner"][e])
        base = person_display(world, owner) if owner >= 0 else word
        return f"{base} {trade[b % len(trade)]}" if b % 3 else base
    if form in ("FLI",):
        return f"{kommune} {('Idrettslag', 'Velforening', 'Musikkorps', 'Historielag')[b % 4]}"
    if form in ("BRL", "ESEK", "SAM"):
        return f"{STREETS[int(t['street'][e])]} {int(t['number'][e])} {form}"
    if form in ("ORGL", "KOMM", "KF", "IKS", "SF"):
        return f"{kommune} {('kommune', 'helse', 'skole', 'omsorg')[b % 4]}".upper()
    suffix = {"AS": "AS", "ANS": "ANS", "DA": "DA", "NUF": "NUF", "STI": "STIFTELSE",
              "SA": "SA"}.get(form, form)
    return f"{word} {trade[b % len(trade)]} {a % 97 if a % 5 == 0 else ''}".replace(
        "  ", " ").strip().upper() + " " + suffix


def address_obj(world: World, kommune: int, street: int, number: int, salt: int
                ) -> dict[str, Any]:
    geo = world.geo
    return {
        "land": "Norge", "landkode": "NO",
        "postnummer": postnummer(geo, kommune, salt),
        "poststed": poststed(geo, kommune),
        "adresse": [f"{STREETS[street]} {number}"],
        "kommune": geo.names[kommune].upper(),
        "kommunenummer": geo.numbers[kommune],
    }


def date_or_none(day: int) -> str | None:
    return None if day == NODATE else iso(day)
