"""Run settings, read from the environment (see bench/README.md for the list)."""

import os
import re
from dataclasses import dataclass

ALL_PROXIES = ("nginx", "haproxy", "caddy", "lintel")
ALL_SCENARIOS = ("S1", "S2", "S3", "S4", "S6", "S7", "S8")

# Lintel's JVM, after -XX:ActiveProcessorCount=1 (bench/README.md explains each option). The proxy
# container runs the same (-Xms48m: ProxyDeploymentFactory.JVM_OPTIONS; the others: the
# Dockerfile's entry point), so that the bench measures what a Gateway runs:
# - a small initial heap keeps the young generation, which every allocation touches, small;
# - TrimNativeHeapInterval hands the malloc memory the JIT's compiler arenas used at their peak
#   back to the OS every 2 s; glibc otherwise keeps it, 14-15 MiB of the RSS at 1,000 routes;
# - no speculative traps in C2 code: a change of load shape (saturating -> fixed rate) no longer
#   throws the event loop's hot code back to a slower tier while C2 recompiles it on the only CPU.
DEFAULT_LINTEL_JAVA_OPTS = (
    "-Xms48m -Xmx512m -XX:TrimNativeHeapInterval=2000"
    " -XX:PerMethodTrapLimit=0 -XX:PerBytecodeTrapLimit=0"
)


def seconds(text: str) -> float:
    """'10s', '1m', '500ms' or a bare number of seconds."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(ms|s|m)?\s*", text)
    if not match:
        raise ValueError(f"not a duration: {text!r}")
    value, unit = float(match.group(1)), match.group(2) or "s"
    return value * {"ms": 0.001, "s": 1, "m": 60}[unit]


@dataclass
class Settings:
    quick: bool
    duration_s: int  # one measurement (S1 per body size, S2, S3, S4, S6 per route count)
    warmup_s: int  # Lintel's JIT warm-up after each start
    other_warmup_s: int  # the others' warm-up (opens upstream keep-alive connections)
    rounds: int
    reload_duration_s: int  # S7
    reload_interval_s: float  # S7
    connections: int
    new_conn_connections: int  # S4
    route_counts: tuple
    proxies: tuple
    scenarios: tuple
    jar: str
    java_opts: list
    open_loop: str  # S2's load generator: openloop (default) or h2load
    lintel_format: str  # Lintel's config file: json (what the operator renders) or yaml

    @staticmethod
    def from_env(repo: str) -> "Settings":
        env = os.environ.get
        quick = env("BENCH_QUICK", "0") not in ("", "0", "false")

        def dur(name, full, smoke):
            return max(1, round(seconds(env(name, smoke if quick else full))))

        def names(name, allowed):
            chosen = tuple(s.strip() for s in env(name, ",".join(allowed)).split(",") if s.strip())
            unknown = [c for c in chosen if c not in allowed]
            if unknown:
                raise ValueError(f"{name}: unknown {unknown}; choose from {allowed}")
            return tuple(c for c in allowed if c in chosen)  # keep the canonical order

        return Settings(
            quick=quick,
            duration_s=dur("BENCH_DURATION", "5s", "2s"),
            warmup_s=dur("BENCH_WARMUP", "10s", "3s"),
            other_warmup_s=dur("BENCH_OTHER_WARMUP", "1s", "1s"),
            rounds=int(env("BENCH_ROUNDS", "1" if quick else "3")),
            reload_duration_s=dur("BENCH_RELOAD_DURATION", "60s", "8s"),
            reload_interval_s=seconds(env("BENCH_RELOAD_INTERVAL", "2s")),
            connections=int(env("BENCH_CONNECTIONS", "64")),
            new_conn_connections=int(env("BENCH_NEW_CONN_CONNECTIONS", "16")),
            route_counts=tuple(int(n) for n in env("BENCH_ROUTES", "10,1000,10000").split(",")),
            proxies=names("BENCH_PROXIES", ALL_PROXIES),
            scenarios=names("BENCH_SCENARIOS", ALL_SCENARIOS),
            jar=os.path.abspath(env("LINTEL_JAR", os.path.join(repo, "operator/target/lintel.jar"))),
            java_opts=env("LINTEL_JAVA_OPTS", DEFAULT_LINTEL_JAVA_OPTS).split(),
            open_loop=env("BENCH_OPEN_LOOP", "openloop"),
            lintel_format=env("BENCH_LINTEL_FORMAT", "json"),
        )

    def describe(self) -> str:
        return (
            f"duration {self.duration_s}s per case, rounds {self.rounds} (median reported), "
            f"Lintel warm-up {self.warmup_s}s after each start (others {self.other_warmup_s}s), "
            f"{self.connections} connections (S4: {self.new_conn_connections}), "
            f"S7 {self.reload_duration_s}s with a change every {self.reload_interval_s:g}s, "
            f"routes {','.join(map(str, self.route_counts))}, S2 load: {self.open_loop}, "
            f"Lintel config {self.lintel_format}, "
            f"Lintel JVM: -XX:ActiveProcessorCount=1 {' '.join(self.java_opts)}"
            + (" — QUICK smoke run, numbers are not meaningful" if self.quick else "")
        )
