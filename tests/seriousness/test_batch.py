"""The batch files: reading a buyer's supplier CSV (every line a supplier or a bad line with
its reason) and writing the facts as CSV."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akrim.ids import is_valid_orgnr, make_orgnr
from akrim.seriousness import (
    BadLine,
    Fact,
    SeriousnessReport,
    SupplierFileError,
    read_suppliers_csv,
    write_report_csv,
)
from akrim.seriousness.batch import Supplier
from indicators.toolkit import org


def test_a_file_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "leverandorer.csv"
    path.write_text(f"Leverandør;Organisasjonsnummer\nBygg AS;{org(1)}\nFeil AS;123456789\n"
                    f"\nTom AS;\nBygg AS igjen;{org(1)[:3]} {org(1)[3:]}\nRenhold AS;{org(2)}\n",
                    encoding="utf-8-sig")
    read = read_suppliers_csv(path)
    assert read.suppliers == (Supplier(2, org(1)), Supplier(7, org(2)))
    assert read.bad == (
        BadLine(3, "123456789", "organisation number 123456789 must start with 8 or 9, not 1"),
        BadLine(5, "", "organisation number missing"),
        BadLine(6, f"{org(1)[:3]} {org(1)[3:]}",
                f"organisation number {org(1)} already on line 2"),
    )
    assert read.orgnrs == [org(1), org(2)]


def test_a_bare_list_of_numbers() -> None:
    read = read_suppliers_csv(f"{org(1)}\n{org(2)}\n987654321\n")
    assert read.orgnrs == [org(1), org(2)]
    assert read.bad == (BadLine(3, "987654321",
                                "organisation number 987654321 fails the mod-11 check"),)


def test_a_file_without_an_orgnr_column() -> None:
    with pytest.raises(SupplierFileError) as raised:
        read_suppliers_csv("navn,adresse\nBygg AS,Bergen\n")
    assert raised.value.reason == ("line 1: no column named organisasjonsnummer (or orgnr), "
                                   "and 'navn' is not an organisation number")


def test_an_empty_file_and_one_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(SupplierFileError, match="the file is empty"):
        read_suppliers_csv("\n \n")
    path = tmp_path / "latin1.csv"
    path.write_bytes("orgnr,navn\n914000000,Bygg Ø\n".encode("latin-1"))
    with pytest.raises(SupplierFileError, match="not UTF-8 text"):
        read_suppliers_csv(path)


VALID = st.integers(80_000_000, 99_999_999).map(make_orgnr).filter(lambda n: n is not None)
JUNK = st.text(st.characters(blacklist_characters=',"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029',
                             blacklist_categories=("Cs",)), max_size=12
               ).filter(lambda text: not is_valid_orgnr(text))


@given(st.lists(st.one_of(VALID.map(lambda n: (True, n)), JUNK.map(lambda t: (False, t))),
                min_size=1, max_size=30))
def test_every_line_with_content_is_a_supplier_or_a_bad_line(
        values: list[tuple[bool, str]]) -> None:
    text = "orgnr,navn\n" + "".join(f"{value},x\n" for _, value in values)
    read = read_suppliers_csv(text)
    lines = sorted([s.line for s in read.suppliers] + [b.line for b in read.bad])
    assert lines == list(range(2, len(values) + 2))
    first_seen: dict[str, int] = {}
    for line, (valid, value) in enumerate(values, start=2):
        if valid:
            first_seen.setdefault(value, line)
    assert [(s.line, s.orgnr) for s in read.suppliers] == \
        sorted((line, orgnr) for orgnr, line in first_seen.items())


def test_the_report_csv() -> None:
    fact = Fact("bankruptcy", "not_ok", "Registrert konkurs 2025-06-01",
                "Registered bankrupt 2025-06-01", "Enhetsregisteret (Brønnøysundregistrene)",
                dt.date(2026, 1, 10))
    out = io.StringIO()
    write_report_csv(out, [(org(1), SeriousnessReport(org(1), "=BYGG AS", (fact,), ())),
                           (org(2), None)],
                     [BadLine(3, "123456789", "fails the mod-11 check")])
    assert out.getvalue().splitlines() == [
        "orgnr,name,fact,state,text_nb,text_en,source_register,source_date",
        f"{org(1)},'=BYGG AS,bankruptcy,not_ok,Registrert konkurs 2025-06-01,Registered "
        f"bankrupt 2025-06-01,Enhetsregisteret (Brønnøysundregistrene),2026-01-10",
        f"{org(2)},,registration,unknown,Ikke funnet i Enhetsregisteret slik det er lastet,"
        f"Not found in the Central Coordinating Register as loaded,"
        f"Enhetsregisteret (Brønnøysundregistrene),",
        "123456789,,input,unknown,Linje 3 ble ikke sjekket: fails the mod-11 check,"
        "Line 3 was not checked: fails the mod-11 check,,",
    ]
