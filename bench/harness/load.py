"""Load generators: wrk (closed loop, maximum rate), openloop (bench/openloop, open loop at a
fixed rate, coordinated-omission corrected) and h2load (open loop, optional for S2).

All run on the harness's CPU (1) with one thread, and under `timeout`, so that no run outlives
its duration even when a proxy stalls (h2load for one keeps reconnecting forever when a server
closes connections in a loop).
"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
WRK_SCRIPT = os.path.join(HERE, "..", "wrk", "report.lua")
OPENLOOP_SOURCE = os.path.join(HERE, "..", "openloop", "openloop.c")
GRACE_S = 15


@dataclass
class LoadResult:
    requests: int  # completed responses
    rps: float
    p50_ms: float
    p99_ms: float
    p999_ms: float
    errors: int  # requests lost to connection errors, resets and timeouts
    non2xx: int
    resets: int = 0  # openloop: requests lost to a connection reset (RST)
    unsent: int = 0  # openloop: scheduled requests never sent (no idle connection in time)
    idle_closes: int = 0  # openloop: idle keep-alive connections the server closed (no loss)

    @staticmethod
    def failed(reason: str) -> "LoadResult":
        print(f"    load generator failed: {reason}")
        return LoadResult(0, 0.0, float("nan"), float("nan"), float("nan"), 1, 0)


def wrk(port, host, path, connections, duration_s, headers=()) -> LoadResult:
    """Maximum rate over `connections` keep-alive connections (or new ones, with
    `Connection: close`). Non-2xx counts wrk's status errors, which are responses >= 400."""
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration_s}s",
        "--timeout",
        "5s",
        "-s",
        WRK_SCRIPT,
        "-H",
        f"Host: {host}",
    ]
    for h in headers:
        cmd += ["-H", h]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    try:
        out = subprocess.run(
            ["timeout", "-s", "KILL", str(duration_s + GRACE_S), *cmd],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError as e:
        return LoadResult.failed(str(e))
    match = re.search(r"^WRK_JSON (\{.*\})$", out, re.M)
    if not match:
        return LoadResult.failed(out[-500:])
    r = json.loads(match.group(1))
    errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
    return LoadResult(
        requests=r["requests"],
        rps=r["requests"] / (r["duration_us"] / 1e6),
        p50_ms=r["p50_us"] / 1000,
        p99_ms=r["p99_us"] / 1000,
        p999_ms=r["p999_us"] / 1000,
        errors=errors,
        non2xx=r["status"],
    )


def h2load(port, host, path, clients, total_rps, duration_s, log_file) -> LoadResult:
    """HTTP/1.1 at a fixed total rate spread over `clients` connections (h2load --rps is per
    client). Percentiles come from the per-request log; a request that could not be sent on time
    because its connection was busy waits in h2load's queue, and that wait is not in its latency
    (h2load measures from the send), so keep the rate well under the maximum."""
    if os.path.exists(log_file):
        os.remove(log_file)  # h2load appends
    cmd = [
        "h2load",
        "--h1",
        "-t",
        "1",
        "-c",
        str(clients),
        "--rps",
        f"{total_rps / clients:.3f}",
        "-D",
        str(duration_s),
        "-H",
        f":authority: {host}",
        "--log-file",
        log_file,
        f"http://127.0.0.1:{port}{path}",
    ]
    try:
        out = subprocess.run(
            ["timeout", "-s", "KILL", str(duration_s + GRACE_S), *cmd],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError as e:
        return LoadResult.failed(str(e))
    summary = re.search(
        r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
        r"(\d+) errored, (\d+) timeout",
        out,
    )
    codes = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", out)
    latencies, failed_in_log = [], 0
    try:
        with open(log_file) as f:
            for line in f:
                parts = line.split("\t")
                if len(parts) < 3:
                    continue
                if int(parts[1]) < 0:
                    failed_in_log += 1
                else:
                    latencies.append(int(parts[2]))
    except OSError:
        pass
    if not summary or not codes:
        # Killed by `timeout`: no summary, but the log still tells what was served.
        if not latencies:
            return LoadResult.failed(out[-500:])
        print("    h2load did not finish on time; using its per-request log")
        errors, non2xx = max(failed_in_log, 1), 0
    else:
        # "failed" includes HTTP-level failures (4xx/5xx); "errored" and "timeout" are subsets.
        non2xx = sum(int(codes.group(i)) for i in (2, 3, 4))
        http_failures = int(codes.group(3)) + int(codes.group(4))
        errors = max(0, int(summary.group(5)) - http_failures)
    latencies.sort()
    return LoadResult(
        requests=len(latencies),
        rps=len(latencies) / duration_s,
        p50_ms=percentile(latencies, 50) / 1000,
        p99_ms=percentile(latencies, 99) / 1000,
        p999_ms=percentile(latencies, 99.9) / 1000,
        errors=errors,
        non2xx=non2xx,
    )


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def build_openloop(workdir: str) -> str:
    """Compiles bench/openloop/openloop.c into the run's temp folder (it is small: ~1 s)."""
    binary = os.path.join(workdir, "openloop")
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise RuntimeError("no C compiler: bench/run.sh installs gcc")
    subprocess.run([cc, "-O2", "-o", binary, OPENLOOP_SOURCE], check=True)
    return binary


def openloop(binary, port, host, path, connections, total_rps, duration_s) -> LoadResult:
    """Fixed rate over `connections` keep-alive connections; latency from the scheduled time.
    errors = requests lost in flight (closed, reset, or no answer within 5 s); an idle
    connection closed by the server is reopened and is no error."""
    cmd = [binary, "-p", str(port), "-H", host, "-u", path, "-c", str(connections),
           "-r", f"{total_rps:.1f}", "-d", str(duration_s), "-t", "5"]
    try:
        out = subprocess.run(
            ["timeout", "-s", "KILL", str(duration_s + GRACE_S), *cmd],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError as e:
        return LoadResult.failed(str(e))
    match = re.search(r"^OPENLOOP_JSON (\{.*\})$", out, re.M)
    if not match:
        return LoadResult.failed(out[-500:])
    r = json.loads(match.group(1))
    return LoadResult(
        requests=r["completed"],
        rps=r["completed"] / r["duration_s"],
        p50_ms=r["p50_us"] / 1000,
        p99_ms=r["p99_us"] / 1000,
        p999_ms=r["p999_us"] / 1000,
        errors=r["failed"],
        non2xx=r["non2xx"],
        resets=r["resets"],
        unsent=r["unsent"],
        idle_closes=r["idle_closes"],
    )
