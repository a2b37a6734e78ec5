"""Microseconds per call of `akrim.ids.parse_person_id` and `validate_orgnr` on a realistic mix.

Usage:
    .venv/bin/python bench/ids.py [--count N] [--repeat R] [--old SRC]

The inputs are reproducible (fixed seed): N valid numbers built with `akrim.ids.generate`
(mostly fødselsnumre, some D-numbers and 2032-rule numbers), plus invalid ones a register extract
really holds: a wrong control digit, an impossible date, a digit too few, a letter, and synthetic
(month + 80) numbers with and without allow_synthetic. Each group is timed R times over all its
inputs and the best run is printed, since other work on the machine only ever adds time.

--old SRC times the same inputs with an older copy of the package too, in a child process with
SRC first on the path (SRC is the directory holding its `akrim`, e.g. after
`git archive <rev> src/akrim | tar -x -C /tmp/old`, SRC=/tmp/old/src), and prints old, new and
the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable

from akrim.ids import (
    IdKind,
    InvalidIdentifier,
    make_orgnr,
    make_person_id,
    parse_person_id,
    synthetic_person_ids,
    validate_orgnr,
)
from akrim.ids.century import individual_ranges
from akrim.ids.control import k1_for_remainder, k2_for


def _valid_person_ids(count: int, rng: random.Random) -> list[str]:
    numbers: list[str] = []
    while len(numbers) < count:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 30_000))
        kind = IdKind.D_NUMBER if rng.random() < 0.1 else IdKind.FODSELSNUMMER
        new_rule = rng.random() < 0.02
        individual = rng.choice(rng.choice(individual_ranges(born.year)))
        number = make_person_id(born, individual, kind, new_rule=new_rule)
        if number is not None:
            numbers.append(number)
    return numbers


def _with_control_digits(first9: str) -> str | None:
    k1 = k1_for_remainder(first9, 0)
    k2 = None if k1 is None else k2_for(f"{first9}{k1}")
    return None if k2 is None else f"{first9}{k1}{k2}"


def _invalid_person_ids(valid: list[str], rng: random.Random) -> list[str]:
    bad: list[str] = []
    for number in valid[: len(valid) // 10]:
        match rng.randrange(4):
            case 0:  # a wrong k2
                bad.append(number[:10] + str((int(number[10]) + 1) % 10))
            case 1:  # 30 February with correct control digits
                bad.append(_with_control_digits(f"3002{number[4:9]}") or number[:10] + "x")
            case 2:  # a digit lost
                bad.append(number[:-1])
            case _:  # a letter typed for a digit
                at = rng.randrange(11)
                bad.append(f"{number[:at]}O{number[at + 1:]}")
    return bad


def _orgnrs(count: int, rng: random.Random) -> tuple[list[str], list[str]]:
    valid: list[str] = []
    while len(valid) < count:
        number = make_orgnr(rng.randint(80_000_000, 99_999_999))
        if number is not None:
            valid.append(number)
    invalid = [n[:8] + str((int(n[8]) + 1) % 10) for n in valid[: count // 10]]
    return valid, invalid


def _per_call(check: Callable[[str], object], values: list[str], repeat: int) -> float:
    """Best µs per call of `check` over `values` (InvalidIdentifier is an expected result)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for value in values:
            try:  # noqa: SIM105 (contextlib.suppress would add a context manager per call)
                check(value)
            except InvalidIdentifier:
                pass
        best = min(best, time.perf_counter() - start)
    return best / len(values) * 1e6


def measure(count: int, repeat: int) -> dict[str, float]:
    rng = random.Random(20260101)
    valid = _valid_person_ids(count, rng)
    invalid = _invalid_person_ids(valid, rng)
    synthetic = synthetic_person_ids(max(count // 10, 1), seed=1)
    org_valid, org_invalid = _orgnrs(count, rng)

    def person(value: str) -> object:
        return parse_person_id(value)

    def person_synthetic(value: str) -> object:
        return parse_person_id(value, allow_synthetic=True)

    return {
        f"parse_person_id, {len(valid):,} valid": _per_call(person, valid, repeat),
        f"parse_person_id, {len(invalid):,} invalid": _per_call(person, invalid, repeat),
        f"parse_person_id, {len(synthetic):,} synthetic, allowed":
            _per_call(person_synthetic, synthetic, repeat),
        f"parse_person_id, {len(synthetic):,} synthetic, refused":
            _per_call(person, synthetic, repeat),
        f"validate_orgnr, {len(org_valid):,} valid": _per_call(validate_orgnr, org_valid, repeat),
        f"validate_orgnr, {len(org_invalid):,} invalid":
            _per_call(validate_orgnr, org_invalid, repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200_000, help="valid numbers of each kind")
    parser.add_argument("--repeat", type=int, default=5, help="runs per group; the best counts")
    parser.add_argument("--old", metavar="SRC", help="directory holding an older `akrim`")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    new = measure(args.count, args.repeat)
    if args.json:  # the child process of --old
        print(json.dumps(new))
        return
    if args.old is None:
        for label, micros in new.items():
            print(f"{label:<45} {micros:7.2f} µs/call")
        return
    env = {**os.environ, "PYTHONPATH": os.path.abspath(args.old)}
    child = subprocess.run(
        [sys.executable, __file__, "--json", "--count", str(args.count),
         "--repeat", str(args.repeat)],
        env=env, check=True, capture_output=True, text=True,
    )
    old = json.loads(child.stdout)
    print(f"{'µs per call':<45} {'old':>7} {'new':>7} {'old/new':>7}")
    for label, micros in new.items():
        print(f"{label:<45} {old[label]:7.2f} {micros:7.2f} {old[label] / micros:6.1f}x")


if __name__ == "__main__":
    main()
