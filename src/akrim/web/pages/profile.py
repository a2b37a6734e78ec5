"""The actor profile (`/analyst/actor/{id}`): a company, a person or a cluster, whole."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from akrim.codes.brreg import ROLLETYPER
from akrim.i18n import Lang, add_messages, t
from akrim.ids import InvalidIdentifier
from akrim.ids.actor import checked_actor_id
from akrim.indicators.catalogue import by_id
from akrim.ops.policy import may_see
from akrim.profile import profile
from akrim.web.analyst import analysed_store, audit_read
from akrim.web.auth import Analyst
from akrim.web.context import lang_of, render
from akrim.web.problems import Problem

add_messages({
    "profile.kind.company": ("Virksomhet", "Company"),
    "profile.kind.person": ("Person", "Person"),
    "profile.kind.cluster": ("Klynge", "Cluster"),
    "profile.rank": ("Plass {rank} på prioriteringslisten, {score} poeng",
                     "Rank {rank} on the priority list, score {score}"),
    "profile.not_listed": ("Ikke på prioriteringslisten.", "Not on the priority list."),
    "profile.network": ("Se nettverket", "See the network"),
    "profile.seriousness": ("Offentlig seriøsitetssjekk", "Public seriousness check"),
    "profile.legal_unit": ("Underenhet av", "Underenhet of"),
    "profile.reasons": ("Begrunnelse for plassen", "Reasons for the rank"),
    "profile.evidence": ("Indikatortreff med bevis", "Indicator hits with evidence"),
    "profile.history": ("Registeropplysninger over tid", "Register facts over time"),
    "profile.seen": ("Sett i innlesingene", "Seen in the loads"),
    "profile.seen_note": ("«Sett» er datoene akrims innlesinger så opplysningen, ikke datoer "
                          "registeret oppgir.",
                          "“Seen” are the dates akrim's loads saw a fact, not dates the "
                          "register gives."),
    "profile.roles": ("Roller", "Roles"),
    "profile.employees": ("Ansatte per måned (a-melding)", "Employees per month (a-melding)"),
    "profile.employments": ("Arbeidsforhold (a-melding)", "Employment (a-melding)"),
    "profile.underenheter": ("Underenheter", "Underenheter"),
    "profile.addresses": ("Adresser", "Addresses"),
    "profile.identity": ("Identitet", "Identity"),
    "profile.numbers": ("Identitetsnumre", "Identity numbers"),
    "profile.sources": ("Kilder", "Sources"),
    "profile.members": ("Medlemmer", "Members"),
    "profile.states": ("Alle indikatorer", "Every indicator"),
    "profile.none": ("Ingen.", "None."),
    "profile.withheld": ("{count} bevisrad(er) fra {source} er holdt tilbake: opplysningene "
                         "eies av {holder}, som har taushetsplikt om dem. Spør {holder} sin "
                         "kontakt i a-krimsenteret.",
                         "{count} evidence row(s) from {source} withheld: the data belongs to "
                         "{holder}, who is bound by confidentiality. Ask {holder}'s contact in "
                         "the a-krim centre."),
    "profile.unknown": ("Ukjent aktør", "Unknown actor"),
    "profile.unknown_detail": ("akrim kjenner ikke {actor}.", "akrim does not know {actor}."),
    "profile.invalid": ("Ugyldig nummer", "Invalid number"),
    "col.month": ("Måned", "Month"),
    "col.employees": ("Ansatte", "Employees"),
    "col.role": ("Rolle", "Role"),
    "col.from": ("Fra", "From"),
    "col.to": ("Til", "To"),
    "col.address": ("Adresse", "Address"),
    "col.industry": ("Næringskode", "Industry code"),
    "col.form": ("Org.form", "Org. form"),
    "col.registered": ("Registrert", "Registered"),
    "col.state": ("Status", "State"),
})

router = APIRouter(prefix="/analyst", include_in_schema=False)


def _company_state(row: dict[str, object], lang: Lang) -> str:
    """A version's status in words: deleted, bankrupt, winding up, or active."""
    if row.get("slettedato"):
        return t("profile.state.deleted", lang, date=row["slettedato"])
    for flag in ("konkurs", "under_tvangsavvikling", "under_avvikling"):
        if row.get(flag):
            return t(f"profile.state.{flag}", lang)
    return t("profile.state.active", lang)


add_messages({
    "profile.state.deleted": ("slettet {date}", "deleted {date}"),
    "profile.state.konkurs": ("konkurs", "bankrupt"),
    "profile.state.under_tvangsavvikling": ("under tvangsavvikling", "in compulsory winding-up"),
    "profile.state.under_avvikling": ("under avvikling", "winding up"),
    "profile.state.active": ("aktiv", "active"),
})


def _role_name(code: str | None, kind: str, lang: Lang) -> str:
    if code is None:
        return kind
    return f"{ROLLETYPER.get(code, code)} ({code})" if lang == "nb" else code


@router.get("/actor/{actor}")
def actor_page(request: Request, actor: str, user: Analyst) -> Response:
    lang = lang_of(request)
    try:
        actor_id = checked_actor_id(actor)
    except InvalidIdentifier as error:
        raise Problem(422, "/problems/invalid-identifier", t("profile.invalid", lang),
                      error.message(lang)) from error
    with analysed_store(request) as store:
        found = profile(store, actor_id)
    if found is None:
        raise Problem(404, "/problems/unknown-actor", t("profile.unknown", lang),
                      t("profile.unknown_detail", lang, actor=actor_id))
    if found.shows_persons:
        audit_read(request, user, "profile", f"{found.kind}:{found.id}")
    withheld = [row for row in found.explanation.evidence
                if not may_see(user, row["source_table"], row.get("holder"))]
    return render(request, "profile.html", {
        "evidence": [row for row in found.explanation.evidence if row not in withheld],
        "withheld": withheld,
        "p": found, "indicator": by_id, "company_state": _company_state,
        "role_name": _role_name,
        "profile_link": lambda node: f"/analyst/actor/{node.split(':', 1)[1]}"})
