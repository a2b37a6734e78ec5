from hypothesis import given
from hypothesis import strategies as st

from akrim.codes import naering


def test_sn2025_subclass_with_and_without_dot() -> None:
    hit = naering.lookup("43210")
    assert hit is not None
    assert hit.code == "43.210"
    assert hit.standard == "SN2025"
    assert hit.name == "Electrical installation"
    assert naering.lookup("43.210") == hit


def test_cleaning_and_staffing_exist() -> None:
    assert naering.is_known("81.210", "SN2025")
    assert naering.is_known("81.21", "SN2007")
    assert naering.is_known("78.20", "SN2007")
    assert naering.is_known("43.21", "SN2007")


def test_new_in_sn2025() -> None:
    # NACE Rev. 2.1 added intermediation classes and moved programming from 62.01 to 62.10.
    assert naering.standard_of("43.60") == ("SN2025",)
    assert naering.standard_of("62.01") == ("SN2007",)
    assert naering.is_known("62.100", "SN2025")
    assert not naering.is_known("62.01", "SN2025")


def test_correspondence() -> None:
    assert naering.to_sn2025("43.21") == ("43.21",)
    assert naering.to_sn2025("4321") == ("43.21",)
    # Eurostat's table: 81.21 also feeds 96.91 (domestic personal services) in Rev. 2.1,
    # and programming moved from 62.01 to 62.10.
    assert naering.to_sn2025("81.21") == ("81.21", "96.91")
    assert naering.to_sn2025("62.01") == ("62.10",)
    assert naering.to_sn2025("45.20") == ("95.31", "95.40")


def test_sections() -> None:
    assert naering.section("43.210") == "F"
    assert naering.section("78.200") == "N"
    assert naering.section("81210") == "N"
    assert naering.section("78.200", "SN2025") == "O"
    assert naering.section("xx") is None


def test_unknown_rejected() -> None:
    for bad in ["", "abc", "00.000", "43.219", "99.999", "4", "43.2100"]:
        assert naering.lookup(bad) is None
        assert not naering.is_known(bad)
        assert naering.standard_of(bad) == ()
        assert naering.to_sn2025(bad) == ()


def test_counts() -> None:
    sn2007 = naering.codes("SN2007")
    assert sum(len(c) == 5 for c in sn2007) == 613  # NACE Rev. 2 less division 98
    assert sum(len(c) == 6 for c in sn2007) == 820
    sn2025 = naering.codes("SN2025")
    assert sum(len(c) == 5 for c in sn2025) == 651
    assert sum(len(c) == 6 for c in sn2025) == 736


@given(st.sampled_from(naering.mapped_sn2007()))
def test_mapped_sn2007_targets_are_known(code: str) -> None:
    targets = naering.to_sn2025(code)
    assert targets
    assert all(naering.is_known(t, "SN2025") for t in targets)
    assert naering.is_known(code, "SN2007")


@given(st.sampled_from(naering.codes("SN2025")))
def test_every_sn2025_code_roundtrips(code: str) -> None:
    hit = naering.lookup(code.replace(".", ""), "SN2025")
    assert hit is not None and hit.code == code
    assert hit.section == naering.section(code, "SN2025")


def test_sn2007_norwegian_subclasses_01_25() -> None:
    hit = naering.lookup("10.201", "SN2007")
    assert hit is not None
    assert hit.name == "Produksjon av saltfisk, tørrfisk og klippfisk"
    assert hit.section == "C"
    assert naering.lookup("10.20", "SN2007") is not None
    assert naering.is_known("01.451", "SN2007") and naering.is_known("24.102", "SN2007")
    assert naering.is_known("16.100", "SN2007")  # single-subclass class gets NN.NN0
    assert not naering.is_known("16.101", "SN2007")
    assert naering.lookup("01", "SN2007") is None  # division rows are not looked up


def test_sn2007_subclass_correspondence_rule() -> None:
    assert naering.to_sn2025("01.451") == ("01.451",)  # same code exists in SN2025
    assert naering.to_sn2025("10201") == ("10.201",)
    assert naering.to_sn2025("01.110") == ("01.110",)
    assert naering.to_sn2025("62.010") == ("62.100",)  # via class 62.01 -> 62.10


@given(st.sampled_from([c for c in naering.codes("SN2007") if len(c) == 6]))
def test_sn2007_subclasses_belong_to_known_classes(code: str) -> None:
    assert naering.is_known(code[:5], "SN2007")
    assert naering.section(code) == naering.section(code[:5])
    assert all(naering.is_known(t, "SN2025") for t in naering.to_sn2025(code))


def test_required_sn2007_subclasses() -> None:
    for code in ["43.210", "81.210", "49.410", "78.200", "45.200"]:
        assert naering.is_known(code, "SN2007"), code
    # SSB's SN2007 lists only 45.200 under 45.20, and has no division 98.
    assert not naering.is_known("45.201", "SN2007")
    assert not naering.is_known("98.10", "SN2007")


def test_sn2007_norwegian_names_26_99() -> None:
    hit = naering.lookup("43.210", "SN2007")
    assert hit is not None and hit.name == "Elektrisk installasjonsarbeid"
    assert hit.section == "F"
    hit = naering.lookup("30.113", "SN2007")
    assert hit is not None and hit.name == "Bygging av oljeplattformer og moduler"
    assert naering.is_known("43.223", "SN2007") and naering.is_known("88.911", "SN2007")
    assert not naering.is_known("43.220", "SN2007")  # 43.22 has only 43.221-43.223


def test_every_sn2007_code_maps_to_sn2025() -> None:
    for code in naering.codes("SN2007"):
        targets = naering.to_sn2025(code)
        assert targets, code
        assert all(naering.is_known(t, "SN2025") for t in targets)
