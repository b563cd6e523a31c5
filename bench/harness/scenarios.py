"""The scenarios of issue 3, in interleaved rounds.

S1-S4: a round starts every proxy afresh on its own port and warms each up, then runs case by
case, each case for every proxy back to back, so that the numbers compared with nginx's were taken
seconds apart rather than minutes (this VM's speed drifts by up to 40 % over minutes). Only one
proxy carries load at a time; the others sit idle on CPU 0. S6/S8 interleave the same way within one
proxy: an instance per route count, measured back to back (Runner.route_scale_round). S7 runs one
proxy at a time.
"""

import os
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from . import load, procstat, proxies
from .routes import APPLY_PATH, BASE_HOST, SIZE_PATHS, RouteSet

SIZE_NAMES = {0: "0 B", 1024: "1 KiB", 16384: "16 KiB"}
APPLY_TIMEOUT_S = 60
WARM_UP_RELOADS = 6  # Lintel: config changes at the end of its warm-up
WARM_UP_NEW_CONNECTIONS_S = 3  # Lintel: a connection per request, after the keep-alive warm-up
WARM_UP_SETTLE_S = 3  # Lintel: keep-alive load after the warm-up reloads
WARM_UP_UNKNOWN_HOST_REQUESTS = 200  # Lintel: 404s on new connections, as S8 polls
WARM_UP_RELOAD_PAUSE_S = 0.5
APPLY_POLL_S = 0.005


@dataclass
class Sample:
    """One measurement of one proxy in one case."""

    load: load.LoadResult
    cpu_s: float
    rss_mib: float
    hwm_mib: float
    extra: dict = field(default_factory=dict)

    @property
    def cpu_per_mreq(self) -> float:
        return self.cpu_s / self.load.requests * 1e6 if self.load.requests else float("nan")


class Results:
    """(scenario, case) -> proxy -> samples, in the order they were first recorded."""

    def __init__(self):
        self.samples = defaultdict(lambda: defaultdict(list))
        self.failures = []

    def add(self, scenario, case, proxy, sample):
        self.samples[(scenario, case)][proxy].append(sample)

    def get(self, scenario, case, proxy):
        return self.samples.get((scenario, case), {}).get(proxy, [])

    def cases(self, scenario):
        return [case for (s, case) in self.samples if s == scenario]

    def median(self, scenario, case, proxy, metric):
        values = [metric(s) for s in self.get(scenario, case, proxy)]
        values = [v for v in values if v == v]  # drop NaN
        return statistics.median(values) if values else float("nan")


