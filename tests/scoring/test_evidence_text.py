"""akrim.scoring.evidence_text: each indicator's evidence text in bokmål and English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from akrim.numbers import NARROW_NO_BREAK_SPACE
from akrim.pipeline import analyse
from akrim.scoring.evidence_text import SHAPES, evidence_text
from akrim.settings import Settings
from akrim.store.engine import Store

NNBSP = NARROW_NO_BREAK_SPACE


@pytest.mark.parametrize(("indicator", "detail", "nb", "en"), [
    ("IND-10", "81010.0 kr forfalt forskuddstrekk", f"81{NNBSP}010,0 kr forfalt forskuddstrekk",
     "NOK 81,010.0 of withheld tax overdue"),
    # a reason in parentheses, then the suffix the SQL adds
    ("stop_decision", "stansingsvedtak 2026-06-12 (stillas (fasade); fare), ikke opphevet",
     "stansingsvedtak 2026-06-12 (stillas (fasade); fare), ikke opphevet",
     "stop decision 2026-06-12 (stillas (fasade); fare), not lifted"),
    ("stop_decision", "stansingsvedtak 2026-06-12 (fare)", "stansingsvedtak 2026-06-12 (fare)",
     "stop decision 2026-06-12 (fare)"),
    # a finding over two lines, and how the company was found
    ("inspection_findings", "tilsyn 2026-06-10: uten rekkverk.\nFulgt opp / pålegg "
     "[identifisert ved name_address]", "tilsyn 2026-06-10: uten rekkverk.\nFulgt opp / pålegg "
     "[identifisert ved name_address]", "inspection 2026-06-10: uten rekkverk.\nFulgt opp / "
     "pålegg [identified by name_address]"),
    # words the SQL or the register gives in bokmål
    ("unapproved_operation", "ansatte i a-meldingen, renhold-registeret: ikke registrert",
     "ansatte i a-meldingen, renhold-registeret: ikke registrert",
     "employees in the a-melding, cleaning register: not registered"),
    ("address_pile", "postkasseadresse i et bolighus på Granveien 35, 2270 (boliger: ukjent "
     "antall, personer: 2, virksomheter: 1200)", "postkasseadresse i et bolighus på Granveien "
     f"35, 2270 (boliger: ukjent antall, personer: 2, virksomheter: 1{NNBSP}200)",
     "letterbox address in a residential building at Granveien 35, 2270 (dwellings: unknown "
     "number, persons: 2, companies: 1,200)"),
    # organisation numbers are not numbers to group
    ("working_time", "245.5 timer i måneden hos 839441959, 852458488 under felles kontroll "
     "(grense 230)", "245,5 timer i måneden hos 839441959, 852458488 under felles kontroll "
     "(grense 230)", "245.5 hours in the month at 839441959, 852458488 under common control "
     "(limit 230)"),
])
def test_examples(indicator: str, detail: str, nb: str, en: str) -> None:
    assert evidence_text(indicator, detail, "nb") == nb
    assert evidence_text(indicator, detail, "en") == en


def test_a_text_no_shape_fits_is_shown_as_it_is() -> None:
    detail = "en ny formulering fra SQL-en: 1234 kr"
    assert evidence_text("IND-10", detail, "en") == detail
    assert evidence_text("IND-10", detail, "nb") == detail


def test_every_field_of_a_shape_is_in_both_languages() -> None:
    for key, shapes in SHAPES.items():
        for shape in shapes:
            names = {name for _, name, _ in shape.fields if name}
            assert names, (key, shape.nb)
            for name in names:
                assert "{" + name + "}" in shape.en, (key, name)


@pytest.fixture(scope="module")
def analysed_tiny(tiny_ingested: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("tiny-analysed")
    shutil.copy(tiny_ingested / "akrim.duckdb", data / "akrim.duckdb")
    settings = Settings(data_dir=data, memory_limit="1GB")
    with Store(settings.analytical_db, memory_limit="1GB") as store:
        analyse(store, settings)
    return data


def test_every_evidence_text_an_analysis_writes_is_read(analysed_tiny: Path) -> None:
    with Store(analysed_tiny / "akrim.duckdb", read_only=True) as store:
        rows = store.rows("SELECT indicator_id, detail FROM indicator_evidence")
    assert len({indicator for indicator, _ in rows}) >= 10, "the tiny bundle hits most"
    unread = {indicator: detail for indicator, detail in rows
              if evidence_text(indicator, detail, "en") == detail}
    assert not unread, f"wording the shapes in akrim.scoring.evidence_text do not read: {unread}"
