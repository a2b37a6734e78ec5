"""Validation and generation of Norwegian identifiers.

Why a package of its own: every a-krim data source (Enhetsregisteret, A-ordningen,
Folkeregisteret extracts, tips) keys on organisation numbers and personal identifiers,
and bad keys silently break joins. Validating once, with precise reasons, keeps joins
honest. Organisation numbers use python-stdnum's checksum; personal identifiers use
stdnum's control-digit weights with the 2032 rule (see :mod:`akrim.ids.control`). Both sums
are computed here on digit values, not by calling stdnum, because ingest checks millions of
numbers; the tests check that they agree with stdnum.
"""

from __future__ import annotations

from akrim.ids.errors import InvalidIdentifier
from akrim.ids.generate import make_person_id, synthetic_person_ids
from akrim.ids.orgnr import is_valid_orgnr, make_orgnr, validate_orgnr
from akrim.ids.person import IdKind, PersonId, is_valid_person_id, parse_person_id

__all__ = [
    "IdKind",
    "InvalidIdentifier",
    "PersonId",
    "is_valid_orgnr",
    "is_valid_person_id",
    "make_orgnr",
    "make_person_id",
    "parse_person_id",
    "synthetic_person_ids",
    "validate_orgnr",
]
