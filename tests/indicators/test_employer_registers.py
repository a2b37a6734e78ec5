"""Indicators that hold an employer's a-melding against another register: unapproved_operation
(IND-08), missing_hms_cards (IND-09), arrears_while_paying (IND-10), and the reverse,
turnover_no_employees (IND-11: turnover and no a-melding at all)."""

from __future__ import annotations

import datetime as dt

from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_godkjenning,
    add_hms_kort,
    add_mva_termin,
    add_pay,
    add_person,
    add_restanse,
    add_role,
    add_underenhet,
    companies_hit,
    evidence,
    fnr,
    org,
    run,
    state,
    status,
)


def _staff(store: Store, firm: str, first: int, count: int = 3,
           month: str = "2025-11") -> list[str]:
    people = [fnr(first + n) for n in range(count)]
    for person in people:
        add_pay(store, firm, person, month, "timeloenn", "150.00", 4_500_000)
    return people


# -- unapproved_operation -------------------------------------------------------------------

def test_unapproved_operation(store: Store) -> None:
    absent, approved, refused, wrong_register, via_site = (
        add_enhet(store, org(n), "81.210") for n in range(1, 6))
    staffing, carcare, builder = (add_enhet(store, org(6), "78.200"),
                                  add_enhet(store, org(7), "45.203"),
                                  add_enhet(store, org(8), "43.210"))
    holding = add_enhet(store, org(9), "70.100")
    cleaning_site = add_underenhet(store, org(10), holding, "81.210")
    idle_cleaner = add_enhet(store, org(11), "81.210")  # no employees: outside the population
    for n, firm in enumerate((absent, approved, refused, wrong_register, via_site, staffing,
                              carcare, builder)):
        _staff(store, firm, 10 * n + 1)
    add_pay(store, holding, fnr(90), "2025-11", "timeloenn", "150.00", 4_500_000,
            virksomhet=cleaning_site)
    add_godkjenning(store, approved, "Godkjent")
    add_godkjenning(store, refused, "Ikke godkjent")
    add_godkjenning(store, wrong_register, "Godkjent", register="bemanning")
    # approval registered on the place of business counts for its enhet
    site = add_underenhet(store, org(12), via_site, "81.210")
    add_godkjenning(store, site, "Godkjent", overordnet_enhet=via_site)
    add_godkjenning(store, idle_cleaner, "Ikke godkjent")
    add_godkjenning(store, org(13), "Godkjent", register="bilpleie")  # the register is loaded

    runs = run(store, "unapproved_operation")

    assert runs["unapproved_operation"].status == "assessed"
    assert companies_hit(store, "unapproved_operation") == {
        absent, refused, wrong_register, staffing, carcare, holding}
    assert state(store, "unapproved_operation", "company", approved) == "no_hit"
    assert state(store, "unapproved_operation", "company", via_site) == "no_hit"
    assert state(store, "unapproved_operation", "company", builder) == "no_hit"
    assert state(store, "unapproved_operation", "company", idle_cleaner) == "insufficient_data"
    details = {r["actor_id"]: r for r in evidence(store, "unapproved_operation")}
    assert details[absent]["detail"].endswith("renhold-registeret: ikke registrert")
    assert details[refused]["detail"].endswith("renhold-registeret: Ikke godkjent")
    assert details[staffing]["source_key"] == f"bemanning:{staffing}"
    assert details[carcare]["source_key"] == f"bilpleie:{carcare}"


def test_unapproved_operation_judges_only_against_loaded_registers(store: Store) -> None:
    """A centre without the staffing register must not see every staffing firm as unapproved."""
    cleaner, staffing = add_enhet(store, org(1), "81.210"), add_enhet(store, org(2), "78.200")
    _staff(store, cleaner, 1)
    _staff(store, staffing, 11)
    add_godkjenning(store, org(3), "Godkjent")  # only the cleaning register is loaded

    run(store, "unapproved_operation")

    assert companies_hit(store, "unapproved_operation") == {cleaner}


def test_unapproved_operation_needs_the_approval_registers(store: Store) -> None:
    cleaner = add_enhet(store, org(1), "81.210")
    _staff(store, cleaner, 1)

    run(store, "unapproved_operation")

    assert status(store, "unapproved_operation") == ("insufficient_data",
                                                     "godkjenning: tom / empty")
    assert companies_hit(store, "unapproved_operation") == set()
    assert state(store, "unapproved_operation", "company", cleaner) == "insufficient_data"


# -- missing_hms_cards ----------------------------------------------------------------------

