"""The public seriousness check: public register facts about a supplier, for buyers.

Only public information (Enhetsregisteret, Arbeidstilsynet's approval registers and published
stop decisions); each fact OK, not OK or not known, with its register and date; never a score.
See docs/seriousness.md.
"""

from __future__ import annotations

from akrim.seriousness.batch import (
    BadLine,
    SupplierFileError,
    Suppliers,
    read_suppliers_csv,
    write_report_csv,
)
from akrim.seriousness.check import PUBLIC_TABLES, check, check_many
from akrim.seriousness.model import Advice, Fact, SeriousnessReport, State

__all__ = [
    "PUBLIC_TABLES",
    "Advice",
    "BadLine",
    "Fact",
    "SeriousnessReport",
    "State",
    "SupplierFileError",
    "Suppliers",
    "check",
    "check_many",
    "read_suppliers_csv",
    "write_report_csv",
]
