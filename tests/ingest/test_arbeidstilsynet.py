"""akrim.ingest.readers.arbeidstilsynet: renhold XML (both shapes), bilpleie and bemanning JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from akrim.store.engine import Store
from fixtures.shapes import orgnr, write_json, write_jsonl, write_text
from fixtures.storeutil import load, rows

A, A1, A2, B, B1 = orgnr(1), orgnr(2), orgnr(3), orgnr(4), orgnr(5)


def approvals(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["register"], r["organisasjonsnummer"]): r
            for r in rows(store, "SELECT * FROM godkjenning WHERE valid_to IS NULL")}


OLD_SHAPE = f"""<?xml version="1.0" encoding="utf-8"?>
<ArrayOfRenholdsvirksomhet xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Renholdsvirksomhet>
    <Organisasjonsnummer>{A}</Organisasjonsnummer>
    <Status>Godkjent</Status>
    <Underavdelinger>
      <Avdeling><Organisasjonsnummer>{A1}</Organisasjonsnummer></Avdeling>
      <Avdeling><Organisasjonsnummer>{A2}</Organisasjonsnummer></Avdeling>
    </Underavdelinger>
  </Renholdsvirksomhet>
  <Renholdsvirksomhet>
    <Organisasjonsnummer>{B}</Organisasjonsnummer>
    <Status>Ikke godkjent</Status>
    <Underavdelinger />
  </Renholdsvirksomhet>
</ArrayOfRenholdsvirksomhet>
"""

NEW_SHAPE = f"""<?xml version="1.0" encoding="utf-8"?>
<Renholdsregister>
  <Virksomhet>
    <Hovedenhet>
      <Organisasjonsnummer>{A}</Organisasjonsnummer>
      <Navn>ŽEMAITIS RENHOLD AS</Navn>
      <Organisasjonsform>AS</Organisasjonsform>
      <Godkjenningsstatus>Godkjent</Godkjenningsstatus>
      <StatusEndret>2019-02-11T00:00:00</StatusEndret>
      <Poststed>STAVANGER</Poststed>
    </Hovedenhet>
    <Underenheter>
      <Underenhet><Organisasjonsnummer>{A1}</Organisasjonsnummer><Navn>AVD SANDNES</Navn>
      </Underenhet>
    </Underenheter>
  </Virksomhet>
  <Virksomhet>
    <Hovedenhet>
      <Organisasjonsnummer>{B}</Organisasjonsnummer>
      <Navn>ØST &amp; VEST RENHOLD AS</Navn>
      <Godkjenningsstatus>Under behandling</Godkjenningsstatus>
    </Hovedenhet>
  </Virksomhet>
