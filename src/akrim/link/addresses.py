"""Address keys kept in the store, so each distinct address is normalised once.

Table `address_keys` (adresse, postnummer, address_key): the key (`normalise.line_address_key`)
of every address the registers have shown, current or not. Person resolution, the network and
company mentions join it instead of normalising the same addresses again; an ingest adds only
the addresses not seen before. The table remembers which version of `normalise.py` made it
(`address_keys_version`) and is rebuilt when that changes.
"""

from __future__ import annotations

import hashlib
import inspect

import pyarrow as pa

from akrim.link import normalise
from akrim.link.normalise import line_address_key
from akrim.store.engine import Store

REGISTER_ADDRESSES = """
SELECT adresse, postnummer FROM enhet WHERE valid_to IS NULL
UNION ALL SELECT adresse, postnummer FROM underenhet WHERE valid_to IS NULL
UNION ALL SELECT adresse, postnummer FROM person WHERE valid_to IS NULL
UNION ALL SELECT adresse, NULL FROM tips WHERE valid_to IS NULL
"""


def _version() -> str:
    return hashlib.sha1(inspect.getsource(normalise).encode()).hexdigest()[:16]


def update_address_keys(store: Store) -> int:
    """Key the registers' addresses not keyed yet; how many were new."""
    version = _version()
    store.execute("CREATE TABLE IF NOT EXISTS address_keys_version (version VARCHAR)")
    current = store.scalar("SELECT max(version) FROM address_keys_version") == version
    if not current:
        store.execute("DROP TABLE IF EXISTS address_keys")
    store.execute("CREATE TABLE IF NOT EXISTS address_keys (adresse VARCHAR NOT NULL, "
                  "postnummer VARCHAR, address_key VARCHAR NOT NULL)")
    new = store.con.sql(f"""
        SELECT DISTINCT r.adresse, r.postnummer FROM ({REGISTER_ADDRESSES}) r
        ANTI JOIN address_keys k
          ON k.adresse = r.adresse AND k.postnummer IS NOT DISTINCT FROM r.postnummer
        WHERE r.adresse IS NOT NULL""").to_arrow_table()
    if current and new.num_rows == 0:
        return 0  # a commit costs more than this whole check
    streets = new.column("adresse").to_pylist()
    codes = new.column("postnummer").to_pylist()
    keys = pa.array([line_address_key(s, p) for s, p in zip(streets, codes, strict=True)],
                    pa.string())
    with store.transaction():
        store.con.register("address_keys_in", new.append_column("address_key", keys))
        store.execute("INSERT INTO address_keys SELECT * FROM address_keys_in "
                      "WHERE address_key IS NOT NULL")
        store.con.unregister("address_keys_in")
        store.execute("DELETE FROM address_keys_version")
        store.execute("INSERT INTO address_keys_version VALUES (?)", [version])
    return int(new.num_rows)
