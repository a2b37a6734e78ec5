"""Who may see what, for which purpose: the one authorisation policy of akrim.

Three questions, answered here and nowhere else:
1. **Which routes** are public, for every signed-in user (aggregates only), for person-level work,
   or for administrators (`ROUTES`: every route of the web app is classified, and
   tests/web/test_authorisation.py fails on a route that is not).
2. **Who** may do person-level work: analysts and inspectors of the agencies of the a-krim
   cooperation (Arbeidstilsynet, Nav, politiet, Skatteetaten, and the centres' own staff), and
   only with a stated purpose (a case, or a general task of the centres). The legal basis is
   personopplysningsloven § 12 a and forskrift om behandling av opplysninger i
   a-krimsamarbeidet (a-kriminformasjonsforskriften, 2022), which lets these agencies share and
   process personal data to prevent and fight work-related crime. The steering group sees
   aggregates only; administrators manage users and see no person-level data (separation of
   duties).
3. **Which fields** of the evidence: most registers akrim reads may be shared within the
   cooperation under that regulation; a tip is held by the agency that received it, whose
   duty of confidentiality protects the informant (arbeidsmiljøloven § 18-2 second paragraph,
   forvaltningsloven § 13): other agencies are told who holds it and whom to ask.
akrim holds no special-category data (personopplysningsloven art. 9): the store keeps none.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from akrim.ops.users import User


class Level(StrEnum):
    PUBLIC = "public"
    """Anyone, signed in or not: the seriousness check, sign-in, static files."""
    AGGREGATE = "aggregate"
    """Any signed-in user: counts and charts, no person."""
    PERSON = "person"
    """Person-level data: an a-krim agency's analyst or inspector with a stated purpose."""
    ADMIN = "admin"
    """User administration."""


ROUTES: dict[tuple[str, str], Level] = {
    ("GET", "/"): Level.PUBLIC,
    ("GET", "/seriousness"): Level.PUBLIC,
    ("GET", "/seriousness/batch"): Level.PUBLIC,
    ("POST", "/seriousness/batch"): Level.PUBLIC,
    ("GET", "/seriousness/{orgnr}"): Level.PUBLIC,
    ("GET", "/api/v1/seriousness/{orgnr}"): Level.PUBLIC,
    ("POST", "/api/v1/seriousness/batch"): Level.PUBLIC,
    ("GET", "/api/v1/health"): Level.PUBLIC,
    ("GET", "/api/v1/openapi.json"): Level.PUBLIC,
    ("GET", "/openapi.json"): Level.PUBLIC,
    ("GET", "/static"): Level.PUBLIC,
    ("GET", "/login"): Level.PUBLIC,
    ("POST", "/login"): Level.PUBLIC,
    ("POST", "/logout"): Level.PUBLIC,
    ("GET", "/analyst/purpose"): Level.AGGREGATE,
    ("POST", "/analyst/purpose"): Level.AGGREGATE,
    ("GET", "/analyst/overview"): Level.AGGREGATE,
    ("GET", "/analyst"): Level.PERSON,
    ("GET", "/analyst/actor/{actor}"): Level.PERSON,
    ("GET", "/analyst/network/{node_id:path}"): Level.PERSON,
    ("GET", "/api/v1/network/{node_id:path}"): Level.PERSON,
    ("GET", "/analyst/priority"): Level.PERSON,
    ("GET", "/analyst/priority.csv"): Level.PERSON,
    ("GET", "/analyst/priority.xlsx"): Level.PERSON,
    ("GET", "/analyst/review"): Level.PERSON,
    ("POST", "/analyst/review"): Level.PERSON,
    # Cases (akrim.web.pages.cases): a case names its actor and its evidence.
    ("GET", "/analyst/cases"): Level.PERSON,
    ("GET", "/analyst/cases/new"): Level.PERSON,
    ("POST", "/analyst/cases"): Level.PERSON,
    ("GET", "/analyst/cases/{case_id}"): Level.PERSON,
    ("POST", "/analyst/cases/{case_id}/status"): Level.PERSON,
    ("POST", "/analyst/cases/{case_id}/agencies"): Level.PERSON,
    ("POST", "/analyst/cases/{case_id}/notes"): Level.PERSON,
    ("POST", "/analyst/cases/{case_id}/instruments"): Level.PERSON,
    ("POST", "/analyst/cases/{case_id}/attachments"): Level.PERSON,
    ("GET", "/analyst/cases/{case_id}/attachments/{attachment_id}"): Level.PERSON,
}

