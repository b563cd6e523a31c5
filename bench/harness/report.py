"""Markdown tables of the medians, the ratios to nginx, and the issue's targets."""

import math

from .scenarios import SIZE_NAMES, Results

REFERENCE = "nginx"


def _num(v, fmt="{:,.0f}"):
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else fmt.format(v)


def _ms(v):
    return _num(v, "{:.2f}")


def _ratio(v, ref):
    if v is None or ref is None or math.isnan(v) or math.isnan(ref) or ref == 0:
        return "-"
    return f"{v / ref:.2f}x"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


class Report:
    def __init__(self, results: Results, proxies):
        self.r = results
        self.proxies = proxies

    def m(self, scenario, case, proxy, metric):
        return self.r.median(scenario, case, proxy, metric)

    def own_scale(self, n, base, proxy):
        """A proxy's S6 rate at n routes over its rate at `base` routes: the median of the
        per-round ratios. Within a round both were measured seconds apart
        (Runner.route_scale_round), so each ratio is free of the VM's drift between rounds."""
        pairs = zip(self.r.get("S6", n, proxy), self.r.get("S6", base, proxy))
        ratios = sorted(a.load.rps / b.load.rps for a, b in pairs if b.load.rps)
        if not ratios:
            return float("nan")
        mid = len(ratios) // 2
        return ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2

    def total(self, scenario, case, proxy, metric):
        return sum(metric(s) for s in self.r.get(scenario, case, proxy))

    def rounds(self, scenario, case, proxy):
        return len(self.r.get(scenario, case, proxy))

    def rate_table(self, scenario, title, note):
        """S1, S3, S4: one row per case and proxy."""
        header = ["case", "proxy", "req/s", "vs nginx", "p50 ms", "p99 ms", "p99.9 ms",
                  "CPU s/M req", "vs nginx", "RSS MiB", "HWM MiB", "errors", "non-2xx"]
        rows = []
        for case in self.r.cases(scenario):
            ref_rps = self.m(scenario, case, REFERENCE, lambda s: s.load.rps)
            ref_cpu = self.m(scenario, case, REFERENCE, lambda s: s.cpu_per_mreq)
            for p in self.proxies:
                if not self.r.get(scenario, case, p):
                    continue
                rps = self.m(scenario, case, p, lambda s: s.load.rps)
                cpu = self.m(scenario, case, p, lambda s: s.cpu_per_mreq)
                rows.append([
                    case, p, _num(rps), _ratio(rps, ref_rps),
                    _ms(self.m(scenario, case, p, lambda s: s.load.p50_ms)),
                    _ms(self.m(scenario, case, p, lambda s: s.load.p99_ms)),
                    _ms(self.m(scenario, case, p, lambda s: s.load.p999_ms)),
                    _num(cpu, "{:.1f}"), _ratio(cpu, ref_cpu),
                    _num(self.m(scenario, case, p, lambda s: s.rss_mib)),
                    _num(self.m(scenario, case, p, lambda s: s.hwm_mib)),
                    self.total(scenario, case, p, lambda s: s.load.errors),
                    self.total(scenario, case, p, lambda s: s.load.non2xx),
                ])
        return f"### {title}\n\n{note}\n\n" + _table(header, rows) if rows else ""

    def latency_table(self, scenario, case, title, note):
        """S2 and S7: latency at a fixed rate, ratios of the percentiles."""
        header = ["proxy", "target req/s", "served req/s", "p50 ms", "p99 ms", "vs nginx",
                  "p99.9 ms", "vs nginx", "CPU s/M req", "RSS MiB", "failed", "resets", "non-2xx",
                  "unsent", "idle closes"]
        if scenario == "S7":
            header.insert(1, "reloads")
        ref99 = self.m(scenario, case, REFERENCE, lambda s: s.load.p99_ms)
        ref999 = self.m(scenario, case, REFERENCE, lambda s: s.load.p999_ms)
        rows = []
        for p in self.proxies:
            if not self.r.get(scenario, case, p):
                continue
            p99 = self.m(scenario, case, p, lambda s: s.load.p99_ms)
            p999 = self.m(scenario, case, p, lambda s: s.load.p999_ms)
            row = [
                p, _num(self.m(scenario, case, p, lambda s: s.extra.get("target_rps", math.nan))),
                _num(self.m(scenario, case, p, lambda s: s.load.rps)),
                _ms(self.m(scenario, case, p, lambda s: s.load.p50_ms)),
                _ms(p99), _ratio(p99, ref99), _ms(p999), _ratio(p999, ref999),
                _num(self.m(scenario, case, p, lambda s: s.cpu_per_mreq), "{:.1f}"),
                _num(self.m(scenario, case, p, lambda s: s.rss_mib)),
                self.total(scenario, case, p, lambda s: s.load.errors),
                self.total(scenario, case, p, lambda s: s.load.resets),
                self.total(scenario, case, p, lambda s: s.load.non2xx),
                self.total(scenario, case, p, lambda s: s.load.unsent),
                self.total(scenario, case, p, lambda s: s.load.idle_closes),
            ]
            if scenario == "S7":
                row.insert(1, self.total(scenario, case, p, lambda s: s.extra.get("reloads", 0)))
            rows.append(row)
        return f"### {title}\n\n{note}\n\n" + _table(header, rows) if rows else ""

    def route_scale_table(self):
        header = ["routes", "proxy", "req/s", "vs nginx", "vs own rate at fewest routes",
                  "p99 ms", "CPU s/M req", "RSS MiB", "HWM MiB", "errors", "non-2xx"]
        cases = self.r.cases("S6")
        rows = []
        for n in cases:
            ref = self.m("S6", n, REFERENCE, lambda s: s.load.rps)
            for p in self.proxies:
                if not self.r.get("S6", n, p):
                    continue
                rps = self.m("S6", n, p, lambda s: s.load.rps)
                scale = self.own_scale(n, cases[0], p)
                rows.append([
                    f"{n:,}", p, _num(rps), _ratio(rps, ref), _num(scale, "{:.2f}x"),
                    _ms(self.m("S6", n, p, lambda s: s.load.p99_ms)),
                    _num(self.m("S6", n, p, lambda s: s.cpu_per_mreq), "{:.1f}"),
                    _num(self.m("S6", n, p, lambda s: s.rss_mib)),
                    _num(self.m("S6", n, p, lambda s: s.hwm_mib)),
                    self.total("S6", n, p, lambda s: s.load.errors),
                    self.total("S6", n, p, lambda s: s.load.non2xx),
                ])
        note = ("Keep-alive, 64 connections, maximum rate, every request to the LAST host+path "
                "route (h<N-1>.bench.local /r<N-1>/x), 0 B body, header `x-bench: 1`. Lintel's "
                "routes require GET and that header, behind a decoy route on the same path and "
                "(on every tenth host, the last among them) a regular expression route, all "
                "evaluated per request; the others route on host+path only (bench/README.md). "
                "RSS after the run. Each round measures a proxy at every route count back to "
                "back; \"vs own rate at fewest routes\" is the median of those rounds' ratios.")
        return "### S6 route scale\n\n" + note + "\n\n" + _table(header, rows) if rows else ""

    def apply_table(self):
        header = ["routes", "proxy", "apply ms (median)", "min", "max", "vs nginx", "not served"]
        rows = []
        for n in self.r.cases("S8"):
            ref = self.m("S8", n, REFERENCE, lambda s: s.extra["apply_ms"])
            for p in self.proxies:
                samples = self.r.get("S8", n, p)
                if not samples:
                    continue
                values = [s.extra["apply_ms"] for s in samples if not math.isnan(s.extra["apply_ms"])]
                med = self.m("S8", n, p, lambda s: s.extra["apply_ms"])
                rows.append([
                    f"{n:,}", p, _num(med, "{:.1f}"),
                    _num(min(values) if values else None, "{:.1f}"),
                    _num(max(values) if values else None, "{:.1f}"),
                    _ratio(med, ref), sum(s.load.errors for s in samples),
                ])
        note = ("Time from writing the config with one more host (nginx: SIGHUP = `nginx -s reload`; "
                "HAProxy: master CLI `reload`; Caddy: `POST /load`, which returns once applied; "
                "Lintel: temp file + rename) until a GET to the new host answers 200, polled every "
                "5 ms on a new connection each time.")
        return "### S8 apply latency\n\n" + note + "\n\n" + _table(header, rows) if rows else ""

    def targets(self):
        """Issue 3's targets for Lintel, checked against this run."""
        L, N = "lintel", REFERENCE
        rows = []

        def check(name, value, ok, shown):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return
            rows.append([name, shown, "met" if ok(value) else "**missed**"])

        def ratio(s, case, metric):
            a, b = self.m(s, case, L, metric), self.m(s, case, N, metric)
            return a / b if b and not math.isnan(b) and not math.isnan(a) else float("nan")

        for case in (SIZE_NAMES[0], SIZE_NAMES[1024]):
            v = ratio("S1", case, lambda s: s.load.rps)
            check(f"S1 {case}: req/s >= 1.0x nginx (floor 0.8x)", v, lambda x: x >= 1.0,
                  f"{v:.2f}x" + (" (above floor)" if 0.8 <= v < 1.0 else ""))
            v = ratio("S1", case, lambda s: s.cpu_per_mreq)
            check(f"S1 {case}: CPU per request <= 1.0x nginx", v, lambda x: x <= 1.0, f"{v:.2f}x")
        v = ratio("S2", SIZE_NAMES[0], lambda s: s.load.p99_ms)
        check("S2: p99 <= 1.2x nginx", v, lambda x: x <= 1.2, f"{v:.2f}x")
        v = ratio("S2", SIZE_NAMES[0], lambda s: s.load.p999_ms)
        check("S2: p99.9 <= 2x nginx", v, lambda x: x <= 2.0, f"{v:.2f}x")
        cases = self.r.cases("S6")
        if 10 in cases and 10000 in cases:
            v = self.own_scale(10000, 10, L)
            check("S6: rate at 10,000 routes >= 0.97x rate at 10", v, lambda x: x >= 0.97, f"{v:.2f}x")
        if 1000 in cases:
            v = self.m("S6", 1000, L, lambda s: s.rss_mib)
            check("S6: RSS at 1,000 routes <= 128 MiB", v, lambda x: x <= 128, f"{v:.0f} MiB")
        if self.r.get("S7", "reload", L):
            v = self.total("S7", "reload", L, lambda s: s.load.errors + s.load.non2xx)
            check("S7: zero failed requests", float(v), lambda x: x == 0, f"{v:.0f}")
            v = self.total("S7", "reload", L, lambda s: s.load.resets)
            check("S7: zero reset connections", float(v), lambda x: x == 0, f"{v:.0f}")
        for n, limit in ((10000, 100), (1000, 30)):
            if self.r.get("S8", n, L):
                v = self.m("S8", n, L, lambda s: s.extra["apply_ms"])
                check(f"S8: apply < {limit} ms at {n:,} routes", v, lambda x: x < limit, f"{v:.1f} ms")
        if not rows:
            return ""
        return "### Targets (issue 3), Lintel\n\n" + _table(["target", "this run", ""], rows)

    def markdown(self):
        parts = [
            self.targets(),
            self.rate_table(
                "S1", "S1 keep-alive, maximum rate",
                "HTTP/1.1 keep-alive, 64 connections, wrk (closed loop), one case per body size."),
            self.latency_table(
                "S2", SIZE_NAMES[0], "S2 latency at a fixed rate",
                "Open loop at 50 % of nginx's S1 0 B maximum from this run, 64 keep-alive "
                "connections, 0 B body. Latency counts from the time a request was scheduled "
                "(coordinated-omission corrected): a proxy that cannot keep up shows its queue. "
                "unsent = scheduled requests that never found a free connection."),
            self.rate_table("S3", "S3 one connection, ping-pong",
                            "One keep-alive connection, one request at a time; 0 B body."),
            self.rate_table("S4", "S4 a new connection per request",
                            "wrk with `Connection: close` (the proxy closes after each response, "
                            "wrk reconnects); 0 B body."),
            self.route_scale_table(),
            self.latency_table(
                "S7", "reload", "S7 reload under load",
                "Open loop at 50 % of nginx's S1 0 B maximum (or of the proxy's own maximum if "
                "lower) while the config changes at a fixed interval (each time a different extra "
                "host). failed = requests lost in flight (connection closed or reset before the "
                "response, or no response in 5 s); resets = those lost to an RST; idle closes = "
                "idle keep-alive connections the proxy closed, which clients reopen without loss."),
            self.apply_table(),
        ]
        if self.r.failures:
            parts.append("### Failures\n\n" + "\n".join(
                "- " + f.replace("\n", " ").strip()[:600] for f in self.r.failures))
        return "\n\n".join(p for p in parts if p) + "\n"
