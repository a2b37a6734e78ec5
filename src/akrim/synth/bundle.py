"""Generate a whole bundle: build the world, plant the schemes, write every register file, the
truth and a manifest."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from akrim.synth import out_amelding, out_brreg, out_freg, out_registers
from akrim.synth import rng as rngs
from akrim.synth.config import AS_OF, SCALES, months
from akrim.synth.dirty import Dirt
from akrim.synth.schemes import plant_all
from akrim.synth.schemes.base import Planter
from akrim.synth.world import build, finish


def generate(scale_name: str, seed: int, n_months: int, out: Path, *, dirty: bool = False
             ) -> dict[str, Any]:
    started = time.monotonic()
    scale = SCALES[scale_name]
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    world = build(scale, seed, months(n_months))
    finish(world)
    plant_all(Planter(world), scale.schemes_each)
    out_registers.background_inspections(world)
    dirt = Dirt(rngs.stream(seed, scale.name, "dirty") if dirty else None)
    counts: dict[str, int] = {}
    counts["enheter"] = out_brreg.write_enheter(world, out, dirt)
    counts["underenheter"] = out_brreg.write_underenheter(world, out, dirt)
    counts["roller"] = out_brreg.write_roller(world, out)
    counts["persons"] = out_freg.write_folkeregister(world, out, dirt)
    pay = np.zeros((len(world.months), len(world.enheter)), dtype=np.int64)
    counts["amelding_leveranser"] = 0
    for i, month in enumerate(world.months):
        n, sums = out_amelding.write_month(world, out, month)
        counts["amelding_leveranser"] += n
        pay[i] = sums
    counts["godkjenninger"] = out_registers.write_approvals(world, out)
    counts.update(out_registers.write_skatt(world, out, pay))
    counts.update(out_registers.write_agency_csv(world, out))
    counts["employments"] = len(world.jobs)
    truth = [{k: v for k, v in r.items() if k != "facilitated"} for r in world.truth]
    (out / "truth" / "schemes.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    manifest = {
        "scale": scale.name, "seed": seed, "months": world.months,
        "as_of": AS_OF.isoformat(), "counts": counts, **dirt.manifest(),
    }
    (out / "truth" / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # The snapshot date `akrim ingest DIR` takes when no --as-of is given.
    (out / "bundle.json").write_text(json.dumps(
        {"as_of": AS_OF.isoformat(), "generator": "akrim synth", "scale": scale.name,
         "seed": seed}) + "\n", encoding="utf-8")
    manifest["seconds"] = round(time.monotonic() - started, 2)
    return manifest