def test_missing_hms_cards(store: Store) -> None:
    three_of_five, two_of_five, two_staff, it_firm, bad_cards, last_month_only = (
        add_enhet(store, org(n), code) for n, code in enumerate(
            ("43.210", "81.210", "43.210", "62.100", "49.410", "43.210"), start=1))
    staff = _staff(store, three_of_five, 10, 5)
    for n, person in enumerate(staff[:2]):
        add_hms_kort(store, f"A{n}", person, three_of_five)
    staff = _staff(store, two_of_five, 20, 5)
    for n, person in enumerate(staff[:3]):
        add_hms_kort(store, f"B{n}", person, two_of_five)
    _staff(store, two_staff, 30, 2)  # below min_employees
    _staff(store, it_firm, 40, 5)  # no card needed
    # three employees, three cards that do not count: blocked, another employer's, expired
    blocked, elsewhere, expired = _staff(store, bad_cards, 50, 3)
    add_hms_kort(store, "E1", blocked, bad_cards, status="Sperret")
    add_hms_kort(store, "E2", elsewhere, three_of_five)
    add_hms_kort(store, "E3", expired, bad_cards, gyldig_til=dt.date(2020, 12, 31))
    # only the newest month's employees count: last year's crew without cards is not judged
    _staff(store, last_month_only, 60, 5, month="2025-10")
    add_pay(store, last_month_only, fnr(70), "2025-11", "timeloenn", "150.00", 4_500_000)

    run(store, "missing_hms_cards")

    assert companies_hit(store, "missing_hms_cards") == {three_of_five, bad_cards}
    for firm in (two_of_five, two_staff, it_firm, last_month_only):
        assert state(store, "missing_hms_cards", "company", firm) == "no_hit"
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "missing_hms_cards")}
    assert details == {three_of_five: "3 av 5 ansatte uten gyldig HMS-kort",
                       bad_cards: "3 av 3 ansatte uten gyldig HMS-kort"}


# -- arrears_while_paying -------------------------------------------------------------------

def test_arrears_while_paying_threshold_to_the_oere(store: Store) -> None:
    at_limit, below, other_tax, not_employer = (add_enhet(store, org(n), "43.210")
                                                for n in range(1, 5))
    for n, firm in enumerate((at_limit, below, other_tax)):
        _staff(store, firm, 10 * n + 1, 1)
    add_restanse(store, at_limit, 5_000_000)
    add_restanse(store, below, 4_999_999)
    add_restanse(store, other_tax, 90_000_000, kategori="restskatt")
    add_restanse(store, not_employer, 90_000_000)

    run(store, "arrears_while_paying")

    assert companies_hit(store, "arrears_while_paying") == {at_limit}
    assert state(store, "arrears_while_paying", "company", below) == "no_hit"
    assert state(store, "arrears_while_paying", "company", other_tax) == "no_hit"
    # arrears with no wages reported is outside what this indicator judges
    assert state(store, "arrears_while_paying", "company", not_employer) == "insufficient_data"
    (row,) = evidence(store, "arrears_while_paying")
    assert row["source_key"] == f"{at_limit}:forskuddstrekk"


# -- turnover_no_employees ------------------------------------------------------------------

TERMS = ("sep-okt", "nov-des")
MONTHS = ("2025-09", "2025-10", "2025-11", "2025-12")


def _amelding_loaded(store: Store) -> None:
    """The a-melding of the two terms' four months, at an employer outside the test."""
    other = add_enhet(store, org(90), "62.100")
    for month in MONTHS:
        _staff(store, other, 80, 1, month)


def test_turnover_more_than_the_companys_people_can_work(store: Store) -> None:
    # One person in the lead, no staff, carries 416 h x 400 kr / 25 % = 665 600 kr a term.
    limit = 66_560_000
    hit, below, one_term, enk, crew_of_4, few, it_firm, nulls, pair, crew = (
        add_enhet(store, org(n), code, organisasjonsform=form) for n, (code, form) in enumerate(
            (("43.210", "AS"), ("43.210", "AS"), ("56.101", "AS"), ("43.210", "ENK"),
             ("43.210", "AS"), ("43.210", "AS"), ("62.100", "AS"), ("81.210", "AS"),
             ("43.210", "AS"), ("43.210", "AS")), start=1))
    for firm, amounts in ((hit, (limit + 1, limit + 1)), (below, (limit + 1, limit)),
                          (one_term, (5 * limit,)), (enk, (3 * limit, 3 * limit)),
                          (crew_of_4, (3 * limit, 3 * limit)), (few, (3 * limit, 3 * limit)),
                          (it_firm, (3 * limit, 3 * limit)), (nulls, (3 * limit, None)),
                          (pair, (2 * limit, 2 * limit)), (crew, (2 * limit + 1, 2 * limit + 1))):
        for term, amount in zip(TERMS, amounts, strict=False):
            add_mva_termin(store, firm, "2025", term, amount)
    _amelding_loaded(store)
    for month in MONTHS:  # 3 x 416 h are needed a term
        _staff(store, crew_of_4, 10, 4, month)  # 4 x 150 h a month: 1 200 h + 416 h a term
        _staff(store, few, 20, 1, month)  # 1 x 150 h a month: 300 h + 416 h a term
    for firm in (pair, crew):  # two people in the lead: twice the work
        add_role(store, firm, "DAGL", add_person(store, fnr(30 + int(firm[-2:]))))
        add_role(store, firm, "LEDE", add_person(store, fnr(50 + int(firm[-2:]))))

    run(store, "turnover_no_employees")

    assert companies_hit(store, "turnover_no_employees") == {hit, enk, few, crew}
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "turnover_no_employees")}
    assert details[hit] == ("2 terminer med i snitt 665600 kr i mva-grunnlag: mer arbeid enn 1 "
                            "person(er) i ledelsen (416 timer per termin hver) og 0 ansattimer "
                            "per termin kan gjøre")
    assert details[few].endswith("og 300 ansattimer per termin kan gjøre")
    assert "enn 2 person(er)" in details[crew]


