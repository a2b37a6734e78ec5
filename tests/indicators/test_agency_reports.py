"""Indicators that pass on what an agency already decided or received: stop_decision (IND-15),
inspection_findings (IND-16) and tips (IND-17)."""

from __future__ import annotations

import datetime as dt

from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_stansingsvedtak,
    add_tilsyn,
    add_tips,
    companies_hit,
    evidence,
    org,
    run,
    status,
)


def test_stop_decision(store: Store) -> None:
    stopped, lifted, clean = (add_enhet(store, org(n)) for n in range(1, 4))
    add_stansingsvedtak(store, "V1", stopped, vedtaksdato=dt.date(2025, 9, 1))
    add_stansingsvedtak(store, "V2", lifted, vedtaksdato=dt.date(2025, 3, 1),
                        opphevet_dato=dt.date(2025, 3, 20), begrunnelse=None)
    add_stansingsvedtak(store, "V3", None)  # a decision naming no unit is no one's evidence

    run(store, "stop_decision")

    assert companies_hit(store, "stop_decision") == {stopped, lifted}
    assert clean not in companies_hit(store, "stop_decision")
    rows = {r["actor_id"]: r for r in evidence(store, "stop_decision")}
    assert len(evidence(store, "stop_decision")) == 2
    assert rows[stopped]["period"] == "2025-09-01"
    assert rows[stopped]["source_key"] == "V1"
    assert rows[stopped]["detail"] == ("stansingsvedtak 2025-09-01 (Manglende godkjenning), "
                                       "ikke opphevet")
    assert rows[lifted]["detail"] == "stansingsvedtak 2025-03-01 (aml. § 18-8)"


def test_inspection_findings(store: Store) -> None:
    firms = [add_enhet(store, org(n)) for n in range(1, 8)]
    add_tilsyn(store, "T1", firms[0], "Ingen avvik")
    add_tilsyn(store, "T2", firms[1], "Ingen avvik", "Ingen")
    add_tilsyn(store, "T3", firms[2], None, None)
    add_tilsyn(store, "T4", firms[3], "", "")
    add_tilsyn(store, "T5", firms[4], "Avvik: arbeidstid", "Pålegg")
    add_tilsyn(store, "T6", firms[5], "Ingen avvik", "Overtredelsesgebyr")
    add_tilsyn(store, "T7", firms[6], "Avvik: manglende HMS-kort", None)

    run(store, "inspection_findings")

    assert companies_hit(store, "inspection_findings") == set(firms[4:])
    row = next(r for r in evidence(store, "inspection_findings") if r["actor_id"] == firms[4])
    assert (row["period"], row["source_table"], row["source_key"]) == ("2025-10-01", "tilsyn",
                                                                        "T5")


def test_tips(store: Store) -> None:
    twice, once, none = (add_enhet(store, org(n)) for n in range(1, 4))
    add_tips(store, "A", twice, beskrivelse="x" * 200)
    add_tips(store, "B", twice, mottatt_dato=dt.date(2025, 6, 1))
    add_tips(store, "C", once)
    add_tips(store, "D", None)  # about a person or a place, no unit named

    run(store, "tips")

    assert status(store, "tips") == ("assessed", None)
    assert dict(store.rows("SELECT actor_id, evidence_rows FROM indicator_hit")) == {twice: 2,
                                                                                  once: 1}
    assert none not in companies_hit(store, "tips")
    long = next(r for r in evidence(store, "tips") if r["source_key"] == "A")
    assert long["detail"] == "tips 2025-12-01 (svart arbeid): " + "x" * 80


def test_tips_naming_a_company_loosely_reach_its_legal_unit(store: Store) -> None:
    named = add_enhet(store, org(1), navn="RØRLEGGER HANSEN & SØNN AS",
                      adresse="Kong Oscars gate 5", postnummer="5017")
    lie_bergen = add_enhet(store, org(2), navn="MALERMESTER LIE AS", postnummer="5015")
    lie_oslo = add_enhet(store, org(3), navn="MALERMESTER LIE AS", postnummer="0155")
    add_tips(store, "A", None, virksomhetsnavn="Rorlegger Hansen og Sonn",
             adresse="Kong Oscars gt. 5, 5017 Bergen")
    add_tips(store, "B", None, virksomhetsnavn="Malermester Lie")  # which of the two?

    run(store, "tips")

    assert companies_hit(store, "tips") == {named}
    assert not {lie_bergen, lie_oslo} & companies_hit(store, "tips")
    (row,) = evidence(store, "tips")
    assert row["detail"].endswith("[identifisert ved name_address]")


def test_inspection_findings_at_an_address_reach_the_one_unit_there(store: Store) -> None:
    there = add_enhet(store, org(1), adresse="Sandviksveien 100", postnummer="5035")
    add_enhet(store, org(2), adresse="Lodin Leppsgate 2", postnummer="5003")
    add_enhet(store, org(3), adresse="Lodin Leppsgate 2", postnummer="5003")
    add_tilsyn(store, "T1", None, "Avvik: arbeidstid", adresse="Sandviksvn. 100, 5035 Bergen")
    add_tilsyn(store, "T2", None, "Avvik: arbeidstid", adresse="Lodin Leppsgt. 2, 5003 Bergen")

    run(store, "inspection_findings")

    assert companies_hit(store, "inspection_findings") == {there}
