"""Company-mention resolution quality and speed, with truth known by construction.

    .venv/bin/python bench/company_mentions.py DATA_DIR [--sample 2000] [--seed 1]

DATA_DIR holds a linked store (`akrim link`: the network's address keys). From its current
enheter, derive mentions the way tips and inspections name firms, without organisation number:
- `legal_form`: the name in title case with its legal form dropped or written "A/S", and the
  street abbreviated (gate -> gt., veien -> vn.), postnummer and place appended;
- `typo`: one typing slip anywhere in the name (the legal form aside), the first letters
  included: two adjacent letters swapped, a letter dropped, doubled or replaced; same address;
- `name_only`: the name as registered, no address;
- `typo_name_only`: a typo and no address.
Each is resolved by `akrim.link.companies.resolve` against every unit in the store. Per variant:
precision (right legal unit among those resolved), recall (right legal unit among all), and the
share left ambiguous, and for the typos the same per place of the slip: `first` (the name's first
three letters, which the nationwide fuzzy step blocks on), `end` (its last three letters) or
`middle`; the place is drawn uniformly over the name's letters. `shared_name` is the share of
sampled firms whose name key another legal unit also has: without an address those cannot be told
apart by name. Prints one row per variant and place and ends with one JSON line.
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
from quality import HEADER, Counts  # bench/quality.py

VARIANTS = ("legal_form", "typo", "name_only", "typo_name_only")
PLACES = ("first", "middle", "end", "none")  # none: no letter to slip on, left as it is
_FORMS = re.compile(r"\s+(AS|ASA|ENK|DA|ANS|SA|NUF)$")


def _typo(name: str, rng: random.Random) -> tuple[str, str]:
    """`name` with one slip at a letter drawn uniformly from the name without its legal form,
    and where the slip is (`PLACES`)."""
    form = _FORMS.search(name)
    stem, suffix = (name[:form.start()], name[form.start():]) if form else (name, "")
    letters = [i for i, char in enumerate(stem) if char.isalpha()]
    if not letters:
        return name, "none"
    rank = rng.randrange(len(letters))
    place = "first" if rank < 3 else "end" if rank >= len(letters) - 3 else "middle"
    slip = rng.choice(("swap", "drop", "double", "replace"))
    at = letters[rank]
    char, after = stem[at], stem[at + 1:at + 2]
    if slip == "swap" and after.isalpha() and after.lower() != char.lower():
        typed, width = after + char, 2
    elif slip == "double":
        typed, width = char * 2, 1
    elif slip == "replace":
        letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != char.lower()])
        typed, width = (letter.upper() if char.isupper() else letter), 1
    else:  # drop, and a swap with no other letter after it to swap with
        typed, width = "", 1
    return stem[:at] + typed + stem[at + width:] + suffix, place


def _abbreviated(street: str) -> str:
    street = re.sub(r"(gata|gaten|gate)\b", "gt.", street, flags=re.IGNORECASE)
    return re.sub(r"(veien|vegen|vei)\b", "vn.", street, flags=re.IGNORECASE)


def _mention(variant: str, navn: str, adresse: str | None, postnummer: str | None,
             poststed: str | None, rng: random.Random) -> tuple[str, str | None, str | None]:
    """The mention's name and address, and for a typo where the slip is."""
    address = f"{adresse}, {postnummer} {poststed or ''}".strip() if adresse else None
    if variant == "legal_form":
        stem = _FORMS.sub("", navn).title()
        name = stem + rng.choice(["", " A/S", " as"]) if stem != navn.title() else navn.title()
        short = f"{_abbreviated(adresse)} {postnummer} {poststed or ''}".strip() if adresse \
            else None
        return name, short, None
    if variant == "name_only":
        return navn, None, None
    typed, place = _typo(navn, rng)
    return typed, address if variant == "typo" else None, place


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
        rows: list[dict[str, object]] = []
        truth: dict[int, tuple[str, str | None, str]] = {}
        for orgnr, navn, adresse, postnummer, poststed in sorted(firms):
            for variant in VARIANTS:
                name, address, place = _mention(variant, navn, adresse, postnummer, poststed,
                                                rng)
                truth[len(rows) + 1] = (variant, place, orgnr)
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
    counts: dict[str, Counts] = {}
    ambiguous: dict[str, int] = {}
    for row in resolved.to_pylist():
        variant, place, orgnr = truth[row["mention_id"]]
        found = row["enhet_organisasjonsnummer"] == orgnr
        wrong = row["enhet_organisasjonsnummer"] is not None and not found
        for label in (variant, f"{variant}.{place}") if place else (variant,):
            counts.setdefault(label, Counts()).add(
                Counts(records=1, found=int(found), missed=int(not found), false=int(wrong)))
            ambiguous[label] = ambiguous.get(label, 0) + (row["method"] == "ambiguous")
    result: dict[str, object] = {"units": units, "mentions": len(rows),
                                 "seconds": round(seconds, 2),
                                 "shared_name": round(float(shared or 0.0), 4)}
    print(f"{'variant':<24}{HEADER}{'ambiguous':>10}")
    labels = [label for variant in VARIANTS
              for label in (variant, *(f"{variant}.{place}" for place in PLACES))
              if label in counts]
    for label in labels:
        c, share = counts[label], ambiguous[label] / counts[label].records
        print(f"{label:<24}{c.row()}{share:>10.4f}")
        result[label] = {"n": c.records, "found": c.found, "missed": c.missed,
                         "wrong": c.false, "precision": round(c.precision, 4),
                         "recall": round(c.recall, 4), "ambiguous": round(share, 4)}
    print(f"{len(rows)} mentions against {units} units in {seconds:.2f} s; "
          f"shared_name {float(shared or 0.0):.4f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