SHARING_AGENCIES = frozenset({"arbeidstilsynet", "nav", "politiet", "skatteetaten",
                              "akrim-senter"})
"""The agencies of the a-krim cooperation (a-kriminformasjonsforskriften) and the centres."""
PERSON_ROLES = frozenset({"analyst", "inspector"})

GENERAL_PURPOSES = ("prioritering", "koblingskontroll")
"""Purposes other than a case: the centres' joint overview and prioritisation of central threat
actors (the goal-and-results framework's development measure), and quality control of person
linkage (the review queue). A case's purpose is `sak:ID`."""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str | None = None
    """Why not, as a message key: policy.sign_in, policy.role, policy.purpose or
    policy.unclassified."""


ALLOW = Decision(True)


def level_of(method: str, path: str) -> Level | None:
    """The route's level; None for a route the policy does not know (denied)."""
    return ROUTES.get(("GET" if method == "HEAD" else method, path))


def decide(user: User | None, level: Level | None, purpose: str | None) -> Decision:
    if level is None:
        return Decision(False, "policy.unclassified")
    if level is Level.PUBLIC:
        return ALLOW
    if user is None:
        return Decision(False, "policy.sign_in")
    if level is Level.AGGREGATE:
        return ALLOW
    if level is Level.ADMIN:
        return ALLOW if user.role == "admin" else Decision(False, "policy.role")
    if user.agency not in SHARING_AGENCIES or user.role not in PERSON_ROLES:
        return Decision(False, "policy.role")
    if not purpose:
        return Decision(False, "policy.purpose")
    return ALLOW


@dataclass(frozen=True)
class Holder:
    """Who holds a register's data, and on what basis akrim's users may see it."""

    agency: str
    basis: str
    shared: bool
    """True: every agency of the cooperation may see it (with a purpose); False: only the
    holding agency (and the centres' staff working for it is not enough)."""


HOLDERS: dict[str, Holder] = {
    "amelding_inntekt": Holder("Skatteetaten", "a-opplysningsloven § 8; "
                               "a-kriminformasjonsforskriften", True),
    "amelding_arbeidsforhold": Holder("Skatteetaten", "a-opplysningsloven § 8; "
                                      "a-kriminformasjonsforskriften", True),
    "restanse": Holder("Skatteetaten", "skatteforvaltningsloven § 3-3; "
                       "a-kriminformasjonsforskriften", True),
    "mva_termin": Holder("Skatteetaten", "skatteforvaltningsloven § 3-3; "
                         "a-kriminformasjonsforskriften", True),
    "person": Holder("Skatteetaten", "folkeregisterloven § 10-2", True),
    "hms_kort": Holder("Arbeidstilsynet", "forskrift om HMS-kort", True),
    "tilsyn": Holder("Arbeidstilsynet", "arbeidsmiljøloven § 18-2; "
                     "a-kriminformasjonsforskriften", True),
    "tips": Holder("(the receiving agency)", "arbeidsmiljøloven § 18-2 annet ledd; "
                   "forvaltningsloven § 13", False),
}
"""Registers not listed are public (Brønnøysund, approval registers, stop decisions) or derived
from the ones listed (the network, linkage)."""


def may_see(user: User, source_table: str, holding_agency: str | None = None) -> bool:
    """Whether `user` may see an evidence row from `source_table` (held by `holding_agency`,
    for registers whose rows name their holder, such as tips)."""
    holder = HOLDERS.get(source_table)
    if holder is None or holder.shared:
        return True
    return holding_agency is not None and holding_agency.lower() == user.agency
