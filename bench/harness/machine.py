"""What the results file says about the machine and the software under test."""

import os
import platform
import subprocess


def _first_line(cmd) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else "not found"


def _cpu_model() -> str:
    for line in _lines(["lscpu"]):
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def _lines(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.splitlines()
    except (OSError, subprocess.TimeoutExpired):
        return []


def _memory() -> str:
    with open("/proc/meminfo") as f:
        kib = int(f.readline().split()[1])
    return f"{kib / 1024 / 1024:.1f} GiB"


def describe(repo: str, jar: str) -> list:
    """(name, value) rows."""
    commit = _first_line(["git", "-C", repo, "rev-parse", "--short", "HEAD"])
    dirty = _lines(["git", "-C", repo, "status", "--porcelain", "--untracked-files=no"])
    return [
        ("nproc", str(os.cpu_count())),
        ("CPU", _cpu_model()),
        ("memory", _memory()),
        ("kernel", platform.release()),
        ("OS", _os_name()),
        ("nginx", _first_line(["nginx", "-v"])),
        ("HAProxy", _first_line(["haproxy", "-v"])),
        ("Caddy", _first_line(["caddy", "version"])),
        ("wrk", _first_line(["wrk", "-v"])),
        ("h2load", _first_line(["h2load", "--version"])),
        ("Java", _first_line(["java", "-version"])),
        ("Lintel", f"commit {commit}" + (" + local changes" if dirty else "") + f", {jar}"),
    ]


def _os_name() -> str:
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()
