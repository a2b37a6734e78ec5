"""Planted a-krim schemes and benign look-alikes, one module each. Order matters: the facilitator
becomes the accountant of schemes planted before it."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from akrim.synth.schemes import (
    address_hub,
    below_minimum_wage,
    clandestine_work,
    excessive_hours,
    facilitator,
    fictitious_timesheets,
    home_address_family_firm,
    honest_bankruptcy,
    large_staffing_agency,
    multiple_part_time_jobs,
    repeat_bankruptcy,
    shared_identity,
    sole_proprietor_chain,
    unapproved_operation,
)
from akrim.synth.schemes.base import Planter

MODULES: tuple[ModuleType, ...] = (
    repeat_bankruptcy, shared_identity, below_minimum_wage, excessive_hours, address_hub,
    fictitious_timesheets, unapproved_operation, sole_proprietor_chain, clandestine_work,
    facilitator, honest_bankruptcy, large_staffing_agency, multiple_part_time_jobs,
    home_address_family_firm,
)


def plant_all(planter: Planter, count: int) -> None:
    for k in range(count):
        for module in MODULES:
            plant: Callable[[Planter, int], None] = module.plant
            plant(planter, k)
