"""Seeded random streams: one independent generator per (seed, purpose), so that adding a draw in
one part of the generator never shifts the numbers of another, and parallel writers stay
deterministic."""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, *purpose: object) -> np.random.Generator:
    key = [seed & 0xFFFFFFFF, *(zlib.crc32(str(p).encode()) for p in purpose)]
    return np.random.default_rng(key)
