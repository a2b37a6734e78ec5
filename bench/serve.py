"""The public seriousness API under load: latency at a fixed rate, and throughput against a
trivial endpoint on the same server in the same run.

Usage:
    .venv/bin/python bench/serve.py [DATA_DIR] [--rate 500] [--seconds 30] [--nice 10]

Without DATA_DIR a county store is made in a temporary directory first (`akrim synth --scale
county --seed 1 --months 2`, `akrim ingest --synthetic`, `akrim analyse`). Then `akrim serve`
starts on a free loopback port (its rate limit for the public check switched off with
AKRIM_PUBLIC_REQUESTS_PER_SECOND=0: one client sends everything here), which publishes the
check's serving file if the store has none for its newest load.

Two phases, each on `GET /api/v1/seriousness/{orgnr}` with organisation numbers drawn at random
from the store's units (enheter and underenheter, current and deleted), and on the trivial
`GET /api/v1/health`:

1. Fixed rate (the acceptance figure: p99 under 25 ms at 500 requests/s). An open-loop
   generator in this process sends request i at start + i/rate whatever the answers before it
   did, over as many keep-alive connections as are needed at once, and measures each latency
   from the time the request was due (no coordinated omission). wrk cannot send at a fixed
   rate (wrk2 can, but is not in Debian).
2. Capacity: `wrk` (Debian's; a Lua script draws the numbers) with 8 connections as fast as
   the server answers, for each endpoint in turn; the ratio is the check's requests/s over the
   health endpoint's. Skipped, and said so, when wrk is not installed.

The server and the load generators share this machine's cores (and other people's work): the
load average before and after is printed, and each phase's server CPU time per request (from
/proc), which other work on the machine changes less than latencies and requests/s. The last
line printed is a JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import duckdb

AKRIM = str(Path(sys.executable).with_name("akrim"))
CHECK = "/api/v1/seriousness/"
HEALTH = "/api/v1/health"
CONNECTIONS = 64
WRK_SCRIPT = """
local numbers = {}
for line in io.lines(os.getenv("BENCH_ORGNRS")) do numbers[#numbers + 1] = line end
math.randomseed(7)
local fixed = os.getenv("BENCH_PATH")
request = function()
  if fixed ~= "check" then return wrk.format("GET", fixed) end
  return wrk.format("GET", "/api/v1/seriousness/" .. numbers[math.random(#numbers)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(99)))
end
"""


def make_county_store(folder: Path) -> Path:
    data = folder / "data"
    bundle = folder / "bundle"
    for command in (["synth", "--scale", "county", "--seed", "1", "--months", "2", "--out",
                     str(bundle), "--data-dir", str(data)],
                    ["ingest", str(bundle), "--synthetic", "--quiet", "--data-dir", str(data)],
                    ["analyse", "--data-dir", str(data)]):
        started = time.perf_counter()
        subprocess.run([AKRIM, *command], check=True, stdout=subprocess.DEVNULL)
        print(f"akrim {command[0]}: {time.perf_counter() - started:.0f} s", flush=True)
    return data


def known_numbers(data: Path, count: int) -> list[str]:
    """Organisation numbers of units the store knows (read-only: the server reads it too)."""
    with duckdb.connect(str(data / "akrim.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT organisasjonsnummer FROM (SELECT DISTINCT organisasjonsnummer FROM enhet "
            "UNION SELECT DISTINCT organisasjonsnummer FROM underenhet) "
            f"USING SAMPLE reservoir({int(count)} ROWS) REPEATABLE (7)").fetchall()
    return [orgnr for (orgnr,) in rows]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) a process has used: /proc/PID/stat's utime and stime."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AKRIM_PUBLIC_REQUESTS_PER_SECOND": "0"}
    server = subprocess.Popen([AKRIM, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--data-dir", str(data)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600  # the first start may publish a national serving file
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"akrim serve stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH}", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("akrim serve did not answer within 600 s")


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One keep-alive GET; its status (the body is read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    found = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    if found is None:
        raise ValueError(f"no Content-Length in {head[:200]!r}")
    await reader.readexactly(int(found.group(1)))
    return int(head[9:12])


async def fixed_rate(port: int, paths: list[str], rate: float) -> dict[str, Any]:
    """Send paths[i] at start + i / rate; latencies from each request's due time. A request
    due while every connection is busy opens another, up to CONNECTIONS; beyond that it waits
    for one (and its wait counts in its latency)."""
    loop = asyncio.get_running_loop()
    idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    opened = 0

    async def one(path: str, due: float) -> None:
        nonlocal opened
        if idle.empty() and opened < CONNECTIONS:
            opened += 1
            connection = await asyncio.open_connection("127.0.0.1", port)
        else:
            connection = await idle.get()
        try:
            status = await _get(*connection, path)
        except (OSError, ValueError, asyncio.IncompleteReadError) as error:
            statuses[type(error).__name__] = statuses.get(type(error).__name__, 0) + 1
            connection[1].close()
            opened -= 1
            return
        latencies.append(loop.time() - due)
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        idle.put_nowait(connection)

    start = loop.time() + 0.05
    tasks = []
    for index, path in enumerate(paths):
        due = start + index / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        tasks.append(asyncio.create_task(one(path, due)))
    await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    while not idle.empty():
        idle.get_nowait()[1].close()
    latencies.sort()

    def quantile(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2)

    return {"requests": len(paths), "answered": len(latencies), "seconds": round(elapsed, 2),
            "throughput_rps": round(len(latencies) / elapsed, 1), "p50_ms": quantile(0.50),
            "p99_ms": quantile(0.99), "p999_ms": quantile(0.999), "max_ms": quantile(1.0),
            "statuses": statuses, "connections": opened}


def capacity(port: int, which: str, numbers: Path, seconds: int) -> dict[str, Any]:
    """wrk, closed loop, 8 connections: requests/s, p99, errors and non-2xx answers."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        run = subprocess.run(
            ["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", script.name,
             f"http://127.0.0.1:{port}{HEALTH}"],
            env={**os.environ, "BENCH_ORGNRS": str(numbers), "BENCH_PATH":
                 "check" if which == "check" else HEALTH},
            check=True, capture_output=True, text=True)
    finally:
        os.unlink(script.name)
    requests, micros, errors, non_2xx, p99 = map(int, run.stdout.split("BENCH ")[1].split())
    return {"throughput_rps": round(requests / (micros / 1e6), 1), "p99_ms": p99 / 1000,
            "errors": errors, "non_2xx": non_2xx}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, help="a loaded store (default: a "
                        "county store made in a temporary directory)")
    parser.add_argument("--rate", type=float, default=500.0, help="requests/s (default 500)")
    parser.add_argument("--seconds", type=float, default=30.0,
                        help="length of each fixed-rate phase (default 30)")
    parser.add_argument("--capacity-seconds", type=int, default=10,
                        help="length of each wrk run (default 10)")
    parser.add_argument("--nice", type=int, default=10, help="niceness of this process, the "
                        "server and wrk (default 10: the machine is shared)")
    args = parser.parse_args()
    os.nice(args.nice)
    folder = Path(tempfile.mkdtemp(prefix="akrim-bench-serve-"))
    try:
        data = args.data_dir or make_county_store(folder)
        numbers = known_numbers(data, 20_000)
        (folder / "orgnrs.txt").write_text("\n".join(numbers) + "\n", encoding="utf-8")
        load_before = os.getloadavg()
        port = free_port()
        started = time.perf_counter()
        server = start_server(data, port)
        print(f"akrim serve on 127.0.0.1:{port} ({time.perf_counter() - started:.1f} s to "
              f"answer); {len(numbers)} known numbers; load average {load_before[0]:.2f}",
              flush=True)
        try:
            result = run_phases(port, server.pid, numbers, folder / "orgnrs.txt", args)
        finally:
            server.terminate()
            server.wait(timeout=30)
        load_after = os.getloadavg()
        print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f} "
              f"on {os.cpu_count()} cores")
        print(json.dumps({"bench": "serve", "data_dir": str(data), "units_sampled":
                          len(numbers), "rate": args.rate, "seconds": args.seconds,
                          "nice": args.nice, **result,
                          "serving_file": (data / "akrim-public.sqlite").is_file(),
                          "load_before": round(load_before[0], 2),
                          "load_after": round(load_after[0], 2), "cores": os.cpu_count()}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_phases(port: int, server: int, numbers: list[str], numbers_file: Path,
               args: argparse.Namespace) -> dict[str, Any]:
    """Each phase's figures, with the server's CPU milliseconds per answered request (which the
    machine's other work changes less than the latencies and requests/s)."""
    draw = random.Random(7)
    count = int(args.rate * args.seconds)
    warm = [CHECK + draw.choice(numbers) for _ in range(int(args.rate * 2))]
    asyncio.run(fixed_rate(port, warm, args.rate))  # first opens, caches, connections
    out: dict[str, Any] = {}
    for name, paths in (("check", [CHECK + draw.choice(numbers) for _ in range(count)]),
                        ("health", [HEALTH] * count)):
        used = cpu_seconds(server)
        out[f"{name}_at_rate"] = figures = asyncio.run(fixed_rate(port, paths, args.rate))
        figures["server_cpu_ms_per_request"] = round(
            (cpu_seconds(server) - used) * 1000 / max(1, figures["answered"]), 3)
        print(f"{name} at {args.rate:g}/s for {args.seconds:g} s: "
              f"{figures['throughput_rps']} req/s answered, p50 {figures['p50_ms']} ms, "
              f"p99 {figures['p99_ms']} ms, p99.9 {figures['p999_ms']} ms, max "
              f"{figures['max_ms']} ms, statuses {figures['statuses']}, server CPU "
              f"{figures['server_cpu_ms_per_request']} ms/request", flush=True)
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): no capacity figures")
        return out
    for name in ("health", "check"):
        used = cpu_seconds(server)
        out[f"{name}_capacity"] = figures = capacity(port, name, numbers_file,
                                                     args.capacity_seconds)
        figures["server_cpu_ms_per_request"] = round(
            (cpu_seconds(server) - used) * 1000
            / max(1.0, figures["throughput_rps"] * args.capacity_seconds), 3)
        print(f"{name} as fast as it answers (wrk, 8 connections, {args.capacity_seconds} "
              f"s): {figures['throughput_rps']} req/s, p99 {figures['p99_ms']} ms, errors "
              f"{figures['errors']}, non-2xx {figures['non_2xx']}, server CPU "
              f"{figures['server_cpu_ms_per_request']} ms/request", flush=True)
    out["capacity_ratio"] = round(out["check_capacity"]["throughput_rps"]
                                  / out["health_capacity"]["throughput_rps"], 3)
    out["cpu_ratio"] = round(out["health_capacity"]["server_cpu_ms_per_request"]
                             / out["check_capacity"]["server_cpu_ms_per_request"], 3)
    print(f"the check's throughput is {out['capacity_ratio']:.1%} of the health endpoint's "
          f"(by the server's CPU time per request: {out['cpu_ratio']:.1%})")
    return out


if __name__ == "__main__":
    main()
