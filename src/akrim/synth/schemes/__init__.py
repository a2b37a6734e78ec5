"""Planted a-krim schemes, benign look-alikes and background near misses, one module each.

Order matters: the facilitator becomes the accountant of schemes planted before it, and the
busy accountants are ranked once every unit has its accountant. Near misses of which only a few
are recorded in the truth also plant unrecorded ones at a realistic rate (``background``)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from akrim.synth.schemes import (
    address_hub,
    below_minimum_wage,
    busy_accountant,
    clandestine_work,
    excessive_hours,
    facilitator,
    fictitious_timesheets,
    home_address_family_firm,
    honest_bankruptcy,
    large_household,
    large_staffing_agency,
    minimum_wage_exact,
    multiple_part_time_jobs,
    office_building,
    overtime_peak,
    repeat_bankruptcy,
    serial_entrepreneur,
    shared_identity,
    sole_proprietor_chain,
    unapproved_operation,
)
from akrim.synth.schemes.base import Planter

MODULES: tuple[ModuleType, ...] = (
    repeat_bankruptcy, shared_identity, below_minimum_wage, excessive_hours, address_hub,
    fictitious_timesheets, unapproved_operation, sole_proprietor_chain, clandestine_work,
    facilitator, honest_bankruptcy, large_staffing_agency, multiple_part_time_jobs,
    home_address_family_firm, large_household, office_building, serial_entrepreneur,
    minimum_wage_exact, overtime_peak,
)
BACKGROUND: tuple[ModuleType, ...] = (large_household, office_building, serial_entrepreneur)


def plant_all(planter: Planter, count: int) -> None:
    for k in range(count):
        for module in MODULES:
            plant: Callable[[Planter, int], None] = module.plant
            plant(planter, k)
    for module in BACKGROUND:
        module.background(planter)
    planter.finish()
    for k in range(count):
        busy_accountant.plant(planter, k)
