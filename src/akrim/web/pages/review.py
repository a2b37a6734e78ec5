"""The review queue (`/analyst/review`): the person pairs linkage left for review, each with
its evidence and a form where the analyst records same, different or unsure.

The judgement is written to the operational store at once (as `akrim judge` writes it) and
takes effect at the next linkage run; the page says so, and lists judged pairs with their
verdict and whether the last run applied it (`akrim.link.review`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from akrim.errors import UnknownRecord
from akrim.i18n import Lang, add_messages, t
from akrim.link.judgements import check_records, judge
from akrim.link.review import judged_pairs, judgements_in_force, open_count, review_queue
from akrim.web.analyst import analysed_store, audit_read
from akrim.web.auth import Analyst, csrf_checked, ops_engine
from akrim.web.context import lang_of, render, settings_of
from akrim.web.problems import Problem

add_messages({
    "review.title": ("Vurderingskø", "Review queue"),
    "review.intro": (
        "Parene under er personposter som koblingen ikke kunne avgjøre: en konflikt (modellen "
        "mener de er én person, men en regel eller en vurdering holder dem fra hverandre) eller "
        "et par med minst like odds men under terskelen på {threshold} %. De trangeste "
        "avgjørelsene står først.",
        "The pairs below are person records that linkage could not settle: a conflict (the "
        "model finds them one person, but a rule or a judgement keeps them apart) or a pair "
        "scored at even odds or better but under the threshold of {threshold} %. The narrowest "
        "decisions come first."),
    "review.takes_effect": (
        "En vurdering lagres straks, men endrer personene først ved neste koblingskjøring: "
        "akrim link --force (deretter akrim analyse for indikatorene).",
        "A judgement is saved at once, but changes the persons only at the next linkage run: "
        "akrim link --force (then akrim analyse for the indicators)."),
    "review.show.open": ("Til vurdering ({count})", "To review ({count})"),
    "review.show.judged": ("Vurderte par ({count})", "Judged pairs ({count})"),
    "review.none.open": ("Ingen par venter på vurdering.", "No pair is waiting for review."),
    "review.none.judged": ("Ingen par er vurdert ennå.", "No pair has been judged yet."),
    "review.page": ("Side {page} av {pages}", "Page {page} of {pages}"),
    "review.previous": ("Forrige side", "Previous page"),
    "review.next": ("Neste side", "Next page"),
    "review.pair": ("Par {number}", "Pair {number}"),
    "review.status.conflict": ("Konflikt", "Conflict"),
    "review.status.below_threshold": ("Under terskelen", "Below the threshold"),
    "review.status.merged": ("Koblet", "Linked"),
    "review.status.confirmed": ("Bekreftet av analytiker", "Confirmed by an analyst"),
    "review.status.rejected": ("Avvist av analytiker", "Rejected by an analyst"),
    "review.status.shared_identifier": ("Delt identitet", "Shared identifier"),
    "review.status.none": ("Ikke skåret av modellen", "Not scored by the model"),
    "review.probability": ("Modellens sannsynlighet for samme person: {probability} %",
                           "The model's probability of one person: {probability} %"),
    "review.reasons": ("Hva modellen så", "What the model saw"),
    "review.now": ("Nå: {state}", "Now: {state}"),
    "review.now.same": ("samme person", "one person"),
    "review.now.apart": ("to personer", "two persons"),
    "review.field": ("Felt", "Field"),
    "review.left": ("Post A", "Record A"),
    "review.right": ("Post B", "Record B"),
    "review.record": ("Post", "Record"),
    "review.source": ("Register", "Register"),
    "review.identifier": ("Identifikator", "Identifier"),
    "review.first_name": ("Fornavn", "First name"),
    "review.surname": ("Etternavn", "Surname"),
    "review.birth_date": ("Fødselsdato", "Birth date"),
    "review.address": ("Adresse", "Address"),
    "review.employers": ("Arbeidsgiver", "Employer"),
    "review.roles": ("Roller", "Roles"),
    "review.person": ("Person nå", "Person now"),
    "review.person_records": ("{count} poster", "{count} records"),
    "review.unknown": ("ikke oppgitt", "not given"),
    "review.source.folkeregisteret": ("Folkeregisteret", "Folkeregisteret"),
    "review.source.brreg.roller": ("Enhetsregisteret, roller", "Enhetsregisteret, roles"),
    "review.source.hms_kort": ("HMS-kort", "HMS cards"),
    "review.source.skatteetaten.amelding": ("A-meldingen", "A-melding"),
    "review.source.tips": ("Tips", "Tips"),
    "review.judgement": ("Din vurdering", "Your judgement"),
    "review.verdict": ("Samme person?", "One person?"),
    "review.verdict.same": ("Samme person", "Same person"),
    "review.verdict.different": ("Ulike personer", "Different persons"),
    "review.verdict.unsure": ("Usikker", "Unsure"),
    "review.note": ("Merknad (valgfri)", "Note (optional)"),
    "review.save": ("Lagre vurdering", "Save judgement"),
    "review.judged_as": ("Vurdert: {verdict}, av {by} {at} UTC.",
                         "Judged: {verdict}, by {by} {at} UTC."),
    "review.applied": ("Brukt i siste koblingskjøring.", "Applied in the last linkage run."),
    "review.pending": ("Ikke brukt ennå: gjelder fra neste koblingskjøring.",
                       "Not applied yet: takes effect at the next linkage run."),
    "review.saved": ("Lagret: {left} og {right} er vurdert som «{verdict}». Det gjelder fra "
                     "neste koblingskjøring (akrim link --force).",
                     "Saved: {left} and {right} judged “{verdict}”. It takes effect at the next "
                     "linkage run (akrim link --force)."),
    # The model's reason keys (akrim.link.model.COMPARISONS), as the analyst reads them.
    "review.reason.identifikator.missing": ("identifikator mangler på en av postene",
                                            "identifier missing on one record"),
    "review.reason.identifikator.exact": ("samme identifikator", "same identifier"),
    "review.reason.identifikator.d_and_f_same_birth": (
        "d-nummer og fødselsnummer med samme fødselsdato",
        "d-number and fødselsnummer of the same birth date"),
    "review.reason.identifikator.d_and_f": ("d-nummer og fødselsnummer",
                                            "d-number and fødselsnummer"),
    "review.reason.identifikator.different": ("ulik identifikator", "different identifiers"),
    "review.reason.fodselsdato.missing": ("fødselsdato mangler på en av postene",
                                          "birth date missing on one record"),
    "review.reason.fodselsdato.exact": ("samme fødselsdato", "same birth date"),
    "review.reason.fodselsdato.typo": ("fødselsdato ulik i ett siffer (skrivefeil?)",
                                       "birth date one digit apart (a typo?)"),
    "review.reason.fodselsdato.same_year": ("samme fødselsår, ulik dato",
                                            "same birth year, another date"),
    "review.reason.fodselsdato.different": ("ulik fødselsdato", "different birth dates"),
    "review.reason.adresse.missing": ("adresse mangler på en av postene",
                                      "address missing on one record"),
    "review.reason.adresse.exact": ("samme adresse", "same address"),
    "review.reason.adresse.same_postnummer": ("samme postnummer, ulik adresse",
                                              "same postcode, another address"),
    "review.reason.adresse.different": ("ulik adresse", "different addresses"),
})
_NAMES = {"fornavn": ("fornavn", "first name"), "etternavn": ("etternavn", "surname")}
_LEVELS = {
    "missing": ("{name} mangler på en av postene", "{name} missing on one record"),
    "exact": ("samme {name}", "same {name}"),
    "transliterated": ("{name} likt etter translitterering", "same {name} once transliterated"),
    "first_word": ("{name} likt i første ord", "same first word of the {name}"),
    "similar": ("{name} nesten likt", "{name} nearly the same"),
    "resembles": ("{name} ligner", "{name} alike"),
    "different": ("{name} ulikt", "different {name}"),
}
add_messages({f"review.reason.{column}.{level}": (nb.format(name=names[0]),
                                                   en.format(name=names[1]))
              for column, names in _NAMES.items() for level, (nb, en) in _LEVELS.items()})

router = APIRouter(prefix="/analyst", include_in_schema=False)


def percent(probability: float, lang: Lang) -> str:
    """A model probability in per cent, one decimal as the language writes it; never 100 for
    a score under 1 (0.9999 is not certainty)."""
    text = "> 99.9" if 0.999 < probability < 1 else f"{probability * 100:.1f}"
    return text.replace(".", ",") if lang == "nb" else text

PER_PAGE = 20
Show = Literal["open", "judged"]
SAVED = "review_saved"
"""Session key of the last saved judgement, shown once on the page after the redirect."""


@router.get("/review")
def review_page(request: Request, user: Analyst, show: Show = "open",
                page: Annotated[int, Query(ge=1)] = 1) -> Response:
    judgements = judgements_in_force(ops_engine(request))
    threshold = settings_of(request).link_match_probability
    with analysed_store(request, "linked") as store:
        listed = (review_queue(store, judgements, threshold, page, PER_PAGE) if show == "open"
                  else judged_pairs(store, judgements, page, PER_PAGE))
        counts = {"open": listed.total if show == "open" else open_count(store, judgements),
                  "judged": len(judgements)}
    audit_read(request, user, "review",
               sorted({r.record_id for p in listed.pairs for r in (p.left, p.right)}))
    return render(request, "review.html", {
        "listed": listed, "show": show, "counts": counts,
        "percent": lambda p: percent(p, lang_of(request)),
        "threshold": round(threshold * 100), "saved": request.session.pop(SAVED, None)})


@router.post("/review", dependencies=[Depends(csrf_checked)])
def record_judgement(request: Request, user: Analyst, left: Annotated[str, Form()],
                     right: Annotated[str, Form()],
                     verdict: Annotated[Literal["same", "different", "unsure"], Form()],
                     note: Annotated[str, Form(max_length=2000)] = "",
                     show: Annotated[Show, Form()] = "open",
                     page: Annotated[int, Form(ge=1)] = 1) -> Response:
    lang = lang_of(request)
    with analysed_store(request, "linked") as store:
        try:
            check_records(store, left, right)
        except UnknownRecord as error:
            raise Problem(404, "/problems/unknown-record", t("review.title", lang),
                          error.message(lang)) from error
    try:
        judge(ops_engine(request), left, right, verdict, note.strip() or None, user=user.name)
    except ValueError as error:  # a record judged against itself
        raise Problem(422, "/problems/invalid-judgement", t("review.title", lang),
                      str(error)) from error
    request.session[SAVED] = {"left": left, "right": right, "verdict": verdict}
    return RedirectResponse(f"/analyst/review?show={show}&page={page}", status_code=303)
