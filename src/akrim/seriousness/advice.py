"""What a buyer should ask a supplier for, in plain language, by the supplier's industry.

The advice comes from the government's action plan against work-related crime 2025
(/work/shared/seeds/action-plan-2025-nb.txt); each entry names its lines. The industry groups
are the indicators' (`akrim/indicators/config.yaml`, `industries:`), matched on the unit's main
industry code (naeringskode1) as the indicators do.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from akrim.indicators.catalogue import config
from akrim.indicators.minimum_wage import load_rates
from akrim.seriousness.model import Advice

APPROVAL_GROUPS = {"cleaning": "renhold", "carcare": "bilpleie", "staffing": "bemanning"}
"""Industry groups that need approval, and their register (akrim.store.schema `godkjenning`)."""

NORGESMODELLEN_GROUPS = frozenset({"construction", "cleaning"})
"""Norgesmodellen's first step covers contracts in building, construction and cleaning
(action-plan-2025-nb.txt:1414-1420)."""


def industry_groups(naeringskode: str | None) -> frozenset[str]:
    """The config's industry groups whose prefixes the code starts with."""
    if naeringskode is None:
        return frozenset()
    industries: dict[str, list[str]] = config()["industries"]
    return frozenset(group for group, prefixes in industries.items()
                     if any(naeringskode.startswith(prefix) for prefix in prefixes))


@cache
def _minimum_wage_groups() -> frozenset[str]:
    """Groups with an allmenngjort tariff agreement: those the shipped minimum rates cover.
    Read once: the rates are shipped data, and parsing them took 5 ms of every check."""
    groups: Collection[str] = config()["industries"]
    return frozenset(rate.industry_group for rate in load_rates(groups))


def advice(groups: frozenset[str]) -> tuple[Advice, ...]:
    out = [
        # action-plan-2025-nb.txt:1389-1393: skatteattester as the digital proof a buyer uses.
        Advice("tax_certificate",
               "Be om en ny skatteattest fra Skatteetaten som viser om skatter og avgifter "
               "er betalt.",
               "Ask for a recent tax certificate (skatteattest) from the Norwegian Tax "
               "Administration showing whether taxes and duties are paid."),
        # action-plan-2025-nb.txt:1536-1552 (tiltak 26): stop decisions and inspection
        # reports are published on eInnsyn for buyers and consumers.
        Advice("inspection_reports",
               "Søk etter Arbeidstilsynets tilsynsrapporter og stansingsvedtak om leverandøren "
               "i eInnsyn.",
               "Search eInnsyn for the Labour Inspection Authority's inspection reports and "
               "stop decisions about the supplier."),
    ]
    for group, register in sorted(APPROVAL_GROUPS.items()):
        if group in groups:
            # action-plan-2025-nb.txt:1336-1338 and 1560-1575 (tiltak 27): the approval
            # registers for cleaning, car care/tyres and staffing, public for buyers.
            out.append(Advice(
                f"approval_{register}",
                f"Kontroller at leverandøren er godkjent i Arbeidstilsynets register for "
                f"{register} før avtale inngås, og følg med på at godkjenningen gjelder.",
                f"Check that the supplier is approved in the Labour Inspection Authority's "
                f"{register} register before signing, and that the approval stays valid."))
    if groups & NORGESMODELLEN_GROUPS:
        # action-plan-2025-nb.txt:1414-1424 (tiltak 22): HMS cards in building, construction
        # and cleaning contracts.
        out.append(Advice(
            "hms_cards",
            "Krev at alle som arbeider på bygge- og anleggsplassen eller i renholdsoppdraget "
            "har gyldig HMS-kort.",
            "Require a valid HMS card (health and safety ID card) for everyone working on the "
            "building site or in the cleaning contract."))
        # action-plan-2025-nb.txt:1332-1335 and 1414-1424: Norgesmodellen's seriousness
        # requirements for public contracts.
        out.append(Advice(
            "norgesmodellen",
            "I offentlige kontrakter: still Norgesmodellens seriøsitetskrav — lønn utbetalt "
            "via bank, obligatorisk tjenestepensjon, HMS-kort, språkkrav og lærlinger.",
            "In public contracts: set Norgesmodellen's seriousness requirements — wages paid "
            "through a bank, mandatory occupational pension, HMS cards, language "
            "requirements and apprentices."))
    if "van_transport" in groups:
        # action-plan-2025-nb.txt:1170-1188: HMS cards for van transport, drivers and helpers,
        # and a buyer's duty to require them.
        out.append(Advice(
            "hms_cards_van",
            "HMS-kort innføres for varebiltransport: be om at sjåfører og hjelpearbeidere har "
            "gyldig HMS-kort.",
            "HMS cards are being introduced for van transport: ask that drivers and helpers "
            "carry a valid HMS card."))
    if groups & _minimum_wage_groups():
        # action-plan-2025-nb.txt:98-104: wages below an allmenngjøringsforskrift are social
        # dumping.
        out.append(Advice(
            "generally_applicable_wages",
            "Be om dokumentasjon på at lønns- og arbeidsvilkårene følger "
            "allmenngjøringsforskriften for bransjen (timelister og lønnsslipper).",
            "Ask for documentation that pay and working conditions follow the industry's "
            "generally applicable collective agreement (timesheets and payslips)."))
    return tuple(out)
