"""Generate a whole bundle: build the world, plant the schemes, write every register file, the
truth and a manifest.

The big files (enheter, underenheter, roles, Folkeregisteret, one a-melding file per month) are
independent of each other once the world is built, so they are written by a pool of forked
worker processes that share the world copy-on-write. Each file draws from its own seeded stream,
so the bytes do not depend on the number of workers or on which worker wrote what.

Registers can be left out (``without``): their files are not written, and the manifest says so.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from akrim.synth import (
    REGISTER_GROUPS,
    REGISTERS,
    out_agency,
    out_amelding,
    out_brreg,
    out_freg,
    out_registers,
)
from akrim.synth import rng as rngs
from akrim.synth.config import AS_OF, SCALES, months
from akrim.synth.dirty import Dirt
from akrim.synth.schemes import plant_all
from akrim.synth.schemes.base import Planter
from akrim.synth.world import World, build, finish

_STATE: dict[str, Any] = {}
"""The world and settings, set before the worker processes are forked."""

Task = tuple[str, str]
"""(kind, argument): ("enheter", ""), ("month", "2025-03"), ..."""

_TASK_REGISTER = {"enheter": "enheter", "underenheter": "underenheter", "roller": "roller",
                  "persons": "folkeregisteret", "month": "amelding"}


def registers_left_out(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The registers named (groups expanded); ValueError for an unknown name."""
    out: set[str] = set()
    for name in names:
        if name in REGISTER_GROUPS:
            out.update(REGISTER_GROUPS[name])
        elif name in REGISTERS:
            out.add(name)
        else:
            raise ValueError(f"unknown register {name!r}; known: "
                             f"{', '.join([*REGISTERS, *REGISTER_GROUPS])}")
    return frozenset(out)


def _run(task: Task) -> tuple[Task, dict[str, int], Dirt, np.ndarray | None]:
    world: World = _STATE["world"]
    out: Path = _STATE["out"]
    kind, arg = task
    dirt = Dirt(rngs.stream(world.seed, world.scale.name, "dirty", kind)
                if _STATE["dirty"] else None)
    if kind == "month":
        result = out_amelding.write_month(world, out, arg,
                                          write="amelding" not in _STATE["without"])
        return task, {"amelding_leveranser": result.leveranser,
                      "amelding_erstatninger": result.replacements}, dirt, result.pay
    writers = {
        "enheter": lambda: out_brreg.write_enheter(world, out, dirt),
        "underenheter": lambda: out_brreg.write_underenheter(world, out),
        "roller": lambda: out_brreg.write_roller(world, out),
        "persons": lambda: out_freg.write_folkeregister(world, out, dirt),
    }
    return task, {kind: writers[kind]()}, dirt, None


def generate(scale_name: str, seed: int, n_months: int, out: Path, *, dirty: bool = False,
             workers: int | None = None, without: frozenset[str] = frozenset()
             ) -> dict[str, Any]:
    """Write a bundle to ``out``; return its manifest (also written to truth/manifest.json).

    ``workers``: processes for the big files; default $AKRIM_SYNTH_WORKERS, else 1 at tiny
    scale and otherwise up to 2 (the issue's target machine has two cores).
    ``without``: registers (``REGISTERS``) whose files are not written."""
    started = time.monotonic()
    unknown = without - set(REGISTERS)
    if unknown:
        raise ValueError(f"unknown registers {sorted(unknown)}")
    scale = SCALES[scale_name]
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    world = build(scale, seed, months(n_months))
    finish(world)
    plant_all(Planter(world), scale.schemes_each)
    out_agency.background_inspections(world)
    world.job_ids = world.rng("job-ids").permutation(len(world.jobs)) + 1
    if workers is None and os.environ.get("AKRIM_SYNTH_WORKERS"):
        workers = int(os.environ["AKRIM_SYNTH_WORKERS"])
    if workers is None:
        workers = 1 if scale.name == "tiny" else min(2, os.cpu_count() or 1)
    # largest first, so that two workers finish at about the same time
    tasks: list[Task] = [task for task in (
        ("persons", ""), ("enheter", ""), ("roller", ""),
        *(("month", m) for m in world.months[::-1]), ("underenheter", ""))
        if task[0] == "month" or _TASK_REGISTER[task[0]] not in without]
    _STATE.update(world=world, out=out, dirty=dirty, without=without)
    counts: dict[str, int] = {"amelding_leveranser": 0, "amelding_erstatninger": 0}
    dirt = Dirt(rngs.stream(seed, scale.name, "dirty") if dirty else None)  # the totals
    pay = np.zeros((len(world.months), len(world.enheter)), dtype=np.int64)
    try:
        if workers > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = list(pool.imap_unordered(_run, tasks))
        else:
            results = [_run(task) for task in tasks]
    finally:
        _STATE.clear()
    for (kind, arg), part, task_dirt, sums in results:
        for key, value in part.items():
            counts[key] = counts.get(key, 0) + value
        dirt.merge(task_dirt)
        if kind == "month" and sums is not None:
            pay[world.months.index(arg)] = sums
    if not {"renhold", "bilpleie", "bemanning"} <= without:
        counts["godkjenninger"] = out_registers.write_approvals(world, out, without)
    counts.update(out_registers.write_skatt(world, out, pay, without))
    if "arbeidsforhold" not in without:
        counts["arbeidsforhold"] = out_registers.write_arbeidsforhold(world, out)
    counts.update(out_agency.write_agency_csv(world, out, without))
    counts["employments"] = len(world.jobs)
    if "amelding" in without:
        del counts["amelding_leveranser"], counts["amelding_erstatninger"]
    counts = dict(sorted((k, v) for k, v in counts.items() if k not in without))
    truth = [{k: v for k, v in r.items() if k != "facilitated"} for r in world.truth]
    (out / "truth" / "schemes.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    manifest = {
        "scale": scale.name, "seed": seed, "months": world.months,
        "as_of": AS_OF.isoformat(), "counts": counts, "without": sorted(without),
        **dirt.manifest(),
    }
    (out / "truth" / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # The snapshot date `akrim ingest DIR` takes when no --as-of is given.
    (out / "bundle.json").write_text(json.dumps(
        {"as_of": AS_OF.isoformat(), "generator": "akrim synth", "scale": scale.name,
         "seed": seed}) + "\n", encoding="utf-8")
    manifest["seconds"] = round(time.monotonic() - started, 2)
    return manifest
