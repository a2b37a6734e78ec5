"""A synthetic Norway: register bundles in the exact public formats, with planted a-krim
schemes and their ground truth (issue 5).

Entry point: :func:`akrim.synth.bundle.generate`. Every number the generator uses and its public
source is documented in docs/synthetic-data.md; the truth written to ``DIR/truth/`` is for
evaluation only and is never read by akrim's analysis.
"""

from __future__ import annotations

SCHEME_IDS = (
    "repeat_bankruptcy", "shared_identity", "below_minimum_wage", "excessive_hours",
    "address_hub", "fictitious_timesheets", "unapproved_operation", "sole_proprietor_chain",
    "facilitator", "clandestine_work",
)
BENIGN_IDS = (
    "honest_bankruptcy", "large_staffing_agency", "multiple_part_time_jobs",
    "home_address_family_firm", "large_household", "office_building", "serial_entrepreneur",
    "minimum_wage_exact", "overtime_peak", "busy_accountant",
)

REGISTERS = ("enheter", "underenheter", "roller", "folkeregisteret", "amelding",
             "arbeidsgiveravgift", "mva", "restanser", "oppdrag", "arbeidsforhold", "renhold",
             "bilpleie", "bemanning", "hms_kort", "stansingsvedtak", "tilsyn", "tips")
"""Registers a bundle can leave out (`akrim synth --without`), one name per file kind."""
REGISTER_GROUPS = {"godkjenning": ("renhold", "bilpleie", "bemanning")}
"""Names that stand for several registers."""

__all__ = ["BENIGN_IDS", "REGISTERS", "REGISTER_GROUPS", "SCHEME_IDS"]
