from hypothesis import given
from hypothesis import strategies as st

from akrim.codes import kommune


def test_known_kommuner() -> None:
    assert kommune.name("0301") == "Oslo"
    assert kommune.name("4601") == "Bergen"
    assert kommune.name("3101") == "Halden"
    assert kommune.is_valid_2024("4601")
    assert len(kommune.numbers_2024()) == 357


def test_old_numbers() -> None:
    assert kommune.to_2024("3001") == ("3101",)
    assert kommune.to_2024("3801") == ("3901",)
    assert kommune.to_2024("5401") == ("5501",)
    assert kommune.to_2024("3018") == ("3114",)  # Våler (Viken) -> Våler (Østfold)
    assert kommune.to_2024("1507") == ("1508", "1580")  # Ålesund split, 2024
    assert kommune.to_2024("0301") == ("0301",)


def test_unknown_rejected() -> None:
    for bad in ["", "9999", "3001x", "301", "abcd"]:
        assert kommune.name(bad) is None
        assert not kommune.is_valid_2024(bad)
        assert kommune.to_2024(bad) == ()
    assert not kommune.is_valid_2024("3001")
    assert not kommune.is_valid_2024("1507")


@given(st.sampled_from(kommune.numbers_2024()))
def test_current_maps_to_itself(nr: str) -> None:
    assert kommune.to_2024(nr) == (nr,)


@given(st.sampled_from(kommune.old_numbers()))
def test_targets_are_valid(nr: str) -> None:
    targets = kommune.to_2024(nr)
    assert targets
    assert all(kommune.is_valid_2024(t) for t in targets)
