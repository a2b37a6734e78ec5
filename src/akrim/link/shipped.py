"""The person model shipped with the code, for stores that cannot train their own.

A centre with only Brønnøysund and a-melding, or a small store, has too few record pairs for
expectation maximisation (`PersonModel.training_shortfall`). It then links with a model trained
on a synthetic bundle and versioned in the package (`data/person_model.json`, with where it came
from in `data/person_model.meta.json`). m and u carry over between stores of the same registers;
the prior (the chance that two random records are one person) does not: each person has a few
records whatever the store's size, so matching pairs grow with the records and all pairs with
their square. The prior is therefore scaled by the ratio of record counts.

`python -m akrim.link.shipped DATA_DIR "BUNDLE"` ships the model trained in DATA_DIR by
`akrim link`, BUNDLE saying which bundle was loaded there (the `akrim synth` command).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb

from akrim.settings import Settings

MODEL, META = "person_model.json", "person_model.meta.json"
MAX_PRIOR = 0.5
"""The scaled prior never says that two random records are more likely one person than not."""


def _data() -> Any:
    return files("akrim.link") / "data"


def shipped_model(records: int) -> tuple[dict[str, Any], str]:
    """The shipped model with its prior scaled to `records`, and where it came from."""
    model: dict[str, Any] = json.loads((_data() / MODEL).read_text(encoding="utf-8"))
    meta = json.loads((_data() / META).read_text(encoding="utf-8"))
    prior = model["probability_two_random_records_match"] * meta["records"] / max(records, 1)
    model["probability_two_random_records_match"] = min(prior, MAX_PRIOR)
    return model, meta["source"]


def ship(data_dir: Path, bundle: str, target: Path) -> dict[str, Any]:
    """Copy the model trained in `data_dir` to `target` (the package's data folder), with the
    number of person records it was trained on and the bundle it came from."""
    settings = Settings(data_dir=data_dir)
    with duckdb.connect(str(settings.analytical_db), read_only=True) as con:
        records, trained_at = con.sql("SELECT records, run_at FROM link_run WHERE trained "
                                      "ORDER BY run_at DESC LIMIT 1").fetchall()[0]
    meta = {"records": int(records), "trained_at": str(trained_at)[:10],
            "shipped_at": date.today().isoformat(),
            "source": f"{bundle}, {records} person records"}
    target.mkdir(parents=True, exist_ok=True)
    (target / MODEL).write_text(settings.link_model.read_text(encoding="utf-8"),
                                encoding="utf-8")
    (target / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


if __name__ == "__main__":
    print(ship(Path(sys.argv[1]), sys.argv[2], Path(__file__).parent / "data"))
