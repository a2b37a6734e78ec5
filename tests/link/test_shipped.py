"""The model shipped with akrim, for stores that cannot train their own (akrim.link.shipped)."""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.link.shipped import MAX_PRIOR, shipped_model
from akrim.pipeline import link
from akrim.settings import Settings
from akrim.store.engine import Store
from conftest import TINY_AS_OF

SHIPPED = files("akrim.link") / "data"


def test_the_prior_scales_with_the_records() -> None:
    model = json.loads((SHIPPED / "person_model.json").read_text(encoding="utf-8"))
    meta = json.loads((SHIPPED / "person_model.meta.json").read_text(encoding="utf-8"))
    prior = model["probability_two_random_records_match"]

    same, _ = shipped_model(meta["records"])
    tenth, source = shipped_model(meta["records"] // 10)

    assert same["probability_two_random_records_match"] == prior
    assert tenth["probability_two_random_records_match"] == pytest.approx(
        prior * meta["records"] / (meta["records"] // 10))
    assert shipped_model(1)[0]["probability_two_random_records_match"] == MAX_PRIOR
    assert source == meta["source"]


def test_a_store_without_hms_cards_links_with_the_shipped_model(tiny_bundle: Path,
                                                               tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(tiny_bundle, bundle)
    (bundle / "hms_kort.csv.gz").unlink()
    settings = Settings(data_dir=tmp_path / "data", memory_limit="1GB")
    with Store(settings.analytical_db, memory_limit="1GB") as store:
        ingest(store, [bundle], as_of=TINY_AS_OF, context=ReadContext())
        outcome = link(store, settings)
        registered = store.scalar("SELECT count(*) FROM person WHERE valid_to IS NULL")
        # every a-melding and role record of a registered person joins that person
        persons = store.scalar("SELECT count(*) FROM link_person")

    summary = outcome.linkage
    assert summary is not None and summary.trained is False
    assert summary.shipped_model is not None
    assert summary.shipped_model.startswith("0 record pairs share identifikator")
    assert not settings.link_model.exists()  # a later run trains again once it can
    assert persons == registered