class Runner:
    def __init__(self, settings, workdir, results: Results):
        self.s = settings
        self.workdir = workdir
        self.results = results
        self.backend = None
        self.started = time.monotonic()
        self._reference_rps = None

    # -- plumbing ------------------------------------------------------------------------------

    def log(self, text):
        elapsed = int(time.monotonic() - self.started)
        print(f"[{elapsed // 60:02d}:{elapsed % 60:02d}] {text}", flush=True)

    def start_proxy(self, name, routes: RouteSet, instance=None):
        """Starts a proxy; `instance` names it when several of one proxy run at once (each
        then has a working directory, config file and log of its own)."""
        workdir = os.path.join(self.workdir, instance) if instance else self.workdir
        proxy = proxies.make(name, workdir, self.s.jar, self.s.java_opts, self.s.lintel_format)
        began = time.monotonic()
        proxy.start(routes)
        self.log(f"  {name} serving {routes.routes} routes after {time.monotonic() - began:.1f}s")
        return proxy

    def warm_up(self, proxy, host, paths):
        """Lintel needs its JIT warm; the others get a short run too, so that every proxy enters
        the measurement with its upstream keep-alive connections open."""
        total = self.s.warmup_s if proxy.name == "lintel" else self.s.other_warmup_s
        share = max(1, round(total / len(paths)))
        headers = proxy.routes.request_headers()
        for path in paths:
            load.wrk(proxy.routes.listen_port, host, path, self.s.connections, share,
                     headers=headers)
        if proxy.name == "lintel":
            # Accepting and closing connections is code of its own, which keep-alive load never
            # runs: S4 (and S8's polls, a new connection each) would otherwise meet it cold
            # and C2 compiling it on the proxy's CPU (8 % of the CPU in S4, perf, 2026-11-26).
            load.wrk(proxy.routes.listen_port, host, paths[0], self.s.new_conn_connections,
                     WARM_UP_NEW_CONNECTIONS_S, headers=("Connection: close", *headers))
            self.warm_up_reloads(proxy)
            # The reloads leave garbage to promote, full GCs and recompiled event-loop code behind
            # them for a few seconds (at 10,000 routes: the first 1 s windows after them ran at
            # 46-60k req/s instead of 70k); let that pass under load rather than in a measurement.
            load.wrk(proxy.routes.listen_port, host, paths[0], self.s.connections,
                     WARM_UP_SETTLE_S, headers=headers)

    def warm_up_reloads(self, proxy):
        """The JIT compiles what has run; Lintel's reload path (parse, compile, swap) runs only
        when the config changes. A long-running proxy has reloaded many times; a fresh one has
        not, and its first reloads under load ran interpreted and C2 compiled them on the proxy's
        only CPU (S7 p99 of 340 ms, S8 of 280 ms at 10,000 routes, in the run of
        2026-11-26T072849Z). So Lintel's warm-up ends with a few reloads, each adding a throwaway
        host and then restoring the config under test."""
        original = proxy.routes
        # S8 polls a host that is not served yet: new connections answered 404, a path that
        # traffic to known hosts never takes (cold, it cost S8 20-40 ms of JIT work).
        for _ in range(WARM_UP_UNKNOWN_HOST_REQUESTS):
            proxies.http_status(original.listen_port, "warm-up-unknown.bench.local",
                                APPLY_PATH + "/x")
        for i in range(WARM_UP_RELOADS):
            proxy.apply(original.with_extra_host(f"warm-up-{i}.bench.local"))
            time.sleep(WARM_UP_RELOAD_PAUSE_S)
        proxy.apply(original)
        time.sleep(WARM_UP_RELOAD_PAUSE_S)

    def measure(self, proxy, run, **extra) -> Sample:
        cpu_before = procstat.cpu_seconds(proxy.pid)
        result = run()
        cpu = procstat.cpu_seconds(proxy.pid) - cpu_before
        rss, hwm = procstat.memory_mib(proxy.pid)
        return Sample(result, cpu, rss, hwm, extra)

    def record(self, scenario, case, proxy_name, sample):
        self.results.add(scenario, case, proxy_name, sample)
        r = sample.load
        self.log(
            f"  {scenario} {case} {proxy_name}: {r.rps:,.0f} req/s, p99 {r.p99_ms:.2f} ms, "
            f"p99.9 {r.p999_ms:.2f} ms, CPU {sample.cpu_per_mreq:.1f} s/M, RSS {sample.rss_mib:.0f} "
            f"MiB, errors {r.errors}, non-2xx {r.non2xx}"
            + "".join(f", {k} {v}" for k, v in sample.extra.items())
        )

    def fixed_rate(self, port, host, path, rate, duration_s, name, tool=None):
        if (tool or self.s.open_loop) == "h2load":
            log_file = os.path.join(self.workdir, f"h2load-{name}.log")
            return load.h2load(port, host, path, self.s.connections, rate, duration_s, log_file)
        return load.openloop(self.openloop_bin, port, host, path, self.s.connections, rate,
                             duration_s)

    def own_max_rps(self, proxy) -> float:
        """This proxy's S1 0 B maximum from this run, measured now if S1 did not run."""
        rps = self.results.median("S1", SIZE_NAMES[0], proxy.name, lambda s: s.load.rps)
        if rps != rps:
            rps = load.wrk(proxy.routes.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x",
                           self.s.connections, self.s.duration_s).rps
            self.log(f"  {proxy.name} maximum (no S1 result): {rps:,.0f} req/s")
        return rps

    def reference_rps(self, proxy) -> float:
        """50 % of this is the S2/S7 rate: nginx's S1 0 B maximum from this run."""
        nginx = self.results.median("S1", SIZE_NAMES[0], "nginx", lambda s: s.load.rps)
        if nginx == nginx:
            return nginx
        if self._reference_rps is None:
            # No nginx S1 number (nginx or S1 not selected): measure the first proxy instead.
            r = load.wrk(proxy.routes.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x",
                         self.s.connections, self.s.duration_s)
            self._reference_rps = r.rps
            self.log(f"  reference rate from {proxy.name} (no nginx S1 result): {r.rps:,.0f} req/s")
        return self._reference_rps

    # -- scenarios -----------------------------------------------------------------------------

    def run(self):
        self.openloop_bin = load.build_openloop(self.workdir)
        self.backend = proxies.Backend(self.workdir)
        self.backend.start()
        try:
            wanted = set(self.s.scenarios)
            for round_no in range(1, self.s.rounds + 1):
                if wanted & {"S1", "S2", "S3", "S4"}:
                    self.base_round(round_no)
            for round_no in range(1, self.s.rounds + 1):
                if wanted & {"S6", "S8"}:
                    for name in self.turn_order(round_no):
                        self.route_scale_round(name, round_no)
            if "S7" in wanted:
                for name in self.turn_order(1):
                    self.turn(f"{name}, S7 reload under load", self.reload_under_load, name)
        finally:
            self.backend.stop()

    def turn_order(self, round_no):
        """The proxies in the order they take their turns (in S1-S4: within each case). Every
        number is compared with nginx's from the same run, and this machine's speed drifts by up
        to 40 % over a few minutes (nginx alone: 89.5k, 86.7k, 56.2k req/s in the three S1 rounds
        of 2026-11-26T102152Z), so Lintel, the proxy under development, runs right next to nginx;
        and every other round runs in reverse, so neither of the two always goes first."""
        order = [p for p in self.s.proxies if p != "lintel"]
        if "lintel" in self.s.proxies:
            order.insert(order.index("nginx") + 1 if "nginx" in order else 0, "lintel")
        return order if round_no % 2 == 1 else order[::-1]

    def turn(self, title, step, *args, announce=True):
        """One proxy's turn; a proxy that fails to start or crashes loses its turn, not the run."""
        if announce:
            self.log(title)
        try:
            step(*args)
        except (RuntimeError, OSError) as e:
            self.results.failures.append(f"{title}: {e}")
            self.log(f"  FAILED: {e}")

    def base_round(self, round_no):
        """S1-S4 for all proxies: all started and warmed up, then each case for each proxy in
        turn. A proxy that fails to start, or fails in a case, loses that, not the round."""
        title = f"round {round_no}/{self.s.rounds}, S1-S4"
        self.log(f"{title}: starting {', '.join(self.turn_order(round_no))}")
        started = {}
        try:
            for name in self.turn_order(round_no):
                def start(name=name):
                    proxy = self.start_proxy(
                        name, RouteSet(proxies.free_port(), self.backend.port, 10))
                    started[name] = proxy
                    self.warm_up(proxy, BASE_HOST, [SIZE_PATHS[0] + "/x", SIZE_PATHS[1024] + "/x"])
                self.turn(f"{title}: {name} start and warm-up", start)
            ready = [n for n in self.turn_order(round_no) if n in started]
            for scenario, case, step in self.base_cases():
                for name in ready:
                    self.turn(f"{title}: {scenario} {case} {name}", step, started[name],
                              announce=False)
        finally:
            for proxy in started.values():
                proxy.stop()

    def base_cases(self):
        """(scenario, case, step) of S1-S4 in order; a step measures one proxy and records it."""
        wanted = self.s.scenarios
        cases = []

        def record(scenario, case, proxy, run, **extra):
            self.record(scenario, case, proxy.name, self.measure(proxy, run, **extra))

        if "S1" in wanted:
            for size, path in SIZE_PATHS.items():
                cases.append(("S1", SIZE_NAMES[size], lambda p, path=path, size=size: record(
                    "S1", SIZE_NAMES[size], p, lambda: load.wrk(
                        p.routes.listen_port, BASE_HOST, path + "/x", self.s.connections,
                        self.s.duration_s))))
        if "S2" in wanted:
            def s2(p):
                rate = 0.5 * self.reference_rps(p)
                record("S2", SIZE_NAMES[0], p, lambda: self.fixed_rate(
                    p.routes.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x", rate,
                    self.s.duration_s, p.name), target_rps=round(rate))
            cases.append(("S2", SIZE_NAMES[0], s2))
        if "S3" in wanted:
            cases.append(("S3", SIZE_NAMES[0], lambda p: record(
                "S3", SIZE_NAMES[0], p, lambda: load.wrk(
                    p.routes.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x", 1,
                    self.s.duration_s))))
        if "S4" in wanted:
            cases.append(("S4", SIZE_NAMES[0], lambda p: record(
                "S4", SIZE_NAMES[0], p, lambda: load.wrk(
                    p.routes.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x",
                    self.s.new_conn_connections, self.s.duration_s,
                    headers=("Connection: close",)))))
        return cases

    def route_scale_round(self, name, round_no):
        """S6 and S8 for one proxy: an instance per route count, all started and warmed up, then
        S6 at every count back to back (in reverse every other round), then S8 at every count.
        S6's target compares a proxy's rate at 10,000 routes with its own at 10: taken seconds
        apart, the two share this VM's speed of the moment (it drifts by up to 40 % over minutes;
        measured minutes apart, Lintel's 10 -> 10,000 ratio ranged 0.96x to 1.27x between runs).
        S6 runs with Lintel's route conditions in use (routes.RouteSet.lintel_matches: the load
        sends their header to every proxy); S8 on the plain host+path routes it always had."""
        title = f"round {round_no}/{self.s.rounds}: {name}, S6/S8"
        counts = self.s.route_counts if round_no % 2 == 1 else self.s.route_counts[::-1]
        self.log(f"{title} at {', '.join(f'{n:,}' for n in counts)} routes")
        started = {}
        try:
            for n in counts:
                def start(n=n):
                    routes = RouteSet(proxies.free_port(), self.backend.port, n,
                                      conditions="S6" in self.s.scenarios)
                    proxy = self.start_proxy(name, routes, instance=f"routes-{n}")
                    started[n] = proxy
                    host, path = routes.last_route()
                    if routes.conditions and proxy.name == "lintel":
                        self.check_conditions(proxy, host, path)
                    self.warm_up(proxy, host, [path])
                self.turn(f"{title}: start and warm-up at {n:,} routes", start, announce=False)
            ready = [n for n in counts if n in started]
            if "S6" in self.s.scenarios:
                for n in ready:
                    self.turn(f"{title}: S6 at {n:,} routes", self.route_scale, started[n], n,
                              announce=False)
            if "S8" in self.s.scenarios:
                for n in ready:
                    self.turn(f"{title}: S8 at {n:,} routes", self.apply_after_conditions,
                              started[n], n, round_no, announce=False)
        finally:
            for proxy in started.values():
                proxy.stop()

    def route_scale(self, proxy, n):
        """S6: maximum rate to the last host+path route."""
        routes = proxy.routes
        host, path = routes.last_route()
        sample = self.measure(proxy, lambda: load.wrk(
            routes.listen_port, host, path, self.s.connections, self.s.duration_s,
            headers=routes.request_headers()))
        self.record("S6", n, proxy.name, sample)

    def apply_after_conditions(self, proxy, n, round_no):
        """S8, from the plain host+path routes (Lintel leaves S6's conditions behind first)."""
        if proxy.routes.conditions and proxy.name == "lintel":
            self.drop_conditions(proxy, *proxy.routes.last_route())
        self.apply_latency(proxy, n, round_no)

    def check_conditions(self, proxy, host, path):
        """S6 must measure lookups that evaluate conditions: the route answers only requests
        that carry the header."""
        port = proxy.routes.listen_port
        with_header = dict(h.split(": ", 1) for h in proxy.routes.request_headers())
        statuses = (proxies.http_status(port, host, path),
                    proxies.http_status(port, host, path, headers=with_header))
        if statuses != (404, 200):
            raise RuntimeError(f"{proxy.name}: route conditions not in force: without and with "
                               f"{with_header} the last route answered {statuses}")

    def drop_conditions(self, proxy, host, path):
        """Back to the route set S8 has always measured from (only Lintel's config differs; the
        others would reload an identical config). The swap leaves the old tables' garbage and
        some recompiled code behind it: let that pass under load, as the warm-up does."""
        plain = proxy.routes.without_conditions()
        proxy.apply(plain)
        if not proxies.wait_until(
                lambda: proxies.http_status(plain.listen_port, host, path) == 200,
                APPLY_TIMEOUT_S, APPLY_POLL_S):
            raise RuntimeError(f"{proxy.name} did not serve the routes without conditions")
        load.wrk(plain.listen_port, host, path, self.s.connections, WARM_UP_SETTLE_S)

    def apply_latency(self, proxy, n, round_no):
        """Adds a host and polls it every 5 ms, on a new connection each time, until it is
        served. The config text is rendered first (by the harness, in Python: up to 170 ms at
        10,000 routes, which is not the proxy's time); the clock starts before it is written."""
        new_host = f"apply-{round_no}.bench.local"
        changed = proxy.routes.with_extra_host(new_host)
        port = changed.listen_port
        rendered = proxy.render(changed)
        began = time.perf_counter()
        proxy.apply_rendered(changed, rendered)
        served = proxies.wait_until(
            lambda: proxies.http_status(port, new_host, APPLY_PATH + "/x") == 200,
            APPLY_TIMEOUT_S,
            APPLY_POLL_S,
        )
        ms = (time.perf_counter() - began) * 1000 if served else float("nan")
        rss, hwm = procstat.memory_mib(proxy.pid)
        sample = Sample(load.LoadResult(0, 0, 0, 0, 0, 0 if served else 1, 0), 0.0, rss, hwm,
                        {"apply_ms": round(ms, 1)})
        self.results.add("S8", n, proxy.name, sample)
        self.log(f"  S8 {n} {proxy.name}: new host served after {ms:.1f} ms")

    def reload_under_load(self, name):
        base = RouteSet(proxies.free_port(), self.backend.port, 10)
        proxy = self.start_proxy(name, base)
        try:
            self.warm_up(proxy, BASE_HOST, [SIZE_PATHS[0] + "/x", SIZE_PATHS[1024] + "/x"])
            # Half of nginx's maximum, or of this proxy's own if that is lower: failures must
            # come from the reloads, not from overload.
            rate = 0.5 * min(self.reference_rps(proxy), self.own_max_rps(proxy))
            reloads = [0]

            def run():
                holder = {}
                loader = threading.Thread(target=lambda: holder.update(r=self.fixed_rate(
                    base.listen_port, BASE_HOST, SIZE_PATHS[0] + "/x", rate,
                    self.s.reload_duration_s, name, tool="openloop")))
                loader.start()
                began = time.monotonic()
                last_change = began + self.s.reload_duration_s - self.s.reload_interval_s / 2
                while True:
                    at = began + (reloads[0] + 1) * self.s.reload_interval_s
                    if at > last_change or not loader.is_alive():
                        break
                    time.sleep(max(0.0, at - time.monotonic()))
                    proxy.apply(base.with_extra_host(f"reload-{reloads[0] + 1}.bench.local"))
                    reloads[0] += 1
                loader.join()
                return holder.get("r") or load.LoadResult.failed("no h2load result")

            sample = self.measure(proxy, run, target_rps=round(rate))
            sample.extra["reloads"] = reloads[0]
            self.record("S7", "reload", name, sample)
        finally:
            proxy.stop()
