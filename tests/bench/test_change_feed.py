"""The change-feed bench (`bench/change_feed.py`) writes feeds akrim reads as Brønnøysund's:
every event applied, nothing quarantined."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store
from fixtures import benchmodule

change_feed = benchmodule.load("change_feed")


def test_a_days_feeds_are_read_and_applied_whole(tiny_ingested: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(tiny_ingested, data)
    day = date(2026, 12, 1)
    with Store(data / "akrim.duckdb") as store:
        feeds = change_feed.write_feeds(store, tmp_path, day, units=5, subunits=3, roles=4)
        assert [events for _, events in feeds] == [5, 3, 4]
        for (path, events), table in zip(feeds, ("enhet", "underenhet", "rolle"), strict=True):
            report = ingest(store, [path], as_of=day, context=ReadContext())
            assert not report.quarantine, path.name
            assert report.changes[table][1] == events  # one new version (or board) each
        renamed = store.scalar("SELECT count(*) FROM enhet WHERE valid_to IS NULL "
                               "AND valid_from = ? AND ends_with(navn, ' NY')", [day])
        assert renamed == 5
