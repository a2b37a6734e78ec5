"""Parse several register files at once, in worker processes, and hand their batches back in
file order.

Parsing and validating is pure Python and bound to one core; DuckDB's inserts are not. With
`workers` > 1, up to that many files are parsed ahead in child processes (spawned, so none
inherits the store's open connection), each handing back Arrow batches through a bounded queue,
so memory stays bounded however large a file is. Small files are parsed in the loading process:
starting a process costs more than they do.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queues
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akrim.ingest.batches import Batch, parse_file
from akrim.ingest.problems import FileError
from akrim.ingest.readers import READER_BY_REGISTER
from akrim.ingest.records import ReadContext

SMALL_FILE = 1 << 20  # bytes: smaller files are parsed in the loading process
QUEUE_BATCHES = 4


def _put(queue: Any, item: object, parent: int) -> bool:
    """Put, giving up (False) if the loading process has died meanwhile."""
    while True:
        try:
            queue.put(item, timeout=1.0)
            return True
        except queues.Full:
            if os.getppid() != parent:
                return False


def _work(register: str, path: Path, context: ReadContext, queue: Any, parent: int) -> None:
    try:
        for batch in parse_file(register, path, context):
            if not _put(queue, ("batch", batch), parent):
                return
        _put(queue, ("done", None), parent)
    except FileError as exc:
        _put(queue, ("file_error", (exc.file, exc.reason, exc.line, exc.offset)), parent)
    except BaseException:
        _put(queue, ("error", traceback.format_exc()), parent)


class _Job:
    def __init__(self, register: str, path: Path, context: ReadContext) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.queue = ctx.Queue(maxsize=QUEUE_BATCHES)
        self.process = ctx.Process(
            target=_work, args=(register, path, context, self.queue, os.getpid()), daemon=True
        )
        self.process.start()

    def batches(self) -> Iterator[Batch]:
        while True:
            try:
                kind, payload = self.queue.get(timeout=5.0)
            except queues.Empty:
                if not self.process.is_alive():
                    raise RuntimeError(
                        f"ingest worker died (exit code {self.process.exitcode})") from None
                continue
            if kind == "batch":
                yield payload
            elif kind == "done":
                self.process.join()
                return
            elif kind == "file_error":
                file, reason, line, offset = payload
                raise FileError(file, reason, line=line, offset=offset)
            else:
                raise RuntimeError(f"ingest worker failed:\n{payload}")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def file_batches(
    files: list[tuple[str, Path]], context: ReadContext, workers: int
) -> Iterator[tuple[int, Iterator[Batch]]]:
    """Yield (file index, its batches) in file order, parsing up to `workers` files ahead."""
    jobs: dict[int, _Job] = {}

    def start_ahead(current: int) -> None:
        for index in range(current, len(files)):
            if len(jobs) >= workers:
                break
            register, path = files[index]
            if (index not in jobs and path.stat().st_size >= SMALL_FILE
                    and READER_BY_REGISTER[register].sql is None):
                jobs[index] = _Job(register, path, context)

    try:
        for index, (register, path) in enumerate(files):
            if workers > 1:
                start_ahead(index)
            job = jobs.pop(index, None)
            if job is None:
                yield index, parse_file(register, path, context)
            else:
                yield index, job.batches()
    finally:
        for job in jobs.values():
            job.stop()
