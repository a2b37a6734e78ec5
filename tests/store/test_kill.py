"""Killing `akrim ingest` mid-load (SIGKILL, no clean-up) leaves the store consistent: it opens,
`akrim status` works and shows exactly the state before the load."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from akrim.demo import bundle_dir
from fixtures.make_demo_bundle import big_enheter
from fixtures.shapes import enhet, orgnr, write_json_array
from fixtures.storeutil import Cli

ENHETER = 30_000
KILL_AFTER = 2.0


@pytest.mark.slow
def test_sigkill_mid_load_leaves_the_pre_load_state(cli: Cli, tmp_path: Path) -> None:
    assert cli.ingest(bundle_dir()).exit_code == 0
    before_status, before_tables = cli.status(), cli.dump()
    big = big_enheter(tmp_path / "big" / "enheter_alle.json.gz", ENHETER).parent
    command = [sys.executable, "-c", "from akrim.cli.main import app; app()", "ingest", str(big),
               "--data-dir", str(cli.data_dir), "--as-of", "2026-11-30", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(KILL_AFTER)
        assert process.poll() is None, (
            "the load finished before it could be killed; make the bundle bigger: "
            + process.stderr.read().decode() if process.stderr else "")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert cli.status() == before_status
    assert cli.dump() == before_tables
    # and the store still takes a load afterwards
    small = write_json_array(tmp_path / "small" / "enheter_alle.json.gz",
                             [enhet(orgnr(1), "EN AS")])
    assert cli.ingest(small, as_of="2026-12-31").exit_code == 0
    assert cli.status()["tables"]["enhet"] == 1
    assert cli.staging_tables() == []  # the killed load's staging is gone too
