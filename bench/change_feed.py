"""A day of Enhetsregisteret change feeds loaded on top of a store: what each feed costs.

Usage:
    .venv/bin/python bench/change_feed.py DATA_DIR [--units N] [--subunits N] [--roles N]
                                          [--date YYYY-MM-DD] [--in-place]

`DATA_DIR` holds a store with enheter, underenheter and roles loaded (for instance
`bench/ingest.py BUNDLE --keep`, or `akrim ingest`). A day's feeds are written in Brønnøysund's
formats (docs/data-formats.md §3.4-3.5) for units picked at random among the current ones: an
`Endring` renaming each of `--units` enheter and `--subunits` underenheter, and a roles event
with a new role set for each of `--roles` enheter (the defaults are an assumed working day's
order of size, not a count taken from Brønnøysund). The store is copied first (the load
changes it) unless `--in-place`. Each feed is loaded as its own snapshot, as a daily job would;
per feed the time, and the store's size beside it, are printed: a feed's cost should follow the
feed, not the store.

The last line printed is a JSON object: seconds (all three feeds), events, and per feed its
seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from akrim.ingest.loader import ingest
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store


def _current(store: Store, table: str, count: int) -> list[tuple[str, str]]:
    """(orgnr, navn) of `count` current units of `table`, at random."""
    return [(str(orgnr), str(navn)) for orgnr, navn in store.rows(
        f"SELECT * FROM (SELECT organisasjonsnummer, coalesce(navn, '') FROM {table} "
        f"WHERE valid_to IS NULL) USING SAMPLE reservoir({count} ROWS) REPEATABLE (7)")]


def _unit_feed(key: str, units: list[tuple[str, str]], day: date, first_id: int
               ) -> dict[str, Any]:
    items = [{"oppdateringsid": first_id + n, "dato": f"{day.isoformat()}T00:20:10.625Z",
              "organisasjonsnummer": orgnr, "endringstype": "Endring",
              "endringer": [{"op": "replace", "path": "/navn", "value": f"{navn} NY"}]}
             for n, (orgnr, navn) in enumerate(units)]
    return {"_embedded": {key: items},
            "page": {"size": len(items), "totalElements": len(items), "totalPages": 1,
                     "number": 0}}


def _roles_feed(orgnrs: list[str], day: date, first_id: int) -> list[dict[str, Any]]:
    def board(n: int) -> list[dict[str, Any]]:
        leader = {"type": {"kode": "DAGL", "beskrivelse": "Daglig leder"},
                  "person": {"fodselsdato": f"19{60 + n % 40}-0{1 + n % 9}-1{n % 10}",
                             "navn": {"fornavn": "Kari", "etternavn": f"Ny{n}"},
                             "erDoed": False},
                  "fratraadt": False, "avregistrert": False, "rekkefolge": 0}
        return [{"type": {"kode": "DAGL", "beskrivelse": "Daglig leder/ adm.direktør"},
                 "sistEndret": day.isoformat(), "roller": [leader]}]

    return [{"specversion": "1.0", "id": str(first_id + n),
             "source": f"https://data.brreg.no/enhetsregisteret/api/enheter/{orgnr}/roller",
             "type": "no.brreg.enhetsregisteret.rolle.oppdatert",
             "time": f"{day.isoformat()}T10:30:00.000Z",
             "data": {"organisasjonsnummer": orgnr, "rollegrupper": board(n)}}
            for n, orgnr in enumerate(orgnrs)]


def write_feeds(store: Store, folder: Path, day: date, units: int, subunits: int, roles: int
                ) -> list[tuple[Path, int]]:
    """The day's three feeds in `folder`, with their events."""
    stamp = day.isoformat()
    enheter = _current(store, "enhet", units)
    underenheter = _current(store, "underenhet", subunits)
    boards = [orgnr for orgnr, _ in _current(store, "enhet", roles)]
    feeds = [
        (folder / f"oppdateringer_enheter_{stamp}.json",
         _unit_feed("oppdaterteEnheter", enheter, day, 24_720_000), len(enheter)),
        (folder / f"oppdateringer_underenheter_{stamp}.json",
         _unit_feed("oppdaterteUnderenheter", underenheter, day, 13_100_000),
         len(underenheter)),
        (folder / f"oppdateringer_roller_{stamp}.json",
         _roles_feed(boards, day, 4_577_000), len(boards)),
    ]
    for path, document, _ in feeds:
        path.write_text(json.dumps(document, ensure_ascii=False))
    return [(path, events) for path, _, events in feeds]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--subunits", type=int, default=1000)
    parser.add_argument("--roles", type=int, default=2000)
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="the events' date (default: the day after the newest snapshot)")
    parser.add_argument("--in-place", action="store_true",
                        help="load into DATA_DIR itself rather than a copy")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="akrim-changes-"))
    data = args.data_dir
    if not args.in_place:
        started = time.perf_counter()
        data = work / "data"
        shutil.copytree(args.data_dir, data, ignore=shutil.ignore_patterns("staging", "tmp"))
        print(f"store copied in {time.perf_counter() - started:.1f} s")
    results: dict[str, Any] = {}
    try:
        with Store(data / "akrim.duckdb") as store:
            newest = store.scalar("SELECT max(as_of) FROM snapshot") or date.today()
            day = args.date or newest + timedelta(days=1)
            sizes = {table: int(store.scalar(f"SELECT count(*) FROM {table}"))
                     for table in ("enhet", "underenhet", "rolle", "source_record")}
            print("store: " + ", ".join(f"{table} {rows:,}" for table, rows in sizes.items()))
            feeds = write_feeds(store, work, day, args.units, args.subunits, args.roles)
            for path, events in feeds:
                started = time.perf_counter()
                report = ingest(store, [path], as_of=day, context=ReadContext())
                seconds = time.perf_counter() - started
                changes = {table: opened for table, (_, opened) in report.changes.items()}
                print(f"{path.name:45} {events:6,} events {seconds:7.2f} s  opened {changes}"
                      f"  quarantined {dict(report.quarantine)}", flush=True)
                results[path.name] = round(seconds, 2)
    finally:
        shutil.rmtree(work)
    print(json.dumps({"seconds": round(sum(results.values()), 2),
                      "events": args.units + args.subunits + args.roles, "feeds": results}))


if __name__ == "__main__":
    main()
