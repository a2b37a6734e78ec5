"""The truth file `akrim evaluate` reads (`akrim.scoring.truth`): what it keeps, its defaults
("variant", "core"), and each way a file can be wrong, named by file, JSON path and reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.scoring.truth import Instance, TruthError, read_truth

FIRM, CLIENT, PERSON = "912345671", "923456782", "01017012345"


def _write(path: Path, data: Any) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "schemes.json").write_text(json.dumps(data), encoding="utf-8")
    return path


def _entry(**fields: Any) -> dict[str, Any]:
    return {"scheme": "facilitator", "benign": False, "organisasjonsnummer": [FIRM, CLIENT],
            "persons": [PERSON], "period": {"from": "2025-09-01", "to": "2025-12-31"},
            "evidence": "test", **fields}


def test_without_variant_or_core_every_actor_is_core(tmp_path: Path) -> None:
    assert read_truth(_write(tmp_path, [_entry()])) == [Instance(
        "facilitator", "default", False, frozenset({FIRM, CLIENT}), frozenset({PERSON}),
        frozenset({FIRM, CLIENT}), frozenset({PERSON}))]


def test_variant_and_core_as_written(tmp_path: Path) -> None:
    # a core kind left out ("persons" here) has no core actor
    entry = _entry(variant="accountant", core={"organisasjonsnummer": [FIRM]})
    assert read_truth(_write(tmp_path, [entry])) == [Instance(
        "facilitator", "accountant", False, frozenset({FIRM, CLIENT}), frozenset({PERSON}),
        frozenset({FIRM}), frozenset())]


@pytest.mark.parametrize(("data", "where"), [
    ({"scheme": "x"}, "-: a list of instances expected, not dict"),
    (["x"], "[0]: an object expected, not str"),
    ([_entry(), _entry(scheme="")], "[1].scheme: a non-empty string expected, not ''"),
    ([_entry(variant=None)], "[0].variant: a non-empty string expected, not None"),
    ([_entry(benign="no")], "[0].benign: true or false expected, not 'no'"),
    ([{"scheme": "facilitator", "benign": False, "persons": []}],
     "[0].organisasjonsnummer: a list of identifiers (strings) expected, not None"),
    ([_entry(persons=[12345678901])],
     "[0].persons: a list of identifiers (strings) expected, not [12345678901]"),
    ([_entry(core=[FIRM])], "[0].core: an object expected, not list"),
    ([_entry(core={"orgnr": [FIRM]})],
     "[0].core: unknown keys ['orgnr']; the keys are ['organisasjonsnummer', 'persons']"),
    ([_entry(core={"persons": PERSON})],
     f"[0].core.persons: a list of identifiers (strings) expected, not '{PERSON}'"),
    ([_entry(core={"organisasjonsnummer": ["987654325"]})],
     "[0].core.organisasjonsnummer: ['987654325'] not among the instance's "
     "organisasjonsnummer"),
    ([_entry(core={"organisasjonsnummer": [], "persons": []})],
     "[0].core: no core actor: the instance could never be found"),
    ([_entry(organisasjonsnummer=[], persons=[])],
     "[0].core: no core actor: the instance could never be found"),
])
def test_a_wrong_file_is_refused_with_where_and_why(tmp_path: Path, data: Any,
                                                    where: str) -> None:
    with pytest.raises(TruthError) as raised:
        read_truth(_write(tmp_path, data))
    assert str(raised.value) == f"{tmp_path / 'schemes.json'}: {where}"


def test_a_file_that_is_not_json(tmp_path: Path) -> None:
    (tmp_path / "schemes.json").write_text("[{", encoding="utf-8")
    with pytest.raises(TruthError) as raised:
        read_truth(tmp_path)
    assert str(raised.value) == (f"{tmp_path / 'schemes.json'}: -: not JSON: Expecting property "
                                 f"name enclosed in double quotes: line 1 column 3 (char 2)")


_ids = st.lists(st.text(st.sampled_from("0123456789P"), min_size=1, max_size=11),
                max_size=4, unique=True)


@st.composite
def _instances(draw: st.DrawFn) -> dict[str, Any]:
    orgs, persons = draw(_ids), draw(_ids)
    entry: dict[str, Any] = {"scheme": draw(st.sampled_from(["facilitator", "address_hub"])),
                             "benign": draw(st.booleans()), "organisasjonsnummer": orgs,
                             "persons": persons}
    if draw(st.booleans()):
        entry["variant"] = draw(st.text(min_size=1, max_size=8))
    if draw(st.booleans()):
        entry["core"] = {"organisasjonsnummer": draw(st.lists(st.sampled_from(orgs), unique=True))
                         if orgs else [],
                         "persons": draw(st.lists(st.sampled_from(persons), unique=True))
                         if persons else []}
    return entry


@settings(max_examples=150, deadline=None)
@given(st.lists(_instances(), max_size=5))
def test_every_well_formed_file_reads_back_as_written(tmp_path_factory: pytest.TempPathFactory,
                                                      entries: list[dict[str, Any]]) -> None:
    def has_core(entry: dict[str, Any]) -> bool:
        core = entry.get("core", entry)
        return bool(core["organisasjonsnummer"] or core["persons"])

    entries = [e for e in entries if has_core(e)]
    read = read_truth(_write(tmp_path_factory.mktemp("truth"), entries))
    assert [(i.scheme, i.variant, i.benign, i.organisasjonsnummer, i.persons,
             i.core_organisasjonsnummer, i.core_persons) for i in read] == [
        (e["scheme"], e.get("variant", "default"), e["benign"],
         frozenset(e["organisasjonsnummer"]), frozenset(e["persons"]),
         frozenset(e.get("core", e)["organisasjonsnummer"]),
         frozenset(e.get("core", e)["persons"])) for e in entries]