</Renholdsregister>
"""


def test_renhold_old_xml_shape(store: Store, tmp_path: Path) -> None:
    assert not load(store, write_text(tmp_path / "renhold.xml", OLD_SHAPE)).quarantine
    found = approvals(store)
    assert {k: v["status"] for k, v in found.items()} == {
        ("renhold", A): "Godkjent", ("renhold", A1): "Godkjent", ("renhold", A2): "Godkjent",
        ("renhold", B): "Ikke godkjent"}
    assert found[("renhold", A1)]["overordnet_enhet"] == A
    assert found[("renhold", A)]["overordnet_enhet"] is None


def test_renhold_new_xml_shape(store: Store, tmp_path: Path) -> None:
    assert not load(store, write_text(tmp_path / "renhold_register.xml.gz", NEW_SHAPE)
                    ).quarantine
    found = approvals(store)
    head = found[("renhold", A)]
    assert (head["navn"], head["status"], head["status_dato"]) == (
        "ŽEMAITIS RENHOLD AS", "Godkjent", dt.date(2019, 2, 11))
    sub = found[("renhold", A1)]
    assert (sub["navn"], sub["status"], sub["overordnet_enhet"]) == ("AVD SANDNES", "Godkjent", A)
    assert found[("renhold", B)]["navn"] == "ØST & VEST RENHOLD AS"
    assert found[("renhold", B)]["status"] == "Under behandling"


def register(name: str, *units: dict[str, Any]) -> dict[str, Any]:
    return {"metadata": {"versjon": "1.0", "datoTidGenerert": "2026-10-30T02:00:00.0000000Z"},
            "registernavn": name, "data": list(units)}


def unit(number: str, status: str, *subs: dict[str, Any], parent: str | None = None
         ) -> dict[str, Any]:
    return {"organisasjonsnummer": number, "overordnetEnhet": parent, "navn": "BEDRIFT AS",
            "registerstatusTekst": status, "registerstatus": 1 if status == "Godkjent" else 2,
            "godkjenningsstatus": status, "underenheter": list(subs)}


def test_bemanning_register_document(store: Store, tmp_path: Path) -> None:
    doc = register("bemanningsforetaksregisteret",
                   unit(A, "Godkjent", unit(A1, "Godkjent", parent=A)), unit(B, "Ikke godkjent"))
    assert not load(store, write_json(tmp_path / "bemanning_register.json", doc)).quarantine
    found = approvals(store)
    assert {k: v["status"] for k, v in found.items()} == {
        ("bemanning", A): "Godkjent", ("bemanning", A1): "Godkjent",
        ("bemanning", B): "Ikke godkjent"}
    assert found[("bemanning", A1)]["overordnet_enhet"] == A


def test_bilpleie_one_response_a_line(store: Store, tmp_path: Path) -> None:
    lines = [
        {"metadata": {"versjon": "1.0"}, "data": {
            "organisasjonsnummer": B, "registerstatus": 1, "registerstatusTekst": "Godkjent",
            "godkjenningsstatus": "Godkjent", "underenheter": [
                {"organisasjonsnummer": B1, "registerstatus": 1,
                 "registerstatusTekst": "Godkjent", "godkjenningsstatus": "Godkjent"}]}},
        {"metadata": {"versjon": "1.0"}, "data": {
            "organisasjonsnummer": A, "registerstatus": -1,
            "registerstatusTekst": "Ikke registrert"}},
    ]
    assert not load(store, write_jsonl(tmp_path / "bilpleie.jsonl", lines)).quarantine
    found = approvals(store)
    assert found[("bilpleie", B1)]["overordnet_enhet"] == B
    assert found[("bilpleie", A)]["status"] == "Ikke registrert"


def test_bad_orgnr_in_register_is_quarantined(store: Store, tmp_path: Path) -> None:
    bad = A[:-1] + str((int(A[-1]) + 1) % 10)
    doc = register("bemanningsforetaksregisteret", unit(bad, "Godkjent"), unit(B, "Godkjent"))
    report = load(store, write_json(tmp_path / "bemanning.json", doc))
    assert report.quarantine == {"invalid_identifier": 1}
    assert set(approvals(store)) == {("bemanning", B)}


def test_each_unit_of_a_firm_is_kept_or_held_on_its_own(store: Store, tmp_path: Path) -> None:
    bad = A2[:-1] + str((int(A2[-1]) + 1) % 10)
    sub = unit(A1, "Godkjent", parent=A) | {"statusEndret": "2026-02-30"}
    doc = register("bemanningsforetaksregisteret",
                   unit(A, "Godkjent", sub, unit(bad, "Godkjent", parent=A)), unit(B, "Godkjent"))
    report = load(store, write_json(tmp_path / "bemanning.json", doc))
    assert report.quarantine == {"invalid_identifier": 1, "impossible_date": 1}
    found = approvals(store)
    assert {key: row["unknown_fields"] for key, row in found.items()} == {
        ("bemanning", A): None, ("bemanning", A1): ["data[0].underenheter[0].statusEndret"],
        ("bemanning", B): None}
    assert found[("bemanning", A1)]["status_dato"] is None
    assert rows(store, "SELECT field, kind, record_kept FROM quarantine ORDER BY field") == [
        {"field": "data[0].underenheter[0].statusEndret", "kind": "impossible_date",
         "record_kept": True},
        {"field": "data[0].underenheter[1].organisasjonsnummer", "kind": "invalid_identifier",
         "record_kept": False}]
