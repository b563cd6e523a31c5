#!/usr/bin/env python3
"""Runs the proxy scenarios and writes bench/results/<UTC date-time>.md.

Normally started by bench/run.sh (`make bench`), which installs the tools and builds Lintel and the
JMH benchmarks first. Settings come from the environment; see bench/README.md.
"""

import argparse
import datetime
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import machine, proxies  # noqa: E402
from harness.report import Report  # noqa: E402
from harness.scenarios import Results, Runner  # noqa: E402
from harness.settings import Settings  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jmh", help="JMH text result file to include")
    parser.add_argument("--results-dir", default=os.path.join(HERE, "results"))
    args = parser.parse_args()

    settings = Settings.from_env(REPO)
    missing = [t for t in ("nginx", "haproxy", "caddy", "wrk", "h2load", "taskset", "java")
               if shutil.which(t) is None]
    if missing:
        print(f"missing tools: {missing} (bench/run.sh installs them)", file=sys.stderr)
        return 2
    if "lintel" in settings.proxies and not os.path.isfile(settings.jar):
        print(f"no Lintel jar at {settings.jar}: run `make build` or set LINTEL_JAR", file=sys.stderr)
        return 2
    if (os.cpu_count() or 1) >= 2:
        # The harness and its load generators share CPU 1 with the backend; proxies get CPU 0.
        os.sched_setaffinity(0, {int(proxies.LOAD_CPU)})
    else:
        print("warning: one CPU only, nothing is pinned", file=sys.stderr)

    started = datetime.datetime.now(datetime.timezone.utc)
    print(f"Settings: {settings.describe()}", flush=True)
    results = Results()
    workdir = tempfile.mkdtemp(prefix="lintel-bench-")
    runner = Runner(settings, workdir, results)
    try:
        runner.run()
    except KeyboardInterrupt:
        print("interrupted: writing what was measured", file=sys.stderr)
    finally:
        if os.environ.get("BENCH_KEEP_WORKDIR", "0") == "0":
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"configs and logs kept in {workdir}")

    tables = Report(results, settings.proxies).markdown()
    minutes = (datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() / 60
    text = render(started, minutes, settings, tables, args.jmh)
    os.makedirs(args.results_dir, exist_ok=True)
    path = os.path.join(args.results_dir, started.strftime("%Y-%m-%dT%H%M%SZ") + ".md")
    with open(path, "w") as f:
        f.write(text)
    print("\n" + tables)
    print(f"Results written to {os.path.relpath(path, REPO)}")
    return 0


def render(started, minutes, settings, tables, jmh_file) -> str:
    rows = [("date (UTC)", started.strftime("%Y-%m-%d %H:%M:%S")),
            ("duration", f"{minutes:.1f} min"),
            *machine.describe(REPO, os.path.relpath(settings.jar, REPO)),
            ("settings", settings.describe())]
    out = [f"# Benchmark run {started.strftime('%Y-%m-%d %H:%M:%S')} UTC", "",
           "Produced by `make bench` (bench/run.sh); how to read it: bench/README.md.", "",
           "| | |", "|---|---|"]
    out += [f"| {k} | {v.replace('|', '/')} |" for k, v in rows]
    out += ["", "Each proxy on CPU 0 (`taskset -c 0`); backend nginx, wrk/h2load and the harness "
            "on CPU 1. Medians over the rounds; errors and non-2xx are totals over the rounds. "
            "\"vs nginx\" compares with nginx in this same run.", "", "## Proxies", "", tables]
    if jmh_file and os.path.isfile(jmh_file):
        with open(jmh_file) as f:
            jmh = f.read().strip()
        out += ["## JMH microbenchmarks (bench/jmh)", "", "```", jmh, "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
