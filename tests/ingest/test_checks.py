"""akrim.ingest.checks and Record.add: a problem with a key or a needed date holds the record
back; a bad or unknown value in any other field only marks that field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from akrim.codes import naering
from akrim.codes.brreg import ORGANISASJONSFORMER
from akrim.ingest.checks import Checker
from akrim.ingest.records import Record
from fixtures.shapes import orgnr, person_id

A = orgnr(1)
BAD_ORGNR = A[:-1] + str((int(A[-1]) + 1) % 10)
PERSON = person_id(dt.date(1990, 2, 11))
BAD_PERSON = PERSON[:-1] + str((int(PERSON[-1]) + 1) % 10)

values = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
          | st.lists(st.integers(), max_size=2) | st.dictionaries(st.text(max_size=3),
                                                                   st.integers(), max_size=2))
codes = st.text(max_size=8) | st.sampled_from(["43.210", "4321", " 41.000 ", "99.999", "1201",
                                               "4601", "AS", "XYZ", " ", ""])


@given(value=values)
def test_an_optional_field_never_holds_the_record(value: Any) -> None:
    check = Checker(7)
    check.orgnr(value, "orgnr")
    check.person_id(value, "person")
    check.date(value, "dato")
    check.boolean(value, "flagg")
    check.integer(value, "antall")
    check.decimal(value, "prosent")
    check.text(value, "navn")
    assert check.ok
    assert all(p.record_kept and p.line == 7 for p in check.problems)
    assert check.unknown_fields == ([p.field for p in check.problems] or None)


@given(code=codes)
def test_an_unknown_code_is_kept_as_given(code: str) -> None:
    check = Checker(1)
    given_text = code.strip() or None
    stored = check.naeringskode(code, "naeringskode1.kode")
    if given_text is not None and naering.is_known(given_text):
        assert stored == naering.normalize(given_text)
    else:
        assert stored == given_text
    assert check.kommunenummer(code, "kommunenummer") == given_text
    assert check.code(code, "organisasjonsform.kode", ORGANISASJONSFORMER,
                      "organisasjonsform") == given_text
    assert check.ok
    assert {p.kind for p in check.problems} <= {"unknown_code"}


def test_unknown_codes_are_noted_with_their_reasons() -> None:
    check = Checker(3, prefix="data.")
    check.naeringskode("99.999", "naeringskode1.kode")
    check.kommunenummer("1201", "kommunenummer")
    check.code("XYZ", "organisasjonsform.kode", ORGANISASJONSFORMER, "organisasjonsform")
    assert [(p.field, p.kind, p.reason, p.record_kept) for p in check.problems] == [
        ("data.naeringskode1.kode", "unknown_code",
         "næringskode '99.999' is in neither SN2007 nor SN2025", True),
        ("data.kommunenummer", "unknown_code", "kommunenummer '1201' is not a known kommune",
         True),
        ("data.organisasjonsform.kode", "unknown_code", "unknown organisasjonsform 'XYZ'", True)]
    assert check.unknown_fields == [
        "data.naeringskode1.kode", "data.kommunenummer", "data.organisasjonsform.kode"]


def test_a_bad_required_field_holds_the_record_with_all_its_problems() -> None:
    check = Checker(2)
    check.naeringskode("99.999", "naeringskode1.kode")  # a field problem first
    assert check.ok
    assert check.orgnr(BAD_ORGNR, "organisasjonsnummer", required=True) is None
    assert not check.ok
    assert [(p.field, p.record_kept) for p in check.problems] == [
        ("naeringskode1.kode", False), ("organisasjonsnummer", False)]


def test_required_makes_a_later_check_of_the_same_field_hold() -> None:
    check = Checker(1)
    check.text(check.required({"a": 1}, "meldingsId"), "meldingsId")  # present, not text
    assert not check.ok
    assert [p.kind for p in check.problems] == ["invalid_value"]


def test_a_key_may_be_absent_but_not_bad() -> None:
    absent, good, bad = Checker(1), Checker(1), Checker(1)
    assert absent.person_id(None, "norskIdentifikator", key=True) is None
    assert good.person_id(PERSON, "norskIdentifikator", key=True) == PERSON
    assert bad.person_id(BAD_PERSON, "norskIdentifikator", key=True) is None
    assert (absent.ok, good.ok, bad.ok) == (True, True, False)
    assert (absent.problems, good.problems) == ([], [])


def test_fail_always_holds_note_never_does() -> None:
    noted, failed = Checker(1), Checker(1)
    noted.note("felt", "unknown_code", "unknown x")
    failed.fail("felt", "unknown_code", "unknown x")
    assert (noted.ok, failed.ok) == (True, False)


def test_record_add_keeps_rows_with_their_parts_unknown_fields() -> None:
    record = Record(1, "{}")
    clean, marked, held = Checker(1), Checker(1, prefix="b."), Checker(1, prefix="c.")
    marked.kommunenummer("1201", "kommunenummer")
    held.orgnr(BAD_ORGNR, "organisasjonsnummer", required=True)
    record.add(clean, [("t", (1,))])
    record.add(marked, [("t", (2,)), ("u", (3,))])
    record.add(held, [("t", (4,))], held=[("t", (4,))])
    assert record.rows == [("t", (1,)), ("t", (2,)), ("u", (3,))]
    assert record.unknown == {1: ["b.kommunenummer"], 2: ["b.kommunenummer"]}
    assert record.held == [("t", (4,))]
    assert [(p.field, p.record_kept) for p in record.problems] == [
        ("b.kommunenummer", True), ("c.organisasjonsnummer", False)]


@given(value=st.floats(allow_nan=False, allow_infinity=False) | st.integers()
       | st.decimals(allow_nan=False, allow_infinity=False).map(str))
def test_a_number_is_kept_only_if_the_store_can_hold_it(value: Any) -> None:
    check = Checker(1)
    number = check.decimal(value, "prosent")
    if number is None:
        assert [p.kind for p in check.problems] == ["invalid_value"]
        assert check.ok
    else:
        assert abs(round(number, 2)) < 1e10
        assert round(number * 100) < 2**63


def test_a_number_beyond_ten_digits_is_noted_not_stored() -> None:
    check = Checker(1)
    assert check.decimal(9_999_999_999.99, "timer") == 9_999_999_999.99
    assert check.decimal("12345678901", "prosent") is None
    assert check.oere(1e300, "beloep") is None
    assert [(p.field, p.kind) for p in check.problems] == [
        ("prosent", "invalid_value"), ("beloep", "invalid_value")]
    assert check.ok


@given(value=st.integers() | st.integers().map(str))
def test_a_whole_number_is_kept_only_if_an_integer_column_can_hold_it(value: Any) -> None:
    check = Checker(1)
    number = check.integer(value, "antall", minimum=None)
    assert number is None or -(2**31) < number < 2**31
    assert (number is None) == bool(check.problems)
    assert check.ok
    assert Checker(1).integer(value, "id", minimum=None, maximum=None) == int(value)
