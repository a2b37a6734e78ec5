"""The analysts' search on the analysed tiny store: numbers exactly (with their check digits
checked), names word by word with typos and Norwegian letters forgiven, addresses, and an
underenhet leading to its legal unit. The actors searched for are read from the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akrim.ids import InvalidIdentifier
from akrim.search import search
from akrim.search.find import MIN_SIMILARITY
from akrim.store.engine import Store


@pytest.fixture(scope="module")
def store(analysed_dir: Path) -> Iterator[Store]:
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as opened:
        yield opened


def a_company_with_a_long_word(store: Store) -> tuple[str, str, str]:
    """An active company whose name has a word of seven or more letters: (orgnr, name, word)."""
    for orgnr, name in store.rows("SELECT organisasjonsnummer, navn FROM enhet "
                                  "WHERE valid_to IS NULL ORDER BY organisasjonsnummer"):
        words = [w for w in name.split() if len(w) >= 7 and w.isalpha()]
        if words:
            return orgnr, name, words[0]
    raise AssertionError("no company name with a long word in the tiny store")


def test_a_name_with_a_typo_finds_the_company(store: Store) -> None:
    orgnr, name, word = a_company_with_a_long_word(store)
    typo = name.replace(word, word[:3] + word[4:])  # one letter dropped
    result = search(store, typo)
    found = {hit.id: hit for hit in result.hits}
    assert orgnr in found, (typo, result.hits[:5])
    assert found[orgnr].score >= MIN_SIMILARITY
    assert found[orgnr].score == max(hit.score for hit in result.hits)


def test_norwegian_letters_may_be_written_plainly(store: Store) -> None:
    orgnr, name = store.rows("SELECT organisasjonsnummer, navn FROM enhet WHERE valid_to IS NULL "
                             "AND regexp_matches(navn, '[ØÆÅøæå]') ORDER BY 1 LIMIT 1")[0]
    plain = name.replace("Ø", "O").replace("ø", "o").replace("Æ", "AE").replace("å", "a") \
        .replace("Å", "A").replace("æ", "ae").lower()
    assert orgnr in [hit.id for hit in search(store, plain).hits]


def test_words_count_in_any_order(store: Store) -> None:
    person, first, last = store.rows("SELECT person_id, fornavn, etternavn FROM link_person "
                                     "WHERE fornavn IS NOT NULL AND etternavn IS NOT NULL "
                                     "ORDER BY person_id LIMIT 1")[0]
    hits = search(store, f"{last} {first}").hits
    assert ("person", person) in [(hit.kind, hit.id) for hit in hits]


def test_an_underenhet_number_leads_to_its_legal_unit(store: Store) -> None:
    child, parent = store.rows("SELECT organisasjonsnummer, overordnet_enhet FROM underenhet "
                               "WHERE valid_to IS NULL ORDER BY 1 LIMIT 1")[0]
    result = search(store, child)
    assert result.exact
    assert [(hit.kind, hit.id, hit.via) for hit in result.hits] == [("company", parent, child)]


def test_a_person_number_finds_the_person(store: Store) -> None:
    number, person = store.rows("SELECT identifikator, person_id FROM person_alias "
                                "ORDER BY 1 LIMIT 1")[0]
    result = search(store, f" {number[:6]} {number[6:]} ")
    assert [(hit.kind, hit.id) for hit in result.hits] == [("person", person)]


def test_a_wrong_check_digit_is_said(store: Store) -> None:
    orgnr = store.scalar("SELECT organisasjonsnummer FROM enhet ORDER BY 1 LIMIT 1")
    wrong = orgnr[:8] + str((int(orgnr[8]) + 1) % 10)
    with pytest.raises(InvalidIdentifier):
        search(store, wrong)


def test_an_address_is_found(store: Store) -> None:
    label = store.scalar("SELECT label FROM net_node WHERE kind = 'address' ORDER BY 1 LIMIT 1")
    hits = search(store, label).hits
    assert hits and hits[0].kind == "address" and hits[0].label == label


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_any_text_is_answered_best_first(store: Store, query: str) -> None:
    try:
        result = search(store, query)
    except InvalidIdentifier:
        return  # nine or eleven digits that fail their check: said, not searched
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert all(MIN_SIMILARITY <= score <= 1 for score in scores)
