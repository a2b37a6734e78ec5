"""akrim.link.addresses: each distinct address keyed once, kept in the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from akrim.link import addresses
from akrim.link.addresses import update_address_keys
from akrim.link.resolve import person_records
from akrim.store.engine import Store
from indicators.toolkit import add_enhet, add_person, add_tips, fnr, insert, open_store, org, settle


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "akrim.duckdb")
    try:
        yield opened
    finally:
        opened.close()


def _keys(store: Store) -> dict[tuple[str, str | None], str]:
    return {(a, p): k for a, p, k in store.rows("SELECT * FROM address_keys")}


def test_addresses_are_keyed_once_and_new_ones_added(store: Store) -> None:
    add_enhet(store, org(1), adresse="Storgata 5", postnummer="0155")
    add_person(store, fnr(1), adresse="Storgt. 5", postnummer="0155")
    add_person(store, fnr(2), adresse="Storgata 5", postnummer="0155")  # the firm's address
    add_person(store, fnr(3), adresse="Bergveien 2", postnummer=None)
    settle(store)

    assert update_address_keys(store) == 3
    assert _keys(store) == {("Storgata 5", "0155"): "stor gt 5|0155",
                            ("Storgt. 5", "0155"): "stor gt 5|0155",
                            ("Bergveien 2", None): "berg vn 2"}
    assert update_address_keys(store) == 0  # nothing new: nothing normalised again

    add_person(store, fnr(4), adresse="Kirkeveien 1", postnummer="0368")
    settle(store)
    assert update_address_keys(store) == 1
    assert _keys(store)["Kirkeveien 1", "0368"] == "kirke vn 1|0368"


def test_a_new_normaliser_rebuilds_the_keys(store: Store,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    add_person(store, fnr(1), adresse="Storgata 5", postnummer="0155")
    settle(store)
    update_address_keys(store)
    store.execute("UPDATE address_keys SET address_key = 'stale'")

    assert update_address_keys(store) == 0  # same normaliser: the table is trusted
    monkeypatch.setattr(addresses, "_version", lambda: "another")
    assert update_address_keys(store) == 1
    assert _keys(store) == {("Storgata 5", "0155"): "stor gt 5|0155"}


def test_a_tip_written_on_one_line_meets_the_registered_address(store: Store) -> None:
    add_person(store, fnr(1), "Jan", "Kowalski", adresse="Storgata 5", postnummer="0155")
    add_tips(store, "T1", None)
    store.execute("UPDATE tips SET personnavn = 'Jan Kowalski', "
                  "adresse = 'Storgt. 5, 0155 Oslo'")
    insert(store, "tips", {"tips_id": "T2", "personnavn": "Ola Hansen",
                           "adresse": "Et sted i Oslo"})
    settle(store)
    update_address_keys(store)

    records = {r["record_id"]: r for r in person_records(store).to_pylist()}

    assert records[f"freg:{fnr(1)}"]["adresse"] == "stor gt 5|0155"
    assert records["tips:T1"]["adresse"] == "stor gt 5|0155"
    assert records["tips:T2"]["adresse"] == "et sted i oslo"
