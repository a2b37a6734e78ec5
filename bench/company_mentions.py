"""Company-mention resolution quality and speed, with truth known by construction.

    .venv/bin/python bench/company_mentions.py DATA_DIR [--sample 2000] [--seed 1]

DATA_DIR holds a linked store (`akrim link`: the network's address keys). From its current
enheter, derive mentions the way tips and inspections name firms, without organisation number:
- `legal_form`: the name in title case with its legal form dropped or written "A/S", and the
  street abbreviated (gate -> gt., veien -> vn.), postnummer and place appended;
- `typo`: two adjacent letters of the name swapped, same address;
- `name_only`: the name as registered, no address;
- `typo_name_only`: a typo and no address.
Each is resolved by `akrim.link.companies.resolve` against every unit in the store. Per variant:
precision (right legal unit among those resolved), recall (right legal unit among all), and the
share left ambiguous. `shared_name` is the share of sampled firms whose name key another legal
unit also has: without an address those cannot be told apart by name. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import pyarrow as pa

from akrim.link.companies import resolve
from akrim.store.engine import Store

VARIANTS = ("legal_form", "typo", "name_only", "typo_name_only")
_FORMS = re.compile(r"\s+(AS|ASA|ENK|DA|ANS|SA|NUF)$")


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i in range(len(name) - 1) if name[i].isalpha() and name[i + 1].isalpha()]
    if not letters:
        return name
    i = rng.choice(letters[1:] or letters)  # the first letters block nationwide matching
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def _abbreviated(street: str) -> str:
    street = re.sub(r"(gata|gaten|gate)\b", "gt.", street, flags=re.IGNORECASE)
    return re.sub(r"(veien|vegen|vei)\b", "vn.", street, flags=re.IGNORECASE)


def _mention(variant: str, navn: str, adresse: str | None, postnummer: str | None,
             poststed: str | None, rng: random.Random) -> tuple[str, str | None]:
    address = f"{adresse}, {postnummer} {poststed or ''}".strip() if adresse else None
    if variant == "legal_form":
        stem = _FORMS.sub("", navn).title()
        name = stem + rng.choice(["", " A/S", " as"]) if stem != navn.title() else navn.title()
        short = f"{_abbreviated(adresse)} {postnummer} {poststed or ''}".strip() if adresse \
            else None
        return name, short
    if variant == "typo":
        return _typo(navn, rng), address
    if variant == "name_only":
        return navn, None
    return _typo(navn, rng), None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with Store(args.data_dir / "akrim.duckdb") as store:
        firms = store.rows(f"""
            SELECT * FROM (
                SELECT organisasjonsnummer, navn, adresse, postnummer, poststed FROM enhet
                WHERE valid_to IS NULL AND slettedato IS NULL AND navn IS NOT NULL)
            USING SAMPLE reservoir({args.sample} ROWS) REPEATABLE ({args.seed})""")
        rows, truth = [], {}
        for orgnr, navn, adresse, postnummer, poststed in sorted(firms):
            for variant in VARIANTS:
                name, address = _mention(variant, navn, adresse, postnummer, poststed, rng)
                truth[len(rows) + 1] = (variant, orgnr)
                rows.append({"mention_id": len(rows) + 1, "organisasjonsnummer": None,
                             "navn": name, "adresse": address})
        units = store.scalar("SELECT count(*) FROM enhet WHERE valid_to IS NULL") + \
            store.scalar("SELECT count(*) FROM underenhet WHERE valid_to IS NULL")
        started = time.perf_counter()
        resolved = resolve(store, pa.Table.from_pylist(rows))
        seconds = time.perf_counter() - started
        # company_name_key: the macro `resolve` defined on this connection
        shared = store.scalar("""
            WITH k AS (SELECT organisasjonsnummer,
                              count(*) OVER (PARTITION BY company_name_key(navn)) AS n
                       FROM enhet WHERE valid_to IS NULL)
            SELECT avg(CASE WHEN n > 1 THEN 1.0 ELSE 0.0 END)
            FROM k WHERE organisasjonsnummer IN (SELECT unnest(?))""",
                              [[f[0] for f in firms]])
    stats = {v: {"n": 0, "resolved": 0, "right": 0, "ambiguous": 0} for v in VARIANTS}
    for row in resolved.to_pylist():
        variant, orgnr = truth[row["mention_id"]]
        s = stats[variant]
        s["n"] += 1
        s["resolved"] += row["enhet_organisasjonsnummer"] is not None
        s["right"] += row["enhet_organisasjonsnummer"] == orgnr
        s["ambiguous"] += row["method"] == "ambiguous"
    result: dict[str, object] = {"units": units, "mentions": len(rows),
                                 "seconds": round(seconds, 2),
                                 "shared_name": round(float(shared or 0.0), 4)}
    for variant, s in stats.items():
        precision = s["right"] / s["resolved"] if s["resolved"] else 0.0
        recall = s["right"] / s["n"] if s["n"] else 0.0
        print(f"{variant:16} n={s['n']:6} precision={precision:.4f} recall={recall:.4f} "
              f"ambiguous={s['ambiguous'] / max(s['n'], 1):.4f}")
        result[variant] = {"precision": round(precision, 4), "recall": round(recall, 4),
                           "ambiguous": round(s["ambiguous"] / max(s["n"], 1), 4)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