def test_turnover_no_employees_reads_value_added_when_the_return_gives_deductions(
        store: Store) -> None:
    # One person in the lead: 416 h x 400 kr = 166 400 kr of labour, 73 % of value added, so
    # the term needs more than 227 945.21 kr of value added. Turnover 1 M kr a term.
    turnover = 100_000_000
    subcontracting, hit, below, two_rates, plain = (
        add_enhet(store, org(n), "43.210") for n in range(1, 6))
    # purchases = deduction / 25 % (or / 15 %); value added = turnover - purchases
    for firm, hoey, middels in ((subcontracting, 20_000_000, None),  # 200 000 kr value added
                                (hit, 19_301_369, None),  # 227 945.24 kr
                                (below, 19_301_370, None),  # 227 945.20 kr
                                (two_rates, 10_000_000, 3_000_000),  # 400 000 kr
                                (plain, None, None)):  # no deductions: turnover x 25 %
        for term in TERMS:
            add_mva_termin(store, firm, "2025", term, turnover, fradrag_hoey_oere=hoey,
                           fradrag_middels_oere=middels)
    _amelding_loaded(store)

    run(store, "turnover_no_employees")

    assert companies_hit(store, "turnover_no_employees") == {hit, two_rates, plain}
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "turnover_no_employees")}
    assert details[two_rates].startswith(
        "2 terminer med i snitt 1000000 kr i mva-grunnlag og 400000 kr i verdiskaping "
        "(fratrukket innkjøp med fradragsført inngående mva)")
    assert "verdiskaping" not in details[plain]


def test_turnover_no_employees_counts_employees_at_their_pay_when_it_is_more(
        store: Store) -> None:
    # One employee, 150 h a month at 600 kr an hour: 180 000 kr a term, more than 300 h x 400 kr.
    # With one person in the lead (166 400 kr) the term carries 346 400 kr / 25 % = 1 385 600 kr.
    well_paid, at_limit = add_enhet(store, org(1), "43.210"), add_enhet(store, org(2), "43.210")
    for firm, turnover in ((well_paid, 138_560_001), (at_limit, 138_560_000)):
        for term in TERMS:
            add_mva_termin(store, firm, "2025", term, turnover)
        for month in MONTHS:
            add_pay(store, firm, fnr(int(firm[-2:])), month, "timeloenn", "150.00", 9_000_000)
    _amelding_loaded(store)

    run(store, "turnover_no_employees")

    assert companies_hit(store, "turnover_no_employees") == {well_paid}


def test_hms_cards_are_judged_at_the_snapshot_date(store: Store) -> None:
    firm = add_enhet(store, org(1), "43.210")
    for n, person in enumerate(_staff(store, firm, 1, 3)):
        add_hms_kort(store, f"K{n}", person, firm, gyldig_til=dt.date(2026, 3, 31))

    run(store, "missing_hms_cards")  # as_of: the snapshot, 2026-01-10

    assert companies_hit(store, "missing_hms_cards") == set()


def test_turnover_no_employees_needs_two_terms_beside_the_a_melding(store: Store) -> None:
    firm = add_enhet(store, org(1), "43.210")
    add_mva_termin(store, firm, "2025", "nov-des", 5 * 200_000_000)  # one term: no pattern
    add_mva_termin(store, firm, "2025", "jul-aug", 5 * 200_000_000)  # no a-melding for it
    _amelding_loaded(store)

    run(store, "turnover_no_employees")

    assessed, reason = status(store, "turnover_no_employees")
    assert assessed == "insufficient_data"
    assert reason == ("mva_termin: 1 termin(er) med a-melding for begge månedene, trenger 2 / "
                      "1 term(s) with a-melding for both months, 2 needed")
    assert state(store, "turnover_no_employees", "company", firm) == "insufficient_data"

    add_mva_termin(store, org(2), "2025", "sep-okt", None)  # a term with no basis does not count
    run(store, "turnover_no_employees")
    assert status(store, "turnover_no_employees")[0] == "insufficient_data"

    add_mva_termin(store, firm, "2025", "sep-okt", 5 * 200_000_000)
    run(store, "turnover_no_employees")
    assert status(store, "turnover_no_employees") == ("assessed", None)
