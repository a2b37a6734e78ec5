"""Seconds per phase of a run, for summaries and benchmarks."""

from __future__ import annotations

import time


class Laps:
    """Call with a phase's name when it ends: `seconds` holds each phase's time, in order."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = round(now - self._last, 1)
        self._last = now
